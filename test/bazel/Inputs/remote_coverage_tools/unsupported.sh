#!/bin/sh
echo "coverage tools are not available offline (test/bazel/Inputs/remote_coverage_tools)" >&2
exit 1
