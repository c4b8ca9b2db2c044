"""The papers' registry (porteval/papers.yaml), read once and checked as it is read: tables, figures, indicators and
claims of each paper.

A wrong entry (a misspelled claim kind, a parameter the kind does not take, a figure plotting a table that is not
there) is refused when the package is imported, so before any job, in one line naming the file, the entry and the key.
It imports nothing of the package but porteval.inputs and porteval.claim_kinds, so that every module (and the
workflow at parse time) can read it."""

from __future__ import annotations

import copy
import functools
import json
import pkgutil
import re
from pathlib import Path

import fastjsonschema
import pandas as pd

from .claim_kinds import CLAIM, CLAIM_KINDS
from .inputs import InputError, read_yaml, schema_validator

HERE = Path(__file__).parent
REGISTRY = HERE / "papers.yaml"
SCHEMA = HERE / "papers.schema.yaml"
_SHORT_ID = re.compile(r".*?table\d+")  # unique across the registry (check_registry)


def short_id(table: str) -> str:
    """The short id of a registry table, as the scorecard and the audit name it: table6_port_years -> table6,
    zhang_table2_throughput -> zhang_table2."""
    return _SHORT_ID.match(table).group()


def registry_schema() -> dict:
    """papers.schema.yaml with the types of each claim kind's parameters (porteval.claim_kinds), so that a value of
    the wrong type is named by its key. Which kinds and parameters there are is checked by :func:`check_registry`,
    which says what the known ones are."""
    schema = copy.deepcopy(read_yaml(SCHEMA))
    schema["definitions"]["test"]["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind}}},
            "then": {"properties": {name: p.schema for name, p in spec.parameters.items()}},
        }
        for kind, spec in CLAIM_KINDS.items()
    ]
    return schema


@functools.cache
def _validator(schema: str):
    """The registry's validator, made once per schema (JSON text) in a process that checks registries often."""
    return schema_validator(json.loads(schema))


def _name(path: Path) -> str:
    """The registry's file as a user finds it: from the project's root where it is in the project."""
    try:
        return str(Path(path).resolve().relative_to(HERE.parents[1]))
    except ValueError:
        return str(path)


def load_registry(path=REGISTRY, modules: set[str] | None = None) -> dict:
    """The registry at ``path``, read through the one reader and checked (its schema, then :func:`check_registry`);
    InputError naming the file, the entry and the key."""
    papers = read_yaml(path)
    check_registry(papers, modules, _name(path))
    return papers


def check_registry(papers, modules: set[str] | None = None, name: str = _name(REGISTRY)) -> None:
    """Raise InputError naming ``name``, the entry and the key of every problem of the registry ``papers``: its
    schema (papers.schema.yaml), then what a schema cannot say (see there). ``modules``: the plug-in modules there
    are (porteval.reproductions); None checks the form of each entry's ``module`` only."""
    try:
        _validator(json.dumps(registry_schema(), sort_keys=True))(papers)
    except fastjsonschema.JsonSchemaValueException as err:
        key = err.name.removeprefix("data").lstrip(".") or "the registry"
        raise InputError(f"{name}: {key}: {err.message.removeprefix(err.name).strip()}") from None
    problems = []
    short_ids: dict[str, str] = {}
    figures: dict[str, str] = {}
    every_table = {table for entry in papers.values() for table in entry["tables"]}
    for paper, entry in papers.items():
        problems += _check_entry(paper, entry, modules, every_table)
        for table in entry["tables"]:
            short, key = short_id(table), f"{paper}.tables.{table}"
            if short in short_ids:
                why = "the scorecard, the audit and the report name a table by it"
                problems.append(f"{key}: its short id {short!r} is also that of {short_ids[short]} ({why})")
            short_ids.setdefault(short, key)
        for figure in entry.get("figures", {}):  # results/figures/<figure>.png: one file, one paper
            key = f"{paper}.figures.{figure}"
            if figure in figures:
                problems.append(f"{key}: also a figure of {figures[figure]} (both would write results/figures/{figure}.png)")
            figures.setdefault(figure, paper)
    if problems:
        raise InputError(f"{name}: " + "; ".join(problems))


def _check_entry(paper: str, entry: dict, modules: set[str] | None, every_table: set[str]) -> list[str]:
    """One entry's problems; ``every_table``: the tables of the whole registry (an entry may read the published
    weights of another entry of its paper)."""
    problems = []
    if modules is not None and entry["module"] not in modules:
        known = ", ".join(sorted(modules)) or "none"
        problems.append(f"{paper}.module: no plug-in module porteval/reproductions/{entry['module']}.py (there are: {known})")
    given = [k for k in ("study_kind", "input") if k in entry]
    if len(given) != 1:
        problems.append(
            f"{paper}: has {' and '.join(given) or 'neither study_kind nor input'}; give exactly one of study_kind (reproduced "
            "by a study of that kind) and input (reproduced from the file a config key names)"
        )
    if "study_kind" in entry:  # a study compares them: the paper's years, ports and indicators are what it checks
        missing = [k for k in ("window", "ports", "indicators") if k not in entry]
        if missing:
            problems.append(f"{paper}: a paper reproduced by a study gives its {', '.join(missing)}")
    if "window" in entry and entry["window"][0] > entry["window"][1]:
        problems.append(f"{paper}.window: first year {entry['window'][0]} is after last year {entry['window'][1]}")
    tables = entry["tables"]
    named = [("weights", entry["weights"])] if "weights" in entry else []
    named += [(f"restriction.{part}", table) for part, table in entry.get("restriction", {}).items()]
    for key, table in named:
        if table not in every_table:
            problems.append(f"{paper}.{key}: no table {table!r} in the registry (there are: {', '.join(sorted(every_table))})")
    for figure, spec in entry.get("figures", {}).items():
        if spec["plots"] not in tables:
            there = ", ".join(tables)
            problems.append(f"{paper}.figures.{figure}.plots: no table {spec['plots']!r} in {paper}.tables (there are: {there})")
    labels = [t["label"] for t in tables.values()] + [f["label"] for f in entry.get("figures", {}).values() if "label" in f]
    ids = set()
    for i, claim in enumerate(entry.get("claims", [])):
        key = f"{paper}.claims[{i}]"
        if claim["id"] in ids:
            problems.append(f"{key}.id: {claim['id']!r} is the id of an earlier claim of {paper}")
        ids.add(claim["id"])
        for j, label in enumerate(claim["display"]):
            if label not in labels:
                there = ", ".join(labels)
                problems.append(f"{key}.display[{j}]: no table or figure of {paper} is labelled {label!r} (there are: {there})")
        if "test" in claim and "reading" not in claim:
            problems.append(f"{key}.reading: how we read its words (a claim with readings gives one per reading)")
        problems += _check_claim(key, claim)
    return problems


def _check_claim(key: str, claim: dict) -> list[str]:
    """A claim's test, or its readings' each: exactly one of the two; a kind of CLAIM_KINDS with the parameters it
    declares; ``expect`` only of a row test, naming the claim's rows."""
    if ("test" in claim) == ("readings" in claim):
        return [f"{key}: give either a test or readings (each with its own test), not {'both' if 'test' in claim else 'neither'}"]
    tests = (
        [(key, claim["test"])]
        if "test" in claim
        else [(f"{key}.readings[{i}]", r["test"]) for i, r in enumerate(claim["readings"])]
    )
    problems = []
    keys = [r["key"] for r in claim.get("readings", [])]
    problems += [f"{key}.readings: the key {k!r} is given twice" for k in sorted({k for k in keys if keys.count(k) > 1})]
    for where, test in tests:
        problems += _check_test(f"{where}.test", test)
        spec = CLAIM_KINDS.get(test["kind"])
        if "expect" in claim and spec and spec.scope == CLAIM:
            problems.append(
                f"{key}.expect: {test['kind']} compares the rows with each other; expect says which rows fail a row test"
            )
    for row in claim.get("expect", {}):
        if row not in claim["rows"]:
            problems.append(f"{key}.expect.{row}: not one of the claim's rows ({', '.join(claim['rows'])})")
    return problems


def _check_test(key: str, test: dict) -> list[str]:
    """A test's kind is one of CLAIM_KINDS, and its parameters are exactly those the kind declares (their types are
    checked by the schema, :func:`registry_schema`)."""
    kind = test["kind"]
    if kind not in CLAIM_KINDS:
        return [f"{key}.kind: {kind!r} is not a claim kind ({', '.join(CLAIM_KINDS)}; docs/reproduction.md)"]
    declared = CLAIM_KINDS[kind].parameters
    said = ", ".join(declared) or "none"
    problems = [
        f"{key}.{p}: not a parameter of {kind} (its parameters: {said})" for p in test if p != "kind" and p not in declared
    ]
    problems += [f"{key}: {kind} needs {p} ({par.text})" for p, par in declared.items() if par.required and p not in test]
    return problems


# The plug-in modules there are (porteval/reproductions/<module>.py), by their files: read without importing them,
# which import this module; porteval.reproductions.check_plugins checks what each defines.
PLUGINS = {m.name for m in pkgutil.iter_modules([str(Path(__file__).parent / "reproductions")])}
PAPERS = load_registry(modules=PLUGINS)
# Every published table of the registry by its id (an entry may name another entry's table of the same paper, as
# Zeng et al.'s cross-port entry names Table 2 as its weights).
TABLES = {name: table for entry in PAPERS.values() for name, table in entry["tables"].items()}


def paper_indicators(paper: str) -> pd.DataFrame:
    """The paper's indicators as it prints them (index: code; columns subsystem, direction), whatever the
    configured catalogue holds: the audit, the series diagnosis and the claims read the paper's own."""
    table = PAPERS[paper].get("indicators", {})
    return pd.DataFrame.from_dict(table, orient="index", columns=["subsystem", "direction"])
