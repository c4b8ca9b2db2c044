# The config checked against its schema and the catalogue, the raw folder's inventory, and the inputs each step reads
# (which observation files feed which entity, the cells each entity fills). What a run makes: targets.smk.

import os
import re
import sys
from pathlib import Path

from porteval.catalogue import (
    ConfigError,
    entity_slug,
    file_entity,
    load_catalogue,
    raw_inventory,
    study_comparisons,
    study_window,
)
from porteval.configcheck import check_data_reach, check_studies, validate_config
from porteval.audit import read_reference
from porteval.inputs import InputError
from porteval.papers import PAPERS, TABLES
from porteval import reproductions
from porteval.reproductions import card_file, figure_files, modules, plan, plugin, table_files
from porteval.codehash import package_code_hash
from porteval.slices import write_slices
from porteval.stamps import (
    damaged_outputs,
    remakes_everything,
    set_aside,
    stale_studies,
    touch_changed,
)
from porteval.study import STUDY_FILES, study_cells

validate_config(
    config, os.path.relpath(Path(workflow.basedir) / "config/schemas/config.schema.yaml")
)

CATALOGUE = load_catalogue(config["catalogue"]["indicators"], config["catalogue"]["entities"])
check_studies(config, CATALOGUE)

STUDIES = sorted(config["studies"])
_stale = stale_studies("results", STUDIES)
if _stale:
    print(
        "porteval: results/ also holds studies this configuration does not have, from an earlier run and not "
        f"updated by this one (remove them if they are not wanted): {', '.join(_stale)}",
        file=sys.stderr,
    )
RAW_FILES, REFUSED = raw_inventory(config["data"]["raw"])
if REFUSED:
    raise ConfigError("data.raw holds files the workflow cannot read: " + "; ".join(REFUSED))
WIDE_SHEETS = [sheet["path"] for sheet in config["data"]["wide_sheets"]]


# Which raw files feed an entity's imputation, from their names alone (catalogue.file_entity): a file named after an
# entity holds only that entity (validation checks it) and is read by that entity's job; a file named otherwise feeds
# every entity and is read by a job of its own (its name is in GENERAL_FILES). Nothing is read here.
RAW_FILE_ENTITY = {Path(p).stem: file_entity(p, CATALOGUE) for p in RAW_FILES}
WIDE_SHEET_ENTITIES = {sheet["entity"] for sheet in config["data"]["wide_sheets"]}
check_data_reach(config["studies"], CATALOGUE, RAW_FILE_ENTITY.values(), WIDE_SHEET_ENTITIES)
GENERAL_FILES = sorted(name for name, entity in RAW_FILE_ENTITY.items() if entity is None)


def study_entities(study):
    return sorted(set(study["ports"]) | {CATALOGUE.ports[p]["city"] for p in study["ports"]})


# Every (entity, indicator, year) cell that some study needs, by entity: each series is filled once, for all
# the studies that use it (a cell has one value in every study).
_cells = {}
for _study in config["studies"].values():
    for _cell in study_cells(_study, CATALOGUE).itertuples():
        _cells.setdefault(_cell.entity, {}).setdefault(_cell.indicator, set()).add(int(_cell.year))
# One job per entity that a study needs or a raw file is named after (the entity rule): it checks and reads the entity's
# own raw files and fills its series, so that a change in one file re-runs only its entity.
_named = {e for e in RAW_FILE_ENTITY.values() if e}
ENTITIES = {
    entity_slug(e): {
        "entity": e,
        "cells": {code: sorted(y) for code, y in sorted(_cells.get(e, {}).items())},
    }
    for e in sorted(set(_cells) | _named)
}
ENTITY_RAW = {
    slug: [p for p in RAW_FILES if RAW_FILE_ENTITY[Path(p).stem] == e["entity"]]
    for slug, e in ENTITIES.items()
}
ENTITY_CELLS = [slug for slug, e in ENTITIES.items() if e["entity"] in _cells]
OBSERVATION_FILES = [
    *(f"results/data/observations/{slug}.csv" for slug in ENTITIES),
    *(f"results/data/observations/{name}.csv" for name in GENERAL_FILES),
    *(["results/data/observations/wide_sheets.csv"] if WIDE_SHEETS else []),
]


def shared_observations(wanted):
    """The observation files named after no entity that may hold any of the ``wanted`` entities: the general
    raw files' and, when it holds one of them, the wide sheets'."""
    return [f"results/data/observations/{name}.csv" for name in GENERAL_FILES] + (
        ["results/data/observations/wide_sheets.csv"] if WIDE_SHEET_ENTITIES & wanted else []
    )


def observations_of(wanted):
    """The tidy observation files that may hold any of the ``wanted`` entities."""
    own = [
        f"results/data/observations/{slug}.csv"
        for slug, e in ENTITIES.items()
        if e["entity"] in wanted
    ]
    return own + shared_observations(wanted)


def entity_observations(wildcards):
    """What an entity's job reads besides its own raw files."""
    return shared_observations({ENTITIES[wildcards.entity]["entity"]})


def study_imputed(wildcards):
    slugs = [entity_slug(e) for e in study_entities(config["studies"][wildcards.study])]
    return {
        "imputed": [f"results/data/imputed/{slug}.csv" for slug in slugs],
        "breaks": [f"results/data/breaks/{slug}.csv" for slug in slugs],
    }


CATALOGUE_FILES = [config["catalogue"]["indicators"], config["catalogue"]["entities"]]
REFERENCE = "data/reference"
REFERENCE_FILES = sorted(p.name for p in Path(REFERENCE).glob("*.csv"))
# The published tables as files, not their folder: editing one in place re-runs what reads them.
REFERENCE_PATHS = [f"{REFERENCE}/{name}" for name in REFERENCE_FILES]
DECISIONS = [
    p for p in ["data/curation/decisions.csv"] if Path(p).exists()
]  # the curation's, if shipped
WEIGHTS_FILE = [config["weighting"]["file"]] if config["weighting"]["mode"] == "file" else []
# A restored input with an older time, or a changed one with the same time, is touched so that its dependants
# re-run (porteval.stamps): Snakemake alone compares times.
_touched = touch_changed(
    [
        *RAW_FILES,
        *WIDE_SHEETS,
        *WEIGHTS_FILE,
        *REFERENCE_PATHS,
        *DECISIONS,
        config["data"]["sources"],
        *config["catalogue"].values(),
        *workflow.configfiles,
    ]
)
if _touched:
    print(
        f"porteval: content changed without a newer time, touched: {', '.join(_touched)}",
        file=sys.stderr,
    )
# A result changed since its job wrote it (cut short, edited by hand) would be read as a newer input by what
# depends on it. A run of the default target moves it aside (x.csv.damaged) and makes it a target (rule all), so
# that one run makes it, and everything that reads it, again: Snakemake alone would not remake a missing
# intermediate whose dependants look up to date. A dry run, --unlock or a run for other targets only says so: it
# would not make it again. Only the run a user starts checks: a cluster job's own Snakemake reads this file too,
# while other jobs write their results, and must neither move nor re-record any of them.
DAMAGED = [  # a stale study's folder (listed above) is no run's to make again
    path
    for path in (damaged_outputs() if workflow.is_main_process else [])
    if not any(Path(path).is_relative_to(folder) for folder in _stale)
]
if DAMAGED and remakes_everything(sys.argv[1:]):
    print(
        "porteval: changed since the workflow wrote it (cut short or edited by hand), set aside as "
        f"{', '.join(set_aside(DAMAGED))} and made again",
        file=sys.stderr,
    )
elif DAMAGED:
    print(
        f"porteval: changed since the workflow wrote it (cut short or edited by hand): {', '.join(DAMAGED)}; "
        "not made again by this run (a dry run, another mode or other targets): `snakemake --cores 4` will",
        file=sys.stderr,
    )
    DAMAGED = []
PYENV = "../../envs/porteval.yaml"


# What this run reproduces, decided once from the config and the registry (porteval.reproductions.plan): each paper
# with the study that reproduces it, or the file its registry `input` key names. The rules and the report read this.
try:
    reproductions.check_plugins(report_dir=Path(workflow.basedir) / "workflow/report")
except InputError as _err:
    raise ConfigError(str(_err)) from None
PLAN = plan(config)
REPRODUCES = {paper: spec["study"] for paper, spec in PLAN.items() if spec["study"]}
if PLAN:  # the published tables, checked as raw data are, before any job reads them
    try:
        read_reference(REFERENCE_PATHS)
    except InputError as _err:
        raise ConfigError(f"{REFERENCE}: {_err}") from None


def published_weights(study):
    """The published weights of the paper a study reproduces (the table its registry entry names as `weights`), as
    the study's input for weighting.mode `published` and the multiverse's published weighting; none otherwise.
    """
    paper = config["studies"][study].get("reproduces")
    table = PAPERS[paper].get("weights") if paper else None
    return [f"{REFERENCE}/{TABLES[table]['published']}"] if table else []


if config["weighting"]["mode"] == "published":
    _unweighted = [name for name in STUDIES if not published_weights(name)]
    if _unweighted:
        raise ConfigError(
            "weighting.mode: published takes the weights of the paper a study reproduces; "
            f"{', '.join(_unweighted)} reproduce(s) none that prints weights (set `reproduces`, or another mode)"
        )


def _catalogue_part(names):
    """The entities of the studies ``names``."""
    return sorted({e for name in names for e in study_entities(config["studies"][name])})


# The part of the catalogue each job reads, as files of its own (porteval.slices): an edit of the entities re-runs
# only the jobs whose part it changes. The checks of a raw file that may hold any entity, the coverage of every
# entity, the provenance and the report read the whole catalogue.
CATALOGUE_PARTS = write_slices(
    *CATALOGUE_FILES,
    "results/catalogue",
    {
        **{f"studies/{name}": _catalogue_part([name]) for name in STUDIES},
        **{f"entities/{slug}": [e["entity"]] for slug, e in ENTITIES.items()},
        "papers": _catalogue_part(sorted(REPRODUCES.values())),
        "audit_trail": _catalogue_part(sorted({entry["study"] for entry in config["audit_trail"]})),
    },
)


def catalogue_of_study(wildcards):
    return CATALOGUE_PARTS[f"studies/{wildcards.study}"]


def catalogue_of_entity(wildcards):
    return CATALOGUE_PARTS[f"entities/{wildcards.entity}"]


def study_config(wildcards):
    return config["studies"][wildcards.study]


def code_of(script, *notebooks):
    """A checksum of the package modules a rule script (and the notebooks it runs) use, transitively, as a
    parameter: a change in the package's code re-runs the rules that use it (Snakemake tracks the script, not
    what it imports)."""
    base = Path(workflow.basedir)
    return package_code_hash(
        base / "workflow" / "scripts" / f"{script}.py", *(base / n for n in notebooks)
    )
