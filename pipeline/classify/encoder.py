"""A lean loader for the BERT-family encoder of a saved classifier: the same forward pass as
transformers' ``BertModel`` (absolute positions, token type 0, post-LayerNorm layers, exact
GELU), built from the safetensors weights and the ``tokenizers`` file directly; a
classifier's fine-tuned top layers replace the base model's.

Scoring passages needs neither transformers nor its model classes: the first passage is
scored about 2 s after start instead of about 9 s, with a third of the memory. Training
and encoders that are not BERT-shaped keep :func:`pipeline.classify.model.load_encoder`.
torch loads lazily, on one thread.

A classifier served in float (not int8) runs in bfloat16 where the CPU computes it natively
(AMX or AVX-512 BF16): 3.6x the float32 speed for ``dimensions/v5``, with label decisions
that differ on about 1 in 5,000 (measured on corpus passages, see the README); elsewhere in
float32. The layers are read into their serving type without a memory map; the 384 MB
vocabulary matrix is never loaded: the rows a batch needs are read from the file
(:class:`DiskRows`, exact float32). The tokenizer is
:class:`pipeline.classify.unigram.UnigramTokenizer` (the same ids in a third of the memory).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import numpy as np
from tokenizers import Tokenizer

from pipeline.classify.fused import fuse_qkv, fused_available, fused_bert_layer
from pipeline.classify.int8 import Int8Layers, cpu_has_vnni
from pipeline.classify.int8 import build as build_int8
from pipeline.classify.int8 import cache_key as int8_cache_key
from pipeline.classify.model import (
    ClassifierConfig,
    additive_mask,
    bert_layer,
    configured_torch,
    length_batches,
    mean_pool,
    quantize_frozen,
    resolve_base,
)
from pipeline.classify.unigram import UnigramTokenizer
from pipeline.labelled import load_gold_examples
from pipeline.settings import ONEDNN_CACHE, PACKAGE_DATA, classify_threads

os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", ONEDNN_CACHE)  # before torch's first kernel

WEIGHTS = "model.safetensors"
TOKENIZER = "tokenizer.json"
DTYPE_ENV = "SANDINGAN_ENCODER_DTYPE"  # float32 | bfloat16 (default: bfloat16 where native)
NATIVE_BF16_FLAGS = ("amx_bf16", "avx512_bf16")
NUMPY_TYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}
READ_CHUNK = 1 << 24  # bytes read (and converted) at a time
# Passages per forward pass when scoring (training keeps the config's batch size): 32 ran
# 1.08x (one thread) to 1.13x (two) faster than 16 on 4,000 corpus passages and changed 1
# of 24,000 label decisions; 64 was no faster (2026-12-03). An int8 model keeps its own batch
# size: its activations are quantised per batch, so the batch changes its scores.
SERVE_BATCH = 32
OWNED_PASSAGES = PACKAGE_DATA / "training"  # the project's written passages: int8 calibration
log = logging.getLogger(__name__)


class DiskRows:
    """A 2-D float32 tensor of a safetensors file whose rows are read from the file as they
    are looked up (the OS file cache keeps the pages, shared and reclaimable): the encoder's
    vocabulary matrix (250,002 x 384, 384 MB in float32) of which a document uses a few
    thousand rows, exact and without holding it in the process."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = Path(path)
        with open(self.path, "rb") as f:
            data_start, header = _header(f)
        info = header[name]
        if info["dtype"] != "F32" or len(info["shape"]) != 2:
            raise ValueError(f"{self.path.name}: {name} is not a float32 matrix")
        self.rows, self.width = info["shape"]
        self.offset = data_start + info["data_offsets"][0]
        self.row_bytes = 4 * self.width

    def __call__(self, ids):
        """The rows of ``ids`` (a tensor of any shape) as a float32 tensor of shape
        ``ids.shape + (width,)``."""
        import torch  # lazy: torch

        unique, inverse = torch.unique(ids, return_inverse=True)
        buffer = bytearray(len(unique) * self.row_bytes)
        view = memoryview(buffer)
        with open(self.path, "rb", buffering=0) as f:
            for k, row in enumerate(unique.tolist()):
                if not 0 <= row < self.rows:
                    raise IndexError(f"token id {row} outside the vocabulary of {self.rows}")
                f.seek(self.offset + row * self.row_bytes)
                f.readinto(view[k * self.row_bytes : (k + 1) * self.row_bytes])
        table = torch.frombuffer(buffer, dtype=torch.float32).view(len(unique), self.width)
        return table[inverse]


def cpu_has_native_bf16(cpuinfo: str | None = None) -> bool:
    """Whether the CPU computes bfloat16 natively (AMX or AVX-512 BF16 in its flags)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            return False
    flags = set(
        re.findall(r"[a-z0-9_]+", next((ln for ln in cpuinfo.splitlines() if ln.startswith("flags")), ""))
    )
    return any(f in flags for f in NATIVE_BF16_FLAGS)


def serving_dtype(
    config: ClassifierConfig, cpuinfo: str | None = None
) -> Literal["float32", "bfloat16", "int8"]:
    """The type a lean encoder computes in. ``SANDINGAN_ENCODER_DTYPE`` (float32, bfloat16
    or int8) when set; else int8 for a model configured ``serving: int8`` on a CPU with
    VNNI and no AMX (:mod:`pipeline.classify.int8`); else bfloat16 where the CPU has it
    natively; else float32. A model quantised in torch (``quantize``) keeps its own int8
    path and computes the rest in float32."""
    chosen = os.environ.get(DTYPE_ENV, "").strip().lower()
    if chosen and chosen not in ("float32", "bfloat16", "int8"):
        raise ValueError(f"{DTYPE_ENV} must be float32, bfloat16 or int8, not {chosen!r}")
    if config.quantize:
        return "float32"
    if chosen in ("float32", "bfloat16", "int8"):
        return chosen  # type: ignore[return-value]
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            cpuinfo = ""
    if config.serving == "int8" and cpu_has_vnni(cpuinfo) and "amx_bf16" not in cpuinfo:
        return "int8"
    return "bfloat16" if cpu_has_native_bf16(cpuinfo) else "float32"


def _header(f) -> tuple[int, dict]:
    """(start of the data, tensor table) of an open safetensors file."""
    size = int.from_bytes(f.read(8), "little")
    header = json.loads(f.read(size))
    header.pop("__metadata__", None)
    return 8 + size, header


def read_safetensors(path: Path, dtype=None, skip: tuple[str, ...] = ()) -> dict:
    """Every tensor of a safetensors file but those in ``skip``, floating ones converted to
    ``dtype`` (a torch dtype; None keeps theirs) as they are read: plain reads in chunks, no
    memory map, so memory holds the result and one chunk, never the file's own copy."""
    import torch  # lazy: torch

    out = {}
    with open(path, "rb") as f:
        data_start, header = _header(f)
        for name, info in header.items():
            if name in skip:
                continue
            if info["dtype"] not in NUMPY_TYPES:
                raise ValueError(f"{path.name}: tensor {name} has unsupported type {info['dtype']}")
            source = np.dtype(NUMPY_TYPES[info["dtype"]])
            begin, end = info["data_offsets"]
            count = (end - begin) // source.itemsize
            target_type = dtype if dtype is not None and source.kind == "f" else None
            target = torch.empty(count, dtype=target_type or torch.from_numpy(np.empty(0, source)).dtype)
            f.seek(data_start + begin)
            step = max(1, READ_CHUNK // source.itemsize)
            for at in range(0, count, step):
                chunk = np.fromfile(f, dtype=source, count=min(step, count - at))
                target[at : at + len(chunk)].copy_(torch.from_numpy(chunk))
            out[name] = target.view(info["shape"])
    return out


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
WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
_EMBEDDINGS = {
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
    fine-tuned layers (``layer.<i>.<name>`` tensors), empty for a frozen encoder. Served in
    int8 (:func:`serving_dtype`), the layers run in ONNX Runtime from a graph built once and
    kept in ``cache_dir`` (a temporary folder when it is not given or not writable)."""

    def __init__(
        self,
        config: ClassifierConfig,
        base: Path,
        tuned: dict | None = None,
        cache_dir: Path | None = None,
        lazy: bool = False,
    ):
        self.config = config
        self.dtype = serving_dtype(config)
        self._settings = json.loads((base / "config.json").read_text())
        count = self._settings["num_hidden_layers"]
        self.depth = min(config.encoder_layers or count, count)
        self.heads = self._settings["num_attention_heads"]
        self.hidden_size = int(self._settings["hidden_size"])
        self.pad_id = int(self._settings.get("pad_token_id", 0))
        # layers that are the base model's own: the vectors there are shared by any frozen
        # head of the same base (see :meth:`feeds`)
        self.frozen_depth = max(0, self.depth - config.train_layers)
        self.base = base.resolve()
        self._memo: dict[str, np.ndarray] = {}
        self._tap_memo: dict[str, np.ndarray] = {}
        self._ids: dict[str, list[int]] = {}  # token ids of the texts being pooled
        self.int8: Int8Layers | None = None
        self.layers: Any = None  # the torch layers, unless served in int8
        self.fused = False  # layers run through oneDNN's fused products (bfloat16)
        self._source: tuple[dict, Path | None] | None = (tuned or {}, cache_dir)
        self._loading = threading.RLock()
        if not lazy:
            self.load()

    def load(self) -> None:
        """Read the weights and the tokenizer (once; a ``lazy`` encoder does it when it
        first computes, so one whose vectors another encoder hands over never does)."""
        with self._loading:
            if self._source is not None:
                self._load(*self._source)
                self._source = None

    def _load(self, tuned: dict, cache_dir: Path | None) -> None:
        torch = configured_torch()
        base, config, settings, keep = self.base, self.config, self._settings, self.depth
        compute = torch.float32 if self.dtype == "int8" else getattr(torch, self.dtype)
        tuned = {k: v.to(compute) for k, v in tuned.items()}
        cached, key = None, ""
        if self.dtype == "int8":  # a graph built before: the float layers are not read at all
            key = int8_cache_key(base / WEIGHTS, tuned, keep, self.frozen_depth)
            cached = _cached_graph(key, cache_dir)
        skip = (WORD_EMBEDDINGS, *_layer_tensors(base / WEIGHTS, 0 if cached else keep))
        weights = read_safetensors(base / WEIGHTS, compute, skip=skip)
        embeddings, layers = _modules(settings, 0 if cached else keep)
        _load_weights(embeddings, layers, weights if cached else with_tuned_layers(weights, tuned))
        del weights
        self.word_rows = DiskRows(base / WEIGHTS, WORD_EMBEDDINGS)
        self.embeddings = embeddings.float().eval()  # small; summed and normalised in float32
        self.tokenizer = _tokenizer(base / TOKENIZER, config.max_length)
        if self.dtype == "int8":
            self.int8 = cached or Int8Layers(self._int8_graph(layers.eval(), key, cache_dir))
        else:
            self.layers = (
                quantize_frozen(layers.float(), config.train_layers) if config.quantize else layers
            ).eval()
            self.fused = self.dtype == "bfloat16" and not config.quantize and _fuse(self.layers, self.heads)

    pools_whole: Literal[True] = True  # pooled() runs every layer, fine-tuned ones included

    def _int8_graph(self, layers, key: str, cache_dir: Path | None) -> Path:
        """Build the int8 graph of ``layers`` in ``cache_dir``, or in the temporary folder
        when that cannot be written (about 15 s, once per model and machine)."""
        calibration = [e.text for e in load_gold_examples(OWNED_PASSAGES, "dimension", source="owned")]
        for folder in _graph_folders(cache_dir):
            try:
                log.info("building the int8 encoder graph in %s", folder)
                target = folder / f"layers-{key}.onnx"
                return build_int8(layers, self.heads, self._embedded, calibration, target, self.frozen_depth)
            except OSError as error:
                log.warning("cannot write the int8 graph to %s: %s", folder, error)
        raise OSError("no writable folder for the int8 encoder graph")

    def _encode(self, texts: list[str]):
        import torch  # lazy: torch

        known = self._ids
        encodings = [known[t] for t in texts] if all(t in known for t in texts) else self._token_ids(texts)
        width = max(len(e) for e in encodings)
        ids = torch.full((len(texts), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(texts), width), dtype=torch.long)
        for row, e in enumerate(encodings):
            ids[row, : len(e)] = torch.tensor(e)
            mask[row, : len(e)] = 1
        return ids, mask

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        """Token ids of the texts (prefix and template tokens included, truncated)."""
        return [
            e if isinstance(e, list) else e.ids
            for e in self.tokenizer.encode_batch([self.config.prefix + t for t in texts])
        ]

    def _embedded(self, texts: list[str]):
        """(float32 embedded tokens, attention mask) of the texts, padded to the longest."""
        import torch  # lazy: torch

        ids, mask = self._encode(texts)
        with torch.inference_mode():
            positions = torch.arange(ids.shape[1]).unsqueeze(0)
            e = self.embeddings
            hidden = e["norm"](
                self.word_rows(ids) + e["position"](positions) + e["token_type"](torch.zeros_like(ids))
            )
        return hidden, mask

    def _pool(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(mean-pooled last layer, mean-pooled layer :attr:`frozen_depth`) of the texts."""
        import torch  # lazy: torch

        if self.int8 is not None:  # one passage per call: its scores depend on it alone
            rows, taps = [], []
            for text in texts:
                hidden, mask = self._embedded([text])
                last, tapped = self.int8.both(hidden.numpy(), mask.numpy())
                rows.append(last[0])
                taps.append(tapped[0] if tapped is not None else last[0])
            return np.stack(rows), np.stack(taps)
        hidden, mask = self._embedded(texts)
        with torch.inference_mode():
            compute = getattr(torch, self.dtype)
            hidden, extended = hidden.to(compute), additive_mask(mask).to(compute)
            tapped = mean_pool(hidden.float(), mask).numpy() if self.frozen_depth == 0 else None
            forward = fused_bert_layer if self.fused else bert_layer
            for depth, layer in enumerate(self.layers, start=1):
                hidden = forward(layer, hidden, extended, self.heads)
                if depth == self.frozen_depth:
                    tapped = mean_pool(hidden.float(), mask).numpy()
            last = mean_pool(hidden.float(), mask).numpy()
            return last, (tapped if tapped is not None else last)

    def pooled(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled vectors of the texts (batched by token count, :data:`SERVE_BATCH` at
        a time or an int8 model's own batch size; the longest batch first, so later, smaller
        activations fit where earlier ones were freed). The vectors at
        :attr:`frozen_depth` are kept beside them (:meth:`tapped`) until the memo is cleared."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if todo:
            self.load()
        size = self.config.batch_size if self.config.quantize else SERVE_BATCH
        self._ids = dict(zip(todo, self._token_ids(todo), strict=True)) if todo else {}
        try:
            # torch-int8 layers quantise activations per batch: their batches stay those of
            # training and calibration (by characters); float layers go by tokens
            batches = (
                length_batches(todo, size)
                if self.config.quantize
                else token_batches([len(self._ids[t]) for t in todo], size)
            )
            chunks = [[todo[i] for i in batch] for batch in reversed(batches)]
            for chunk, (vectors, taps) in zip(chunks, self._pool_side_by_side(chunks), strict=True):
                for text, vector, tap in zip(chunk, vectors, taps, strict=True):
                    self._memo[text] = vector
                    self._tap_memo[text] = tap
        finally:
            self._ids = {}
        return np.stack([self._memo[t] for t in texts]).astype(np.float32)

    def tapped(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled vectors of the texts after the base model's own layers
        (:attr:`frozen_depth`), from the last :meth:`pooled` call (the texts it missed are
        pooled now)."""
        if any(t not in self._tap_memo for t in texts):
            self.pooled([t for t in texts if t not in self._tap_memo])
        return np.stack([self._tap_memo[t] for t in texts]).astype(np.float32)

    def forget(self) -> None:
        """Drop the memoised vectors (both depths)."""
        self._memo.clear()
        self._tap_memo.clear()

    def feeds(self, other: LeanEncoder) -> bool:
        """Whether this encoder's :meth:`tapped` vectors are exactly ``other``'s pooled
        vectors: ``other`` is a frozen encoder of the same base model, as deep as this one's
        frozen layers, reading the same text the same way in the same arithmetic."""
        mine, theirs = self.config, other.config
        return (
            theirs.train_layers == 0
            and other.depth == self.frozen_depth > 0
            and other.base == self.base
            and (theirs.prefix, theirs.max_length) == (mine.prefix, mine.max_length)
            and other.dtype == self.dtype
        )

    def _pool_side_by_side(self, chunks: list[list[str]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """:meth:`_pool` of every chunk, in order, up to :func:`classify_threads` chunks at
        once (torch lets go of the interpreter inside its operations, each of which runs on
        one thread, so a chunk's vectors do not depend on the thread count). Two threads
        scored 3,000 corpus passages 1.96x as fast as one, where two threads inside each
        operation gave 1.72x (2026-12-03)."""
        threads = min(classify_threads(), len(chunks))
        if threads <= 1:
            return [self._pool(chunk) for chunk in chunks]
        with ThreadPoolExecutor(threads, thread_name_prefix="classify") as pool:
            return list(pool.map(self._pool, chunks))


def token_batches(lengths: list[int], size: int) -> list[list[int]]:
    """Indices in batches of ``size`` by token count (the shortest first), so each batch is
    padded to little more than its own passages: over the corpus's substantive passages
    11% of the padded tokens are padding, against 30% with batches by character count
    (2026-12-05)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    return [order[i : i + size] for i in range(0, len(order), size)]


def _fuse(layers, heads: int) -> bool:
    """Prepare bfloat16 layers for :func:`~pipeline.classify.fused.fused_bert_layer` and
    check it against the plain layer on a small random input; False (plain layers) where
    the fused operators are missing or disagree."""
    if not layers or not fused_available():
        return False
    import torch  # lazy: torch

    for layer in layers:
        fuse_qkv(layer)
    generator = torch.Generator().manual_seed(0)
    width = layers[0].qkv_weight.shape[1]
    probe = torch.randn(2, 8, width, generator=generator).to(torch.bfloat16)
    extended = torch.zeros(2, 1, 1, 8, dtype=torch.bfloat16)
    with torch.inference_mode():
        plain = bert_layer(layers[0], probe, extended, heads).float()
        fused = fused_bert_layer(layers[0], probe, extended, heads).float()
    if not torch.allclose(plain, fused, atol=0.1, rtol=0.05):
        log.warning("fused encoder layers disagree with plain ones; serving plain layers")
        return False
    return True


def _graph_folders(cache_dir: Path | None) -> list[Path]:
    """Where int8 graphs are kept: the model's own cache folder, then a temporary one."""
    return [*([Path(cache_dir)] if cache_dir else []), Path(tempfile.gettempdir()) / "sandingan-int8"]


def _cached_graph(key: str, cache_dir: Path | None) -> Int8Layers | None:
    """A session of the int8 graph built before for ``key``; None when there is none or
    none can be read (a damaged file is then built again and replaced)."""
    for folder in _graph_folders(cache_dir):
        path = folder / f"layers-{key}.onnx"
        if path.is_file():
            try:
                return Int8Layers(path)
            except Exception as error:  # ONNX Runtime raises its own kinds for a damaged file
                reason = " ".join(str(error).split())[:200]
                log.warning("cannot read the int8 graph %s (%s); building it again", path, reason)
    return None


def _layer_tensors(path: Path, keep: int = 0) -> tuple[str, ...]:
    """Names of the encoder-layer tensors of a safetensors file, but those of its first
    ``keep`` layers."""
    with open(path, "rb") as f:
        _, header = _header(f)
    layer = re.compile(r"encoder\.layer\.(\d+)\.")
    return tuple(n for n in header if (m := layer.match(n)) and int(m.group(1)) >= keep)


def _tokenizer(path: Path, max_length: int):
    """The lean Unigram tokenizer of ``path``, or ``tokenizers``' own for other kinds."""
    try:
        return UnigramTokenizer.from_file(path, max_length)
    except ValueError:
        tokenizer = Tokenizer.from_file(str(path))
        tokenizer.enable_truncation(max_length=max_length)
        return tokenizer
