"""The data jobs' work: raw files checked and read as observations, and one entity's series filled.

An entity's job checks and reads the raw files named after it, writes their observations, and fills its series from
that file read back and the observations of the files named after no entity (a job for each step cost a Python start
per file and per entity). A file named after no entity is checked and read by a job of its own, since it may feed
every entity.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pandas as pd

from .catalogue import Catalogue
from .impute import check_one_value_per_cell, impute_observations, level_breaks
from .io import read_observations, read_tidy, read_wide_sheet
from .validate import validate_files, validation_report


def check_or_stop(raw: list[str], catalogue: Catalogue, sources: str, log: logging.Logger, wide_sheets=()) -> str:
    """The validation report of the ``raw`` files and the declared ``wide_sheets`` when it has no problem; otherwise
    every problem goes to the log and to stderr, and the job stops (nothing of it is written)."""
    problems = validate_files(raw, catalogue, Path(sources), wide_sheets)
    report = validation_report(problems, len(raw), len(wide_sheets))
    if problems:
        log.error("%s", report)
        sys.stderr.write(report)
        sys.exit(1)
    log.info("%s", report.strip())
    return report


def observations_table(raw: list[str], wide_sheets: list[dict], catalogue: Catalogue, use_qualifiers, log) -> pd.DataFrame:
    """The values of checked raw files and declared wide sheets, each with its source, file and line, and whether
    its qualifier enters the analysis (``usable``)."""
    frames = [read_tidy(raw)] + [read_wide_sheet(spec, catalogue) for spec in wide_sheets]
    observations = pd.concat(frames, ignore_index=True)
    observations["usable"] = observations["qualifier"].isin(use_qualifiers)
    observations = observations.sort_values(["entity", "indicator", "year", "file", "line"], ignore_index=True)
    for qualifier, n in observations["qualifier"].value_counts().sort_index().items():
        log.info("%d %s value(s)%s", n, qualifier, "" if qualifier in use_qualifiers else " kept but left out of the analysis")
    return observations


def combined_observations(paths: list[str]) -> pd.DataFrame:
    """Every raw value in one table, from the per-file (and per-entity) observation tables."""
    return read_observations(paths).sort_values(["entity", "indicator", "year", "file", "line"], ignore_index=True)


def fill_entity(
    observations: pd.DataFrame, entity: dict, imputation: dict, break_threshold: float, log: logging.Logger
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One entity's filled cells and its level breaks. ``entity``: its ``entity`` name and the years of each
    indicator some study needs (``cells``); ``observations``: the files that may hold it."""
    name = entity["entity"]
    usable = observations[observations["usable"].astype(bool) & (observations["entity"] == name)]
    check_one_value_per_cell(usable)
    cells = pd.DataFrame(
        [(name, code, year) for code, years in entity["cells"].items() for year in years],
        columns=["entity", "indicator", "year"],
    )
    imputed = impute_observations(
        usable, cells, imputation["method"], imputation["min_observed"], imputation["max_extrapolation"]
    )
    for status, n in imputed["status"].value_counts().sort_index().items():
        log.info("%s: %d cell(s) %s", name, n, status)
    for (code, reason), part in imputed[imputed["reason"] != ""].groupby(["indicator", "reason"]):
        log.info("%s %s %s cannot be filled: %s", name, code, ", ".join(map(str, part["year"])), reason)
    breaks = level_breaks(usable, break_threshold)
    for b in breaks.itertuples():
        log.warning("level break: %s %s %d->%d %+.1f%% (%s)", name, b.indicator, b.year_before, b.year, 100 * b.change, b.why)
    return imputed, breaks
