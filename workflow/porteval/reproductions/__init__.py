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
from types import ModuleType
from typing import NamedTuple

from ..inputs import InputError
from ..papers import PAPERS

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


def check_plugins(papers: dict = PAPERS) -> None:
    """Each registry entry's module defines the interface (and, for an entry with claims, ``claim_values``): else
    InputError naming the registry, the entry, its module and what it lacks. Run at parse time, before any job."""
    problems = []
    for paper, entry in papers.items():
        module = plugin(paper, papers)
        wanted = INTERFACE + (CLAIMS_INTERFACE if entry.get("claims") else ())
        missing = [name for name in wanted if not hasattr(module, name)]
        if missing:
            problems.append(
                f"{paper}.module: porteval/reproductions/{entry['module']}.py does not define {', '.join(missing)} "
                "(docs/extending.md, A new paper)"
            )
    if problems:
        raise InputError("workflow/porteval/papers.yaml: " + "; ".join(problems))


def modules(papers: list[str], registry: dict = PAPERS) -> dict[ModuleType, list[str]]:
    """The plug-in modules of ``papers``, each with its entries among them, in the registry's order."""
    out: dict[ModuleType, list[str]] = {}
    for paper in papers:
        out.setdefault(plugin(paper, registry), []).append(paper)
    return out


def config_value(config: dict, dotted: str):
    """The value of a dotted config key (``reproduction.zhang_candidates``), None where it is absent."""
    value = config
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def plan(config: dict, papers: dict = PAPERS) -> dict[str, dict]:
    """What this run reproduces, decided once, from the config and the registry: every entry that a study names in
    ``reproduces`` (with that study) or whose ``input`` config key names a file (with that file), in the registry's
    order. The rules and the report read this and nothing else to know whether a paper is reproduced."""
    by_paper = {study["reproduces"]: name for name, study in config["studies"].items() if study.get("reproduces")}
    out = {}
    for paper, entry in papers.items():
        study = by_paper.get(paper)
        given = config_value(config, entry["input"]) if "input" in entry else None
        if study or given:
            out[paper] = {"study": study, "input": given}
    return out


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
    return f"Port logistics evaluation: {' and '.join(citations)} re-done from public statistics"


def in_a_list(items: list[str]) -> str:
    """ "a", "a, and b" ... as the report's first paragraph lists the papers' parts."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + ", and " + items[-1]
