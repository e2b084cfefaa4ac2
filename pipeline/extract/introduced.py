"""Programmes the text introduces by name, whatever words the name is made of.

A programme's name often carries no head word ("JAKI", "Tahu Sumedang", "Adminduk Daring"),
so no name pattern can find it; but the sentence that introduces it says what it is:

- a naming verb after a kind of programme: 'their project named "Innovative Flood Control
  ..."', "housing (Phase I), named as Thu Kha Taw Win Housing", "an app called JAKI",
  "aplikasi bernama Sapa Warga";
- a project card: a name that opens a passage or line and is followed by its objective,
  "Khon Kaen Tram Objective: To improve ...", "Exhibit 25: Digital Payment Hub Objective:
  To ..." (the extractor keeps such a name only when it is more than ordinary words);
- a definitions article that defines a named system, application, activity or policy:
  "9. Aplikasi Tata Naskah Dinas Elektronik yang selanjutnya disebut Atandie adalah suatu
  sistem ...", "1. Satu Data Indonesia adalah kebijakan tata kelola Data ...". The article
  must give the term a short form ("yang selanjutnya disebut ..."), or define it as a policy
  with another head word: a term defined without one ("Administrasi Kependudukan adalah
  rangkaian kegiatan ...", "Sistem TIK adalah sistem ...") is a kind of activity or thing,
  not a name.
"""

from __future__ import annotations

import re

from pipeline.extract.patterns import AGENCY_PREFIX_EN, AGENCY_SUFFIX, PatternHit

# ---- a naming verb after a kind of programme ----------------------------------------------

KINDS = (
    r"projects?|programmes?|programs?|initiatives?|apps?|applications?|platforms?|portals?|"
    r"systems?|schemes?|campaigns?|plans?|strateg(?:y|ies)|housing|services?|networks?|"
    r"challenges?|competitions?|movements?|frameworks?|roadmaps?|blueprints?|grants?|funds?|"
    r"pilots?|program|aplikasi|gerakan|kampanye|platform|inovasi|layanan|sistem|kegiatan|proyek|"
    r"kebijakan|portal|situs"
)
NAMING = re.compile(
    r"(?<![\w-])(?:named|called|dubbed|entitled|titled|branded|known\s+as|bernama|berjudul|bertajuk"
    r"|dengan\s+nama|diberi\s+nama|dinamakan|dinamai)(?:[ \t]+(?:as|sebagai))?[ \t\n]+(?:the[ \t]+)?"
)
# the kind right before the verb: at most a short aside between ("housing (Phase I), named as")
KIND_BEFORE = re.compile(rf"(?<![\w-])(?:{KINDS})(?![\w-])[^.;:!?\n\x00\"“”]{{0,25}}$", re.IGNORECASE)
QUOTED = re.compile(r"[\"“‘'](?P<name>[A-Z0-9][^\"”’'\n\x00]{1,150}?)[\"”’']")
_WORD = r"[A-Z0-9][\w@.&'’!+-]*(?<![.,])"
_JOIN = r"of|for|and|the|in|on|to|dan|untuk|di|&"
UNQUOTED = re.compile(rf"(?P<name>{_WORD}(?:[ \t]+(?:(?:{_JOIN})[ \t]+)*{_WORD}){{0,9}})")
MAX_QUOTED_WORDS = 20


def named_programmes(text: str) -> list[PatternHit]:
    """Programmes named right after a naming verb that follows a kind of programme."""
    hits = []
    for m in NAMING.finditer(text):
        if not KIND_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        q = QUOTED.match(text, m.end())
        found = q or UNQUOTED.match(text, m.end())
        if not found:
            continue
        name = " ".join(found.group("name").split())
        if q is None and len(name) < 3:
            continue
        if len(name.split()) > MAX_QUOTED_WORDS:
            continue
        start, end = found.start("name"), found.end("name")
        hits.append(PatternHit(start, end, "PROGRAMME", name, "introduced.named", None, 0.6))
    return hits


# ---- a definitions article's named system or policy --------------------------------------

DEFINED_KINDS = (
    "sistem",
    "aplikasi",
    "rangkaian kegiatan",
    "kebijakan",
    "program",
    "gerakan",
    "platform",
    "portal",
)
DEFINES = re.compile(
    r"[ \t\n]+adalah[ \t\n]+(?:suatu[ \t\n]+|sebuah[ \t\n]+)?(?P<kind>"
    + "|".join(k.replace(" ", r"[ \t\n]+") for k in DEFINED_KINDS)
    + r")(?![\w-])"
)
# where a definition item starts: its number ("9.", "1", "a.") or the colon of "dengan:"
ITEM_START = re.compile(r"(?:(?<![\w.,/-])(?:\d{1,3}|[a-z])\.?|:)[ \t\n]+(?=[A-Z])")
SHORT_FORM = re.compile(
    r",?[ \t\n]+yang[ \t\n]+selanjutnya[ \t\n]+(?:disingkat|disebut)[ \t\n]+\S.*$", re.DOTALL
)
_PARENTHESIS = re.compile(r"[ \t\n]*\([^()]*\)[ \t\n]*$")
_TERM_JOIN = {"dan", "atau", "untuk", "di", "ke", "dalam", "antar"}
MAX_TERM_WORDS = 12


def defined_programmes(text: str) -> list[PatternHit]:
    """Named systems, applications, activities and policies a definitions article defines."""
    hits = []
    for m in DEFINES.finditer(text):
        window_start = max(0, m.start() - 300)
        items = list(ITEM_START.finditer(text, window_start, m.start()))
        if not items:
            continue
        seg_start = items[-1].end()
        segment = text[seg_start : m.start()]
        if re.search(r"[.;\x00]|\n\s*\n", segment):
            continue
        short = SHORT_FORM.search(segment)
        term = segment[: short.start()] if short else segment
        term = _PARENTHESIS.sub("", term)
        words = term.split()
        if not _title_term(words):
            continue
        kind = " ".join(m.group("kind").split()).lower()
        if short is None and (kind != "kebijakan" or words[0].lower() == kind):
            continue  # "Sistem TIK adalah sistem ...", "Administrasi Kependudukan adalah rangkaian ..."
        name = " ".join(words)
        hits.append(
            PatternHit(seg_start, seg_start + len(term.rstrip()), "PROGRAMME", name, "introduced.defined")
        )
    return hits


# "Lembaga Standar adalah lembaga yang ...": a term defined as its own head word, no short form
DEFINED_AS_ITS_HEAD = re.compile(
    r"(?<![\w-])(?P<term>(?P<head>[A-Z][a-z]+)(?:[ \t]+[A-Z][\w-]*){1,5})[ \t\n]+adalah[ \t\n]+"
    r"(?:suatu[ \t\n]+|sebuah[ \t\n]+)?(?P<kind>[a-z]+)(?![\w-])"
)


def defined_kinds_of_body(text: str) -> set[str]:
    """Lower-case terms a definitions article defines as a kind of body by their own head word
    ("Lembaga Standar adalah lembaga yang menyusun ...", "Lembaga Switching adalah lembaga
    ..."): any institution that does it, not one named body. A body the article names comes
    with its short form ("... yang selanjutnya disebut BSSN adalah lembaga ...") or another
    head ("... adalah perangkat daerah ...")."""
    return {
        " ".join(m.group("term").lower().split())
        for m in DEFINED_AS_ITS_HEAD.finditer(text)
        if m.group("head").lower() == m.group("kind")
    }


def _title_term(words: list[str]) -> bool:
    """A defined term that reads as a name: 2 to 12 words, each capitalised but joining words."""
    if not 2 <= len(words) <= MAX_TERM_WORDS:
        return False
    return (
        all(w[:1].isupper() or w[:1].isdigit() or w in _TERM_JOIN for w in words) and words[0][:1].isupper()
    )


# ---- examples of a kind of programme (Hearst's "such as" pattern) ------------------------

PLURAL_KINDS = (
    r"programmes|programs|initiatives|schemes|projects|platforms|apps|applications|campaigns|"
    r"grants|funds|movements|program|aplikasi|inovasi|gerakan|kegiatan|proyek"
)
EXAMPLES = re.compile(
    rf"(?<![\w-])(?:{PLURAL_KINDS})[ \t\n]*,?[ \t\n]+(?:such[ \t\n]+as|like|including|e\.g\.,?"
    r"|seperti|antara[ \t\n]+lain|termasuk)[ \t\n]+",
    re.IGNORECASE,
)
_ITEM_JOIN = r"of|for|the|in|on|to|untuk|di"  # "and" separates the examples
_ITEM = re.compile(
    rf"(?:the[ \t\n]+)?(?P<name>{_WORD}(?:[ \t\n]+(?:(?:{_ITEM_JOIN})[ \t\n]+)*{_WORD}){{0,9}})"
    r"(?:[ \t\n]+(?:programme|program|initiative|scheme|project|platform)s?(?![\w-]))?"
    r"(?:[ \t\n]*\([^()\n]{1,40}\))?"
)
_ITEM_GAP = re.compile(
    r"[ \t\n]*(?:,[ \t\n]*(?:(?:and|or|dan|atau|serta)[ \t\n]+)?|[ \t\n]+(?:and|or|dan|atau|serta)[ \t\n]+)"
)
# an example with a body's head word names that body, not a programme
# words of a body's or a group's name: such an example is no programme ("the Asia Pacific
# Computer Emergency Response Team (APCERT) and Forum of Incident Response and Security Teams")
BODY_WORDS = frozenset(
    {h.split()[-1].lower() for h in AGENCY_SUFFIX}
    | {h.lower() for h in AGENCY_PREFIX_EN if " " not in h}
    | {"team", "teams", "forum", "association", "federation", "alliance", "consortium"}
)
MAX_EXAMPLES = 8


def _name_like(name: str) -> bool:
    """Two words or more, or one word that is no plain word ("MyInfo", "Wireless@SG", "4G")."""
    words = name.split()
    return len(words) >= 2 or bool(re.search(r".[A-Z0-9@.]", words[0]))


def example_programmes(text: str) -> list[PatternHit]:
    """Programmes given as examples of a kind: "initiatives such as the ASEAN CERT Incident
    Drill (ACID), and the ASEAN Cyber Capacity Programme", "aplikasi seperti Sapa Warga dan
    Jaki"; the list ends at the first item that is no name."""
    hits = []
    for m in EXAMPLES.finditer(text):
        pos = m.end()
        for _ in range(MAX_EXAMPLES):
            item = _ITEM.match(text, pos)
            if not item:
                break
            name = " ".join(item.group("name").split())
            if _name_like(name) and not BODY_WORDS & {w.lower() for w in name.split()}:
                hits.append(
                    PatternHit(item.start("name"), item.end("name"), "PROGRAMME", name, "introduced.example")
                )
            gap = _ITEM_GAP.match(text, item.end())
            if not gap:
                break
            pos = gap.end()
    return hits


# ---- a name the government launched ------------------------------------------------------

LAUNCHED = re.compile(
    r"(?<![\w-])(?:launched|rolled[ \t\n]+out|unveiled|introduced|initiated|meluncurkan)[ \t\n]+"
    r"(?:(?:the|a|an|its|our|their)[ \t\n]+)?(?:\d{1,3}[ \t]+)?"
)
_LAUNCH_JOIN = r"of|for|and|the|dan|untuk|&"
LAUNCHED_NAME = re.compile(rf"(?P<name>{_WORD}(?:[ \t]+(?:(?:{_LAUNCH_JOIN})[ \t]+)*{_WORD}){{0,9}})")
# what a government also launches that is no programme: a law, a body, a phase
_NOT_LAUNCHED = frozenset({"act", "law", "bill", "code", "regulation", "regulations", "order", "phase"})


def launched_programmes(text: str) -> list[PatternHit]:
    """Names right after a verb of launching ("the Government rolled out 23 Industry
    Transformation Maps", "IMDA has also rolled out a Basic Digital Skills curriculum",
    "launched Go! Manila"): what a government launches by name is a programme; not a law,
    a body ("launched the Smart Nation Office"), a phase, or one plain word."""
    hits = []
    for m in LAUNCHED.finditer(text):
        found = LAUNCHED_NAME.match(text, m.end())
        if not found:
            continue
        for start, end in _launched_parts(text, found.start("name"), found.end("name")):
            name = " ".join(text[start:end].split())
            words = {w.lower().strip(",.") for w in name.split()}
            if not _name_like(name) or words & (BODY_WORDS | _NOT_LAUNCHED) or name.split()[0][:1].isdigit():
                continue
            hits.append(PatternHit(start, end, "PROGRAMME", name, "introduced.launched", None, 0.6))
    return hits


# "and" with an article begins a second thing launched: "the Green Building Masterplan and the
# Smart Parking App"; not "and" alone, which a name holds ("Science and Technology Plan")
_SECOND_LAUNCHED = re.compile(r"[ \t]+(?:and|dan|&)[ \t]+(?:the|a|an|its|their|our)[ \t]+")


def _launched_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the names one launching verb governs (split at "and the")."""
    parts = []
    for join in _SECOND_LAUNCHED.finditer(text, start, end):
        parts.append((start, join.start()))
        start = join.end()
    return [*parts, (start, end)]


# ---- a name and, after a comma, the kind of system it is -----------------------------------

APPOSED = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,4}}),[ \t]+(?:an?|its|our)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,4}?(?i:system|platform|app|application|portal|website)(?![\w-])"
)


def apposed_programmes(text: str) -> list[PatternHit]:
    """A name followed, after a comma and an article, by the kind of system it is ("via
    IHYDRO, an online Hydrological Telemetry System", "JAKI, a mobile app"): a named system;
    not a body, not one plain word. English only: an Indonesian comma list runs on into a
    kind word ("Infrastruktur SPBE, sistem ...")."""
    hits = []
    for m in APPOSED.finditer(text):
        name = " ".join(m.group("name").split())
        words = {w.lower().strip(",.") for w in name.split()}
        if not _name_like(name) or words & BODY_WORDS or name.split()[0][:1].isdigit():
            continue
        start, end = m.start("name"), m.end("name")
        hits.append(PatternHit(start, end, "PROGRAMME", name, "introduced.apposed", None, 0.6))
    return hits


# ---- a name and what it is: "X, an initiative by ...", "X is a programme that ..." ----------

_DESCRIBED_KINDS = r"initiative|programme|program|campaign|scheme|movement|project|programa"
_GAP = r"(?:(?!(?:with|in|for|of|and|to|on|at)\b)[\w-]+[ \t]+){0,2}?"
_WHAT_FOLLOWS = (
    r"[ \t]+(?:by|of|from|that|which|launched|run|developed|introduced|initiated|led|aimed|"
    r"designed|started|set[ \t]+up)(?![\w-])"
)
DESCRIBED = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD}(?:[ \t]+(?:(?:of|for|and|the)[ \t]+)?{_WORD}){{0,5}})"
    rf"(?:,[ \t]+(?:an?|the)|[ \t]+(?:is|was)[ \t]+(?:an?|the))[ \t]+{_GAP}"
    rf"(?i:{_DESCRIBED_KINDS})(?![\w-]){_WHAT_FOLLOWS}"
)
DESCRIBED_ID = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD}(?:[ \t]+(?:(?:dan|untuk)[ \t]+)?{_WORD}){{0,5}})"
    r"[ \t]+(?:merupakan|adalah)[ \t]+(?:(?:sebuah|suatu|salah[ \t]+satu)[ \t]+)?"
    r"(?:program|inovasi|gerakan|kampanye|aplikasi)(?![\w-])"
)


# the kind first, then the name: "Another programme is the SkillsFuture for Digital Workplace"
DESCRIBED_AFTER = re.compile(
    r"(?<![\w-])(?i:another|one|(?:the|a)[ \t]+(?:first|second|third|latest|new)|its|our)[ \t]+"
    rf"(?:[\w-]+[ \t]+)?(?i:{_DESCRIBED_KINDS})[ \t]+(?:is|was)[ \t]+(?:the[ \t]+)?"
    rf"(?P<name>{_WORD}(?:[ \t]+(?:(?:of|for|and|the)[ \t]+)?{_WORD}){{0,5}})"
)


def described_programmes(text: str) -> list[PatternHit]:
    """A name the sentence says is an initiative, a programme or a campaign, with who runs it
    or what it does after ("Tech Kakis, an initiative by GovTech, ...", "Jagoan Tani is a
    programme that supports farmers", "Sapa Warga merupakan aplikasi ..."), or with the kind
    first ("Another programme is the SkillsFuture for Digital Workplace"). Not a body, not
    one plain word; whether the name is more than ordinary words is the extractor's call
    (a sentence about "The Government" or "Singapore" names no programme)."""
    hits = []
    for pattern in (DESCRIBED, DESCRIBED_ID, DESCRIBED_AFTER):
        for m in pattern.finditer(text):
            name = " ".join(m.group("name").split())
            words = {w.lower().strip(",.") for w in name.split()}
            if not _name_like(name) or words & BODY_WORDS or name.split()[0][:1].isdigit():
                continue
            start, end = m.start("name"), m.end("name")
            hits.append(PatternHit(start, end, "PROGRAMME", name, "introduced.described", None, 0.6))
    return hits


# ---- a project card: a name and its objective -------------------------------------------

_CARD_JOIN = r"of|for|and|the|in|on|to|through|with|a|an|by|at|dan|untuk|di|&"
CARD = re.compile(
    r"(?:^|(?<=[\n\x00]))[ \t]*"
    r"(?:(?:Exhibit|Figure|Fig\.|Box|Gambar|Rajah)[ \t]+\d{1,3}[a-z]?[ \t]*[:.–-][ \t]*)?"
    rf"(?P<name>{_WORD}(?:[ \t]+(?:(?:{_CARD_JOIN})[ \t]+)*{_WORD}){{0,9}})"
    r"[ \t]+(?:Objectives?|Tujuan|Objektif)[ \t]*:[ \t\n]+(?=\S)"
)


def card_programmes(text: str) -> list[PatternHit]:
    """Project names that open a passage (or one of its lines), after a figure's number at
    most, and are followed by "Objective:" ("Tujuan:", "Objektif:"): the card a report gives
    each project. Whether the name is more than ordinary words is the extractor's call."""
    hits = []
    for m in CARD.finditer(text):
        name = " ".join(m.group("name").split())
        start, end = m.start("name"), m.end("name")
        hits.append(PatternHit(start, end, "PROGRAMME", name, "introduced.card", None, 0.6))
    return hits


def introduced_programmes(text: str) -> list[PatternHit]:
    """Every programme ``text`` introduces by a naming verb, a definition, as an example or
    on a project card."""
    return (
        named_programmes(text)
        + defined_programmes(text)
        + example_programmes(text)
        + card_programmes(text)
        + launched_programmes(text)
        + apposed_programmes(text)
        + described_programmes(text)
    )
