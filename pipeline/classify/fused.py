"""BERT layers through oneDNN's fused products, for serving in bfloat16.

A plain layer spends a third of its time outside the matrix products: ``addmm`` first copies
the broadcast bias into every output, GELU reads and writes the 1,536-wide activations once
more, and each residual sum is another pass. oneDNN (torch's ``mkldnn`` operators) adds the
bias, applies GELU or adds the residual inside the product itself, and the query, key and
value products run as one. The layer's arithmetic is the same (exact, erf GELU; residual
added before the LayerNorm); only bfloat16 rounding moves, within what bfloat16 serving
already moves (see the README's "Passage dimensions").

Measured on one core of a Xeon with AMX, batches of 32 corpus passages: 326 -> 294 ms at
128 tokens, 178 -> 150 ms at 67, 77 -> 70 ms at 27 (2026-12-05). Where the operators are
missing (a torch built without oneDNN) or disabled (``SANDINGAN_ENCODER_FUSED=0``), the
plain layer of :func:`pipeline.classify.model.bert_layer` runs.
"""

from __future__ import annotations

import os
from typing import Any

FUSED_ENV = "SANDINGAN_ENCODER_FUSED"  # "0": the plain layer


def fused_available() -> bool:
    """Whether torch has oneDNN's fused linear operators and they are not switched off."""
    if os.environ.get(FUSED_ENV, "1").strip() == "0":
        return False
    import torch  # lazy: torch

    if not torch.backends.mkldnn.is_available():
        return False
    ops = torch.ops.mkldnn
    return hasattr(ops, "_linear_pointwise") and hasattr(ops._linear_pointwise, "binary")


def fuse_qkv(layer: Any) -> None:
    """Give a lean layer one query-key-value product (``qkv_weight``, ``qkv_bias``); the
    three modules' parameters become views of it, so no memory is added."""
    import torch  # lazy: torch

    parts = (layer.query, layer.key, layer.value)
    with torch.no_grad():
        weight = torch.cat([p.weight for p in parts]).contiguous()
        bias = torch.cat([p.bias for p in parts]).contiguous()
    width = parts[0].weight.shape[0]
    for i, part in enumerate(parts):
        part.weight = torch.nn.Parameter(weight[i * width : (i + 1) * width], requires_grad=False)
        part.bias = torch.nn.Parameter(bias[i * width : (i + 1) * width], requires_grad=False)
    layer.qkv_weight, layer.qkv_bias = weight, bias


def fused_bert_layer(layer: Any, hidden: Any, extended: Any, heads: int) -> Any:
    """:func:`pipeline.classify.model.bert_layer` (post-LayerNorm, exact GELU) with fused
    products; ``layer`` went through :func:`fuse_qkv`."""
    import torch  # lazy: torch

    linear = torch.ops.mkldnn._linear_pointwise
    batch, seq, width = hidden.shape
    qkv = linear(hidden, layer.qkv_weight, layer.qkv_bias, "none", [], "")
    qkv = qkv.view(batch, seq, 3, heads, width // heads).permute(2, 0, 3, 1, 4)
    context = torch.nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=extended)
    context = context.transpose(1, 2).reshape(batch, seq, width)
    attended = layer.attn_norm(
        linear.binary(context, hidden, layer.attn_out.weight, layer.attn_out.bias, "add")
    )
    inner = linear(attended, layer.inter.weight, layer.inter.bias, "gelu", [], "none")
    return layer.out_norm(linear.binary(inner, attended, layer.out.weight, layer.out.bias, "add"))
