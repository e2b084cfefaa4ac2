"""Tests of pipeline.extract.candidates: document-level filling of law citations."""

from __future__ import annotations

from pipeline.extract.candidates import years_from_full_citations
from pipeline.extract.lawmatch import LawMatch


def test_an_act_cited_by_number_alone_takes_the_year_of_its_full_citation() -> None:
    full = LawMatch(0, 10, type="act", number="671", year=2007, title="Capital Market and Services Act")
    bare = LawMatch(20, 27, type="act", jurisdiction="MY", number="671")
    other = LawMatch(30, 37, type="act", jurisdiction="MY", number="709")
    years_from_full_citations([full, bare, other])
    assert (bare.year, other.year) == (2007, None)


def test_an_act_number_given_two_years_is_left_alone() -> None:
    laws = [
        LawMatch(0, 10, type="act", number="20", year=1996),
        LawMatch(11, 20, type="act", number="20", year=1966),
        LawMatch(21, 27, type="act", number="20"),
    ]
    years_from_full_citations(laws)
    assert laws[2].year is None
