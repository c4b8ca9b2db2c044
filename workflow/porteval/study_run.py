"""A study's chain in one job: its cells, decision matrices, normalised matrices, weights, COPRAS scores and
tables (the files of results/studies/<study>/ and results/tables/<study>/).

Each step writes its file and the next step reads that file back, as separate jobs did: the numbers a step uses are
the ones a reviewer finds in the file before it (written at ten significant digits), and the results are the same
bytes as with a job per step, without a Python start per step.
"""

from __future__ import annotations

import logging

import pandas as pd

from .catalogue import Catalogue, study_label
from .io import write_csv
from .study import build_matrix, normalised, scores_table, study_breaks, study_imputed, weight_if_kept, weights_table
from .tables import overall_view, subsystems_view, weights_view, write_tables

_IMPUTED = {"keep_default_na": False, "na_values": [""], "dtype": {"source_id": str, "reason": str}}
_MATRIX = {"dtype": {"alternative": str, "comparison": str}}


def run_study(inputs: dict, outputs: dict, study: dict, catalogue: Catalogue, settings: dict, log: logging.Logger) -> list[str]:
    """Run the chain, and return what the console must hear: a line for each indicator left out that would have been
    the study's heaviest (its weight where it can be filled is in ``dropped.csv``). ``inputs``: the entities'
    ``imputed`` and ``breaks`` files, the ``given`` weights (a Series, for weighting modes "published" and "file", else
    None); ``outputs``: the paths named as the rule names them (imputed, breaks, matrix, dropped, normalised, weights,
    scores, csv and md tables); ``settings``: ``mode`` and ``on_insufficient``."""
    imputed = study_imputed(pd.concat([pd.read_csv(p, **_IMPUTED) for p in inputs["imputed"]], ignore_index=True), study)
    breaks = study_breaks(pd.concat([pd.read_csv(p, keep_default_na=False) for p in inputs["breaks"]], ignore_index=True), study)
    for status, n in imputed["status"].value_counts().sort_index().items():
        log.info("%d cell(s) %s", n, status)
    for b in breaks.itertuples():
        log.warning("level break: %s %s %d->%d %+.1f%% (%s)", b.entity, b.indicator, b.year_before, b.year, 100 * b.change, b.why)
    write_csv(imputed, outputs["imputed"])
    write_csv(breaks, outputs["breaks"])

    imputed = pd.read_csv(outputs["imputed"], **_IMPUTED)
    matrix, dropped = build_matrix(imputed, study, catalogue, settings["on_insufficient"])
    for row in dropped.itertuples():
        log.warning("%s left out (%s): %s", row.indicator, row.entity, row.reason)
    kept_weight = weight_if_kept(imputed, dropped, study, catalogue).rename(
        columns={"years": "weighed_over", "weight": "weight_if_kept", "heaviest": "heaviest_if_kept"}
    )
    dropped = dropped.merge(kept_weight, on="indicator", how="left")
    said = []
    for row in kept_weight[kept_weight["heaviest_if_kept"]].itertuples():
        said.append(
            f"the ranking of {study_label(study)} leaves out {catalogue.indicators.loc[row.indicator, 'name']} "
            f"({row.indicator}), which would be its heaviest indicator ({row.weight_if_kept:.0%} of the weight over "
            f"{row.weighed_over}, the years it can be filled): see its dropped.csv"
        )
        log.warning(said[-1])
    log.info("%d indicator(s) kept: %s", matrix["indicator"].nunique(), ", ".join(pd.unique(matrix["indicator"])))
    write_csv(matrix, outputs["matrix"])
    write_csv(dropped, outputs["dropped"])

    matrix = pd.read_csv(outputs["matrix"], **_MATRIX)
    write_csv(normalised(matrix), outputs["normalised"])
    weights, notes = weights_table(matrix, catalogue, settings["mode"], inputs["given"])
    for note in notes:
        log.warning(note)
    write_csv(weights, outputs["weights"])

    weights = pd.read_csv(outputs["weights"], dtype={"comparison": str})
    scores = scores_table(matrix, weights, catalogue)
    for note in sorted(set(scores["note"].dropna()) - {""}):
        log.warning(note)
    write_csv(scores, outputs["scores"])

    scores = pd.read_csv(outputs["scores"], **_MATRIX)
    views = {
        "weights": weights_view(weights, matrix, catalogue),
        "overall": overall_view(scores),
        "subsystems": subsystems_view(scores),
    }
    write_tables(views, [*outputs["csv"], *outputs["md"]])
    return said
