"""The ``porteval`` command: ``porteval validate PATH...``, ``porteval diagnose CANDIDATE`` and ``porteval curate``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .catalogue import ConfigError, load_catalogue, raw_inventory
from .inputs import InputError, read_csv
from .papers import PAPERS
from .validate import validate_files


def _expand(paths) -> tuple[list[Path], list[str]]:
    """The files to check: the files named, and the raw CSV files of each folder named (with the folder's entries
    that are refused, and why: porteval.catalogue.raw_inventory)."""
    files, refused = [], []
    for p in map(Path, paths):
        if p.is_dir():
            read, refusals = raw_inventory(p)
            files += map(Path, read)
            refused += refusals
        else:
            files.append(p)
    return files, refused


def cmd_validate(args) -> int:
    try:
        catalogue = load_catalogue(args.indicators, args.entities)
    except ConfigError as err:
        print(f"porteval validate: cannot read the catalogue: {err}", file=sys.stderr)
        return 2
    files, refused = _expand(args.paths)
    problems = validate_files(files, catalogue, Path(args.sources))
    for p in [*refused, *problems]:
        print(p)
    n = len(problems) + len(refused)
    print(f"{len(files)} file(s) checked, {n} problem(s)", file=sys.stderr if n else sys.stdout)
    return 1 if n else 0


# What `porteval diagnose` reads of the run's files: the columns it needs, those among them that are numbers.
DIAGNOSIS_COLUMNS = {"indicator": False, "D": True, "d_required_low": True, "d_required_high": True, "published_weight": True}
MATRIX_COLUMNS = {"comparison": False, "alternative": False, "indicator": False, "value": True}


def run_table(path, columns: dict[str, bool], **read) -> pd.DataFrame:
    """A file of the run (the diagnosis, the matrix) through the one reader, with the ``columns`` it must have, a
    number in each numeric one, and at least one row; InputError naming the file and column otherwise."""
    table = read_csv(path, **read)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(f"{path}: no column {', '.join(missing)}")
    if not len(table):
        raise InputError(f"{path}: a header and no rows")
    for column in (c for c, numeric in columns.items() if numeric):
        numbers = pd.to_numeric(table[column].astype(str), errors="coerce")  # as text: a 400-digit number overflows
        bad = ~np.isfinite(numbers.to_numpy(dtype=float))
        if bad.any():
            raise InputError(f"{path}, line {int(bad.argmax()) + 2}: column {column!r} is not a finite number")
        table[column] = numbers
    return table


def cmd_diagnose(args) -> int:
    from .audit import read_reference
    from .diagnosis import diagnose_candidate
    from .impute import impute_observations
    from .io import read_tidy
    from .papers import paper_indicators
    from .study import comparisons

    try:
        catalogue = load_catalogue(args.indicators, args.entities)
        diagnosis = run_table(args.diagnosis, DIAGNOSIS_COLUMNS)
        matrix = run_table(args.matrix, MATRIX_COLUMNS, dtype={"comparison": str, "alternative": str, "indicator": str})
        table3 = read_reference(args.reference)[PAPERS[args.paper]["restriction"]["subsystems"]]
    except (ConfigError, InputError) as err:
        print(
            f"porteval diagnose: {err} (run `snakemake --cores 4` first: it writes the diagnosis and the matrix)", file=sys.stderr
        )
        return 2
    problems = validate_files([Path(args.candidate)], catalogue, Path(args.sources))
    if problems:
        for p in problems:
            print(p)
        print(f"porteval diagnose: {len(problems)} problem(s) in {args.candidate}", file=sys.stderr)
        return 1
    candidate = read_tidy([args.candidate])
    candidate = candidate[candidate["qualifier"].isin(("exact", "derived"))]
    indicators = paper_indicators(args.paper)
    judged = set(indicators.index) & set(diagnosis["indicator"])
    others = sorted(set(candidate["indicator"]) - judged)
    if others:
        print(f"porteval diagnose: {args.candidate}: {', '.join(others)} not judged: not in {args.diagnosis}", file=sys.stderr)
    candidate = candidate[candidate["indicator"].isin(judged)]
    if not len(candidate):
        print(f"porteval diagnose: {args.candidate}: no exact or derived value of an indicator to judge", file=sys.stderr)
        return 1
    first = matrix[matrix["comparison"] == matrix["comparison"].iloc[0]]
    if first.duplicated(["alternative", "indicator"]).any():
        print(f"porteval diagnose: {args.matrix}: an (alternative, indicator) given twice", file=sys.stderr)
        return 2
    (_, wide), *_ = comparisons(first)
    cells = pd.DataFrame(
        [
            (e, c, int(y))
            for (e, c) in candidate[["entity", "indicator"]].drop_duplicates().itertuples(index=False)
            for y in wide.index
        ],
        columns=["entity", "indicator", "year"],
    )
    filled = impute_observations(candidate, cells, "linear", 2, args.max_extrapolation)
    result = diagnose_candidate(filled.dropna(subset=["value"]), wide, diagnosis, table3, indicators)
    print(result.to_string(index=False))
    return 0


def cmd_curate(args) -> int:
    from .curation import curate

    if not Path(args.dossier).is_dir():
        print(f"porteval curate: --dossier {args.dossier}: not a folder (the research dossier's CSV files)", file=sys.stderr)
        return 2
    try:
        candidates, kept = curate(args.dossier, args.zhang, args.out, load_catalogue(args.indicators, args.entities))
    except (ConfigError, InputError) as err:
        print(f"porteval curate: {err}", file=sys.stderr)
        return 2
    print(f"{candidates} candidate rows, {kept} kept in {Path(args.out) / 'raw'}")
    return 0


def years(text: str) -> int:
    """A number of years for argparse: a whole number, 0 or more."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of years, 0 or more")
    return int(text)


# Options whose defaults are paths inside the project: taken from the project's root, found from any folder in it.
PROJECT_PATHS = ("indicators", "entities", "sources", "diagnosis", "matrix", "reference", "dossier", "zhang", "out")


def find_project(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a porteval project (a Snakefile and config/)."""
    for folder in [start, *start.parents]:
        if (folder / "Snakefile").is_file() and (folder / "config").is_dir():
            return folder
    return None


def _with_project_paths(args, parser_defaults: dict) -> str | None:
    """Point every project path left at its default to the project's root (relative to the working folder);
    return a message when no project can be found and one is needed."""
    defaulted = [name for name in PROJECT_PATHS if name in parser_defaults and getattr(args, name) == parser_defaults[name]]
    if not defaulted:
        return None
    root = Path(args.project) if args.project else find_project(Path.cwd())
    if root is None or not (root / "config").is_dir():
        where = f"{args.project} is not a porteval project" if args.project else "no porteval project here or above"
        return (
            f"porteval {args.command}: {where} (a folder with a Snakefile and config/), and --{defaulted[0]} was not "
            f"given: run it inside the project, or give --project DIR"
        )
    for name in defaulted:
        setattr(args, name, os.path.relpath(root / parser_defaults[name]))
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="porteval", description="Entropy-COPRAS port logistics evaluation.")
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", help="the project's folder; without it, the nearest one at or above the working folder")
    common.add_argument("--indicators", default="config/indicators.yaml", help="indicator catalogue (YAML)")
    common.add_argument("--entities", default="config/entities.yaml", help="ports and cities (YAML)")
    helpful = {"parents": [common], "formatter_class": argparse.ArgumentDefaultsHelpFormatter}
    v = sub.add_parser("validate", help="check raw data files; exit 1 on any problem", **helpful)
    v.add_argument("paths", nargs="+", help="raw CSV files or folders of them")
    v.add_argument("--sources", default="data/sources.csv", help="the sources table")
    v.set_defaults(func=cmd_validate)
    d = sub.add_parser("diagnose", help="does a candidate series (raw-format CSV) fit the paper's Table 2 and 3?", **helpful)
    d.add_argument("candidate", help="raw-format CSV with the candidate series (one or more indicators)")
    d.add_argument("--sources", default="data/sources.csv", help="the sources table (the candidate's source must be in it)")
    d.add_argument(
        "--diagnosis",
        default="results/reproduction/ningbo_longitudinal/series_diagnosis.csv",
        help="the run's series diagnosis (written by `snakemake --cores 4`): the band each series must fit",
    )
    d.add_argument("--matrix", default="results/studies/ningbo_longitudinal/matrix.csv", help="the reproducing study's matrix")
    d.add_argument("--reference", default="data/reference", help="folder of the published tables")
    # The papers whose tables give their index's parts (a `restriction` in porteval/papers.yaml) can be diagnosed.
    divisible = [paper for paper, entry in PAPERS.items() if "restriction" in entry]
    d.add_argument("--paper", choices=divisible, default=divisible[0], help="the registry entry whose weights are tested")
    d.add_argument("--max-extrapolation", type=years, default=2, help="years a gap may be extrapolated, as in the pipeline")
    d.set_defaults(func=cmd_diagnose)
    c = sub.add_parser("curate", help="build data/raw from the research dossier by the precedence rule", **helpful)
    c.add_argument("--dossier", default="data/dossier", help="folder of dossier CSV files")
    c.add_argument("--zhang", default="data/reference/zhang_table2_throughput.csv", help="Zhang's Table 2")
    c.add_argument("--out", default="data", help="data folder to write raw/, sources.csv and curation/ into")
    c.set_defaults(func=cmd_curate)
    args = parser.parse_args(argv)
    chosen = {"validate": v, "diagnose": d, "curate": c}[args.command]
    problem = _with_project_paths(args, {a.dest: a.default for a in chosen._actions})
    if problem:
        print(problem, file=sys.stderr)
        return 2
    for stream in (sys.stdout, sys.stderr):  # a terminal that is not UTF-8 gets escapes, not an error
        stream.reconfigure(errors="backslashreplace")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print(f"porteval {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
