"""The data model: typed records passed between stages and kept in the store.

Everything here is plain data (dataclasses) with no I/O, so every stage can import it.
Offsets: ``Passage.start``/``end`` index the document text (passages joined by blank
lines, see :func:`document_text`); ``Mention.start``/``end`` index the passage text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocumentStatus = Literal[
    "ok", "encrypted", "corrupt", "empty", "not_pdf", "no_text", "needs_ocr", "too_large"
]
EntityLabel = Literal["LAW", "AGENCY", "PROGRAMME", "PLACE", "DIMENSION"]
LabelTask = Literal["dimension", "policy_stage", "diffusion"]
DecisionAction = Literal["accept", "reject", "correct", "add", "undo"]

ENTITY_LABELS: tuple[str, ...] = ("LAW", "AGENCY", "PROGRAMME", "PLACE", "DIMENSION")
DIMENSIONS: tuple[str, ...] = ("governance", "economy", "mobility", "environment", "people", "living")
POLICY_STAGES: tuple[str, ...] = (
    "agenda_setting",
    "formulation",
    "decision_making",
    "implementation",
    "evaluation",
)
DIFFUSION_MECHANISMS: tuple[str, ...] = ("coercion", "competition", "learning", "emulation")
TASK_LABELS: dict[str, tuple[str, ...]] = {
    "dimension": DIMENSIONS,
    "policy_stage": POLICY_STAGES,
    "diffusion": DIFFUSION_MECHANISMS,
}
LABEL_TASKS: tuple[LabelTask, ...] = ("dimension", "policy_stage", "diffusion")  # TASK_LABELS' keys
PASSAGE_SEPARATOR = "\n\n"


def short_hash(*parts: object, length: int = 16) -> str:
    """Return a stable hex digest of the parts, for deterministic record ids."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


# Indonesian instrument types whose numbers restart per issuing minister, body or region: a
# citation that names its issuer has it in its canonical id (:class:`Law`)
ISSUED_LAW_TYPES = (
    "permen",
    "kepmen",
    "perban",
    "perda",
    "pergub",
    "perbup",
    "perwal",
    "kepgub",
    "kepbup",
    "kepwal",
)


@dataclass
class Law:
    """The canonical identity of a legal instrument."""

    jurisdiction: str
    type: str
    number: str | None
    year: int | None
    title: str | None = None
    # the body or region that issued it, where numbers restart per issuer (ministers' and
    # regions' regulations: "Peraturan Menteri Kesehatan Nomor 9 Tahun 2020" is not the
    # Coordinating Minister's regulation 9 of 2020); a knowledge-base id's last part
    issuer: str | None = None

    @property
    def canonical_id(self) -> str:
        """``{jurisdiction}/{type}/{year}/{number}``, lower case, ``-`` for unknown parts; then
        ``/{issuer}`` when the citation names a known issuer (``id/permen/2020/9/kemenkes``)."""
        parts = [
            self.jurisdiction,
            self.type,
            self.year,
            self.number,
            *([self.issuer] if self.issuer else []),
        ]
        return "/".join("-" if p in (None, "") else str(p) for p in parts).lower()


@dataclass
class Document:
    """One PDF file, identified by the sha256 of its bytes."""

    id: str
    file: str
    path: str = ""
    status: DocumentStatus = "ok"
    error: str | None = None
    pages: int = 0
    language: str = "other"
    language_profile: dict[str, float] = field(default_factory=dict)
    title: str | None = None
    year: int | None = None
    doi: str | None = None
    instrument: dict[str, Any] | None = None
    quality: float | None = None
    pipeline_version: str = ""
    relevance: float | None = None  # the relevance judge's score (a probability, or a dimension share)
    relevant: bool | None = None  # None: no relevance model in production
    missing: bool = False  # its file is gone: kept in the store, left out of the tables


@dataclass
class Page:
    """One page of a document and how good its text layer is."""

    document_id: str
    number: int
    width: float = 0.0
    height: float = 0.0
    text_source: str = "text"  # text | ocr | none
    quality: float = 1.0
    chars: int = 0
    columns: int = 1


@dataclass
class Passage:
    """A paragraph, heading or table cell with its place in the document."""

    id: str
    document_id: str
    page: int
    text: str
    start: int = 0
    end: int = 0
    bbox: tuple[float, float, float, float] | None = None
    section: str | None = None
    lang: str = "other"
    lang_confidence: float = 0.0
    kind: str = "text"  # text | heading | table_cell
    table: dict[str, Any] | None = None  # table_id, row, col, row_header, col_header
    parts: list[dict[str, Any]] | None = None  # [{page, bbox, start}] when it crosses a break


@dataclass
class Mention:
    """An entity or dimension found in a passage, with its canonical identity and country."""

    id: str
    document_id: str
    passage_id: str
    page: int
    label: EntityLabel
    text: str
    start: int
    end: int
    canonical_id: str | None = None
    canonical_name: str | None = None
    country: str | None = None
    country_rule: str | None = None
    confidence: float = 1.0
    method: str = "rule"
    law: Law | None = None

    @staticmethod
    def make_id(passage_id: str, start: int, end: int, label: str) -> str:
        """Stable id of a mention from where it sits and what it is."""
        return short_hash(passage_id, start, end, label)


@dataclass
class PassageLabel:
    """One label of one task on one passage (e.g. dimension=mobility, score 0.91)."""

    passage_id: str
    document_id: str
    task: LabelTask
    label: str
    score: float
    method: str = "lexicon"


@dataclass
class Decision:
    """A reviewer's decision on a mention; stored beside, never over, the machine output."""

    id: str
    target_id: str  # mention id (or the new mention's id for "add")
    action: DecisionAction
    reviewer: str
    created_at: str
    document_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass
class DocumentResult:
    """Everything the pipeline produced for one document."""

    document: Document
    pages: list[Page] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    labels: list[PassageLabel] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage


def document_text(passages: list[Passage]) -> str:
    """The document text that ``Passage.start``/``end`` index into."""
    return PASSAGE_SEPARATOR.join(p.text for p in passages)


def page_at(passage: Passage, offset: int) -> int:
    """The page that holds character ``offset`` of a passage's text (its parts decide when
    the passage runs across a page break)."""
    page = passage.page
    for part in passage.parts or []:
        if part.get("start", 0) <= offset:
            page = part["page"]
    return page


def assign_offsets(passages: list[Passage]) -> None:
    """Set each passage's start/end in the document text, in list order."""
    pos = 0
    for p in passages:
        p.start, p.end = pos, pos + len(p.text)
        pos = p.end + len(PASSAGE_SEPARATOR)


def to_dict(record: Any) -> dict[str, Any]:
    """A dataclass record as a JSON-ready dict."""
    return asdict(record)
