"""The papers' registry (porteval/papers.yaml), read once: tables, figures, indicators and claims of each paper.

It imports nothing of the package, so that every module (and the workflow at parse time) can read it."""

from __future__ import annotations

from pathlib import Path

import yaml

PAPERS = yaml.safe_load((Path(__file__).parent / "papers.yaml").read_text(encoding="utf-8"))
