"""From passages to mentions: run every finder over the document text, resolve, attribute.

The document's usable passages are joined with NUL separators (no pattern crosses one) and
folded once; each finder runs once over the whole text, so extraction costs a few regex
passes per document rather than a pipeline call per passage.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from wordfreq import zipf_frequency

from pipeline.extract import candidates as cand
from pipeline.extract.acronyms import find_definitions, out_of_place
from pipeline.extract.countries import CountryContext, country_hits, document_focus
from pipeline.extract.introduced import defined_kinds_of_body, introduced_programmes
from pipeline.extract.kb import KBHit, KnowledgeBase
from pipeline.extract.lawmatch import LawMatch
from pipeline.extract.laws import LAW_KEYWORDS, find_laws
from pipeline.extract.linking import link_acronyms
from pipeline.extract.patterns import (
    FACILITY_HEADS,
    TECHNICAL_ACRONYMS,
    PatternHit,
    bodies_of_any_agency,
    country_government_hits,
    find_patterns,
    generic_body_name,
    technology_term,
)
from pipeline.extract.patterns import KEYWORDS as PATTERN_KEYWORDS
from pipeline.extract.scan import KeywordIndex
from pipeline.extract.text import common_langs, common_word, fold_text, lower_same_length, lowercase_elsewhere
from pipeline.lang_data import word_set
from pipeline.records import Document, Mention, Passage, page_at

SEPARATOR = "\x00"
SKIP_LANGS = ("other",)
ALL_KEYWORDS = (*LAW_KEYWORDS, *PATTERN_KEYWORDS)
TITLE_BLOCK_PASSAGES = 40


@dataclass
class DocumentText:
    """Usable passages joined into one folded text, with where each passage starts."""

    passages: list[Passage]
    text: str
    low: str
    starts: list[int]

    @staticmethod
    def build(passages: list[Passage], separator: str = SEPARATOR) -> DocumentText:
        """Join the passages of ``passages`` whose language is usable."""
        usable = [p for p in passages if p.lang not in SKIP_LANGS and p.text]
        starts, pos = [], 0
        for p in usable:
            starts.append(pos)
            pos += len(p.text) + len(separator)
        text = fold_text(separator.join(p.text for p in usable))
        return DocumentText(usable, text, lower_same_length(text), starts)

    def locate(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(passage index, local start, local end) of a span inside one passage, else None."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        p_start = self.starts[i]
        if end > p_start + len(self.passages[i].text):
            return None
        return i, start - p_start, end - p_start

    def locate_start(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(passage index, local start, local end) of a span cut at the end of the passage it
        begins in: a law citation that runs on into the next table cell (a cell the table's
        reader split at a wrapped line) is evidenced by the cell where it begins."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        p_start = self.starts[i]
        local_end = min(end - p_start, len(self.passages[i].text))
        return (i, start - p_start, local_end) if local_end > start - p_start else None

    def lang_at(self, start: int) -> str | None:
        """The language of the passage that holds offset ``start`` (None before the first)."""
        i = bisect.bisect_right(self.starts, start) - 1
        return self.passages[i].lang if i >= 0 else None


def find_candidates(doc: DocumentText, kb: KnowledgeBase) -> tuple[list[cand.Candidate], list[KBHit]]:
    """All candidates of a document, resolved and with acronym uses linked; and the KB hits."""
    index = KeywordIndex(doc.low, ALL_KEYWORDS)
    kb_hits = kb.find(doc.text, doc.low)
    found = cand.law_candidates(find_laws(doc.text, index=index), kb)
    countries = [
        (h.start, h.end, h.entries[0].country or "")
        for h in kb_hits
        if h.entries[0].kind == "place" and h.entries[0].place_type == "country"
    ]
    named = countries_named(doc, kb_hits)
    kb_hits = [k for k in (without_unnamed_countries(h, named) for h in kb_hits) if k is not None]
    defs = find_definitions(doc.text)
    redefined = {d.acronym for d in defs}
    lower_only = written_in_lower_case_only(doc.text, kb_hits)
    for h in kb_hits:
        if (
            h.via == "demonym"
            or h.entries[0].id in lower_only
            or (h.via == "acronym" and (out_of_place(doc.text, h.start, h.end) or foreign_acronym(h, named)))
            or (h.via == "acronym" and h.entries[0].needs_country and doc.text[h.start : h.end] in redefined)
            or regional_counterpart(doc.text, h)
            or modifier_use(doc.text, h)
        ):
            continue
        found.append(cand.from_kb_law(h) if h.entries[0].kind == "law" else cand.from_kb(h))
    hits = find_patterns(doc.text, index) + country_government_hits(doc.text, countries)
    introduced = named_again(
        [cand.from_pattern(h, kb) for h in introduced_programmes(doc.text) + project_cells(doc)], doc.text
    )
    by_name = [c for c in introduced if c.rule == "introduced.named"]
    kinds = defined_kinds_of_body(doc.text) | bodies_of_any_agency(doc.text) | BODY_KINDS
    hits = [
        h
        for h in (
            with_broken_last_word(
                with_mission_city(without_country_and_city(h, doc.text, kb), doc.text, kb), doc.text
            )
            for h in hits
        )
        if not unknown_region(h, kb)
        and not company_name(h, kb)
        and not private_body(h, kb)
        and not (h.label == "AGENCY" and _lower_name(_COUNTRY_TAIL.sub("", h.name)) in kinds)
        # kinds joined by a slash: "Lembaga Keuangan/Koperasi"
        and not (h.label == "AGENCY" and "/" in h.name and _lower_name(h.name.split("/")[0]) in kinds)
        and not (h.label == "AGENCY" and names_alternatives(h.name))
        and not (h.label == "PROGRAMME" and _lower_name(h.name) in PROGRAMME_KINDS)
        and not (h.label == "PROGRAMME" and describes_an_activity(h.name))
        and not publication_title(h.name)
        and not (h.label == "PROGRAMME" and event_title(h.name))
        and not (h.label == "PROGRAMME" and course_of_study(h.name))
        and not academic_unit(h, doc.text)
        and not (h.rule == "kind.programme" and doc.lang_at(h.start) not in ("en", None))
        # "Pejabat" is an office in Malay, an official (a person) in Indonesian
        and not (h.name.split()[0] in ("Pejabat", "PEJABAT") and doc.lang_at(h.start) != "ms")
        and not followed_by_legal_form(h, doc.text)
    ]
    patterned = [cand.from_pattern(h, kb) for h in hits] + [c for c in introduced if c not in by_name]
    common: dict[str, bool] = {}
    lower_words = set(_LOWER_WORD.findall(doc.text))
    defined = {" ".join(d.long_form.lower().split()) for d in defs}
    found += [
        c
        for c in patterned
        if (
            # a project card's name, a project column's cell
            coined_or_placed(
                doc.text[c.start : c.end].split(), kb, c.rule == "table.project", doc.lang_at(c.start)
            )
            if c.rule in ("introduced.card", "table.project", "introduced.described")
            # the text says it is a named programme, or a brand
            else c.rule.startswith(("introduced.", "brand."))
            or (
                not _common_noun_phrase(c, doc.text, common)
                and not generic_system(c, lower_words, defined, kb, doc.lang_at(c.start))
                and not technology_name(c)
            )
        )
    ]
    found += used_again(found, doc.text, doc.lang_at)
    kept = cand.resolve(cand.without_cut_names(found, doc.text))
    links, linked = link_acronyms(defs, kept, doc.text, kb)
    kept = [k for k in kept if not _overridden(k, doc.text, links)]
    resolved = with_named_programmes(cand.resolve(kept + linked), by_name)
    return [
        org_unit(with_version(unknown_where_unnamed(c, doc.text, named), doc.text), doc.text)
        for c in resolved
    ], kb_hits


def named_again(introduced: list[cand.Candidate], text: str) -> list[cand.Candidate]:
    """The programmes a sentence introduces ("Satu Data Indonesia adalah kebijakan ...", "an
    app called JAKI") and every later place the document writes the same name, as written
    (case and whole words kept): the introduction is once, the name is used throughout."""
    out = list(introduced)
    seen = {(c.start, c.end) for c in introduced}
    for c in introduced:
        name = text[c.start : c.end]
        if len(name) < 4 or not name[:1].isupper():
            continue
        for m in re.finditer(rf"(?<![\w@.-]){re.escape(name)}(?![\w@-])", text[c.end :]):
            start, end = c.end + m.start(), c.end + m.end()
            if (start, end) not in seen:
                seen.add((start, end))
                out.append(replace(c, start=start, end=end, shield_end=end))
    return out


# a capitalised word right before or after a name: the name is part of a longer one there
_CAP_BEFORE = re.compile(r"[A-Z][\w&@.-]*[ \t]+$")
_CAP_AFTER = re.compile(r"^[ \t]+(?:[A-Z0-9]|of\b|for\b|dan\b|and\b)")


def used_again(
    found: list[cand.Candidate], text: str, lang_at: Callable[[int], str | None]
) -> list[cand.Candidate]:
    """The later places a document writes a programme's name that a name pattern found
    (not the knowledge base): the same words, same case, in the same language (ordinary
    words in another language are a kind: "Sistem Pengurusan Lalulintas Pintar" in Malay),
    standing alone (no capitalised word right before or after, which would make it part of a
    longer name). A document that once calls "Smart Nation" a programme means the same by
    "embarked on Smart Nation"."""
    out: list[cand.Candidate] = []
    seen = {(c.start, c.end) for c in found}
    names: dict[str, cand.Candidate] = {}
    for c in sorted(found, key=lambda c: c.start):
        if c.label != "PROGRAMME" or c.source != "pattern" or c.entries:
            continue
        name = text[c.start : c.end]
        if len(name.split()) < 2 or not name[:1].isupper() or "\n" in name:
            continue
        names.setdefault(name, c)
    for name, c in names.items():
        for m in re.finditer(rf"(?<![\w@.-]){re.escape(name)}(?![\w@-])", text[c.end :]):
            start, end = c.end + m.start(), c.end + m.end()
            if (start, end) in seen or lang_at(start) != lang_at(c.start):
                continue
            if _CAP_BEFORE.search(text[max(0, start - 40) : start]) or _CAP_AFTER.match(text[end : end + 6]):
                continue
            seen.add((start, end))
            out.append(replace(c, start=start, end=end, shield_end=end, rule="used_again"))
    return out


# kinds of body in law ("Badan Publik", "Pihak Berkuasa Tempatan") and a company's organs ("Board of
# Directors", "Komite Audit"): lang/{id,ms,en}/body_kind_names.txt
BODY_KINDS = word_set("body_kind_names", ("id", "ms", "en"))
# kinds of plan and system ("Rencana Strategis", "Quality Management System"):
# lang/{id,en}/programme_kind_names.txt
PROGRAMME_KINDS = word_set("programme_kind_names", ("id", "en"))
_COUNTRY_TAIL = re.compile(r"\s+(?:Republik\s+)?Indonesia$", re.IGNORECASE)


# "Formulation of ...", "Construction of ...": lang/en/programme_activity_words.txt
ACTIVITY_WORDS = word_set("programme_activity_words", ("en",))


def describes_an_activity(name: str) -> bool:
    """A project's description, not a programme's name: "Formulation of Smart City Roadmap",
    "Construction of Concrete Roads" begin with an activity and "of"."""
    words = name.split()
    return len(words) > 2 and words[0].lower() in ACTIVITY_WORDS and words[1].lower() == "of"


PUBLICATION_WORDS = word_set("publication_words", ("en", "id"))


def publication_title(name: str) -> bool:
    """A journal's or proceedings' title ("Journal of European Public Policy", "Jurnal
    Kebijakan Publik"), which a head word ("Policy", "Kebijakan") made look like a name."""
    return any(w.lower().strip(",.:()") in PUBLICATION_WORDS for w in name.split())


# "Showcase", "Summit", "Workshop": lang/en/event_words.txt
EVENT_WORDS = word_set("event_words", ("en",))


def event_title(name: str) -> bool:
    """An event's title that ends in a programme's head ("ASEAN Smart Cities Network Showcase
    of New Zealand Initiatives"): an event word after other words and before "of", "on" or
    "for". The organiser named before it is found on its own."""
    words = [w.lower().strip(",.:()") for w in name.split()]
    return any(
        words[i] in EVENT_WORDS and words[i + 1] in ("of", "on", "for") for i in range(1, len(words) - 2)
    )


_DEGREE_WORDS = sorted(word_set("degree_words", ("en", "id")))
_DEGREE = re.compile(rf"(?<![\w'-])(?:{'|'.join(re.escape(w) for w in _DEGREE_WORDS)})(?![\w'-])")


def course_of_study(name: str) -> bool:
    """A degree course ("Master of Urban Planning Program", "Program Studi Teknik
    Informatika", "Program Magister Manajemen"), not a government programme."""
    return _DEGREE.search(" ".join(name.lower().split())) is not None


# a university's unit: "Department of Computer Science, National University of Singapore"
ACADEMIC_UNIT_HEADS = word_set("academic_unit_heads", ("en", "id"))
_ACADEMIC = "(?i:" + "|".join(sorted(word_set("academic_institution_words", ("en",)))) + ")"
_CAPS = r"(?:[A-Z][\w'&.-]*[ \t]+){0,4}"
# the university right after the unit ("..., National University of Singapore", "... at Tongji
# University") or right before it ("Universitas Brawijaya, Fakultas Teknik")
_UNIVERSITY_AFTER = re.compile(
    rf"[ \t]*(?:,|\bat\b|\bof\b|\()[ \t]*(?:the[ \t]+)?{_CAPS}{_ACADEMIC}(?![\w-])"
)
_UNIVERSITY_BEFORE = re.compile(rf"(?<![\w-]){_ACADEMIC}(?:[ \t]+[A-Z][\w'&.-]*){{0,4}}[ \t]*,[ \t]*$")


def academic_unit(hit: PatternHit, text: str) -> bool:
    """A university's department, faculty or school written beside its university
    ("Department of Computer Science, National University of Singapore", "Department of
    Urban Planning at Tongji University", "Universitas Brawijaya, Fakultas Teknik"), or a
    unit's name taken for a programme's ("School of Public Policy"): neither a government
    body nor a programme (the annotation guideline leaves universities out)."""
    words = hit.name.split()
    if not words or words[0].lower() not in ACADEMIC_UNIT_HEADS:
        return False
    if hit.label == "PROGRAMME":
        return len(words) > 2 and words[1].lower() in ("of", "for")
    return bool(
        _UNIVERSITY_AFTER.match(text, hit.end)
        or _UNIVERSITY_BEFORE.search(text, max(0, hit.start - 80), hit.start)
    )


def _lower_name(name: str) -> str:
    return " ".join(name.lower().split())


# a word and its negation joined by a slash ("Formal/Non Formal", "Pemerintah/Non-Pemerintah")
_ALTERNATIVE_PAIR = re.compile(r"(?<![\w-])(\w+)\s*/\s*(?:Non|NON|non|Bukan|bukan)[\s-]*(\w+)(?![\w-])")


def names_alternatives(name: str) -> bool:
    """Whether ``name`` ends with a word and its negation joined by a slash ("Lembaga
    Pendidikan Formal/Non Formal"): a kind of body described two ways, no one body."""
    m = _ALTERNATIVE_PAIR.search(name)
    return m is not None and m.end() == len(name.rstrip()) and m.group(1).lower() == m.group(2).lower()


def with_named_programmes(kept: list[cand.Candidate], named: list[cand.Candidate]) -> list[cand.Candidate]:
    """``kept`` and the programmes a naming verb introduces ('a project named "..."') that no
    kept programme or law overlaps. Such a name holds the bodies and places it names ("...
    in Nakhon Si Thammarat City Municipality"): they stay mentions of their own."""
    spans = [(k.start, k.end) for k in kept if k.label in ("PROGRAMME", "LAW")]
    return kept + [c for c in named if not any(s < c.end and c.start < e for s, e in spans)]


LANGUAGE_COUNTRY = {"id": "ID", "ms": "MY"}
_REGION_FORMS = (
    "{}",
    "Kabupaten {}",
    "Kota {}",
    "Provinsi {}",
    "Kabupaten Administrasi {}",
    "Kota Administrasi {}",
)


def unknown_region(hit: PatternHit, kb: KnowledgeBase) -> bool:
    """An Indonesian local government ("Bupati X", "Pemerintah Kota X", "DPRD Provinsi X")
    whose X is no place the knowledge base knows, nor begins with one. Its places hold
    Indonesia's official region list (38 provinces, 514 regencies and cities), so such an X
    is not a region: "GUBERNUR BANK INDONESIA" is the central bank's governor, "BUPATI
    BANJARNGERA" an OCR slip of a name the document also writes right. A knowledge base
    without that list cannot tell, and says no."""
    if (
        hit.place is None
        or not hit.rule.startswith("local.")
        or hit.country != "ID"
        or "ID" not in kb.listed_regions
    ):
        return False
    words = hit.place.split()
    for n in range(len(words), 0, -1):
        place = " ".join(words[:n])
        if any(kb.lookup_name(form.format(place), "place") for form in _REGION_FORMS):
            return False
    return not kb.lookup_name(hit.name, "agency")


def _place_words(words: list[str], kb: KnowledgeBase, country: bool) -> int:
    """How many of the first one to three ``words`` name a place the knowledge base knows (a
    country when ``country``, else any other place); 0 when none do."""
    for n in (3, 2, 1):
        if len(words) > n:
            for e in kb.lookup_name(" ".join(words[:n]).strip(",.()"), "place"):
                if (e.place_type == "country") == country:
                    return n
    return 0


def without_country_and_city(hit: PatternHit, text: str, kb: KnowledgeBase) -> PatternHit:
    """A programme whose name begins with a country's name and then a city's starts after
    them: a table row's first two columns run into its project's name ("Brunei Darussalam
    Bandar Seri Begawan National Information Hub"). One place alone stays part of the name
    ("Phuket One Map", "Iskandar Malaysia Integrated ... Program")."""
    if hit.label != "PROGRAMME":
        return hit
    words = hit.name.split()
    country = _place_words(words, kb, country=True)
    city = _place_words(words[country:], kb, country=False) if country else 0
    if not city or len(words) - country - city < 2:
        return hit
    starts = [m.start() for m in re.finditer(r"\S+", text[hit.start : hit.end])]
    if len(starts) != len(words):
        return hit
    return replace(hit, start=hit.start + starts[country + city], name=" ".join(words[country + city :]))


# a diplomatic mission's name may end with the city it sits in: "US Embassy Bangkok"
_MISSION_HEAD = re.compile(r"(?:Embassy|High Commission|Consulate(?:[ -]General)?)$")
_MISSION_JOIN = re.compile(r"(?:,|\s(?:and|&|dan))\s+")
_NEXT_WORDS = re.compile(r"[ \t]+([A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,2})")


def with_mission_city(hit: PatternHit, text: str, kb: KnowledgeBase) -> PatternHit:
    """An embassy's, high commission's or consulate's name: one country's, so a list before
    it is not part of it ("C-asean and US Embassy" is the US Embassy), and with the city
    written right after it ("US Embassy Bangkok", "Australian Embassy Jakarta"; a country has
    one embassy in each capital). Only a city the knowledge base knows is taken."""
    if hit.label != "AGENCY" or not _MISSION_HEAD.search(hit.name):
        return hit
    joined = list(_MISSION_JOIN.finditer(text, hit.start, hit.end))
    if joined and not hit.name.startswith(("Embassy", "Consulate")):
        cut = joined[-1].end()
        hit = replace(hit, start=cut, name=" ".join(text[cut : hit.end].split()))
    m = _NEXT_WORDS.match(text, hit.end)
    if m is None:
        return hit
    words = m.group(1).split()
    n = _place_words([*words, ""], kb, country=False)
    if not n:
        return hit
    end = hit.end + len(m.group(0)) - len(m.group(1)) + len(" ".join(words[:n]))
    if text[hit.end : end].split() != words[:n]:
        return hit
    return replace(hit, end=end, name=f"{hit.name} {' '.join(words[:n])}")


# a word an OCR pass broke in two at a name's end: "Direktorat Jenderal Paj ak"
_LAST_WORD = re.compile(r"([A-Z][a-z]{2,})$")
_BROKEN_REST = re.compile(r"[ \t]([a-z]{1,4})(?![\w-])")
_WHOLE_ZIPF = 3.0


def with_broken_last_word(hit: PatternHit, text: str) -> PatternHit:
    """A name whose last word was broken in two by a scan's OCR, the rest left in lower case
    after a space ("Direktorat Jenderal Paj ak"), runs on through the rest and is named with
    the word whole ("Direktorat Jenderal Pajak"). Taken only when neither piece of the last
    word is a word on its own and the two together are a common one."""
    last = _LAST_WORD.search(hit.name)
    rest = _BROKEN_REST.match(text, hit.end)
    if last is None or rest is None or common_word(last.group(1)):
        return hit
    whole = last.group(1) + rest.group(1)
    if (
        zipf_frequency(whole.lower(), "id") < _WHOLE_ZIPF
        and zipf_frequency(whole.lower(), "en") < _WHOLE_ZIPF
    ):
        return hit
    return replace(hit, end=rest.end(), name=hit.name[: last.start()] + whole)


_CORPORATION = re.compile(r"\s+(?:Corporation|CORPORATION|Corp\.?)$")
_PUBLIC_WORDS = word_set("corporation_public_words", ("en",))


# a company's legal form right after a name: "Kaiser Foundation Health Plan, Inc.", "Harbor
# Logistics Network Ltd.", "Contoh Sistem Sdn. Bhd.", "PT Contoh Platform Tbk"
_LEGAL_FORM = re.compile(
    r",?[ \t]+(?:Inc\b\.?|Incorporated\b|LLC\b|L\.L\.C\.|Ltd\b\.?|Limited\b|Co\.|Corp\b\.?|PLC\b"
    r"|Pte\.?[ \t]+Ltd|Sdn\.?[ \t]+Bhd|Bhd\b|Berhad\b|Tbk\b|GmbH\b|L\.P\.|LP\b)"
)


def followed_by_legal_form(hit: PatternHit, text: str) -> bool:
    """A programme or body name that a company's legal form follows ("Kaiser Foundation Health
    Plan, Inc.", "Bright Futures Program, Inc."): a company's name, neither a programme nor a
    public body."""
    return _LEGAL_FORM.match(text, hit.end) is not None


def company_name(hit: PatternHit, kb: KnowledgeBase) -> bool:
    """A name ending in "Corporation" with no word of a public corporation and no place the
    knowledge base knows ("Acme Corporation"): a company, which is no agency; "Putrajaya
    Corporation" and "Penang Development Corporation" are public bodies."""
    return _private_by_head(hit, kb, _CORPORATION, _PUBLIC_WORDS)


_GROUP = re.compile(r"\s+(?:Group|GROUP|Foundation|FOUNDATION)$")
_PUBLIC_BODY_WORDS = word_set("public_body_words", ("en",))


def private_body(hit: PatternHit, kb: KnowledgeBase) -> bool:
    """A name ending in "Group" or "Foundation" with no word of a public body
    (``public_body_words``: "Smart Nation and Digital Government Group", "Strategy Group",
    "National Research Foundation"), no place and no body the knowledge base knows: a company
    or charity ("Penguin Group", "Acme Foundation") or a kind of people ("Age Group")."""
    return _private_by_head(hit, kb, _GROUP, _PUBLIC_BODY_WORDS)


def _private_by_head(
    hit: PatternHit, kb: KnowledgeBase, head: re.Pattern[str], public: frozenset[str]
) -> bool:
    """Whether an agency hit whose name ends with ``head`` has none of the ``public`` words
    before it, no place and is no body the knowledge base knows."""
    if hit.label != "AGENCY" or not head.search(hit.name):
        return False
    words = head.sub("", hit.name).split()
    if any(w.lower().strip(",.&") in public for w in words):
        return False
    return not names_a_place(words, kb) and not kb.lookup_name(hit.name, "agency")


_REGIONAL = re.compile(r"[ \t\n]+(?:daerah|DAERAH|Daerah)\b")


def regional_counterpart(text: str, hit: KBHit) -> bool:
    """A national body's name that goes on with "Daerah" names its regional counterpart
    ("dewan perwakilan rakyat daerah" is a DPRD, not the DPR)."""
    return hit.entries[0].kind == "agency" and hit.via != "acronym" and bool(_REGIONAL.match(text, hit.end))


_FUNCTION_AFTER = frozenset(
    {
        "and",
        "or",
        "in",
        "of",
        "on",
        "to",
        "for",
        "with",
        "by",
        "at",
        "as",
        "is",
        "was",
        "has",
        "dan",
        "atau",
        "di",
        "ke",
        "dari",
        "yang",
        "untuk",
        "dengan",
        "pada",
        "adalah",
        "telah",
    }
)
_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]{2,})\b")


def modifier_use(text: str, hit: KBHit) -> bool:
    """An international organisation's acronym used as a modifier of a common noun ("ASEAN
    countries", "ASEAN member states", "UN agencies"): a region or a group, not the body."""
    entry = hit.entries[0]
    if entry.kind != "agency" or entry.country != "INT" or hit.via != "acronym":
        return False
    m = _NEXT_WORD.match(text, hit.end)
    return m is not None and m.group(1) not in _FUNCTION_AFTER


def written_in_lower_case_only(text: str, kb_hits: list[KBHit]) -> set[str]:
    """The agencies and programmes the document names only in lower case and with two words
    or more ("komisi pemilihan umum", "tujuan pembangunan berkelanjutan"): a kind of body or
    an aim described, not the named one, which a document capitalises at least once."""
    lower: set[str] = set()
    cased: set[str] = set()
    for h in kb_hits:
        e = h.entries[0]
        if e.kind not in ("agency", "programme") or h.via != "name":
            continue
        written = text[h.start : h.end]
        if written.islower() and len(written.split()) >= 2:
            lower.add(e.id)
        else:
            cased.add(e.id)
    return lower - cased


def countries_named(doc: DocumentText, kb_hits: list[KBHit]) -> set[str]:
    """The countries a document names (a country, its demonym) or is written for (Indonesian
    text: Indonesia; Malay: Malaysia)."""
    named = {
        h.entries[0].country or ""
        for h in kb_hits
        if h.entries[0].kind == "place" and (h.entries[0].place_type == "country" or h.via == "demonym")
    }
    return named | {LANGUAGE_COUNTRY[p.lang] for p in doc.passages if p.lang in LANGUAGE_COUNTRY}


def foreign_acronym(hit: KBHit, named: set[str]) -> bool:
    """A known acronym of one country's body or programme in a document that never names that
    country ("BIG" in an American book is not Indonesia's geospatial agency). Acronyms the
    document defines are linked to their long form separately."""
    entry = hit.entries[0]
    return (
        entry.kind in ("agency", "programme")
        and entry.country not in (None, "", "INT")
        and entry.country not in named
    )


def without_unnamed_countries(hit: KBHit, named: set[str]) -> KBHit | None:
    """The hit without the entries that are used only where their country is named
    (``needs_country``: the United States' bodies, whose names other countries' departments
    share, "Department of Transportation") when the document never names it; None when no
    entry is left."""
    kept = [e for e in hit.entries if not e.needs_country or e.country in named]
    if len(kept) == len(hit.entries):
        return hit
    return replace(hit, entries=kept) if kept else None


# an international body's institute, centre or office named after it: "UNESCO Institute for
# Statistics", "ASEAN Centre for Energy", "WHO Regional Office for South-East Asia"
_ORG_UNIT = re.compile(
    r"[ \t]+(?:Regional[ \t]+)?(?:Institute|Centre|Center|Office)[ \t]+(?:for|of|on)[ \t]+"
    r"[A-Z][\w'-]*(?:[ \t]+(?:(?:and|of|&)[ \t]+)?[A-Z][\w'-]*){0,5}"
)


def org_unit(c: cand.Candidate, text: str) -> cand.Candidate:
    """An international body followed by its institute, centre or office "for"/"of" a field
    as that unit, a body of its own ("UNESCO Institute for Statistics" is not UNESCO)."""
    if c.label != "AGENCY" or c.country != "INT" or c.source != "kb":
        return c
    unit = _ORG_UNIT.match(text, c.end)
    if unit is None:
        return c
    name = " ".join(text[c.start : unit.end()].split())
    unknown = cand.unknown_id("AGENCY", name)
    return replace(
        c,
        end=unit.end(),
        canonical_id=unknown,
        canonical_name=name,
        entries=(),
        source="pattern",
        method="pattern",
    )


# a programme's generation right after its name, and the head word after it: "Smart Nation
# 2.0", "Making Indonesia 4.0", "Smart Nation 1.0 Initiatives"
_VERSION = re.compile(
    r"[ \t]+\d{1,2}\.0"
    r"(?:[ \t]+(?:Initiatives?|Programmes?|Programs?|Plan|Strategy|Roadmap|Framework))?(?![\w.])"
)


def with_version(c: cand.Candidate, text: str) -> cand.Candidate:
    """A programme whose name the text follows with a generation ("Smart Nation 2.0") as
    that generation, a programme of its own: the span takes the number in, and the identity
    is the versioned name's (the country stays)."""
    version = _VERSION.match(text, c.end) if c.label == "PROGRAMME" and c.law is None else None
    if version is None:
        return c
    name = " ".join(text[c.start : version.end()].split())
    if c.canonical_name:
        name = f"{c.canonical_name} {' '.join(version.group().split())}"
    unknown = cand.unknown_id("PROGRAMME", name)
    return replace(c, end=version.end(), canonical_id=unknown, canonical_name=name, entries=())


def unknown_where_unnamed(c: cand.Candidate, text: str, named: set[str]) -> cand.Candidate:
    """A name a pattern found that resolved to a body used only where its country is named,
    in a document that never names it, as an entity the knowledge base does not know
    ("Department of Transportation" in a text on a country without its own line)."""
    entry = c.entries[0] if c.entries else None
    if entry is None or not entry.needs_country or entry.country in named:
        return c
    name = text[c.start : c.end]
    unknown = cand.unknown_id(c.label, name)
    return replace(c, canonical_id=unknown, canonical_name=name, country=None, entries=())


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]+(?![\w-])")
SYSTEM_HEADS = {"system", "systems", "sistem", "portal", "platform"}
_NAME_JOINERS = {"and", "of", "for", "the", "on", "dan", "&", "untuk", "di"}


def generic_system(
    c: cand.Candidate, lower_words: set[str], defined: set[str], kb: KnowledgeBase, lang: str | None = None
) -> bool:
    """A system or portal named only with words the document also writes in lower case
    ("Integrated Flood Management and Response System", "Sistem Penghubung Layanan"), or a
    system named only with ordinary words of English, Indonesian or Malay and no place
    ("Stormwater Management System", "Hydrological Telemetry System", "Sistem Pendingin dan
    Kelembaban"), or a hub named by one ordinary word ("Knowledge Hub"): a kind of
    technology or facility, not a programme (the annotation guideline), unless
    the document gives it an acronym ("Sistem Pemerintahan Berbasis Elektronik (SPBE)"), the
    knowledge base knows it, or it is the nation's ("Sistem ... Nasional"). A coined word
    ("Sistem Arsip Adminduk Daring") or a place ("Davao Bus Information System") makes it a
    name."""
    if (
        c.label != "PROGRAMME"
        or c.source != "pattern"
        or not (c.canonical_id or "").startswith("programme/_/")
    ):
        return False
    words = (c.canonical_name or "").split()
    langs = common_langs(lang)
    if " ".join(words[-2:]) in FACILITY_HEADS:
        parts = [p for w in words[:-2] for p in re.split(r"[-/]", w.lower().strip(",.()")) if p]
        ordinary = all(common_word(p, langs) for p in parts if p not in _NAME_JOINERS)
        return ordinary and not names_a_place(words, kb)
    if len(words) == 2 and words[1] in _ONE_WORD_GENERIC:
        return common_word(words[0].lower().strip(",.()"), langs) and not names_a_place(words[:1], kb)
    heads = [w for w in (words[:1] + words[-1:]) if w.lower() in SYSTEM_HEADS]
    if not heads or " ".join(w.lower() for w in words) in defined:
        return False
    if words[-1] == "Pemerintah":  # the whole government's one system, not each agency's ("... Instansi")
        return False
    rest = [w.lower().strip(",.()") for w in words if w not in heads and w.lower() not in _NAME_JOINERS]
    if all(w in lower_words for w in rest):
        return True
    if not {h.lower() for h in heads} & _SYSTEM_WORDS or any(w in _NATIONAL_WORDS for w in rest):
        return False
    parts = [p for w in rest for p in re.split(r"[-/]", w) if p]
    return all(common_word(p, langs) for p in parts) and not names_a_place(words, kb)


def technology_name(c: cand.Candidate) -> bool:
    """A network, framework, engine, model or system a name pattern found whose words hold a
    computing or machine-learning term ("Convolutional Neural Network", "Deep Learning
    Framework", "Jaringan Saraf Tiruan"): a kind of technology, not a programme, unless it
    is the nation's ("National ... Network") or the knowledge base knows it."""
    if (
        c.label != "PROGRAMME"
        or c.source != "pattern"
        or not (c.canonical_id or "").startswith("programme/_/")
    ):
        return False
    return technology_term(c.canonical_name or "")


_SYSTEM_WORDS = {"system", "systems", "sistem"}
# a head that one ordinary word before it does not make a name: "Knowledge Hub", "Innovation Hub"
_ONE_WORD_GENERIC = {"Hub", "HUB"}
_NATIONAL_WORDS = {"national", "nasional", "negara", "kebangsaan", "nation"}


_COINED = re.compile(r"[a-z][A-Z0-9]|[A-Z][0-9]|\d[A-Za-z]")  # "JakPreneur", "Build4People", "4G"; not "38"


# a table column that lists programmes by name: its header, lower case, one space
PROJECT_HEADERS = frozenset(word_set("programme_column_headers", ("en", "id", "ms")))
_CELL_NAME = re.compile(r"[A-Z0-9][^\n\x00]{1,118}")
MAX_CELL_WORDS = 12


def project_cells(doc: DocumentText) -> list[PatternHit]:
    """The cells of a table column headed "Project", "Programme", "Nama Program" and the like
    (``lang/*/programme_column_headers.txt``): each names one programme, whatever its words;
    whether it is more than ordinary words ("Smart Parking" is not) is decided later."""
    hits = []
    for passage, start in zip(doc.passages, doc.starts, strict=True):
        header = (passage.table or {}).get("col_header") if passage.kind == "table_cell" else None
        if not header or " ".join(header.lower().split()) not in PROJECT_HEADERS:
            continue
        text = passage.text.strip()
        lead = passage.text.index(text[:1]) if text else 0
        if not _CELL_NAME.fullmatch(text) or len(text.split()) > MAX_CELL_WORDS:
            continue
        name = " ".join(text.split())
        hits.append(PatternHit(start + lead, start + lead + len(text), "PROGRAMME", name, "table.project"))
    return hits


def coined_or_placed(
    words: list[str], kb: KnowledgeBase, lone_acronym: bool = False, lang: str | None = None
) -> bool:
    """Whether a name is more than ordinary words: a word no English, Indonesian or Malay
    list knows ("Kaen", "Punggol"), a coined one ("JakPreneur", "Build4People"),
    or a place the knowledge base knows ("Phuket Smart Mobility"). "Digital Payment Hub" and
    "Smart Tourism" are not: a report's generic project titles. Nor is a lone acronym ("IMAC",
    "SPLiT"): the acronym's definition names the programme. ``lang``: the text's language,
    whose word list alone tells an ordinary word (:func:`common_langs`)."""
    parts = [p for w in words for p in re.split(r"[-/&]", w.strip(",.()'\"")) if p]
    if len(words) == 1 and sum(ch.isupper() for ch in words[0]) > sum(ch.islower() for ch in words[0]):
        # alone in a project column, an acronym is the programme's name ("JAKI"), unless a
        # technology's ("CCTV")
        return lone_acronym and len(words[0]) >= 3 and words[0].lower() not in TECHNICAL_ACRONYMS
    if any(_COINED.search(p) for p in parts if len(words) == 1 or not p.isupper()):
        return True
    langs = common_langs(lang)
    return not all(common_word(p, langs) for p in parts) or names_a_place(words, kb)


def names_a_place(words: list[str], kb: KnowledgeBase) -> bool:
    """Whether one to three words in a row of a name are a place the knowledge base knows."""
    spans = (
        " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1)
    )
    return any(kb.lookup_name(span.strip(",.()"), "place") for span in spans)


def _common_noun_phrase(c: cand.Candidate, text: str, seen: dict[str, bool]) -> bool:
    """A name pattern's find that the KB does not know and that the document also writes in
    lower case ("Drainage System" in a table, "drainage system" in a sentence); ``seen``
    remembers the answer per name within one document."""
    if not (c.canonical_id or "").startswith(("agency/_/", "programme/_/")):
        return False
    name = text[c.start : c.end]
    if name not in seen:
        longest = max(name.lower().split(), key=len, default="")
        seen[name] = longest in text and lowercase_elsewhere(name, text)
    return seen[name]


def _overridden(c: cand.Candidate, text: str, links: dict[str, cand.Candidate]) -> bool:
    """A KB acronym hit the document itself defines as something else."""
    target = links.get(text[c.start : c.end])
    return (
        target is not None
        and c.source == "kb"
        and target.canonical_id != c.canonical_id
        and target.law is None
    )


# the left-hand labels of a regulation's opening, read into its title block when the layout
# has two columns ("PERATURAN PEMERINTAH ..." / "Menimbang" / "Mengingat" / "NOMOR 27 TAHUN
# 2020"); and the headings that repeat the title after it ("PENJELASAN ATAS ...", "LAMPIRAN")
_BLOCK_LABELS = re.compile(r"(?:Menimbang|Mengingat|Menetapkan|Memperhatikan)\s*:?", re.IGNORECASE)
_TITLE_AGAIN = re.compile(r"(?:PENJELASAN|LAMPIRAN)\b")


def title_block_laws(passages: list[Passage], kb: KnowledgeBase) -> list[tuple[Passage, cand.Candidate]]:
    """Citations split over several passages at the top of a document (its own title), and
    where a regulation repeats its title (its elucidation, "PENJELASAN ATAS PERATURAN ...",
    and its annexes).

    "PERATURAN DAERAH ... / NOMOR 2 TAHUN 2020" often comes as separate heading lines: the
    passages of a block are joined with spaces (without the column labels "Menimbang",
    "Mengingat", "Menetapkan"), and a citation that spans more than one of them is attached
    to the passage it starts in.
    """
    starts = [0] + [i for i, p in enumerate(passages) if i and _TITLE_AGAIN.match(p.text.strip())]
    out: list[tuple[Passage, cand.Candidate]] = []
    for first in starts:
        block = passages[first : first + TITLE_BLOCK_PASSAGES]
        head = [
            p
            for p in block
            if p.lang not in SKIP_LANGS and p.text and not _BLOCK_LABELS.fullmatch(p.text.strip())
        ]
        out += _block_laws(head, kb)
    return out


def _block_laws(head: list[Passage], kb: KnowledgeBase) -> list[tuple[Passage, cand.Candidate]]:
    """The citations of one title block that span more than one of its passages."""
    doc = DocumentText.build(head, separator=" ")
    out = []
    for c in cand.law_candidates(find_laws(doc.text), kb):
        m = c.law
        assert m is not None  # a citation's candidate carries it
        if m.grammar == BARE_TITLE:
            continue
        if doc.locate(m.start, m.end) is not None:
            continue
        i = bisect.bisect_right(doc.starts, m.start) - 1
        p = doc.passages[i]
        local_start = m.start - doc.starts[i]
        c.start, c.end = local_start, len(p.text.rstrip())
        if c.end > c.start:
            out.append((p, c))
    return out


def build_context(
    doc: DocumentText, kb: KnowledgeBase, kb_hits: list[KBHit], document: Document
) -> CountryContext:
    """Country evidence of the document: hits per passage, the passages in reading order (for
    the ``preceding`` rule) and the document's focus."""
    ctx = CountryContext(kb, passages=doc.passages)
    all_hits = []
    for h in country_hits(kb_hits):
        located = doc.locate(h.start, h.start + 1)
        if located is None:
            continue
        i, local, _ = located
        h.start = local
        ctx.by_passage.setdefault(doc.passages[i].id, []).append(h)
        all_hits.append(h)
    title = [c.country for c in country_hits(kb.find(fold_text(document.title or "")))]
    ctx.focus = document_focus(all_hits, title)
    return ctx


def foreign_generic_bodies(
    found: list[cand.Candidate], doc: DocumentText, ctx: CountryContext
) -> list[cand.Candidate]:
    """``found`` with each known body of one country that the document names by its sector
    alone ("Ministry of Education", from Malaysia's list) in text on another country made
    that country's unknown body, its acronym mentions too.

    The other country is what :meth:`CountryContext.attribute` gives without the entity's
    own (the language rule alone does not count), and every such name mention of the body
    in the document must point to that one country.
    """
    votes: dict[str, set[str | None]] = {}
    names: dict[str, str] = {}
    for c in found:
        text = " ".join(doc.text[c.start : c.end].split())
        if (
            c.label != "AGENCY"
            or (c.canonical_id or "").startswith("agency/_/")
            or c.country in (None, "", "INT")
            or not generic_body_name(text)
        ):
            continue
        located = doc.locate(c.start, c.end)
        if located is None:
            continue
        i, start, end = located
        country, rule = ctx.attribute(doc.passages[i], start, end, None)
        foreign = country if country is not None and rule != "language" and country != c.country else None
        votes.setdefault(c.canonical_id or "", set()).add(foreign)
        names.setdefault(c.canonical_id or "", text)
    moved = {k for k, v in votes.items() if len(v) == 1 and None not in v}
    return [
        replace(
            c,
            canonical_id=cand.unknown_id(c.label, names[c.canonical_id or ""]),
            canonical_name=names[c.canonical_id or ""],
            country=None,
            entries=(),
        )
        if c.canonical_id in moved
        else c
        for c in found
    ]


BARE_TITLE = "en.act_bare"


def _title_key(title: str) -> str:
    return " ".join(title.lower().split()).removeprefix("the ")


def cited_titles(found: list[cand.Candidate]) -> dict[str, LawMatch]:
    """The laws the document cites in full (a number or a year with the title) by their title,
    where the title names one law only."""
    by_title: dict[str, list[LawMatch]] = {}
    for c in found:
        m = c.law
        if m is None or m.grammar == BARE_TITLE or not m.title or (m.number is None and m.year is None):
            continue
        by_title.setdefault(_title_key(m.title), []).append(m)
    return {
        key: laws[0]
        for key, laws in by_title.items()
        if len({(x.jurisdiction, x.type, x.number, x.year) for x in laws}) == 1
    }


def laws_by_bare_title(
    found: list[cand.Candidate], doc: DocumentText, ctx: CountryContext, kb: KnowledgeBase
) -> list[cand.Candidate]:
    """``found`` with each act cited by its title alone ("the Public Sector (Governance) Act")
    made the act the document cites in full by that title elsewhere ("the Penal Code" after
    "Penal Code [Act 574]"), else the act the knowledge base knows by that title for the
    country the text is on (:meth:`CountryContext.attribute`, the language rule alone not
    counting), and dropped where there is no such country or no one such act: several
    countries have an "Employment Act", and a title without a year or number names none of
    them by itself."""
    cited = cited_titles(found)
    out = []
    for c in found:
        m = c.law
        if m is None or m.grammar != BARE_TITLE:
            out.append(c)
            continue
        own = cited.get(_title_key(m.title or ""))
        if own is not None:  # the document cites the title in full elsewhere ("Penal Code [Act 574]")
            m.jurisdiction, m.type, m.number, m.year, m.title, m.kb_id = (
                own.jurisdiction,
                own.type,
                own.number,
                own.year,
                own.title,
                own.kb_id,
            )
            out.append(replace(c, country=m.jurisdiction, canonical_name=own.title))
            continue
        located = doc.locate(c.start, c.end)
        if located is None or not m.title:
            continue
        i, start, end = located
        country, rule = ctx.attribute(doc.passages[i], start, end, None)
        known = kb.resolve_bare_title(m.title, country) if country and rule != "language" else []
        if len(known) != 1 or not known[0].law:
            continue
        law = known[0].law
        m.jurisdiction, m.number, m.year, m.kb_id = (
            law["jurisdiction"],
            law.get("number"),
            law.get("year"),
            known[0].id,
        )
        if m.number is None:
            m.title = known[0].name
        out.append(replace(c, country=m.jurisdiction, canonical_name=known[0].name))
    return out


def to_mention(c: cand.Candidate, p: Passage, start: int, end: int, ctx: CountryContext) -> Mention:
    """A mention of candidate ``c`` at ``start:end`` of passage ``p``, with its country."""
    entity_country = c.country
    if c.law is not None and c.law.jurisdiction is None:
        entity_country = None
    if len(c.entries) > 1 and len({e.country for e in c.entries}) > 1:
        context_country, _ = ctx.attribute(p, start, end, None)
        chosen = next((e for e in c.entries if e.country == context_country), c.entries[0])
        c.canonical_id, c.canonical_name, entity_country = chosen.id, chosen.name, chosen.country
        if c.law is not None and chosen.kind == "law":
            c.law = cand.kb_law_match(chosen, c.law.start, c.law.end)
    country, rule = ctx.attribute(p, start, end, entity_country)
    law = c.law.to_law(country) if c.law is not None else None
    canonical_id = law.canonical_id if law is not None else c.canonical_id
    name = (c.canonical_name or law.title) if law is not None else c.canonical_name
    return Mention(
        id=Mention.make_id(p.id, start, end, c.label),
        document_id=p.document_id,
        passage_id=p.id,
        page=page_at(p, start),
        label=c.label,
        text=p.text[start:end],
        start=start,
        end=end,
        canonical_id=canonical_id,
        canonical_name=name,
        country=country,
        country_rule=rule,
        confidence=c.confidence,
        method=c.method,
        law=law,
    )


ModelFinder = Callable[[DocumentText], list[cand.Candidate]]


def extract(
    document: Document, passages: list[Passage], kb: KnowledgeBase, model_finder: ModelFinder | None = None
) -> list[Mention]:
    """Mentions of laws, agencies, programmes and places in ``passages``.

    ``model_finder`` (a trained model's entities, offsets in the joined text) adds
    candidates the rules missed; rules win where they overlap.
    """
    doc = DocumentText.build(passages)
    found, kb_hits = find_candidates(doc, kb)
    if model_finder is not None:
        found = cand.resolve(found + model_finder(doc))
    ctx = build_context(doc, kb, kb_hits, document)
    found = laws_by_bare_title(foreign_generic_bodies(found, doc, ctx), doc, ctx, kb)
    mentions: list[Mention] = []
    for c in found:
        located = doc.locate(c.start, c.end)
        if located is None and c.label == "LAW":  # a citation wrapped into the next table cell
            located = doc.locate_start(c.start, c.end)
        if located is not None:
            i, start, end = located
            mentions.append(to_mention(c, doc.passages[i], start, end, ctx))
    for p, c in title_block_laws(passages, kb):
        mentions = _add_title_law(mentions, to_mention(c, p, c.start, c.end, ctx))
    short = acronym_forms(doc.text)
    texts = {p.id: p.text for p in passages}
    mentions = merge_dual_offices(
        merge_leading_acronyms(merge_initialled_names(merge_cut_names(mentions))), texts
    )
    mentions = merge_acronym_inside(mentions)
    mentions = with_head_positions(merge_units_with_owners(mentions, texts), texts)
    mentions = owned_programmes(ministers_as_ministries(merge_article_variants(mentions)))
    mentions = merge_qualified_programmes(mentions, country_words(kb), short)
    return merge_placed_programmes(mentions, kb)


def merge_cut_names(mentions: list[Mention]) -> list[Mention]:
    """Point an agency or programme the knowledge base does not know, whose name is the
    beginning of a longer name of the same label in the document, at that entity: a name
    cut at a line break or a cell's edge ("Badan Perencanaan" beside "Badan Perencanaan
    Pembangunan Nasional"). Left alone when the longer names go different ways ("Dinas
    Kesehatan Kabupaten" beside "... Kabupaten Sleman" and "... Kabupaten Bantul")."""
    forms: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for m in mentions:
        if m.label in ("AGENCY", "PROGRAMME") and m.canonical_id:
            for name in (m.canonical_name, m.text):
                if name:
                    forms.setdefault((m.label, m.canonical_id), set()).add(tuple(name.lower().split()))
    target: dict[str, str] = {}
    for (label, cid), own in forms.items():
        if "/_/" not in cid:
            continue
        words = max(own, key=lambda w: (len(w), w))
        if len(words) < 2:
            continue
        longer = sorted(
            {
                (n, c)
                for (lb, c), ns in forms.items()
                if lb == label and c != cid
                for n in ns
                if len(n) > len(words) and n[: len(words)] == words
            },
            key=lambda nc: (len(nc[0]), nc[0], "/_/" in nc[1], nc[1]),
        )
        chain = all(b[0][: len(a[0])] == a[0] for a, b in zip(longer, longer[1:], strict=False))
        if longer and chain:  # the longest name; a known entity before a found one, then by id
            longest = [nc for nc in longer if nc[0] == longer[-1][0]]
            target[cid] = min(longest, key=lambda nc: ("/_/" in nc[1], nc[1]))[1]
    if not target:
        return mentions
    full_names = {m.canonical_id: m.canonical_name for m in mentions if m.canonical_id not in target}
    for m in mentions:
        if m.canonical_id in target:
            m.canonical_id = target[m.canonical_id]
            m.canonical_name = full_names.get(m.canonical_id, m.canonical_name)
    return mentions


_INITIALLED = re.compile(r"(?P<head>(?:\S+\s+){1,3}?)(?P<acronym>[A-Z][A-Za-z]{1,7})")
_NOT_INITIALLED = {"dan", "serta", "and", "of", "for", "the", "bidang", "&"}


def _agency_names(mentions: list[Mention]) -> dict[str, str]:
    """The canonical name of every agency of the mentions, by canonical id."""
    return {
        m.canonical_id: m.canonical_name
        for m in mentions
        if m.label == "AGENCY" and m.canonical_id and m.canonical_name
    }


def _repointed(mentions: list[Mention], target: dict[str, str], names: dict[str, str]) -> list[Mention]:
    """The mentions, those of an entity in ``target`` pointed at the entity it maps to."""
    for m in mentions:
        if m.canonical_id in target:
            m.canonical_id = target[m.canonical_id]
            m.canonical_name = names[m.canonical_id]
    return mentions


def merge_initialled_names(mentions: list[Mention]) -> list[Mention]:
    """Point an agency the knowledge base does not know, named by its head and an acronym of
    the rest ("Kementerian PANRB"), at the agency of the document whose name has that head
    and whose other words' initials spell the acronym ("Kementerian Pendayagunaan Aparatur
    Negara dan Reformasi Birokrasi"); left alone when no such name, or two, are found."""
    names = _agency_names(mentions)
    target: dict[str, str] = {}
    for cid, name in names.items():
        short = _INITIALLED.fullmatch(name) if "/_/" in cid else None
        if short is None or not short.group("acronym").isupper():
            continue
        head = short.group("head").split()
        fits = {
            other
            for other, full in names.items()
            if other != cid
            and full.split()[: len(head)] == head
            and "".join(w[0] for w in full.split()[len(head) :] if w.lower() not in _NOT_INITIALLED).upper()
            == short.group("acronym").upper()
        }
        if len(fits) == 1:
            target[cid] = fits.pop()
    return _repointed(mentions, target, names)


_LEADING_ACRONYM = re.compile(r"(?P<acronym>[A-Z]{2,6})\s+(?P<rest>\S.*)")


def merge_leading_acronyms(mentions: list[Mention]) -> list[Mention]:
    """Point an agency the knowledge base does not know, whose name begins with an acronym
    ("UPT Dinas Kependudukan ..."), at the agency of the document that writes those first
    words out and goes on with the same words ("Unit Pelaksana Teknis Dinas Kependudukan
    ..."); left alone when no such name, or two, are found."""
    names = _agency_names(mentions)
    target: dict[str, str] = {}
    for cid, name in names.items():
        short = _LEADING_ACRONYM.fullmatch(" ".join(name.split())) if "/_/" in cid else None
        if short is None:
            continue
        rest = short.group("rest").lower().split()
        size = len(short.group("acronym"))
        fits = {
            other
            for other, full in names.items()
            if other != cid
            and [w.lower() for w in full.split()[size:]] == rest
            and "".join(w[0] for w in full.split()[:size]).upper() == short.group("acronym")
        }
        if len(fits) == 1:
            target[cid] = fits.pop()
    return _repointed(mentions, target, names)


_ACRONYM_INSIDE = re.compile(r"(?P<words>.+?)\s+\((?P<acronym>[A-Z][A-Za-z0-9&*]{1,9})\)\s+(?P<rest>.+)")


def merge_acronym_inside(mentions: list[Mention]) -> list[Mention]:
    """Point a programme the knowledge base does not know, named by its acronym and the words
    after it ("Aus4ASEAN Futures Initiative"), at the document's programme that writes the
    acronym inside its name ("Australia for ASEAN (Aus4ASEAN) Futures Initiative")."""
    short_forms: dict[str, tuple[str, str]] = {}
    for m in mentions:
        inside = _ACRONYM_INSIDE.fullmatch(m.canonical_name or "") if m.label == "PROGRAMME" else None
        if inside is not None and m.canonical_id:
            short = " ".join([inside.group("acronym"), *inside.group("rest").split()]).lower()
            short_forms[short] = (m.canonical_id, m.canonical_name or "")
    for m in mentions:
        own = " ".join((m.canonical_name or "").split()).lower()
        if m.label == "PROGRAMME" and "/_/" in (m.canonical_id or "") and own in short_forms:
            m.canonical_id, m.canonical_name = short_forms[own]
    return mentions


_ARTICLES = frozenset({"the"})


def merge_article_variants(mentions: list[Mention]) -> list[Mention]:
    """Point an agency or programme the knowledge base does not know at the entity of the
    document whose name differs from its own only by "the" ("Ministry of Sustainability and
    Environment" and "... and the Environment"): a known entity first, else the name with it."""
    by_key: dict[tuple[str, tuple[str, ...]], set[tuple[str, str]]] = {}
    for m in mentions:
        if m.label in ("AGENCY", "PROGRAMME") and m.canonical_id and m.canonical_name:
            words = m.canonical_name.lower().split()
            key = tuple(w for w in words if w not in _ARTICLES)
            if len(key) >= 3:
                by_key.setdefault((m.label, key), set()).add((m.canonical_id, m.canonical_name))
    target: dict[str, tuple[str, str]] = {}
    for forms in by_key.values():
        if len({cid for cid, _ in forms}) < 2:
            continue
        best = min(forms, key=lambda f: ("/_/" in f[0], -len(f[1].split()), f[0]))
        for cid, _ in forms:
            if cid != best[0] and "/_/" in cid:
                target[cid] = best
    for m in mentions:
        if m.canonical_id in target:
            m.canonical_id, m.canonical_name = target[m.canonical_id]
    return mentions


def ministers_as_ministries(mentions: list[Mention]) -> list[Mention]:
    """Point a minister's post the knowledge base does not know ("Minister for Sustainability
    and the Environment") at the ministry it heads when the document names that ministry
    ("Ministry of Sustainability and the Environment"): one body, as the annotation
    guideline's positions rule lists it."""
    ministries: dict[str, Mention] = {}
    for m in mentions:
        if m.label == "AGENCY" and m.canonical_id and not cand.ministry_forms(m.canonical_name or ""):
            for name in (m.canonical_name, m.text):
                ministries.setdefault(" ".join((name or "").lower().split()), m)
    for m in mentions:
        if m.label != "AGENCY" or "/_/" not in (m.canonical_id or ""):
            continue
        forms = [f.lower() for f in cand.ministry_forms(m.canonical_name or "")]
        found = next((ministries[f] for f in forms if f in ministries), None)
        if found is not None:
            m.canonical_id, m.canonical_name = found.canonical_id, found.canonical_name
            m.country = found.country
    return mentions


def owned_programmes(mentions: list[Mention]) -> list[Mention]:
    """Point a programme the knowledge base does not know, named with its owner's acronym
    before it ("MTI Singapore Green Plan Conversation"), at the programme the document names
    without it ("Singapore Green Plan"), when that acronym names an agency of the document."""
    agencies = {m.text for m in mentions if m.label == "AGENCY" and m.text.isupper()}
    programmes = {
        " ".join((m.canonical_name or "").lower().split()): m
        for m in mentions
        if m.label == "PROGRAMME" and m.canonical_id
    }
    for m in mentions:
        words = (m.canonical_name or "").split()
        if m.label != "PROGRAMME" or "/_/" not in (m.canonical_id or "") or len(words) < 3:
            continue
        if words[0] in agencies:
            found = programmes.get(" ".join(words[1:]).lower())
            if found is not None and found.canonical_id != m.canonical_id:
                m.canonical_id, m.canonical_name = found.canonical_id, found.canonical_name
    return mentions


# the head of a body named right before it: "KEPALA BADAN SIBER DAN SANDI NEGARA", "Ketua
# Mahkamah Agung", "the Head of the Civil Service", "Chairman of the Securities Commission"
_HEAD_BEFORE = re.compile(
    r"(?<![\w-])(?:Kepala|KEPALA|Ketua|KETUA|(?:Head|HEAD|Chairman|CHAIRMAN|Chairperson)[ \t]+(?:of|OF)"
    r"(?:[ \t]+(?:the|THE))?)[ \t]+$"
)


def with_head_positions(mentions: list[Mention], texts: dict[str, str]) -> list[Mention]:
    """A body named with its head's post before it is written as that post: the mention
    covers "Kepala Badan Siber dan Sandi Negara" and still points at the body. The annotation
    guideline records a head's post as the office it holds, so the post is the body's name
    there; the canonical name stays the body's."""
    for m in mentions:
        if m.label != "AGENCY" or m.passage_id not in texts:
            continue
        text = texts[m.passage_id]
        post = _HEAD_BEFORE.search(text, max(0, m.start - 40), m.start)
        if post is not None:
            m.start = post.start()
            m.text = text[m.start : m.end]
            m.id = Mention.make_id(m.passage_id, m.start, m.end, m.label)
    return mentions


# "Menteri PPN/Kepala Bappenas"; "Badan Siber dan Sandi Negara / the National Cyber and Crypto
# Agency" (a name and its translation)
_DUAL_JOIN = re.compile(r"[ \t]*/[ \t]*(?:the[ \t]+)?(?:Kepala|KEPALA)?[ \t]*")


def merge_dual_offices(mentions: list[Mention], texts: dict[str, str]) -> list[Mention]:
    """Point a body the knowledge base does not know, written right after a known one and a
    slash, at the known one: Indonesia's dual institutions ("Menteri Perencanaan Pembangunan
    Nasional/Kepala Badan Perencanaan Pembangunan Nasional", "Kementerian ATR/BPN") are one
    body under one head."""
    ordered = sorted(mentions, key=lambda m: (m.passage_id, m.start))
    target: dict[str, Mention] = {}
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (
            a.label == b.label == "AGENCY"
            and a.passage_id == b.passage_id
            and a.canonical_id
            and "/_/" not in a.canonical_id
            and b.canonical_id
            and "/_/" in b.canonical_id
            and _DUAL_JOIN.fullmatch(texts.get(a.passage_id, "")[a.end : b.start])
        ):
            target.setdefault(b.canonical_id, a)
    for m in mentions:
        known = target.get(m.canonical_id or "")
        if known is not None:
            m.canonical_id, m.canonical_name, m.country = (
                known.canonical_id,
                known.canonical_name,
                known.country,
            )
    return mentions


# a unit every body has ("Biro Perencanaan", "Tim Pengarah SPBE", "Departemen Kebijakan ...")
# is named by its owner written right after it: "Biro Perencanaan Kementerian Koordinator
# Bidang Perekonomian", "Departemen Kebijakan Sistem Pembayaran Bank Indonesia"
_UNIT_HEAD = re.compile(r"(?:Tim\s+Koordinasi|Tim\s+Pengarah|Biro|Departemen)\s", re.IGNORECASE)
_TO_OWNER = re.compile(r"(?:[ \t]+[A-Z][\w-]*){0,3}[ \t]*\n?[ \t]*")


def merge_units_with_owners(mentions: list[Mention], texts: dict[str, str]) -> list[Mention]:
    """A unit's name and its owner's written right after it as one agency, the fullest form
    the text writes (a few Title-case words between are the unit's own: "Departemen Kebijakan
    | Sistem Pembayaran | Bank Indonesia"). The owner alone, elsewhere, stays its own mention."""
    ordered = sorted(mentions, key=lambda m: (m.passage_id, m.start))
    drop: set[str] = set()
    merged: list[Mention] = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        text = texts.get(a.passage_id, "")
        if (
            a.label == b.label == "AGENCY"
            and a.passage_id == b.passage_id
            and a.id not in drop
            and _UNIT_HEAD.match(a.text)
            and a.canonical_id
            and "/_/" in a.canonical_id
            and _TO_OWNER.fullmatch(text, a.end, b.start)
        ):
            name = " ".join(text[a.start : b.end].split())
            drop |= {a.id, b.id}
            merged.append(
                replace(
                    a,
                    id=Mention.make_id(a.passage_id, a.start, b.end, a.label),
                    end=b.end,
                    text=text[a.start : b.end],
                    canonical_id=cand.unknown_id("AGENCY", name),
                    canonical_name=name,
                    country=b.country or a.country,
                )
            )
    if not merged:
        return mentions
    return sorted([m for m in mentions if m.id not in drop] + merged, key=lambda m: (m.passage_id, m.start))


_TRAILING_YEAR = re.compile(r"\s+(?:19|20)\d\d(?:\s*[-\u2013]\s*(?:19|20)\d\d)?$")


def country_words(kb: KnowledgeBase) -> tuple[str, ...]:
    """Lower-case names, demonyms and ISO codes of the knowledge base's countries, longest
    first ("republic of singapore", "singaporean", "singapore", "sg")."""
    words = set()
    for code, entry in kb.countries().items():
        words |= {n.lower() for n in (*entry.all_names(), *entry.demonyms, code)}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def programme_core(name: str, countries: tuple[str, ...], short: dict[str, str] | None = None) -> str:
    """A programme's name without a leading country and a trailing year, and with the long
    forms the document gives acronyms (``short``: lower-case long form -> acronym) written
    as the acronym: "SG Green Plan 2030" and "Singapore Green Plan 2030" are both "green
    plan"; "Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional" is "arsitektur spbe
    nasional" where the document defines SPBE."""
    core = _TRAILING_YEAR.sub("", " ".join(name.lower().split()))
    for long_form, acronym in (short or {}).items():
        core = re.sub(rf"(?<![\w-]){re.escape(long_form)}(?![\w-])", acronym, core)
    for c in countries:
        if core.startswith(c + " "):
            return core[len(c) + 1 :]
    return core


def acronym_forms(text: str) -> dict[str, str]:
    """Lower-case long forms of two or more words the document defines, longest first, each
    with its acronym in lower case."""
    forms = {
        " ".join(d.long_form.lower().split()): d.acronym.lower()
        for d in find_definitions(text)
        if len(d.long_form.split()) >= 2
    }
    return dict(sorted(forms.items(), key=lambda kv: -len(kv[0])))


def merge_qualified_programmes(
    mentions: list[Mention], countries: tuple[str, ...], short: dict[str, str] | None = None
) -> list[Mention]:
    """Point the forms of one programme that differ by a leading country, a trailing year or
    a long form written as its acronym (:func:`programme_core`: "Green Plan", "SG Green Plan
    2030", "Singapore Green Plan 2030") at one entity: a known one if any, else the longest
    name. A core of one word ("Plan") is left alone."""
    groups: dict[str, set[tuple[str, str]]] = {}
    for m in mentions:
        if m.label == "PROGRAMME" and m.canonical_id and m.canonical_name:
            core = programme_core(m.canonical_name, countries, short)
            if len(core.split()) >= 2:
                groups.setdefault(core, set()).add((m.canonical_id, m.canonical_name))
    target: dict[str, tuple[str, str]] = {}
    for forms in groups.values():
        if len({cid for cid, _ in forms}) < 2:
            continue
        best = min(forms, key=lambda f: ("/_/" in f[0], -len(f[1]), f[0]))
        for cid, _ in forms:
            if cid != best[0]:
                target[cid] = best
    for m in mentions:
        if m.canonical_id in target:
            m.canonical_id, m.canonical_name = target[m.canonical_id]
    return mentions


def _add_title_law(mentions: list[Mention], law: Mention) -> list[Mention]:
    """Add a title-block citation unless a law is already there; it hides what it covers."""
    same = [m for m in mentions if m.passage_id == law.passage_id and m.start < law.end and law.start < m.end]
    if any(m.label == "LAW" for m in same):
        return mentions
    hidden = {id(m) for m in same}
    return [m for m in mentions if id(m) not in hidden] + [law]


def merge_placed_programmes(mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """Point a programme named with a place before a name the document also gives a
    programme alone at that programme: "Bandar Seri Begawan Digital Payment Hub" (a list row,
    its city run into its project) is the "Digital Payment Hub" the report describes. The
    place is one to three words the knowledge base knows; the name left has two words or
    more."""
    alone: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.label == "PROGRAMME" and m.canonical_id and m.canonical_name:
            alone.setdefault(" ".join(m.canonical_name.lower().split()), (m.canonical_id, m.canonical_name))
    for m in mentions:
        if m.label != "PROGRAMME" or not m.canonical_name:
            continue
        words = m.canonical_name.split()
        place = _place_words(words, kb, country=False) or _place_words(words, kb, country=True)
        target = alone.get(" ".join(words[place:]).lower()) if place and len(words) - place >= 2 else None
        if target is not None and target[0] != m.canonical_id:
            m.canonical_id, m.canonical_name = target
    return mentions
