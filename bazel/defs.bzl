"""memlint for Bazel (docs/bazel.md).

memlint_aspect runs `memlint collect` on every C and C++ source of the
cc_library, cc_binary and cc_test targets it visits (and their deps): one
action per source, with the target's flags, writing that source's facts.
Bazel caches these actions and runs them remotely like any compile.
memlint_report merges every fact of its targets with `memlint merge` and
writes the report: the same one `memlint check -p` gives on the same
sources and flags.
"""

MemlintInfo = provider(
    doc = "What memlint collected for a target and its dependencies.",
    fields = {
        "facts": "depset of .facts files, one per source",
        "sources": "depset of the sources and headers they read (memlint merge reads them for NOLINT comments, fingerprints and columns)",
    },
)

_CC_RULES = ["cc_library", "cc_binary", "cc_test"]
_C_EXTENSIONS = ["c"]
_CXX_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C"]

def _tool_attrs():
    return {
        "_memlint": attr.label(
            default = Label("@memlint_tool//:memlint"),
            executable = True,
            allow_single_file = True,
            cfg = "exec",
        ),
        "_packs": attr.label(default = Label("@memlint_tool//:packs")),
        "_config": attr.label(default = Label("//:config")),
    }

def memlint_collect_args(src, out, compilation_context, copts, config = None):
    """The arguments of `memlint collect` for one source (a list of strings).

    The target's defines and include paths (from its CcInfo), then the
    build's --copt and --cxxopt/--conlyopt, then the target's copts:
    the order of a compile command."""
    cc = compilation_context
    args = ["collect", "-o", out.path]
    if config:
        args += ["--config", config.path]
    args += [src.path, "--"]
    args += ["-D" + d for d in cc.defines.to_list()]
    args += ["-D" + d for d in cc.local_defines.to_list()]
    for i in cc.includes.to_list():
        args += ["-I", i]
    for i in cc.quote_includes.to_list():
        args += ["-iquote", i]
    for i in cc.system_includes.to_list():
        args += ["-isystem", i]
    args += copts
    return args

def _memlint_aspect_impl(target, ctx):
    deps = [d[MemlintInfo] for d in getattr(ctx.rule.attr, "deps", []) if MemlintInfo in d]
    facts, sources = [], []
    if ctx.rule.kind in _CC_RULES and CcInfo in target:
        cc = target[CcInfo].compilation_context
        config = ctx.files._config[0] if ctx.files._config else None
        for src in ctx.rule.files.srcs:
            if src.extension in _C_EXTENSIONS:
                lang = ctx.fragments.cpp.conlyopts
            elif src.extension in _CXX_EXTENSIONS:
                lang = ctx.fragments.cpp.cxxopts
            else:
                continue  # headers: read through the sources that include them
            copts = ctx.fragments.cpp.copts + lang + getattr(ctx.rule.attr, "copts", [])
            out = ctx.actions.declare_file("%s.memlint/%s.facts" % (
                ctx.rule.attr.name,
                src.short_path.replace("../", "external/"),
            ))
            ctx.actions.run(
                executable = ctx.executable._memlint,
                arguments = memlint_collect_args(src, out, cc, copts, config),
                inputs = depset([src] + ctx.files._config, transitive = [cc.headers]),
                tools = ctx.files._packs,
                outputs = [out],
                mnemonic = "MemlintCollect",
                # --action_env settings reach memlint (MEMLINT_PACKS_DIR,
                # MEMLINT_PROJECT_ROOT, MEMLINT_TEST_DIRS).
                use_default_shell_env = True,
                progress_message = "memlint collect %s" % src.short_path,
            )
            facts.append(out)
            sources.append(src)
        sources_depset = depset(sources, transitive = [cc.headers] + [d.sources for d in deps])
    else:
        sources_depset = depset(transitive = [d.sources for d in deps])
    info = MemlintInfo(
        facts = depset(facts, transitive = [d.facts for d in deps]),
        sources = sources_depset,
    )
    return [info, OutputGroupInfo(memlint_facts = info.facts)]

memlint_aspect = aspect(
    implementation = _memlint_aspect_impl,
    attr_aspects = ["deps"],
    attrs = _tool_attrs(),
    fragments = ["cpp"],
    provides = [MemlintInfo],
    doc = "Runs `memlint collect` on each C/C++ source of cc_* targets and their deps; the facts are in the memlint_facts output group.",
)

def _memlint_report_impl(ctx):
    facts = depset(transitive = [t[MemlintInfo].facts for t in ctx.attr.targets])
    sources = depset(transitive = [t[MemlintInfo].sources for t in ctx.attr.targets])
    ext = {"text": "txt", "json": "json", "sarif": "sarif", "codeclimate": "json", "github": "txt"}[ctx.attr.format]
    out = ctx.actions.declare_file("%s.%s" % (ctx.label.name, ext))
    args = ctx.actions.args()
    args.add(ctx.executable._memlint)
    args.add(out)
    args.add("merge")
    args.add("--format", ctx.attr.format)
    args.add("--fail-on", ctx.attr.fail_on)
    args.add("-o", out)
    if ctx.files._config:
        args.add("--config", ctx.files._config[0])
    args.add_all(facts)
    ctx.actions.run_shell(
        # A failed action's outputs are dropped: show the report that failed
        # it (findings at fail_on, inputs that could not be analyzed).
        command = 'm="$1"; out="$2"; shift 2; "$m" "$@"; rc=$?; ' +
                  'if [ $rc -ne 0 ] && [ -f "$out" ]; then cat "$out" >&2; fi; exit $rc',
        arguments = [args],
        inputs = depset(ctx.files._config, transitive = [facts, sources]),
        tools = ctx.files._packs + [ctx.executable._memlint],
        outputs = [out],
        mnemonic = "MemlintMerge",
        use_default_shell_env = True,
        progress_message = "memlint merge: %s" % ctx.label,
    )
    return [DefaultInfo(files = depset([out]))]

memlint_report = rule(
    implementation = _memlint_report_impl,
    attrs = dict(_tool_attrs(), **{
        "targets": attr.label_list(
            aspects = [memlint_aspect],
            doc = "cc_library, cc_binary and cc_test targets; their deps are followed",
        ),
        "format": attr.string(
            default = "text",
            values = ["text", "json", "sarif", "codeclimate", "github"],
        ),
        "fail_on": attr.string(
            default = "none",
            values = ["note", "warning", "error", "none"],
            doc = "as memlint's --fail-on: the build fails on findings of that severity or higher",
        ),
    }),
    doc = "The memlint report over the targets (and their deps): `memlint merge` of every source's facts.",
)
