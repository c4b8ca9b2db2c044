"""Figures drawn as a journal would print them, saved deterministically (PNG and SVG)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .catalogue import study_label, study_window  # noqa: E402
from .io import atomic_write_bytes  # noqa: E402
from .tables import indicator_filled_cells  # noqa: E402

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
    """Save ``fig`` as ``stem``.png and ``stem``.svg with no timestamps, so re-runs are byte-identical; each written
    whole or not at all, and recorded as a table is (io.atomic_write_bytes), so that a figure cut short or edited
    is found at the next start."""
    stem = Path(stem)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
    with plt.rc_context(STYLE):  # savefig.* and svg.hashsalt are read at save time
        for path in paths:
            kind = path.suffix[1:]
            data = io.BytesIO()
            fig.savefig(data, format=kind, metadata=metadata[kind])
            atomic_write_bytes(path, data.getvalue())
    plt.close(fig)
    return paths


FILLED_LABEL = "open marker: score partly from filled cells"


def _mark_filled(ax, x, y, share, marker, color):
    """Draw open markers over the points whose score rests partly on filled (imputed) cells."""
    filled = (share.fillna(0) > 0).to_numpy()
    if filled.any():
        ax.plot(
            [x[i] for i in range(len(x)) if filled[i]],
            y[filled],
            linestyle="none",
            marker=marker,
            markersize=6,
            markerfacecolor="white",
            markeredgecolor=color,
            markeredgewidth=1.2,
            label=FILLED_LABEL,
        )


PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]


def port_colors(ports: list[str]) -> dict[str, str]:
    """One colour per port, fixed by the catalogue's order, the same in every figure."""
    return {port: PALETTE[i % len(PALETTE)] for i, port in enumerate(ports)}


def lines(frame: pd.DataFrame, title: str, ylabel: str, xlabel: str = "", percent: bool = False, filled=None, colors=None):
    """One line per column of ``frame`` over its index, in the column order (the legend's order too);
    ``filled`` (same shape: the share of each point's score from filled cells) draws open markers where it is
    above 0; ``colors`` maps columns to colours (e.g. :func:`port_colors`)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.3, 3.6))
        x = list(frame.index.astype(str))
        for i, col in enumerate(frame.columns):
            y = frame[col] * (100 if percent else 1)
            color = (colors or {}).get(col, PALETTE[i % len(PALETTE)])
            (line,) = ax.plot(x, y, marker=MARKERS[i % len(MARKERS)], markersize=4, linewidth=1.3, label=str(col), color=color)
            if filled is not None:
                _mark_filled(ax, x, y.to_numpy(), filled[col], MARKERS[i % len(MARKERS)], line.get_color())
        ax.set_title(title, loc="left", fontsize=10)
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel)
        handles, labels = _unique_legend(ax)
        if len(labels) > 1:
            ax.legend(handles, labels, ncol=min(3, len(labels)), fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14))
        return fig


def _unique_legend(*axes):
    legend = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            legend.setdefault(label, handle)
    if FILLED_LABEL in legend:  # last, after the series
        legend[FILLED_LABEL] = legend.pop(FILLED_LABEL)
    return list(legend.values()), list(legend)


def bars(
    series: pd.Series,
    title: str,
    xlabel: str,
    horizontal: bool = True,
    reference: pd.Series | None = None,
    labels: tuple[str, str] = ("this study", "published"),
    filled: pd.Series | None = None,
):
    """A bar per item of ``series``; with ``reference``, paired bars to compare with the published values;
    ``filled`` (per item, True where some of its cells were filled) hatches those bars."""
    with plt.rc_context(STYLE):
        height = max(2.4, 0.28 * len(series) + 1)
        fig, ax = plt.subplots(figsize=(6.3, height) if horizontal else (6.3, 3.6))
        pos = range(len(series))
        width = 0.4 if reference is not None else 0.7
        shift = width / 2 if reference is not None else 0
        draw = ax.barh if horizontal else ax.bar
        ours = draw([p - shift for p in pos], series.to_numpy(), width, color="#2b6c9e", label=labels[0])
        if filled is not None and filled.reindex(series.index).fillna(False).any():
            for bar, is_filled in zip(ours, filled.reindex(series.index).fillna(False), strict=True):
                if is_filled:
                    bar.set_hatch("////")
                    bar.set_edgecolor("white")
            from matplotlib.patches import Patch

            ax.legend(
                handles=[Patch(facecolor="#2b6c9e", edgecolor="white", hatch="////", label="some cells filled (imputed)")],
                fontsize=8,
            )
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


COVERAGE_ROWS_PER_PANEL = 26  # rows of one panel of the coverage map; more rows make panels side by side


def coverage_map(coverage: pd.DataFrame, colors: dict[str, str], title: str):
    """A heat map of entity x indicator (rows) by year (columns), one colour per coverage status, in panels side by
    side of at most COVERAGE_ROWS_PER_PANEL rows: one column of 76 rows was higher than a printed page is."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    rows = coverage.assign(row=coverage["entity"] + "  " + coverage["indicator"])
    grid = rows.pivot(index="row", columns="year", values="coverage")
    if grid.isna().any().any():  # cells that no study asks for (e.g. a year only one study covers)
        grid = grid.fillna("not_studied")
        colors = {**colors, "not_studied": "#ffffff"}
    statuses = list(colors)
    grid = grid.loc[rows.drop_duplicates("row").sort_values(["entity", "indicator"])["row"]]
    codes = grid.apply(lambda col: col.map(statuses.index)).to_numpy(dtype=float)
    panels = -(-len(grid) // COVERAGE_ROWS_PER_PANEL)
    per_panel = -(-len(grid) // panels)
    breaks = rows[rows["level_break"] != ""] if "level_break" in rows else rows.iloc[:0]
    order, years = list(grid.index), list(grid.columns)
    with plt.rc_context({**STYLE, "axes.grid": False}):
        fig, axes = plt.subplots(1, panels, figsize=(3.4 * panels, 0.15 * per_panel + 1.3), squeeze=False, layout="constrained")
        for i, ax in enumerate(axes[0]):
            part = slice(i * per_panel, (i + 1) * per_panel)
            ax.imshow(
                codes[part],
                aspect="auto",
                cmap=ListedColormap([colors[s] for s in statuses]),
                vmin=0,
                vmax=len(statuses) - 1,
                interpolation="nearest",
            )
            mine = breaks[breaks["row"].isin(order[part])]
            ax.scatter(
                [years.index(y) for y in mine["year"]],
                [order.index(r) - i * per_panel for r in mine["row"]],
                marker="x",
                s=14,
                linewidths=0.9,
                color="black",
            )
            ax.set_ylim(per_panel - 0.5, -0.5)
            ax.set_yticks(range(len(order[part])), order[part], fontsize=6)
            ax.set_xticks(range(len(years)), [str(y) for y in years], fontsize=6, rotation=90)
            ax.xaxis.tick_top()
            for side in ("top", "right", "left", "bottom"):
                ax.spines[side].set_visible(False)
        fig.suptitle(title, fontsize=10)
        fig.legend(
            handles=[Patch(facecolor=colors[s], edgecolor="#999999", label=s.replace("_", " ")) for s in statuses],
            ncol=len(statuses),
            fontsize=8,
            loc="outside lower center",
        )
        return fig


def small_multiples(
    panels: dict[str, pd.DataFrame],
    title: str,
    ylabel: str,
    ncols: int = 4,
    percent: bool = False,
    sharey: bool = True,
    filled: dict[str, pd.Series] | None = None,
):
    """One panel per entry; each frame's columns are drawn as lines over its index ("published" dashed grey).
    ``filled`` (per panel: the share of each point's score from filled cells) opens the markers of our points."""
    n = len(panels)
    nrows = -(-n // ncols)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.0, 2.0 * nrows + 0.6), sharex=True, sharey=sharey, squeeze=False)
        for ax, (name, frame) in zip(axes.flat, panels.items(), strict=False):
            for col in frame.columns:
                y = frame[col] * (100 if percent else 1)
                published = col == "published"
                ax.plot(
                    frame.index.astype(str),
                    y,
                    linestyle="--" if published else "-",
                    color="#888888" if published else "#2b6c9e",
                    marker="o",
                    markersize=2.5,
                    linewidth=1.1,
                    label=col,
                )
                if filled is not None and not published and name in filled:
                    share = filled[name].reindex(frame.index)
                    _mark_filled(ax, list(frame.index.astype(str)), y.to_numpy(), share, "o", "#2b6c9e")
            ax.set_title(textwrap.fill(name, 30), fontsize=7.5, loc="left")
            ax.tick_params(axis="x", labelrotation=90, labelsize=7)
            ax.tick_params(axis="y", labelsize=7)
        for ax in list(axes.flat)[n:]:
            ax.set_visible(False)
        handles, labels = _unique_legend(*axes.flat)
        fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8, bbox_to_anchor=(0.5, -0.02))
        fig.suptitle(title, x=0.01, ha="left", fontsize=10)
        fig.supylabel(ylabel, fontsize=8)
        fig.tight_layout(rect=(0, 0.05, 1, 1))
        return fig


def rank_probabilities(panels: dict[str, pd.DataFrame], title: str):
    """Stacked horizontal bars: for each alternative (row), the probability of each rank (columns 1..m)."""
    with plt.rc_context({**STYLE, "axes.grid": False}):
        fig, axes = plt.subplots(
            1, len(panels), figsize=(7.0, 0.35 * max(len(f) for f in panels.values()) + 1.6), sharey=True, squeeze=False
        )
        cmap = plt.get_cmap("viridis")
        for ax, (name, frame) in zip(axes.flat, panels.items(), strict=True):
            left = pd.Series(0.0, index=frame.index)
            m = frame.shape[1]
            for j, rank in enumerate(frame.columns):
                shade = j / max(m - 1, 1)
                ax.barh(frame.index.astype(str), frame[rank], left=left, color=cmap(shade), label=f"rank {rank}")
                # the rank written in each segment wide enough: eleven shades of a legend cannot be told apart
                for y, (start, width) in enumerate(zip(left, frame[rank], strict=True)):
                    if width >= 0.06:
                        color = "white" if shade < 0.5 else "black"
                        ax.text(start + width / 2, y, str(rank), ha="center", va="center", fontsize=6.5, color=color)
                left += frame[rank]
            ax.set_title(name, loc="left", fontsize=9)
            ax.set_xlim(0, 1)
            ax.set_xlabel("probability")
            ax.invert_yaxis()
        handles, labels = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=min(len(labels), 7), fontsize=7, bbox_to_anchor=(0.5, -0.02))
        fig.suptitle(title, x=0.01, ha="left", fontsize=10)
        fig.tight_layout(rect=(0, 0.08, 1, 1))
        return fig


def heatmap(frame: pd.DataFrame, title: str, label: str, vmin: float = -1, vmax: float = 1):
    """A square matrix with its values written in the cells."""
    with plt.rc_context({**STYLE, "axes.grid": False}):
        fig, ax = plt.subplots(figsize=(0.6 * frame.shape[1] + 2.2, 0.5 * frame.shape[0] + 1.4))
        image = ax.imshow(frame.to_numpy(dtype=float), cmap="RdBu", vmin=vmin, vmax=vmax)
        ax.set_xticks(range(frame.shape[1]), frame.columns, rotation=45, ha="right")
        ax.set_yticks(range(frame.shape[0]), frame.index)
        for (i, j), value in pd.DataFrame(frame.to_numpy(dtype=float)).stack().items():
            dark = abs((value - vmin) / (vmax - vmin) - 0.5) > 0.3  # RdBu is dark at both ends
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7, color="white" if dark else "black")
        fig.colorbar(image, ax=ax, label=label, shrink=0.8)
        ax.set_title(title, loc="left", fontsize=10)
        return fig


def ratio_intervals(frame: pd.DataFrame, title: str, xlabel: str, colors: dict[str, str]):
    """One row per item: a point (``ratio``) with its interval (``ratio_low`` to ``ratio_high``), coloured by
    ``verdict``, against the line at 1."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.3, 0.32 * len(frame) + 1.4))
        y = list(range(len(frame)))
        for verdict, color in colors.items():
            part = [i for i, v in enumerate(frame["verdict"]) if v == verdict]
            if not part:
                continue
            rows = frame.iloc[part]
            ax.errorbar(
                rows["ratio"],
                part,
                xerr=[rows["ratio"] - rows["ratio_low"], rows["ratio_high"] - rows["ratio"]],
                fmt="o",
                color=color,
                capsize=3,
                label=verdict,
            )
        ax.axvline(1.0, color="#555555", linewidth=0.8, linestyle="--")
        ax.set_yticks(y, frame["label"])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_title(title, loc="left", fontsize=10)
        ax.legend(fontsize=8, loc="lower right")
        return fig


ACCEPTABILITY_PANELS = {"dirichlet": "weights drawn around the study's weights", "uniform": "weights uniform on the simplex"}


def specification_curve(outcomes: pd.DataFrame, choices: list[str], title: str):
    """A specification curve (Simonsohn, Simmons & Nelson 2020): above, each specification's Spearman rho with the
    paper's ranking, sorted, a hollow red marker where the paper's leader is not first and a star at the paper's
    own specification (the first row); below, which level of each choice each specification used."""
    defined = outcomes.dropna(subset=["spearman"]).assign(paper=lambda f: f["spec"] == outcomes["spec"].iloc[0])
    order = defined.sort_values(["spearman", "spec"], kind="stable").reset_index(drop=True)
    levels = [(c, level) for c in choices for level in pd.unique(outcomes[c])]
    with plt.rc_context(STYLE):
        fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(7.2, 2.4 + 0.16 * len(levels)), sharex=True, gridspec_kw={"height_ratios": [2.2, 0.16 * len(levels)]}
        )
        x = order.index.to_numpy()
        first = order["leader_first"].astype(bool).to_numpy()
        top.plot(x[first], order.loc[first, "spearman"], "o", markersize=2.5, color="#1f77b4", label="the paper's leader first")
        top.plot(
            x[~first],
            order.loc[~first, "spearman"],
            "o",
            markersize=3,
            markerfacecolor="white",
            color="#d62728",
            label="another leader",
        )
        paper = order.index[order["paper"]]
        top.plot(paper, order.loc[paper, "spearman"], "*", markersize=11, color="black", label="the paper's specification")
        top.set_ylabel("Spearman's rho with the\npaper's ranking")
        top.set_title("\n".join(textwrap.wrap(title, 95)), fontsize=9)
        top.legend(loc="lower right", fontsize=7)
        for i, (choice, level) in enumerate(levels):
            used = (order[choice] == level).to_numpy()
            bottom.plot(x[used], [i] * int(used.sum()), "|", markersize=4, color="#444444")
        bottom.set_yticks(range(len(levels)), [f"{c}: {level}" for c, level in levels], fontsize=6.5)
        bottom.invert_yaxis()
        bottom.grid(False)
        bottom.set_xlabel(f"{len(order)} specifications, sorted by rho ({len(outcomes) - len(order)} not defined)")
        fig.tight_layout()
    return fig


def robustness_figures(
    window: dict[str, pd.DataFrame],
    years: pd.DataFrame | None,
    study: dict,
    stems: dict,
    multiverse: pd.DataFrame | None = None,
    choices: tuple[str, ...] = (),
) -> None:
    """A study's robustness figures, those ``stems`` names ({figure: path without suffix}): rank acceptability,
    method agreement and data uncertainty of its whole window (``window``: the window's tables by name, as
    written), for a cross-port study the probability that each port ranks first in each year (``years``: every
    year's rank acceptability, its ports in the study's order), and the specification curve of the multiverse
    (``multiverse``: :func:`porteval.multiverse.ranking_outcomes`, over the ``choices``: its columns of the choices
    made, porteval.multiverse.CHOICES, given by the caller so that the figures' code does not follow the multiverse's)."""

    label = study_label(study)
    if "multiverse" in stems:
        title = f"Every combination of imputation, normalisation, weighting and method: the whole-window ranking, {label}"
        save(specification_curve(multiverse, list(choices), title), stems["multiverse"])
    if "acceptability" in stems:
        acc = window["rank_acceptability"]
        order = list(pd.unique(acc["alternative"]))
        panels = {
            ACCEPTABILITY_PANELS[s]: part.pivot(index="alternative", columns="rank", values="probability").loc[order]
            for s, part in acc.groupby("sampling", sort=True)
        }
        save(rank_probabilities(panels, f"Rank acceptability under weight uncertainty, {label}"), stems["acceptability"])
    if "methods" in stems:
        agree = window["method_agreement"]
        names = list(pd.unique(agree["method_a"]))
        matrix = agree.pivot(index="method_a", columns="method_b", values="ws").loc[names, names]
        title = f"Rank agreement of methods (WS; row = reference; VIKOR: its compromise set tied first), {label}"
        save(heatmap(matrix, title, "WS", 0, 1), stems["methods"])
    if "data" in stems:
        data = window["data_uncertainty"]
        order = list(pd.unique(data["alternative"]))
        frame = data.pivot(index="alternative", columns="imputation", values="p_rank_changed").loc[order]
        title = f"Probability that the rank changes, each cell within the error of its status, {label}"
        save(lines(frame, title, "probability"), stems["data"])
    if "years" in stems:
        first = years[(years["rank"] == 1) & (years["sampling"] == "dirichlet")]
        frame = first.pivot(index="alternative", columns="comparison", values="probability").loc[study["ports"]]
        title = f"Probability of ranking first in each year (weights drawn around the year's weights), {label}"
        save(heatmap(frame, title, "probability of ranking first", 0, 1), stems["years"])


def _utility_frames(rows: pd.DataFrame, index: str, columns: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        rows.pivot(index=index, columns=columns, values="utility"),
        rows.pivot(index=index, columns=columns, values="imputed_score_share"),
    )


def study_figures(weights: pd.DataFrame, scores: pd.DataFrame, matrix: pd.DataFrame, study: dict, catalogue, stems: dict) -> None:
    """A study's figures, those ``stems`` names ({figure: path without suffix}) among weights, utility and subsystems,
    from its files as written. Points whose score rests partly on filled cells have open markers; weights of
    indicators with filled cells are hatched; each port keeps its colour (port_colors)."""
    window, label = study_window(study), study_label(study)
    main = scores[scores["comparison"] == window]
    is_longitudinal = study["kind"] == "longitudinal"
    colors = port_colors(list(catalogue.ports))
    if "weights" in stems:
        w = weights[weights["comparison"] == window].set_index("indicator")["weight"]
        cells = indicator_filled_cells(matrix[matrix["comparison"] == window]).set_index("indicator")
        filled = (cells["interpolated_cells"] + cells["extrapolated_cells"]) > 0
        title = f"Indicator weights ({weights['mode'].iloc[0]}), {label}"
        save(bars(w, title, "weight", filled=filled), stems["weights"])
    if "utility" in stems:
        if is_longitudinal:
            utility, share = _utility_frames(main[main["scope"] == "overall"].assign(series="overall"), "alternative", "series")
            title, line_colors = f"Overall utility degree, {label}", None
        else:
            per_year = scores[(scores["scope"] == "overall") & (scores["comparison"] != window)]
            utility, share = (t[study["ports"]] for t in _utility_frames(per_year, "comparison", "alternative"))
            title, line_colors = f"Utility degree by year, each year compared on its own, {len(study['ports'])} ports", colors
        save(lines(utility, title, "utility degree (%)", percent=True, filled=share, colors=line_colors), stems["utility"])
    if "subsystems" in stems:
        sub = main[main["scope"] != "overall"].assign(scope=lambda d: d["scope"] + " " + d["scope"].map(catalogue.subsystems))
        utility, share = _utility_frames(sub, "alternative", "scope")
        if not is_longitudinal:
            utility, share = utility.T[study["ports"]], share.T[study["ports"]]
        title = f"Subsystem utility degree, {label}"
        fig = lines(utility, title, "utility degree (%)", percent=True, filled=share, colors=None if is_longitudinal else colors)
        save(fig, stems["subsystems"])


GOOD, BAD, MIDDLE, NONE = "#8fd18f", "#f08c8c", "#f5c26b", "#e6e6e6"
ANSWER_COLORS = {
    "supported": GOOD,
    "holds": GOOD,
    "contradicted": BAD,
    "fails": BAD,
    "undecided by rounding": MIDDLE,
}


def _share_color(p) -> str:
    """A share of cases in which a claim holds: green near 1, red near 0, amber between (0.1 to 0.9)."""
    if pd.isna(p):
        return NONE
    return GOOD if p >= 0.9 else BAD if p <= 0.1 else MIDDLE


def claims_matrix(claims: pd.DataFrame, in_words=str):
    """The claims against the evidence, one row per reading (in words): the paper's own tables, the paper restricted
    to our indicators, our data, the multiverse and the weakest robustness analysis of our answer (with its verdict),
    coloured by what each says of the claim (green: it holds, red: it fails, amber: between) with the number in
    each cell; ``in_words`` names the codes of a reading (:meth:`porteval.names.Names.in_words`)."""
    columns = ["paper's tables", "paper on our\nindicators", "our data", "multiverse", "weakest robustness\nanalysis"]
    cells = []
    for r in claims.itertuples():
        restricted = r.paper_restricted if isinstance(r.paper_restricted, str) else ""
        rp = f"{r.p_paper_restricted:.2f}" if pd.notna(r.p_paper_restricted) else ""
        ours = f"{r.ours}\n{r.weight_covered:.0%} of weight" if r.ours in ("holds", "fails") else "not tested"
        multi = f"{r.p_multiverse:.0%} of {r.n_multiverse}" if pd.notna(r.p_multiverse) and r.n_multiverse else "—"
        weak, p_weak = "", np.nan
        if isinstance(r.weakest_analysis, str) and r.weakest_analysis:
            p_weak = getattr(r, "p_" + r.weakest_analysis.replace(" ", "_").lower())
            weak = f"{r.robustness}: {p_weak:.0%}\n{r.weakest_analysis}"  # the share holding (caption)
        cells.append(
            [
                (f"{r.paper_tables}\n{r.p_paper_tables:.2f}", ANSWER_COLORS.get(r.paper_tables, NONE)),
                (f"{restricted}\n{rp}".strip(), ANSWER_COLORS.get(restricted, NONE)),
                (ours, ANSWER_COLORS.get(r.ours, NONE)),
                (multi, _share_color(r.p_multiverse)),
                (weak, _share_color(p_weak)),
            ]
        )
    labels = [
        "\n".join(textwrap.wrap(f"{in_words(r.reading)} ({'§' if str(r.section)[0].isdigit() else ''}{r.section})", 95))
        for r in claims.itertuples()
    ]
    # A row is as high as its label's lines, or two lines where a cell's text does not fit one.
    lines_of = [
        max(label.count("\n") + 1, 2 if any(len(t.replace("\n", " ")) > 26 for t, _ in row) else 1)
        for label, row in zip(labels, cells, strict=True)
    ]
    heights = [0.06 + 0.11 * n for n in lines_of]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(11, 0.6 + sum(heights)))  # wider than report.WIDE_PX: printed a page wide
        ax.set_xlim(0, len(columns))
        ax.set_ylim(sum(heights), 0)
        top = 0.0
        for label, row, h, n in zip(labels, cells, heights, lines_of, strict=True):
            for j, (text, color) in enumerate(row):
                ax.add_patch(plt.Rectangle((j + 0.02, top + 0.01), 0.96, h - 0.02, color=color, linewidth=0))
                ax.text(j + 0.5, top + h / 2, text if n > 1 else text.replace("\n", " "), ha="center", va="center", fontsize=6)
            ax.text(-0.05, top + h / 2, label, ha="right", va="center", fontsize=6.3)
            top += h
        ax.set_xticks([j + 0.5 for j in range(len(columns))], columns, fontsize=7.5)
        ax.xaxis.tick_top()
        ax.set_yticks([])
        ax.grid(False)
        for side in ("left", "bottom", "top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0)
        fig.tight_layout()
    return fig
