"""Training the passage classifier: encoded features, head fitting, thresholds, scoring.

:class:`Encoded` holds a loaded encoder and remembers what it computed for each text, so
that cross-validation folds over the same passages encode every passage once. With
``train_layers = 0`` the encoder is frozen and only the head is fitted (L-BFGS, full
batch, deterministic); with ``train_layers > 0`` the top layers are fine-tuned with AdamW.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from pipeline.classify.model import (
    ClassifierConfig,
    _Split,
    build_head,
    length_batches,
    lexicon_matrix,
    load_encoder,
    mean_pool,
    quantize_encoder,
)

if TYPE_CHECKING:
    import torch

    from pipeline.classify.encoder import LeanEncoder


def make_head(config: ClassifierConfig, hidden_size: int, encoder_weight: float = 0.1):
    """A module that standardises and scales the pooled vector, appends the lexicon features
    and applies a linear layer (one logit per label)."""
    import torch  # lazy: torch (~1.8 s), loaded with the first model

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.linear = build_head(config, hidden_size)
            self.register_buffer("mean", torch.zeros(hidden_size))
            self.register_buffer("scale", torch.full((hidden_size,), encoder_weight))

        def forward(self, pooled, lex):
            return self.linear(torch.cat([(pooled - self.mean) * self.scale, lex], dim=1))

    return Head()


def set_standardisation(head, pooled: np.ndarray, encoder_weight: float = 0.1) -> None:
    """Centre and scale the encoder part of the head's input on the training vectors."""
    import torch  # lazy: torch

    std = pooled.std(0) + 1e-6
    head.mean.copy_(torch.tensor(pooled.mean(0), dtype=torch.float32))
    head.scale.copy_(torch.tensor(encoder_weight / std, dtype=torch.float32))


class Encoded:
    """An encoder with a per-text memo of pooled vectors (frozen) or bottom hidden states."""

    def __init__(self, config: ClassifierConfig):
        self.config = config
        self.tokenizer, self.encoder = load_encoder(config)
        self.frozen_encoder = self.encoder
        if config.quantize and config.train_layers == 0:
            self.frozen_encoder = quantize_encoder(self.encoder)
        self.split = _Split(self.frozen_encoder, config.train_layers)
        self._memo: dict[str, np.ndarray | torch.Tensor] = {}  # pooled vectors or hidden states
        top = self.encoder.encoder.layer[self.split.cut :]
        self._initial_top = {k: v.clone() for k, v in top.state_dict().items()}

    def reset_top(self) -> None:
        """Put the trainable top layers back to the base model's weights (before each fit)."""
        self.encoder.encoder.layer[self.split.cut :].load_state_dict(self._initial_top)

    @property
    def hidden_size(self) -> int:
        """Width of the pooled vector."""
        return int(self.encoder.config.hidden_size)

    @property
    def pools_whole(self) -> bool:
        """True when :meth:`pooled` runs the whole (frozen) encoder; False when the top
        layers are trained and scoring goes through :meth:`bottom_states`."""
        return self.config.train_layers == 0

    def tokenize(self, texts: list[str]):
        """Token ids and attention mask of the prefixed texts, padded, truncated."""
        return self.tokenizer(
            [self.config.prefix + t for t in texts],
            padding=True,
            truncation=True,
            max_length=self.config.max_length,
            return_tensors="pt",
        )

    def _compute(self, texts: list[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self._memo]
        for batch in length_batches(todo, self.config.batch_size):
            chunk = [todo[i] for i in batch]
            enc = self.tokenize(chunk)
            hidden = self.split.bottom(enc["input_ids"], enc["attention_mask"])
            for row, text in enumerate(chunk):
                n = int(enc["attention_mask"][row].sum())
                state = hidden[row, :n]
                self._memo[text] = state.mean(0).numpy() if self.config.train_layers == 0 else state

    def pooled(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled vectors (frozen encoder) of the texts, rows in order."""
        self._compute(texts)
        return np.stack([self._memo[t] for t in texts]).astype(np.float32)

    def bottom_states(self, texts: list[str]) -> list:
        """Hidden states below the trainable layers, one (tokens, hidden) tensor per text."""
        self._compute(texts)
        return [self._memo[t] for t in texts]


def pos_weights(targets: np.ndarray) -> np.ndarray:
    """sqrt(negatives / positives) per label, bounded, to lift rare labels."""
    rate = np.clip(targets.mean(0), 0.05, 0.95)
    return np.sqrt((1 - rate) / rate)


def fit_head(encoded: Encoded, texts: list[str], targets: np.ndarray, l2: float = 0.001):
    """Fit the head on a frozen encoder (full-batch L-BFGS); returns the head module."""
    import torch  # lazy: torch

    config = encoded.config
    pooled = encoded.pooled(texts)
    head = make_head(config, encoded.hidden_size)
    set_standardisation(head, pooled)
    x = torch.tensor(pooled)
    lex = torch.tensor(lexicon_matrix(texts, config))
    y = torch.tensor(targets, dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weights(targets)))
    optimiser = torch.optim.LBFGS(head.linear.parameters(), max_iter=max(50, config.epochs * 10))

    def closure():
        optimiser.zero_grad()
        loss = loss_fn(head(x, lex), y) + l2 * (head.linear.weight**2).sum()
        loss.backward()
        return loss

    optimiser.step(closure)
    return head.eval()


def _pad(states: list):
    import torch  # lazy: torch

    width = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), width, states[0].shape[1])
    mask = torch.zeros(len(states), width, dtype=torch.long)
    for i, s in enumerate(states):
        hidden[i, : s.shape[0]] = s
        mask[i, : s.shape[0]] = 1
    return hidden, mask


def fit_finetune(encoded: Encoded, texts: list[str], targets: np.ndarray):
    """Fine-tune the top ``train_layers`` layers with the head (AdamW, mini-batches)."""
    import torch  # lazy: torch

    config = encoded.config
    torch.manual_seed(config.seed)
    encoded.reset_top()
    layers = encoded.encoder.encoder.layer[encoded.split.cut :]
    for param in layers.parameters():
        param.requires_grad_(True)
    states = encoded.bottom_states(texts)
    with torch.no_grad():
        pooled = np.stack([encoded.split.top(*_pad([s])).numpy()[0] for s in states])
    head = make_head(config, encoded.hidden_size)
    set_standardisation(head, pooled)
    lex = torch.tensor(lexicon_matrix(texts, config))
    y = torch.tensor(targets, dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weights(targets)))
    optimiser = torch.optim.AdamW(
        [
            {"params": head.linear.parameters(), "lr": config.learning_rate},
            {"params": layers.parameters(), "lr": config.encoder_learning_rate},
        ],
        weight_decay=config.weight_decay,
    )
    generator = torch.Generator().manual_seed(config.seed)
    layers.train()
    for _ in range(config.epochs):
        for batch in torch.randperm(len(texts), generator=generator).split(config.batch_size):
            hidden, mask = _pad([states[i] for i in batch])
            optimiser.zero_grad()
            loss = loss_fn(head(encoded.split.top(hidden, mask), lex[batch]), y[batch])
            loss.backward()
            optimiser.step()
    layers.eval()
    for param in layers.parameters():
        param.requires_grad_(False)
    return head.eval()


def fit_logistic_head(encoded: Encoded, texts: list[str], targets: np.ndarray):
    """Per label, a class-balanced L2 logistic regression (scikit-learn, lbfgs) on the
    standardised [pooled vector, lexicon features], folded into the head module (so a saved
    model needs no scikit-learn to score)."""
    import torch  # lazy: torch
    from sklearn.linear_model import LogisticRegression  # lazy: scikit-learn (~2 s), training only

    config = encoded.config
    pooled = encoded.pooled(texts).astype(np.float64)
    lex = lexicon_matrix(texts, config).astype(np.float64)
    features = np.hstack([pooled, lex])
    mean, std = features.mean(0), features.std(0) + 1e-6
    scaled = (features - mean) / std
    weights = np.zeros((targets.shape[1], features.shape[1]))
    bias = np.full(targets.shape[1], -10.0)
    for j in range(targets.shape[1]):
        if 0 < targets[:, j].sum() < len(targets):
            model = LogisticRegression(C=config.regularisation_c, class_weight="balanced", max_iter=3000)
            model.fit(scaled, targets[:, j])
            weights[j], bias[j] = model.coef_[0], model.intercept_[0]
    hidden = pooled.shape[1]
    head = make_head(config, encoded.hidden_size)
    with torch.no_grad():
        head.mean.copy_(torch.tensor(mean[:hidden], dtype=torch.float32))
        head.scale.copy_(torch.tensor(1.0 / std[:hidden], dtype=torch.float32))
        lex_w = weights[:, hidden:] / std[hidden:]
        folded = bias - (lex_w * mean[hidden:]).sum(1)
        head.linear.weight.copy_(torch.tensor(np.hstack([weights[:, :hidden], lex_w]), dtype=torch.float32))
        head.linear.bias.copy_(torch.tensor(folded, dtype=torch.float32))
    return head.eval()


def fit(encoded: Encoded, texts: list[str], targets: np.ndarray):
    """Fit a head (and the top layers when configured) on the texts and 0/1 targets."""
    if encoded.config.train_layers > 0:
        return fit_finetune(encoded, texts, targets)
    if encoded.config.head == "logistic":
        return fit_logistic_head(encoded, texts, targets)
    return fit_head(encoded, texts, targets)


def predict(encoded: Encoded | LeanEncoder, head, texts: list[str]) -> np.ndarray:
    """Label probabilities (rows = texts, columns = labels)."""
    import torch  # lazy: torch

    if not texts:
        return np.zeros((0, len(encoded.config.labels)), dtype=np.float32)
    lex = torch.tensor(lexicon_matrix(texts, encoded.config))
    with torch.inference_mode():
        if encoded.pools_whole:
            pooled = torch.tensor(encoded.pooled(texts))
        else:
            rows = [encoded.split.top(*_pad([s]))[0] for s in encoded.bottom_states(texts)]
            pooled = torch.stack(rows)
        return torch.sigmoid(head(pooled, lex)).numpy()


def calibrate_thresholds(
    scores: np.ndarray, targets: np.ndarray, labels: list[str], default: float = 0.5
) -> dict[str, float]:
    """Per label, the cut in 0.05..0.95 with the best F1 on held-out scores (ties: nearest 0.5)."""
    grid = np.round(np.arange(0.05, 0.951, 0.05), 2)
    thresholds: dict[str, float] = {}
    for j, label in enumerate(labels):
        if targets[:, j].sum() == 0:
            thresholds[label] = default
            continue
        best = max(grid, key=lambda t: (_f1(targets[:, j], scores[:, j] >= t), -abs(t - 0.5)))
        thresholds[label] = float(best)
    return thresholds


def _f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = float((truth * predicted).sum())
    denominator = float(truth.sum() + predicted.sum())
    return 2 * tp / denominator if denominator else 0.0


__all__ = ["Encoded", "calibrate_thresholds", "fit", "mean_pool", "predict"]
