#!/usr/bin/env python3
"""Compares two results.json files leaf by leaf (a refactor must change no result).

    python3 bench/results_diff.py BEFORE/results.json AFTER/results.json

Prints every leaf whose value differs, and the keys present on one side only. Timings ("seconds",
"elapsed"...) and the run environment (which names the commit) are not results and are ignored.
Exits 1 when any result differs.
"""
import json
import sys

IGNORED = {"seconds", "environment", "tokens_per_second", "problems_per_second", "elapsed_seconds"}


def walk(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k in IGNORED:
                continue
            if k not in a:
                out.append(f"{path}.{k}: only in AFTER")
            elif k not in b:
                out.append(f"{path}.{k}: only in BEFORE")
            else:
                walk(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items before, {len(b)} after")
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append(f"{path}: {a!r} -> {b!r}")


def main():
    before, after = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
    out = []
    walk(before, after, "$", out)
    leaves = []

    def count(n):
        if isinstance(n, dict):
            for k, v in n.items():
                if k not in IGNORED:
                    count(v)
        elif isinstance(n, list):
            for v in n:
                count(v)
        else:
            leaves.append(n)

    count(before)
    for line in out:
        print(line)
    print(f"{len(leaves)} result leaves compared, {len(out)} differences")
    sys.exit(1 if out else 0)


if __name__ == "__main__":
    main()
