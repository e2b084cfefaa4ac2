"""Score entity extraction against the gold annotations (``../shared/gold/*.json``).

Document level: the set of distinct laws, agencies and programmes the extractor finds in a
document is compared with the gold lists. A law matches on jurisdiction, type, number and
year (a gold ``null`` is "unknown" and matches anything; laws without a number are told
apart by title); an agency or programme matches on its canonical name or acronym after
normalisation (case, punctuation, a trailing country or locality qualifier, "(...)"
variants). Precision, recall and F1 per label, per document and overall (micro).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from pipeline import extract
from pipeline.evaluate.metrics import PERCENTILES, bootstrap_totals
from pipeline.extract import extractor
from pipeline.extract.kb import KnowledgeBase, default_kb, read_entries
from pipeline.extract.text import TAP_NUMBER, clean_number, normalize_name
from pipeline.ingest import read_pdf
from pipeline.langid import assign_languages
from pipeline.records import Document, Law, Mention, Passage, assign_offsets, short_hash

LABELS = ("LAW", "AGENCY", "PROGRAMME")
_GOLD_KEYS = {"LAW": "laws", "AGENCY": "agencies", "PROGRAMME": "programmes"}
LawKey = tuple[str, str, str | None, int | None]  # jurisdiction, type, number key, year
_COUNTRY_TAIL = re.compile(
    r"\s+(?:of\s+(?:the\s+)?)?(?:republik indonesia|republic of indonesia|ri|indonesia|malaysia|"
    r"thailand|singapore|philippines|viet ?nam|cambodia|lao pdr|myanmar|brunei(?: darussalam)?|"
    r"japan|republic of korea|rok|korea)$"
)
# a kind word after a programme's name: "SMEs Go Digital programme" is "SMEs Go Digital"
_KIND_TAIL = re.compile(r"\s+(?:programme|program|scheme|initiative)$")
_LOCALITY_TAIL = re.compile(
    r"\s+(?:tingkat\s+)?(?:provinsi|kabupaten|kota|province|city|regency)(?:\s+\S+){0,5}$"
)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add ``other`` into these counts."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def scores(self) -> dict[str, float]:
        """Precision, recall and F1 (1.0 when there is nothing to find and nothing found)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Predicted:
    """One distinct entity the extractor found in a document."""

    label: str
    canonical_id: str
    keys: set[str]
    law: LawKey | None = None
    country: str | None = None


@dataclass
class DocScore:
    """Scores of one gold document, with what was missed and what was extra."""

    file: str
    counts: dict[str, Counts] = field(default_factory=dict)
    language: str = ""
    missed: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)
    law_country_ok: int = 0
    law_country_checked: int = 0
    source: str = "gold"
    pages: list[int] | None = None


# ---- names -------------------------------------------------------------------------------


def name_keys(name: str | None) -> set[str]:
    """Comparison keys of a name: normalised, without "(...)" or with only it, without a
    trailing country ("... Republik Indonesia") or locality ("... Provinsi DKI Jakarta")."""
    if not name:
        return set()
    variants = {name, re.sub(r"\([^)]*\)", " ", name), name.split("(")[0]}
    variants |= set(re.findall(r"\(([^)]*)\)", name))
    keys = set()
    for v in variants:
        key = normalize_name(v).replace("daerah khusus ibu kota", "dki")
        key = key.replace("daerah khusus ibukota", "dki")
        key = re.sub(r"^the\s+", "", key)
        if not key:
            continue
        keys.add(key)
        bare = _COUNTRY_TAIL.sub("", key)
        keys.add(bare)
        local = _LOCALITY_TAIL.sub("", bare)
        if len(local.split()) >= 2 and local.split()[0] not in ("pemerintah", "dewan"):
            keys.add(local)
        named = _KIND_TAIL.sub("", bare)
        if len(named.split()) >= 2:
            keys.add(named)
    return {k for k in keys if k}


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


_GAZETTE = re.compile(r"PU-[AB]-(\d+)", re.IGNORECASE)
_ROMAN = re.compile(r"[IVXLC]{1,7}|[ivxlc]{1,7}")  # a decree of the MPR numbered alone ("II")


def number_key(number: Any) -> str | None:
    """A law number as compared: digits without leading zeros; None for none or a title slug
    ("cybersecurity-act-2018"). A Malaysian gazette notification's id number ("PU-B-415",
    the series kept so that ids differ) compares as the number an annotation writes ("415");
    a decree of the MPR by its roman number ("II/MPR/1993", "ii-mpr" and "II" are all "ii")."""
    tap = TAP_NUMBER.fullmatch(str(number)) if number is not None else None
    if tap or (number is not None and _ROMAN.fullmatch(str(number))):  # "II/MPR/1993", "ii-mpr", "II"
        return (tap.group(1) if tap else str(number)).lower()
    if number is None or not re.search(r"\d", str(number)):
        return None
    gazette = _GAZETTE.fullmatch(str(number))
    if gazette:
        return str(int(gazette.group(1)))
    if _SLUG.fullmatch(str(number)) and re.search(r"[a-z]{3}", str(number)):
        return None
    return clean_number(str(number))


def law_key(law: Law | dict[str, Any]) -> LawKey:
    """What a law is matched on: (jurisdiction, type, number key, year), from a :class:`Law`
    or a gold file's law entry."""
    get = law.get if isinstance(law, dict) else lambda k: getattr(law, k)
    return (str(get("jurisdiction") or "").upper(), get("type") or "", number_key(get("number")), get("year"))


# ---- predictions -------------------------------------------------------------------------


def predicted_entities(mentions: list[Mention]) -> dict[str, list[Predicted]]:
    """Distinct entities per label, with every name they are known by."""
    kb = default_kb()
    groups: dict[str, Predicted] = {}
    countries: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.label not in LABELS or not m.canonical_id:
            continue
        p = groups.setdefault(m.canonical_id, Predicted(m.label, m.canonical_id, set()))
        p.keys |= name_keys(m.canonical_name) | name_keys(m.text)
        if m.law is not None:
            p.law = law_key(m.law)
            p.keys |= name_keys(m.law.title)
        entry = kb.entries.get(m.canonical_id)
        if entry is not None:
            for n in (*entry.all_names(), *entry.acronyms):
                p.keys |= name_keys(n)
        if m.country:
            countries.setdefault(m.canonical_id, Counter())[m.country] += 1
    for cid, p in groups.items():
        if cid in countries:
            p.country = countries[cid].most_common(1)[0][0]
    out: dict[str, list[Predicted]] = {label: [] for label in LABELS}
    for p in groups.values():
        out[p.label].append(p)
    return out


# ---- matching ----------------------------------------------------------------------------


# numbers that name an instrument on their own, in one series across the years: Malaysia's
# Acts ("Act A1199"), the Philippines' Republic Acts ("Republic Act No. 10173")
NUMBERED_ACROSS_YEARS = frozenset({("MY", "act"), ("PH", "act")})
# a country's constitution is cited without its year ("the Federal Constitution"): the one in
# force, which an annotation may date
UNDATED_INSTRUMENTS = frozenset({"constitution"})


def _law_match(gold: dict, pred: Predicted) -> bool:
    gj, gt, gn, gy = law_key(gold)
    pj, pt, pn, py = pred.law or ("", "", None, None)
    if gj != pj or gt != pt:
        return False
    # a citation without its year ("Act A1199") is the instrument an annotation dates from
    # elsewhere (a reprint's list of amendments), when its number names it on its own
    undated = py is None and (
        (gn is not None and (gj, gt) in NUMBERED_ACROSS_YEARS) or gt in UNDATED_INSTRUMENTS
    )
    if gy is not None and gy != py and not undated:
        return False
    if gn is not None:
        return gn == pn
    # an annotation copies the number as written: a citation that writes none ("Contracts
    # Act 1950") is the instrument a prediction numbers from the knowledge base (Malaysia's
    # Act 136) when the prediction's own words are the annotated citation or title
    return pn is None or bool((name_keys(gold.get("surface")) | name_keys(gold.get("title"))) & pred.keys)


def _title_overlap(gold: dict, pred: Predicted) -> int:
    words = set()
    for text in (gold.get("title"), gold.get("surface"), gold.get("name")):
        words |= set(normalize_name(text or "").split())
    pred_words = {w for k in pred.keys for w in k.split()}
    return len(words & pred_words)


Pairs = list[tuple[dict, Predicted]]


def match_items(
    label: str, gold_items: list[dict], preds: list[Predicted]
) -> tuple[Pairs, list[dict], list[Predicted]]:
    """One-to-one pairs of gold items and predictions, and what is left on either side."""
    free = list(preds)
    pairs, missed = [], []
    for g in sorted(gold_items, key=lambda g: number_key(g.get("number")) is None):
        if label == "LAW":
            fits = [p for p in free if _law_match(g, p)]
            fits.sort(key=lambda p: -_title_overlap(g, p))
        else:
            keys = name_keys(g.get("name")) | name_keys(g.get("acronym"))
            fits = [p for p in free if keys & p.keys]
        if fits:
            pairs.append((g, fits[0]))
            free.remove(fits[0])
        else:
            missed.append(g)
    return pairs, missed, free


def score_document(gold: dict, mentions: list[Mention]) -> DocScore:
    """Counts per label for one gold document and the extractor's mentions of it."""
    preds = predicted_entities(mentions)
    result = DocScore(gold.get("file", ""), language=gold.get("language") or "")
    for label in LABELS:
        pairs, missed, extra = match_items(label, gold.get(_GOLD_KEYS[label], []), preds[label])
        result.counts[label] = Counts(len(pairs), len(extra), len(missed))
        result.missed[label] = [g.get("surface") or g.get("name") or g.get("title") or "?" for g in missed]
        result.extra[label] = [p.canonical_id for p in extra]
        if label == "LAW":
            checked = [(g, p) for g, p in pairs if g.get("country") or g.get("jurisdiction")]
            result.law_country_checked = len(checked)
            result.law_country_ok = sum(
                (g.get("country") or g.get("jurisdiction")) == p.country for g, p in checked
            )
    return result


def as_predictions(annotation: dict, label: str) -> list[Predicted]:
    """A gold-format annotation's items of one label as predictions (their names' keys; laws
    with their key), so that two annotations can be matched like gold and extractor."""
    out = []
    for n, item in enumerate(annotation.get(_GOLD_KEYS[label]) or []):
        keys = set()
        for key in ("name", "acronym", "surface", "title"):
            keys |= name_keys(item.get(key))
        law = law_key(item) if label == "LAW" else None
        out.append(Predicted(label, f"{label}:{n}", keys, law=law, country=item.get("country")))
    return out


def annotation_agreement(first: dict, second: dict) -> dict[str, Counts]:
    """Counts of the second annotation of a document against the first, per label (F1 is
    symmetric: either can be the reference), matched as the scorer matches."""
    return {
        label: Counts(len(pairs), len(extra), len(missed))
        for label in LABELS
        for pairs, missed, extra in [
            match_items(label, first.get(_GOLD_KEYS[label]) or [], as_predictions(second, label))
        ]
    }


# ---- documents ---------------------------------------------------------------------------

_HEADING = re.compile(r"^\s*(?:\d{1,2}[.)]|[A-Z][.)]|[IVX]{1,4}[.)])\s+\S.{0,60}$|^\s*[A-Z][A-Z\s/&-]{3,60}$")


def text_passages(text: str, document_id: str) -> list[Passage]:
    """Passages of plain text: paragraphs split at blank lines; a short numbered or upper-case
    first line becomes a heading passage and the section of the paragraphs that follow."""
    passages: list[Passage] = []
    section = None
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        if len(first) <= 60 and _HEADING.match(lines[0]) and not first.endswith((".", ",", ";")):
            section = " ".join(lines[0].split())
            passages.append(_passage(document_id, len(passages), section, None, "heading"))
            lines = lines[1:]
        if lines:
            passages.append(_passage(document_id, len(passages), _unwrap(lines), section, "text"))
    assign_offsets(passages)
    return passages


def _unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines: with a space where a sentence runs on, else a line break."""
    out = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        runs_on = line[:1].islower() or not re.search(r"[.;:!?]$|^\S{0,3}$", out) and not line[:1].isdigit()
        out += (" " if runs_on else "\n") + line
    return out


def _passage(doc_id: str, n: int, text: str, section: str | None, kind: str) -> Passage:
    return Passage(
        id=short_hash(doc_id, n), document_id=doc_id, page=1, text=text, section=section, kind=kind
    )


def _pdfium_passages(path: Path, document_id: str) -> list[Passage]:
    """The ``reader="pdfium"`` passages: pypdfium2 page text split into paragraphs (blank
    lines, or a line ending a sentence). Not the project's reader."""
    import pypdfium2 as pdfium  # lazy: pypdfium2, only for reader="pdfium"

    passages: list[Passage] = []
    pdf = pdfium.PdfDocument(str(path))
    for number in range(len(pdf)):
        page = pdf[number]
        textpage = page.get_textpage()
        text = textpage.get_text_range().replace("\r\n", "\n")
        textpage.close()
        page.close()
        text = re.sub(r"([.;:])\n(?=[A-Z0-9(])", r"\1\n\n", text)
        for p in text_passages(text, document_id):
            p.id, p.page = short_hash(document_id, number, len(passages)), number + 1
            passages.append(p)
    pdf.close()
    assign_offsets(passages)
    return passages


def read_document(path: Path, reader: str = "ingest") -> tuple[Document, list[Passage]]:
    """A document and its passages: ``pipeline.ingest.read_pdf`` for PDFs (pypdfium2 paragraphs
    with ``reader="pdfium"``), paragraphs for ``.txt``; languages assigned."""
    doc_id = short_hash(path.name, length=64)
    if path.suffix.lower() == ".txt":
        document = Document(id=doc_id, file=path.name, path=str(path))
        passages = text_passages(path.read_text(encoding="utf-8", errors="replace"), doc_id)
    elif reader == "ingest":
        result = read_pdf(path)
        document, passages = result.document, result.passages
    else:
        document = Document(id=doc_id, file=path.name, path=str(path))
        passages = _pdfium_passages(path, doc_id)
    assign_languages(passages)
    return document, passages


# ---- the evaluation ----------------------------------------------------------------------


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold annotation files of a folder (``*.json``)."""
    return sorted(p for p in gold_dir.glob("*.json") if p.is_file())


def source_path(gold: dict, corpus_dir: Path, seeds_dir: Path) -> Path | None:
    """The document a gold file annotates: a PDF in the corpus or a text in the seeds."""
    name = gold.get("file", "")
    for folder in (corpus_dir, seeds_dir):
        if (folder / name).exists():
            return folder / name
    return None


def gold_items(gold_dir: Path, corpus_dir: Path, seeds_dir: Path) -> list[tuple[dict, Path]]:
    """(gold annotation, source file) of every gold file whose source is present and readable."""
    items = []
    for gold_path in gold_files(gold_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = source_path(gold, corpus_dir, seeds_dir)
        if path is not None and gold.get("status", "ok") == "ok":
            items.append(({**gold, "source": "gold"}, path))
    return items


def in_window(passages: list[Passage], pages: list[int] | None) -> list[Passage]:
    """The passages on the annotated pages ``[first, last]`` (all of them when ``pages`` is None)."""
    if not pages:
        return passages
    return [p for p in passages if pages[0] <= p.page <= pages[1]]


def evaluate(
    gold_dir: Path,
    corpus_dir: Path,
    seeds_dir: Path,
    reader: str = "ingest",
    blind: bool = False,
    extra: list[tuple[dict, Path]] | None = None,
) -> dict[str, Any]:
    """Scores of every gold document whose source is present, and the micro totals.

    ``reader``: ``ingest`` (the project's PDF reader) or ``pdfium`` (the plain-text fallback).
    ``blind``: each document is read with :func:`blind_kb` of its own gold file (the
    knowledge base without the agencies and programmes the document names).
    ``extra``: more (annotation, PDF) pairs in the gold format, such as the keyed annotations
    of ``pipeline/data/training/entity_labels.jsonl``; an annotation with ``pages`` is scored
    on those pages only (a window after page 1 is read from page 1, as a run reads the
    document, and only what is found on the window's pages counts).
    """
    return evaluate_items(gold_items(gold_dir, corpus_dir, seeds_dir) + list(extra or []), reader, blind)


def evaluate_items(
    items: list[tuple[dict, Path]], reader: str = "ingest", blind: bool = False
) -> dict[str, Any]:
    """Scores of (gold-format annotation, source file) pairs and their totals (see :func:`evaluate`)."""
    docs: list[DocScore] = []
    entries = read_entries() if blind else None
    windows = Counter(path for _, path in items)
    read: dict[Path, tuple[Document, list[Passage]]] = {}  # PDFs scored in more than one window
    for gold, path in items:
        document, passages = read.get(path) or read_document(path, reader)
        if windows[path] > 1:
            read[path] = (document, passages)
        pages = gold.get("pages")
        # a later window is read from the document's start, as a run reads it (definitions and
        # short forms come first), and scored on what is found on its own pages
        passages = in_window(passages, [1, pages[1]] if pages and pages[0] > 1 else pages)
        if blind:
            mentions = extractor.extract(document, passages, blind_kb(gold, entries))
        else:
            mentions = extract.extract_mentions(document, passages)
        if pages and pages[0] > 1:
            mentions = [m for m in mentions if m.page >= pages[0]]
        score = score_document(gold, mentions)
        score.source = gold.get("source", "gold")
        score.pages = gold.get("pages")
        docs.append(score)
    return report(docs)


def blind_kb(gold: dict[str, Any], entries: list[Any] | None = None) -> KnowledgeBase:
    """The knowledge base without the agencies and programmes a gold document names.

    Every agency or programme entry with a name or acronym that matches (by the scorer's
    name keys) a name, acronym or surface of the gold file's agencies and programmes is left
    out; laws, places and countries stay, and so do lines built from authoritative lists
    (``source`` set: the region list of Indonesia's Ministry of Home Affairs, the OECD's
    list of multilateral bodies, LKPP's codes of Indonesia's central institutions,
    data.gov.my's agencies; not any document), and of a hand-written entry left out, the
    forms and acronyms such a list gives it (``listed``, ``listed_acronyms``). The rules
    then meet the document the way they meet a new one, whose entities the hand-written
    knowledge base has never seen.
    """
    keys: set[str] = set()
    for field_name in ("agencies", "programmes"):
        for item in gold.get(field_name) or []:
            for key in ("name", "acronym", "surface"):
                keys |= name_keys(item.get(key))
    kept = []
    for e in entries if entries is not None else read_entries():
        if (
            e.kind not in ("agency", "programme")
            or e.source is not None
            or not any(name_keys(n) & keys for n in e.all_names())
        ):
            kept.append(e)
        elif e.listed:  # what an authoritative list says of it, without the hand-written forms
            kept.append(
                replace(e, name=e.listed[0], names={"en": list(e.listed[1:])}, acronyms=e.listed_acronyms)
            )
        elif e.listed_acronyms:  # a list that names it by its acronym only
            # its acronym searched for, its name (the acronym again) only looked up
            acronyms = e.listed_acronyms
            kept.append(replace(e, name=acronyms[0], names={}, acronyms=acronyms, lookup_only=True))
    return KnowledgeBase(kept)


def report(docs: list[DocScore]) -> dict[str, Any]:
    """Per-document and overall precision, recall and F1 per label, with 95% bootstrap
    intervals over documents; the same per document language."""
    rows = [
        {
            "file": d.file,
            "source": d.source,
            "pages": d.pages,
            "language": d.language,
            "labels": {lb: {**vars(d.counts[lb]), **d.counts[lb].scores()} for lb in LABELS},
            "missed": d.missed,
            "extra": d.extra,
            "law_country": {"correct": d.law_country_ok, "checked": d.law_country_checked},
        }
        for d in docs
    ]
    languages = sorted({d.language for d in docs if d.language})
    sources = sorted({d.source for d in docs})
    return {
        "documents": rows,
        "overall": _totals(docs),
        "per_language": {lang: _totals([d for d in docs if d.language == lang]) for lang in languages},
        "per_source": {src: _totals([d for d in docs if d.source == src]) for src in sources},
    }


def _totals(docs: list[DocScore]) -> dict[str, dict[str, Any]]:
    """Summed counts and scores per label, with precision and recall intervals from
    resampling the documents (:func:`pipeline.evaluate.metrics.bootstrap_totals`). The page
    windows of one PDF annotated apart are one document here: resampled together, counted
    once."""
    by_file: dict[str, np.ndarray] = {}
    for d in docs:
        row = np.array([[d.counts[lb].tp, d.counts[lb].fp, d.counts[lb].fn] for lb in LABELS], dtype=int)
        by_file[d.file] = by_file[d.file] + row if d.file in by_file else row
    counts = np.array(list(by_file.values()), dtype=int).reshape(-1, len(LABELS), 3)
    resampled = bootstrap_totals(counts) if len(docs) else np.zeros((0, len(LABELS), 3), dtype=int)
    out: dict[str, dict[str, Any]] = {}
    for j, label in enumerate(LABELS):
        total = Counts(*(int(v) for v in counts[:, j].sum(0)))
        samples = [Counts(*(int(v) for v in t[j])).scores() for t in resampled]
        out[label] = {
            **vars(total),
            **total.scores(),
            "documents": len(by_file),
            "precision_ci": _interval([s["precision"] for s in samples]),
            "recall_ci": _interval([s["recall"] for s in samples]),
        }
    return out


def _interval(values: list[float]) -> tuple[float, float]:
    """The 95% percentile interval of bootstrap values ((0, 0) when there are none)."""
    if not values:
        return (0.0, 0.0)
    low, high = np.percentile(values, list(PERCENTILES))
    return round(float(low), 3), round(float(high), 3)
