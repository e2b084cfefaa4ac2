"""A compact encoder built from scratch: a WordPiece tokenizer trained with ``tokenizers`` on
the given texts and a randomly initialised small BertModel, saved as a transformers folder.

It is the no-download alternative to the converted multilingual-e5-small (and what the
tests use as a tiny base model): ``AutoModel.from_pretrained(folder)`` loads it like any
other base. Without pre-training its encoder carries no meaning; it learns only when its
layers are fine-tuned (``train_layers`` = all of them).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def wordpiece_vocabulary(words: list[str], vocab_size: int) -> list[str]:
    """A deterministic WordPiece vocabulary: special tokens, every character (alone and as
    a ``##`` continuation), then whole words by frequency (ties alphabetical) up to
    ``vocab_size``. A word outside it splits into characters, so nothing is ``[UNK]``.

    (The ``tokenizers`` WordPieceTrainer breaks frequency ties by hash order, which differs
    between processes: the same texts gave a different base model, and different scores,
    in every run.)"""
    chars = sorted({c for w in words for c in w})
    vocab = SPECIALS + chars + ["##" + c for c in chars]
    counts = Counter(w for w in words if len(w) > 1)
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return vocab + ranked[: max(0, vocab_size - len(vocab))]


def train_wordpiece(texts: list[str], vocab_size: int = 2000):
    """A lower-casing WordPiece tokenizer (``tokenizers``) whose vocabulary is built from
    ``texts`` by :func:`wordpiece_vocabulary`; the same texts give the same ids."""
    normalizer = normalizers.BertNormalizer(lowercase=True)
    pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    words = [w for t in texts for w, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(t))]
    vocab = {tok: i for i, tok in enumerate(wordpiece_vocabulary(words, vocab_size))}
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizer
    tokenizer.pre_tokenizer = pre_tokenizer
    cls_id, sep_id = vocab["[CLS]"], vocab["[SEP]"]
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    tokenizer.decoder = decoders.WordPiece()
    return tokenizer


def build_scratch_base(
    directory: Path,
    texts: list[str],
    hidden: int = 128,
    layers: int = 2,
    heads: int = 2,
    vocab_size: int = 2000,
    seed: int = 13,
) -> Path:
    """Write a tokenizer + randomly initialised BertModel folder; returns ``directory``."""
    import torch  # lazy: torch (~1.8 s)
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast  # lazy: transformers

    torch.manual_seed(seed)
    tokenizer = train_wordpiece(texts, vocab_size)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=512,
    )
    config = BertConfig(
        vocab_size=tokenizer.get_vocab_size(),
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        intermediate_size=hidden * 4,
        max_position_embeddings=512,
        pad_token_id=0,
    )
    directory.mkdir(parents=True, exist_ok=True)
    BertModel(config, add_pooling_layer=False).save_pretrained(directory)
    fast.save_pretrained(directory)
    return directory
