# lit configuration for memlint's check and CLI tests.
import os
import shlex

import lit.formats

config.name = "memlint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.memlint_obj_root, "test")
# Not tests: mock headers, inputs of other tests, unit tests (own suite).
config.excludes = ["include", "Inputs", "unit", "fixtures", "lit.cfg.py"]

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Paths in output are relative to the working directory when below it; keep
# tests independent of where lit runs.
config.environment["LC_ALL"] = "C"
# The fixtures live under test/, which would make each of them test code
# (low confidence); the tests of that rule set the variable themselves.
config.environment["MEMLINT_TEST_DIRS"] = ""

runner = os.path.join(config.test_source_root, "check_memlint.py")
mocks = os.path.join(config.test_source_root, "include")
check_memlint = " ".join(shlex.quote(a) for a in [
    config.python_executable, runner,
    "--memlint", config.memlint_bin,
    "--plugin", config.memlint_plugin,
    "--clang-tidy", config.clang_tidy,
    "--filecheck", os.path.join(config.llvm_tools_dir, "FileCheck"),
    "--mocks", mocks,
])
config.substitutions.append(("%check_memlint", check_memlint))
config.substitutions.append(("%memlint_plugin", config.memlint_plugin))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%memlint_dir", os.path.dirname(config.memlint_bin)))
config.substitutions.append(("%memlint", config.memlint_bin))
config.substitutions.append(("%mocks", mocks))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%src_root", config.memlint_src_root))
config.substitutions.append(("%expect_exit", "%s %s" % (
    shlex.quote(config.python_executable),
    shlex.quote(os.path.join(config.test_source_root, "expect_exit.py")))))
config.substitutions.append(("%schema", os.path.join(
    config.memlint_src_root, "docs", "schema", "memlint-report.schema.json")))
config.substitutions.append(("%obj_root", config.memlint_obj_root))

# Tools some CLI tests need; scripts/dev.sh installs them. Tests that need one
# say `REQUIRES: <feature>`.
import shutil
sarif_multitool = os.environ.get("MEMLINT_SARIF_MULTITOOL") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
    "memlint-tools", "node_modules", "@microsoft", "sarif-multitool-linux",
    "Sarif.Multitool")
if os.access(sarif_multitool, os.X_OK):
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif_multitool", shlex.quote(sarif_multitool)))
    # .NET without ICU still validates; and no telemetry or first-run notes.
    config.environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"
    config.environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
for tool in ["git", "pre-commit", "groff", "clang-apply-replacements-19",
             "dpkg-shlibdeps", "chromium", "bazel"]:
    if shutil.which(tool):
        config.available_features.add(tool)
config.substitutions.append(("%rules_fuzzer", config.rules_fuzzer))
