#!/usr/bin/python3
"""Training throughput of a NiN spec in PyTorch, for comparison with `nin-search bench train`.

Builds the same network as NinSearch.Model's builder from a spec JSON (SpecJson's snake_case form), then times
SGD steps (Nesterov momentum 0.9, weight decay 5e-4, cross-entropy with label smoothing 0.1) on one fixed random
batch, after a warm-up. Prints one JSON object with images_per_s.

Run with Debian's PyTorch: /usr/bin/python3 bench/pytorch/bench_train.py --arch bench/pytorch/specs/nin-small.json
"""
import argparse
import json
import time

import torch
from torch import nn


def build(spec):
    blocks = spec["blocks"]
    channels = spec.get("input", {}).get("channels", 1)
    classes = spec.get("classes", 10)
    layers = []
    for i, block in enumerate(blocks):
        last_block = i == len(blocks) - 1
        kernel = block.get("kernel", 3)
        pointwise = block.get("pointwise", [])
        width = block.get("width", 0) or (classes if last_block and not pointwise else 0)
        convs = [(kernel, block.get("stride", 1), block.get("padding", kernel // 2), width)]
        for j, layer in enumerate(pointwise):
            default = classes if last_block and j == len(pointwise) - 1 else width
            convs.append((1, 1, 0, layer.get("width") or default))
        bn = block.get("batch_norm", False)
        for j, (k, s, p, w) in enumerate(convs):
            layers.append(nn.Conv2d(channels, w, k, stride=s, padding=p, bias=not bn))
            if bn:
                layers.append(nn.BatchNorm2d(w))
            if not (last_block and j == len(convs) - 1) or spec.get("final_relu", False):
                layers.append(nn.ReLU(inplace=True))
            channels = w
        pool = block.get("pool")
        if pool:
            cls = nn.MaxPool2d if pool.get("kind", "max") == "max" else nn.AvgPool2d
            layers.append(cls(pool.get("kernel", 3), pool.get("stride", 2), ceil_mode=pool.get("ceil_mode", False)))
        if block.get("dropout"):
            layers.append(nn.Dropout(block["dropout"]))
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    model = nn.Sequential(*layers)
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", required=True)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--channels-last", action="store_true", help="model and batch in channels-last memory format")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    with open(args.arch) as f:
        spec = json.load(f)
    device = torch.device(args.device)
    model = build(spec).to(device)
    model.train()
    shape = spec.get("input", {})
    x = torch.randn(args.batch, shape.get("channels", 1), shape.get("height", 28), shape.get("width", 28), device=device)
    y = torch.randint(0, spec.get("classes", 10), (args.batch,), device=device)
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    if device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    print(json.dumps({
        "framework": "pytorch", "version": torch.__version__, "arch": spec.get("name"), "params": sum(p.numel() for p in model.parameters()), "batch": args.batch,
        "steps": args.steps, "threads": torch.get_num_threads(), "device": str(device), "channels_last": args.channels_last,
        "seconds": round(seconds, 3), "images_per_s": round(args.batch * args.steps / seconds, 1),
    }))


if __name__ == "__main__":
    main()
