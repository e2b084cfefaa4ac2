"""Candidates: entities found anywhere in a document's text, before they become mentions.

Every finder (citation grammars, knowledge base, name patterns, acronyms, a trained model)
yields :class:`Candidate` records over the document text; :func:`resolve` keeps one per
stretch of text (laws first, then known entities, then patterns).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.extract.kb import KBEntry, KBHit, KnowledgeBase
from pipeline.extract.lawmatch import LawMatch
from pipeline.extract.patterns import (
    AGENCY_PREFIX,
    AGENCY_PREFIX_EN,
    AGENCY_SUFFIX,
    OWNED_PLAN,
    PREFIX_KEYWORDS,
    PatternHit,
)
from pipeline.extract.text import repair_ocr_slash, slugify
from pipeline.lang_data import word_set
from pipeline.records import EntityLabel

PRIORITY = {"rule": 0, "kb": 1, "pattern": 2, "acronym": 3, "model": 4}
_QUALIFIER = re.compile(
    r"(?:\s+(?:of\s+(?:the\s+)?)?(?:Republik\s+Indonesia|Republic\s+of\s+Indonesia|RI|R\.I\.|"
    r"Indonesia|Malaysia|Thailand|Singapore|Singapura|Philippines|the\s+Philippines|Viet\s?Nam|"
    r"Cambodia|Lao\s+PDR|Myanmar|Brunei(?:\s+Darussalam)?|Japan|Republic\s+of\s+Korea|ROK))$",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """An entity found in the document text (offsets index the joined document text)."""

    start: int
    end: int
    label: EntityLabel
    canonical_id: str | None
    canonical_name: str | None
    country: str | None = None
    method: str = "rule"
    confidence: float = 0.8
    law: LawMatch | None = None
    entries: tuple[KBEntry, ...] = ()
    shield_end: int = 0
    source: str = "rule"
    rule: str = ""

    def __post_init__(self) -> None:
        self.shield_end = max(self.shield_end, self.end)

    def overlaps(self, other: Candidate) -> bool:
        """Whether the two spans share a character."""
        return self.start < other.end and other.start < self.end


_REGIONAL_TYPES = {"perda", "pergub", "perbup", "perwal", "kepgub", "kepbup", "kepwal"}
_MINISTERIAL_TYPES = {"permen", "kepmen"}


def resolve_issuer(m: LawMatch, kb: KnowledgeBase) -> str | None:
    """The knowledge-base key of the issuer a citation names (``m.issuer_text``): a ministry
    ("Kesehatan", "kominfo", "PAN RB" -> "kemenkes", "kominfo", "kemenpanrb"), a body
    ("Badan Pengawas Tenaga Nuklir" -> "bapeten") or a region ("Provinsi Bali" ->
    "province-bali"); None when it names none or the knowledge base knows no such issuer."""
    text = m.issuer_text
    if not text:
        return None
    if m.type in _REGIONAL_TYPES:
        kind, forms = "place", [text, *(f.format(text) for f in ("Provinsi {}", "Kabupaten {}", "Kota {}"))]
    elif m.type in _MINISTERIAL_TYPES:
        kind, forms = "agency", [f"Kementerian {text}", f"Kemen{text.replace(' ', '')}", text]
    else:
        kind, forms = "agency", [text]
    for form in forms:
        found = [e for e in kb.lookup_name(form, kind) if e.country in (None, "ID")]
        if found and len({e.id for e in found}) == 1:
            return found[0].id.rsplit("/", 1)[-1]
    return None


def issuers_from_full_citations(laws: list[LawMatch]) -> None:
    """Give a minister's or region's regulation cited without its issuer ("Permen Nomor 5
    Tahun 2020") the issuer of the document's citations of the same type, number and year
    when they name one issuer; two issuers are two instruments, and a citation naming none
    is then left without."""
    issuers: dict[tuple[str, str | None, int | None], set[str]] = {}
    for m in laws:
        if m.issuer:
            issuers.setdefault((m.type, m.number, m.year), set()).add(m.issuer)
    for m in laws:
        found = issuers.get((m.type, m.number, m.year))
        if m.issuer is None and found and len(found) == 1:
            m.issuer = next(iter(found))


def from_law(m: LawMatch, kb: KnowledgeBase) -> Candidate:
    """A LAW candidate from a citation, its missing parts filled from the knowledge base."""
    m.issuer = resolve_issuer(m, kb)
    known = kb.resolve_law(m.title, m.year, m.number, m.jurisdiction, m.type)
    name = None
    if len(known) == 1 and known[0].law:
        name = None if m.title else known[0].name  # "Act 709": the name the law is known by
        law = known[0].law
        m.jurisdiction = m.jurisdiction or law["jurisdiction"]
        m.number = m.number or law.get("number")
        m.year = m.year or law.get("year")
        m.kb_id = known[0].id
        if m.number is None and m.type != "uud":
            m.title = known[0].name
    return Candidate(
        m.start,
        m.end,
        "LAW",
        None,
        name or m.title,
        m.jurisdiction,
        "rule",
        m.confidence,
        law=m,
        shield_end=m.title_end,
        source="rule",
    )


_TREATY_KIND_WORDS = word_set("treaty_kind_words")


def nameless_treaty(m: LawMatch) -> bool:
    """A treaty title made only of words that name a kind of agreement ("Economic
    Partnership Agreement", "Framework Convention"), which the knowledge base does not know:
    it names no instrument (an OCR break or a generic mention lost the parties' names)."""
    if m.grammar != "int.treaty" or m.kb_id or not m.title:
        return False
    return all(w in _TREATY_KIND_WORDS for w in re.findall(r"[\w-]+", m.title.lower()))


def law_candidates(matches: list[LawMatch], kb: KnowledgeBase) -> list[Candidate]:
    """LAW candidates of citations (:func:`from_law`), nameless treaties left out; an act
    cited by number alone takes the year the document gives it elsewhere
    (:func:`years_from_full_citations`)."""
    out = []
    for m in matches:
        c = from_law(m, kb)
        if not nameless_treaty(m):
            out.append(c)
    years_from_full_citations([c.law for c in out if c.law is not None])
    numbers_from_full_citations([c.law for c in out if c.law is not None])
    issuers_from_full_citations([c.law for c in out if c.law is not None])
    return out


def years_from_full_citations(laws: list[LawMatch]) -> None:
    """Give an act cited by its number alone ("Act 671") the year of the document's full
    citation of the same number ("Capital Market and Services Act 2007 [Act 671]"), so both
    are one instrument; left alone when the document gives that number two years."""
    years: dict[tuple[str | None, str], set[int]] = {}
    for m in laws:
        if m.type == "act" and m.number and m.year:
            years.setdefault((m.jurisdiction, m.number), set()).add(m.year)
    for m in laws:
        if m.type != "act" or not m.number or m.year:
            continue
        found = years.get((m.jurisdiction, m.number)) or (
            years.get((None, m.number)) if m.jurisdiction else None
        )
        if found and len(found) == 1:
            m.year = next(iter(found))


def numbers_from_full_citations(laws: list[LawMatch]) -> None:
    """Give an act cited by title and year alone ("Road Transport Act 1987") the number of the
    document's full citation of that title and year ("Road Transport Act 1987 (Act 333)"), so
    both are one instrument; left alone when the document gives that title two numbers."""
    numbers: dict[tuple[str, int], set[str]] = {}
    for m in laws:
        if m.type in ("act", "regulation") and m.number and m.year and m.title:
            numbers.setdefault((" ".join(m.title.lower().split()), m.year), set()).add(m.number)
    for m in laws:
        if m.type not in ("act", "regulation") or m.number or not (m.year and m.title):
            continue
        found = numbers.get((" ".join(m.title.lower().split()), m.year))
        if found and len(found) == 1:
            m.number = next(iter(found))


def kb_law_match(entry: KBEntry, start: int, end: int) -> LawMatch:
    """The citation a knowledge-base law stands for, at ``start:end``."""
    law = entry.law or {}
    return LawMatch(
        start,
        end,
        type=law.get("type", "other"),
        jurisdiction=law.get("jurisdiction"),
        number=law.get("number"),
        year=law.get("year"),
        title=entry.name,
        grammar="kb",
        kb_id=entry.id,
    )


def from_kb_law(hit: KBHit) -> Candidate:
    """A LAW candidate from a law the knowledge base names ("UU ITE", "ASEAN Charter"); a
    title several countries' laws share ("Personal Data Protection Act") keeps them all in
    ``entries`` for the country context to choose from."""
    entry = hit.entries[0]
    m = kb_law_match(entry, hit.start, hit.end)
    return Candidate(
        hit.start,
        hit.end,
        "LAW",
        None,
        entry.name,
        m.jurisdiction,
        "kb",
        0.85,
        law=m,
        entries=tuple(hit.entries),
        source="kb",
    )


def from_kb(hit: KBHit) -> Candidate:
    """An AGENCY, PROGRAMME or PLACE candidate from a knowledge-base name or acronym."""
    entry = hit.entries[0]
    confidence = 0.9 if hit.via == "name" else 0.8
    return Candidate(
        hit.start,
        hit.end,
        entry.label,
        entry.id,
        entry.name,
        entry.country,
        "kb",
        confidence,
        entries=tuple(hit.entries),
        source="kb",
    )


def from_pattern(hit: PatternHit, kb: KnowledgeBase) -> Candidate:
    """A candidate from a name pattern, resolved to a known entity when the KB has the name."""
    kind = hit.label.lower()
    full = repair_ocr_slash(hit.name)  # "Dinas Sosial KabupatenlKota" as OCR read it
    name, qualifier_country = strip_qualifier(full)
    short = _REPUBLIC.sub(" Indonesia", full)  # "Tentara Nasional Republik Indonesia"
    bare = _QUALIFIER.sub("", full)  # "Badan Intelijen Negara Republik Indonesia"
    forms = (full, name, short, bare, *ministry_forms(name), *coordinating_forms(name))
    known = next((k for k in (kb.lookup_name(n, kind) for n in forms) if k), [])
    if known:
        e = known[0]
        return Candidate(
            hit.start,
            hit.end,
            hit.label,
            e.id,
            e.name,
            e.country,
            "kb",
            0.85,
            entries=tuple(known),
            source="pattern",
            rule=hit.rule,
        )
    return Candidate(
        hit.start,
        hit.end,
        hit.label,
        unknown_id(hit.label, name),
        name,
        hit.country or qualifier_country,
        "pattern",
        hit.confidence,
        source="pattern",
        rule=hit.rule,
    )


_MINISTER = re.compile(r"Minister\s+(of|for)\s+(?:the\s+)?(.+)", re.IGNORECASE)


def ministry_forms(name: str) -> list[str]:
    """The names of the ministry a minister's post heads ("Minister for Transport" ->
    "Ministry for Transport", "Ministry of Transport"); none for any other name."""
    m = _MINISTER.fullmatch(" ".join(name.split()))
    if m is None:
        return []
    written = m.group(1).lower()
    other = "of" if written == "for" else "for"
    return [f"Ministry {p} {m.group(2)}" for p in (written, other)]


_COORDINATING = re.compile(r"((?:Kementerian|Menteri)\s+Koordinator)\s+(Bidang\s+)?(.+)", re.IGNORECASE)


def coordinating_forms(name: str) -> list[str]:
    """A coordinating ministry's name with "Bidang" where it is left out, and without it where
    it is written ("Kementerian Koordinator Perekonomian" -> "Kementerian Koordinator Bidang
    Perekonomian"): both forms are in use; none for any other name."""
    m = _COORDINATING.fullmatch(" ".join(name.split()))
    if m is None:
        return []
    return [f"{m.group(1)} {m.group(3)}" if m.group(2) else f"{m.group(1)} Bidang {m.group(3)}"]


def unknown_id(label: str, name: str) -> str:
    """The canonical id of an entity the KB does not know: label and slug of its name."""
    return f"{label.lower()}/_/{slugify(name)}"


_REPUBLIC = re.compile(r"\s+Republik\s+Indonesia$", re.IGNORECASE)
_NAME_ENDS_WITH_COUNTRY = {"nasional", "national", "negara"}
# offices named by their country, whose country is their name: "Bank of Thailand", "Perdana
# Menteri Malaysia", "Prime Minister of Singapore"
_NAMED_BY_COUNTRY = re.compile(
    r"(?:(?:Central|National|State|Reserve)\s+)?Bank|Perdana\s+Menteri|Prime\s+Minister", re.IGNORECASE
)


def strip_qualifier(name: str) -> tuple[str, str | None]:
    """``name`` without a trailing country ("... Republik Indonesia"), and that country."""
    m = _QUALIFIER.search(name)
    if not m or m.start() == 0:
        return name, None
    bare_country = not re.match(r"\s*(?:republi|of\b)", m.group(), re.IGNORECASE)
    before = name[: m.start()].split()[-1].lower()
    if (bare_country and before in _NAME_ENDS_WITH_COUNTRY) or _NAMED_BY_COUNTRY.fullmatch(name[: m.start()]):
        return name, None  # "Tentara Nasional Indonesia", "Bank of Thailand": the country is the name's
    qualifier = m.group().lower()
    country = "ID" if "indonesia" in qualifier or qualifier.strip() in ("ri", "r.i.") else None
    for code, word in (
        ("MY", "malaysia"),
        ("TH", "thailand"),
        ("SG", "singap"),
        ("PH", "philippines"),
        ("VN", "viet"),
        ("KH", "cambodia"),
        ("LA", "lao"),
        ("MM", "myanmar"),
        ("BN", "brunei"),
        ("JP", "japan"),
        ("KR", "korea"),
    ):
        if word in qualifier:
            country = code
    bare = name[: m.start()].rstrip(" ,")
    if bare.lower() in PREFIX_KEYWORDS:  # "Kedutaan Besar Republik Indonesia", "Embassy of Japan":
        return name, country  # the country is all the name has
    return bare, country


class SpanIndex:
    """Kept spans that do not overlap (equal spans aside), searchable by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[Candidate] = []

    def add(self, c: Candidate) -> None:
        """Keep ``c``."""
        i = bisect.bisect_right(self.starts, c.start)
        self.starts.insert(i, c.start)
        self.items.insert(i, c)

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        """Kept spans that share a character with ``start:end``."""
        out = []
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.items[i].end > start:  # ends rise with starts: no overlaps kept
            out.append(self.items[i])
            i -= 1
        return out


def _union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if ends and s < ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _shielded(c: Candidate, starts: list[int], ends: list[int]) -> bool:
    i = bisect.bisect_left(starts, c.end) - 1
    return i >= 0 and ends[i] > c.start


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: laws shield their titles (a body whose name is a
    whole title stays: "Peraturan Presiden ... tentang Badan Ekonomi Kreatif" names the body
    it sets up), then known beats found."""
    laws = _greedy([c for c in cands if c.label == "LAW"])
    kept = SpanIndex()
    for law in laws:
        kept.add(law)
    shield_starts, shield_ends = _union([(law.start, law.shield_end) for law in laws])
    core_starts, core_ends = _union([(law.start, law.end) for law in laws])
    titles = {(law.shield_end, len(law.law.title)) for law in laws if law.law is not None and law.law.title}
    others = [
        c
        for c in cands
        if c.label not in ("LAW", "PLACE")
        and not (
            _shielded(c, core_starts, core_ends)
            or (
                c.label != "PROGRAMME"
                and _shielded(c, shield_starts, shield_ends)
                and (c.end, c.end - c.start) not in titles
            )
        )
    ]
    others = _prefer_extending_patterns(others)
    for c in sorted(others, key=lambda c: (PRIORITY[c.source], -(c.end - c.start), c.start)):
        clash = kept.overlapping(c.start, c.end)
        if not clash:
            kept.add(c)
        elif c.source == "pattern" and all(k.end <= c.end and k.start <= c.start for k in clash):
            trimmed = _trim_left(c, max(k.end for k in clash))
            if trimmed and not kept.overlapping(trimmed.start, trimmed.end):
                kept.add(trimmed)
    for c in [c for c in cands if c.label == "PLACE"]:
        clash = kept.overlapping(c.start, c.end)
        if all(k.start == c.start and k.end == c.end and k.label != "PLACE" for k in clash):
            kept.add(c)
    return sorted(kept.items, key=lambda c: (c.start, c.end))


def _prefer_extending_patterns(cands: list[Candidate]) -> list[Candidate]:
    """Drop KB names that a head-last pattern of the same label extends to the right,
    international organisations that begin a head-last name, and programmes inside a
    head-first agency name.

    "Iskandar Malaysia Integrated Urban Services Program" is a programme of its own, not a
    mention of "Iskandar Malaysia"; "ASEAN Smart Cities Network" and "United Nations
    Development Programme" are names of their own, not "ASEAN" or "United Nations" followed
    by a nameless network or programme; "Tim Koordinasi SPBE Nasional" is a body named after
    the programme it runs, not the programme.
    """
    cands = _without_programmes_in_bodies(cands)
    patterns = [
        c
        for c in cands
        if c.source == "pattern"
        and (
            (
                c.rule.startswith(("suffix.", "introduced."))  # the text calls the whole a programme
                and (c.canonical_id or "").startswith(("agency/_/", "programme/_/"))
            )
            or c.rule == "local.dprd"  # "Dewan Perwakilan Rakyat Daerah Kabupaten X", not the DPR
            or c.rule == "local.acronym"  # "Bappeda Kota Bogor", not any Bappeda
            # "Dinas Kominfo Kota Makassar": a region's office named after a ministry's field,
            # not the ministry ("Dinas" is always a region's)
            or (c.rule == "prefix.agency" and (c.canonical_name or "").split()[:1] in (["Dinas"], ["DINAS"]))
            or c.rule == "national.programme"  # "Arsitektur SPBE Nasional", not SPBE
            or c.rule == OWNED_PLAN  # "Rencana Induk SPBE Kementerian X": the agency's plan
        )
    ]
    if not patterns:
        return cands
    starts = sorted((p.start, p.end, p.label, p.rule) for p in patterns)
    keys = [s[0] for s in starts]
    # "HDB Green Towns Programme": a programme named with its owner's acronym first
    owned = {
        (p.start, p.start + len(first))
        for p in patterns
        if p.rule == "suffix.programme"
        and (first := (p.canonical_name or " ").split()[0]).isupper()
        and (p.canonical_name or "").startswith(first + " ")
    }

    def extended(c: Candidate) -> bool:
        i = bisect.bisect_right(keys, c.start) - 1
        while i >= 0 and starts[i][1] > c.start:
            s, e, label, rule = starts[i]
            if e > c.end and (
                (label == c.label and s <= c.start)
                or (s == c.start and c.label == "AGENCY" and c.country == "INT")
                # "Australia for ASEAN Futures Initiative": a regional body inside a programme's name
                or (
                    s < c.start
                    and c.label == "AGENCY"
                    and c.country == "INT"
                    and label == "PROGRAMME"
                    and rule.startswith("suffix.")
                )
                or (c.label == "AGENCY" and (c.start, c.end) in owned)
                # a body named after a known programme: "Smart City Thailand Office"
                or (
                    label == "AGENCY"
                    and c.label == "PROGRAMME"
                    and s <= c.start
                    and rule.startswith("suffix.")
                )
            ):
                return True
            if rule == OWNED_PLAN and s < c.start and e >= c.end and c.label == "AGENCY":
                return True  # the agency that ends an agency's named plan
            i -= 1
        return False

    national = [(p.start, p.end) for p in patterns if p.rule == "national.programme"]
    return [
        c
        for c in cands
        if (c.source != "kb" or not extended(c))
        # "Peta Rencana SPBE Nasional": not "Rencana SPBE Nasional ..." found by its own head
        and not (c.source == "pattern" and any(s < c.start < e for s, e in national))
    ]


_BODY_WORDS = sorted({h.split()[0] for h in AGENCY_PREFIX + AGENCY_PREFIX_EN + AGENCY_SUFFIX} | {"Bank"})
# "... dan Bank Indonesia", "... and the Ministry of Health": a second body joined on, not more
# words of the first one's name
_SECOND_BODY = re.compile(
    r"(?:^|\s)(?:dan|serta|and|&|DAN|SERTA|AND)\s+(?:the\s+)?(?:"
    + "|".join(_BODY_WORDS + [w.upper() for w in _BODY_WORDS])
    + r")\b"
)


# a country inside what a pattern adds ("KEMENTERIAN SEKRETARIAT NEGARA REPUBLIK INDONESIA
# Deputi ..."): the name ended at the country and a unit's name follows
_QUALIFIER_INSIDE = re.compile(_QUALIFIER.pattern.removesuffix("$") + r"(?=\s+\S)", re.IGNORECASE)


# what a longer name adds must be joined on by a connector ("... dan Hak Asasi Manusia", "...
# Economy and Society"): words that merely follow a known name are the sentence going on
# ("OTORITAS JASA KEUANGAN MENJADI EFEKTIF"), a form's next cell or an OCR slip
_JOINED_ON = re.compile(r"(?i:\s(?:dan|serta|and|&|of|for|untuk|bagi)\s)")


# a longer name that stops right before a body's head word ("Tentara Nasional Indonesia dan
# Anggota | Kepolisian Negara ..."): a fragment of a list, not a name
_BODY_NEXT = re.compile(r"[ \t]+(?:" + "|".join(_BODY_WORDS + [w.upper() for w in _BODY_WORDS]) + r")\b")


def without_cut_names(cands: list[Candidate], text: str) -> list[Candidate]:
    """``cands`` less the KB agency names that a head-first name goes on past.

    "Ministry of Digital" (Malaysia's) in "Ministry of Digital Economy and Society" and
    "Kementerian Hukum" in "Kementerian Hukum dan Hak Asasi Manusia" are the start of another
    body's name, which the ``prefix.agency`` pattern finds whole, joined on by a connector.
    The KB name stays when what follows has no connector ("Otoritas Jasa Keuangan Menjadi
    Efektif" in capitals, "... Keuangan Salinan"), and when all the pattern adds is a
    country ("Ministry of Education Singapore"), a slash ("Kementerian PPN/Bappenas"), a
    comma, a country and more words, or a second body ("Kementerian Keuangan dan Bank
    Indonesia"), or it stops right before one.
    """
    longer = _unknown_head_first_bodies(cands)
    if not longer:
        return cands
    by_start: dict[int, int] = {}
    for p in longer:
        by_start[p.start] = max(p.end, by_start.get(p.start, 0))
    kb_agency_starts = sorted(c.start for c in cands if c.source == "kb" and c.label == "AGENCY")

    def cut(c: Candidate) -> bool:
        end = by_start.get(c.start, 0)
        if c.source != "kb" or c.label != "AGENCY" or end <= c.end or " " not in text[c.start : c.end]:
            return False
        tail = text[c.end : end]
        bare, _ = strip_qualifier(text[c.start : end])
        i = bisect.bisect_left(kb_agency_starts, c.end)
        return not (
            not _JOINED_ON.search(tail)
            or len(bare) <= c.end - c.start
            or not tail[:1].isspace()
            or "," in tail
            or _QUALIFIER_INSIDE.search(tail)
            or _SECOND_BODY.search(tail)
            or _BODY_NEXT.match(text, end)
            or (i < len(kb_agency_starts) and kb_agency_starts[i] < end)
        )

    return [c for c in cands if not cut(c)]


def _unknown_head_first_bodies(cands: list[Candidate]) -> list[Candidate]:
    """The head-first agency names of ``cands`` ("Kementerian ...", "Ministry of ...") that
    the knowledge base does not know."""
    return [
        c
        for c in cands
        if c.source == "pattern"
        and c.rule == "prefix.agency"
        and (c.canonical_id or "").startswith("agency/_/")
    ]


def _without_programmes_in_bodies(cands: list[Candidate]) -> list[Candidate]:
    """``cands`` less the KB programmes that lie inside an unknown head-first agency name."""
    bodies = [(c.start, c.end) for c in _unknown_head_first_bodies(cands)]
    if not bodies:
        return cands
    return [
        c
        for c in cands
        if not (
            c.source == "kb" and c.label == "PROGRAMME" and any(s < c.start and c.end <= e for s, e in bodies)
        )
    ]


def _greedy(cands: list[Candidate]) -> list[Candidate]:
    kept = SpanIndex()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), PRIORITY[c.source], c.start)):
        if not kept.overlapping(c.start, c.end):
            kept.add(c)
    return kept.items


_LEFT_JUNK = re.compile(r"^[\s,;:/&-]*(?:(?:dan|and|serta|of|the|di|&)\s+)*", re.IGNORECASE)


def _trim_left(c: Candidate, new_start: int) -> Candidate | None:
    """``c`` starting after ``new_start`` (for head-last names only), or None."""
    if not c.rule.startswith(("suffix.", "local.en_government")):
        return None
    name = c.canonical_name or ""
    cut = new_start - c.start
    if cut <= 0 or cut >= len(name):
        return None
    rest = _LEFT_JUNK.sub("", name[cut:]) if len(name) == c.end - c.start else None
    if not rest or len(rest.split()) < 2 or rest[0].islower():
        return None
    start = c.end - len(rest)
    return Candidate(
        start,
        c.end,
        c.label,
        unknown_id(c.label, rest),
        rest,
        c.country,
        c.method,
        c.confidence,
        source=c.source,
        rule=c.rule,
    )
