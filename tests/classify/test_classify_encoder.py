"""The lean encoder loader gives the same vectors as transformers' BertModel, fine-tuned
layers included."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tinydata import make_texts

from pipeline.classify.encoder import LeanEncoder, lean_base, with_tuned_layers
from pipeline.classify.fit import Encoded, fit
from pipeline.classify.model import ClassifierConfig, save_classifier, saved_layers
from pipeline.classify.predictor import load_model
from pipeline.settings import PROJECT_ROOT

E5 = PROJECT_ROOT / "models" / "base" / "multilingual-e5-small"
MIXED = [
    "The city runs integrated bus services for commuters.",
    "Pemerintah daerah menyediakan layanan kesehatan bagi warga miskin di kota.",
    "short",
    "Akta ini boleh dinamakan Akta Perlindungan Data Peribadi 2010.",
] * 3


def _config(base, **overrides) -> ClassifierConfig:
    values = {
        "labels": ["governance", "mobility"],
        "base_model": str(base),
        "encoder_layers": None,
        "prefix": "",
        "batch_size": 4,
    } | overrides
    return ClassifierConfig(**values)


@pytest.mark.parametrize("quantize", [False, True])
def test_lean_vectors_equal_transformers_on_a_tiny_bert(tiny_base, quantize):
    config = _config(tiny_base, quantize=quantize)
    texts = [t for t, _ in make_texts(10, 3)] + ["bus", "a much longer text " * 20]
    lean = LeanEncoder(config, lean_base(config)).pooled(texts)
    full = Encoded(config).pooled(texts)
    assert np.allclose(lean, full, atol=1e-5)


@pytest.mark.skipif(not (E5 / "model.safetensors").is_file(), reason="e5 base model not built")
def test_lean_vectors_equal_transformers_on_the_production_encoder():
    config = _config(E5, encoder_layers=12, quantize=True, prefix="query: ", batch_size=16)
    lean = LeanEncoder(config, lean_base(config)).pooled(MIXED)
    full = Encoded(config).pooled(MIXED)
    cosine = (lean * full).sum(1) / np.linalg.norm(lean, axis=1) / np.linalg.norm(full, axis=1)
    assert cosine.min() > 0.9999


def test_switched_off_lean_loading_goes_through_transformers(tiny_base, monkeypatch):
    assert lean_base(_config(tiny_base)) is not None
    assert lean_base(_config(tiny_base, train_layers=1)) is not None
    monkeypatch.setenv("SANDINGAN_LEAN_ENCODER", "0")
    assert lean_base(_config(tiny_base)) is None


def test_fine_tuned_layers_replace_the_base_layers(tiny_base, tmp_path, monkeypatch):
    config = _config(
        tiny_base, train_layers=1, epochs=3, encoder_learning_rate=5e-3, use_lexicon=False, quantize=False
    )
    encoded = Encoded(config)
    texts = [t for t, _ in make_texts(24, 5)]
    targets = np.array([[i % 2, (i // 2) % 2] for i in range(len(texts))], dtype=float)
    save_classifier(tmp_path / "m", config, fit(encoded, texts, targets), encoded.encoder)
    tuned = saved_layers(tmp_path / "m")
    assert tuned and all(k.startswith(f"layer.{encoded.split.cut}.") for k in tuned)
    lean = load_model(tmp_path / "m").scores(texts)
    monkeypatch.setenv("SANDINGAN_LEAN_ENCODER", "0")
    full = load_model(tmp_path / "m").scores(texts)
    np.testing.assert_allclose(lean, full, atol=1e-5)
    base_only = LeanEncoder(config, Path(tiny_base)).pooled(texts)
    assert not np.allclose(LeanEncoder(config, Path(tiny_base), tuned).pooled(texts), base_only, atol=1e-3)


def test_a_tuned_layer_the_base_lacks_is_refused():
    with pytest.raises(KeyError, match="layer.7.output"):
        with_tuned_layers({"encoder.layer.0.output.dense.weight": 0}, {"layer.7.output.dense.weight": 1})


def test_a_fresh_classify_process_answers_its_first_line():
    from pipeline.bench.classify import first_line

    report = first_line(lean=True)
    assert report["first_line_s"] > 0 and report["peak_mb"] > 0


def test_only_the_frozen_layers_of_a_fine_tuned_model_are_int8(tiny_base, tmp_path):
    import torch

    config = _config(tiny_base, train_layers=1, epochs=1, use_lexicon=False, quantize=True)
    encoded = Encoded(config)
    texts = [t for t, _ in make_texts(8, 2)]
    targets = np.array([[i % 2, 1 - i % 2] for i in range(len(texts))], dtype=float)
    save_classifier(tmp_path / "m", config, fit(encoded, texts, targets), encoded.encoder)
    layers = load_model(tmp_path / "m").encoded.layers
    kinds = [type(layer.query) for layer in layers]
    assert kinds[-1] is torch.nn.Linear  # the fine-tuned top layer stays float
    assert all(k is not torch.nn.Linear for k in kinds[:-1])  # the frozen ones are int8
