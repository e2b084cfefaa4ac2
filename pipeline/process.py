"""One document through every stage: parse, language, extract, classify.

A pure composition of the stage functions (no store, no Prefect), used by the CLI's
``extract`` command, the Prefect flows and the tests alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.classify import dimension_mentions, label_passages
from pipeline.extract import extract_mentions
from pipeline.reading import identify_languages, read_document, timed, usable
from pipeline.records import TASK_LABELS, Document, DocumentResult, Law, Mention, Passage, to_dict
from pipeline.relevance import judge as judge_relevance


def process_pdf(path: Path, password: str | None = None, ocr: bool = True) -> DocumentResult:
    """Parse one PDF and run language ID, extraction and classification on its passages."""
    result = read_document(Path(path), password=password, ocr=ocr)
    finish(result)
    return result


def analyse(result: DocumentResult) -> None:
    """Run the text stages on a parsed document, in place."""
    identify_languages(result)
    finish(result)


def finish(result: DocumentResult) -> None:
    """The stages after language ID (extraction, classification, relevance) on a read
    document, in place; nothing for a document without usable passages."""
    if not usable(result):
        return
    doc, passages = result.document, result.passages
    result.mentions = timed(result, "extract", lambda: extract_mentions(doc, passages))
    result.mentions += timed(result, "classify", lambda: dimension_mentions(passages))
    result.labels = timed(result, "classify", lambda: label_passages(passages))
    judged = timed(result, "relevance", lambda: judge_relevance(passages, result.labels))
    doc.relevance, doc.relevant = judged


WARM_UP_TEXTS = (
    "The city government runs a smart mobility programme for its residents.",
    "Pemerintah kota menjalankan program kota cerdas untuk warganya.",
)


def warm_up() -> DocumentResult:
    """Load what the text stages load on first use (language ID, the extractor, the
    classifiers, the relevance judge) by analysing a written two-sentence document, so the
    first real document does not pay for it; the result is returned, never stored."""
    doc = Document(id="warm-up", file="warm-up")
    passages = [
        Passage(id=f"warm-up-{i}", document_id=doc.id, page=1, text=text)
        for i, text in enumerate(WARM_UP_TEXTS)
    ]
    result = DocumentResult(document=doc, passages=passages)
    analyse(result)
    return result


def mention_dict(mention: Mention) -> dict[str, Any]:
    """A mention as in the ``extract`` JSON contract."""
    data = to_dict(mention)
    data.pop("document_id", None)
    if not isinstance(mention.law, Law):
        data.pop("law", None)
    return data


def labels_by_passage(result: DocumentResult) -> list[dict[str, Any]]:
    """Passage labels grouped per passage and task, as in the ``extract`` JSON contract."""
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for lb in result.labels:
        tasks = grouped.setdefault(lb.passage_id, {t: [] for t in TASK_LABELS})
        tasks.setdefault(lb.task, []).append(
            {"label": lb.label, "score": round(lb.score, 4), "method": lb.method}
        )
    out = []
    for passage_id, tasks in grouped.items():
        out.append(
            {
                "passage_id": passage_id,
                "dimensions": tasks.get("dimension", []),
                "policy_stage": tasks.get("policy_stage", []),
                "diffusion": tasks.get("diffusion", []),
            }
        )
    return out


def to_contract(result: DocumentResult) -> dict[str, Any]:
    """The document as the ``sandingan extract`` JSON contract."""
    doc = result.document
    document = {
        k: getattr(doc, k)
        for k in ("id", "file", "status", "error", "pages", "language", "title", "year", "doi")
    }
    document |= {
        "language_profile": doc.language_profile,
        "instrument": doc.instrument,
        "quality": doc.quality,
        "relevance": doc.relevance,
        "relevant": doc.relevant,
    }
    passages = [
        {
            "id": p.id,
            "page": p.page,
            "text": p.text,
            "lang": p.lang,
            "section": p.section,
            "bbox": list(p.bbox) if p.bbox else None,
            "start": p.start,
            "end": p.end,
            "kind": p.kind,
            "table": p.table,
            "parts": p.parts,
        }
        for p in result.passages
    ]
    return {
        "document": document,
        "passages": passages,
        "mentions": [mention_dict(m) for m in result.mentions],
        "labels": labels_by_passage(result),
    }
