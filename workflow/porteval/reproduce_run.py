"""The papers' reproduction in one job: the audit of the published tables, each paper's tables beside ours with their
scorecard rows and figures (its plug-in's, porteval.reproductions), and the scorecard.

Each step writes its files and the steps after it read those files back, as separate jobs did (a job for each step
cost a Python start, and a matplotlib import for each of the two that draw): the numbers a step uses are the ones a
reviewer finds in the files before it. Which papers a run has is decided once (porteval.reproductions.plan) and
arrives here as ``params["papers"]``: nothing here names a paper.
"""

from __future__ import annotations

import logging

import pandas as pd

from .audit import read_reference
from .catalogue import Catalogue
from .io import atomic_write_text, write_csv
from .reproduce import scorecard_summary, with_decisions
from .reproductions import modules, plugin
from .tables import to_markdown

_CARD = {"keep_default_na": False, "na_values": [""], "dtype": {"row": str}}


def run(inputs: dict, outputs: dict, params: dict, catalogue: Catalogue, log: logging.Logger) -> None:
    """The audit (where the run's papers have identities to check), each paper's job, and the scorecard.
    ``inputs``: ``reference`` (the published tables); ``params``: ``papers`` (each paper's job: the reproducing
    study, its config, and the paper's inputs and outputs by key) and ``settings`` (the weighting ``mode``, the
    qualifiers in use)."""
    reference = read_reference(inputs["reference"])
    papers = params["papers"]
    if "audit_csv" in outputs:
        audit_published(list(papers), reference, outputs["audit_csv"], outputs["audit_md"], log)
    # The audit as written, read once: the checks each paper's scorecard rows cite.
    audit_rows = pd.read_csv(outputs["audit_csv"], dtype={"row": str}) if "audit_csv" in outputs else None
    for paper, job in papers.items():
        plugin(paper).run(paper, job, params["settings"], reference, audit_rows, catalogue, log)
    if "scorecard" in outputs:
        cards = [job["outputs"]["card"] for job in papers.values()]
        scorecard(cards, outputs["scorecard"], outputs["scorecard_summary"], log)


def audit_published(papers: list[str], reference: dict, csv: str, md: str, log: logging.Logger) -> None:
    """Identities that must hold among the published tables themselves, with residuals: each plug-in's, once."""
    checks = pd.concat([module.audit(reference) for module in modules(papers) if module.audit], ignore_index=True)
    for row in checks[~checks["within_rounding"]].itertuples():
        log.warning("%s %s %s: residual %.4f outside rounding", row.table, row.row, row.check, row.residual)
    write_csv(checks, csv)
    atomic_write_text(md, to_markdown(checks, digits=4))


def scorecard(cards: list[str], csv: str, summary_csv: str, log: logging.Logger) -> None:
    """One row per published number, with whether each differing number changes a rank, and its summary, which keeps
    what our data reproduce apart from what the paper's own identities confirm."""
    card = with_decisions(pd.concat([pd.read_csv(p, **_CARD) for p in cards], ignore_index=True))
    summary = scorecard_summary(card)
    for column, n in summary.set_index("table").loc["all"].items():
        log.info("%d %s", n, column)
    write_csv(card, csv)
    write_csv(summary, summary_csv)
