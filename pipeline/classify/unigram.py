"""A memory-lean reader of a SentencePiece-Unigram ``tokenizer.json`` (XLM-R, e5).

The ``tokenizers`` library keeps a byte trie of the whole vocabulary: about 285 MB of
memory for XLM-R's 250,002 pieces, more than the rest of the encoder served in bfloat16.
This class gives the same token ids from a plain dict of the pieces (about 40 MB): the
normalizer and the pre-tokenizer are the library's own (built from the same file, with a
one-piece vocabulary), the segmentation is the library's Viterbi search re-done in Python
(``encode_optimized`` of its Unigram model: the best-scoring path, ties to the shorter
piece, an unknown character scored ``min score - 10``, runs of unknowns fused), words
cached. A file of another shape raises ``ValueError``; callers then use ``tokenizers``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from tokenizers import Tokenizer

UNK_PENALTY = 10.0  # tokenizers' K_UNK_PENALTY
CACHE_LIMIT = 200_000  # words remembered before the cache starts afresh


class UnigramTokenizer:
    """Token ids of texts as ``tokenizers.Tokenizer.encode_batch`` gives them for a
    Unigram ``tokenizer.json`` with a single-sequence template (``<s> A </s>``)."""

    def __init__(self, spec: dict, max_length: int | None = None) -> None:
        model = spec.get("model") or {}
        if model.get("type") != "Unigram" or model.get("byte_fallback"):
            raise ValueError("not a Unigram tokenizer without byte fallback")
        self.unk_id = int(model["unk_id"])
        pieces = model["vocab"]
        self.ids: dict[str, int] = {}
        self.scores: list[float] = []
        for i, (piece, score) in enumerate(pieces):
            self.ids[piece] = i  # a repeated piece: the last id, as tokenizers keeps
            self.scores.append(float(score))
        self.unk_score = min(self.scores) - UNK_PENALTY
        self.longest = max(len(p) for p, _ in pieces)
        self.prefix, self.suffix = _template(spec, self.ids)
        self.special = {t["content"]: int(t["id"]) for t in spec.get("added_tokens", []) if t.get("special")}
        self._special_re = (
            re.compile("|".join(re.escape(s) for s in sorted(self.special, key=len, reverse=True)))
            if self.special
            else None
        )
        shell = dict(spec, model={"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]]})
        shell.update(added_tokens=[], post_processor=None, truncation=None, padding=None)
        surface = Tokenizer.from_str(json.dumps(shell))
        self.normalizer, self.pre_tokenizer = surface.normalizer, surface.pre_tokenizer
        self.max_length = max_length
        self._cache: dict[str, tuple[int, ...]] = {}

    @classmethod
    def from_file(cls, path: Path, max_length: int | None = None) -> UnigramTokenizer:
        """Read ``tokenizer.json``."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")), max_length)

    def word_ids(self, word: str) -> tuple[int, ...]:
        """Ids of one pre-tokenized word: the best-scoring segmentation into pieces."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        size = len(word)
        score = [0.0] * (size + 1)
        start: list[int | None] = [None] * (size + 1)
        best_id = [0] * (size + 1)
        ids, scores = self.ids, self.scores
        for at in range(size):
            here = score[at]
            single = False
            for end in range(at + 1, min(size, at + self.longest) + 1):
                piece_id = ids.get(word[at:end])
                if piece_id is None:
                    continue
                candidate = scores[piece_id] + here
                if start[end] is None or candidate > score[end]:
                    score[end], start[end], best_id[end] = candidate, at, piece_id
                single = single or end == at + 1
            if not single:
                candidate = self.unk_score + here
                if start[at + 1] is None or candidate > score[at + 1]:
                    score[at + 1], start[at + 1], best_id[at + 1] = candidate, at, self.unk_id
        out: list[int] = []
        unknown = ""  # a run of unknown characters, fused into one token
        end = size
        while end > 0:
            begin = start[end]
            assert begin is not None  # every character is reached (a piece or an unknown)
            if best_id[end] == self.unk_id:
                unknown = word[begin:end] + unknown
            else:
                if unknown:
                    out.append(ids.get(unknown, self.unk_id))
                    unknown = ""
                out.append(best_id[end])
            end = begin
        if unknown:
            out.append(ids.get(unknown, self.unk_id))
        result = tuple(reversed(out))
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _text_ids(self, text: str, limit: int | None = None) -> list[int]:
        """Ids of a stretch of text without special tokens; the words after the first
        ``limit`` ids are not segmented (truncation drops them anyway)."""
        if not text:
            return []
        normalized = self.normalizer.normalize_str(text) if self.normalizer else text
        words = (
            self.pre_tokenizer.pre_tokenize_str(normalized) if self.pre_tokenizer else [(normalized, None)]
        )
        out: list[int] = []
        for word, _ in words:
            if limit is not None and len(out) >= limit:
                break
            out.extend(self.word_ids(word))
        return out

    def encode(self, text: str) -> list[int]:
        """Token ids of one text, template tokens included, truncated to ``max_length``."""
        keep = (
            None if self.max_length is None else max(0, self.max_length - len(self.prefix) - len(self.suffix))
        )
        ids: list[int] = []
        last = 0
        for match in self._special_re.finditer(text) if self._special_re else ():
            ids += self._text_ids(text[last : match.start()])
            ids.append(self.special[match.group()])
            last = match.end()
        ids += self._text_ids(text[last:], None if keep is None else max(0, keep - len(ids)))
        if keep is not None:
            ids = ids[:keep]
        return [*self.prefix, *ids, *self.suffix]

    def encode_batch(self, texts: Iterable[str]) -> list[list[int]]:
        """Token ids of each text."""
        return [self.encode(t) for t in texts]


def _template(spec: dict, ids: dict[str, int]) -> tuple[list[int], list[int]]:
    """The special-token ids a single sequence is wrapped in (a ``TemplateProcessing``
    post-processor, or none)."""
    post = spec.get("post_processor")
    if not post:
        return [], []
    if post.get("type") != "TemplateProcessing":
        raise ValueError(f"post-processor {post.get('type')} is not supported")
    before: list[int] = []
    after: list[int] = []
    seen_sequence = False
    for item in post["single"]:
        if "Sequence" in item:
            seen_sequence = True
            continue
        token = item["SpecialToken"]["id"]
        token_ids = (
            post["special_tokens"][token]["ids"] if token in post.get("special_tokens", {}) else [ids[token]]
        )
        (after if seen_sequence else before).extend(int(i) for i in token_ids)
    return before, after
