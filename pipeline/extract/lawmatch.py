"""The record every citation grammar returns, and how it becomes a :class:`Law`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.text import clean_number, parse_year, slugify
from pipeline.records import Law

# Indonesian type that a context-dependent citation takes when its country turns out to be ID.
ID_TYPE_FOR = {"act": "uu", "constitution": "uud"}


@dataclass
class LawMatch:
    """A legal citation found in text: where it is and what it identifies.

    ``jurisdiction`` is None when the citation form does not say which country it belongs
    to ("undang-undang Keamanan Siber (2019)", "Law No. 11 of 2019"): country attribution
    decides later (:meth:`to_law`).
    """

    start: int
    end: int
    type: str
    jurisdiction: str | None = None
    number: str | None = None
    year: int | None = None
    title: str | None = None
    title_end: int = 0
    acronym: str | None = None
    amends: str | None = None
    grammar: str = ""
    confidence: float = 0.9
    kb_id: str | None = None
    extras: dict[str, str] = field(default_factory=dict)
    # the issuer as the citation writes it ("Komunikasi dan Informatika", "kominfo", "Provinsi
    # Bali"), and its knowledge-base key once resolved (``candidates.from_law``)
    issuer_text: str | None = None
    issuer: str | None = None

    def __post_init__(self) -> None:
        self.title_end = max(self.title_end, self.end)

    def to_law(self, country: str | None = None) -> Law:
        """The canonical identity, taking the jurisdiction from ``country`` when the form lacks it."""
        jurisdiction = self.jurisdiction or country
        law_type = self.type
        if self.jurisdiction is None and jurisdiction == "ID":
            law_type = ID_TYPE_FOR.get(law_type, law_type)
        number = self.number
        if number is None and law_type != "uud" and self.title:
            number = slugify(self.title) or None
        return Law(jurisdiction or "-", law_type, number, self.year, self.title, self.issuer)

    @property
    def canonical_id(self) -> str:
        """The canonical id as far as the citation itself tells (context may change it)."""
        return self.to_law().canonical_id


def number_and_year(number: str | None, year: str | None) -> tuple[str | None, int | None]:
    """Clean a raw number and year pair; a year inside a compound number fills a missing one."""
    parsed_year = parse_year(year) if year else None
    if number and parsed_year is None:
        inner = re.findall(r"(?<!\d)(\d{4})(?!\d)", number)
        if inner:
            parsed_year = parse_year(inner[-1])
    return (clean_number(number) if number else None), parsed_year


def resolve_overlaps(matches: list[LawMatch]) -> list[LawMatch]:
    """Keep the longest match where matches overlap (earlier grammar wins a tie)."""
    ordered = sorted(enumerate(matches), key=lambda im: (-(im[1].end - im[1].start), im[0]))
    kept: list[LawMatch] = []
    for _, m in ordered:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
