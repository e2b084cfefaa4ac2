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

from pipeline.extract.lawmatch import LawMatch, number_and_year
from pipeline.extract.scan import KeywordIndex, positions_for, prefix_matches

YEAR = r"(?:1[89]|2[0Oo])[0-9Oo]{2}(?![0-9])"
UNDANG = r"undang[-\s]*undang"
_STOP = (
    r"(?:nomor|no|nr|tentang|tahun|ini|itu|tersebut|yang|sebagaimana|untuk|pada|dengan|dan|serta"
    r"|atau|of|and|the|menetapkan|mengingat|menimbang|regulation|decree|concerning|on)"
)
CAP = rf"(?!(?i:{_STOP})\b)[A-Z][A-Za-z.'&-]*"
ISSUER = rf"(?:\s+{CAP}(?:(?:\s+(?i:dan|serta)\s+|\s*/\s*|,\s+|\s+){CAP}){{0,11}})"
QUALIFIER = r"(?:\s+(?i:negara\s+)?(?i:republik\s+indonesia)|\s+RI)?"
NUM = (
    r"(?:\d+(?:/\d+)*(?:/[A-Za-z][\w.-]*)+(?:/\d+)*(?:/" + YEAR + r")?"  # 96/PMK.06/2007, 22/23/PBI/2020
    r"|[A-Z]{1,4}(?:\.\d+)*\.?\s?\d+(?:/[\w.-]+)+"  # HK.01.07/MENKES/239/2020
    r"|[A-Z]{1,3}\.\s?\d+"  # KM.4 / KM. 4
    r"|\d[0-9Oo]{0,3}(?:\s*/\s*" + YEAR + r")?)"  # 95 / 95/2018
)
NUMBERED = (
    rf"(?:\s*,?\s*\(?(?i:nomor|no\.?|nr\.?)\)?\s*:?\s*(?P<num>{NUM})"
    rf"(?:\s*,?\s*(?i:tahun)\s+(?P<year>{YEAR}))?"
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

# (type, pattern of the type phrase); order matters: longer phrases first.
ID_TYPES: list[tuple[str, str]] = [
    ("perppu", rf"(?i:peraturan\s+pemerintah\s+pengganti\s+{UNDANG})|{_abbr('Perppu', 'Perpu')}"),
    ("pojk", r"(?i:peraturan\s+(?:otoritas\s+jasa\s+keuangan|ojk))|POJK"),
    ("seojk", r"(?i:surat\s+edaran\s+(?:otoritas\s+jasa\s+keuangan|ojk))|SEOJK|SE\s?OJK"),
    ("pbi", r"(?i:peraturan\s+bank\s+indonesia)|PBI"),
    ("pp", r"(?i:peraturan\s+pemerintah)|PP"),
    ("perpres", rf"(?i:peraturan\s+presiden)|{_abbr('Perpres')}"),
    ("keppres", rf"(?i:keputusan\s+presiden)|{_abbr('Keppres', 'Kepres')}"),
    ("inpres", rf"(?i:instruksi\s+presiden)|{_abbr('Inpres')}"),
    ("permen", rf"(?i:peraturan\s+menteri){ISSUER}?|(?:Permen|PERMEN|permen)[A-Za-z-]*{ISSUER}?|PMK"),
    ("kepmen", rf"(?i:keputusan\s+menteri){ISSUER}?|(?:Kepmen|KEPMEN|kepmen)[A-Za-z-]*{ISSUER}?|KMK"),
    ("perda", rf"(?i:peraturan\s+daerah){ISSUER}?|{_abbr('Perda', 'Qanun')}{ISSUER}?"),
    ("pergub", rf"(?i:peraturan\s+gubernur){ISSUER}?|{_abbr('Pergub')}{ISSUER}?"),
    ("perbup", rf"(?i:peraturan\s+bupati){ISSUER}?|{_abbr('Perbup')}{ISSUER}?"),
    ("perwal", rf"(?i:peraturan\s+wali\s*kota){ISSUER}?|{_abbr('Perwal', 'Perwali')}{ISSUER}?"),
    ("kepgub", rf"(?i:keputusan\s+gubernur){ISSUER}?|{_abbr('Kepgub')}"),
    ("kepbup", rf"(?i:keputusan\s+bupati){ISSUER}?|{_abbr('Kepbup')}"),
    ("kepwal", rf"(?i:keputusan\s+wali\s*kota){ISSUER}?|{_abbr('Kepwal')}"),
    ("se", rf"(?i:surat\s+edaran(?:\s+bersama)?){ISSUER}"),
    ("perban", rf"(?i:peraturan\s+(?:kepala\s+)?(?:badan|lembaga|komisi)){ISSUER}?"
               rf"|(?i:peraturan\s+kepala){ISSUER}|{_abbr('Perka', 'Perban', 'Perba')}{ISSUER}?"
               rf"|(?i:peraturan)\s+(?!(?:{_NOT_AGENCY})\b)[A-Z]{{3,8}}\b"),
    ("uu", rf"(?i:{UNDANG})|UU"),
]

# English names of Indonesian instrument types.
EN_TYPES: list[tuple[str, str]] = [
    ("perppu", r"(?i:government\s+regulation\s+in\s+lieu\s+of\s+(?:law|act))"),
    ("pp", r"(?i:government\s+regulation)"),
    ("perpres", r"(?i:presidential\s+regulation)"),
    ("keppres", r"(?i:presidential\s+decree)"),
    ("inpres", r"(?i:presidential\s+instruction)"),
    ("permen", rf"(?i:minist(?:er|erial|ry)(?:\s+of)?){ISSUER}?\s+(?i:regulation)"
               rf"|(?i:regulation\s+of\s+the\s+minist(?:er|ry)\s+of){ISSUER}"),
    ("kepmen", rf"(?i:minist(?:er|erial)(?:\s+of)?){ISSUER}?\s+(?i:decree)"),
    ("pojk", r"(?i:(?:ojk|financial\s+services\s+authority)\s+regulation)"),
    ("seojk", r"(?i:(?:ojk|financial\s+services\s+authority)\s+circular(?:\s+letter)?)"),
    ("pbi", r"(?i:bank\s+indonesia\s+regulation)"),
    ("perda", r"(?i:(?:regional|provincial|local)\s+regulation)"),
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
)
AMENDMENT = re.compile(
    r"^\s*(?:\([^()\x00]{0,300}\)\s*)?,?\s*(?:(?i:sebagaimana\s+(?:telah\s+)?(?:beberapa\s+kali\s+)?"
    r"(?:di|ter)?ubah(?:\s+(?:beberapa\s+kali|terakhir))*\s+(?:dengan|oleh|melalui))|(?i:as\s+(?:last\s+)?amended\s+by))\s*$"
)
AMENDS_TITLE = re.compile(r"^(?i:perubahan(?:\s+\w+)?\s+atas|amendment\s+(?:to|of))\b")
MAX_TITLE = 320

ID_KEYWORDS = (
    "peraturan", "keputusan", "instruksi", "surat edaran", "undang*", "uu", "pp", "perppu", "perpu",
    "perpres", "keppres", "kepres", "inpres", "permen*", "kepmen*", "pmk", "kmk", "pojk", "seojk",
    "se ojk", "pbi", "perda", "qanun", "pergub", "perbup", "perwal*", "kepgub", "kepbup", "kepwal",
    "perka", "perban", "perba",
)
EN_KEYWORDS = (
    "government regulation", "presidential", "minist*", "regulation of the minist*", "regional",
    "provincial", "local regulation", "governor*", "regent*", "mayor*", "ojk", "financial services",
    "bank indonesia",
)
UUD_KEYWORDS = ("undang*", "uud", "the 1945", "1945 constitution", "constitution of the republic")
KEYWORDS = (*ID_KEYWORDS, *EN_KEYWORDS, *UUD_KEYWORDS, "law", "act")


_TITLE_FUNCTION_WORDS = {
    "dan", "atau", "dan/atau", "di", "ke", "dari", "untuk", "dalam", "dengan", "serta", "yang",
    "terhadap", "tentang", "atas", "oleh", "pada", "bagi", "sebagai", "melalui", "antara",
    "secara", "menjadi", "rangka", "the", "of", "and", "for", "on", "in", "to", "a", "an",
}
_SHORT_PAREN = re.compile(r"\([\w-]{1,15}$")


def _title_end(window: str) -> int:
    """Where a title ends in ``window``: at a delimiter, or before the first lower-case word
    that is not a function word when the title is written in Title Case."""
    end = len(window)
    for stop in TITLE_END.finditer(window):
        if stop.group() == ")" and _SHORT_PAREN.search(window[: stop.start()]):
            continue  # the end of "(COVID-19)" inside the title
        end = stop.start()
        break
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


def _type_of(m: re.Match[str]) -> str:
    return next(k[2:] for k, v in m.groupdict().items() if k.startswith("t_") and v is not None)


def _numbered(m: re.Match[str], grammar: str, text: str, **kw: object) -> LawMatch | None:
    raw_num = m.group("num") or _group(m, "snum") or _group(m, "cnum")
    raw_year = m.group("year") or _group(m, "syear")
    number, year = number_and_year(raw_num, raw_year)
    if number is None or year is None:
        return None
    title, title_end = find_title(text, m.end())
    return LawMatch(m.start(), m.end(), number=number, year=year, title=title,
                    title_end=title_end, grammar=grammar, **kw)  # type: ignore[arg-type]


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
    return out


def find_constitution(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """The 1945 Constitution: "UUD 1945", "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"."""
    starts = positions_for(text, index, UUD_KEYWORDS)
    return [
        LawMatch(m.start(), m.end(), type="uud", jurisdiction="ID", year=1945,
                 title="Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", grammar="id.uud")
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
