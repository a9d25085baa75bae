#!/usr/bin/python3
"""Sums oneDNN primitive time per (primitive, implementation, direction, problem) from a log written with
ONEDNN_VERBOSE=1 (libtorch 2.x) or DNNL_VERBOSE=1 (PyTorch 1.13), largest first. Reorders between layouts show up
as their own rows, which is how a network that silently runs outside channels-last gives itself away.

Usage: ONEDNN_VERBOSE=1 DNNL_VERBOSE=1 COMMAND > log 2>&1; bench/pytorch/onednn_time.py log [log...]
"""
import collections
import sys


def main(paths):
    for path in paths:
        total = collections.defaultdict(float)
        count = collections.Counter()
        for line in open(path):
            if not line.startswith("onednn_verbose") or ",exec," not in line:
                continue
            parts = line.strip().split(",")
            i = parts.index("exec")
            key = (parts[i + 2], parts[i + 3], parts[i + 4], parts[-2][:60])
            total[key] += float(parts[-1])
            count[key] += 1
        print(f"== {path}: {sum(total.values()):.1f} ms in oneDNN primitives")
        for key, ms in sorted(total.items(), key=lambda kv: -kv[1]):
            print(f"{ms:9.1f} ms {count[key]:5d}x  {' | '.join(key)}")


if __name__ == "__main__":
    main(sys.argv[1:])
