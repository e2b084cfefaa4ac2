"""Tests of pipeline.extract.scan: the keyword index the grammars share."""

from __future__ import annotations

from pipeline.extract.extractor import ALL_KEYWORDS
from pipeline.extract.scan import KeywordIndex


def test_a_keyword_is_found_where_a_longer_keyword_begins_with_it() -> None:
    low = "the constitution of the republic of singapore"
    index = KeywordIndex(low, ("constitution", "constitution of the republic"))
    assert index.positions(["constitution"]) == [4]
    assert index.positions(["constitution of the republic"]) == [4]


def test_a_keyword_ends_at_a_word_boundary_unless_starred() -> None:
    index = KeywordIndex("permenkominfo and acts", ("permen*", "act"))
    assert index.positions(["permen*"]) == [0]
    assert index.positions(["act"]) == []


def test_every_grammar_keyword_is_found_in_the_shared_index() -> None:
    """Each keyword of every grammar, written alone and as the start of every longer
    keyword, is where the shared index says it is."""
    words = sorted({k.rstrip("*") for k in ALL_KEYWORDS})
    for k in words:
        for longer in [w for w in words if w.startswith(k + " ")] + [k]:
            low = f"x {longer} y"
            assert 2 in KeywordIndex(low, ALL_KEYWORDS).positions([k]), (k, longer)
