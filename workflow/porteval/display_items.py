"""The papers' display items (each published table and figure) as a journal's data editor reports them: what it
shows, how many of its numbers public data reproduce, a verdict, the claims that rest on it, and its level on the
ACRE guide's 1-10 scale of computational reproducibility; then one paragraph of overall verdict written from them.

Everything comes from the scorecard summary (results/reproduction/scorecard_summary.csv), the claims table
(results/reproduction/claims.csv) and the papers' registry (porteval/papers.yaml)."""

from __future__ import annotations

import pandas as pd

from .names import listed
from .papers import PAPERS, short_id
from .report import shortened

REPRODUCED, PARTLY, NOT_REPRODUCED, UNCHECKED = "reproduced", "partly reproduced", "not reproduced", "cannot be checked"
VERDICTS = (REPRODUCED, PARTLY, NOT_REPRODUCED, UNCHECKED)
DISPLAY_COLUMNS = [
    "item",
    "citation",
    "label",
    "shows",
    "plots",
    "reproduced",
    "differs",
    "cannot",
    "verdict",
    "claims",
    "acre_level",
    "acre_reason",
]


def verdict(reproduced: int, differs: int, cannot: int) -> str:
    """A display item's verdict from its numbers: **reproduced** when every number is computed and within the
    published rounding; **cannot be checked** when none can be computed from public data; **not reproduced** when
    some are computed and none is within rounding; **partly reproduced** otherwise."""
    if reproduced + differs == 0:
        return UNCHECKED
    if differs == 0 and cannot == 0:
        return REPRODUCED
    return NOT_REPRODUCED if reproduced == 0 else PARTLY


def acre_level(reproduced: int, differs: int, cannot: int) -> tuple[int, str]:
    """The item's level on the ACRE scale (1 no data or code ... 10 reproducible from raw data) for this
    source-data reproduction, which has all its cleaning and analysis code and rebuilds the raw data from public
    sources, and the reason: 10 when every number is reproduced from raw data; 8 (all raw data and cleaning code)
    when every number can be computed but some differ; 7 (some raw data and all code) when some can be computed;
    3 (the code and part of the data, too little to compute any of its numbers) when none can."""
    total = reproduced + differs + cannot
    if cannot == 0 and differs == 0:
        return 10, f"all {total} numbers reproduced from raw public data"
    if cannot == 0:
        return 8, f"all raw data and code; {differs} of {total} numbers differ"
    if reproduced + differs:
        return 7, f"some raw data and all code: {reproduced + differs} of {total} numbers can be computed"
    return 3, f"code and part of the data: none of its {total} numbers can be computed"


def _claims_on(claims: pd.DataFrame | None, paper: str, label: str, most: int = 3) -> str:
    """The claims of ``paper`` whose ``display`` names ``label``, grouped by their decision as claims.csv words it,
    linked to the report's Claims section: each reading (shortened) where a decision has at most ``most`` claims,
    else how many."""
    if claims is None or not len(claims):
        return "—"
    mine = claims[claims["paper"] == paper]
    names = mine["display"].astype(str).str.split(",").map(lambda parts: [p.strip() for p in parts])
    rests = mine[names.map(lambda parts: label in parts).astype(bool)]
    groups = []
    for decision, part in rests.groupby("decision", sort=False):
        if len(part) <= most:
            groups.append(f"{decision}: " + ", ".join(f"[{shortened(r, 50)}](#Claims)" for r in part["reading"]))
        else:
            groups.append(f"{decision}: [{len(part)} claims](#Claims)")
    return "; ".join(groups) or "—"


def display_items(summary: pd.DataFrame, claims: pd.DataFrame | None = None, papers: dict = PAPERS) -> pd.DataFrame:
    """One row per published table and figure of the papers this run reproduces (those with a row in ``summary``),
    in the registry's order: its name, what it shows, its numbers reproduced / differ / cannot be computed, its
    verdict, the claims that rest on it, and its ACRE level with the reason. A figure takes the numbers of the
    table it plots (the registry's ``plots``; only a figure the paper prints, one with a ``label``); ``plots`` names
    that table (empty for a table)."""
    counts = summary.set_index("table")
    rows = []
    for key, paper in papers.items():
        paper_tables = {**paper.get("tables", {}), **{k: t for p in papers.values() for k, t in p.get("tables", {}).items()}}
        items = [(short_id(name), t["label"], t["title"], "") for name, t in paper.get("tables", {}).items()]
        for figure in paper.get("figures", {}).values():
            if "label" in figure:
                plotted = short_id(figure["plots"])
                shows = f"{figure['title']} (the numbers of {paper_tables[figure['plots']]['label']})"
                items.append((plotted, figure["label"], shows, plotted))
        for short, label, title, plots in items:
            if short not in counts.index:
                continue
            n = counts.loc[short]
            reproduced, differs, cannot = int(n["reproduced"]), int(n["differs"]), int(n["not_reproducible"])
            level, reason = acre_level(reproduced, differs, cannot)
            rows.append(
                {
                    "item": f"{paper['citation']} {label}",
                    "citation": paper["citation"],
                    "label": label,
                    "shows": title,
                    "plots": plots,
                    "reproduced": reproduced,
                    "differs": differs,
                    "cannot": cannot,
                    "verdict": verdict(reproduced, differs, cannot),
                    "claims": _claims_on(claims, key, label),
                    "acre_level": level,
                    "acre_reason": reason,
                }
            )
    return pd.DataFrame(rows, columns=DISPLAY_COLUMNS)


def _named(rows: pd.DataFrame) -> str:
    """Display items by paper: "Zeng et al. (2022) Table 2, Table 3 and Figure 1; Zhang Table 2"."""
    by_paper = rows.groupby("citation", sort=False)["label"].agg(list)
    return "; ".join(f"{citation} {listed(labels)}" for citation, labels in by_paper.items())


def overall_verdict(items: pd.DataFrame, claims: pd.DataFrame | None = None) -> str:
    """One paragraph of overall verdict, every count taken from ``items`` (display_items) and ``claims``: how many
    display items have each verdict and which, the published numbers (each counted once: a figure's are its
    table's) computed and reproduced, the range of ACRE levels, and the claims by their decision."""
    if not len(items):
        return "This run reproduces no published display item."
    parts = []
    for name in VERDICTS:
        these = items[items["verdict"] == name]
        if len(these):
            parts.append(f"{len(these)} {name} ({_named(these)})")
    text = f"**Overall.** Of the {len(items)} published display items checked, {listed(parts)}."
    tables = items[items["plots"] == ""]
    reproduced, differs, cannot = (int(tables[c].sum()) for c in ("reproduced", "differs", "cannot"))
    text += (
        f" Their {reproduced + differs + cannot} published numbers (a figure's are those of the table it plots): "
        f"{reproduced + differs} can be computed from public data, of which {reproduced} are reproduced within the "
        f"published rounding and {differs} differ; {cannot} need data no public source gave us."
    )
    low, high = int(items["acre_level"].min()), int(items["acre_level"].max())
    text += (
        f" On the ACRE scale the items stand at level {low}" + (f" to {high}" if high != low else "") + " (the table "
        "gives each reason)."
    )
    if claims is not None and len(claims):
        decisions = claims["decision"].value_counts(sort=False)
        said = "; ".join(f"{decision}: {n}" for decision, n in decisions.items())
        text += f" The {len(claims)} claims resting on them, by the decision of our data against the paper's: {said}."
    return text
