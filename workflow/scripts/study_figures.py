"""A study's figures, those its rule asks for (inputs: weights.csv, scores.csv, matrix.csv; outputs among weights,
subsystems and utility, as PNG and SVG). Points whose score rests partly on filled cells have open markers; weights
of indicators with filled cells are hatched; each port keeps its colour (figures.port_colors)."""

from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue, study_window
from porteval.runlog import rule_logger
from porteval.tables import indicator_filled_cells

rule_logger(snakemake.log[0], "study_figures")
catalogue = load_catalogue(*snakemake.input.catalogue)
study = snakemake.params.study_config
read = {"dtype": {"comparison": str, "alternative": str}}
weights = pd.read_csv(snakemake.input.weights, **read)
scores = pd.read_csv(snakemake.input.scores, **read)
matrix = pd.read_csv(snakemake.input.matrix, **read)
outputs = {Path(p).stem: Path(p).with_suffix("") for p in snakemake.output if p.endswith(".png")}
window = study_window(study)
main = scores[scores["comparison"] == window]
is_longitudinal = study["kind"] == "longitudinal"
where = study["ports"][0] if is_longitudinal else f"{len(study['ports'])} ports"
colors = figures.port_colors(list(catalogue.ports))


def wide(rows, index, columns):
    return (
        rows.pivot(index=index, columns=columns, values="utility"),
        rows.pivot(index=index, columns=columns, values="imputed_score_share"),
    )


if "weights" in outputs:
    w = weights[weights["comparison"] == window].set_index("indicator")["weight"]
    cells = indicator_filled_cells(matrix[matrix["comparison"] == window]).set_index("indicator")
    filled = (cells["interpolated_cells"] + cells["extrapolated_cells"]) > 0
    title = f"Indicator weights ({weights['mode'].iloc[0]}), {where} {window}"
    figures.save(figures.bars(w, title, "weight", filled=filled), outputs["weights"])
if "utility" in outputs:
    if is_longitudinal:
        utility, share = wide(main[main["scope"] == "overall"].assign(series="overall"), "alternative", "series")
        title, line_colors = f"Overall utility degree, {where} {window}", None
    else:
        per_year = scores[(scores["scope"] == "overall") & (scores["comparison"] != window)]
        utility, share = (t[study["ports"]] for t in wide(per_year, "comparison", "alternative"))
        title, line_colors = f"Utility degree by year, each year compared on its own, {where}", colors
    fig = figures.lines(utility, title, "utility degree (%)", percent=True, filled=share, colors=line_colors)
    figures.save(fig, outputs["utility"])
if "subsystems" in outputs:
    sub = main[main["scope"] != "overall"].assign(scope=lambda d: d["scope"] + " " + d["scope"].map(catalogue.subsystems))
    utility, share = wide(sub, "alternative", "scope")
    if not is_longitudinal:
        utility, share = utility.T[study["ports"]], share.T[study["ports"]]
    title = f"Subsystem utility degree, {where} {window}"
    fig = figures.lines(
        utility, title, "utility degree (%)", percent=True, filled=share, colors=None if is_longitudinal else colors
    )
    figures.save(fig, outputs["subsystems"])
