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
