"""Text helpers shared by the extraction grammars: folding, OCR digit repair, slugs, names.

Every function that prepares text for matching keeps its length, so offsets found in the
prepared text are offsets in the passage text (``Mention.text == passage.text[start:end]``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from wordfreq import zipf_frequency

# Characters PDF text layers use for hyphens and spaces, mapped one-to-one.
_FOLD_MAP = {
    "\u00ad": "-",  # soft hyphen
    "\ufffe": "-",  # pdfium's marker for a hyphen at a line break
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
}
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "L": "1", "|": "1", "D": "0"})
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_NAME_JUNK = re.compile(r"[^\w/&+.]+")
_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_SPACES = re.compile(r"\s+")

BUDDHIST_ERA_OFFSET = 543


def fold_text(text: str) -> str:
    """Map hyphen, space and quote variants to ASCII, keeping the length unchanged."""
    for char, ascii_char in _FOLD_MAP.items():
        if char in text:
            text = text.replace(char, ascii_char)
    return text


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` without changing its length (a few letters lower to two chars)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fix_ocr_digits(token: str) -> str:
    """Repair letters that OCR puts in numbers ("2O2O" -> "2020", "l9" -> "19", "2OL4" -> "2014")."""
    return token.translate(_OCR_DIGITS)


def parse_year(token: str) -> int | None:
    """A Gregorian year from a (possibly OCR-damaged or Buddhist-era) year token."""
    digits = fix_ocr_digits(token.strip())
    if not digits.isdigit() or len(digits) != 4:
        return None
    year = int(digits)
    if 2400 <= year <= 2700:
        year -= BUDDHIST_ERA_OFFSET
    return year if 1800 <= year <= 2100 else None


TAP_NUMBER = re.compile(r"([IVXLCivxlc]{1,7})\s*[/-]\s*(MPRS?|mprs?)(?:\s*/\s*\d{4})?")


def clean_number(token: str) -> str:
    """The number of an instrument as an id part: digits without leading zeros where possible.

    "01" -> "1", "2O" -> "20", "96/PMK.06/2007" -> "96", "KM.4" -> "4",
    "HK.01.07/MENKES/239/2020" -> "239", "Kep-70/M.EKON/12/2008" -> "70", "II/MPR/1993" ->
    "ii-mpr"; anything else is kept,
    lower-cased.
    """
    token = token.strip().strip(".,;:")
    tap = TAP_NUMBER.fullmatch(token)
    if tap:  # a decree of the MPR: "II/MPR/1993" -> "ii-mpr" (its year is the citation's)
        return f"{tap.group(1)}-{tap.group(2)}".lower()
    ocr = fix_ocr_digits(token)
    if ocr.isdigit():
        return str(int(ocr))
    lead = re.match(r"(\d+)\s*/", token)
    if lead:
        return str(int(lead.group(1)))
    dashed = re.match(r"(?i:kep)[.-]\s?(\d+)\s*/", token)
    if dashed:  # a decision's "Kep-70/M.EKON/12/2008": its number after the kind, then the month
        return str(int(dashed.group(1)))
    parts = [p for p in re.split(r"[/\s]+", token) if p]
    if len(parts) >= 3 and re.fullmatch(r"\d+", parts[-2]) and re.fullmatch(r"\d{4}", parts[-1]):
        return str(int(parts[-2]))
    tail = re.search(r"(\d+)$", token)
    if tail and re.fullmatch(r"[A-Za-z]{1,4}[.\s]*\d+", token):
        return str(int(tail.group(1)))
    return token.lower()


def slugify(text: str, max_words: int = 12) -> str:
    """An ASCII slug of ``text`` ("Personal Data Protection Act" -> "personal-data-protection-act")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in _SLUG_JUNK.split(ascii_text.lower()) if w]
    return "-".join(words[:max_words])


# "Kabupaten/Kota" as OCR reads the slash: "KabupatenlKota", "KabupatenfKota", "Kabupaten I Kota"
_OCR_SLASH = re.compile(
    r"\b(Provinsi|Kabupaten|Kecamatan|Desa)\s?[lfI1|]\s?(Kabupaten|Kota|Kelurahan|Desa)\b", re.IGNORECASE
)


def repair_ocr_slash(name: str) -> str:
    """The slash between two levels of government that OCR read as a letter put back
    ("Dinas Sosial KabupatenlKota" -> "Dinas Sosial Kabupaten/Kota")."""
    return _OCR_SLASH.sub(r"\1/\2", name)


def normalize_name(text: str) -> str:
    """A comparison key for names: folded, lower case, punctuation and extra spaces removed."""
    text = unicodedata.normalize("NFKD", fold_text(text)).encode("ascii", "ignore").decode()
    text = _DOTS.sub(" ", text.lower())
    text = _NAME_JUNK.sub(" ", text).replace("&", " and ")
    return _SPACES.sub(" ", text).strip()


_LIGATURE = re.compile(r"ffi|ffl|ff|fi|fl|Th")


def ligature_variant(name: str) -> str | None:
    """``name`` as PDF text layers split it after ligatures ("Office" -> "Offi ce"), if it differs."""
    variant = _LIGATURE.sub(lambda m: m.group(0) + " ", name)
    variant = re.sub(r" (?= |$)", "", variant)
    return variant if variant != name else None


def initials_match(acronym: str, words: list[str]) -> bool:
    """Whether the letters of ``acronym`` can be read, in order, from ``words``.

    The first letter must start the first word (Schwartz & Hearst's rule); later letters
    may come from inside words ("Kominfo" <- "Komunikasi dan Informatika").
    """
    letters = [c.lower() for c in acronym if c.isalnum()]
    text = " ".join(words).lower()
    if not letters or not text or text[0] != letters[0]:
        return False
    pos = 1
    for ch in letters[1:]:
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def lowercase_elsewhere(name: str, text: str) -> bool:
    """Whether ``text`` also writes ``name`` in lower case: then it is a common noun phrase
    ("drainage system", "badan usaha", "smart city action plan"), not a proper name."""
    words = name.lower().split()
    if not words or name.lower() == name:
        return False
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])")
    # tried only where the first word stands in lower case: one scan of a long text per
    # name cost a second on a 300-page constitution
    i = text.find(words[0])
    while i != -1:
        if pattern.match(text, i):
            return True
        i = text.find(words[0], i + 1)
    return False


# A word at least this common (Zipf scale: 2.5 is about 0.3 per million words) in English,
# Indonesian or Malay running text, by the wordfreq package's frequency lists
COMMON_ZIPF = 2.5


COMMON_LANGS = ("en", "id", "ms")


@lru_cache(maxsize=65536)
def common_word(word: str, langs: tuple[str, ...] = COMMON_LANGS) -> bool:
    """Whether a word is an ordinary word of English, Indonesian or Malay ("stormwater",
    "telemetry", "pendingin"), not a coined name or brand ("JakLingko", "Adminduk"). Place
    names are common words too ("Davao"): ask the knowledge base for those. ``langs``: the
    languages whose lists count (all three unless a caller knows the text's language)."""
    low = word.lower().strip(",.;:()'\"")
    return bool(low) and max(zipf_frequency(low, lang) for lang in langs) >= COMMON_ZIPF


def common_langs(lang: str | None) -> tuple[str, ...]:
    """The word lists that tell an ordinary word in a passage of ``lang``: English text's own
    list (an Indonesian or Thai word there is a name: "Jatinangor City of Knowledge", "Mae
    Kha Canal Development"); all three for Indonesian, Malay or any other text, which
    borrows English words ("Radiation Dose Monitoring System" in an Indonesian table)."""
    return ("en",) if lang == "en" else COMMON_LANGS
