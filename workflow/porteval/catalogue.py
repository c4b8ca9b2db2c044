"""The indicator catalogue, the entities, and the cross-checks of a study configuration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import fastjsonschema
import pandas as pd

from .inputs import InputError, one_line, read_yaml, schema_validator

QUALIFIERS = ("exact", "derived", "lower_bound", "approximate", "suspect")
USABLE_QUALIFIERS = ("exact", "derived")  # the values the analysis uses by default (config data.use_qualifiers)


class ConfigError(ValueError):
    """A configuration problem, named by its key (e.g. ``studies.four_ports.ports[2]``), in one line (inputs.one_line:
    a key or name with a line break in it is shown escaped)."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


@dataclass(frozen=True)
class Catalogue:
    indicators: pd.DataFrame  # index: code; columns name, term_zh, subsystem, level, unit, direction, published_in
    subsystems: dict[str, str]
    ports: dict[str, dict]
    cities: dict[str, dict]

    @property
    def entities(self) -> list[str]:
        return [*self.ports, *self.cities]

    def kind_of(self, entity: str) -> str:
        return "port" if entity in self.ports else "city"

    def source_entity(self, port: str, indicator: str) -> str:
        """The entity whose statistic an indicator is, for a port: the port, or its city."""
        return self.ports[port]["city"] if self.indicators.at[indicator, "level"] == "city" else port

    def types(self, codes) -> list[int]:
        """1 for a benefit, -1 for a cost indicator, in the order of ``codes``."""
        return [1 if self.indicators.at[c, "direction"] == "benefit" else -1 for c in codes]


REQUIRED_FIELDS = ("name", "subsystem", "level", "unit", "direction")
HINT_FIELDS = ("term_zh", "published_in")  # what to look for, and where, in results/data/gaps.csv
_TEXT = {"type": "string"}
_NAMED = {"type": "object", "minProperties": 1}
# The shape of the two catalogue files, checked before any value is used: a file of another shape (a list, a
# number, a port without its city) is refused naming the key, not met as a traceback.
CATALOGUE_SCHEMAS = {
    "indicators": {
        "type": "object",
        "required": ["subsystems", "indicators"],
        "properties": {
            "subsystems": {**_NAMED, "additionalProperties": _TEXT},
            "indicators": {
                **_NAMED,
                "additionalProperties": {
                    "type": "object",
                    "required": list(REQUIRED_FIELDS),
                    "properties": {field: _TEXT for field in (*REQUIRED_FIELDS, *HINT_FIELDS)},
                },
            },
        },
    },
    "entities": {
        "type": "object",
        "required": ["ports", "cities"],
        "properties": {
            "ports": {
                "type": "object",
                "additionalProperties": {"type": "object", "required": ["city"], "properties": {"city": _TEXT}},
            },
            "cities": {"type": "object", "additionalProperties": {"type": "object"}},
        },
    },
}


def _catalogue_file(kind: str, path) -> dict:
    """One catalogue file, read through the one reader and checked against its shape (CATALOGUE_SCHEMAS)."""
    try:
        loaded = read_yaml(path)
        schema_validator(CATALOGUE_SCHEMAS[kind])(loaded)
    except InputError as err:
        raise ConfigError(str(err)) from None
    except fastjsonschema.JsonSchemaValueException as err:
        key = err.name.removeprefix("data").lstrip(".") or "the file"
        raise ConfigError(f"{path}: {key}: {err.message.removeprefix(err.name).strip()}") from None
    return loaded


def load_catalogue(indicators_path: str | Path, entities_path: str | Path) -> Catalogue:
    ind, ent = _catalogue_file("indicators", indicators_path), _catalogue_file("entities", entities_path)
    table = pd.DataFrame.from_dict(ind["indicators"], orient="index")
    table.index.name = "code"
    problems = []
    for field in HINT_FIELDS:  # optional: the hints of results/data/gaps.csv
        table[field] = table[field].fillna("") if field in table else ""
    for code, row in table.iterrows():
        if row["subsystem"] not in ind["subsystems"]:
            problems.append(f"indicators.{code}.subsystem: unknown subsystem {row['subsystem']!r}")
        if row["direction"] not in ("benefit", "cost"):
            problems.append(f"indicators.{code}.direction: must be benefit or cost, not {row['direction']!r}")
        if row["level"] not in ("port", "city"):
            problems.append(f"indicators.{code}.level: must be port or city, not {row['level']!r}")
    for port, spec in ent["ports"].items():
        if spec.get("city") not in ent["cities"]:
            problems.append(f"ports.{port}.city: unknown city {spec.get('city')!r}")
    if problems:
        raise ConfigError("; ".join(problems))
    return Catalogue(table, ind["subsystems"], ent["ports"], ent["cities"])


def raw_inventory(folder) -> tuple[list[str], list[str]]:
    """Every entry of the raw folder, read or refused: (the raw CSV files, the refusals with their reason).
    Hidden files (a name starting with a dot, such as .gitkeep) are skipped."""
    read, refused = [], []
    for path in sorted(Path(folder).iterdir()) if Path(folder).is_dir() else []:
        if path.name.startswith("."):
            continue
        if path.is_symlink() and not path.exists():
            refused.append(f"{path}: a link to a file that does not exist")
        elif path.exists() and not path.is_dir() and not path.is_file():  # a FIFO or a device would hang the reader
            refused.append(f"{path}: not a regular file (a pipe, socket or device); raw files are plain CSV files")
        elif path.is_dir():
            refused.append(f"{path}: a folder; raw files are read from {folder} itself")
        elif path.suffix == ".csv":
            why = path_name_problem(path.stem, _RAW_NAME, "letters, digits, _, - and . only, starting with a letter or digit")
            if why:
                refused.append(f"{path}: a raw file's name becomes a file name under results/: {why}")
                continue
            try:
                with open(path, "rb") as fh:
                    fh.read(1)
                read.append(str(path))
            except OSError as err:
                refused.append(f"{path}: cannot be read ({err.strerror})")
        elif path.suffix.lower() == ".csv":
            refused.append(f"{path}: rename it to {path.stem}.csv (the ending in lower case)")
        elif path.suffix.lower() in (".xlsx", ".xls", ".xlsm"):
            refused.append(f"{path}: a spreadsheet; save it as CSV, or declare it under data.wide_sheets")
        else:
            refused.append(f"{path}: not a raw CSV file")
    return read, refused


_STUDY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_SLUG = re.compile(r"[^\W_]\w*")  # letters (any script) and digits, then also _
_RAW_NAME = re.compile(r"[^\W_][\w.-]*")  # a raw file's name: no space, no { } (Snakemake reads them as wildcards)
# A name that becomes a path part is at most this long: results/<kind>/<study>/<file> then stays far below the 255
# bytes a file name may have (a 300-character study name failed in a job with "File name too long").
NAME_MOST = 64
# The names the workflow gives files of its own beside those named after entities and raw files
# (results/data/observations/wide_sheets.csv holds the wide sheets' rows): a city "Wide Sheets" would share it.
RESERVED_NAMES = ("wide_sheets",)


def path_name_problem(name: str, rule: re.Pattern, words: str) -> str | None:
    """The one rule by which a name becomes a path part: ``rule`` (``words`` says it), at most NAME_MOST
    characters, none of RESERVED_NAMES; None when the name passes."""
    if not rule.fullmatch(name):
        return words
    if len(name) > NAME_MOST:
        return f"at most {NAME_MOST} characters, not {len(name)}"
    if name in RESERVED_NAMES:
        return f"{name!r} is the name of the workflow's own file (results/data/observations/{name}.csv)"
    return None


def entity_slug(entity: str) -> str:
    """A file-name form of an entity: "Ningbo-Zhoushan Port" -> "ningbo_zhoushan_port" (as data/raw names files)."""
    return entity.lower().replace(" ", "_").replace("-", "_").replace(".", "_")


def file_entity(path, catalogue: Catalogue) -> str | None:
    """The entity a raw file is named after: ``<slug>.csv`` or ``<slug>.<label>.csv`` (``ningbo.yearbook_2021.csv``)
    holds that entity's values only (validation checks it), so the workflow knows which imputation it feeds
    without opening it. A file named otherwise may hold any entity, and feeds them all (None)."""
    return {entity_slug(e): e for e in catalogue.entities}.get(Path(path).name.split(".")[0].lower())


def study_indicators(study: dict, catalogue: Catalogue) -> list[str]:
    return list(study.get("indicators") or catalogue.indicators.index)


def study_window(study: dict) -> str:
    """The label of a study's whole-window comparison, e.g. "2014-2020"."""
    first, last = study["years"]
    return f"{first}-{last}"


def study_label(study: dict) -> str:
    """A study as a reader names it: the port and window of a longitudinal study ("Ningbo-Zhoushan Port
    2014-2024"), the number of ports and the window of a cross-port one ("4 ports 2014-2020")."""
    if study["kind"] == "longitudinal" and len(study["ports"]) == 1:
        return f"{study['ports'][0]} {study_window(study)}"
    return f"{len(study['ports'])} ports {study_window(study)}"


def study_years(study: dict) -> list[int]:
    first, last = study["years"]
    return list(range(first, last + 1))


def study_comparisons(study: dict) -> list[str]:
    """The whole window, and for a cross-port study every year on its own."""
    years = [str(y) for y in study_years(study)] if study["kind"] == "cross_port" else []
    return [study_window(study), *years]
