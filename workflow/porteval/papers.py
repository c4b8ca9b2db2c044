"""The papers' registry (porteval/papers.yaml), read once: tables, figures, indicators and claims of each paper.

It imports nothing of the package but porteval.inputs, so that every module (and the workflow at parse time) can
read it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .inputs import read_yaml

PAPERS = read_yaml(Path(__file__).parent / "papers.yaml")


def paper_indicators(paper: str) -> pd.DataFrame:
    """The paper's indicators as it prints them (index: code; columns subsystem, direction), whatever the
    configured catalogue holds: the audit, the series diagnosis and the claims read the paper's own."""
    table = PAPERS[paper].get("indicators", {})
    return pd.DataFrame.from_dict(table, orient="index", columns=["subsystem", "direction"])
