#!/usr/bin/python3
"""Writes tests/Sift.Tests/IO/Fixtures/torch_dtypes.safetensors, a tiny safetensors file whose
tensor bytes come from PyTorch (Debian python3-torch) in F32, F16, BF16, I64 and I32.

The `safetensors` package is not installed here, so the container format is written by hand with
struct exactly as https://github.com/huggingface/safetensors specifies: an 8-byte little-endian
header length, a JSON header padded with spaces to a multiple of 8, then the data. The expected
float32 values (what each stored element converts back to, computed by torch) are stored beside
them as `expected.<name>` F32 tensors so the C# test needs no Python.

Run: /usr/bin/python3 tests/reference/make_safetensors_fixture.py
"""
import json
import os
import struct

import torch

torch.manual_seed(1234)
values = torch.cat([
    torch.tensor([0.0, -0.0, 1.0, -2.5, 65504.0, 1e-8, 3.14159265, -1e30, 1e30, 6.1e-5, 1.0 / 3.0]),
    torch.randn(13) * 10,
])

tensors = {
    "f32": values.reshape(2, 12).to(torch.float32),
    "f16": values.reshape(4, 6).to(torch.float16),
    "bf16": values.reshape(3, 8).to(torch.bfloat16),
    "i64": torch.tensor([[0, 1, -7], [123456789, -5, 42]], dtype=torch.int64),
    "i32": torch.tensor([3, -2147483648, 2147483647], dtype=torch.int32),
}
# Special values are compared bit-for-bit too.
tensors["bf16_special"] = torch.tensor([float("inf"), float("-inf"), 1.0e38, -1.17549435e-38], dtype=torch.bfloat16)
tensors["f16_special"] = torch.tensor([float("inf"), float("-inf"), 5.96e-8, -65504.0], dtype=torch.float16)
for name in list(tensors):
    tensors["expected." + name] = tensors[name].to(torch.float32)

dtype_names = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64", torch.int32: "I32"}


def raw_bytes(t):
    t = t.contiguous()
    if t.dtype in (torch.float16, torch.bfloat16):
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()


header = {"__metadata__": {"format": "pt", "producer": "tests/reference/make_safetensors_fixture.py"}}
data = b""
# Deliberately not in name order, as other writers may do.
for name in sorted(tensors, key=lambda n: (-len(n), n)):
    b = raw_bytes(tensors[name])
    header[name] = {"dtype": dtype_names[tensors[name].dtype], "shape": list(tensors[name].shape),
                    "data_offsets": [len(data), len(data) + len(b)]}
    data += b
h = json.dumps(header, separators=(",", ":")).encode("utf-8")
h += b" " * ((8 - len(h) % 8) % 8)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sift.Tests", "IO", "Fixtures", "torch_dtypes.safetensors")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(h)))
    f.write(h)
    f.write(data)
print(os.path.normpath(out), os.path.getsize(out), "bytes")
