"""Loading a saved classifier folder and scoring passages with it (lazy, cached per folder)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.classify.encoder import LeanEncoder, lean_base
from pipeline.classify.fit import Encoded, make_head, predict
from pipeline.classify.model import (
    _Split,
    quantize_frozen,
    read_config,
    restore_weights,
    saved_layers,
)
from pipeline.registry import production, version_dir
from pipeline.settings import release_heap

log = logging.getLogger(__name__)
INT8_CACHE = "int8"  # a version's folder of built int8 graphs (not committed)


@dataclass
class LoadedModel:
    """A classifier ready to score: its encoder state, head, thresholds and registry tag."""

    encoded: Encoded | LeanEncoder
    head: object
    tag: str  # "<name>/<version>", used in PassageLabel.method as "model@<tag>"

    @property
    def labels(self) -> list[str]:
        """Label names, in the column order of :meth:`scores`."""
        return list(self.encoded.config.labels)

    @property
    def thresholds(self) -> dict[str, float]:
        """Per-label decision thresholds calibrated on held-out documents."""
        return dict(self.encoded.config.thresholds)

    def scores(self, texts: list[str]) -> np.ndarray:
        """Label probabilities (rows = texts). Nothing is memoised between calls."""
        self.encoded._memo.clear()
        try:
            return predict(self.encoded, self.head, texts)
        finally:
            self.encoded._memo.clear()
            release_heap()


def load_model(
    directory: Path,
    tag: str | None = None,
    quantize: bool | None = None,
) -> LoadedModel:
    """Build the encoder and head saved in ``directory`` (int8 encoder when configured;
    ``quantize`` overrides the saved setting). A local BERT encoder, frozen or with
    fine-tuned top layers, is loaded lean (:mod:`pipeline.classify.encoder`), anything else
    through transformers."""
    config = read_config(directory)
    if quantize is not None:
        config.quantize = quantize
    base = lean_base(config)
    if base is not None:
        lean = LeanEncoder(config, base, saved_layers(directory), cache_dir=directory / INT8_CACHE)
        head = make_head(config, lean.hidden_size)
        restore_weights(directory, config, None, head)
        return LoadedModel(lean, head.eval(), tag or f"{directory.parent.name}/{directory.name}")
    encoded = Encoded(config)
    head = make_head(config, encoded.hidden_size)
    restore_weights(directory, config, encoded.encoder, head)
    head.eval()
    if config.quantize and config.train_layers > 0:  # int8 below the fine-tuned layers
        quantize_frozen(encoded.encoder.encoder.layer, config.train_layers)
        encoded.split = _Split(encoded.encoder, config.train_layers)
    return LoadedModel(encoded, head, tag or f"{directory.parent.name}/{directory.name}")


_CACHE: dict[str, LoadedModel | None] = {}


def production_model(name: str, models_dir: Path | None = None) -> LoadedModel | None:
    """The production version of a registered model, loaded once; None when absent or broken."""
    version = production(name, models_dir)
    if version is None:
        return None
    directory = version_dir(name, version, models_dir)
    key = str(directory)
    if key not in _CACHE:
        try:
            _CACHE[key] = load_model(directory, f"{name}/{version}")
        except (OSError, ValueError, KeyError) as exc:  # base model not built, files missing
            log.warning("model %s/%s not loaded (%s): using the lexicon only", name, version, exc)
            _CACHE[key] = None
    return _CACHE[key]


def clear_cache() -> None:
    """Forget loaded models (tests, or after a promotion)."""
    _CACHE.clear()
