"""Knowledge-base lines of foreign statutes, built from published lists: Singapore's Acts in
force as Singapore Statutes Online (SSO) titles them, and the EU's main regulations and
directives with their CELEX numbers.

Singapore: since the 2020 Revised Edition every Act's title ends with its year ("Cybersecurity
Act 2018"), and the title with its year is how the Act is cited. A line records the title
and the year; Singapore's Acts are cited by title, so no number. A few old Acts carry no
year ("Constitution of the Republic of Singapore"): left out.

EU: a CELEX number "3" + year + "R" (regulation) or "L" (directive) + number
("32016R0679") is the act's identity, ``eu/regulation/2016/679``; a consolidated version's
number ("02014R0910-20241018") names its base act. Commission implementing and delegated
acts, titled by their content, are left out, and so is anything else the number does not
make a regulation or directive (UN regulations).

A line whose title the hand-written ``laws.jsonl`` already has is not written (the
hand-written line wins). Built law lines carry ``titles`` only, no ``names``: they are
never searched for in text, they give a citation that a grammar finds by its title its
jurisdiction, year and number. Because a title alone ("Employment Act") can belong to
several countries' Acts, a line built from a list whose title ends with its year (the
Singapore Acts) is taken only when the citation also gives the year
(:meth:`pipeline.extract.kb.KnowledgeBase.resolve_law`); the EU's acts have names of their
own ("Data Governance Act"). Pure functions: ``scripts/kb/build_statutes.py``
reads the lists and writes ``pipeline/data/kb/lists/statutes.jsonl``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from pipeline.extract.text import normalize_name, slugify

_TITLE_YEAR = re.compile(r"\s(?P<year>1[789]\d\d|20\d\d)$")
_CELEX = re.compile(r"^[03](?P<year>\d{4})(?P<kind>[RL])(?P<number>\d{4})(?:-\d{8})?$")
CELEX_KINDS = {"R": "regulation", "L": "directive"}
_DERIVED = re.compile(r"^Commission (?:Implementing|Delegated) ")


def title_key(title: str) -> str:
    """A comparison key of a statute's title (the year kept)."""
    return normalize_name(title)


def singapore_acts(census_json: str, known: set[str], source: str) -> list[dict]:
    """KB lines of the Acts in force of an SSO census (``{"laws": [{"title", "status",
    "category", "identifier"}]}``), by id; titles without a year, and titles and ids in
    ``known`` (:func:`known_laws`), left out."""
    lines: list[dict] = []
    for law in json.loads(census_json)["laws"]:
        title = " ".join(str(law.get("title", "")).split())
        year = _TITLE_YEAR.search(title)
        if law.get("status") != "in_force" or law.get("category") != "act" or year is None:
            continue
        entity_id = f"sg/act/{year.group('year')}/{slugify(title)}"
        if title_key(title) in known or entity_id in known:
            continue
        lines.append(
            {
                "id": entity_id,
                "kind": "law",
                "country": "SG",
                "name": title,
                "titles": [title],
                "law": {"jurisdiction": "SG", "type": "act", "number": None, "year": int(year.group("year"))},
                "code": str(law.get("identifier", "")),
                "source": source,
            }
        )
    return sorted(lines, key=lambda line: line["id"])


def eu_acts(seeds: Iterable[str], known: set[str], source: str) -> list[dict]:
    """KB lines of EU acts from records with ``full_name`` and ``celex_id``, by id:
    regulations and directives only; implementing and delegated acts, and titles and ids
    in ``known`` (:func:`known_laws`), left out."""
    lines: dict[str, dict] = {}
    for text in seeds:
        record = json.loads(text)
        title = " ".join(str(record.get("full_name", "")).split())
        celex = _CELEX.match(str(record.get("celex_id", "")))
        if celex is None or not title or _DERIVED.match(title) or title_key(title) in known:
            continue
        kind, year = CELEX_KINDS[celex.group("kind")], int(celex.group("year"))
        number = str(int(celex.group("number")))
        entity_id = f"eu/{kind}/{year}/{number}"
        if entity_id in known:
            continue
        lines[entity_id] = {
            "id": entity_id,
            "kind": "law",
            "country": "EU",
            "name": title,
            "titles": [title],
            "law": {"jurisdiction": "EU", "type": kind, "number": number, "year": year},
            "code": celex.group(0),
            "source": source,
        }
    return [lines[k] for k in sorted(lines)]


def known_laws(entries: Iterable) -> set[str]:
    """Ids and title keys (every title and name) of the hand-written laws."""
    laws = [e for e in entries if e.kind == "law"]
    return {e.id for e in laws} | {title_key(t) for e in laws for t in (*e.titles, *e.all_names())}


__all__ = ["eu_acts", "known_laws", "singapore_acts", "title_key"]
