#!/usr/bin/python3
"""Summarizes compare.sh output: best and median images/s per variant, and the median of per-round ratios of
TorchSharp's default (channels-last) run to PyTorch's faster variant in the same round.

Usage: bench/pytorch/compare.sh ... | tee log; bench/pytorch/summarize.py log
"""
import json
import statistics
import sys
from collections import defaultdict


def variant(r):
    if r.get("framework") == "torchsharp":
        return f"torchsharp {r.get('layout', 'default')}"
    return "pytorch " + ("channels-last" if r.get("channels_last") else "nchw")


def main(path):
    runs = defaultdict(lambda: defaultdict(list))  # arch -> variant -> [images/s in round order]
    for line in open(path):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            runs[r["arch"]][variant(r)].append(r["images_per_s"])
    for arch, variants in runs.items():
        print(f"## {arch}")
        print("| variant | runs | best | median |")
        print("|---|---|---|---|")
        for name, values in sorted(variants.items()):
            print(f"| {name} | {len(values)} | {max(values):,.0f} | {statistics.median(values):,.0f} |")
        ts = variants.get("torchsharp nhwc", [])
        py = [max(a, b) for a, b in zip(variants.get("pytorch nchw", []), variants.get("pytorch channels-last", []))]
        ratios = [a / b for a, b in zip(ts, py)]
        if ratios:
            print(f"\nTorchSharp channels-last / PyTorch's faster layout, per round: median {statistics.median(ratios):.2f}x "
                  f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x, {len(ratios)} rounds); best against best "
                  f"{max(ts) / max(py):.2f}x\n")


if __name__ == "__main__":
    main(sys.argv[1])
