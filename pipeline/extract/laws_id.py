"""Citation grammar of Indonesian legal instruments (Indonesian and English wording).

Forms: "Peraturan Presiden Nomor 95 Tahun 2018 tentang ...", "Perpres No. 95/2018",
"PP 59/2022", "UU No 11 Tahun 2019", "Permenkominfo Nomor 10 Tahun 2016",
"Peraturan Daerah Provinsi DKI Jakarta Nomor 2 Tahun 2020", "POJK Nomor 13/POJK.02/2018",
"Keputusan Menteri Perhubungan Nomor: KM.4 Tahun 2001", "UUD 1945", "Government Regulation
No. 59 of 2022", upper-case titles and OCR noise ("2O2O"). A citation needs a number and a
year (or a compound number holding the year): "Peraturan Gubernur" alone is generic.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.extract.lawmatch import LawMatch, number_and_year
from pipeline.extract.scan import KeywordIndex, positions_for, prefix_matches
from pipeline.lang_data import entries, word_set
from pipeline.records import ISSUED_LAW_TYPES

YEAR = r"(?:1[89]|2[0Oo])[0-9OoIlL]{2}(?![0-9])"  # OCR: "2O2O", "2OL4"
UNDANG = r"undang[-\s]*undang"
_STOP = "(?:" + "|".join(sorted(re.escape(w) for w in word_set("citation_issuer_stop"))) + ")"
CAP = rf"(?!(?i:{_STOP})\b)[A-Z][A-Za-z.'&-]*"
ISSUER = rf"(?:\s+{CAP}(?:(?:\s+(?i:dan|serta)\s+|\s*/\s*|,\s+|\s+){CAP}){{0,11}})"
# the issuer in English: "Minister of Communication and Informatics Regulation"
ISSUER_EN = rf"(?:\s+{CAP}(?:(?:\s+(?i:and|dan|serta|of|of\s+the)\s+|\s+&\s+|\s*/\s*|,\s+|\s+){CAP}){{0,11}})"
QUALIFIER = r"(?:\s+(?i:negara\s+)?(?i:republik\s+indonesia)|\s+RI)?"
NUM = (
    "(?:"
    + "|".join(
        [
            # 96/PMK.06/2007, 22/23/PBI/2020, "21/ 18 /PADG/2019"
            r"\d+(?:\s?/\s?\d+)*(?:\s?/\s?[A-Za-z][\w.-]*)+(?:/\d+)*(?:\s?/\s?" + YEAR + r")?",
            # HK.01.07/MENKES/239/2020, PER-03/PJ/2022, Kep-70/M.EKON/12/2008
            r"(?:[A-Z]{1,4}|[A-Z][a-z]{1,3})(?:\.\d+)*[.-]?\s?\d+(?:/[\w.-]+)+",
            r"[A-Z]{1,3}\.\s?\d+",  # KM.4 / KM. 4
            r"[IVXLC]{1,7}\s*/\s*MPRS?\s*/\s*" + YEAR,  # a decree of the MPR: II/MPR/1993
            r"\d+(?:\.\d+)*-\d+|\d+(?:\.\d+){2,}",  # the Home Ministry's 050-145, 100.1.1-6117
            r"\d[0-9Oo]{0,3}(?:\s*/\s*" + YEAR + r")?",  # 95 / 95/2018
        ]
    )
    + ")"
)
NUMBERED = (
    rf"(?:\s*,?\s*\(?(?i:nomor|no\.?|nr\.?)\)?\s*:?\s*(?P<num>{NUM})"
    # the year may begin the next table cell: a citation wrapped in a cell that a table's
    # reader split at the line ("(PermenPANRB No 19 | Tahun 2018)"), or a "Tahun" column
    rf"(?:[\s\x00]*,?\s*(?i:tahun)\s+(?P<year>{YEAR}))?"
    rf"|\s+(?P<snum>\d{{1,4}})\s*/\s*(?P<syear>{YEAR})"
    rf"|\s+(?P<cnum>\d+/[A-Z][\w.-]*/{YEAR}))"
)


def _abbr(*forms: str) -> str:
    """Abbreviations as written in Title, UPPER or lower case (never mixed-case inside)."""
    variants: list[str] = []
    for f in forms:
        variants += [f, f.upper(), f.lower()]
    return "(?:" + "|".join(dict.fromkeys(re.escape(v) for v in variants)) + ")"


_NOT_AGENCY = (
    "OJK|BI|PP|DAERAH|MENTERI|PRESIDEN|PEMERINTAH|GUBERNUR|BUPATI|WALIKOTA|WALI|BANK|KEPALA"
    "|BADAN|LEMBAGA|KOMISI|OTORITAS|INI|TENTANG|NOMOR|PELAKSANAAN|PERUNDANG"
)

# The issuing body after a type's name: optional ("Peraturan Menteri Keuangan") or required
# ("Surat Edaran Menteri ..."); and the types whose Title-case or ``*`` short forms may take
# one too ("Perda Kota Bandung", "Permenkominfo"). Short forms in capitals never take one.
_NAME_ISSUER = {
    "permen": "?",
    "kepmen": "?",
    "perda": "?",
    "pergub": "?",
    "perbup": "?",
    "perwal": "?",
    "kepgub": "?",
    "kepbup": "?",
    "kepwal": "?",
    "perban": "?",
    "se": "",
    "other": "?",  # "Pedoman Menteri PANRB Nomor 3 Tahun 2024"
}
_SHORT_ISSUER = {"permen", "kepmen", "perda", "pergub", "perbup", "perwal", "perban"}
# Forms beyond names and short forms: "Peraturan Kepala <issuer>", "Peraturan BSSN".
_EXTRA_FORMS = {
    "perban": rf"|(?i:peraturan\s+kepala){ISSUER}|(?i:peraturan)\s+(?!(?:{_NOT_AGENCY})\b)[A-Z]{{3,8}}\b",
}


def _name_pattern(name: str) -> str:
    """A type's name, any white space between words; a hyphen also matches spaces or nothing."""
    return r"\s+".join(r"[-\s]*".join(map(re.escape, word.split("-"))) for word in name.split())


def _short_pattern(forms: list[str], issuer: str) -> str:
    """Short forms: Title case as written, in capitals or lower case (``*``: letters may
    follow; both take ``issuer``), capitals only as written (a space in them optional)."""
    capitals = [f for f in forms if f.replace(" ", "").isupper()]
    titled = [f for f in forms if f not in capitals and not f.endswith("*")]
    prefixed = [f[:-1] for f in forms if f.endswith("*")]
    alternatives = [_abbr(*titled) + issuer] if titled else []
    alternatives += [_abbr(*prefixed) + "[A-Za-z-]*" + issuer] if prefixed else []
    return "|".join(alternatives + [re.escape(f).replace(r"\ ", r"\s?") for f in capitals])


def _type_pattern(kind: str, names: list[str], forms: list[str]) -> str:
    """The pattern of one instrument type: its names, short forms and extra forms."""
    name_issuer = ISSUER + _NAME_ISSUER[kind] if kind in _NAME_ISSUER else ""
    pattern = "(?i:" + "|".join(map(_name_pattern, names)) + ")" + name_issuer
    short = _short_pattern(forms, ISSUER + "?" if kind in _SHORT_ISSUER else "")
    return pattern + ("|" + short if short else "") + _EXTRA_FORMS.get(kind, "")


def instrument_types() -> list[tuple[str, list[str], list[str]]]:
    """(type, names, short forms) of ``pipeline/data/lang/id/instrument_types.txt``, in order."""
    out = []
    for line in entries("instrument_types", "id"):
        kind, _, rest = line.partition(":")
        names, _, forms = rest.partition("|")
        out.append((kind.strip(), _split_forms(names), _split_forms(forms)))
    return out


def _split_forms(text: str) -> list[str]:
    return [f.strip() for f in text.split(",") if f.strip()]


# (type, pattern of the type phrase); the first type that matches wins (the data file's order).
ID_TYPES: list[tuple[str, str]] = [
    (kind, _type_pattern(kind, names, forms)) for kind, names, forms in instrument_types()
]

# English names of Indonesian instrument types.
EN_TYPES: list[tuple[str, str]] = [
    ("perppu", r"(?i:government\s+regulation\s+in\s+lieu\s+of\s+(?:law|act))"),
    ("pp", r"(?i:government\s+regulation)"),
    ("perpres", r"(?i:presidential\s+regulation)"),
    ("keppres", r"(?i:presidential\s+decree)"),
    ("inpres", r"(?i:presidential\s+instruction)"),
    (
        "permen",
        rf"(?i:minist(?:er|erial|ry)(?:\s+of)?){ISSUER_EN}?\s+(?i:regulation)"
        rf"|(?i:regulation\s+of\s+the\s+minist(?:er|ry)\s+of){ISSUER_EN}",
    ),
    ("kepmen", rf"(?i:minist(?:er|erial)(?:\s+of)?){ISSUER_EN}?\s+(?i:decree)"),
    ("pojk", r"(?i:(?:ojk|financial\s+services\s+authority)\s+regulation)"),
    ("seojk", r"(?i:(?:ojk|financial\s+services\s+authority)\s+circular(?:\s+letter)?)"),
    ("pbi", r"(?i:bank\s+indonesia\s+regulation)"),
    # "Regional Regulation of DKI Jakarta Province No. 2 of 2020"
    ("perda", rf"(?i:(?:regional|provincial|local)\s+regulation)(?:\s+(?i:of)(?:\s+(?i:the))?{ISSUER_EN})?"),
    ("pergub", r"(?i:governor(?:'s)?\s+regulation)"),
    ("perbup", r"(?i:regent(?:'s)?\s+regulation)"),
    ("perwal", r"(?i:mayor(?:'s)?\s+regulation)"),
]

_ABBREV_PAREN = r"(?:\s*\([A-Za-z.-]{1,12}\))?"
_EN_NUMBERED = (
    rf"\s*,?\s*(?i:no\.?|number|nr\.?)\s*(?P<num>{NUM})"
    rf"(?:\s*,?\s*(?i:of|year|of\s+the\s+year|tahun)\s+(?P<year>{YEAR}))?"
)


def _compile(types: list[tuple[str, str]], tail: str) -> re.Pattern[str]:
    groups = "|".join(f"(?P<t_{name}>{pattern})" for name, pattern in types)
    return re.compile(rf"(?<![\w/.])(?:{groups}){QUALIFIER}{_ABBREV_PAREN}{tail}")


ID_CITATION = _compile(ID_TYPES, NUMBERED)
EN_CITATION = _compile(EN_TYPES, _EN_NUMBERED)
EN_LAW = re.compile(
    rf"(?<![\w/.])(?:Law|LAW|Act)(?:\s*\((?:UU|Undang-Undang)\))?(?:\s+\(?UU\)?)?{_EN_NUMBERED}"
)
# "Law 25/2009": an Indonesian statute's number and year without "No."
EN_LAW_SHORT = re.compile(rf"(?<![\w/.])(?:Law|LAW)\s+(?P<num>\d{{1,3}})\s?/\s?(?P<year>{YEAR})(?![\w/])")
UUD = re.compile(
    rf"(?<![\w/.])(?:(?i:{UNDANG}\s+dasar)(?:\s+(?i:negara))?(?:\s+(?i:republik\s+indonesia))?"
    r"|UUD(?:\s+(?:NRI|RI))?)(?:\s*,?\s*(?i:tahun))?\s+(?:1945|45)(?![0-9])"
    r"|(?<![\w/.])(?i:(?:the\s+)?1945\s+constitution|constitution\s+of\s+the\s+republic\s+of"
    r"\s+indonesia(?:\s+of)?\s+1945)"
)
TITLE_START = re.compile(r"\s*,?\s*(?i:tentang|concerning|on|regarding)\s+")
TITLE_END = re.compile(
    r"\((?![A-Za-z0-9][\w-]{0,14}\))|\)|;|:|\x00|\n\s*\n|\.(?:\s+[A-Z(]|\s*$)|,\s+(?!dan\b|serta\b|and\b)(?=[a-z(])"
    r"|\s+(?i:sebagaimana|yang\s+telah|yang\s+diubah|as\s+amended)\b"
    r"|\s+(?:dan|serta|and)\s+(?=(?i:peraturan|undang|keputusan|instruksi|surat)\b)"
    r"|\s+(?=(?i:pasal|ayat|huruf)\s+\d)"
    # the opening of a regulation after its title block: "DENGAN RAHMAT TUHAN YANG MAHA ESA"
    r"|\s+(?i:dengan\s+rahmat\s+tuhan)\b"
)
AMENDMENT = re.compile(
    r"^\s*(?:\([^()\x00]{0,300}\)\s*)?,?\s*(?:(?i:sebagaimana\s+(?:telah\s+)?(?:beberapa\s+kali\s+)?"
    r"(?:di|ter)?ubah(?:\s+(?:beberapa\s+kali|terakhir))*\s+(?:dengan|oleh|melalui))|(?i:as\s+(?:last\s+)?amended\s+by))\s*$"
)
AMENDS_TITLE = re.compile(r"^(?i:perubahan(?:\s+\w+)?\s+atas|amendment\s+(?:to|of))\b")
MAX_TITLE = 320

ID_KEYWORDS = (
    "peraturan",
    "keputusan",
    "ketetapan",
    "tap",
    "instruksi",
    "surat edaran",
    "undang*",
    "uu",
    "pp",
    "perppu",
    "perpu",
    "perpres",
    "keppres",
    "kepres",
    "inpres",
    "permen*",
    "kepmen*",
    "pmk",
    "kmk",
    "pojk",
    "seojk",
    "se ojk",
    "pbi",
    "perda",
    "qanun",
    "pergub",
    "perbup",
    "perwal*",
    "kepgub",
    "kepbup",
    "kepwal",
    "perka",
    "perban",
    "perba",
    "pedoman",
    "padg",
    "perma",
    "perdirjen",
)
EN_KEYWORDS = (
    "government regulation",
    "presidential",
    "minist*",
    "regulation of the minist*",
    "regional",
    "provincial",
    "local regulation",
    "governor*",
    "regent*",
    "mayor*",
    "ojk",
    "financial services",
    "bank indonesia",
)
UUD_KEYWORDS = ("undang*", "uud", "the 1945", "1945 constitution", "constitution of the republic")
KEYWORDS = (*ID_KEYWORDS, *EN_KEYWORDS, *UUD_KEYWORDS, "law", "act")


_TITLE_FUNCTION_WORDS = word_set("law_title_function_words")
_SHORT_PAREN = re.compile(r"\([\w-]{1,15}$")
_NEXT_SUBJECT = re.compile(
    r",\s+(?=(?:"
    + "|".join(
        re.escape(w).replace("\\ ", r"\s+")
        for w in sorted(word_set("law_title_next_subject"), key=len, reverse=True)
    )
    + r")\b)",
    re.IGNORECASE,
)


def _title_end(window: str) -> int:
    """Where a title ends in ``window``: at a delimiter, at a comma before the next clause's
    subject (a body or an office: "..., Badan Pusat Statistik"), or before the first
    lower-case word that is not a function word when the title is written in Title Case."""
    end = len(window)
    for stop in TITLE_END.finditer(window):
        if stop.group() == ")" and _SHORT_PAREN.search(window[: stop.start()]):
            continue  # the end of "(COVID-19)" inside the title
        end = stop.start()
        break
    subject = _NEXT_SUBJECT.search(window, 0, end)
    if subject is not None and window[subject.end() : subject.end() + 1].isupper():
        end = subject.start()  # ", Badan Pusat Statistik ...": the sentence's subject, not the title
    words = list(re.finditer(r"\S+", window[:end]))
    if words and words[0].group()[:1].isupper() and not window[:end].isupper():
        for w in words[1:]:
            token = w.group().strip(",.()")
            if token[:1].islower() and token.lower() not in _TITLE_FUNCTION_WORDS:
                end = w.start()
                break
    cut = window[:end].rstrip(",. \n")
    while cut.split() and cut.split()[-1].lower() in _TITLE_FUNCTION_WORDS:
        cut = cut[: cut.rstrip().rfind(" ")].rstrip(",. \n") if " " in cut.strip() else ""
    return len(cut)


def find_title(text: str, pos: int) -> tuple[str | None, int]:
    """The "tentang ..." title that follows a citation ending at ``pos``, and where it ends."""
    head = TITLE_START.match(text, pos)
    if not head:
        return None, pos
    window = text[head.end() : head.end() + MAX_TITLE]
    end = _title_end(window)
    title = " ".join(window[:end].split())
    if not title:
        return None, pos
    return title, head.end() + end


# Types whose numbers restart per issuing minister, body or region, and the leading words of
# their names and short forms that are not the issuer ("Peraturan Menteri | Kesehatan",
# "Permen | kominfo", "Peraturan Daerah | Provinsi Bali"); a body's own regulation keeps its
# head word ("Peraturan | Badan Pengawas Tenaga Nuklir"); "PMK" is the Finance Minister's.
ISSUED_TYPES = ISSUED_LAW_TYPES
_ISSUER_LEAD = re.compile(
    r"(?i:peraturan|keputusan)(?:\s+(?i:kepala))?(?:\s+(?i:menteri|daerah|gubernur|bupati|wali\s*kota))?"
    r"|(?i:permen|kepmen|perda|pergub|perbup|perwal|perwali|kepgub|kepbup|kepwal|perka|perban|perba)"
)
_FIXED_ISSUER = {"PMK": "Keuangan"}


def issuer_text(law_type: str, phrase: str) -> str | None:
    """The issuer a citation's type phrase names after its type words ("Peraturan Menteri
    Kesehatan" -> "Kesehatan", "Permenkominfo" -> "kominfo", "Peraturan Kepala Badan Pengawas
    Tenaga Nuklir" -> "Badan Pengawas Tenaga Nuklir"), None when it names none."""
    if law_type not in ISSUED_TYPES:
        return None
    phrase = " ".join(phrase.split())
    if phrase in _FIXED_ISSUER:
        return _FIXED_ISSUER[phrase]
    lead = _ISSUER_LEAD.match(phrase)
    rest = phrase[lead.end() :] if lead else ""
    if law_type == "perban" and lead and re.search(r"(?i:badan|lembaga|komisi)$", lead.group()):
        rest = lead.group().split()[-1] + rest  # "Peraturan Badan | Siber ...": the head is the body's
    return rest.strip(" -") or None


def _type_of(m: re.Match[str]) -> str:
    return next(k[2:] for k, v in m.groupdict().items() if k.startswith("t_") and v is not None)


def _numbered(m: re.Match[str], grammar: str, text: str, **kw: Any) -> LawMatch | None:
    raw_num = m.group("num") or _group(m, "snum") or _group(m, "cnum")
    raw_year = m.group("year") or _group(m, "syear")
    number, year = number_and_year(raw_num, raw_year)
    if number is None or year is None:
        return None
    title, title_end = find_title(text, m.end())
    return LawMatch(
        m.start(), m.end(), number=number, year=year, title=title, title_end=title_end, grammar=grammar, **kw
    )


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def find_id_citations(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Indonesian-language citations of Indonesian instruments (all types but UUD)."""
    out = []
    starts = positions_for(text, index, ID_KEYWORDS)
    for m in prefix_matches(ID_CITATION, text, starts):
        law_type = _type_of(m)
        found = _numbered(m, "id." + law_type, text, type=law_type, jurisdiction="ID")
        if found:
            found.issuer_text = issuer_text(law_type, m.group("t_" + law_type))
            out.append(found)
    return out


def find_en_citations(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """English names of Indonesian instrument types ("Government Regulation No. 59 of 2022")."""
    out = []
    for m in prefix_matches(EN_CITATION, text, positions_for(text, index, EN_KEYWORDS)):
        law_type = _type_of(m)
        found = _numbered(m, "id_en." + law_type, text, type=law_type, jurisdiction="ID")
        if found:
            out.append(found)
    for m in prefix_matches(EN_LAW, text, positions_for(text, index, ("law", "act"))):
        found = _numbered(m, "en.law_no", text, type="act", confidence=0.8)
        if found:
            out.append(found)
    for m in prefix_matches(EN_LAW_SHORT, text, positions_for(text, index, ("law",))):
        found = _numbered(m, "en.law_short", text, type="act", confidence=0.7)
        if found:
            out.append(found)
    return out


def find_constitution(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """The 1945 Constitution: "UUD 1945", "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"."""
    starts = positions_for(text, index, UUD_KEYWORDS)
    return [
        LawMatch(
            m.start(),
            m.end(),
            type="uud",
            jurisdiction="ID",
            year=1945,
            title="Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
            grammar="id.uud",
        )
        for m in prefix_matches(UUD, text, starts)
    ]


def link_amendments(matches: list[LawMatch], text: str) -> None:
    """Record amendment chains: "A sebagaimana telah diubah dengan B" and "B tentang Perubahan atas A"."""
    ordered = sorted(matches, key=lambda m: m.start)
    for prev, nxt in zip(ordered, ordered[1:], strict=False):
        between = text[prev.title_end : nxt.start]
        if len(between) < 400 and AMENDMENT.match(between):
            nxt.amends = nxt.amends or prev.canonical_id
        elif prev.title and AMENDS_TITLE.match(prev.title) and nxt.start < prev.title_end:
            prev.amends = prev.amends or nxt.canonical_id
