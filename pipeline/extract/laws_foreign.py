"""Citation grammars of Malaysian, Singaporean, Thai, Philippine, Vietnamese and treaty law.

Forms: "Local Government Act 1976 (Act 171)", "Act 709", "Akta 709", "Personal Data
Protection Act 2012", "Data Privacy Act of 2012", "Cybersecurity Act B.E. 2562" (Buddhist
era), the Indonesian way of citing foreign acts ("undang-undang Pemerintah Daerah 1976
(UU 171)", "Undang-undang Keamanan Siber (2019)"), Malaysian gazette notifications ("P.U. (A)
123/2024"), "Republic Act No. 10173", "Law No. 24/2018/QH14", EU regulations and directives
("Regulation (EU) 2016/679", "Directive 95/46/EC"), "Convention on ...", and leaders'
declarations and statements ("ASEAN Leaders' Declaration on ..."), Malay statutes by title
("Kanun Tanah Negara [Akta 56 tahun 1965]", "Ordinan Pelajaran 1957"), subsidiary legislation
titled with its year ("Minimum Wages Order 2024") and the constitutions of Malaysia,
Thailand, the Philippines, Singapore and Viet Nam. Where the form does not name the country
the jurisdiction is left to country attribution.
"""

from __future__ import annotations

import re

from pipeline.extract.lawmatch import LawMatch
from pipeline.extract.scan import KeywordIndex, positions_for, prefix_matches, window_matches
from pipeline.extract.text import parse_year
from pipeline.lang_data import word_set

YEAR = r"(?:1[89]\d\d|2[0Oo][0-9Oo]{2}|2[45]\d\d)(?![0-9])"
# "with" after a plural: whom the act is about ("Persons with Disabilities Act"), not "Compared with"
_CONNECT = r"(?:\s+(?:and|of|for|the|on|in|to|&)\s+|(?<=[a-z]s)\s+with\s+|\s+|-)"
_CAPW = r"(?!(?:The|This|That|An|A|In|Under|Of|And)\b)[A-Z][A-Za-z'-]*"
_TITLE_W = r"(?!(?:Act|ACT|Akta|Laws)\b)[A-Z][A-Za-z'-]*"
# a bracketed part of a title: "Road Transport (Amendment) Act", "Public Sector (Governance)
# Act", "Personal Data Protection (Class of Data Users) Order"
_TITLE_PAREN = r"\s*\([A-Z][A-Za-z'-]*(?:\s+[A-Za-z'-]+){0,5}\)"
_EN_TITLE = rf"(?P<title>(?!(?:Act|ACT|Laws)\b){_CAPW}(?:{_CONNECT}{_TITLE_W}|{_TITLE_PAREN}){{0,10}})"
# "Thailand's Computer Crime Act": the country's possessive is not part of the title
_POSSESSIVE = r"(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?['’]s\s+)?"
_ACT_NO = r"(?:\s*[\[(]\s*(?:Act|Akta|UU|ACT)\s+(?P<num>A?\d{1,4})\s*[\])])?"
_ACR = r"(?:\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\))?"
_BE = r"(?:B\.?\s?E\.?\s*)?"
# Singapore's number of an Act in its year: "(No. 26 of 2012)", "(Act 26 of 2012)"
_SG_ACT_NO = rf"(?:\s*[\[(]\s*(?:No\.?|Act)\s*(?P<sgnum>\d{{1,3}})\s+of\s+(?P<sgyear>{YEAR})\s*[\])])?"
# Malaysian subsidiary legislation's gazette number after its title: "Minimum Wages Order 2024
# [P.U. (A) 376/2024]" is one instrument
_PU_NO = (
    r"(?:\s*[\[(]\s*P\.?\s?U\.?\s*\(\s*(?P<puseries>[AB])\s*\)\s*(?P<punum>\d{1,4})"
    r"\s*/\s*(?P<puyear>(?:19|20)\d\d)\s*[\])])?"
)

EN_ACT = re.compile(
    rf"(?<![\w])(?:(?i:the)\s+)?{_POSSESSIVE}{_EN_TITLE}\s+"
    rf"(?P<kind>Act|ACT|Code|Ordinance|Enactment|Regulations|Rules|Order){_ACR}"
    rf"(?:\s*,?\s*(?:of\s+)?{_BE}\(?(?P<year>{YEAR})\)?)?{_ACT_NO}{_SG_ACT_NO}{_PU_NO}"
)
_MY_ACT_BRACKET = re.compile(r"[\[(]\s*(?:Act|Akta|ACT)\s+A?\d")
# not a date a reprint's list of amendments writes after "Act" ("Act 01-09-2003": in force from)
MY_ACT_NUMBER = re.compile(
    r"(?<![\w(])(?:Act|ACT|Akta|AKTA)\s+(?P<num>[1-9]\d{1,2}|A\d{3,4})(?![\d/.]|\w|-\d)"
)
# "P.U. (A) 123/2024", "PU(A) 123 of 2024": the series letter and a four-digit year are required.
MY_PU = re.compile(
    r"(?<![\w.])P\.?\s?U\.?\s*\(\s*(?P<series>[AB])\s*\)\s*(?:No\.?\s*)?(?P<num>\d{1,4})"
    r"(?:\s*/\s*|\s+(?i:of)\s+)(?P<year>(?:19|20)\d\d)(?![\d/])"
)
_ID_STOP_WORDS = word_set("act_title_stop")
_ID_STOP = "(?:" + "|".join(sorted(re.escape(w) for w in _ID_STOP_WORDS)) + ")"
_IDW = rf"(?!(?i:{_ID_STOP})\b)(?i:[a-z][a-z'-]*)"
# a Malay title may hold "Negara" ("Kanun Tanah Negara", "Akta Majlis Perundingan Gaji Negara"):
# the words that end an Indonesian "undang-undang Negara Republik ..." do not stop it
_MS_STOP = "(?:" + "|".join(sorted(re.escape(w) for w in _ID_STOP_WORDS - {"negara", "republik", "ri"})) + ")"
_MSW = rf"(?!(?i:{_MS_STOP})\b)(?i:[a-z][a-z'-]*)"
# "(Pindaan)", "(Kuasa-Kuasa Perlu)": a bracketed part of a Malay title
_MS_PAREN = r"\s*\([A-Z][\w'-]*(?:\s+[\w'-]+){0,4}\)"
# "[Akta 732]", "(Akta 56 tahun 1965)": the Act number, with its year inside the bracket or not
_MS_ACT_NO = (
    rf"(?:\s*[\[(]\s*(?:Act|Akta|ACT|AKTA)\s+(?P<num>A?\d{{1,4}})"
    rf"(?:\s+(?i:tahun|of)\s+(?P<numyear>{YEAR}))?\s*[\])])?"
)
ID_FOREIGN_ACT = re.compile(
    rf"(?<![\w-])(?P<kind>(?i:undang[-\s]*undang))\s+"
    rf"(?P<title>{_IDW}(?:\s+(?:(?i:dan|serta)\s+)?{_IDW}){{0,7}}){_ACR}"
    rf"\s*,?\s*(?:(?i:tahun)\s+)?{_BE}\(?(?P<year>{YEAR})\)?{_ACT_NO}"
)
# Malay statutes by title: "Akta Pendidikan 1996 (Akta 550)", "Akta Perlembagaan (Pindaan) 1971
# [Akta A30]", "Ordinan Pelajaran 1957", "Enakmen Tanah Negeri Selangor 1960", "Kanun Tanah
# Negara [Akta 56 tahun 1965]": a year after the title, or an Act number, is required
MS_ACT = re.compile(
    rf"(?<![\w-])(?P<kind>Akta|AKTA|Ordinan|ORDINAN|Enakmen|ENAKMEN|Kanun|KANUN)\s+"
    rf"(?P<title>{_MSW}(?:(?:\s+(?:(?i:dan|serta)\s+)?{_MSW})|{_MS_PAREN}){{0,9}})"
    rf"(?:\s*,?\s*(?:(?i:tahun)\s+)?\(?(?P<year>{YEAR})\)?(?:\s+(?i:dan|and)\s+(?P<year2>{YEAR}))?)?{_MS_ACT_NO}"
)
# Malay subsidiary legislation titled with its year: "Peraturan-Peraturan Perlindungan Data
# Peribadi 2013", "Kaedah-Kaedah Mahkamah 2012", "Perintah Gaji Minimum 2024" (the year
# required; a gazette number after it gives the instrument's id, as in English)
MS_SUBSIDIARY = re.compile(
    r"(?<![\w-])(?<!(?i:surat) )"  # an Indonesian "Surat Perintah" is a letter of command
    r"(?P<kind>Peraturan-Peraturan|PERATURAN-PERATURAN|Kaedah-Kaedah|KAEDAH-KAEDAH|Perintah|PERINTAH)\s+"
    rf"(?P<title>(?-i:[A-Z]){_MSW}(?:(?:\s+(?:(?i:dan|serta|bagi)\s+)?{_MSW})|{_MS_PAREN}){{0,9}})"
    rf"\s*,?\s*(?P<year>{YEAR}){_PU_NO}(?![\w/])"
)
# Constitutions other than Indonesia's (``laws_id.UUD``): Malaysia's "Federal Constitution" /
# "Perlembagaan Persekutuan", "Constitution of Malaysia", "Constitution of the Kingdom of
# Thailand B.E. 2560", "1987 Philippine Constitution", "Constitution of the Republic of the
# Philippines", "Constitution of the Republic of Singapore", "Constitution of the Socialist
# Republic of Viet Nam", the United States' ("U.S. Constitution", "Constitution of the United
# States"); the country is in the name.
_CONSTITUTION_OF = {
    "malaysia": "MY",
    "the kingdom of thailand": "TH",
    "thailand": "TH",
    "the republic of the philippines": "PH",
    "the philippines": "PH",
    "the republic of singapore": "SG",
    "singapore": "SG",
    "the socialist republic of viet nam": "VN",
    "the socialist republic of vietnam": "VN",
    "viet nam": "VN",
    "vietnam": "VN",
    "the united states": "US",
    "the united states of america": "US",
}
# one title per country, so that every form of a citation has one id
_CONSTITUTION_TITLE = {
    "MY": "Federal Constitution",
    "TH": "Constitution of the Kingdom of Thailand",
    "PH": "Constitution of the Republic of the Philippines",
    "SG": "Constitution of the Republic of Singapore",
    "VN": "Constitution of the Socialist Republic of Viet Nam",
    "US": "Constitution of the United States",
}
_OF_COUNTRY = "|".join(
    sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _CONSTITUTION_OF), key=len, reverse=True)
)
CONSTITUTION = re.compile(
    r"(?<![\w])(?:(?P<federal>Federal\s+Constitution|FEDERAL\s+CONSTITUTION|Perlembagaan\s+Persekutuan"
    r"|PERLEMBAGAAN\s+PERSEKUTUAN)(?!\s+(?:of|Negeri)\b)"
    rf"|(?:Constitution|CONSTITUTION)\s+of\s+(?P<of>(?i:{_OF_COUNTRY}))(?![\w])"
    rf"(?:\s*,?\s*{_BE}\(?(?P<year>{YEAR})\)?)?"
    r"|(?:(?P<phyear>19[0-9]{2})\s+)?(?P<ph>Philippine\s+Constitution)"
    r"|(?P<us>(?:United\s+States|U\.\s?S\.|US)\s+Constitution)(?![\w]))"
)
# "constitution of the republic" is also a keyword of Indonesia's (the index keeps the longest)
CONSTITUTION_KEYWORDS = (
    "federal constitution",
    "perlembagaan persekutuan",
    "constitution",
    "constitution of the republic",
    "philippine",
)


PH_REPUBLIC_ACT = re.compile(
    r"(?<![\w])(?:Republic\s+Act|R\.\s?A\.|RA)\s*(?:No\.?|Number)?\s*(?P<num>\d{3,5})(?![\d/])"
)
# Executive and administrative orders by number: "Executive Order No. 2, s. 2016" (the
# Philippines' series year), "Executive Order 13985", "Administrative Order No. 39"
EXECUTIVE_ORDER = re.compile(
    r"(?<![\w])(?P<kind>Executive|Administrative)\s+Order\s+(?:No\.?\s*)?(?P<num>\d{1,5})(?![\d/])"
    rf"(?:\s*,?\s*(?:s\.|[Ss]eries\s+of)\s*(?P<year>{YEAR}))?"
)
# "Law No. 24/2018/QH14", "Law on Urban Planning No. 30/2009/QH12", "Decree 13/2023/ND-CP";
# the Prime Minister's decisions and directives carry no year in their number
# ("Decision No. 950/QD-TTg"): the year comes from "of 2018" or "dated 1 August 2018" after it
VN_LEGAL = re.compile(
    r"(?<![\w])(?P<kind>Law|Decree|Decision|Circular|Resolution|Directive)"
    r"(?:\s+on\s+(?P<title>[A-Z][\w-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w-]*){0,6}))?"
    r"\s*,?\s+(?:No\.?\s*)?(?P<num>\d{1,4})/"
    r"(?:(?P<year>(?:19|20)\d\d)/(?P<code>[A-Z\u0110][A-Z0-9\u0110-]*)"
    r"|(?P<pm>(?:Q[D\u0110]|CT)-TTg)(?:\s*,?\s*(?:of|dated)\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(?P<pmyear>(?:19|20)\d\d))?)"
)
# "General Agreement on Tariffs and Trade": a leading "General" or "Multilateral" is the title's
TREATY = re.compile(
    r"(?<![\w])(?P<title>(?:(?:General|Multilateral)\s+)?(?:Convention|Treaty|Charter|Protocol|Agreement)"
    r"\s+(?:on|for|of|between|concerning)"
    r"\s+(?:the\s+)?[A-Z][\w-]*(?:(?:(?:\s+(?:and|of|the|on|in|to|for)){1,2}\s+|\s+)[A-Z][\w-]*){0,8}"
    r"|(?!(?:The|This|That|Such|Any|An|A|Its|Our|Their|In|Under)\b)(?:[A-Z][\w-]*\s+){1,6}(?:Convention|Treaty|Charter|Partnership\s+Agreement|Framework\s+Agreement))"
    r"(?:\s*,?\s*(?:of\s+)?\(?(?P<year>(?:19|20)\d\d)\)?)?"
)
# EU acts by number: "Regulation (EU) 2016/679", "Regulation (EU) No 910/2014", "Directive (EU)
# 2016/1148", "Directive 95/46/EC", "EU Regulation 2016/679". An EU mark is required: the
# bracketed author ("(EU)", "(EC)", "(EEC)", "(EU, Euratom)"), a suffix ("/EC") or a leading "EU".
_EU_ORG = r"(?:EU|EC|EEC)(?:\s*,\s*Euratom)?"
EU_ACT = re.compile(
    r"(?<![\w])(?:(?P<eu>EU)\s+)?(?P<kind>(?i:regulation|directive))\s*"
    rf"(?:(?:\(\s*(?P<org>{_EU_ORG})\s*\)\s*)?(?P<no>(?i:No)\.?\s*)?(?P<a>\d{{1,4}})\s*/\s*(?P<b>\d{{1,4}})"
    r"(?:\s*/\s*(?P<suffix>EU|EC|EEC))?)(?![\w/]|\.\d)"
)
# Leaders' declarations and statements: "ASEAN Leaders' Statement on Cybersecurity Cooperation",
# "Kuala Lumpur Declaration on ASEAN 2025", "Joint Statement on ...", "ASEAN Leaders' Vision
# Statement on a Cohesive and Responsive ASEAN". After "on" a Capitalised
# title is required; a statement needs a marker (Joint, Leaders', Ministers', Chairman's), a
# declaration a marker or a name before it ("Kuala Lumpur", "ASEAN"), never a generic word.
_DECL_GENERIC = word_set("declaration_generic_leads") | word_set("treaty_generic_leads")
_DECL_STOP = "|".join(sorted(map(re.escape, _DECL_GENERIC)))
_DW = rf"(?!(?i:{_DECL_STOP})\b)[A-Z][\w+-]*(?:'s?)?"
_DECL_MARK = r"(?:Joint|Leaders'|Ministers'|Chairman's|Chair's)"
_DECL_TITLE = (
    r"\s+on\s+(?:(?:the|a|an)\s+)?[A-Z][\w-]*"
    r"(?:(?:(?:\s+(?:and|of|the|on|in|to|for)){1,2}\s+|\s+)[A-Z][\w-]*){0,10}"
    r"(?:\s+\d{4}(?![\w/]))?"  # "on ASEAN 2025": a bare number belongs to the title
)
DECLARATION = re.compile(
    rf"(?<![\w'])(?P<title>(?:(?:{_DW}\s+){{0,4}}{_DECL_MARK}\s+(?:Vision\s+)?(?:Declaration|Statement)"
    rf"|(?:{_DW}\s+){{1,3}}Declaration){_DECL_TITLE})"
    r"(?:\s*(?:,\s*|\(\s*|\s+of\s+)(?P<year>(?:19|20)\d\d)(?:\s*\))?)?(?![\w])"
)
ACT_HEADS = ("act", "code", "ordinance", "enactment")
SUBSIDIARY_HEADS = ("regulations", "rules", "order")  # need a year: "Minimum Wages Order 2024"
MY_ACT_KEYWORDS = ("act", "akta")
MY_PU_KEYWORDS = ("p.u", "p. u", "pu")
ID_FOREIGN_KEYWORDS = ("undang*",)
MS_ACT_KEYWORDS = ("akta", "ordinan", "enakmen", "kanun")
MS_SUBSIDIARY_KEYWORDS = ("peraturan-peraturan", "kaedah-kaedah", "perintah")
PH_KEYWORDS = ("republic act", "r.a", "ra")
ORDER_KEYWORDS = ("executive order", "administrative order")
VN_KEYWORDS = ("law", "decree", "decision", "circular", "resolution", "directive")
TREATY_HEADS = ("convention", "treaty", "charter", "protocol", "agreement")
EU_KEYWORDS = ("regulation", "directive")
DECLARATION_HEADS = ("declaration", "statement")
KEYWORDS = (
    *ACT_HEADS,
    *SUBSIDIARY_HEADS,
    *MY_ACT_KEYWORDS,
    *MY_PU_KEYWORDS,
    *ID_FOREIGN_KEYWORDS,
    *MS_ACT_KEYWORDS,
    *MS_SUBSIDIARY_KEYWORDS,
    *CONSTITUTION_KEYWORDS,
    *PH_KEYWORDS,
    *VN_KEYWORDS,
    *ORDER_KEYWORDS,
    *TREATY_HEADS,
    *EU_KEYWORDS,
    *DECLARATION_HEADS,
)
_VN_TYPES = {"Law": "act", "Decree": "regulation", "Circular": "regulation"}
_GENERIC_TREATY_WORDS = word_set("treaty_generic_leads")


def _year(text: str | None) -> int | None:
    return parse_year(text) if text else None


def find_en_acts(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """English act titles with a year or an Act number: "Personal Data Protection Act 2012",
    "Road Transport (Amendment) Act 2010 (Act A1380)"; subsidiary legislation titled with its
    year ("Personal Data Protection Regulations 2013", "Minimum Wages Order 2024"), type
    ``regulation``; an act's title of two or more words alone ("the Public Sector (Governance)
    Act"), or a code's ("the Penal Code"), grammar ``en.act_bare``, which the extractor keeps
    only when the document cites that title in full elsewhere or the knowledge base knows it
    for the country the text is on. A country's possessive before the title
    ("Thailand's ...") is left out of the match, so that both forms of one act have one id."""
    out = []
    heads = positions_for(text, index, ACT_HEADS + SUBSIDIARY_HEADS)
    for m in window_matches(EN_ACT, text, heads):
        year, num = _year(m.group("year")), m.group("num")
        year = year or _year(m.group("sgyear"))
        subsidiary = m.group("kind").lower() in SUBSIDIARY_HEADS
        words = len(m.group("title").split())
        bare = year is None and num is None
        # a code's title alone may be one word, after "the" ("the Penal Code"; not "QR Code");
        # an act's needs two words
        code = m.group("kind") == "Code" and m.group().lower().startswith("the ")
        too_short = words < (1 if code else 2)
        if (bare and (subsidiary or too_short or not (m.group("kind") == "Act" or code))) or (
            subsidiary and (year is None or num is not None or words < 2)
        ):
            continue
        title = " ".join(m.group("title").split()) + " " + m.group("kind").capitalize()
        if m.group("punum"):  # "Minimum Wages Order 2024 [P.U. (A) 376/2024]": the gazette's id
            series = m.group("puseries")
            out.append(
                LawMatch(
                    m.start("title"),
                    m.end(),
                    type="regulation",
                    jurisdiction="MY",
                    number=f"PU-{series}-{int(m.group('punum'))}",
                    year=int(m.group("puyear")),
                    title=title,
                    grammar="en.act_title",
                    extras={"series": series},
                    confidence=0.85,
                )
            )
            continue
        out.append(
            LawMatch(
                m.start("title"),
                m.end(),
                type="regulation" if subsidiary else "act",
                # "... Act 2010 [Act 715]": the Act number in brackets is Malaysia's, as "Act 709" alone
                jurisdiction="MY" if num and _MY_ACT_BRACKET.search(m.group()) else None,
                number=num,
                year=year,
                title=title,
                acronym=m.group("acr"),
                # a title alone is kept only where the knowledge base knows it for the
                # country the text is on (extractor.laws_by_bare_title)
                grammar="en.act_bare" if bare else "en.act_title",
                # Singapore's "(No. 26 of 2012)" is kept aside: its acts are known by title and year
                extras={"sg_number": m.group("sgnum")} if m.group("sgnum") else {},
                confidence=0.85,
            )
        )
    return out


def find_my_act_numbers(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Malaysian Act numbers on their own: "Act 709", "Akta 709" (never a year)."""
    starts = positions_for(text, index, MY_ACT_KEYWORDS)
    return [
        LawMatch(
            m.start(),
            m.end(),
            type="act",
            jurisdiction="MY",
            number=m.group("num"),
            grammar="my.act_number",
            confidence=0.85,
        )
        for m in prefix_matches(MY_ACT_NUMBER, text, starts)
    ]


def find_my_gazette_notifications(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Malaysian gazette notifications (Pemberitahu Undang-Undang): "P.U. (A) 123/2024",
    "PU(A) 123/2024", "P.U.(B) 45 of 2015", "[P.U. (A) 123/2024]".

    Series (A) is subsidiary legislation, series (B) notices; both take type ``regulation``
    and the series goes into the number ("PU-A-123"), so every spelling of one notification
    has one id (``my/regulation/2024/pu-a-123``) while (A) and (B) of the same number and
    year differ. The series is also in ``extras["series"]``. The year is required, and so is
    the series: "P.U. 123" alone, "P.U.D." and the Indonesian "PU" (Pekerjaan Umum) are not
    citations.
    """
    starts = positions_for(text, index, MY_PU_KEYWORDS)
    return [
        LawMatch(
            m.start(),
            m.end(),
            type="regulation",
            jurisdiction="MY",
            number=f"PU-{m.group('series')}-{int(m.group('num'))}",
            year=int(m.group("year")),
            grammar="my.pu",
            extras={"series": m.group("series")},
        )
        for m in prefix_matches(MY_PU, text, starts)
    ]


def find_id_foreign_acts(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Acts cited by title and year in Indonesian or Malay ("undang-undang Pemerintah Daerah 1976
    (UU 171)")."""
    out = []
    starts = positions_for(text, index, ID_FOREIGN_KEYWORDS)
    for m in prefix_matches(ID_FOREIGN_ACT, text, starts):
        title = " ".join(m.group("title").split())
        out.append(
            LawMatch(
                m.start(),
                m.end(),
                type="act",
                number=m.group("num"),
                year=_year(m.group("year")),
                title=title,
                acronym=m.group("acr"),
                grammar="id.foreign_act",
                confidence=0.75,
            )
        )
    return out


_MS_KIND = {"akta": "", "ordinan": "Ordinan ", "enakmen": "Enakmen ", "kanun": "Kanun "}


def find_ms_acts(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Malay statutes cited by title with a year or an Act number (``MS_ACT``), type ``act``:
    "Akta Pendidikan 1996 (Akta 550)", "Ordinan Pelajaran 1957", "Kanun Tanah Negara [Akta 56
    tahun 1965]". The title of an "Akta" is the words after it, as in the Indonesian form; an
    ordinance, enactment or code keeps its kind ("Ordinan Pelajaran")."""
    out = []
    for m in prefix_matches(MS_ACT, text, positions_for(text, index, MS_ACT_KEYWORDS)):
        year, num = _year(m.group("year") or m.group("numyear")), m.group("num")
        if year is None and num is None:
            continue
        if m.group("year2") and num is not None:
            year = None  # "Akta Tafsiran 1948 dan 1967 [Akta 388]": the number says which
        title = _MS_KIND[m.group("kind").lower()] + " ".join(m.group("title").split())
        out.append(
            LawMatch(
                m.start(),
                m.end(),
                type="act",
                number=num,
                year=year,
                title=title,
                grammar="ms.act_title",
                confidence=0.75,
            )
        )
    return out


def find_ms_subsidiary(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Malay subsidiary legislation titled with its year (``MS_SUBSIDIARY``), type
    ``regulation`` of Malaysia: "Perintah Gaji Minimum 2024" (with its gazette number,
    "[P.U. (A) 376/2024]", the number is the gazette's, as for "Minimum Wages Order 2024")."""
    out = []
    for m in prefix_matches(MS_SUBSIDIARY, text, positions_for(text, index, MS_SUBSIDIARY_KEYWORDS)):
        title = m.group("kind").capitalize() + " " + " ".join(m.group("title").split())
        number, year = None, _year(m.group("year"))
        if m.group("punum"):
            number, year = f"PU-{m.group('puseries')}-{int(m.group('punum'))}", int(m.group("puyear"))
        out.append(
            LawMatch(
                m.start(),
                m.end(),
                type="regulation",
                jurisdiction="MY",
                number=number,
                year=year,
                title=title,
                grammar="ms.subsidiary_title",
                confidence=0.75,
            )
        )
    return out


def find_constitutions(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Constitutions of Malaysia, Thailand, the Philippines, Singapore, Viet Nam and the
    United States (``CONSTITUTION``), type ``constitution``, the country from the name, one title per
    country, the year when the citation gives it; "Federal Constitution of Nigeria" and
    "Perlembagaan Negeri" are left alone."""
    out = []
    for m in window_matches(CONSTITUTION, text, positions_for(text, index, CONSTITUTION_KEYWORDS), 16, 80):
        if m.group("federal"):
            country = "MY"
        elif m.group("us"):
            country = "US"
        elif m.group("of"):
            country = _CONSTITUTION_OF[" ".join(m.group("of").lower().split())]
        else:
            country = "PH"
        out.append(
            LawMatch(
                m.start(),
                m.end(),
                type="constitution",
                jurisdiction=country,
                year=_year(m.group("year") or m.group("phyear")),
                title=_CONSTITUTION_TITLE[country],
                grammar="constitution",
                confidence=0.85,
            )
        )
    return out


def find_ph_acts(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Philippine Republic Acts: "Republic Act No. 10173", "R.A. 11032"."""
    starts = positions_for(text, index, PH_KEYWORDS)
    return [
        LawMatch(
            m.start(),
            m.end(),
            type="act",
            jurisdiction="PH",
            number=m.group("num"),
            grammar="ph.republic_act",
        )
        for m in prefix_matches(PH_REPUBLIC_ACT, text, starts)
    ]


def find_executive_orders(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Executive and administrative orders by number (``EXECUTIVE_ORDER``), type ``other``,
    the year from the Philippine series ("s. 2016"); the country is left to attribution."""
    return [
        LawMatch(
            m.start(),
            m.end(),
            type="other",
            number=m.group("num"),
            year=_year(m.group("year")),
            title=f"{m.group('kind')} Order No. {m.group('num')}",
            grammar="executive_order",
            confidence=0.8,
        )
        for m in prefix_matches(EXECUTIVE_ORDER, text, positions_for(text, index, ORDER_KEYWORDS))
    ]


def find_vn_instruments(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Vietnamese numbered instruments: "Law No. 24/2018/QH14", "Law on Urban Planning No.
    30/2009/QH12" (the title kept), "Decree 13/2023/ND-CP", the Prime Minister's "Decision No.
    950/QD-TTg" (its year from "of 2018" or "dated 1 August 2018" after it, or none)."""
    out = []
    starts = positions_for(text, index, VN_KEYWORDS)
    for m in prefix_matches(VN_LEGAL, text, starts):
        year = m.group("year") or m.group("pmyear")
        out.append(
            LawMatch(
                m.start(),
                m.end(),
                type=_VN_TYPES.get(m.group("kind"), "other"),
                jurisdiction="VN",
                number=m.group("num"),
                year=int(year) if year else None,
                title=f"{m.group('kind')} on {m.group('title')}" if m.group("title") else None,
                grammar="vn.numbered",
                extras={"code": m.group("code") or m.group("pm")},
            )
        )
    return out


def _eu_year(token: str) -> int | None:
    """A year in an EU act number: four digits, or two for the years before 2000 ("95/46/EC")."""
    value = int(token)
    if len(token) == 2:
        return 1900 + value
    return value if len(token) == 4 and 1950 <= value <= 2099 else None


def _eu_year_first(m: re.Match[str]) -> bool:
    """Whether an EU act's number reads year/number ("2016/679", "95/46/EC") or number/year
    ("No 910/2014", the regulations before 2015)."""
    a, b = m.group("a"), m.group("b")
    if m.group("suffix") or m.group("kind").lower() == "directive":
        return True  # directives and "/EC" forms always put the year first
    if _eu_year(a) is None:
        return False
    if m.group("no"):
        return _eu_year(b) is None  # "No 910/2014"; "No. 2016/679" written loosely
    return int(a) >= 2015 or _eu_year(b) is None


def find_eu_acts(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """EU regulations and directives by number: "Regulation (EU) 2016/679", "Regulation (EU) No
    910/2014", "Directive (EU) 2016/1148", "Directive 95/46/EC", "EU Regulation 2016/679".

    Jurisdiction ``EU``, type ``regulation`` or ``directive``. The number is read the way the
    EU writes it: year first since 2015 ("2016/679") and in directives and "/EC" forms
    ("95/46/EC": 1995, number 46); number first in the older regulations ("No 910/2014",
    "No 1612/68": 1968). Two-digit years are 19xx. The id is ``eu/<type>/<year>/<number>``
    (``eu/regulation/2016/679``); a form without an EU mark ("Regulation 2016/679") is left
    alone.
    """
    out = []
    for m in window_matches(EU_ACT, text, positions_for(text, index, EU_KEYWORDS), before=8, after=60):
        if not (m.group("eu") or m.group("org") or m.group("suffix")):
            continue
        year_token, number = (m.group("a"), m.group("b"))
        if not _eu_year_first(m):
            year_token, number = number, year_token
        year = _eu_year(year_token)
        if year is None:
            continue
        org = m.group("org") or m.group("suffix") or "EU"
        out.append(
            LawMatch(
                m.start(),
                m.end(),
                type=m.group("kind").lower(),
                jurisdiction="EU",
                number=str(int(number)),
                year=year,
                grammar="eu.numbered",
                extras={"org": " ".join(org.split())},
            )
        )
    return out


def find_declarations(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Leaders' declarations and statements: "ASEAN Leaders' Declaration on ...", "ASEAN
    Leaders' Statement on ...", "Kuala Lumpur Declaration on ...", "ASEAN Declaration on ...",
    "Joint Statement on ...", with an optional year in brackets or after a comma or "of"
    ("... Smart Cities (2018)"); a bare number after the title is part of it ("Kuala Lumpur
    Declaration on ASEAN 2025", adopted in 2015).

    Type ``declaration``, jurisdiction ``INT``, the whole title kept (the id is its slug, as
    for treaties). "on" and a Capitalised title are required, so "a statement on the matter",
    "the declaration on page 4" and "Declaration of Interest" are not instruments; a bare
    "Statement on ..." needs a marker (Joint, Leaders', Ministers', Chairman's), and a word
    before "Declaration" must not be generic ("Annual", "Customs", "See").
    """
    heads = positions_for(text, index, DECLARATION_HEADS)
    return _titled_instruments(window_matches(DECLARATION, text, heads, before=80, after=160), "declaration")


def find_treaties(text: str, index: KeywordIndex | None = None) -> list[LawMatch]:
    """Named international instruments: "Convention on the Rights of the Child", "ASEAN Charter"."""
    heads = positions_for(text, index, TREATY_HEADS)
    matches = window_matches(TREATY, text, heads, before=120, after=160)
    return _titled_instruments(matches, "treaty", skip_leads=_GENERIC_TREATY_WORDS)


def _titled_instruments(
    matches: list[re.Match[str]], kind: str, skip_leads: frozenset[str] = frozenset()
) -> list[LawMatch]:
    """International instruments known by their title (``title`` and ``year`` groups of the
    matches), jurisdiction INT; a title whose first word is in ``skip_leads`` is generic."""
    out = []
    for m in matches:
        title = " ".join(m.group("title").split())
        if title.split()[0].lower() in skip_leads:
            continue
        out.append(
            LawMatch(
                m.start(),
                m.end(),
                type=kind,
                jurisdiction="INT",
                year=_year(m.group("year")),
                title=title,
                grammar=f"int.{kind}",
                confidence=0.7,
            )
        )
    return out
