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
        return self.scores_and_tapped(texts)[0]

    def scores_and_tapped(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
        """Label probabilities, and the texts' pooled vectors after the encoder's frozen
        base layers (None when it has none to give: see :meth:`feeds`)."""
        self._forget()
        try:
            scores = predict(self.encoded, self.head, texts)
            encoder = self.encoded
            if isinstance(encoder, LeanEncoder) and encoder.frozen_depth > 0 and texts:
                return scores, encoder.tapped(texts)
            return scores, None
        finally:
            self._forget()
            release_heap()

    def scores_from_pooled(self, texts: list[str], pooled: np.ndarray) -> np.ndarray:
        """Label probabilities of texts whose encoder vectors another model computed (one
        that :meth:`feeds` this one): the head alone runs."""
        self._forget()
        try:
            self.encoded._memo.update(zip(texts, pooled, strict=True))
            return predict(self.encoded, self.head, texts)
        finally:
            self._forget()

    def feeds(self, other: LoadedModel) -> bool:
        """Whether this model's tapped vectors are ``other``'s encoder output, so ``other``
        can score texts this one scored without running an encoder of its own."""
        mine, theirs = self.encoded, other.encoded
        return isinstance(mine, LeanEncoder) and isinstance(theirs, LeanEncoder) and mine.feeds(theirs)

    def _forget(self) -> None:
        if isinstance(self.encoded, LeanEncoder):
            self.encoded.forget()
        else:
            self.encoded._memo.clear()


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
        # a frozen encoder loads its weights when it first computes: one that reads vectors
        # another model computes (:meth:`LoadedModel.feeds`) never does
        frozen = config.train_layers == 0
        lean = LeanEncoder(config, base, saved_layers(directory), directory / INT8_CACHE, lazy=frozen)
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
