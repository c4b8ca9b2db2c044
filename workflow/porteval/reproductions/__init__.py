"""Papers as plug-ins. Each entry of the registry (porteval/papers.yaml) names a module of this package that holds
all that is the paper's own: its tables beside ours with their scorecard rows, the identities its tables must
satisfy (the audit), its figures, the values of its tables that its claims read, and its section of the report.
The rules, the run modules and the report loop over the registry through the functions here: the generic code
names no paper, table or study of a paper (docs/extending.md, "A new paper").

A plug-in module defines (``INTERFACE``):

- ``needs(paper) -> dict``: the files its job reads, by a key of its own: ``("study", step)`` a file of the study
  that reproduces it (``results/studies/<study>/<step>.csv``), ``("observations",)`` the observation files of that
  study's entities, ``("pool",)`` those of every entity, ``("input",)`` the file its registry ``input`` key names;
- ``outputs(paper, study) -> dict``: the files it writes besides those the registry gives every paper (its tables as
  ``results/tables/<table>.csv`` and ``.md``, its scorecard rows, its figures), each an :class:`Output`;
- ``audit``: a function (reference) -> DataFrame of the identities among its published tables (rows of
  porteval.audit.check), or None where its tables have none;
- ``run(paper, job, settings, reference, audit_rows, catalogue, log)``: writes its tables, scorecard rows,
  figures and other outputs (``job``: the reproducing study's name and config, and the paper's ``inputs`` and
  ``outputs`` by key, as workflow/rules/targets.smk resolves them; ``settings``: the weighting ``mode`` and the
  qualifiers in use);
- ``claim_values(paper, reference) -> DataFrame``: only where the paper's entry has claims: its tables as the
  numbers its claims read (one row per printed number, for porteval.claims.published_values);
- ``report_intro(papers) -> str``: what the report's first paragraph says of it (``papers``: its entries in this run);
- ``report_glance(page) -> list[str]``: its lines of the report's first screen (porteval.report.first_screen);
- ``report_contents(page) -> list``: its sections as (anchor, heading, shown), for the report's contents line;
- ``report_section(page)``: its sections of the report (``page``: the notebook's ``read``, ``has``, ``say``,
  ``show``, ``figure`` and ``naming``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from ..catalogue import ConfigError
from ..inputs import InputError
from ..names import listed
from ..papers import PAPERS
from ..study import STUDY_FILES

# What a plug-in's ``needs`` may ask for, with the arguments each takes (porteval.reproductions' docstring).
NEEDS = {"study": 1, "observations": 0, "pool": 0, "input": 0}

INTERFACE = ("needs", "outputs", "audit", "run", "report_intro", "report_glance", "report_contents", "report_section")
CLAIMS_INTERFACE = ("claim_values",)  # besides, for a paper whose entry has claims


class Output(NamedTuple):
    """A file a plug-in writes, with the caption and subcategory `snakemake --report` shows it under (none: not
    shown there)."""

    path: str
    caption: str | None = None
    subcategory: str | None = None


def plugin(paper: str, papers: dict = PAPERS) -> ModuleType:
    """The module of a registry entry (``module`` in porteval/papers.yaml)."""
    return importlib.import_module(f"{__name__}.{papers[paper]['module']}")


def check_plugins(papers: dict = PAPERS, report_dir: Path | None = None) -> None:
    """Each registry entry's module defines the interface (and, for an entry with claims, ``claim_values``), and its
    ``needs`` asks for what there is (:data:`NEEDS`; a study's file for a paper a study reproduces, the ``input``
    file for one reproduced from a file); each table's caption is a file of ``report_dir`` (workflow/report). Else
    InputError naming the registry, the entry and what is wrong. Run at parse time, before any job."""
    problems = []
    for paper, entry in papers.items():
        module = plugin(paper, papers)
        where = f"{paper}.module: porteval/reproductions/{entry['module']}.py"
        wanted = INTERFACE + (CLAIMS_INTERFACE if entry.get("claims") else ())
        missing = [name for name in wanted if not hasattr(module, name)]
        if missing:
            problems.append(f"{where} does not define {', '.join(missing)} (docs/extending.md, A new paper)")
            continue
        problems += [f"{where}: needs() {why}" for why in _needs_problems(module.needs(paper), entry)]
        for table, spec in entry["tables"].items() if report_dir else ():
            if not (report_dir / spec["caption"]).is_file():
                problems.append(f"{paper}.tables.{table}.caption: no file {spec['caption']} in workflow/report/")
    if problems:
        raise InputError("workflow/porteval/papers.yaml: " + "; ".join(problems))


def _needs_problems(needs: dict, entry: dict) -> list[str]:
    problems = []
    for key, need in needs.items():
        kind, args = (need[0], need[1:]) if isinstance(need, tuple) and need else (need, ())
        if kind not in NEEDS or len(args) != NEEDS[kind]:
            problems.append(f"{key}: {need!r} is not one of {', '.join(NEEDS)} (study takes a file's name)")
        elif kind == "study" and ("study_kind" not in entry or args[0] not in STUDY_FILES):
            problems.append(
                f"{key}: {need!r}: a study's file is one of {', '.join(STUDY_FILES)}, of a paper a study reproduces"
                if "study_kind" in entry
                else f"{key}: {need!r}: no study reproduces this paper (it has no study_kind)"
            )
        elif kind in ("observations", "pool") and "study_kind" not in entry:
            problems.append(f"{key}: {need!r}: the observations are a study's, and no study reproduces this paper")
        elif kind == "input" and "input" not in entry:
            problems.append(f"{key}: {need!r}: the paper has no input key")
    return problems


def modules(papers: list[str], registry: dict = PAPERS) -> dict[ModuleType, list[str]]:
    """The plug-in modules of ``papers``, each with its entries among them, in the registry's order."""
    out: dict[ModuleType, list[str]] = {}
    for paper in papers:
        out.setdefault(plugin(paper, registry), []).append(paper)
    return out


def plan(config: dict, papers: dict = PAPERS) -> dict[str, dict]:
    """What this run reproduces, decided once, from the config and the registry: every entry that a study names in
    ``reproduces`` (with that study) or whose ``input`` config key names a file (with that file), in the registry's
    order. The rules and the report read this and nothing else to know whether a paper is reproduced."""
    by_paper = {study["reproduces"]: name for name, study in config["studies"].items() if study.get("reproduces")}
    out = {}
    for paper, entry in papers.items():
        study = by_paper.get(paper)
        given = _input_file(config, paper, entry["input"]) if "input" in entry else None
        if study or given:
            out[paper] = {"study": study, "input": given}
    return out


def _input_file(config: dict, paper: str, dotted: str) -> str | None:
    """The file the config key ``dotted`` names for a paper reproduced from a file (None: the key is null, the
    paper is not reproduced); ConfigError where the key is not in the config or names no file."""
    value = config
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise ConfigError(f"workflow/porteval/papers.yaml: {paper}.input: {dotted} is not a key of the config")
        value = value[part]
    if value is not None and not (isinstance(value, str) and Path(value).is_file()):
        raise ConfigError(f"{dotted}: {value!r} is not a file ({paper} is reproduced from the file it names, or null)")
    return value


def table_files(paper: str, papers: dict = PAPERS) -> dict[str, list[str]]:
    """A paper's tables beside ours, as CSV and Markdown, by table."""
    return {name: [f"results/tables/{name}.csv", f"results/tables/{name}.md"] for name in papers[paper]["tables"]}


def figure_files(paper: str, papers: dict = PAPERS) -> dict[str, list[str]]:
    """A paper's figures, ours beside the published values, as PNG and SVG, by figure."""
    return {name: [f"results/figures/{name}.png", f"results/figures/{name}.svg"] for name in papers[paper].get("figures", {})}


def card_file(paper: str) -> str:
    return f"results/reproduction/{paper}_scorecard.csv"


def report_title(papers: list[str], studies: list[str], registry: dict = PAPERS) -> str:
    """The report's title: the papers it reproduces by their citations, or the studies of a run that reproduces none."""
    if not papers:
        return "Entropy-COPRAS evaluation: " + ", ".join(studies)
    citations = list(dict.fromkeys(registry[p]["citation"] for p in papers))
    return f"Port logistics evaluation: {listed(citations)} re-done from public statistics"
