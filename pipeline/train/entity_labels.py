"""Document-level entity annotations of real PDFs, stored as keys; names read from the PDFs.

Annotators read the pipeline's own text of a document's first pages (:func:`page_texts`)
and list every agency, programme and law in them, as the gold schema does
(``../shared/gold/SCHEMA.md``). The project stores no document text: each name, acronym,
surface or law title becomes a key (:class:`NameKey`: page, character span in that page's
text, sha1 of the normalised text) plus the labels (label, entity number, country; for laws
jurisdiction, type, number and year). :func:`load_entity_documents` reads the PDFs again and
rebuilds gold-format annotations (``{"file", "language", "laws", "agencies",
"programmes"}``) for the annotated pages only, so the scorer compares like with like.

The file ``pipeline/data/training/entity_labels.jsonl`` holds one ``document`` record per
annotated document (sha256, file, pages annotated, language, annotators) and one ``entity``
record per entity. A name whose text is no longer found on its page (the reader changed) is
looked for on the neighbouring pages by its length and hash, else reported as an orphan.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.filenames import find_file
from pipeline.train.passage_keys import normalise, text_sha1

ENTITY_FILE = Path(__file__).resolve().parents[1] / "data" / "training" / "entity_labels.jsonl"
NAME_FIELDS = ("name", "acronym", "surface", "title")
LIST_FIELDS = {"AGENCY": "agencies", "PROGRAMME": "programmes", "LAW": "laws"}
LAW_FIELDS = ("jurisdiction", "type", "number", "year")


@dataclass(frozen=True)
class NameKey:
    """Where a name is: page, span in :func:`page_texts`'s text of that page, text hash."""

    page: int
    start: int
    end: int
    text_sha1: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"page": self.page, "start": self.start, "end": self.end, "text_sha1": self.text_sha1}


def page_texts(rows: list[dict]) -> dict[int, str]:
    """The text of each page as annotators read it: the page's passages in reading order,
    one per line (``rows`` as :func:`pipeline.train.annotated.document_texts` gives them)."""
    pages: dict[int, list[str]] = {}
    for row in rows:
        pages.setdefault(int(row["page"]), []).append(" ".join(row["text"].split()))
    return {page: "\n".join(texts) for page, texts in sorted(pages.items())}


def locate(surface: str, text: str) -> tuple[int, int] | None:
    """The span of the first occurrence of ``surface`` in ``text``, whitespace-insensitive
    (exact case first, then ignoring case); None when it is not there. A name starts at a
    word boundary and ends where no letter follows (a digit may: "Perekonomian81", a page
    number glued on in a table of contents); one ending in a digit ends where no digit
    follows."""
    words = normalise(surface).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    start = r"(?<!\w)" if words[0][:1].isalnum() else ""
    last = words[-1][-1:]
    end = r"(?!\d)" if last.isdigit() else r"(?![^\W\d_])" if last.isalpha() else ""
    for flags in (0, re.I):
        match = re.search(start + body + end, text, flags)
        if match:
            return match.start(), match.end()
    return None


def key_for(surface: str, pages: dict[int, str], preferred: list[int]) -> NameKey | None:
    """The key of ``surface``: found on the preferred pages first, then on any annotated page."""
    order = [p for p in preferred if p in pages] + [p for p in pages if p not in preferred]
    for page in order:
        span = locate(surface, pages[page])
        if span is not None:
            return NameKey(page, span[0], span[1], text_sha1(pages[page][span[0] : span[1]]))
    return None


def read_key(key: dict[str, Any], pages: dict[int, str]) -> str | None:
    """The text a key points at: at its span if the hash still fits, else the same-length
    stretch with that hash on its page or the pages beside it; None for an orphan."""
    page, start, end, sha = int(key["page"]), int(key["start"]), int(key["end"]), key["text_sha1"]
    text = pages.get(page, "")
    if text_sha1(text[start:end]) == sha:
        return normalise(text[start:end])
    length = end - start
    for near in (page, page - 1, page + 1):
        body = pages.get(near, "")
        for a in range(0, max(0, len(body) - length) + 1):
            if text_sha1(body[a : a + length]) == sha:
                return normalise(body[a : a + length])
    return None


def read_records(path: Path = ENTITY_FILE) -> list[dict[str, Any]]:
    """The records of an entity label file (empty when there is none)."""
    if not Path(path).is_file():
        return []
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def rebuild(
    document: dict[str, Any], entities: list[dict[str, Any]], pages: dict[int, str]
) -> tuple[dict, list]:
    """(a gold-format annotation of one document, the entity records with an orphaned key)."""
    gold: dict[str, Any] = {
        "file": document["file"],
        "status": "ok",
        "source": f"annotated-{document['split']}" if document.get("split") else "annotated",
        "language": document.get("language"),
        "pages": document["pages"],
        "laws": [],
        "agencies": [],
        "programmes": [],
    }
    orphans = []
    for record in entities:
        item: dict[str, Any] = {"country": record.get("country")}
        if record["label"] == "LAW":
            item.update({f: record.get(f) for f in LAW_FIELDS})
        lost = False
        for field_name in NAME_FIELDS:
            key = record.get(field_name)
            if key is None:
                continue
            text = read_key(key, pages)
            lost = lost or text is None
            item[field_name] = text
        if lost:
            orphans.append(record)
        if record["label"] == "LAW" or item.get("name") or item.get("acronym"):
            gold[LIST_FIELDS[record["label"]]].append(item)
    return gold, orphans


def in_window(entity: dict[str, Any], document: dict[str, Any], first: dict[str, list[int]]) -> bool:
    """Whether an entity record belongs to this document record. A PDF may be annotated in
    more than one page window, each its own record; an entity names its window
    (``"window": [21, 40]``), and one without belongs to the PDF's first window (the first
    two rounds annotated one window per PDF and wrote none)."""
    if entity["document"] != document["document"]:
        return False
    window = entity.get("window") or first.get(entity["document"])
    return list(window or []) == list(document["pages"])


def load_entity_documents(
    folders: list[Path], path: Path = ENTITY_FILE
) -> tuple[list[tuple[dict, Path]], list[dict]]:
    """(gold-format annotation and PDF of every keyed document found, orphaned records).

    A document whose PDF is not in ``folders`` is skipped (a fresh clone without
    ``../shared``); its records are not orphans.
    """
    from pipeline.train.annotated import document_texts  # lazy: reads PDFs

    records = read_records(path)
    documents = [r for r in records if r.get("kind") == "document"]
    first: dict[str, list[int]] = {}
    for document in documents:
        first.setdefault(document["document"], list(document["pages"]))
    out: list[tuple[dict, Path]] = []
    orphans: list[dict] = []
    for document in documents:
        pdf = find_file(document["file"], document["document"], folders)
        if pdf is None:
            continue
        window = set(range(int(document["pages"][0]), int(document["pages"][1]) + 1))
        pages = {
            p: t for p, t in page_texts(document_texts(pdf, document["document"])).items() if p in window
        }
        entities = [r for r in records if r.get("kind") == "entity" and in_window(r, document, first)]
        gold, lost = rebuild(document, entities, pages)
        out.append((gold, pdf))
        orphans += lost
    return out, orphans
