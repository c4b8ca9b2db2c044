"""Figures drawn as a journal would print them, saved deterministically (PNG and SVG)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "porteval",
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
}
MARKERS = "osD^v<>ph*"


def save(fig, stem) -> list[Path]:
    """Save ``fig`` as ``stem``.png and ``stem``.svg with no timestamps, so re-runs are byte-identical."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    with plt.rc_context(STYLE):  # savefig.* and svg.hashsalt are read at save time
        fig.savefig(paths[0], metadata={"Software": None})
        fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return paths


def lines(frame: pd.DataFrame, title: str, ylabel: str, xlabel: str = "", percent: bool = False):
    """One line per column of ``frame`` over its index."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.3, 3.6))
        for i, col in enumerate(frame.columns):
            y = frame[col] * (100 if percent else 1)
            ax.plot(frame.index.astype(str), y, marker=MARKERS[i % len(MARKERS)], markersize=4, linewidth=1.3, label=str(col))
        ax.set_title(title, loc="left", fontsize=10)
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel)
        if len(frame.columns) > 1:
            ax.legend(ncol=min(3, len(frame.columns)), fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14))
        return fig


def bars(
    series: pd.Series,
    title: str,
    xlabel: str,
    horizontal: bool = True,
    reference: pd.Series | None = None,
    labels: tuple[str, str] = ("this study", "published"),
):
    """A bar per item of ``series``; with ``reference``, paired bars to compare with the published values."""
    with plt.rc_context(STYLE):
        height = max(2.4, 0.28 * len(series) + 1)
        fig, ax = plt.subplots(figsize=(6.3, height) if horizontal else (6.3, 3.6))
        pos = range(len(series))
        width = 0.4 if reference is not None else 0.7
        shift = width / 2 if reference is not None else 0
        draw = ax.barh if horizontal else ax.bar
        draw([p - shift for p in pos], series.to_numpy(), width, color="#2b6c9e", label=labels[0])
        if reference is not None:
            draw([p + shift for p in pos], reference.reindex(series.index).to_numpy(), width, color="#bbbbbb", label=labels[1])
            ax.legend(fontsize=8)
        ticks = [str(i) for i in series.index]
        if horizontal:
            ax.set_yticks(list(pos), ticks)
            ax.invert_yaxis()
            ax.set_xlabel(xlabel)
        else:
            ax.set_xticks(list(pos), ticks)
            ax.set_ylabel(xlabel)
        ax.set_title(title, loc="left", fontsize=10)
        return fig
