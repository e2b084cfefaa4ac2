"""The knowledge base: agencies, programmes, places and named laws, read from data files.

Files (JSON Lines, one entity a line) live in ``pipeline/data/kb/`` and are described in
its README. :class:`KnowledgeBase` indexes them for two uses: finding names in text
(:meth:`KnowledgeBase.find`) and resolving a name found by a pattern to a known entity
(:meth:`KnowledgeBase.lookup_name`, :meth:`KnowledgeBase.resolve_law`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

from pipeline.extract.text import ligature_variant, lower_same_length, normalize_name
from pipeline.extract.trie import compile_phrases, phrase_key
from pipeline.records import EntityLabel
from pipeline.settings import PACKAGE_DATA

KB_DIR = PACKAGE_DATA / "kb"
KB_FILES = ("agencies.jsonl", "programmes.jsonl", "places.jsonl", "laws.jsonl")
LISTS_DIR = "lists"  # lines built from authoritative lists by scripts/kb/ (each with its source)
LABELS: dict[str, EntityLabel] = {
    "agency": "AGENCY",
    "programme": "PROGRAMME",
    "place": "PLACE",
    "law": "LAW",
}
_TRAILING_YEAR = re.compile(r"\s*(?:,|of)?\s*(?:b\s?e\s*)?\(?\d{4}\)?$")
# a type word before the title: "Undang-Undang ...", "Akta ...", "Persetujuan X Agreement" (X Agreement)
_LEADING_TYPE = re.compile(r"^(?:undang undang|akta|uu|persetujuan|perjanjian)\s+")
FUZZY_TITLE = 0.92
_ENDS_WITH_YEAR = re.compile(r"\b(?:1[789]|20)\d\d$")


@dataclass(frozen=True)
class KBEntry:
    """One entity of the knowledge base."""

    id: str
    kind: str
    name: str
    country: str | None = None
    names: dict[str, list[str]] = field(default_factory=dict)
    acronyms: tuple[str, ...] = ()
    parent: str | None = None
    place_type: str | None = None
    demonyms: tuple[str, ...] = ()
    case_sensitive: bool = False
    law: dict | None = None
    titles: tuple[str, ...] = ()
    source: str | None = None  # the authoritative list a built line comes from
    lookup_only: bool = False  # resolved by name (a pattern's find), never searched for in text
    listed: tuple[str, ...] = ()  # the forms an authoritative list gives a hand-written entity
    listed_acronyms: tuple[str, ...] = ()  # the acronyms such a list gives it
    needs_country: bool = False  # used only in a document that names its country

    @property
    def label(self) -> EntityLabel:
        """The mention label of this entity (LAW, AGENCY, PROGRAMME or PLACE)."""
        return LABELS[self.kind if self.kind in LABELS else "place"]

    def all_names(self) -> list[str]:
        """Every name in every language, canonical name first."""
        out = [self.name]
        for values in self.names.values():
            out.extend(values)
        return list(dict.fromkeys(out))

    @staticmethod
    def from_dict(d: dict) -> KBEntry:
        """Build an entry from one line of a KB file."""
        kind = d.get("kind", "place")
        return KBEntry(
            id=d["id"],
            kind="place" if kind in ("country", "city") else kind,
            name=d["name"],
            country=d.get("country"),
            names=d.get("names", {}),
            acronyms=tuple(d.get("acronyms", [])),
            parent=d.get("parent"),
            place_type=d.get("type") if kind == "place" else None,
            demonyms=tuple(d.get("demonyms", [])),
            case_sensitive=bool(d.get("case_sensitive", False)),
            law=d.get("law"),
            titles=tuple(d.get("titles", [])),
            source=d.get("source"),
            lookup_only=bool(d.get("lookup_only", False)),
            needs_country=bool(d.get("needs_country", False)),
        )


@dataclass
class KBHit:
    """A knowledge-base name found in text."""

    start: int
    end: int
    entries: list[KBEntry]
    via: str  # name | acronym | demonym


def kb_paths(kb_dir: Path = KB_DIR, built: bool = True) -> list[Path]:
    """The KB files of ``kb_dir`` that exist: the hand-written ones, then (with ``built``)
    the lists built from authoritative sources."""
    written = [p for p in (kb_dir / name for name in KB_FILES) if p.exists()]
    return written + (sorted((kb_dir / LISTS_DIR).glob("*.jsonl")) if built else [])


def read_entries(kb_dir: Path = KB_DIR, built: bool = True) -> list[KBEntry]:
    """All entries of the KB files in ``kb_dir`` (missing files are skipped). A built line
    with ``extends`` adds its names and acronyms to the hand-written entry of that id."""
    entries: dict[str, KBEntry] = {}
    extensions: list[dict] = []
    for path in kb_paths(kb_dir, built):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("//"):
                data = json.loads(line)
                if "extends" in data:
                    extensions.append(data)
                else:
                    entry = KBEntry.from_dict(data)
                    entries[entry.id] = entry
    for data in extensions:
        target = entries.get(data["extends"])
        if target is None:
            raise ValueError(f"{data.get('source')}: extends unknown entry {data['extends']!r}")
        names = {lang: list(values) for lang, values in target.names.items()}
        for lang, values in data.get("names", {}).items():
            names[lang] = list(dict.fromkeys([*names.get(lang, []), *values]))
        listed = tuple(dict.fromkeys([*target.listed, *data.get("listed", [])]))
        acronyms = tuple(dict.fromkeys([*target.acronyms, *data.get("acronyms", [])]))
        listed_acronyms = tuple(dict.fromkeys([*target.listed_acronyms, *data.get("listed_acronyms", [])]))
        entries[target.id] = replace(
            target, names=names, acronyms=acronyms, listed=listed, listed_acronyms=listed_acronyms
        )
    return list(entries.values())


def kb_hash(kb_dir: Path = KB_DIR) -> str:
    """A digest of the KB files, to tell whether a saved pipeline is out of date."""
    h = hashlib.sha256()
    for path in kb_paths(kb_dir):
        h.update(path.relative_to(kb_dir).as_posix().encode() + path.read_bytes())
    return h.hexdigest()[:16]


def _law_title_key(title: str) -> str:
    key = normalize_name(title)
    key = _TRAILING_YEAR.sub("", key)
    return _LEADING_TYPE.sub("", key.replace("-", " ")).strip()


def _is_case_sensitive_name(entry: KBEntry, name: str) -> bool:
    return entry.case_sensitive or entry.kind == "place" or len(name) < 5


class KnowledgeBase:
    """Indexes over KB entries, and the compiled matchers that find their names in text."""

    def __init__(self, entries: list[KBEntry]):
        self.entries = {e.id: e for e in entries}
        self._ci: dict[str, list[KBEntry]] = {}
        self._cs: dict[str, list[tuple[KBEntry, str]]] = {}
        self._by_name: dict[str, list[KBEntry]] = {}
        self._law_titles: dict[str, list[KBEntry]] = {}
        self._law_numbers: dict[tuple[str, str, str], list[KBEntry]] = {}
        self._fuzzy_memo: dict[str, list[KBEntry]] = {}
        # countries whose places come from an authoritative region list (Indonesia's)
        self.listed_regions = {e.country for e in entries if e.kind == "place" and e.source and e.country}
        for e in entries:
            self._index(e)
        self._ci_re = compile_phrases(list(self._ci))
        self._cs_re = compile_phrases(list(self._cs), left_boundary=False)

    def _index(self, e: KBEntry) -> None:
        for name in e.all_names():
            self._by_name.setdefault(normalize_name(name), []).append(e)
            if e.lookup_only:
                continue
            for variant in filter(None, (name, ligature_variant(name))):
                if _is_case_sensitive_name(e, variant):
                    self._add_cs(variant, e, "name")
                    self._add_cs(variant.upper(), e, "name")
                else:
                    self._ci.setdefault(phrase_key(variant.lower()), []).append(e)
        for acr in e.acronyms:
            self._by_name.setdefault(normalize_name(acr), []).append(e)
            self._add_cs(acr, e, "acronym")
            if any(c.islower() for c in acr) and len(acr) > 3:
                self._add_cs(acr.upper(), e, "acronym")
        for dem in e.demonyms:
            self._add_cs(dem, e, "demonym")
        if e.law:
            for title in (*e.titles, e.name):
                self._law_titles.setdefault(_law_title_key(title), []).append(e)
            if e.law.get("number"):
                key = (e.law["jurisdiction"], e.law["type"], str(e.law["number"]))
                self._law_numbers.setdefault(key, []).append(e)

    def _add_cs(self, phrase: str, e: KBEntry, via: str) -> None:
        if not phrase[:1].isupper() and not phrase[:1].isdigit():
            bucket_ci = self._ci.setdefault(phrase_key(phrase.lower()), [])
            if e not in bucket_ci:
                bucket_ci.append(e)
            return
        bucket = self._cs.setdefault(phrase_key(phrase), [])
        if (e, via) not in bucket:
            bucket.append((e, via))

    def find(self, text: str, low: str | None = None) -> list[KBHit]:
        """Every KB name, acronym and demonym in ``text`` (folded), possibly overlapping.

        ``low`` is the same-length lower-case copy of ``text`` when the caller has one.
        """
        hits: list[KBHit] = []
        if self._ci_re is not None:
            low = low if low is not None else lower_same_length(text)
            for m in self._ci_re.finditer(low):
                entries = self._ci.get(phrase_key(m.group()), [])
                if entries:
                    hits.append(KBHit(m.start(), m.end(), list(entries), "name"))
        if self._cs_re is not None:
            for m in self._cs_re.finditer(text):
                if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                    continue  # the pattern has no left boundary (faster); checked here
                found = self._cs.get(phrase_key(m.group()), [])
                for via in ("name", "acronym", "demonym"):
                    group = [e for e, v in found if v == via]
                    if group:
                        hits.append(KBHit(m.start(), m.end(), group, via))
                        break
        return hits

    def lookup_name(self, name: str, kind: str | None = None) -> list[KBEntry]:
        """Entries whose name or acronym equals ``name`` after normalisation."""
        found = self._by_name.get(normalize_name(name), [])
        return [e for e in found if kind is None or e.kind == kind]

    def resolve_law(
        self,
        title: str | None,
        year: int | None,
        number: str | None,
        jurisdiction: str | None,
        law_type: str | None = None,
    ) -> list[KBEntry]:
        """Known laws compatible with a citation's title, year, number and jurisdiction."""
        candidates: list[KBEntry] = []
        if title:
            key = _law_title_key(title)
            found = self._law_titles.get(key) or self._fuzzy_law_titles(key)
            candidates = list({e.id: e for e in found}.values())
        elif number and jurisdiction and law_type:
            candidates = self._law_numbers.get((jurisdiction, law_type, number), [])
        # a law known only from a list that titles it with its year ("Employment Act 1968":
        # a title several countries' Acts share) is taken only when the citation gives a year
        compatible = [e for e in candidates if _law_compatible(e.law or {}, year, number, jurisdiction)]
        return [e for e in compatible if e.source is None or year is not None or not _titled_with_year(e)]

    def resolve_bare_title(self, title: str, country: str) -> list[KBEntry]:
        """Known acts of ``country`` titled ``title`` (its year, if any, ignored): what a
        citation by title alone ("the Public Sector (Governance) Act") may mean where the
        text is on that country. Exact titles only."""
        found = self._law_titles.get(_law_title_key(title), [])
        return list({e.id: e for e in found if (e.law or {}).get("jurisdiction") == country}.values())

    def _fuzzy_law_titles(self, key: str) -> list[KBEntry]:
        """Laws whose title is within a typo or two of ``key`` (OCR noise, misspellings);
        remembered per key (a document cites the same title many times)."""
        if len(key) < 12:
            return []
        if key not in self._fuzzy_memo:
            out = []
            for known, entries in self._law_titles.items():
                if abs(len(known) - len(key)) > 3:
                    continue
                matcher = SequenceMatcher(None, key, known)
                # the cheap upper bounds first: most titles share too few letters
                if matcher.quick_ratio() >= FUZZY_TITLE and matcher.ratio() >= FUZZY_TITLE:
                    out.extend(entries)
            self._fuzzy_memo[key] = out
        return list(self._fuzzy_memo[key])

    def countries(self) -> dict[str, KBEntry]:
        """Country entries by ISO code."""
        return {e.country: e for e in self.entries.values() if e.place_type == "country" and e.country}


def _titled_with_year(entry: KBEntry) -> bool:
    """Whether a law's canonical title ends with its year ("Employment Act 1968")."""
    return bool(_ENDS_WITH_YEAR.search(entry.name))


def _law_compatible(law: dict, year: int | None, number: str | None, jurisdiction: str | None) -> bool:
    return (
        (year is None or law.get("year") in (None, year))
        and (number is None or law.get("number") in (None, number))
        and (jurisdiction is None or law.get("jurisdiction") == jurisdiction)
    )


_DEFAULT: KnowledgeBase | None = None


def default_kb() -> KnowledgeBase:
    """The knowledge base of the package data files, built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = KnowledgeBase(read_entries())
    return _DEFAULT
