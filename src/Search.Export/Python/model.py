"""A NinSearch Network-in-Network in plain PyTorch, loaded from an export folder.

Needs only torch (and the standard library): the weights are read from model.safetensors by hand, so the
safetensors package is not required, and no pickle is loaded, so loading runs no code from the files.

    import model
    net = model.load("path/to/export")           # eval mode, on the CPU
    names = net.predict(images)                  # uint8 [N, C, H, W], 0..255 -> class names

net(x) returns logits for an already normalized float batch; net.normalize(images) does that normalization
(pixel / pixel_scale - mean) / std, with the statistics in preprocessing.json.

The network mirrors NinSearch's NinModelBuilder layer for layer, with the same module names, so the state dict
keys of the export load with strict=True.
"""

import json
import os
import struct
from collections import OrderedDict

import torch
from torch import nn

_DTYPES = {
    "U8": torch.uint8, "I8": torch.int8, "I16": torch.int16, "I32": torch.int32, "I64": torch.int64,
    "F16": torch.float16, "BF16": torch.bfloat16, "F32": torch.float32, "F64": torch.float64, "BOOL": torch.bool,
}


def read_safetensors(path):
    """Reads a safetensors file: returns (OrderedDict name -> tensor, metadata dict)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: not a safetensors file (too short)")
    (header_size,) = struct.unpack("<Q", data[:8])
    if 8 + header_size > len(data):
        raise ValueError(f"{path}: header of {header_size} bytes does not fit in {len(data)} bytes")
    header = json.loads(data[8:8 + header_size].decode("utf-8"))
    body = 8 + header_size
    tensors = OrderedDict()
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        dtype = _DTYPES[entry["dtype"]]
        shape = [int(d) for d in entry["shape"]]
        raw = bytearray(data[body + begin:body + end])
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(shape).clone()
    return tensors, header.get("__metadata__", {})


def _conv_width(spec, i):
    block = spec["blocks"][i]
    is_last = i == len(spec["blocks"]) - 1 and not block.get("pointwise")
    width = block.get("width", 0)
    return spec.get("classes", 10) if is_last and width == 0 else width


def _pointwise_width(spec, i, j):
    block = spec["blocks"][i]
    layers = block.get("pointwise") or []
    width = (layers[j] or {}).get("width")
    if width is not None:
        return width
    is_last = i == len(spec["blocks"]) - 1 and j == len(layers) - 1
    return spec.get("classes", 10) if is_last else block.get("width", 0)


def _block(spec, i, channels):
    block = spec["blocks"][i]
    last_block = i == len(spec["blocks"]) - 1
    kernel = block.get("kernel", 3)
    stride = block.get("stride", 1)
    padding = block.get("padding")
    if padding is None:
        padding = kernel // 2
    batch_norm = block.get("batch_norm", False)
    pointwise = block.get("pointwise") or []
    layers = OrderedDict()
    convs = 1 + len(pointwise)
    for j in range(convs):
        if j == 0:
            name, k, s, p, width = f"conv{kernel}x{kernel}", kernel, stride, padding, _conv_width(spec, i)
        else:
            name, k, s, p, width = f"mlp{j}", 1, 1, 0, _pointwise_width(spec, i, j - 1)
        # With batch norm right after, a bias would be cancelled by the norm's mean: NinSearch leaves it out.
        layers[name] = nn.Conv2d(channels, width, k, stride=s, padding=p, bias=not batch_norm)
        if batch_norm:
            layers[f"{name}_bn"] = nn.BatchNorm2d(width)
        final_conv = last_block and j == convs - 1
        if not final_conv or spec.get("final_relu", False):
            layers[f"{name}_relu"] = nn.ReLU(inplace=True)
        channels = width
    pool = block.get("pool")
    if pool is not None:
        kind = pool.get("kind", "max")
        pk, ps, ceil = pool.get("kernel", 3), pool.get("stride", 2), pool.get("ceil_mode", False)
        if kind == "max":
            layers["maxpool"] = nn.MaxPool2d(pk, ps, ceil_mode=ceil)
        elif kind == "avg":
            layers["avgpool"] = nn.AvgPool2d(pk, ps, ceil_mode=ceil)
        else:
            raise ValueError(f"unknown pool kind {kind!r}")
    dropout = block.get("dropout")
    if dropout is not None and dropout > 0:
        layers["dropout"] = nn.Dropout(dropout)
    return nn.Sequential(layers), channels


class NinNet(nn.Module):
    """A Network-in-Network built from a NinSearch spec (the parsed spec.json)."""

    def __init__(self, spec, preprocessing=None):
        super().__init__()
        if spec.get("version", 1) > 1:
            raise ValueError(f"spec version {spec['version']} is newer than this loader (1)")
        channels = spec.get("input", {}).get("channels", 1)
        blocks = OrderedDict()
        for i in range(len(spec["blocks"])):
            blocks[f"block{i + 1}"], channels = _block(spec, i, channels)
        self.features = nn.Sequential(blocks)
        self.head = nn.Sequential(OrderedDict([("global_avg_pool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten())]))
        self.spec = spec
        self.preprocessing = preprocessing or {}

    def forward(self, x):
        """Logits [N, classes] of a normalized float batch [N, C, H, W]."""
        return self.head(self.features(x))

    @property
    def class_names(self):
        return list(self.preprocessing.get("class_names", []))

    def normalize(self, images):
        """Raw pixels [N, C, H, W] (uint8 0..255, or any dtype on that scale) -> the network's float input."""
        p = self.preprocessing
        device = next(self.parameters()).device
        mean = torch.tensor(p["mean"], dtype=torch.float32, device=device).view(1, -1, 1, 1)
        std = torch.tensor(p["std"], dtype=torch.float32, device=device).view(1, -1, 1, 1)
        x = images.to(device=device, dtype=torch.float32) / float(p.get("pixel_scale", 255))
        return (x - mean) / std

    @torch.no_grad()
    def predict(self, images):
        """Raw pixels [N, C, H, W] -> class names (or indices when the export names no classes)."""
        indices = self(self.normalize(images)).argmax(dim=1).tolist()
        names = self.class_names
        return [names[i] for i in indices] if names else indices


def load(folder, device="cpu"):
    """Rebuilds the network of an export folder and loads its weights; returns it in eval mode."""
    with open(os.path.join(folder, "spec.json"), encoding="utf-8") as f:
        spec = json.load(f)
    preprocessing = None
    path = os.path.join(folder, "preprocessing.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            preprocessing = json.load(f)
    net = NinNet(spec, preprocessing)
    tensors, _ = read_safetensors(os.path.join(folder, "model.safetensors"))
    # load_state_dict copies each tensor into the parameter or buffer, converting the dtype where they differ.
    net.load_state_dict(tensors, strict=True)
    return net.to(device).eval()
