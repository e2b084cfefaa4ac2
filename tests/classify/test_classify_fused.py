"""Fused bfloat16 encoder layers: the plain layer's arithmetic, no added memory, and a way
back to plain layers."""

from __future__ import annotations

import numpy as np
import pytest
from tinydata import make_texts, tiny_config

from pipeline.classify import encoder as encoder_module
from pipeline.classify.encoder import DTYPE_ENV, LeanEncoder, _modules, lean_base
from pipeline.classify.fused import FUSED_ENV, fuse_qkv, fused_available, fused_bert_layer
from pipeline.classify.model import additive_mask, bert_layer

torch = pytest.importorskip("torch")
needs_fused = pytest.mark.skipif(not fused_available(), reason="torch has no oneDNN fused linear operators")
SETTINGS = {
    "hidden_size": 64,
    "intermediate_size": 256,
    "layer_norm_eps": 1e-12,
    "max_position_embeddings": 32,
    "type_vocab_size": 2,
}


def random_layer(seed: int = 0):
    """One lean BERT layer with random weights, in bfloat16."""
    generator = torch.Generator().manual_seed(seed)
    _, layers = _modules(SETTINGS, 1)
    layer = layers[0]
    state = {
        name: (torch.randn(value.shape, generator=generator) * (1.0 if "norm" in name else 0.1))
        for name, value in layer.state_dict().items()
    }
    layer.load_state_dict(state, assign=True)
    return layer.to(torch.bfloat16).eval()


@needs_fused
def test_fused_layer_computes_the_plain_layer():
    layer = random_layer()
    fuse_qkv(layer)
    hidden = torch.randn(3, 9, 64).to(torch.bfloat16)
    mask = torch.ones(3, 9, dtype=torch.long)
    mask[1, 6:] = 0  # a padded passage
    extended = additive_mask(mask).to(torch.bfloat16)
    with torch.inference_mode():
        plain = bert_layer(layer, hidden, extended, heads=4).float()
        fused = fused_bert_layer(layer, hidden, extended, heads=4).float()
    assert plain.shape == fused.shape == (3, 9, 64)
    assert torch.allclose(plain, fused, atol=0.1)
    assert torch.nn.functional.cosine_similarity(plain.flatten(1), fused.flatten(1)).min() > 0.999


def test_the_query_key_value_weights_become_views_of_one_product():
    layer = random_layer()
    before = [p.weight.detach().clone() for p in (layer.query, layer.key, layer.value)]
    fuse_qkv(layer)
    assert layer.qkv_weight.shape == (3 * 64, 64) and layer.qkv_bias.shape == (3 * 64,)
    for part, old in zip((layer.query, layer.key, layer.value), before, strict=True):
        assert torch.equal(part.weight, old)
        assert part.weight.untyped_storage().data_ptr() == layer.qkv_weight.untyped_storage().data_ptr()


def test_the_environment_switches_the_fused_layers_off(monkeypatch):
    monkeypatch.setenv(FUSED_ENV, "0")
    assert fused_available() is False


@needs_fused
def test_bfloat16_serving_runs_fused_layers_close_to_plain_ones(tiny_base, monkeypatch):
    config = tiny_config(tiny_base, quantize=False)
    texts = [t for t, _ in make_texts(12, 5)] + ["bus", "a much longer text " * 20]
    monkeypatch.setenv(DTYPE_ENV, "bfloat16")
    fused = LeanEncoder(config, lean_base(config))
    assert fused.fused
    monkeypatch.setenv(FUSED_ENV, "0")
    plain = LeanEncoder(config, lean_base(config))
    assert not plain.fused
    a, b = fused.pooled(texts), plain.pooled(texts)
    cosine = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    assert cosine.min() > 0.999


def test_float32_and_int8_layers_are_never_fused(tiny_base, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "float32")
    assert not LeanEncoder(tiny_config(tiny_base, quantize=False), lean_base(tiny_config(tiny_base))).fused
    monkeypatch.setenv(DTYPE_ENV, "bfloat16")
    assert not LeanEncoder(tiny_config(tiny_base, quantize=True), lean_base(tiny_config(tiny_base))).fused


@needs_fused
def test_fused_layers_that_disagree_with_plain_ones_are_not_served(tiny_base, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "bfloat16")
    monkeypatch.setattr(encoder_module, "fused_bert_layer", lambda layer, hidden, *a: hidden * 0 + 7)
    config = tiny_config(tiny_base, quantize=False)
    lean = LeanEncoder(config, lean_base(config))
    assert not lean.fused
    assert np.isfinite(lean.pooled(["bus and road"])).all()
