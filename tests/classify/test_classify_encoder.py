"""The lean encoder loader gives the same vectors as transformers' BertModel, fine-tuned
layers included."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tinydata import make_texts, tiny_config

from pipeline.classify.encoder import (
    DTYPE_ENV,
    DiskRows,
    LeanEncoder,
    cpu_has_native_bf16,
    lean_base,
    read_safetensors,
    serving_dtype,
    with_tuned_layers,
)
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
    return tiny_config(base, **overrides)


@pytest.mark.parametrize("quantize", [False, True])
def test_lean_vectors_equal_transformers_on_a_tiny_bert(tiny_base, quantize, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "float32")
    config = _config(tiny_base, quantize=quantize)
    texts = [t for t, _ in make_texts(10, 3)] + ["bus", "a much longer text " * 20]
    lean = LeanEncoder(config, lean_base(config)).pooled(texts)
    full = Encoded(config).pooled(texts)
    assert np.allclose(lean, full, atol=1e-5)


def test_bfloat16_serving_stays_close_to_float32(tiny_base, monkeypatch):
    config = _config(tiny_base, quantize=False)
    texts = [t for t, _ in make_texts(10, 3)] + ["bus", "a much longer text " * 20]
    monkeypatch.setenv(DTYPE_ENV, "float32")
    full = LeanEncoder(config, lean_base(config)).pooled(texts)
    monkeypatch.setenv(DTYPE_ENV, "bfloat16")
    half = LeanEncoder(config, lean_base(config))
    assert half.dtype == "bfloat16" and str(half.layers[0].query.weight.dtype) == "torch.bfloat16"
    assert "word" not in half.embeddings  # the vocabulary matrix is read from the file
    vectors = half.pooled(texts)
    assert vectors.dtype == np.float32 and not np.array_equal(vectors, full)
    cosine = (vectors * full).sum(1) / np.linalg.norm(vectors, axis=1) / np.linalg.norm(full, axis=1)
    assert cosine.min() > 0.999


@pytest.mark.parametrize(
    ("flags", "native"),
    [
        ("flags\t\t: fpu sse2 avx2 avx512f avx512_bf16 amx_tile", True),
        ("flags\t\t: fpu sse2 avx2 amx_bf16 amx_tile", True),
        ("flags\t\t: fpu sse2 avx2 avx512f avx512bw avx512_vnni", False),
        ("processor\t: 0\nmodel name\t: an ARM core", False),
    ],
)
def test_native_bfloat16_is_read_from_the_cpu_flags(flags, native):
    assert cpu_has_native_bf16(flags) is native


def test_the_serving_type_follows_the_environment_and_never_applies_to_int8(monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "bfloat16")
    assert serving_dtype(ClassifierConfig(quantize=False)) == "bfloat16"
    assert serving_dtype(ClassifierConfig(quantize=True)) == "float32"
    monkeypatch.setenv(DTYPE_ENV, "float32")
    assert serving_dtype(ClassifierConfig(quantize=False)) == "float32"
    monkeypatch.setenv(DTYPE_ENV, "half")
    with pytest.raises(ValueError, match="float32, bfloat16 or int8"):
        serving_dtype(ClassifierConfig(quantize=False))


def test_safetensors_are_read_into_the_serving_type_without_a_memory_map(tmp_path, monkeypatch):
    import torch
    from safetensors.torch import load_file, save_file

    tensors = {
        "a": torch.randn(3000, 7),
        "b": torch.randn(5, 2).half(),
        "ids": torch.arange(9).view(3, 3),
    }
    save_file(tensors, str(tmp_path / "w.safetensors"), metadata={"format": "pt"})
    monkeypatch.setattr("pipeline.classify.encoder.READ_CHUNK", 1000)  # many chunks per tensor
    same = read_safetensors(tmp_path / "w.safetensors")
    for name, tensor in load_file(str(tmp_path / "w.safetensors")).items():
        assert torch.equal(same[name], tensor) and same[name].dtype == tensor.dtype
    half = read_safetensors(tmp_path / "w.safetensors", torch.bfloat16)
    assert half["a"].dtype == torch.bfloat16 and half["ids"].dtype == torch.int64
    assert torch.equal(half["a"], tensors["a"].to(torch.bfloat16))
    assert torch.equal(half["ids"], tensors["ids"])
    assert set(read_safetensors(tmp_path / "w.safetensors", skip=("a",))) == {"b", "ids"}


def test_vocabulary_rows_are_read_from_the_file_exactly(tmp_path):
    import torch
    from safetensors.torch import save_file

    matrix = torch.randn(50, 6)
    save_file({"other": torch.ones(3), "vocab": matrix}, str(tmp_path / "w.safetensors"))
    rows = DiskRows(tmp_path / "w.safetensors", "vocab")
    ids = torch.tensor([[3, 49, 3, 0], [7, 7, 1, 2]])
    looked_up = rows(ids)
    assert looked_up.shape == (2, 4, 6) and torch.equal(looked_up, matrix[ids])
    with pytest.raises(IndexError, match="token id 50"):
        rows(torch.tensor([50]))
    with pytest.raises(ValueError, match="not a float32 matrix"):
        DiskRows(tmp_path / "w.safetensors", "other")


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
    monkeypatch.setenv(DTYPE_ENV, "float32")
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


@pytest.mark.skipif(not (E5 / "model.safetensors").is_file(), reason="e5 base model not built")
def test_the_production_model_decides_the_same_labels_in_bfloat16(monkeypatch):
    from pipeline.bench.classify import generated_passages
    from pipeline.registry import production, version_dir

    directory = version_dir("dimensions", production("dimensions") or "")
    if not (directory / "classifier.json").is_file():
        pytest.skip("no production dimension model")
    texts = [p.text for p in generated_passages(120)] + MIXED
    monkeypatch.setenv(DTYPE_ENV, "float32")
    model = load_model(directory)
    if model.encoded.config.quantize:
        pytest.skip("the production model is served in int8")
    full = model.scores(texts)
    monkeypatch.setenv(DTYPE_ENV, "bfloat16")
    half = load_model(directory).scores(texts)
    thresholds = np.array([model.thresholds[label] for label in model.labels])
    assert np.abs(half - full).max() < 0.05
    assert ((half >= thresholds) != (full >= thresholds)).mean() < 0.01


@pytest.mark.parametrize("threads", ["2", "3"])
def test_batches_side_by_side_give_the_vectors_of_one_thread(tiny_base, threads, monkeypatch):
    import threading

    import torch

    config = _config(tiny_base, quantize=False)
    texts = [t for t, _ in make_texts(40, 3)] + ["bus", "a much longer text " * 20]
    monkeypatch.setattr("pipeline.classify.encoder.SERVE_BATCH", 4)
    monkeypatch.setenv("SANDINGAN_CLASSIFY_THREADS", "1")
    alone = LeanEncoder(config, lean_base(config)).pooled(texts)
    monkeypatch.setenv("SANDINGAN_CLASSIFY_THREADS", threads)
    encoder = LeanEncoder(config, lean_base(config))
    names: set[str] = set()
    original = encoder._pool
    monkeypatch.setattr(
        encoder, "_pool", lambda chunk: names.add(threading.current_thread().name) or original(chunk)
    )
    side_by_side = encoder.pooled(texts)
    assert np.array_equal(side_by_side, alone)  # each operation on one thread either way
    assert len(names) > 1 and all(n.startswith("classify") for n in names)
    assert torch.get_num_threads() == 1


def test_serving_batches_are_length_sorted_and_serve_batch_wide(tiny_base, monkeypatch):
    from pipeline.classify import encoder as module

    seen: list[int] = []
    lean = LeanEncoder(_config(tiny_base, quantize=False), lean_base(_config(tiny_base)))
    original = lean._pool
    monkeypatch.setattr(lean, "_pool", lambda chunk: seen.append(len(chunk)) or original(chunk))
    texts = [f"passage {i} " + "word " * (i % 7) for i in range(module.SERVE_BATCH + 5)]
    vectors = lean.pooled(texts)
    assert sorted(seen) == [5, module.SERVE_BATCH] and vectors.shape[0] == len(texts)
    seen.clear()  # an int8 model keeps its own batch size (its activations are quantised per batch)
    int8 = LeanEncoder(_config(tiny_base, quantize=True), lean_base(_config(tiny_base)))
    original = int8._pool
    monkeypatch.setattr(int8, "_pool", lambda chunk: seen.append(len(chunk)) or original(chunk))
    int8.pooled(texts[:9])
    assert sorted(seen) == [1, 4, 4]


def test_token_batches_group_passages_of_equal_token_counts():
    from pipeline.classify.encoder import token_batches

    lengths = [9, 3, 30, 4, 10, 31, 3]
    batches = token_batches(lengths, 3)
    assert batches == [[1, 6, 3], [0, 4, 2], [5]]
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))


def test_float_serving_batches_by_tokens_and_tokenizes_once(tiny_base, monkeypatch):
    from pipeline.classify import encoder as module

    monkeypatch.setattr(module, "SERVE_BATCH", 2)
    lean = LeanEncoder(_config(tiny_base, quantize=False), lean_base(_config(tiny_base)))
    calls: list[int] = []
    seen: list[frozenset[str]] = []
    tokenize, pool = lean._token_ids, lean._pool
    monkeypatch.setattr(lean, "_token_ids", lambda texts: calls.append(len(texts)) or tokenize(texts))
    monkeypatch.setattr(lean, "_pool", lambda chunk: seen.append(frozenset(chunk)) or pool(chunk))
    # words cut into pieces: short in characters, long in tokens
    texts = ["bus", "tra ffi", "limbahsampah", "bus road train"]
    counts = [len(ids) for ids in tokenize(texts)]
    assert counts[0] < counts[3] < counts[1] < counts[2]  # the opposite of their lengths in characters
    vectors = lean.pooled(texts)
    assert calls == [4] and vectors.shape[0] == 4
    assert set(seen) == {frozenset({"bus", "bus road train"}), frozenset({"tra ffi", "limbahsampah"})}
    assert lean._ids == {}
