"""The transformers passage classifier: training, thresholds, saving and reloading."""

from __future__ import annotations

import numpy as np
import pytest
from tinydata import WORDS, make_texts

from pipeline.classify.fit import Encoded, calibrate_thresholds, fit, make_head, predict
from pipeline.classify.model import ClassifierConfig, _Split, mean_pool, save_classifier
from pipeline.classify.predictor import load_model
from pipeline.evaluate.metrics import label_counts, macro_f1

LABELS = list(WORDS)


def config_for(base, **kw) -> ClassifierConfig:
    values = {
        "task": "dimension",
        "labels": LABELS,
        "base_model": str(base),
        "encoder_layers": None,
        "use_lexicon": False,
        "quantize": False,
        "epochs": 10,
    }
    values.update(kw)
    return ClassifierConfig(**values)


def f1_of(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Macro-F1 of two 0/1 matrices."""
    return macro_f1(label_counts(truth, predicted).sum(0))


def split_data(seed_train=1, seed_test=2):
    train, test = make_texts(48, seed_train), make_texts(24, seed_test)
    y = lambda rows: np.array([[float(lb in labels) for lb in LABELS] for _, labels in rows])  # noqa: E731
    return [t for t, _ in train], y(train), [t for t, _ in test], y(test)


@pytest.mark.parametrize("train_layers", [0, 1])
def test_training_improves_over_the_untrained_model(tiny_base, train_layers):
    config = config_for(tiny_base, train_layers=train_layers, epochs=25, learning_rate=0.05)
    encoded = Encoded(config)
    x_train, y_train, x_test, y_test = split_data()
    untrained = make_head(config, encoded.hidden_size)
    before = f1_of(y_test, predict(encoded, untrained, x_test) >= 0.5)
    head = fit(encoded, x_train, y_train)
    after = f1_of(y_test, predict(encoded, head, x_test) >= 0.5)
    assert after > before
    assert after >= 0.8


@pytest.mark.parametrize("train_layers", [0, 1])
def test_saved_model_reloads_with_identical_scores(tiny_base, tmp_path, train_layers, monkeypatch):
    monkeypatch.setenv("SANDINGAN_ENCODER_DTYPE", "float32")  # bfloat16 serving: test_classify_encoder
    config = config_for(tiny_base, train_layers=train_layers, epochs=3, thresholds={lb: 0.4 for lb in LABELS})
    encoded = Encoded(config)
    x_train, y_train, x_test, _ = split_data()
    head = fit(encoded, x_train, y_train)
    expected = predict(encoded, head, x_test)
    save_classifier(tmp_path / "m", config, head, encoded.encoder)
    loaded = load_model(tmp_path / "m", "test/v1")
    assert loaded.labels == LABELS and loaded.thresholds == config.thresholds
    # fine-tuned layers are stored in float16: scores move by a few 1e-4 at most
    np.testing.assert_allclose(loaded.scores(x_test), expected, atol=1e-5 if not train_layers else 1e-3)


def test_split_encoder_matches_the_full_forward_pass(tiny_base):
    import torch

    encoded = Encoded(config_for(tiny_base, train_layers=1))
    enc = encoded.tokenize(["bus road traffic", "sampah"])
    with torch.inference_mode():
        full = mean_pool(encoded.encoder(**enc).last_hidden_state, enc["attention_mask"])
        split = _Split(encoded.encoder, 1)
        parts = split.top(split.bottom(enc["input_ids"], enc["attention_mask"]), enc["attention_mask"])
    np.testing.assert_allclose(parts.numpy(), full.numpy(), atol=1e-5)


def test_lexicon_features_enter_the_head(tiny_base):
    encoded = Encoded(
        config_for(
            tiny_base,
            use_lexicon=True,
            labels=["governance", "economy", "mobility", "environment", "people", "living"],
        )
    )
    head = make_head(encoded.config, encoded.hidden_size)
    assert head.linear.in_features == encoded.hidden_size + 12


def test_thresholds_are_calibrated_per_label():
    truth = np.array([[1, 0], [1, 0], [0, 1], [0, 0]], dtype=float)
    scores = np.array([[0.3, 0.9], [0.35, 0.1], [0.1, 0.8], [0.05, 0.7]])
    thresholds = calibrate_thresholds(scores, truth, ["a", "b"])
    assert 0.1 < thresholds["a"] <= 0.3
    assert 0.7 < thresholds["b"] <= 0.8


def test_threshold_defaults_when_a_label_never_occurs():
    thresholds = calibrate_thresholds(np.array([[0.9]]), np.array([[0.0]]), ["a"])
    assert thresholds == {"a": 0.5}
