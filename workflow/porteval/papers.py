"""The papers' registry (porteval/papers.yaml), read once: tables, figures, indicators and claims of each paper.

It imports nothing of the package but porteval.inputs, so that every module (and the workflow at parse time) can
read it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .inputs import read_yaml

PAPERS = read_yaml(Path(__file__).parent / "papers.yaml")
# Every published table of the registry by its id (an entry may name another entry's table of the same paper, as
# Zeng et al.'s cross-port entry names Table 2 as its weights).
TABLES = {name: table for entry in PAPERS.values() for name, table in entry["tables"].items()}
_SHORT_ID = re.compile(r".*?table\d+")


def short_id(table: str) -> str:
    """The short id of a registry table, as the scorecard and the audit name it: table6_port_years -> table6,
    zhang_table2_throughput -> zhang_table2."""
    return _SHORT_ID.match(table).group()


def paper_indicators(paper: str) -> pd.DataFrame:
    """The paper's indicators as it prints them (index: code; columns subsystem, direction), whatever the
    configured catalogue holds: the audit, the series diagnosis and the claims read the paper's own."""
    table = PAPERS[paper].get("indicators", {})
    return pd.DataFrame.from_dict(table, orient="index", columns=["subsystem", "direction"])
