"""Int8 encoder layers through ONNX Runtime: exact smoothing, one graph per model built once,
vectors close to float32 that depend on their own passage only, and the CPU rule."""

from __future__ import annotations

import numpy as np
import pytest
from tinydata import make_texts, tiny_config

from pipeline.classify import int8
from pipeline.classify.encoder import DTYPE_ENV, LeanEncoder, lean_base, serving_dtype
from pipeline.classify.model import ClassifierConfig, additive_mask, bert_layer

VNNI = "flags\t\t: fpu sse2 avx2 avx512f avx512_vnni avx512_bf16"
AMX = VNNI + " amx_bf16 amx_int8 amx_tile"
AVX2 = "flags\t\t: fpu sse2 avx2 fma"


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path, monkeypatch):
    """Graphs that fall back to the temporary folder stay in this test's own (other tests,
    run with ``SANDINGAN_ENCODER_DTYPE=int8``, build graphs of the same tiny model)."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def _config(base, **overrides) -> ClassifierConfig:
    return tiny_config(base, **({"quantize": False} | overrides))


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def test_smoothing_scales_move_range_from_the_input_to_the_weight():
    act = np.array([40.0, 1.0, 1.0, 0.0])
    weight = np.array([0.5, 0.5, 2.0, 1.0])
    scales = int8.smoothing_scales(act, weight, alpha=0.8)
    assert scales[0] > scales[1] > scales[2]  # the outlier input channel is divided most
    assert scales.min() >= 1e-2 and scales.max() <= 1e2  # a silent channel is clipped, not 0
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(5, 4)) * act.clip(0.1), rng.normal(size=(3, 4))
    assert np.allclose((x / scales) @ (w * scales).T, x @ w.T)  # the product is unchanged


def test_smoothed_layers_compute_what_the_float_layers_do(tiny_base, monkeypatch):
    import torch

    monkeypatch.setenv(DTYPE_ENV, "float32")
    lean = LeanEncoder(_config(tiny_base), lean_base(_config(tiny_base)))
    texts = [t for t, _ in make_texts(6, 1)]
    maxima = int8.input_maxima(lean.layers, lean.heads, lean._embedded, texts)
    assert set(maxima[0]) == set(int8.PRODUCTS)
    assert maxima[0]["out"].shape == (lean.layers[0].out.in_features,)
    layers, inverse = int8.smoothed(lean.layers, maxima)
    graph = int8._graph(layers, inverse, lean.heads, 1)
    hidden, mask = lean._embedded(texts)
    with torch.inference_mode():
        smoothed_vectors, after_one = (v.numpy() for v in graph(hidden, mask))
    assert np.allclose(smoothed_vectors, lean.pooled(texts), atol=1e-4)
    one_layer = LeanEncoder(_config(tiny_base, encoder_layers=1), lean_base(_config(tiny_base)))
    assert np.allclose(after_one, one_layer.pooled(texts), atol=1e-4)  # the second output
    unchanged = lean.layers[0].out.weight
    assert not torch.equal(layers[0].out.weight, unchanged)  # the copy was scaled, not the model


def test_int8_vectors_are_close_to_float32_and_built_once(tiny_base, tmp_path, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "float32")
    config = _config(tiny_base)
    texts = [t for t, _ in make_texts(12, 3)] + ["bus", "a much longer text " * 20]
    full = LeanEncoder(config, lean_base(config)).pooled(texts)
    monkeypatch.setenv(DTYPE_ENV, "int8")
    built: list[str] = []
    original = int8.build
    monkeypatch.setattr(
        "pipeline.classify.encoder.build_int8", lambda *a: built.append(str(a[4])) or original(*a)
    )
    lean = LeanEncoder(config, lean_base(config), cache_dir=tmp_path / "int8")
    assert lean.dtype == "int8" and lean.layers is None and len(built) == 1
    assert list((tmp_path / "int8").glob("layers-*.onnx"))
    vectors = lean.pooled(texts)
    assert vectors.dtype == np.float32 and not np.array_equal(vectors, full)
    assert _cosines(vectors, full).min() > 0.99
    again = LeanEncoder(config, lean_base(config), cache_dir=tmp_path / "int8")
    assert len(built) == 1 and np.array_equal(again.pooled(texts), vectors)  # the cached graph


def test_an_int8_vector_depends_on_its_own_passage_only(tiny_base, tmp_path, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "int8")
    lean = LeanEncoder(_config(tiny_base), lean_base(_config(tiny_base)), cache_dir=tmp_path)
    texts = [t for t, _ in make_texts(9, 4)]
    alone = np.stack([lean.pooled([t])[0] for t in texts])
    lean._memo.clear()
    assert np.array_equal(
        lean.pooled(texts + ["an outlier " * 30]), np.vstack([alone, lean.pooled(["an outlier " * 30])])
    )


def test_an_unwritable_cache_falls_back_to_the_temporary_folder(tiny_base, tmp_path, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "int8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    lean = LeanEncoder(_config(tiny_base), lean_base(_config(tiny_base)), cache_dir=blocker / "int8")
    assert lean.int8 is not None and lean.int8.path.parent == tmp_path / "tmp" / "sandingan-int8"


@pytest.mark.parametrize(
    ("serving", "cpuinfo", "expected"),
    [
        ("int8", VNNI, "int8"),
        ("int8", AMX, "bfloat16"),  # AMX computes bfloat16 faster, nearly exactly
        ("int8", AVX2, "float32"),  # no VNNI: int8 kernels there can saturate
        ("float", VNNI, "bfloat16"),
        ("float", AVX2, "float32"),
    ],
)
def test_int8_serving_is_chosen_by_the_model_and_the_cpu(serving, cpuinfo, expected, monkeypatch):
    monkeypatch.delenv(DTYPE_ENV, raising=False)
    assert serving_dtype(ClassifierConfig(quantize=False, serving=serving), cpuinfo) == expected
    assert serving_dtype(ClassifierConfig(quantize=True, serving=serving), cpuinfo) == "float32"


def test_the_environment_chooses_int8_for_any_float_model(monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "int8")
    assert serving_dtype(ClassifierConfig(quantize=False), AVX2) == "int8"
    assert serving_dtype(ClassifierConfig(quantize=True), AVX2) == "float32"


@pytest.mark.parametrize(("cpuinfo", "vnni"), [(VNNI, True), (AMX, True), (AVX2, False), ("", False)])
def test_vnni_is_read_from_the_cpu_flags(cpuinfo, vnni):
    assert int8.cpu_has_vnni(cpuinfo) is vnni


def test_the_graph_needs_calibration_passages(tiny_base, tmp_path, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "float32")
    lean = LeanEncoder(_config(tiny_base), lean_base(_config(tiny_base)))
    with pytest.raises(ValueError, match="calibration"):
        int8.build(lean.layers, lean.heads, lean._embedded, [], tmp_path / "g.onnx", 1)


def test_bert_layer_scales_only_the_groups_given(tiny_base, monkeypatch):
    import torch

    monkeypatch.setenv(DTYPE_ENV, "float32")
    lean = LeanEncoder(_config(tiny_base), lean_base(_config(tiny_base)))
    hidden, mask = lean._embedded(["bus road traffic"])
    extended = additive_mask(mask)
    layer = lean.layers[0]
    with torch.inference_mode():
        plain = bert_layer(layer, hidden, extended, lean.heads)
        ones = bert_layer(layer, hidden, extended, lean.heads, {"out": torch.ones(1)})
        doubled = bert_layer(layer, hidden, extended, lean.heads, {"out": torch.full((1,), 2.0)})
    assert torch.equal(plain, ones) and not torch.allclose(plain, doubled)


def test_a_damaged_cached_graph_is_built_again(tiny_base, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(DTYPE_ENV, "int8")
    config = _config(tiny_base)
    texts = [t for t, _ in make_texts(6, 5)]
    first = LeanEncoder(config, lean_base(config), cache_dir=tmp_path)
    vectors = first.pooled(texts)
    (graph,) = tmp_path.glob("layers-*.onnx")
    graph.write_bytes(graph.read_bytes()[:1000])  # cut short, as by a failing disk
    again = LeanEncoder(config, lean_base(config), cache_dir=tmp_path)
    assert "cannot read the int8 graph" in caplog.text
    assert np.array_equal(again.pooled(texts), vectors) and graph.stat().st_size > 1000


def test_an_int8_graph_hands_out_the_frozen_layers_vectors(tiny_base, tmp_path, monkeypatch):
    monkeypatch.setenv(DTYPE_ENV, "int8")
    tuned = _config(tiny_base, train_layers=1)
    lean = LeanEncoder(tuned, lean_base(tuned), cache_dir=tmp_path)
    texts = [t for t, _ in make_texts(6, 6)]
    lean.pooled(texts)
    frozen = _config(tiny_base, encoder_layers=1, train_layers=0)
    below = LeanEncoder(frozen, lean_base(frozen), cache_dir=tmp_path)
    assert lean.frozen_depth == 1 and lean.feeds(below)
    assert _cosines(lean.tapped(texts), below.pooled(texts)).min() > 0.999
