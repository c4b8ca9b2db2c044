"""The papers' registry (porteval/papers.yaml), read once: tables, figures, indicators and claims of each paper.

It imports nothing of the package, so that every module (and the workflow at parse time) can read it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

PAPERS = yaml.safe_load((Path(__file__).parent / "papers.yaml").read_text(encoding="utf-8"))


def paper_indicators(paper: str) -> pd.DataFrame:
    """The paper's indicators as it prints them (index: code; columns subsystem, direction), whatever the
    configured catalogue holds: the audit, the series diagnosis and the claims read the paper's own."""
    table = PAPERS[paper].get("indicators", {})
    return pd.DataFrame.from_dict(table, orient="index", columns=["subsystem", "direction"])
