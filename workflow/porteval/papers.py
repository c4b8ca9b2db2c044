"""The papers' registry (porteval/papers.yaml), read once: tables, figures, indicators and claims of each paper; and
how the package reads YAML (read_yaml).

It imports nothing of the package, so that every module (and the workflow at parse time) can read it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

# libyaml's safe loader where PyYAML has it (its wheels do): the same documents, read about ten times faster, which
# every start of the workflow (a no-op run too) pays for each YAML file it reads.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter writes the same text, faster


def read_yaml(path) -> object:
    """A YAML file, read safely (no Python objects) with SAFE_LOADER."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)


PAPERS = read_yaml(Path(__file__).parent / "papers.yaml")


def paper_indicators(paper: str) -> pd.DataFrame:
    """The paper's indicators as it prints them (index: code; columns subsystem, direction), whatever the
    configured catalogue holds: the audit, the series diagnosis and the claims read the paper's own."""
    table = PAPERS[paper].get("indicators", {})
    return pd.DataFrame.from_dict(table, orient="index", columns=["subsystem", "direction"])
