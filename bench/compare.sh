#!/usr/bin/env bash
# Sift vs PyTorch on the same machine, same thread count: runs `./sift bench train|sample --json`
# and bench/torch_train.py / bench/torch_sample.py interleaved (sift, torch, sift, torch, ...) for
# a few rounds, then prints the median tokens/s of each side and the ratio Sift/PyTorch.
# The machine is shared and noisy: interleaving and medians keep the comparison fair.
#
#   bench/compare.sh                         # 3 rounds: train gpt2-124m + small, sample small at batch 1, 16, 32
#   ROUNDS=5 TRAIN="small" SAMPLE_BATCHES="1" bench/compare.sh   (an empty list skips that part)
#
# Both sides pick OpenBLAS's core type and thread settings themselves (bench/torch_common.py for
# torch; Sift's OpenBLAS loader for sift). Both use every core by default; THREADS=N, when set,
# is passed to both as --threads N.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
ROUNDS="${ROUNDS:-3}"
TRAIN="${TRAIN-gpt2-124m small}"
SAMPLE_CONFIG="${SAMPLE_CONFIG:-small}"
SAMPLE_BATCHES="${SAMPLE_BATCHES-1 16 32}"
threads=()
if [ -n "${THREADS:-}" ]; then threads=(--threads "$THREADS"); fi
PY=/usr/bin/python3   # Debian's python3-torch; the python3 on PATH has no torch
log="$(mktemp -d)/compare.log"
echo "logs: $log"

# Last line of a run's output must be one JSON object; prints its tokens_per_s (or nothing).
tps() { tail -n 1 | $PY -c 'import json,sys
try: print(json.loads(sys.stdin.read())["tokens_per_s"])
except Exception: pass'; }

declare -A results
run() { # key command...
  local key="$1"; shift
  local out v
  out="$("$@" 2>>"$log")"
  printf '%s\n$ %s\n%s\n' "----" "$*" "$out" >>"$log"
  v="$(printf '%s\n' "$out" | tps)"
  if [ -n "$v" ]; then results[$key]="${results[$key]:-} $v"; echo "  $key: $v tokens/s"; else echo "  $key: FAILED (see $log)"; fi
}

# Build sift once up front so no round pays for it.
./sift --help >/dev/null 2>>"$log" || echo "warning: ./sift did not start; see $log"

for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS"
  for c in $TRAIN; do
    run "train/$c/sift" ./sift bench train --config "$c" "${threads[@]}" --json
    run "train/$c/torch" $PY bench/torch_train.py --config "$c" "${threads[@]}" --json
  done
  for b in $SAMPLE_BATCHES; do
    run "sample/$SAMPLE_CONFIG/b$b/sift" ./sift bench sample --config "$SAMPLE_CONFIG" --batch "$b" "${threads[@]}" --json
    run "sample/$SAMPLE_CONFIG/b$b/torch" $PY bench/torch_sample.py --config "$SAMPLE_CONFIG" --batch "$b" "${threads[@]}" --json
  done
done

median() { $PY -c 'import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.1f}" if v else "-")' $1; }

echo
printf '%-28s %12s %12s %10s\n' "benchmark (median tok/s)" "sift" "pytorch" "sift/torch"
keys=""
for c in $TRAIN; do keys="$keys train/$c"; done
for b in $SAMPLE_BATCHES; do keys="$keys sample/$SAMPLE_CONFIG/b$b"; done
for k in $keys; do
  s="$(median "${results[$k/sift]:-}")"
  t="$(median "${results[$k/torch]:-}")"
  ratio="$($PY -c 'import sys
try: print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}x")
except Exception: print("-")' "$s" "$t")"
  printf '%-28s %12s %12s %10s\n' "$k" "$s" "$t" "$ratio"
done
