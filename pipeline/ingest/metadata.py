"""Document metadata: title, year, DOI, and the legal instrument a regulation's title names."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.ingest.geometry import Line

DOI = re.compile(r"\b(10\.\d{4,9}/[-._;()/:A-Za-z0-9<>]+[A-Za-z0-9/])")
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_BAD_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel)\b|untitled|document\d*$|doc\d*$|slide\s*\d*$|\W*$)"
    r"|\.(?:docx?|pdf|tex|indd|rtf|odt|pptx?|xlsx?)$|\btemplate\b",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_NOT_TITLE_LINE = re.compile(
    r"@|https?://|www\.|\bISSN\b|\be-?mail\b|\bdoi\b|\bvol(?:ume)?\.?\s*\d|\u00a9|received|accepted",
    re.IGNORECASE,
)
_NOT_A_TITLE = re.compile(r"^(?:table of )?contents$|^daftar isi$|^abstra(?:ct|k)$|^salinan$", re.IGNORECASE)

# (pattern over upper-cased text, instrument type); the first that matches wins
_NOMOR = (
    r"\s+(?:REPUBLIK\s+INDONESIA\s+)?(?:NOMOR|NO\.?)\s*:?\s*(?P<number>[\w./-]+?)\s*,?"
    r"\s+TAHUN\s+(?P<year>\d{4})"
)
INSTRUMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"UNDANG-UNDANG\s+DASAR\b.{0,60}?TAHUN\s+(?P<year>\d{4})"), "uud"),
    (re.compile(r"PERATURAN\s+PEMERINTAH\s+PENGGANTI\s+UNDANG-UNDANG" + _NOMOR), "perppu"),
    (re.compile(r"UNDANG-UNDANG" + _NOMOR), "uu"),
    (re.compile(r"PERATURAN\s+PEMERINTAH" + _NOMOR), "pp"),
    (re.compile(r"PERATURAN\s+PRESIDEN" + _NOMOR), "perpres"),
    (re.compile(r"INSTRUKSI\s+PRESIDEN" + _NOMOR), "inpres"),
    (re.compile(r"KEPUTUSAN\s+PRESIDEN" + _NOMOR), "keppres"),
    (re.compile(r"PERATURAN\s+OTORITAS\s+JASA\s+KEUANGAN" + _NOMOR), "pojk"),
    (
        re.compile(
            r"SURAT\s+EDARAN\s+OTORITAS\s+JASA\s+KEUANGAN\s+(?:REPUBLIK\s+INDONESIA\s+)?(?:NOMOR|NO\.?)\s*"
            r"(?P<number>\d+\s?/\s?SEOJK[\w.]*\s?/\s?(?P<year>\d{4}))"
        ),
        "seojk",
    ),
    (re.compile(r"PERATURAN\s+MENTERI\b[A-Z ,]{0,120}?" + _NOMOR), "permen"),
    (re.compile(r"KEPUTUSAN\s+MENTERI\b[A-Z ,]{0,120}?" + _NOMOR), "kepmen"),
    (re.compile(r"PERATURAN\s+DAERAH\b[A-Z .]{0,80}?" + _NOMOR), "perda"),
    (re.compile(r"PERATURAN\s+GUBERNUR\b[A-Z .]{0,80}?" + _NOMOR), "pergub"),
    (re.compile(r"PERATURAN\s+BUPATI\b[A-Z .]{0,80}?" + _NOMOR), "perbup"),
    (re.compile(r"PERATURAN\s+WALI\s?KOTA\b[A-Z .]{0,80}?" + _NOMOR), "perwali"),
    (re.compile(r"PERATURAN\s+(?:KEPALA\s+)?(?:BADAN|LEMBAGA)\b[A-Z ,]{0,120}?" + _NOMOR), "perka"),
    (re.compile(r"\bACT\s+(?P<number>\d{1,4})\b.{0,200}?\bACT\s+(?P<year>\d{4})\b", re.DOTALL), "act"),
)


def sensible_title(value: str | None) -> str | None:
    """A metadata title worth keeping (not a file name, "Microsoft Word - ...", or empty)."""
    if not value:
        return None
    t = _SPACE.sub(" ", value).strip()
    if len(t) < 8 or len(t) > 300 or len(t.split()) < 2 or _BAD_TITLE.search(t):
        return None
    return t


def title_from_lines(lines: list[Line], page_height: float, body: float) -> str | None:
    """The most prominent lines in the upper part of the first page, joined.

    Prominence is the line size, raised for bold and for capitals; lines that are
    addresses, e-mails, identifiers or journal furniture are not candidates.
    """
    upper = [
        ln
        for ln in lines
        if ln.top < 0.6 * page_height
        and sum(c.isalpha() for c in ln.text) >= 3
        and not _NOT_TITLE_LINE.search(ln.text)
    ]
    if not upper:
        return None
    best = max(_prominence(ln) for ln in upper)
    if best < 1.15 * body:
        return None
    picked = [ln for ln in sorted(upper, key=lambda ln: ln.top) if _prominence(ln) >= best - 0.6]
    group = [picked[0]]
    for ln in picked[1:]:
        if ln.top - group[-1].bottom > 2.0 * ln.size or _style(ln) != _style(group[0]):
            break
        group.append(ln)
    title = _SPACE.sub(" ", " ".join(ln.text for ln in group)).strip()
    if len(title) < 4 or _NOT_A_TITLE.match(title):
        return None
    return title[:300]


def _style(line: Line) -> tuple[bool, bool]:
    letters = [c for c in line.text if c.isalpha()]
    return line.bold, sum(c.isupper() for c in letters) >= 0.5 * max(1, len(letters))


def _prominence(line: Line) -> float:
    bold, capitals = _style(line)
    return line.size * (1.1 if bold else 1.0) * (1.05 if capitals else 1.0)


def find_instrument(text: str) -> tuple[dict[str, Any], str] | None:
    """The instrument named at the start of a regulation, and its title line.

    Returns ``({"type", "number", "year"}, title)`` where the title runs from the instrument
    name through "TENTANG <subject>" when present.
    """
    upper = _SPACE.sub(" ", text.replace("\u00ad", "-")).upper()
    matches = [(m, kind) for pattern, kind in INSTRUMENTS if (m := pattern.search(upper))]
    if matches:
        m, kind = min(matches, key=lambda mk: mk[0].start())
        groups = m.groupdict()
        number = groups.get("number")
        instrument = {
            "type": kind,
            "number": number.replace(" ", "").strip(".,") if number else None,
            "year": int(groups["year"]),
        }
        return instrument, _instrument_title(upper, m)
    return None


def _instrument_title(upper: str, m: re.Match[str]) -> str:
    tail = upper[m.end() : m.end() + 300]
    about = re.match(r"\s*TENTANG\s+(.+?)(?:\s+(?:DENGAN RAHMAT|MENIMBANG|PRESIDEN REPUBLIK|BAB\s)|$)", tail)
    head = upper[m.start() : m.end()]
    return (head + (" TENTANG " + about.group(1).strip() if about else "")).strip()


def find_doi(text: str) -> str | None:
    """The first DOI in a text, without trailing punctuation."""
    m = DOI.search(text)
    return m.group(1).rstrip(".,;)") if m else None


def find_year(texts: list[str], metadata: dict[str, str]) -> int | None:
    """The latest plausible year in the given texts (title, first page), else the PDF date.

    A year after the file was made is a target ("Vision 2025"), not the date of the text.
    """
    made = _pdf_year(metadata)
    latest = min(dt.date.today().year + 1, made or 9999)
    for text in texts:
        years = [int(y) for y in YEAR.findall(text or "") if int(y) <= latest]
        if years:
            return max(years)
    return made


def _pdf_year(metadata: dict[str, str]) -> int | None:
    for key in ("CreationDate", "ModDate"):
        m = re.match(r"(?:D:)?(\d{4})", metadata.get(key) or "")
        if m and 1950 <= int(m.group(1)) <= dt.date.today().year + 1:
            return int(m.group(1))
    return None
