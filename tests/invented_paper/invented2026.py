"""An INVENTED paper, for the tests only (docs/extending.md, "A new paper", followed in tests/test_new_paper.py):
"Invented (2026)" prints one table, Ningbo-Zhoushan Port's overall utility degree by year 2014-2018 on cargo and
container throughput, and states two claims about it. No such paper exists; its numbers are made up. It is a
plug-in of porteval.reproductions: this module, its registry entry (entry.yaml), its published table
(invented2026_table1_overall.csv) and its caption (invented_table1.rst) are all it takes."""

from __future__ import annotations

import pandas as pd

from porteval.catalogue import study_window
from porteval.claims import half_unit
from porteval.io import write_csv
from porteval.reproduce import CARD_COLUMNS, compared
from porteval.tables import write_tables

TABLE = "invented2026_table1_overall"
audit = None  # one table: no identities among tables


def needs(paper: str) -> dict:
    return {"scores": ("study", "scores")}


def outputs(paper: str, study: str | None) -> dict:
    return {}


def run(paper, job, settings, reference, audit_rows, catalogue, log) -> None:
    """Table 1 beside ours (the overall utility of each year, in %), and a scorecard row per published number."""
    scores = pd.read_csv(job["inputs"]["scores"], dtype={"comparison": str, "alternative": str})
    window = study_window(job["study_config"])
    ours = scores[(scores["comparison"] == window) & (scores["scope"] == "overall")].set_index("alternative")["utility"]
    published = reference[TABLE].assign(year=lambda d: d["year"].astype(str)).set_index("year")["utility_pct"]
    table = pd.DataFrame(
        {"year": published.index, "utility_pct": [100 * ours.get(y) for y in published.index], "published_utility_pct": published}
    )
    card = [compared("invented2026_table1", y, "utility", published[y], 100 * ours.get(y), 0.005) for y in published.index]
    write_tables({TABLE: table}, job["outputs"]["tables"][TABLE], weighting=settings["mode"])
    write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), job["outputs"]["card"])


def claim_values(paper: str, reference: dict) -> pd.DataFrame:
    """Table 1 as printed, one row per number (the utility of each year, as a fraction of the best)."""
    table = reference[TABLE]
    rows = [
        ("2014-2018", "overall", str(r["year"]), "utility", float(r["utility_pct"]) / 100, half_unit(r["utility_pct"]) / 100)
        for _, r in table.iterrows()
    ]
    return pd.DataFrame(rows, columns=["comparison", "scope", "alternative", "measure", "value", "half"])


def report_intro(papers: list[str]) -> str:
    return "the one table of Invented (2026), an INVENTED paper of the tests"


def report_glance(page) -> list[str]:
    return []


def report_contents(page) -> list[tuple[str, str, bool]]:
    return [("Invented", "Invented (2026), Table 1", page.has(TABLE))]


def report_section(page) -> None:
    if page.has(TABLE):
        page.say("## Invented")
        page.say(
            "**Invented (2026), Table 1** (an INVENTED paper of the tests): the overall utility degree by year, ours beside it."
        )
        page.show(page.read(TABLE), 2)
