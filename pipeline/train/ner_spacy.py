"""A small spaCy entity recogniser for LAW, AGENCY and PROGRAMME: build, train, predict.

One blank multilingual (``xx``) pipeline for English and Indonesian alike, with a narrow
CNN token-to-vector layer (hash embeddings of the word, its prefix, suffix and shape): a
few MB on disk, trained in minutes on two cores. Training is deterministic for a given
seed: spaCy's random state is fixed and the batches are shuffled by a seeded generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from pipeline.extract.ner_finder import safe_text
from pipeline.train.ner_data import NER_LABELS, NerExample, Span

if TYPE_CHECKING:
    from spacy.pipeline import EntityRecognizer
    from spacy.tokens import Span as SpacySpan


@dataclass
class NerConfig:
    """The recipe of a NER model (saved in ``training.json``)."""

    lang: str = "xx"
    labels: list[str] = field(default_factory=lambda: list(NER_LABELS))
    seed: int = 13
    iterations: int = 12
    width: int = 64
    depth: int = 2
    embed_size: int = 2000
    hidden_width: int = 48
    dropout: float = 0.2
    batch_size: int = 16
    learn_rate: float = 0.001

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(vars(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NerConfig:
        """Inverse of :meth:`to_dict` (unknown keys ignored)."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def blank_pipeline(config: NerConfig):
    """A blank pipeline with an untrained ``ner`` component of the configured size."""
    import spacy  # lazy: spaCy (~2.7 s), loaded when a model is built

    nlp = spacy.blank(config.lang)
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": config.hidden_width,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": config.width,
            "depth": config.depth,
            "embed_size": config.embed_size,
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    }
    # spaCy types any pipe as Callable[[Doc], Doc]; the "ner" factory makes an EntityRecognizer
    ner = cast("EntityRecognizer", nlp.add_pipe("ner", config={"model": model}))
    for label in config.labels:
        ner.add_label(label)
    return nlp


def merged(doc, spans: list) -> list:
    """Overlapping token spans of ``doc`` joined into one (spaCy takes each token in at most
    one missing span: nested machine mentions, a PLACE inside a PROGRAMME, overlap)."""
    out: list = []
    for span in sorted(spans, key=lambda x: (x.start, x.end)):
        if out and span.start < out[-1].end:
            out[-1] = doc[out[-1].start : max(out[-1].end, span.end)]
        else:
            out.append(span)
    return out


def to_training_example(nlp, example: NerExample):
    """A spaCy ``Example`` whose reference has the spans as entities, the ``unknown``
    stretches as missing (no loss either way) and everything else outside.

    Spans that do not fall on token boundaries are shrunk to the tokens inside them.
    """
    from spacy.training import Example  # lazy: spaCy (~2.7 s), loaded when a model is trained

    predicted = nlp.make_doc(safe_text(example.text))
    reference = nlp.make_doc(safe_text(example.text))
    ents: list[SpacySpan] = []
    for s in example.spans:
        span = reference.char_span(s.start, s.end, label=s.label, alignment_mode="contract")
        if span is not None and len(span) and all(span.start >= e.end or e.start >= span.end for e in ents):
            ents.append(span)
    unknown = [
        span
        for s, e in example.unknown
        if (span := reference.char_span(s, e, alignment_mode="expand")) is not None
        and all(span.start >= x.end or x.start >= span.end for x in ents)
    ]
    reference.set_ents(ents, missing=merged(reference, unknown), default="outside")
    return Example(predicted, reference)


def aligned_spans(nlp, example: NerExample) -> tuple[Span, ...]:
    """The example's spans as the tokenizer can represent them (what the model can learn)."""
    doc = to_training_example(nlp, example).reference
    return tuple(Span(e.start_char, e.end_char, e.label_) for e in doc.ents)


def train_pipeline(examples: list[NerExample], config: NerConfig, log=None):
    """Train a new pipeline on ``examples``; the same examples and seed give the same model."""
    from spacy.training import Example  # noqa: F401  # lazy: spaCy's training machinery
    from spacy.util import fix_random_seed, minibatch  # lazy: spaCy (~2.7 s)

    fix_random_seed(config.seed)
    nlp = blank_pipeline(config)
    train = [to_training_example(nlp, e) for e in examples]
    optimizer = nlp.initialize(lambda: train)
    optimizer.learn_rate = config.learn_rate
    rng = random.Random(config.seed)
    order = list(range(len(train)))
    for iteration in range(config.iterations):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch([train[i] for i in order], size=config.batch_size):
            nlp.update(batch, drop=config.dropout, sgd=optimizer, losses=losses)
        if log:
            log(f"iteration {iteration + 1}/{config.iterations}: loss {losses.get('ner', 0):.1f}")
    return nlp


def predict_spans(
    nlp,
    texts: list[str],
    labels: tuple[str, ...] = NER_LABELS,
) -> list[tuple[Span, ...]]:
    """The model's entities of each text."""
    return [
        tuple(Span(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels)
        for doc in nlp.pipe((safe_text(t) for t in texts), batch_size=64)
    ]
