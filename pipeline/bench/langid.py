"""Speed of language identification, for the orchestration benchmark to call.

    from pipeline.bench.langid import bench_passages
    report = bench_passages(result.passages)      # passages of one or more documents
    report.ms_per_passage, report.passages_per_second

The passages are copied, so the caller's ``lang`` fields are not touched. The time is the
best of ``repeat`` runs of :func:`pipeline.langid.assign_languages` (one call per
document, as the pipeline does). Compare it with the other stages' timings of the same
run (``DocumentResult.timings``): language ID should stay under 10% of the total.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.langid.context import assign_languages
from pipeline.records import Passage


@dataclass(frozen=True)
class LangidBench:
    """Timing of language ID over a list of passages."""

    passages: int
    documents: int
    chars: int
    seconds: float

    @property
    def ms_per_passage(self) -> float:
        """Milliseconds per passage (0 for no passages)."""
        return 1000 * self.seconds / self.passages if self.passages else 0.0

    @property
    def passages_per_second(self) -> float:
        """Passages per second (0 when nothing was timed)."""
        return self.passages / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, float]:
        """Plain numbers for a benchmark report."""
        return {
            "passages": self.passages,
            "documents": self.documents,
            "chars": self.chars,
            "seconds": round(self.seconds, 4),
            "ms_per_passage": round(self.ms_per_passage, 4),
            "passages_per_second": round(self.passages_per_second, 1),
        }


def _by_document(passages: Sequence[Passage]) -> list[list[Passage]]:
    """Copies of the passages grouped per document, in their order."""
    groups: dict[str, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.document_id, []).append(dataclasses.replace(passage))
    return list(groups.values())


def bench_passages(passages: Sequence[Passage], repeat: int = 1) -> LangidBench:
    """Time :func:`assign_languages` on copies of ``passages`` (best of ``repeat`` runs)."""
    documents = _by_document(passages)
    best = float("inf")
    for _ in range(max(1, repeat)):
        copies = [[dataclasses.replace(p) for p in doc] for doc in documents]
        started = time.perf_counter()
        for doc in copies:
            assign_languages(doc)
        best = min(best, time.perf_counter() - started)
    return LangidBench(
        passages=len(passages),
        documents=len(documents),
        chars=sum(len(p.text) for p in passages),
        seconds=best if passages else 0.0,
    )


def bench_texts(texts: Sequence[str], repeat: int = 1) -> LangidBench:
    """Time language ID on plain texts taken as one document in order."""
    passages = [Passage(id=str(i), document_id="bench", page=0, text=t) for i, t in enumerate(texts)]
    return bench_passages(passages, repeat=repeat)
