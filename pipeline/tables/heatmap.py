"""The PNG heat map of smart-city dimension x country (matplotlib, Agg canvas, no pyplot)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipeline.tables.names import label_name
from pipeline.tables.pivot import pivot_counts

TITLE = "Passages per smart-city dimension and country"


def heatmap_figure(matrix: pd.DataFrame, title: str = TITLE) -> Figure:
    """A heat map figure of a label x country count matrix, each cell annotated."""
    width = max(5.0, 1.6 + 0.9 * len(matrix.columns))
    fig = Figure(figsize=(width, 1.2 + 0.55 * len(matrix.index)), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=10)
    if matrix.empty or matrix.shape[1] == 0:
        ax.text(0.5, 0.5, "No evidence yet", ha="center", va="center", fontsize=11)
        ax.set_axis_off()
        return fig
    values = matrix.to_numpy()
    image = ax.imshow(values, cmap="YlGnBu", aspect="auto", vmin=0)
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]), [label_name(str(r)) for r in matrix.index])
    ax.tick_params(length=0, labelsize=9)
    high = values.max() or 1
    for (i, j), v in pd.DataFrame(values).stack().items():
        colour = "white" if v > high * 0.6 else "black"
        ax.text(j, i, str(int(v)), ha="center", va="center", fontsize=8, color=colour)
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.ax.tick_params(labelsize=8)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    return fig


def write_heatmap(dimension_by_country: pd.DataFrame, path: Path) -> None:
    """Write the dimension x country heat map (passage counts) to ``path`` as PNG."""
    figure = heatmap_figure(pivot_counts(dimension_by_country, "dimension"))
    figure.savefig(path, format="png")
