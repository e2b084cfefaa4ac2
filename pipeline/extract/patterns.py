"""Unknown agencies and programmes found by the shape of their names.

Head-first names (Indonesian, Malay and English "X of Y"): "Kementerian Dalam Negeri",
"Dinas Kesehatan", "Ministry of Health", "Program Quick Win", "Gerakan Menuju ...".
Head-last names (English): "Iskandar Regional Development Authority", "Siem Reap Smart
City Roadmap", "National Physical Plan". Local governments: "Pemerintah Kabupaten Malang",
"Bupati Malang" (-> Pemerintah Kabupaten Malang), "Makassar City Government".
Each hit carries the name as written (trimmed) and the canonical name it stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.scan import KeywordIndex, positions_for, prefix_matches, window_matches
from pipeline.extract.text import initials_match
from pipeline.lang_data import entries, word_set
from pipeline.records import EntityLabel


@dataclass
class PatternHit:
    """A name found by a pattern: span, label and the name it stands for."""

    start: int
    end: int
    label: EntityLabel
    name: str
    rule: str
    country: str | None = None
    confidence: float = 0.6
    place: str | None = None  # local governments: the region the name holds ("Banjarnegara")


def _cased(words: list[str], title: bool = False) -> str:
    """Alternation of the words in lower and upper case (and Title case when asked)."""
    forms = {w for word in words for w in (word, word.upper(), *([word.capitalize()] if title else []))}
    return "|".join(sorted(forms, key=len, reverse=True))


_STOP = sorted(word_set("name_stop"))  # excluded in lower case and capitals
AGENCY_PREFIX = [
    "Kementerian Koordinator Bidang",
    "Kementerian Koordinator",
    "Kementerian",
    "Kementrian",
    "Kemenko",
    "Menteri Koordinator Bidang",
    "Menteri Koordinator",
    "Menteri",
    "Badan",
    "Dinas",
    "UPT",  # a unit of a Dinas or Badan: "UPT Disdukcapil Kabupaten/Kota"
    # a regional public hospital, a unit of the regional government: "RSUD Kota Bandung"
    "Rumah Sakit Umum Daerah",
    "RSUD",
    "Direktorat Jenderal",
    "Direktur Jenderal",
    "Dirjen",
    "Ditjen",
    "Direktorat",
    "Sekretariat Jenderal",
    "Sekretariat Daerah",
    "Sekretaris Daerah",
    "Sekretariat",
    "Biro",
    "Komisi",
    "Otoritas",
    "Dewan",
    "Satuan Tugas",
    "Satgas",
    "Gugus Tugas",
    "Tim Koordinasi",
    "Tim Pengarah",
    "Forum",
    "Departemen",
    "Komite",
    "Inspektorat Jenderal",
    "Inspektorat",
    "Pengadilan",
    "Balai Besar",
    "Jawatankuasa",
    "Pihak Berkuasa",
    "Kantor",
    "Pejabat",  # Malay: an office ("Pejabat Tanah dan Galian"); Indonesian: an official (dropped)
    "Jabatan",
    "Majlis",
    "Majelis",
    "Mahkamah",
    "Kepolisian",
    "Kejaksaan",
    "Tentara",
    "Angkatan",
    "Suruhanjaya",
    "Perbadanan",
    "Lembaga",
    "Kedutaan Besar",
    "Konsulat Jenderal",
    "Konsulat",
]
AGENCY_PREFIX_EN = [
    "Ministry",
    "Department",
    "Office",
    "Bureau",
    "Commission",
    "Agency",
    "Board",
    "Council",
    "Secretariat",
    "Directorate",
    "Directorate General",
    "Embassy",
    "Consulate General",
    "Consulate-General",
    "Consulate",
    "Committee",
    "Tribunal",
    "Court",
    "Local Government Unit",
    "LGU",
    # a statutory office, recorded as the office it is ("Controller of Consumer Affairs")
    "Controller",
    "Comptroller",
    "Registrar",
    # the head of a ministry, recorded as the office it holds ("Minister for Transport"; the
    # annotation guideline's positions rule); the ministry itself, when the document names it,
    # is the same entity (pipeline/extract/extractor.py, ministers_as_ministries)
    "Minister",
]
AGENCY_SUFFIX = [
    "Programme Office",
    "Program Office",
    "Project Office",
    "Agency",
    "Authority",
    "Commission",
    "Corporation",
    "Council",
    "Board",
    "Committee",
    "Department",
    "Office",
    "Bureau",
    "Administration",
    "Secretariat",
    "Ministry",
    "City Hall",
    "Capital Hall",
    "Provincial Hall",
    "Municipal Hall",
    "Town Hall",
    "Provincial Administrative Organisation",
    "Provincial Administrative Organization",
    "Subdistrict Administrative Organisation",
    "Subdistrict Administrative Organization",
    "Municipality",
    "Task Force",
    "Tribunal",
    "Court",
    "Central Bank",  # "Brunei Darussalam Central Bank", "European Central Bank"
    "Group",
    "Foundation",
    "Embassy",  # "US Embassy", "Australian Embassy"
    "High Commission",
    "Consulate-General",
    "Consulate",
]
PROGRAMME_PREFIX = [
    "Program",
    "Programme",
    "Gerakan",
    "Rencana",
    "Masterplan",
    "Peta Jalan",
    "Road Map",  # written head first in Indonesian: "Road Map Reformasi Birokrasi 2020 – 2024"
    "Roadmap",
    "Strategi",
    "Inisiatif",
    "Kerangka",
    "Sistem",
    "Rancangan",
    "Pelan",
    "Portal",
    "Jaringan",
]
# a city's facility built as a smart-city project ("Kota Kinabalu Command Centre", "Ipoh
# Integrated Operation Center"); named only with ordinary words it is a kind of facility
# ("Emergency Incident Command Centre"), which the extractor drops
FACILITY_HEADS = [
    f"{kind} {centre}"
    for kind in ("Command", "Operation", "Operations", "Analytics", "Incubator")
    for centre in ("Centre", "Center")
]
PROGRAMME_SUFFIX = [
    "Framework",
    "Master Plan",
    "Masterplan",
    "Blueprint",
    "Blueprints",
    "Roadmap",
    "Road Map",
    "Initiative",
    "Network",
    "Strategy",
    "Action Plan",
    "Action Plans",
    "Work Plan",
    "Plan",
    "Plans",
    "Programme",
    "Programmes",
    "Program",
    "Programs",
    "Initiatives",
    "Strategies",
    "Frameworks",
    "Policy",
    "Agenda",
    "Vision",
    "Project",
    "Sandbox",
    "Accelerator",
    "Trust Fund",
    "Fund",
    "Grant",
    "Grants",
    "Scholarship",
    "Fellowship",
    "Allowance",
    "Campaign",
    "Toolkit",
    "Guidebook",
    "Movement",
    "Scheme",
    "Corridor",
    "Observatory",
    "System",
    "Portal",
    "Platform",
    "Hub",
    *FACILITY_HEADS,
]
# Written in lower case after a name of two or more words: "Green Mark scheme", "Open
# Innovation initiative", "Cities of Tomorrow R&D programme"
LOWER_PROGRAMME_SUFFIX = [
    "programme",
    "scheme",
    "initiative",
    "project",
    "movement",
    "platform",
    "framework",
    "app",
    "portal",
    "campaign",
    "strategy",
    "plan",
    "roadmap",
    "blueprint",
    "certification",
    "curriculum",
    "grant",
]
_LOWER_HEADS = "|".join(LOWER_PROGRAMME_SUFFIX)
_HEAD_WORDS = sorted(
    {w for h in AGENCY_PREFIX + PROGRAMME_PREFIX for w in h.split()[:1]}
    | {"Bupati", "Walikota", "Gubernur", "Ministry"}
)
_TITLE_STOP = sorted(word_set("name_stop_titled"))  # ... and in Title case
# a head word inside a name begins another name; not "Menteri" after "Perdana" ("Jabatan
# Perdana Menteri", the Prime Minister's Department)
STOP_RE = (
    rf"(?!(?:{_cased(_STOP)}|{_cased(_TITLE_STOP, title=True)}"
    rf"|(?<!Perdana )(?<!PERDANA )(?:{_cased(_HEAD_WORDS, title=True)}))\b)"
)
# an Indonesian nominalised verb or possessive ("Terwujudnya", "Ditetapkannya", "Lainnya"):
# a table cell's statement after a body's name, never a word of one
_NYA = r"(?![A-Z][a-z]{3,}nya\b)"
NW = rf"{STOP_RE}{_NYA}(?!\d+(?:\.\d+)+\b)(?!\d{{1,3}}\.[A-Z])[A-Z0-9](?:[\w'&-]|\.(?=\w))*"
SPACE = r"[ \t]+"  # a plain space between name words never crosses a line break
_CONNECT_WORDS = r"dan|serta|and|&|of|for|on|the|of\s+the|for\s+the|on\s+the"
# a line break inside a name is crossed before a word that ends a national body's name
# ("BADAN PERENCANAAN PEMBANGUNAN\nNASIONAL"), never before any other word
# "Menteri PPN/Kepala Bappenas": a slash before a second post joins two offices, not one name
_NO_SECOND_POST = r"(?!(?:KEPALA|Kepala|KETUA|Ketua|MENTERI|Menteri)\b)"
_LINE_FINAL = r"(?:NASIONAL|Nasional|INDONESIA|Indonesia)(?![\w'&-])"
CONNECT = (
    rf"(?:\s+(?:{_CONNECT_WORDS}|bidang|Bidang|BIDANG|DAN|SERTA|OF|AND)\s+"
    rf"|[ \t]*/[ \t]*{_NO_SECOND_POST}|,[ \t]+|[ \t]+|[ \t]*\n[ \t]*(?={_LINE_FINAL}))"
)
# "... and the Environment" ends a head-first name only as its last word: "Ministry of
# Sustainability and the Environment, ..." but not "... and the Environment Email ...", nor
# before "for"/"of", which begin a second name ("... Reduction and the Centre for Cities")
AND_THE_LAST = rf"(?:\s+and\s+the\s+{NW}(?![\w'&-])(?![ \t]+{NW})(?![ \t]+(?:for|of)[ \t]))?"
NAME = rf"{NW}(?:{CONNECT}{NW}){{0,9}}{AND_THE_LAST}"
CONNECT_NO_COMMA = rf"(?:\s+(?:{_CONNECT_WORDS})\s+|[ \t]*/[ \t]*|[ \t]+)"
SUFFIX_NAME = rf"{NW}(?:{CONNECT_NO_COMMA}{NW}){{0,7}}"
# "... on the Governance of AI and Data": "and" joins the last word only
POST_HEAD = (
    rf"(?:[ \t]+(?:on|for|of)\s+(?:the\s+)?{NW}(?:(?:\s+(?:of|the|of\s+the)\s+|[ \t]+){NW}){{0,5}}"
    rf"(?:[ \t]+and[ \t]+{NW}(?![\w'&-])(?![ \t]+{NW}))?)?"
)
SUFFIX_TAIL = r"(?:\s+(?:\(?\d{4}(?:\s*[-–]\s*\d{4})?\)?|[IVX]{1,4}\b|Phase\s+[IVX\d]+))?"


def _alternation(heads: list[str]) -> str:
    forms = []
    for h in heads:
        forms += [h, h.upper()]
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


# Heads that may hold another body's head right after them: "Kementerian Sekretariat Negara",
# "Unit Pelaksana Teknis Dinas Kependudukan ...", "Sekretariat Dewan Perwakilan Rakyat Daerah",
# "Suku Dinas ..." (a Jakarta city's office of a provincial Dinas; "suku" alone is no head)
CONTAINER_HEADS = [
    "Kementerian",
    "Unit Pelaksana Teknis",
    "UPT",
    "Sekretariat Jenderal",
    "Sekretariat",
    "Suku",
]
INNER_HEADS = ["Sekretariat", "Badan", "Dinas", "Dewan", "Majelis", "Komisi", "Lembaga", "Mahkamah"]
# a name that ends in a year goes on to the end of its period: "... 2020 – 2024"
_YEAR_RANGE_END = r"(?:(?<=\d{4})[ \t]*[–—-][ \t]*\d{4}(?![\w-]))?"
PREFIX_RE = re.compile(
    rf"(?<![\w-])(?:(?P<cg>{_alternation(CONTAINER_HEADS)})(?P<ctail>\s+(?:{_alternation(INNER_HEADS)})\s+{NAME})"
    rf"|(?P<ag>{_alternation(AGENCY_PREFIX)})(?P<tail>\s+{NAME})"
    rf"|(?P<en>{_alternation(AGENCY_PREFIX_EN)})(?P<entail>\s+(?:of|for|on)(?:\s+the)?\s+{NAME})"
    rf"|(?P<pr>{_alternation(PROGRAMME_PREFIX)})(?P<prtail>\s+{NAME}{_YEAR_RANGE_END}))"
)
# a programme's acronym between its words and its head, or one or two words before its head:
# "Agri-Food Cluster Transformation (ACT) Fund", "Australia for ASEAN (Aus4ASEAN) Futures
# Initiative", "an AI for Everyone (AI4E) programme" (a body's is not: "Eoin Ee (Mr)
# Ministry ..." is a person before the body)
_INNER_ACRONYM = (
    rf"(?:[ \t]+\([A-Z][A-Za-z0-9&*:]{{1,9}}\)(?:[ \t]+[A-Z][a-z][\w-]*){{0,2}}"
    rf"(?=[ \t]+(?:{_alternation(PROGRAMME_SUFFIX)}|{_LOWER_HEADS})(?![\w-])))?"
)
SUFFIX_RE = re.compile(
    rf"(?<![\w-])(?P<tail>{SUFFIX_NAME}{_INNER_ACRONYM})[ \t]+(?:(?P<ag>{_alternation(AGENCY_SUFFIX)})"
    rf"|(?P<pr>{_alternation(PROGRAMME_SUFFIX)}|{_LOWER_HEADS}))(?![\w-]){POST_HEAD}{SUFFIX_TAIL}"
)
_NOT_PLACE = _cased(["administrasi", "kota", "kabupaten", "provinsi"], title=True)
_PW = rf"{STOP_RE}(?!(?:{_NOT_PLACE})\b)[A-Z](?:[\w'-]|\.(?=\w))*"  # a dot inside only ("U.S."), not "Hall."
_PLACE = rf"{_PW}(?:[ \t]+{_PW}){{0,3}}"
LOCAL_RE = re.compile(
    rf"(?<![\w-])(?:(?P<bupati>Bupati|BUPATI)(?:\s+(?:Kabupaten|KABUPATEN))?"
    rf"|(?P<walikota>Wali\s?[Kk]ota|WALI\s?KOTA)(?:\s+(?:Kota|KOTA))?"
    rf"|(?P<gubernur>Gubernur|GUBERNUR)(?:\s+(?:Provinsi|PROVINSI))?"
    rf"|(?P<pemda>Pemerintah|PEMERINTAH)(?:\s+(?:Daerah|DAERAH))?\s+(?P<kind>Provinsi|Kabupaten|Kota|Kab\.|PROVINSI|KABUPATEN|KOTA)"
    rf"|(?P<dprd>DPRD|Dewan\s+Perwakilan\s+Rakyat\s+Daerah|DEWAN\s+PERWAKILAN\s+RAKYAT\s+DAERAH)(?:\s+(?P<dkind>Provinsi|Kabupaten|Kota|PROVINSI|KABUPATEN|KOTA))?"
    rf"|(?P<short>Pemprov|Pemkab|Pemkot|PEMPROV|PEMKAB|PEMKOT)"
    # a Malaysian state's government: "Kerajaan Negeri Selangor"
    rf"|(?P<kerajaan>Kerajaan\s+Negeri|KERAJAAN\s+NEGERI))"
    rf"\s+(?P<place>{_PLACE})"
)
# a region's body by its short form and the region: "Bappeda Kota Bogor", "BPBD Kabupaten Sleman"
_LOCAL_ACRONYMS = "|".join(
    re.escape(a).replace(r"\ ", r"[ \t]+")
    for a in sorted(word_set("local_body_acronyms", ("id",)), key=len, reverse=True)
)
LOCAL_ACRONYM_RE = re.compile(
    rf"(?<![\w-])(?P<acr>(?i:{_LOCAL_ACRONYMS}))[ \t]+"
    rf"(?P<kind>Kota|Kabupaten|Kab\.|Provinsi|KOTA|KABUPATEN|PROVINSI)[ \t]+(?P<place>{_PLACE})"
)
EN_LOCAL_RE = re.compile(
    rf"(?<![\w-])(?P<place>{_PLACE})[ \t]+"
    r"(?P<kind>City|Regency|Provincial|Municipal|Metropolitan|District|State)\s+Government(?![\w-])(?!\s+of\s)"
    rf"|(?<![\w-])(?:(?P<ofkind>City|Municipal|Provincial|Metropolitan|State)\s+)?Government\s+of\s+(?:the\s+)?(?P<of>{_PLACE})"
)
NATIONAL_RE = re.compile(
    r"(?<![\w-])(?:(?P<wapres>Wakil\s+Presiden|WAKIL\s+PRESIDEN)(?:\s+(?:Republik\s+Indonesia|REPUBLIK\s+INDONESIA))?"
    # the letterhead as a scan reads it too: "PRES IDEN REPUBLIK INOONESIA", "REPUBLTK"
    r"|(?P<presiden>Presiden\s+Republik\s+Indonesia|PRES\s?IDEN\s+REPUB[LI1][IT1l]K\s+IN[DO0]ONES[IT1l]A)"
    # the nation's missions abroad ("Perwakilan" alone is any representative, and a word of
    # "Dewan Perwakilan Rakyat")
    r"|(?P<perwakilan>Perwakilan\s+Republik\s+Indonesia|PERWAKILAN\s+REPUBLIK\s+INDONESIA|Perwakilan\s+RI))(?![\w-])"
)
# A nation's legislature or one of its chambers, cabinet, head of state or statutory law
# officer written alone, as a name ("passed by Parliament", "Jemaah Menteri", "the Yang
# di-Pertuan Agong", "Congress", "the House of Lords", "the Attorney General"): the country's
# own; its country comes from the context. Not after a Title-case word ("European
# Parliament", "University Senate", "Assistant Attorney General") nor before one or "of"
# ("Parliament House", "Senate Bill", "Parliament of Malaysia", which the knowledge base
# knows, "Attorney General John Doe").
BARE_INSTITUTION_RE = re.compile(
    r"(?<![\w-])(?:Parliament|PARLIAMENT|Parlimen|PARLIMEN|Congress|Cabinet|Jemaah\s+Menteri"
    r"|JEMAAH\s+MENTERI|Yang\s+di-Pertuan\s+Agong|YANG\s+DI-PERTUAN\s+AGONG"
    # a legislature's chamber ("the House of Lords", "the Senate")
    r"|House\s+of\s+(?:Lords|Commons|Representatives|Councillors)|Senate"
    # a statutory office every common-law state has, recorded as the office it is (the
    # guideline's positions rule): "the consent of the Public Prosecutor"
    r"|Attorney[- ]General|Solicitor[- ]General|Auditor[- ]General|Public\s+Prosecutor)(?![\w-])"
    # not a holder's name after it, nor the office's own chambers or department
    r"(?![ \t]+(?:[A-Z]|of\b))(?!['\u2019]s[ \t]+(?:Chambers|Office|Department))"
)
_TITLED_WORD_BEFORE = re.compile(r"(?:^|[^.:;!?\s])[ \t]*\b[A-Z][\w-]*[ \t]+$")
# Singapore's programme brands: "Wireless@SG", "Accreditation@SG:D" (Singapore Digital)
AT_SG_RE = re.compile(r"(?<![\w@.-])[A-Z][A-Za-z0-9-]{2,30}@(?:SG(?::D)?|Gov)(?![\w@])(?!\.\w)")
# A public service named by its web address under a South-East Asian country's domain, its
# first label capitalised as a name is: "Parking.sg", "Data.gov.sg", "Gov.bn" (a lower-case
# address, "www.usgs.gov" or "simpeg.ekon.go.id", is a link, not a name)
DOMAIN_BRAND_RE = re.compile(
    r"(?<![\w@./-])[A-Z][A-Za-z0-9-]{1,30}(?:\.gov|\.go)?\.(?P<tld>sg|bn|my|id|th|ph|vn|kh|la|mm)(?![\w@/-])(?!\.\w)"
)
# The nation's instance of a planning instrument or facility: "Arsitektur SPBE Nasional",
# "Peta Rencana SPBE Nasional", "Pusat Data Nasional", "Rencana Induk SPBE Nasional". The head
# names a kind of document or facility ("Arsitektur SPBE" alone is any agency's), "Nasional"
# the one national programme.
NATIONAL_PROGRAMME_RE = re.compile(
    r"(?<![\w-])(?:Arsitektur|Peta\s+Rencana|Peta\s+Jalan|Pusat\s+Data|Rencana\s+Induk)"
    r"(?:[ \t]+(?:[A-Z][\w-]*|dan)){0,6}?[ \t]+Nasional(?![\w-])"
)
_NATIONAL_NAMES = {
    "wapres": "Wakil Presiden Republik Indonesia",
    "presiden": "Presiden Republik Indonesia",
    "perwakilan": "Perwakilan Republik Indonesia",
}
PREFIX_KEYWORDS = tuple(
    h.lower() for h in dict.fromkeys(AGENCY_PREFIX + AGENCY_PREFIX_EN + PROGRAMME_PREFIX + CONTAINER_HEADS)
)
SUFFIX_KEYWORDS = tuple(
    dict.fromkeys(h.lower() for h in AGENCY_SUFFIX + PROGRAMME_SUFFIX + LOWER_PROGRAMME_SUFFIX)
)
LOCAL_KEYWORDS = (
    "bupati",
    "walikota",
    "wali kota",
    "gubernur",
    "pemerintah",
    "dprd",
    "dewan",
    "pemprov",
    "pemkab",
    "pemkot",
    "kerajaan negeri",
    "government",
)
# a region's kind after a body's short form ("Bappeda Kota Bogor")
_LOCAL_KIND_KEYWORDS = ("kota", "kabupaten", "kab.", "provinsi")
KEYWORDS = (*PREFIX_KEYWORDS, *SUFFIX_KEYWORDS, *LOCAL_KEYWORDS, *_LOCAL_KIND_KEYWORDS)
_CANONICAL_HEAD = {
    "menteri": "Kementerian",
    "kementrian": "Kementerian",
    "menteri koordinator": "Kementerian Koordinator",
    "menteri koordinator bidang": "Kementerian Koordinator Bidang",
    "direktur jenderal": "Direktorat Jenderal",
    "dirjen": "Direktorat Jenderal",
    "ditjen": "Direktorat Jenderal",
    "sekretaris daerah": "Sekretariat Daerah",
    "satgas": "Satuan Tugas",
    "kemenko": "Kementerian Koordinator",
}
LEADING_NOISE = word_set("name_leading_noise")
POSITION_TITLES = word_set("name_position_titles")
HEADER_WORDS = word_set("name_header_words")
HEADING_WORDS = word_set("name_heading_words", ("en",))
_TITLES_OR_HEADINGS = POSITION_TITLES | HEADING_WORDS


def _not_a_body_words() -> dict[tuple[str, str], frozenset[str]]:
    """(head, side) -> the words beside which the head names no body
    (``lang/{id,en}/name_not_a_body_after.txt``: "dinas before: naskah ...", "court before:
    food ...")."""
    out = {}
    for line in entries("name_not_a_body_after", "id") + entries("name_not_a_body_after", "en"):
        head, side_words = line.split(None, 1)
        side, _, words = side_words.partition(":")
        out[(head.lower(), side.strip())] = frozenset(words.split())
    return out


NOT_A_BODY = _not_a_body_words()
_GENERIC = word_set("name_generic_words")
ACADEMIC_WORDS = word_set("programme_academic_words")


# A ministry or department named by its sector alone ("Ministry of Education", "Department
# of Health", "Kementerian Pendidikan"): every government has one, so the name says nothing of
# the country. One or two words after the head, no "and", no comma.
_GENERIC_BODY = re.compile(
    r"(?:Ministry|Department|Kementerian|Kementrian|Jabatan)(?:\s+(?:of|for)(?:\s+the)?)?"
    r"(?:\s+(?!(?:and|dan)\b)[A-Z][a-z]+){1,2}",
    re.IGNORECASE,
)


def generic_body_name(name: str) -> bool:
    """Whether ``name`` is a ministry or department named by its sector alone (see
    ``_GENERIC_BODY``); case is ignored, so "MINISTRY OF EDUCATION" is one too."""
    return _GENERIC_BODY.fullmatch(" ".join(name.split())) is not None


def find_patterns(text: str, index: KeywordIndex | None = None) -> list[PatternHit]:
    """Agencies and programmes named by head words, and local governments, in ``text``."""
    hits: list[PatternHit] = []
    for m in prefix_matches(PREFIX_RE, text, positions_for(text, index, PREFIX_KEYWORDS)):
        hits.extend(_prefix_hit(m))
    suffixed: list[PatternHit] = []
    for m in window_matches(SUFFIX_RE, text, positions_for(text, index, SUFFIX_KEYWORDS), 120, 60):
        suffixed.extend(_suffix_hit(m))
    suffixed = _not_begun_inside_a_name(suffixed, hits)
    hits = _without_heads_inside(hits, suffixed) + suffixed
    for m in prefix_matches(LOCAL_RE, text, positions_for(text, index, LOCAL_KEYWORDS[:-1])):
        hits.extend(_local_hit(m))
    for m in window_matches(LOCAL_ACRONYM_RE, text, positions_for(text, index, _LOCAL_KIND_KEYWORDS), 40, 60):
        hits.extend(_local_acronym_hit(m))
    for m in window_matches(EN_LOCAL_RE, text, positions_for(text, index, ("government",)), 60, 60):
        hits.extend(_en_local_hit(m))
    for m in NATIONAL_RE.finditer(text):
        hits.extend(_national_hit(m))
    for m in BARE_INSTITUTION_RE.finditer(text):
        if not _TITLED_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            name = " ".join(m.group().split())
            hits.append(PatternHit(m.start(), m.end(), "AGENCY", name, "national.institution", None, 0.7))
    if "@" in text:
        for m in AT_SG_RE.finditer(text):
            hits.append(PatternHit(m.start(), m.end(), "PROGRAMME", m.group(), "brand.at_sg", "SG", 0.7))
    for m in DOMAIN_BRAND_RE.finditer(text):
        country = m.group("tld").upper()
        hits.append(PatternHit(m.start(), m.end(), "PROGRAMME", m.group(), "brand.domain", country, 0.7))
    for m in NATIONAL_PROGRAMME_RE.finditer(text):
        name = " ".join(m.group().split())
        hits.append(PatternHit(m.start(), m.end(), "PROGRAMME", name, "national.programme", "ID", 0.7))
    hits = _with_owned_plans(hits, text)
    return _without_stamp_units(_without_address_lists(hits, text), text)


# an Indonesian plan every agency makes, named by the agency right after it: "Rencana Induk
# SPBE Kementerian Koordinator Bidang Perekonomian", "Peta Jalan SPBE Pemerintah Kabupaten X"
_PLAN_HEADS = ("Rencana ", "Peta Jalan ", "Peta Rencana ", "Road Map ", "Roadmap ", "Masterplan ")
_OWNER_GAP = re.compile(r"[ \t]*\n?[ \t]*")
OWNED_PLAN = "prefix.owned_plan"


def _plan_of_a_kind(name: str) -> bool:
    """A plan named by its kind and a programme's acronym, as every agency makes one ("Rencana
    Induk SPBE", "Peta Jalan SPBE"), not a plan named in full ("Rencana Induk Teknologi
    Informasi dan Komunikasi")."""
    words = name.split()
    return name.startswith(_PLAN_HEADS) and len(words) <= 4 and words[-1].isupper() and len(words[-1]) >= 2


def _with_owned_plans(hits: list[PatternHit], text: str) -> list[PatternHit]:
    """``hits`` with a plan named head first and the agency right after it also as one
    programme, the agency's name included (the plan of that agency, a named plan; the plan's
    words alone are a kind of plan every agency has). The agency stays a hit of its own."""
    agencies = {h.start: h for h in hits if h.label == "AGENCY"}
    owned = []
    for h in hits:
        if h.label != "PROGRAMME" or not h.rule.startswith("prefix.") or not _plan_of_a_kind(h.name):
            continue
        gap = _OWNER_GAP.match(text, h.end)
        after = gap.end() if gap else h.end
        owner = agencies.get(after)
        if owner is not None and after > h.end:
            name = " ".join(text[h.start : owner.end].split())
            owned.append(PatternHit(h.start, owner.end, "PROGRAMME", name, OWNED_PLAN))
    return hits + owned


# the copy-certification stamp of an Indonesian regulation: "Salinan sesuai dengan aslinya
# [KEMENTERIAN X] Kepala Biro Hukum, ttd": the unit that certified the copy, furniture of
# every regulation, named without its owner
_STAMP_BEFORE = re.compile(
    r"(?i:Salinan[ \t\n]+sesuai[ \t\n]+dengan[ \t\n]+aslinya)[ \t\n,.:;]*(?:[A-Z][A-Z ,.\n]{3,80}[ \t\n,]+)?"
    r"(?:Kepala|KEPALA|a\.n\.|u\.b\.)?[ \t\n]*$"
)
_STAMP_UNITS = ("Biro", "Bagian", "Subbagian", "Sub Bagian", "Kepala Biro", "Kepala Bagian")


def _without_stamp_units(hits: list[PatternHit], text: str) -> list[PatternHit]:
    """The hits but a unit named in the copy-certification stamp (see ``_STAMP_BEFORE``)."""
    return [
        h
        for h in hits
        if not (
            h.label == "AGENCY"
            and h.name.startswith(_STAMP_UNITS)
            and _STAMP_BEFORE.search(text, max(0, h.start - 140), h.start)
        )
    ]


def _not_begun_inside_a_name(suffixed: list[PatternHit], prefixed: list[PatternHit]) -> list[PatternHit]:
    """The head-last agency hits that do not begin inside a head-first agency name: in
    "Ministry of Sustainability and the Environment Ministry of Trade and Industry" (a table's
    column), "Environment" ends the first name and "Environment Ministry of Trade" is none."""
    firsts = [p for p in prefixed if p.label == "AGENCY"]
    return [
        h
        for h in suffixed
        if h.label != "AGENCY" or not any(p.start < h.start < p.end < h.end for p in firsts)
    ]


def _without_heads_inside(prefixed: list[PatternHit], suffixed: list[PatternHit]) -> list[PatternHit]:
    """The head-first hits that no head-last hit ending where they end holds: "Committee on
    New Southern Policy" is the end of "Presidential Committee on New Southern Policy",
    "Programme Office" of the body "Data Sharing Programme Office"."""
    starts: dict[int, int] = {}
    for h in suffixed:
        starts[h.end] = min(h.start, starts.get(h.end, h.start))
    return [h for h in prefixed if starts.get(h.end, h.start) >= h.start]


POSITION_RULES = ("local.bupati", "local.walikota", "local.gubernur")
_LIST_GAP = re.compile(r"[\s,;:.()\d-]*(?:(?:dan|and|serta)\s+)?[\s\d.()-]*")
_ADDRESSEE = re.compile(
    r"(?:\b(?:Kepada|KEPADA|Yth|YTH|Yang\s+[Tt]erhormat|Tembusan|TEMBUSAN|Salinan|SALINAN|Distribution)\b"
    r"|\bTo\s*:)[^\n]{0,60}$"
)
# Ten or more: the shared gold counts the regents of a short "Kepada Yth." list as the local
# governments they head; a distribution list of dozens of regents names no actor.
ADDRESS_LIST_MIN = 10


def _without_address_lists(hits: list[PatternHit], text: str) -> list[PatternHit]:
    """``hits`` without distribution lists: :data:`ADDRESS_LIST_MIN` or more positions in a
    row, with only separators between them, right after an addressee marker ("Kepada Yth.
    Bupati Aceh Besar, Bupati Aceh Jaya, ...", "Tembusan: 1. Gubernur ..."). They name a
    letter's recipients, not bodies that act in it. A numbered table of regents with no such
    marker (the participants of a programme) is kept, and so is a short addressee list."""
    positions = sorted((h for h in hits if h.rule in POSITION_RULES), key=lambda h: h.start)
    dropped: set[int] = set()
    run = positions[:1]
    for h in [*positions[1:], None]:
        gap = text[run[-1].end : h.start] if h is not None else ""
        if h is not None and len(gap) <= 12 and _LIST_GAP.fullmatch(gap):
            run.append(h)
            continue
        lead = text[max(0, run[0].start - 80) : run[0].start] if run else ""
        if len(run) >= ADDRESS_LIST_MIN and _ADDRESSEE.search(lead):
            dropped.update(id(x) for x in run)
        run = [h] if h is not None else []
    return [h for h in hits if id(h) not in dropped]


_LIST_CLOSED = re.compile(r",?\s+(?:dan|and|&|serta|DAN|AND)\s+\S+\s*$")


def _trim_raw(raw: str) -> str:
    """``raw`` cut after a comma list that no "and"/"dan" closes, without trailing punctuation."""
    if re.search(r",\s", raw) and not _LIST_CLOSED.search(raw):
        raw = raw[: raw.index(",")]
    return raw.rstrip(" ,.;:/\n")


def _trim_name(raw: str) -> str:
    """The trimmed name part as one line."""
    return " ".join(_trim_raw(raw).split())


def _prefix_hit(m: re.Match[str]) -> list[PatternHit]:
    group = next(g for g in ("cg", "ag", "en", "pr") if m.group(g))
    tail_group = {"cg": "ctail", "ag": "tail", "en": "entail", "pr": "prtail"}[group]
    head_raw = " ".join(m.group(group).split())
    raw_tail = _trim_raw(m.group(tail_group))
    if group == "pr":
        raw_tail = _before_item_number(raw_tail)
    if group != "pr":
        raw_tail = raw_tail[: _first_of_two(m.string, m.start(tail_group), raw_tail)]
        raw_tail = _NUMBER_TAIL.sub("", raw_tail)  # "Mahkamah Rayuan 2001", "... 122A": a year or article
        raw_tail = _GLUED_NUMBER.sub("", raw_tail)  # "... Bidang Perekonomian81": a contents page's number
        raw_tail = _before_joined_position(raw_tail)  # "Mahkamah Rayuan dan Hakim Besar"
    if group == "en":
        raw_tail = _before_honorific(raw_tail)  # "Minister for Education Mr Chan Chun Sing"
    tail = " ".join(raw_tail.split())
    if head_raw.isupper() or len(tail.split()) > 1:  # a lone capitalised word after a head in
        tail = _recase(tail)  # lower case is an acronym ("Tim Koordinasi SPBE"), not a heading
    label: EntityLabel = "PROGRAMME" if group == "pr" else "AGENCY"
    if _no_body_beside(head_raw, m.string[max(0, m.start() - 80) : m.start()], tail):
        return []
    # "Sistem SPBE", "Portal SPBE", "Rencana SPBE", "Strategi Nasional": a system or a kind of
    # plan any agency has; the named one has more words
    min_words = 2 if head_raw.lower() in _KIND_HEADS else 1
    if not tail or not _specific(tail.split(), min_words):
        return []
    if label == "PROGRAMME" and not _programme_tail(tail.split()):
        return []
    if _any_agency_s(tail):  # "Rencana SPBE Instansi Pusat/Pemerintah Daerah", "Tim Koordinasi SPBE
        return []  # Instansi Pusat/Pemerintah Daerah": a kind of plan or team every agency has
    written = head_raw in _ACRONYM_HEADS  # "LGU of Davao"
    head = _CANONICAL_HEAD.get(
        head_raw.lower(), head_raw.title() if head_raw.isupper() and not written else head_raw
    )
    end = m.start(tail_group) + len(raw_tail)
    listed = _FIELD_LIST.match(m.string, end) if head in _REGIONAL_HEADS else None
    if listed:  # "Dinas Komunikasi, Informatika dan Statistik Kota Bogor"
        end = listed.end()
        tail = " ".join(m.string[m.start(tail_group) : end].split())
    name = f"{head} {tail}"
    return [PatternHit(m.start(), end, label, name, "prefix." + label.lower())]


# a regional body's name that lists its fields with commas, up to its region or "Daerah":
# "Dinas Komunikasi, Informatika dan Statistik Kota Bogor", "Badan Perencanaan Pembangunan,
# Penelitian dan Pengembangan Daerah"
_REGIONAL_HEADS = {"Dinas", "Badan", "DINAS", "BADAN"}
_FIELD = r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,3}"
_FIELD_LIST = re.compile(
    rf",[ \t]+{_FIELD}(?:,[ \t]+{_FIELD}){{0,4}},?[ \t]+(?:dan|serta)[ \t]+{_FIELD}?"
    r"(?:[ \t]+(?:Daerah|(?:Kota|Kabupaten|Provinsi)[ \t]+[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2}))"
    r"(?![\w-])"
)


def _before_honorific(tail: str) -> str:
    """An English head-first name's tail cut before a person's honorific: the post's holder
    follows it ("Minister for Education Mr Chan Chun Sing" -> "... for Education")."""
    for w in re.finditer(r"\S+", tail):
        if w.start() > 0 and w.group()[:1].isupper() and _honorific(w.group()):
            return tail[: w.start()].rstrip(" ,")
    return tail


_KIND_HEADS = {"sistem", "portal", "rencana", "strategi", "kerangka", "rancangan", "jaringan"}
_GENERIC_OWNERS = sorted(word_set("programme_generic_owners", ("id",)), key=len, reverse=True)
_GENERIC_OWNER_END = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(re.escape(o.replace("/", " ")).replace("\\ ", r"\s+") for o in _GENERIC_OWNERS)
    + r")$",
    re.IGNORECASE,
)


def _any_agency_s(tail: str) -> bool:
    """Whether a head-first name's tail ends with an owner that is any agency ("... Instansi
    Pusat/Pemerintah Daerah"): a kind of plan, system or team every agency has."""
    return _GENERIC_OWNER_END.search(tail.replace("/", " ")) is not None


# the teams and forums every agency forms ("Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah")
_TEAM_HEADS = ["Tim", "Komite", "Forum", "Satuan Tugas", "Satgas", "Gugus Tugas"]
_OWNER_PHRASE = "|".join(re.escape(o).replace("\\ ", r"\s+") for o in _GENERIC_OWNERS)
_NOT_AN_OWNER = rf"(?!(?i:{_OWNER_PHRASE})(?![\w-]))"
_OWNED_BY_ANY = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_alternation(_TEAM_HEADS)})(?:[ \t]+{_NOT_AN_OWNER}[A-Z][\w-]*){{1,4}})"
    rf"[ \t\n]+(?i:{_OWNER_PHRASE})(?![\w-])"
)


def bodies_of_any_agency(text: str) -> set[str]:
    """Lower-case names of bodies the text gives to any agency ("Tim Koordinasi SPBE" in "Tim
    Koordinasi SPBE Instansi Pusat/Pemerintah Daerah", "Forum Kolaborasi SPBE Pemerintah
    Daerah"): in this document the name, written alone, is the kind of team every agency
    forms, not one body."""
    return {" ".join(m.group("name").lower().split()) for m in _OWNED_BY_ANY.finditer(text)}


_ITEM_NUMBER = re.compile(r"[ \t]+\d{1,2}[ \t]+(?=[A-Z])")


def _before_item_number(tail: str) -> str:
    """A programme name's tail cut before a list item's number that starts the next item
    ("Portal Data Menko Perekonomian 3 Menyediakan ..." -> "Portal Data Menko Perekonomian")."""
    m = _ITEM_NUMBER.search(tail)
    return tail[: m.start()] if m else tail


def _no_body_beside(head: str, before: str, tail: str) -> bool:
    """Whether the word before the head or the tail's first word makes the head no body
    ("Tata Naskah Dinas Elektronik", "Jabatan Pimpinan Tinggi Madya"); ``before`` is the
    text just before the head (its last word is what counts)."""
    previous = before.split()[-1:] or [""]
    first = [w for w in tail.split() if w.lower() not in ("of", "for", "on", "the")][:1] or [""]
    key = head.lower()
    return previous[0].lower() in NOT_A_BODY.get((key, "before"), frozenset()) or first[
        0
    ].lower() in NOT_A_BODY.get((key, "after"), frozenset())


def _programme_tail(words: list[str]) -> bool:
    """Whether the words after a programme head can name one: not mostly table header words
    ("Program Kegiatan", "Rencana Anggaran", a merged header row "Program Sektor Utama Sektor
    Periode dan Output Pendukung" even where OCR spoils a word or two), not a university's
    study programme ("Program Studi ...", "Program Pascasarjana ...")."""
    cleaned = [w.lower().strip(",.:()") for w in words]
    if cleaned and cleaned[0] in ACADEMIC_WORDS:
        return False
    content = [w for w in cleaned if w not in _JOINERS and not re.fullmatch(r"[\d\s./–-]*", w)]
    headers = sum(w in HEADER_WORDS for w in content)
    return headers < len(content) and 2 * headers <= len(content)


# a year or article number after a name; not a disease's or model's number ("COVID-19")
_NUMBER_TAIL = re.compile(r"(?:(?:[\s,]+|(?<![A-Z])-)\d[\w.]*)+$")
_GLUED_NUMBER = re.compile(r"(?<=[a-z]{4})\d{1,4}$")
# a capital inside a word after small letters: a brand ("GreenGov.SG", "MyInfo"), not a word
_BRAND_WORD = re.compile(r"[A-Z][a-z]+[A-Z][\w.]*")
_DURATION = re.compile(r"\d{1,3}-(?:year|month|tahun|bulan)")
_SUFFIX_HEAD_WORDS = {h.split()[-1] for h in AGENCY_SUFFIX}  # "... Capital Hall and ...": two bodies
_ACRONYM_HEADS = {h for h in AGENCY_PREFIX + AGENCY_PREFIX_EN if h.isupper()}
_JOINERS = {"and", "dan", "&", "serta"}
_COMPANY_WORDS = {
    "company",
    "co.",
    "ltd",
    "ltd.",
    "limited",
    "inc",
    "inc.",
    "bhd",
    "bhd.",
    "berhad",
    "pcl",
    "llc",
}
_POSSESSIVE = re.compile(r"\w['’]s$|s['’]$")
_UN_BODY = re.compile(r"United\s+Nations\b|UN\s")
_JOIN = re.compile(r"\s+(?:and|dan|serta|&|AND|DAN)\s+(?:the\s+)?")


def _before_joined_position(tail: str) -> str:
    """``tail`` cut before "and"/"dan" followed by a position title: a body and an office
    holder are two things ("Mahkamah Rayuan dan Hakim Besar" -> "Mahkamah Rayuan")."""
    for join in _JOIN.finditer(tail):
        following = tail[join.end() :].split()
        if following and following[0].lower().strip(",") in POSITION_TITLES:
            return tail[: join.start()]
    return tail


def _first_of_two(text: str, tail_start: int, raw_tail: str) -> int:
    """Where an agency name's tail ends when "and"/"dan" joins it to a second agency name
    ("Ministry of Transport and Land Transport Authority", "Dinas Pendidikan Kota Bandung dan
    Pemerintah Kota Bogor": two bodies, a local government the second); the whole tail when
    what follows the conjunction is no name of its own ("Ministry of Science and Technology")."""
    for join in _JOIN.finditer(raw_tail):
        right = tail_start + join.end()
        second = SUFFIX_RE.match(text, right) or PREFIX_RE.match(text, right)
        if second and second.re is SUFFIX_RE and _head_first_inside(second):
            continue  # "... and the Environment Ministry of Trade": the name's end, then a new name
        if second and (second.group("ag") or second.groupdict().get("en") or second.groupdict().get("cg")):
            return join.start()
        local = LOCAL_RE.match(text, right)
        if (local and (local.group("pemda") or local.group("short") or local.group("dprd"))) or (
            LOCAL_ACRONYM_RE.match(text, right)
        ):
            return join.start()  # "Dinas Pendidikan Kota Bandung dan Pemerintah Kota Bogor"
    return len(raw_tail)


def _head_first_inside(m: re.Match[str]) -> bool:
    """Whether a head-last match's head begins a head-first name ("Environment Ministry of
    Trade": "Ministry of Trade" is the name, "Environment" the end of the one before)."""
    head = m.group("ag")
    return (
        bool(head)
        and head.split()[-1] in ("Ministry", "Department", "MINISTRY", "DEPARTMENT")
        and (m.end() > m.end("ag"))
    )


_PHASE_WORDS = {"phase", "stage", "tahap", "fase"}
_PHASE_NUMBER = re.compile(
    r"\d{1,2}|[IVX]{1,4}|one|two|three|four|first|second|third|final|pertama|kedua|ketiga"
)


def _after_phase(words: list[str], drop: int) -> int:
    """Index after a leading phase ("Phase 1 of the Automated Traffic Control System" ->
    "Automated Traffic Control System", "Tahap II dari ..."); ``drop`` when there is none."""
    if len(words) - drop < 5 or words[drop].lower() not in _PHASE_WORDS:
        return drop
    if not _PHASE_NUMBER.fullmatch(words[drop + 1].strip(",")) or words[drop + 2].lower() not in (
        "of",
        "dari",
    ):
        return drop
    i = drop + 3
    while i < len(words) - 2 and words[i].lower() in LEADING_NOISE:
        i += 1
    return i


def _leading_acronym(words: list[str]) -> bool:
    """Whether the first word is the acronym of the rest ("SIMMS Smart Integrated Mobility ...")."""
    first = words[0]
    if len(words) < 3 or not first.isupper() or len(first) < 2:
        return False
    initials = "".join(w[0] for w in words[1:] if w.lower() not in {"of", "and", "the", "for", "dan"}).upper()
    return initials.startswith(first.replace("-", "")[: len(initials)])


_AGENCY_HEAD_WORDS = {h for h in AGENCY_SUFFIX if " " not in h}


def _owner_body(
    text: str, tail_start: int, tail_text: str, words: list[str], drop: int, owner: int
) -> list[PatternHit]:
    """The body an owner's possessive names before a programme, when it ends in a body's head
    ("the National Youth Council's National Youth Fund": the council is a body too)."""
    if owner - drop < 1:
        return []
    head = re.sub(r"['’]s?$", "", words[owner])
    if head not in _AGENCY_HEAD_WORDS:
        return []
    start = tail_start + _offset_of_word(tail_text, drop)
    end = tail_start + _offset_of_word(tail_text, owner) + len(head)
    name = " ".join(text[start:end].split())
    return [PatternHit(start, end, "AGENCY", _recase(name), "suffix.agency")]


# a participle and its preposition open a clause before a programme's name: "Building on the
# Friends of Silver Infocomm programme", "Drawing on the ...", "Modelled after the ..."
_PARTICIPLE = re.compile(r"[A-Z][a-z]+(?:ing|ed)")
_PARTICIPLE_PREPOSITIONS = {"on", "upon", "from", "after", "with", "to"}

_PAREN_ACRONYM = re.compile(r"\([A-Z][A-Za-z0-9&*:]{1,9}\)")


def _joined_after_of(words: list[str], drop: int) -> list[int]:
    """The last word of a first body named "<...> <head> of <Place>" that "and" joins to a
    second one named head last ("Electricity Generating Authority of Thailand and Provincial
    Electricity Authority"): the place is one to three capitalised words, and the second name
    has no "of" of its own."""
    out = []
    for j in range(drop + 3, len(words) - 1):
        if words[j] not in _JOINERS or not words[j + 1][:1].isupper() or "of" in words[j + 1 :]:
            continue
        for k in range(max(drop, j - 4), j - 1):
            place = words[k + 2 : j]
            if (
                words[k] in _SUFFIX_HEAD_WORDS
                and words[k + 1] == "of"
                and 1 <= len(place) <= 3
                and all(w[:1].isupper() for w in place)
            ):
                out.append(j - 1)
                break
    return out


def _suffix_hit(m: re.Match[str]) -> list[PatternHit]:
    tail_start = m.start("tail") + _marker_length(m.group("tail"))
    tail_text = m.string[tail_start : m.end("tail")]
    words = tail_text.split() + [m.group("ag") or m.group("pr")]
    drop = _after_phase(words, _after_title(words, _leading_noise(words)))
    if _leading_acronym(words[drop:]):
        drop += 1
    words = words[:-1]
    drop = _after_article(words, drop)
    drop = _after_person(words, drop)
    if drop >= len(words):
        return []  # "Mrs. X, Deputy Secretary, Ministry of ...": the body is named head first
    inner = [i for i in range(drop, len(words) - 1) if _PAREN_ACRONYM.fullmatch(words[i])]
    if inner:  # "Ministry for Education (MOE) Green Plan": the acronym is the body's before it
        at = tail_start + _offset_of_word(tail_text, inner[-1])
        before = re.split(r"[\s\x00/]+", m.string[max(0, at - 80) : at].strip())
        if any(initials_match(words[inner[-1]][1:-1], before[j:]) for j in range(len(before))):
            drop = inner[-1] + 1
    # "1 National Development and Reform Commission": a list's number; "10-year ..."; not a
    # number an article names ("the 100 Experiments initiative")
    numbered = drop == 0 and _ARTICLE_BEFORE.search(m.string, max(0, tail_start - 6), tail_start) is not None
    while drop < len(words) - 1 and (
        (_LIST_NUMBER.fullmatch(words[drop]) and not numbered) or _DURATION.fullmatch(words[drop])
    ):
        drop += 1
    if (
        drop < len(words) - 1
        and words[drop].lower() in _DIVISIONS
        and _DIVISION_NUMBER.fullmatch(words[drop + 1])
    ):
        drop += 2  # "Part VII APPEAL TRIBUNAL": a statute's part, then the body
    head = (m.group("ag") or m.group("pr")).split()[-1].lower()
    if words and words[-1].lower() in NOT_A_BODY.get((head, "before"), frozenset()):
        return []  # "Food Court"
    joined = [
        i for i in range(drop, len(words) - 1) if words[i] in _SUFFIX_HEAD_WORDS and words[i + 1] in _JOINERS
    ] + _joined_after_of(words, drop)
    companies = [
        i
        for i in range(drop, len(words) - 1)
        if words[i].lower() in _COMPANY_WORDS and words[i + 1] in _JOINERS
    ]
    if companies and m.group("ag"):  # "Phuket City Development Company and Phuket Administrative Office"
        drop = companies[-1] + 2  # a company is no body: the body is the name after "and"
        joined = [i for i in joined if i > drop]
    first: list[PatternHit] = []
    if joined and m.group("ag"):  # "Traffic Coordination Committee and Cebu City Traffic Office": two bodies
        first_start = tail_start + _offset_of_word(tail_text, drop)
        first_end = tail_start + _offset_of_word(tail_text, joined[-1]) + len(words[joined[-1]])
        first_name = " ".join(m.string[first_start:first_end].split())
        first = [PatternHit(first_start, first_end, "AGENCY", _recase(first_name), "suffix.agency")]
        drop = joined[-1] + 2
    # an owner's possessive: before a programme, or before a body named in full after its head
    # ("Siem Reap's Department of Tourism"); "Prime Minister's Office" keeps it
    complete = m.group("pr") or m.end() > m.end("ag")
    owners = [i for i in range(drop, len(words)) if complete and _POSSESSIVE.search(words[i])]
    after_owner = words[owners[-1] + 1] if owners and owners[-1] + 1 < len(words) else ""
    if owners and not (m.group("pr") and after_owner in _SUFFIX_HEAD_WORDS):
        first += _owner_body(m.string, tail_start, tail_text, words, drop, owners[-1])
        drop = owners[-1] + 1  # "IMDA's Silver Infocomm Initiative"; not "Prime Minister's Office Strategy"
    if (
        m.group("pr")
        and drop < len(words) - 3
        and _PARTICIPLE.fullmatch(words[drop])
        and words[drop + 1].lower() in _PARTICIPLE_PREPOSITIONS
    ):
        drop += 3 if words[drop + 2].lower() == "the" else 2  # "Building on the Friends of ..."
    if drop == len(words) or _is_noise(words, drop):
        return []
    if (
        m.group("pr") in ("Program", "PROGRAM")
        and drop == len(words) - 1
        and m.end() == m.end("pr")
        and _HEAD_FIRST_GOES_ON.match(m.string, m.end())
    ):
        return first  # "Lulusan Program Pascasarjana": Indonesian "Program" begins the name after it
    if m.group("pr") and all(w.lower().strip(",.:") in HEADER_WORDS | POSITION_TITLES for w in words[drop:]):
        return []  # a table header row ("Country City Project", "Kode Program"), or a post ("Ketua Program")
    if m.group("pr") in LOWER_PROGRAMME_SUFFIX and not _names_before_lower_head(words[drop:]):
        return []
    if m.group("pr") in LOWER_PROGRAMME_SUFFIX and _KIND_OF.match(m.string, m.end("pr")):
        return first  # "the Government-wide ICT&SS scheme of service": a kind of something

    start = tail_start + _offset_of_word(tail_text, drop)
    tail = _trim_name(m.string[start : m.end("tail")])
    label: EntityLabel = "AGENCY" if m.group("ag") else "PROGRAMME"
    if _UN_BODY.match(tail) or (label == "PROGRAMME" and _body_on_a_remit(words[drop:])):
        label = "AGENCY"  # "United Nations Development Programme", "Committee on ... Policy"
    has_tail_marker = m.end() > m.end("ag" if m.group("ag") else "pr")
    if not tail or not (
        _specific(tail.split(), min_words=1) or has_tail_marker or _named_mid_sentence(m.string, start, tail)
    ):
        return []
    end = m.end() + _qualifier_length(m.string, m.end()) if m.group("ag") else m.end()
    if m.group("ag") and _OF_OWNER.fullmatch(m.string, m.end("ag"), m.end()):
        end = m.end("ag")  # "Urban Planning Department of YCDC": the unit, then its owner's acronym
    # a lower-case kind word describes the name before it and is not part of it ("the Smart
    # Urban Mobility project" is Smart Urban Mobility); a known name there wins ("the
    # SkillsFuture programme" is SkillsFuture)
    lower_kind = m.group("pr") in LOWER_PROGRAMME_SUFFIX
    if lower_kind:
        end = len(m.string[: m.start("pr")].rstrip())
        acronym = _TRAILING_ACRONYM.search(m.string, start, end)
        if acronym:  # "an AI for Everyone (AI4E) programme": the name is before its acronym
            if acronym.group(1).lower() in TECHNICAL_ACRONYMS:
                return first  # "the Internet of Things (IoT) platform": a technology
            end = acronym.start()
    name = " ".join(m.string[start:end].split())
    rule = "kind.programme" if lower_kind else "suffix." + label.lower()
    return first + [PatternHit(start, end, label, _recase(name), rule)]


# a capitalised word right after one word and "Program" (not a phase or another head): the
# name goes on head first, as Indonesian writes it ("Lulusan Program Pascasarjana")
_HEAD_FIRST_GOES_ON = re.compile(r"[ \t]+(?!Phase\b|Office\b|Management\b|Area\b)[A-Z][a-z]")
_OF_OWNER = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]{2,8}")
_TRAILING_ACRONYM = re.compile(r"[ \t]+\(([A-Z][A-Za-z0-9&*:]{1,9})\)$")
TECHNICAL_ACRONYMS = word_set("technical_acronyms")
# computing and machine-learning words: lang/{en,id}/technology_words.txt
TECHNOLOGY_WORDS = word_set("technology_words", ("en", "id"))
_TECHNOLOGY_HEADS = {
    "network",
    "networks",
    "framework",
    "frameworks",
    "engine",
    "model",
    "system",
    "systems",
} | {
    "platform",
    "architecture",
    "jaringan",
    "sistem",
    "kerangka",
    "arsitektur",
}
_NATION_WORDS = {"national", "nasional", "negara", "kebangsaan", "nation"}
_TECHNOLOGY_PHRASES = sorted(p for p in TECHNOLOGY_WORDS if " " in p)


def technology_term(name: str) -> bool:
    """A network, framework, engine, model or system named with a computing or
    machine-learning term ("Convolutional Neural Network", "Deep Learning Framework",
    "Jaringan Saraf Tiruan"): a kind of technology, not a programme, unless it is the
    nation's ("National Sensor Network")."""
    words = [w.lower().strip(",.()") for w in name.split()]
    if not words or not ({words[0], words[-1]} & _TECHNOLOGY_HEADS) or any(w in _NATION_WORDS for w in words):
        return False
    joined = " ".join(words)
    return any(w in TECHNOLOGY_WORDS for w in words) or any(
        f" {p} " in f" {joined} " for p in _TECHNOLOGY_PHRASES
    )


def _names_before_lower_head(words: list[str]) -> bool:
    """Whether ``words`` before a lower-case programme head name one: two words or more, or
    one brand-like word ("GreenGov.SG initiative"), not ending with a body's head ("Ministry
    of Finance programme" is the ministry's)."""
    if len(words) == 1:
        return _BRAND_WORD.fullmatch(words[0]) is not None
    return len(words) >= 2 and words[-1] not in _SUFFIX_HEAD_WORDS and words[-1] not in AGENCY_SUFFIX


_MARKER = re.compile(rf"(?i:{'|'.join(sorted(word_set('name_markers'), key=len, reverse=True))})\s*[-:]\s*")
_QUALIFIER_AFTER = re.compile(r"\s*\((?:Public\s+Organi[sz]ation|Persero|Perum)\)")


def _marker_length(tail: str) -> int:
    """Length of a note or label marker glued to the start of a name ("NOTE-", "Sumber: ")."""
    m = _MARKER.match(tail)
    return m.end() if m and m.end() < len(tail) else 0


def _qualifier_length(text: str, end: int) -> int:
    """Length of a legal-form qualifier right after an agency name, line breaks allowed
    ("Electronic Government Agency\n(Public Organization)")."""
    m = _QUALIFIER_AFTER.match(text, end)
    return m.end() - end if m else 0


# a noise word that begins a place's name: "New Zealand Ministry of Foreign Affairs and Trade"
_PLACE_AFTER_NOISE = {"new": {"zealand", "caledonia", "delhi", "york", "south", "taipei"}}


def _is_noise(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a leading noise word, not the start of a place's name."""
    word = words[i].lower().strip(",")
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    return word in LEADING_NOISE and after not in _PLACE_AFTER_NOISE.get(word, set())


def _leading_noise(words: list[str]) -> int:
    """How many leading words are noise ("In the ..."), keeping at least two words."""
    drop = 0
    while drop < len(words) - 2 and _is_noise(words, drop):
        drop += 1
    return drop


def _after_title(words: list[str], drop: int) -> int:
    """Index after a position title and its "of" ("Deputy Director of the City Planning
    Department" -> "City Planning Department", "President and CEO of the ...", "President
    /CEO of ..."); ``drop``
    when the words do not start so."""
    i = drop
    while i < len(words) - 1 and (
        words[i].lower().strip(",/") in _TITLES_OR_HEADINGS
        or (
            i > drop
            and words[i].lower() in ("and", "&", "/")
            and words[i + 1].lower().strip("/") in POSITION_TITLES
        )
    ):
        i += 1
    if i == drop or i >= len(words) - 2 or words[i].lower() not in ("of", "for"):
        return drop
    i += 1
    while i < len(words) - 2 and words[i].lower() in LEADING_NOISE:
        i += 1
    return i


HONORIFICS = word_set("name_honorifics")


def _honorific(word: str) -> bool:
    """Whether ``word`` is an honorific, alone or glued to the name ("Mr.", "Mr.Don")."""
    return word.lower().rstrip(".") in HONORIFICS or word.lower().split(".")[0] in HONORIFICS - {"tan"}


def _after_person(words: list[str], drop: int) -> int:
    """Index after a person's name and post that open the words before a head ("Mrs.
    Vunnaporn Devahastin Deputy Permanent Secretary" -> all of them): from the first
    honorific to the last position title after it, or every word when no title follows."""
    start = next((i for i in range(drop, len(words)) if _honorific(words[i])), None)
    if start is None:
        return drop
    titles = [i for i in range(start + 1, len(words)) if words[i].lower().strip(",.") in POSITION_TITLES]
    if not titles:
        return len(words)
    after = titles[-1] + 1
    while after < len(words) and words[after].lower() in ("of", "for", "the", "at"):
        after += 1  # "Mayor of Cebu City Hall"
    return after


# a list's number or a page reference ("1", "(a)", "108–9") before a name
_LIST_NUMBER = re.compile(r"\(?(?:\d{1,4}(?:[–-]\d{1,4})?|[A-Za-z])[.)]?")
# a lower-case kind word followed by "of" and a lower-case noun names a kind ("scheme of
# service", "plan of action"), not the name before it
_KIND_OF = re.compile(r"[ \t]+of[ \t]+(?!the\b)[a-z]")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:the|The)[ \t]+$")
# a statute's part or chapter before a body's name: "Part VII APPEAL TRIBUNAL", "Part XIA Committee"
_DIVISIONS = {"part", "bahagian", "chapter", "bab", "division"}
_DIVISION_NUMBER = re.compile(r"[IVXLC]{1,6}[A-Z]?|\d{1,3}[A-Z]?")
_REMIT_BODIES = {"Committee", "Council", "Commission", "Force", "Board", "Office", "Secretariat"}


def _body_on_a_remit(words: list[str]) -> bool:
    """Whether words before a programme head name a body set up on a subject ("Presidential
    Committee on New Southern Policy", "Task Force for the Smart City Initiative"): the span
    is that body, not the programme."""
    return any(
        w in _REMIT_BODIES and words[i + 1].lower() in ("on", "for", "of") for i, w in enumerate(words[:-1])
    )


_ARTICLE_JOINERS = {"of", "for", "on", "and", "to", "in", "&", "at", "from", "with", "by"}


def _after_article(words: list[str], drop: int) -> int:
    """Index after the last "the" that starts a new noun phrase inside the words before a
    head: after a verb or a title's colon ("Read the MTI Green Plan", "Conversation on Living:
    The Singapore Green Plan"), not after a joining word ("Plan for the Future")."""
    for i in range(len(words) - 1, drop, -1):
        if words[i].lower() == "the" and words[i - 1].lower() not in _ARTICLE_JOINERS:
            return i + 1
    return drop


def _offset_of_word(text: str, n: int) -> int:
    spans = [w.start() for w in re.finditer(r"\S+", text)]
    return spans[n] if n < len(spans) else 0


_WORD_BEFORE = re.compile(r"(?:^|[ \t])([a-z]+)[ \t]+$")


def _named_mid_sentence(text: str, start: int, tail: str) -> bool:
    """Whether a head-last name of generic words alone is written as a name: two words or
    more in Title case after a lower-case word of the same line ("... is the Digital
    Government Blueprint by ..."), not a heading's or a table cell's capitals."""
    words = tail.split()
    content = [w for w in words if w.isalpha() and len(w) > 3]
    if len(words) < 2 or not all(w[0].isupper() and not w.isupper() for w in content):
        return False
    return _WORD_BEFORE.search(text, max(0, start - 30), start) is not None


def _specific(words: list[str], min_words: int) -> bool:
    """A name part is specific if it has a non-generic word (generic: "National", "Smart")."""
    words = [w.strip(",.()") for w in words if w.lower() not in {"of", "and", "dan", "the", "&", "for"}]
    if len(words) < min_words or not any(any(c.isalpha() for c in w) for w in words):
        return False
    return any(w.lower() not in _GENERIC for w in words)


_LOCAL_KINDS = {"bupati": "Kabupaten", "walikota": "Kota", "gubernur": "Provinsi"}
_SHORT_KINDS = {"pemprov": "Provinsi", "pemkab": "Kabupaten", "pemkot": "Kota"}


def _local_hit(m: re.Match[str]) -> list[PatternHit]:
    raw = _trim_raw(m.group("place"))
    place = " ".join(raw.split())
    if not place or place.lower() in LEADING_NOISE or place.lower() in {"daerah", "pusat"}:
        return []
    end = m.start("place") + len(raw)
    place = _recase(place)
    if m.group("dprd"):
        kind = (m.group("dkind") or "").title()
        name = " ".join(filter(None, ["Dewan Perwakilan Rakyat Daerah", kind, place]))
        return [PatternHit(m.start(), end, "AGENCY", name, "local.dprd", "ID", 0.7, place)]
    if m.group("pemda"):
        kind = {"Kab.": "Kabupaten"}.get(m.group("kind"), m.group("kind").title())
        name = f"Pemerintah {kind} {place}"
        return [PatternHit(m.start(), end, "AGENCY", name, "local.pemerintah", "ID", 0.75, place)]
    if m.group("kerajaan"):
        name = f"Kerajaan Negeri {place}"
        return [PatternHit(m.start(), end, "AGENCY", name, "local.kerajaan_negeri", "MY", 0.75, place)]
    if m.group("short"):
        kind = _SHORT_KINDS[m.group("short").lower()]
        name = f"Pemerintah {kind} {place}"
        return [PatternHit(m.start(), end, "AGENCY", name, "local.pemerintah", "ID", 0.75, place)]
    which = next(k for k in _LOCAL_KINDS if m.group(k))
    name = f"Pemerintah {_LOCAL_KINDS[which]} {place}"
    return [PatternHit(m.start(), end, "AGENCY", name, "local." + which, "ID", 0.65, place)]


def _local_acronym_hit(m: re.Match[str]) -> list[PatternHit]:
    """A region's body by its short form and the region ("Bappeda Kota Bogor"), as written."""
    raw = _trim_raw(m.group("place"))
    place = " ".join(raw.split())
    if not place or place.lower() in LEADING_NOISE:
        return []
    end = m.start("place") + len(raw)
    name = " ".join(m.string[m.start() : end].split())
    return [PatternHit(m.start(), end, "AGENCY", name, "local.acronym", "ID", 0.75)]


def _en_local_hit(m: re.Match[str]) -> list[PatternHit]:
    if m.group("of"):
        raw = _trim_raw(m.group("of"))
        kind = f"{m.group('ofkind')} " if m.group("ofkind") else ""  # "City Government of Manila"
        return [
            PatternHit(
                m.start(),
                m.start("of") + len(raw),
                "AGENCY",
                f"{kind}Government of {' '.join(raw.split())}",
                "local.government_of",
                None,
                0.6,
            )
        ]
    words = m.group("place").split()
    while words and words[0].lower() in LEADING_NOISE:
        words = words[1:]
    if not words:
        return []
    start = m.start("place") + _offset_of_word(m.group("place"), len(m.group("place").split()) - len(words))
    name = " ".join(m.string[start : m.end()].split())
    return [PatternHit(start, m.end(), "AGENCY", name, "local.en_government", None, 0.7)]


def _national_hit(m: re.Match[str]) -> list[PatternHit]:
    """Indonesia's President and Vice President, as the offices they hold (positions are
    recorded so, ``docs/annotation_entities.md``; "Pemerintah Pusat", a level of government,
    is no body), and its missions abroad ("Perwakilan Republik Indonesia")."""
    which = next(k for k in _NATIONAL_NAMES if m.group(k))
    return [PatternHit(m.start(), m.end(), "AGENCY", _NATIONAL_NAMES[which], "national." + which, "ID", 0.7)]


_GOVERNMENT_BEFORE = re.compile(r"(?:Pemerintah|PEMERINTAH)\s+(?:(?:Republik|REPUBLIK)\s+)?$")
_INSTRUMENT_BEFORE = re.compile(r"(?:Peraturan|PERATURAN)\s+$")
_GOVERNMENT_AFTER = re.compile(r"[ \t]+(?:Government|GOVERNMENT)(?![\w-])")
# a head of government named by the country: "Perdana Menteri Australia", "Prime Minister of
# Singapore" (the office, as the positions rule records a post)
_OFFICE_OF_PREMIER = re.compile(r"(?:Jabatan|JABATAN|Kantor|KANTOR)\s+$")  # "Jabatan Perdana Menteri"
_PRIME_MINISTER_BEFORE = re.compile(
    r"(?<![\w-])(?:Perdana\s+Menteri|PERDANA\s+MENTERI|Prime\s+Minister\s+of\s+(?:the\s+)?)\s*$"
)
# a central bank named by its country: "Bank Indonesia", "Bank Negara Malaysia", "Bank of
# Thailand", "State Bank of Vietnam"; not a development bank's office ("World Bank Indonesia")
_CENTRAL_BANK_BEFORE = re.compile(
    r"(?<!World )(?<!Development )(?<![\w-])"
    r"(?:(?:Central|National|State|Reserve)\s+Bank\s+of\s+(?:the\s+)?|Bank\s+(?:of\s+(?:the\s+)?|Negara\s+)?)$",
    re.IGNORECASE,
)


def country_government_hits(text: str, countries: list[tuple[int, int, str]]) -> list[PatternHit]:
    """National governments named by their country: "Pemerintah (Republik) Australia",
    "Singapore Government", "Malaysian Government"; and central banks ("Bank Indonesia",
    "Bank of Thailand"). ``countries``: (start, end, ISO code) of
    each country name or demonym found in ``text``."""
    hits = []
    for start, end, code in countries:
        before = _GOVERNMENT_BEFORE.search(text, max(0, start - 30), start)
        if before and _INSTRUMENT_BEFORE.search(text, max(0, before.start() - 12), before.start()):
            continue  # "Peraturan Pemerintah Republik Indonesia": an instrument's type, not a body
        if before:
            name = " ".join(text[before.start() : end].split())
            hits.append(
                PatternHit(before.start(), end, "AGENCY", _recase(name), "national.pemerintah", code, 0.7)
            )
            continue
        premier = _PRIME_MINISTER_BEFORE.search(text, max(0, start - 30), start)
        office = premier and _OFFICE_OF_PREMIER.search(text, max(0, premier.start() - 12), premier.start())
        if premier and not office and text[start].isupper():
            name = " ".join(text[premier.start() : end].split())
            rule = "national.prime_minister"
            hits.append(PatternHit(premier.start(), end, "AGENCY", _recase(name), rule, code, 0.7))
            continue
        bank = _CENTRAL_BANK_BEFORE.search(text, max(0, start - 30), start)
        if bank and text[start].isupper():
            name = " ".join(text[bank.start() : end].split())
            rule = "national.central_bank"
            hits.append(PatternHit(bank.start(), end, "AGENCY", _recase(name), rule, code, 0.7))
            continue
        after = _GOVERNMENT_AFTER.match(text, end)
        if after:
            name = " ".join(text[start : after.end()].split())
            hits.append(
                PatternHit(start, after.end(), "AGENCY", _recase(name), "national.government", code, 0.7)
            )
    return hits


def _recase(name: str) -> str:
    """Title-case a name written in capitals ("DINAS KESEHATAN" -> "Dinas Kesehatan")."""
    if not name.isupper():
        return name
    small = {"dan", "of", "and", "the", "for", "di", "serta", "on"}
    keep = {"DKI", "RI", "DPRD"}
    return " ".join(
        w.lower() if w.lower() in small else (w if w in keep else w.capitalize()) for w in name.split()
    )
