"""A lean loader for the BERT-family encoder of a saved classifier: the same forward pass as
transformers' ``BertModel`` (absolute positions, token type 0, post-LayerNorm layers, exact
GELU), built from the safetensors weights and the ``tokenizers`` file directly; a
classifier's fine-tuned top layers replace the base model's.

Scoring passages needs neither transformers nor its model classes: the first passage is
scored about 2 s after start instead of about 9 s, with a third of the memory. Training
and encoders that are not BERT-shaped keep :func:`pipeline.classify.model.load_encoder`.
torch loads lazily, on one thread.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Literal

import numpy as np
from tokenizers import Tokenizer

from pipeline.classify.model import (
    ClassifierConfig,
    additive_mask,
    length_batches,
    mean_pool,
    quantize_frozen,
    resolve_base,
)

WEIGHTS = "model.safetensors"
TOKENIZER = "tokenizer.json"


def lean_base(config: ClassifierConfig) -> Path | None:
    """The base-model folder when it can be loaded lean (a local BERT with safetensors
    weights and a tokenizer file); else None (also when ``SANDINGAN_LEAN_ENCODER=0``: load
    through transformers)."""
    base = Path(resolve_base(config.base_model))
    if os.environ.get("SANDINGAN_LEAN_ENCODER") == "0":
        return None
    if not all((base / f).is_file() for f in (WEIGHTS, TOKENIZER, "config.json")):
        return None
    settings = json.loads((base / "config.json").read_text())
    if settings.get("model_type") != "bert" or settings.get("hidden_act") != "gelu":
        return None
    return base


def _modules(settings: dict, layers: int):
    """An embedding block and ``layers`` encoder layers shaped like ``BertModel``'s, with
    empty ("meta") parameters: the weights are assigned, never randomly initialised."""
    import torch  # lazy: torch (~1.8 s), loaded with the first model

    hidden, inter = settings["hidden_size"], settings["intermediate_size"]
    eps = settings["layer_norm_eps"]
    meta = "meta"  # the device of parameters without storage
    linear = functools.partial(torch.nn.Linear, device=meta)
    norm = functools.partial(torch.nn.LayerNorm, eps=eps, device=meta)

    def embedding(count: int, width: int):
        # built around an empty tensor: Embedding's own initialisation would pull in
        # torch's compiler stack (about 1.4 s)
        return torch.nn.Embedding(count, width, _weight=torch.empty(count, width, device=meta))

    class Layer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = (linear(hidden, hidden) for _ in range(3))
            self.attn_out = linear(hidden, hidden)
            self.attn_norm = norm(hidden)
            self.inter = linear(hidden, inter)
            self.out = linear(inter, hidden)
            self.out_norm = norm(hidden)

    embeddings = torch.nn.ModuleDict(
        {
            "word": embedding(settings["vocab_size"], hidden),
            "position": embedding(settings["max_position_embeddings"], hidden),
            "token_type": embedding(settings["type_vocab_size"], hidden),
            "norm": norm(hidden),
        }
    )
    return embeddings, torch.nn.ModuleList(Layer() for _ in range(layers))


_NAMES = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "attn_out": "attention.output.dense",
    "attn_norm": "attention.output.LayerNorm",
    "inter": "intermediate.dense",
    "out": "output.dense",
    "out_norm": "output.LayerNorm",
}
_EMBEDDINGS = {
    "word": "word_embeddings",
    "position": "position_embeddings",
    "token_type": "token_type_embeddings",
    "norm": "LayerNorm",
}


def _load_weights(embeddings, layers, weights: dict) -> None:
    """Give the lean modules the ``BertModel`` state-dict tensors (assigned, not copied)."""
    state = {}
    for ours, theirs in _EMBEDDINGS.items():
        for part in ("weight", "bias"):
            key = f"embeddings.{theirs}.{part}"
            if key in weights:
                state[f"{ours}.{part}"] = weights[key]
    embeddings.load_state_dict(state, assign=True)
    for i, layer in enumerate(layers):
        layer.load_state_dict(
            {
                f"{ours}.{part}": weights[f"encoder.layer.{i}.{theirs}.{part}"]
                for ours, theirs in _NAMES.items()
                for part in ("weight", "bias")
            },
            assign=True,
        )


def with_tuned_layers(weights: dict, tuned: dict) -> dict:
    """The base ``BertModel`` state dict with a classifier's fine-tuned layers in place
    (``layer.<i>.<name>`` of its weights file replaces ``encoder.layer.<i>.<name>``)."""
    merged = dict(weights)
    for key, value in tuned.items():
        if key.startswith("layer."):
            if f"encoder.{key}" not in merged:
                raise KeyError(f"fine-tuned weight {key} has no place in the base model")
            merged[f"encoder.{key}"] = value
    return merged


class LeanEncoder:
    """Encoder + tokenizer with :class:`pipeline.classify.fit.Encoded`'s scoring interface
    (``config``, ``hidden_size``, ``pooled``, ``_memo``); ``tuned`` holds a classifier's
    fine-tuned layers (``layer.<i>.<name>`` tensors), empty for a frozen encoder."""

    def __init__(self, config: ClassifierConfig, base: Path, tuned: dict | None = None):
        import torch  # lazy: torch
        from safetensors.torch import load_file  # lazy: imports torch

        torch.set_num_threads(1)
        self.config = config
        settings = json.loads((base / "config.json").read_text())
        count = settings["num_hidden_layers"]
        keep = min(config.encoder_layers or count, count)
        self.heads = settings["num_attention_heads"]
        self.hidden_size = int(settings["hidden_size"])
        embeddings, layers = _modules(settings, keep)
        _load_weights(embeddings, layers, with_tuned_layers(load_file(str(base / WEIGHTS)), tuned or {}))
        self.embeddings = embeddings.eval()
        self.layers = (quantize_frozen(layers, config.train_layers) if config.quantize else layers).eval()
        self.tokenizer = Tokenizer.from_file(str(base / TOKENIZER))
        self.tokenizer.enable_truncation(max_length=config.max_length)
        self.pad_id = int(settings.get("pad_token_id", 0))
        self._memo: dict[str, np.ndarray] = {}

    pools_whole: Literal[True] = True  # pooled() runs every layer, fine-tuned ones included

    def _encode(self, texts: list[str]):
        import torch  # lazy: torch

        encodings = self.tokenizer.encode_batch([self.config.prefix + t for t in texts])
        width = max(len(e.ids) for e in encodings)
        ids = torch.full((len(texts), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(texts), width), dtype=torch.long)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = torch.tensor(e.ids)
            mask[row, : len(e.ids)] = 1
        return ids, mask

    def _layer(self, layer, hidden, extended):
        import torch  # lazy: torch

        batch, seq, width = hidden.shape

        def split(x):
            return x.view(batch, seq, self.heads, width // self.heads).transpose(1, 2)

        context = torch.nn.functional.scaled_dot_product_attention(
            split(layer.query(hidden)),
            split(layer.key(hidden)),
            split(layer.value(hidden)),
            attn_mask=extended,
        )
        context = context.transpose(1, 2).reshape(batch, seq, width)
        attended = layer.attn_norm(layer.attn_out(context) + hidden)
        inner = torch.nn.functional.gelu(layer.inter(attended))
        return layer.out_norm(layer.out(inner) + attended)

    def _pool(self, texts: list[str]) -> np.ndarray:
        import torch  # lazy: torch

        ids, mask = self._encode(texts)
        with torch.inference_mode():
            positions = torch.arange(ids.shape[1]).unsqueeze(0)
            e = self.embeddings
            hidden = e["norm"](
                e["word"](ids) + e["position"](positions) + e["token_type"](torch.zeros_like(ids))
            )
            extended = additive_mask(mask)
            for layer in self.layers:
                hidden = self._layer(layer, hidden, extended)
            return mean_pool(hidden, mask).numpy()

    def pooled(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled vectors of the texts (batched by length, as in training)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._memo]
        for batch in length_batches(todo, self.config.batch_size):
            chunk = [todo[i] for i in batch]
            for text, vector in zip(chunk, self._pool(chunk), strict=True):
                self._memo[text] = vector
        return np.stack([self._memo[t] for t in texts]).astype(np.float32)
