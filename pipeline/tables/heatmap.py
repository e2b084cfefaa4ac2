"""The PNG heat map of smart-city dimension x country (matplotlib, Agg canvas, no pyplot).

Colour is the document-weighted share of the country's substantive passages (every
document weighs the same), so one long document cannot paint a country's row; each cell
also shows that share, its passages and its documents. Countries with little evidence are
marked with an asterisk and explained under the plot.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.tables.names import label_name
from pipeline.tables.pivot import pivot_counts, pivot_values
from pipeline.tables.shares import MIN_DOCUMENTS, MIN_PASSAGES

TITLE = "Smart-city dimensions by country\n(document-weighted share of substantive passages)"
KEY_NOTE = "p = passages, d = documents"
LOW_EVIDENCE_NOTE = (
    f"* little evidence: fewer than {MIN_DOCUMENTS} documents or {MIN_PASSAGES} substantive passages"
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _cell_text(share: float, passages: int, documents: int) -> str:
    return f"{share:.0%}\n{passages} p · {documents} d" if passages else ""


def low_evidence_countries(table: pd.DataFrame) -> set[str]:
    """Countries whose cells are flagged ``low_evidence``."""
    if table.empty or "low_evidence" not in table:
        return set()
    return set(table.loc[table["low_evidence"].astype(bool), "country"])


def heatmap_figure(table: pd.DataFrame, title: str = TITLE) -> Figure:
    """A heat map of a dimension x country table: colour = document share, text = share,
    passages and documents per cell."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # lazy: matplotlib (~0.7 s), only for the PNG
    from matplotlib.figure import Figure  # lazy: matplotlib

    counts = pivot_counts(table, "dimension")
    width = max(5.0, 1.8 + 1.1 * len(counts.columns))
    fig = Figure(figsize=(width, 1.6 + 0.62 * len(counts.index)), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=8)
    if counts.empty or counts.shape[1] == 0:
        ax.text(0.5, 0.5, "No evidence yet", ha="center", va="center", fontsize=11)
        ax.set_axis_off()
        return fig
    columns = list(counts.columns)
    shares = pivot_values(table, "dimension", "document_share", columns)
    docs = pivot_counts(table, "dimension", "documents", columns)
    low = low_evidence_countries(table)
    image = ax.imshow(
        shares.to_numpy(),
        cmap="YlGnBu",
        aspect="auto",
        vmin=0,
        vmax=max(0.05, float(shares.to_numpy().max())),
    )
    ax.set_xticks(range(len(columns)), [f"{c}*" if c in low else str(c) for c in columns])
    ax.set_yticks(range(len(counts.index)), [label_name(str(r)) for r in counts.index])
    ax.tick_params(length=0, labelsize=8)
    high = float(shares.to_numpy().max()) or 1.0
    for i, row in enumerate(counts.index):
        for j, column in enumerate(columns):
            share = float(shares.loc[row, column])
            colour = "white" if share > high * 0.6 else "black"
            ax.text(
                j,
                i,
                _cell_text(share, int(counts.loc[row, column]), int(docs.loc[row, column])),
                ha="center",
                va="center",
                fontsize=6.5,
                color=colour,
            )
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, format="{x:.0%}")
    bar.ax.tick_params(labelsize=7)
    fig.text(0.01, 0.01, "; ".join([KEY_NOTE] + ([LOW_EVIDENCE_NOTE] if low else [])), fontsize=6.5)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def write_heatmap(dimension_by_country: pd.DataFrame, path: Path) -> None:
    """Write the dimension x country heat map to ``path`` as PNG."""
    heatmap_figure(dimension_by_country).savefig(path, format="png")
