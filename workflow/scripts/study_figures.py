from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue, study_window
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "study_figures")
catalogue = load_catalogue(*snakemake.input.catalogue)
study = snakemake.params.study
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
scores = pd.read_csv(snakemake.input.scores, dtype={"comparison": str, "alternative": str})
folder = Path(snakemake.output[0]).parent
window = study_window(study)
main = scores[scores["comparison"] == window]
is_longitudinal = study["kind"] == "longitudinal"

w = weights[weights["comparison"] == window].set_index("indicator")["weight"]
figures.save(figures.bars(w, f"Indicator weights ({weights['mode'].iloc[0]}), {window}", "weight"), folder / "weights")

overall = main[main["scope"] == "overall"].set_index("alternative")["utility"]
if is_longitudinal:
    fig = figures.lines(
        overall.to_frame("overall"), f"Overall utility degree, {study['ports'][0]}", "utility degree (%)", percent=True
    )
else:
    per_year = scores[(scores["scope"] == "overall") & (scores["comparison"] != window)]
    fig = figures.lines(
        per_year.pivot(index="comparison", columns="alternative", values="utility")[study["ports"]],
        "Utility degree by year, each year compared on its own",
        "utility degree (%)",
        percent=True,
    )
figures.save(fig, folder / "utility")

sub = main[main["scope"] != "overall"].pivot(index="alternative", columns="scope", values="utility")
sub = sub.rename(columns=lambda code: f"{code} {catalogue.subsystems[code]}")
if not is_longitudinal:
    sub = sub.T
fig = figures.lines(sub, f"Subsystem utility degree, {window}", "utility degree (%)", percent=True)
figures.save(fig, folder / "subsystems")
