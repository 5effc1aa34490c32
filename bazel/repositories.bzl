"""memlint_configure(): the memlint executable (and its rule packs) as a
repository, @memlint_tool, for the aspect in defs.bzl to run."""

def _memlint_configure_impl(rctx):
    path = rctx.attr.memlint or rctx.os.environ.get("MEMLINT", "")
    if not path:
        found = rctx.which("memlint")
        path = str(found) if found else ""
    if not path:
        fail("memlint_configure: no memlint on PATH; install it, or give " +
             "memlint_configure(memlint = \"/path/to/memlint\") or MEMLINT=...")
    exe = rctx.path(path)
    if not exe.exists:
        fail("memlint_configure: %s does not exist" % path)
    rctx.symlink(exe, "memlint")

    # The packs an installed memlint reads (<prefix>/share/memlint), or the
    # ones given: inputs of every action, so changing them reruns them.
    packs = rctx.attr.packs or str(exe.dirname.dirname) + "/share/memlint"
    if rctx.path(packs).exists:
        rctx.symlink(rctx.path(packs), "packs")
    else:
        rctx.file("packs/NONE", "")
    rctx.file("BUILD.bazel", """
exports_files(["memlint"], visibility = ["//visibility:public"])

filegroup(
    name = "packs",
    srcs = glob(["packs/**/*.yaml"]),
    visibility = ["//visibility:public"],
)
""")

memlint_configure = repository_rule(
    implementation = _memlint_configure_impl,
    attrs = {
        "memlint": attr.string(doc = "the memlint executable (default: $MEMLINT, else memlint on PATH)"),
        "packs": attr.string(doc = "its rule packs' directory (default: <prefix>/share/memlint)"),
    },
    environ = ["MEMLINT", "PATH"],
    local = True,
    doc = "Makes @<name>//:memlint the memlint executable found on the host.",
)
