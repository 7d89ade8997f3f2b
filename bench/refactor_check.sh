#!/usr/bin/env bash
# A refactor changes no result: runs `sift demo` at BEFORE (a git revision, in a temporary worktree)
# and at the working tree, both with the same GEMM, and diffs the two results.json leaf by leaf
# (bench/results_diff.py; timings and the environment are ignored).
#   bench/refactor_check.sh BEFORE [demo flags...]     e.g. bench/refactor_check.sh 2c1fc04 --quick
# SIFT_GEMM defaults to managed here, so both runs use the same kernels whatever is installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${1:?usage: bench/refactor_check.sh BEFORE_REVISION [demo flags...]}"; shift
export SIFT_GEMM="${SIFT_GEMM:-managed}"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true' EXIT
git -C "$root" worktree add --detach "$work/before" "$before" >/dev/null
(cd "$work/before" && ./sift demo --out "$work/demo-before" "$@") > "$work/before.log" 2>&1
(cd "$root" && ./sift demo --out "$work/demo-after" "$@") > "$work/after.log" 2>&1
echo "before: $before ($(git -C "$root" rev-parse --short "$before")), after: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+changes'), SIFT_GEMM=$SIFT_GEMM, logs and results in $work"
python3 "$root/bench/results_diff.py" "$work/demo-before/results.json" "$work/demo-after/results.json"
