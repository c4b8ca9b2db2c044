"""A study's figures (inputs: weights.csv, scores.csv, matrix.csv; outputs: weights, utility and subsystems as PNG
and SVG). Points whose score rests partly on filled cells have open markers; weights of indicators with filled
cells are hatched."""

from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue, study_window
from porteval.runlog import rule_logger
from porteval.tables import indicator_filled_cells

rule_logger(snakemake.log[0], "study_figures")
catalogue = load_catalogue(*snakemake.input.catalogue)
study = snakemake.params.study
read = {"dtype": {"comparison": str, "alternative": str}}
weights = pd.read_csv(snakemake.input.weights, **read)
scores = pd.read_csv(snakemake.input.scores, **read)
matrix = pd.read_csv(snakemake.input.matrix, **read)
folder = Path(snakemake.output[0]).parent
window = study_window(study)
main = scores[scores["comparison"] == window]
is_longitudinal = study["kind"] == "longitudinal"

w = weights[weights["comparison"] == window].set_index("indicator")["weight"]
cells = indicator_filled_cells(matrix[matrix["comparison"] == window]).set_index("indicator")
filled = (cells["interpolated_cells"] + cells["extrapolated_cells"]) > 0
title = f"Indicator weights ({weights['mode'].iloc[0]}), {study['ports'][0] if is_longitudinal else 'ports'} {window}"
figures.save(figures.bars(w, title, "weight", filled=filled), folder / "weights")


def wide(rows, index, columns):
    return (
        rows.pivot(index=index, columns=columns, values="utility"),
        rows.pivot(index=index, columns=columns, values="imputed_score_share"),
    )


overall = main[main["scope"] == "overall"]
if is_longitudinal:
    utility, share = wide(overall.assign(series="overall"), "alternative", "series")
    fig = figures.lines(
        utility, f"Overall utility degree, {study['ports'][0]}, {window}", "utility degree (%)", percent=True, filled=share
    )
else:
    per_year = scores[(scores["scope"] == "overall") & (scores["comparison"] != window)]
    utility, share = wide(per_year, "comparison", "alternative")
    fig = figures.lines(
        utility[study["ports"]],
        f"Utility degree by year, each year compared on its own ({len(study['ports'])} ports)",
        "utility degree (%)",
        percent=True,
        filled=share[study["ports"]],
    )
figures.save(fig, folder / "utility")

sub = main[main["scope"] != "overall"].assign(scope=lambda d: d["scope"] + " " + d["scope"].map(catalogue.subsystems))
utility, share = wide(sub, "alternative", "scope")
if not is_longitudinal:
    utility, share = utility.T, share.T
where = study["ports"][0] if is_longitudinal else "ports"
fig = figures.lines(utility, f"Subsystem utility degree, {where} {window}", "utility degree (%)", percent=True, filled=share)
figures.save(fig, folder / "subsystems")
