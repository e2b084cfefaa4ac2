"""Acronyms a document defines, and where it uses them afterwards.

Definitions: "Sistem Pemerintahan Berbasis Elektronik (SPBE)", "Kominfo (Kementerian
Komunikasi dan Informatika)", "Pembatasan Sosial Berskala Besar yang selanjutnya disingkat
PSBB", "... (hereinafter referred to as "DEPA")" and glossary lines ("ADB Asian Development
Bank"). The long form is the shortest run of preceding words whose letters spell the
acronym in order, the first letter starting the first word (Schwartz & Hearst 2003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.extract.text import initials_match
from pipeline.lang_data import word_set

ACR = r"(?=[\w&.+-]*[A-Z])[A-Za-z0-9][\w&.+-]{1,14}(?:\s[IVX]{1,4})?"
PAREN = re.compile(r"\((?P<inner>[^()\x00\n]{2,150})\)")
ACR_ONLY = re.compile(rf"{ACR}$")
ACR_BEFORE = re.compile(rf"(?<![\w-])(?P<acr>{ACR})\s*$")
# the level of government a short form keeps ("yang selanjutnya disebut Disdukcapil
# Kabupaten/Kota"): a province's office and a regency's share the short form's first word
_REGION_QUALIFIER = r"(?:Kabupaten/Kota|Kabupaten|Kota|Provinsi)(?![\w/-])"
DEFINED_AS = re.compile(
    r"(?:,?\s*\(?\s*(?:yang\s+)?selanjutnya\s+(?:disingkat|disebut)(?:\s+dengan)?"
    r"|\s*\(?\s*hereinafter(?:\s+referred\s+to\s+as|\s+called)?)"
    rf"\s+[\"']?(?:the\s+)?(?P<acr>{ACR})(?![\w-])(?P<qual>[ \t]+{_REGION_QUALIFIER})?"
)
GLOSSARY = re.compile(
    r"[\n\x00][ \t]*(?P<acr>[A-Z][A-Za-z0-9&-]{1,9})[ \t]+(?P<long>[A-Z][^\n\x00]{3,120})(?=[\n\x00]|$)"
)
_WORD = re.compile(r"[^\s()\[\],;:.\x00]+(?:\.[^\s()\[\],;:\x00]+)*")
_BREAK = re.compile(r"[.;:()\[\]\x00]|\n\s*\n")
_FUNCTION_WORDS = word_set("acronym_function_words")
TECHNICAL = word_set("technical_acronyms")
OPERATORS = frozenset("=+*×÷<>≤≥^") | {"x", "X"}  # not "/": "Nomor 14/OJK", "LAN/WAN"
LIST_JOINS = frozenset({",", "/", "&", "dan", "and", "or", "atau", "serta"})
_TOKEN = re.compile(r"[^\s,/&()\[\]]+|[,/&]")


@dataclass
class AcronymDef:
    """An acronym and its long form, with both spans in the text."""

    acronym: str
    long_form: str
    long_start: int
    long_end: int
    acr_start: int
    acr_end: int
    rule: str


def find_definitions(text: str) -> list[AcronymDef]:
    """Every acronym definition in ``text``, first definition of each acronym first."""
    defs: list[AcronymDef] = []
    for m in PAREN.finditer(text):
        defs.extend(_parenthesised(text, m))
    for keyword in ("selanjutnya", "hereinafter"):
        defs.extend(_defined_as(text, keyword))
    for m in GLOSSARY.finditer(text):
        long_words = _glossary_long(m.group("acr"), m.group("long"))
        if long_words:
            end = m.start("long") + len(long_words)
            defs.append(
                AcronymDef(
                    m.group("acr"),
                    " ".join(long_words.split()),
                    m.start("long"),
                    end,
                    m.start("acr"),
                    m.end("acr"),
                    "glossary",
                )
            )
    return sorted((d for d in _with_bare_forms(defs) if _plausible(d)), key=lambda d: d.acr_start)


def _with_bare_forms(defs: list[AcronymDef]) -> list[AcronymDef]:
    """``defs`` and, for a short form with a level of government ("DPRD Kabupaten") whose
    first word no other definition uses, that word alone as a short form of the same body:
    the document then writes "DPRD" for it too. Where two levels share the word
    ("Disdukcapil Provinsi", "Disdukcapil Kabupaten/Kota") the word alone names neither."""
    firsts: dict[str, set[str]] = {}
    for d in defs:
        firsts.setdefault(d.acronym.split()[0], set()).add(d.acronym)
    bare = [
        replace(d, acronym=d.acronym.split()[0], acr_end=d.acr_start + len(d.acronym.split()[0]))
        for d in defs
        if " " in d.acronym
        and re.search(_REGION_QUALIFIER + "$", d.acronym)
        and len(firsts[d.acronym.split()[0]]) == 1
    ]
    return defs + bare


def _parenthesised(text: str, m: re.Match[str]) -> list[AcronymDef]:
    """ "Long Form (ACR)" or "ACR (Long Form)" around one parenthesis."""
    inner = m.group("inner")
    if ACR_ONLY.match(inner):
        found = _long_before(text, m.start(), inner)
        if found:
            return [
                AcronymDef(
                    inner, found[2], found[0], found[1], m.start("inner"), m.end("inner"), "paren_after"
                )
            ]
        return []
    before = ACR_BEFORE.search(text, max(0, m.start() - 20), m.start())
    words = inner.split()
    if before and len(words) >= 2 and words[0][0].lower() == before.group("acr")[0].lower():
        acr = before.group("acr")
        if _strict_initials(acr, words) or initials_match(acr, words):
            return [
                AcronymDef(
                    acr,
                    " ".join(words),
                    m.start("inner"),
                    m.end("inner"),
                    before.start("acr"),
                    before.end("acr"),
                    "paren_before",
                )
            ]
    return []


def _defined_as(text: str, keyword: str) -> list[AcronymDef]:
    """ "Long Form yang selanjutnya disingkat ACR", "Long Form (hereinafter "ACR")"."""
    out = []
    pos = text.find(keyword)
    while pos >= 0:
        m = DEFINED_AS.search(text, max(0, pos - 8), pos + 60)
        if m and m.start() <= pos:
            # "Gerbang Pembayaran Nasional (National Payment Gateway) yang selanjutnya
            # disingkat GPN": the long form stands before its translation
            aside = _ASIDE_BEFORE.search(text, max(0, m.start() - 100), m.start())
            found = _long_before(text, m.start(), m.group("acr")) or (
                _long_before(text, aside.start(), m.group("acr")) or _translated(text, aside, m.group("acr"))
                if aside
                else None
            )
            if found:
                acr_end = m.end("qual") if m.group("qual") else m.end("acr")
                out.append(
                    AcronymDef(
                        " ".join(text[m.start("acr") : acr_end].split()),
                        found[2],
                        found[0],
                        found[1],
                        m.start("acr"),
                        acr_end,
                        "defined_as",
                    )
                )
        pos = text.find(keyword, pos + 1)
    return out


_ASIDE_BEFORE = re.compile(r"[ \t\n]*\([^()\x00\n]{3,80}\)[ \t\n]*$")


_CAPITALISED = re.compile(r"[A-Z0-9][\w'&/-]*")
_JOINERS = frozenset({"dan", "and", "of", "for", "untuk"})


def _translated(text: str, aside: re.Match[str], acronym: str) -> tuple[int, int, str] | None:
    """The long form before a bracketed translation that spells the acronym: in "Standar
    Nasional QR Code Pembayaran (Quick Response Code Indonesian Standard) yang selanjutnya
    disebut QRIS" the English words spell QRIS and the name is the capitalised run of two
    words or more before them (at most ten, back to a break)."""
    inner = text.rindex(")", aside.start(), aside.end())
    spelled = _long_before(text, inner, acronym)
    if spelled is None or spelled[0] < aside.start():
        return None
    window_start = max(0, aside.start() - 160)
    cut = [b.end() for b in _BREAK.finditer(text, window_start, aside.start())]
    words = list(_WORD.finditer(text, cut[-1] if cut else window_start, aside.start()))
    run: list[re.Match[str]] = []
    for w in reversed(words[-10:]):
        if not (_CAPITALISED.fullmatch(w.group()) or (run and w.group() in _JOINERS)):
            break
        run.insert(0, w)
    while run and run[0].group() in _JOINERS:
        run.pop(0)
    if len(run) < 2:
        return None
    start, end = run[0].start(), run[-1].end()
    return start, end, " ".join(text[start:end].split())


def _plausible(d: AcronymDef) -> bool:
    """One capital is enough ("Kominfo") only with a long form of two words or more."""
    capitals = sum(c.isupper() for c in d.acronym)
    words = len(d.long_form.split())
    return capitals >= 2 or (len(d.acronym) >= 4 and words >= 2)


def _long_before(text: str, pos: int, acronym: str) -> tuple[int, int, str] | None:
    """The shortest run of words before ``pos`` that spells ``acronym``: (start, end, text)."""
    window_start = max(0, pos - 240)
    window = text[window_start:pos]
    cut = [b.end() for b in _BREAK.finditer(window)]
    base = window_start + (cut[-1] if cut else 0)
    words = list(_WORD.finditer(text, base, pos))
    letters = sum(c.isalnum() for c in acronym)
    max_words = min(len(words), letters + 5, 2 * letters + 1)
    for k in range(1, max_words + 1):
        chosen = words[-k:]
        first = chosen[0].group()
        if first.lower() in _FUNCTION_WORDS or first[0].lower() != acronym[0].lower():
            continue
        if initials_match(acronym, [w.group() for w in chosen]):
            start, end = chosen[0].start(), chosen[-1].end()
            if first.lower() == acronym.lower():
                return None
            return start, end, " ".join(text[start:end].split())
    return None


def _content_initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS and w[:1].isalnum()).lower()


def _strict_initials(acronym: str, words: list[str]) -> bool:
    letters = "".join(c for c in acronym if c.isupper() or c.isdigit()).lower()
    return len(letters) >= 2 and _content_initials(words) == letters


def _glossary_long(acronym: str, line: str) -> str | None:
    """The prefix of ``line`` whose content-word initials spell ``acronym`` exactly."""
    parts = list(re.finditer(r"[^\s,/]+", line))
    letters = "".join(c for c in acronym if c.isupper() or c.isdigit()).lower()
    for k in range(len(letters), len(parts) + 1):
        words = [p.group() for p in parts[:k]]
        if _content_initials(words) == letters:
            return line[: parts[k - 1].end()]
        if len(_content_initials(words)) > len(letters):
            break
    return None


def find_uses(text: str, acronyms: list[str]) -> list[tuple[int, int, str]]:
    """Every whole-word, case-sensitive occurrence of the acronyms: (start, end, acronym)."""
    if not acronyms:
        return []
    alternation = "|".join(re.escape(a) for a in sorted(set(acronyms), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _neighbours(text: str, start: int, end: int, count: int = 2) -> tuple[list[str], list[str]]:
    """The ``count`` tokens (words, or the separators ``, / &``) before and after a span, on
    its line, nearest first."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = _TOKEN.findall(text[max(line_start, start - 80) : start])[::-1][:count]
    right = _TOKEN.findall(text[end : min(line_end, end + 80)])[:count]
    return left, right


_HYPHEN_AFTER = re.compile(r"-\w")
_HYPHEN_BEFORE = re.compile(r"\w-$")


def out_of_place(text: str, start: int, end: int) -> bool:
    """Whether an acronym at ``text[start:end]`` stands where it cannot name a body: next to
    an operator of a formula ("BI = 0,5 x PI"), in a list with a technical term ("LAN, WAN
    dan Internet"), or joined by a hyphen into a longer code ("PBB-P2", a land and building
    tax, is not the PBB, the United Nations)."""
    if _HYPHEN_AFTER.match(text, end) or _HYPHEN_BEFORE.search(text, max(0, start - 2), start):
        return True
    left, right = _neighbours(text, start, end)
    if (left and left[0] in OPERATORS) or (right and right[0] in OPERATORS):
        return True
    for side in (left, right):
        if len(side) == 2 and side[0].casefold() in LIST_JOINS and side[1].casefold() in TECHNICAL:
            return True
    return False
