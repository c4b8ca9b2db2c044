"""The indicator catalogue, the entities, and the cross-checks of a study configuration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

QUALIFIERS = ("exact", "derived", "lower_bound", "approximate", "suspect")


class ConfigError(ValueError):
    """A configuration problem, named by its key (e.g. ``studies.four_ports.ports[2]``)."""


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


def load_catalogue(indicators_path: str | Path, entities_path: str | Path) -> Catalogue:
    ind = yaml.safe_load(Path(indicators_path).read_text(encoding="utf-8"))
    ent = yaml.safe_load(Path(entities_path).read_text(encoding="utf-8"))
    table = pd.DataFrame.from_dict(ind["indicators"], orient="index")
    table.index.name = "code"
    problems = []
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


def check_studies(config: dict, catalogue: Catalogue) -> None:
    """Raise ConfigError naming every key of ``config['studies']`` that the catalogue cannot satisfy."""
    problems = []
    for name, study in config["studies"].items():
        key = f"studies.{name}"
        for i, port in enumerate(study["ports"]):
            if port not in catalogue.ports:
                problems.append(f"{key}.ports[{i}]: unknown port {port!r} (known: {', '.join(catalogue.ports)})")
        for i, code in enumerate(study.get("indicators", [])):
            if code not in catalogue.indicators.index:
                problems.append(f"{key}.indicators[{i}]: unknown indicator {code!r}")
        first, last = study["years"]
        if first > last:
            problems.append(f"{key}.years: first year {first} is after last year {last}")
        if study["kind"] == "longitudinal" and len(study["ports"]) != 1:
            problems.append(f"{key}.ports: a longitudinal study has exactly one port")
        if study["kind"] == "cross_port" and len(study["ports"]) < 2:
            problems.append(f"{key}.ports: a cross-port study compares at least two ports")
    for i, entry in enumerate(config.get("audit_trail", [])):
        if entry["study"] not in config["studies"]:
            problems.append(f"audit_trail[{i}].study: unknown study {entry['study']!r}")
    claimed = [s.get("reproduces") for s in config["studies"].values() if s.get("reproduces")]
    for paper in sorted({c for c in claimed if claimed.count(c) > 1}):
        problems.append(f"studies: more than one study reproduces {paper!r}")
    weighting = config.get("weighting", {})
    if weighting.get("mode") == "file":
        problems += _check_weights_file(weighting.get("file"), catalogue)
    if problems:
        raise ConfigError("; ".join(problems))


def entity_slug(entity: str) -> str:
    """A file-name form of an entity: "Ningbo-Zhoushan Port" -> "ningbo_zhoushan_port" (as data/raw names files)."""
    return entity.lower().replace(" ", "_").replace("-", "_")


def study_indicators(study: dict, catalogue: Catalogue) -> list[str]:
    return list(study.get("indicators") or catalogue.indicators.index)


def study_window(study: dict) -> str:
    """The label of a study's whole-window comparison, e.g. "2014-2020"."""
    first, last = study["years"]
    return f"{first}-{last}"


def study_years(study: dict) -> list[int]:
    first, last = study["years"]
    return list(range(first, last + 1))


def _check_weights_file(path, catalogue: Catalogue) -> list[str]:
    """Problems of a weights file: it must exist, name every catalogue indicator once, and sum to 1."""
    if not path:
        return ["weighting.file: mode 'file' needs a weights file"]
    try:
        table = pd.read_csv(path)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        return [f"weighting.file: cannot read {path}: {err}"]
    if not {"indicator", "weight"} <= set(table.columns):
        return [f"weighting.file: {path} needs columns indicator, weight"]
    problems = []
    missing = sorted(set(catalogue.indicators.index) - set(table["indicator"]))
    unknown = sorted(set(table["indicator"]) - set(catalogue.indicators.index))
    if missing:
        problems.append(f"weighting.file: {path} misses indicators {', '.join(missing)}")
    if unknown:
        problems.append(f"weighting.file: {path} names unknown indicators {', '.join(map(str, unknown))}")
    weights = pd.to_numeric(table["weight"], errors="coerce")
    if weights.isna().any() or (weights < 0).any():
        problems.append(f"weighting.file: {path} has weights that are not non-negative numbers")
    elif abs(weights.sum() - 1) > 1e-6:
        problems.append(f"weighting.file: weights in {path} sum to {weights.sum():.6g}, not 1")
    return problems
