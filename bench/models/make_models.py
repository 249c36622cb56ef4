"""Writes the bench's models and items without any ONNX package: ONNX files are protobuf, written here by hand.

mlp.onnx: features[N, 512] -> Gemm(512x256) -> Relu -> Gemm(256x3) -> logits[N, 3], seeded random weights.
items.jsonl: N items {"text": ..., "features": [512 numbers]}.
"""
import json
import random
import struct
import sys


def varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def field_varint(number, value):
    return varint(number << 3) + varint(value)


def field_bytes(number, data):
    if isinstance(data, str):
        data = data.encode()
    return varint(number << 3 | 2) + varint(len(data)) + data


def tensor(name, dims, values):
    body = b"".join(field_varint(1, d) for d in dims) + field_varint(2, 1) + field_bytes(8, name)
    return body + field_bytes(9, struct.pack(f"<{len(values)}f", *values))


def value_info(name, shape):
    dims = b"".join(field_bytes(1, field_bytes(2, "N") if d < 0 else field_varint(1, d)) for d in shape)
    tensor_type = field_varint(1, 1) + field_bytes(2, dims)
    return field_bytes(1, name) + field_bytes(2, field_bytes(1, tensor_type))


def node(op, inputs, outputs, index):
    return b"".join(field_bytes(1, i) for i in inputs) + b"".join(field_bytes(2, o) for o in outputs) + \
        field_bytes(3, f"{op}_{index}") + field_bytes(4, op)


def mlp(path, features, hidden, classes, rng):
    w1 = [rng.gauss(0, 0.05) for _ in range(features * hidden)]
    w2 = [rng.gauss(0, 0.1) for _ in range(hidden * classes)]
    graph = b"".join(field_bytes(1, n) for n in [
        node("Gemm", ["features", "W1", "B1"], ["h"], 0),
        node("Relu", ["h"], ["hr"], 1),
        node("Gemm", ["hr", "W2", "B2"], ["logits"], 2),
    ])
    graph += field_bytes(2, "mlp")
    for t in [tensor("W1", [features, hidden], w1), tensor("B1", [hidden], [0.0] * hidden),
              tensor("W2", [hidden, classes], w2), tensor("B2", [classes], [0.0] * classes)]:
        graph += field_bytes(5, t)
    graph += field_bytes(11, value_info("features", [-1, features]))
    graph += field_bytes(12, value_info("logits", [-1, classes]))
    model = field_varint(1, 8) + field_bytes(2, "laoshi-bench") + field_bytes(7, graph) + \
        field_bytes(8, field_bytes(1, "") + field_varint(2, 13))
    with open(path, "wb") as f:
        f.write(model)


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(7)
    mlp(f"{folder}/mlp.onnx", 512, 256, 3, rng)
    with open(f"{folder}/items.jsonl", "w") as f:
        for i in range(count):
            f.write(json.dumps({"text": "good" if i % 2 else "bad", "features": [round(rng.random(), 4) for _ in range(512)]}) + "\n")


main()
