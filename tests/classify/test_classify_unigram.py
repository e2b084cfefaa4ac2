"""The lean Unigram tokenizer gives tokenizers' ids, on a small built tokenizer and on e5's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

from pipeline.classify.unigram import UnigramTokenizer
from pipeline.settings import PROJECT_ROOT, shared_root

E5_TOKENIZER = PROJECT_ROOT / "models" / "base" / "multilingual-e5-small" / "tokenizer.json"
ODD = [
    "",
    " ",
    "   lead and trail   ",
    "Pemerintah   Kota  Bandung membangun sistem transportasi cerdas.",
    "a<s>b</s> <pad> tail",
    "café naïve Ｆｕｌｌ width ① ﬁ",
    "zzzz qqqq xyzxyz",  # runs of pieces the small vocabulary lacks
    "日本語 😀😀 ꙮꙮ",
    "\u200b\u200bzero width\u00a0space",
    "x" * 400,
]


def _small_tokenizer(path: Path) -> Tokenizer:
    """A Unigram tokenizer shaped like XLM-R's (specials, a normalizer, Metaspace, template)
    over a vocabulary of a few dozen pieces, ties and multi-character pieces included."""
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁the", "▁th", "e", "t", "h", "a", "b", "c"]
    pieces += ["▁kota", "ko", "ta", "k", "o", "▁ko", "▁a", "s", "i", "m", "n", "r", "l", "p", "g", "u"]
    pieces += ["▁pemerintah", "pe", "me", "ri", "ntah", "▁cerdas", "d", "▁sistem", "é", "▁caf"]
    scores = [0.0, 0.0, 0.0, 0.0] + [-1.0 - (i % 7) * 0.5 for i in range(len(pieces) - 4)]
    tokenizer = Tokenizer(models.Unigram(list(zip(pieces, scores, strict=True)), unk_id=3))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Lowercase(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)]
    )
    tokenizer.add_special_tokens(["<s>", "<pad>", "</s>", "<unk>"])
    tokenizer.save(str(path))
    return tokenizer


@pytest.mark.parametrize("max_length", [None, 12])
def test_ids_equal_the_tokenizers_library_on_a_small_unigram(tmp_path, max_length):
    reference = _small_tokenizer(tmp_path / "tokenizer.json")
    if max_length:
        reference.enable_truncation(max_length=max_length)
    lean = UnigramTokenizer.from_file(tmp_path / "tokenizer.json", max_length)
    texts = [*ODD, "The kota pemerintah", "thethe the th", "Kota Cerdas sistem kotak"]
    assert lean.encode_batch(texts) == [e.ids for e in reference.encode_batch(texts)]
    assert lean.encode("zzzz")[1:-1] == [4, 3]  # "▁", then four unknown characters fused into one


def test_other_tokenizer_models_are_refused(tmp_path):
    tokenizer = Tokenizer(models.WordPiece({"[UNK]": 0, "a": 1}, unk_token="[UNK]"))
    tokenizer.save(str(tmp_path / "tokenizer.json"))
    with pytest.raises(ValueError, match="Unigram"):
        UnigramTokenizer.from_file(tmp_path / "tokenizer.json")
    spec = json.loads((tmp_path / "tokenizer.json").read_text())
    spec["model"] = {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]], "byte_fallback": True}
    with pytest.raises(ValueError, match="byte fallback"):
        UnigramTokenizer(spec)


@pytest.mark.skipif(not E5_TOKENIZER.is_file(), reason="e5 base model not built")
def test_ids_equal_the_tokenizers_library_on_e5_and_real_passages():
    reference = Tokenizer.from_file(str(E5_TOKENIZER))
    reference.enable_truncation(max_length=128)
    lean = UnigramTokenizer.from_file(E5_TOKENIZER, 128)
    texts = list(ODD)
    corpus = shared_root() / "corpus"
    if corpus.is_dir():  # real passages of three documents, Indonesian and English
        from pipeline.ingest import read_pdf

        names = sorted(p.name for p in corpus.glob("*.pdf"))
        for name in [n for n in names if n.startswith("id_")][:2] + [n for n in names if n.startswith("en_")][
            :1
        ]:
            texts += [p.text for p in read_pdf(corpus / name, ocr=False).passages]
    texts = ["query: " + t for t in texts]
    assert lean.encode_batch(texts) == [e.ids for e in reference.encode_batch(texts)]
