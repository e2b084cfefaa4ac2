"""A compact encoder built from scratch: a WordPiece tokenizer trained with ``tokenizers`` on
the given texts and a randomly initialised small BertModel, saved as a transformers folder.

It is the no-download alternative to the converted multilingual-e5-small (and what the
tests use as a tiny base model): ``AutoModel.from_pretrained(folder)`` loads it like any
other base. Without pre-training its encoder carries no meaning; it learns only when its
layers are fine-tuned (``train_layers`` = all of them).
"""

from __future__ import annotations

from pathlib import Path


def train_wordpiece(texts: list[str], vocab_size: int = 2000):
    """A lower-casing WordPiece tokenizer (``tokenizers``) trained on ``texts``."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers.trainers import WordPieceTrainer

    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    trainer = WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials)
    tokenizer.train_from_iterator(texts, trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    tokenizer.decoder = decoders.WordPiece()
    return tokenizer


def build_scratch_base(directory: Path, texts: list[str], hidden: int = 128, layers: int = 2,
                       heads: int = 2, vocab_size: int = 2000, seed: int = 13) -> Path:
    """Write a tokenizer + randomly initialised BertModel folder; returns ``directory``."""
    import torch
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    torch.manual_seed(seed)
    tokenizer = train_wordpiece(texts, vocab_size)
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]",
                                   pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
                                   mask_token="[MASK]", model_max_length=512)
    config = BertConfig(vocab_size=tokenizer.get_vocab_size(), hidden_size=hidden,
                        num_hidden_layers=layers, num_attention_heads=heads,
                        intermediate_size=hidden * 4, max_position_embeddings=512,
                        pad_token_id=0)
    directory.mkdir(parents=True, exist_ok=True)
    BertModel(config, add_pooling_layer=False).save_pretrained(directory)
    fast.save_pretrained(directory)
    return directory
