"""Zhang, *Research on Mutual Promote Development between Smart Port and Supply Chain*, as a plug-in
(porteval.reproductions): its Table 2, Ningbo-Zhoushan cargo and container throughput 2010-2018, checked against the
independent sources of the curation's decisions (the file the registry's ``input`` key names). Zhang's table is itself
one of our sources (porteval.curation): it is checked only against the others."""

# The workflow imports every plug-in when it starts (a no-op run too), to ask what each paper needs and writes:
# matplotlib (porteval.figures) is imported where a figure is drawn, not there.

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..curation import ZHANG_ID, select
from ..inputs import read_csv
from ..io import atomic_write_text, write_csv
from ..reproduce import CARD_COLUMNS, DIFFERS, NOT_REPRODUCIBLE, REPRODUCED, card_row
from ..tables import to_markdown

TABLE = "zhang_table2_throughput"
audit = None  # a single table: no identities among tables to check


def needs(paper: str) -> dict:
    return {"decisions": ("input",)}


def outputs(paper: str, study: str | None) -> dict:
    return {}


def run(paper, job, settings, reference, audit_rows, catalogue, log) -> None:
    """Zhang's Table 2 beside the independent sources, its scorecard rows and its figure."""
    inputs, outputs = job["inputs"], job["outputs"]
    decisions = read_csv(inputs["decisions"], keep_default_na=False, dtype={"value": float})
    table, card = zhang_table(decisions, reference[TABLE], settings["use_qualifiers"])
    csv, md = outputs["tables"][TABLE]
    write_csv(table, csv)
    atomic_write_text(md, to_markdown(table, digits=1))
    write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), outputs["card"])
    throughput_figure(outputs)


def rounding_unit(value: float) -> float:
    """Half a unit of the last significant digit of ``value`` as printed (e.g. 101000 -> 500)."""
    text = f"{value:.10g}"
    if "." in text:
        return 0.5 * 10 ** -len(text.split(".")[1])
    stripped = text.rstrip("0")
    return 0.5 * 10 ** (len(text) - len(stripped))


def zhang_table(decisions: pd.DataFrame, ref: pd.DataFrame, use_qualifiers) -> tuple[pd.DataFrame, list[dict]]:
    """Zhang's Table 2 against independent sources: the best value by the precedence rule that is not Zhang's own."""
    pool = decisions[
        (decisions["entity"] == "Ningbo-Zhoushan Port")
        & decisions["indicator"].isin(["C21", "C22"])
        & (decisions["source_id"] != ZHANG_ID)
        & decisions["qualifier"].isin(use_qualifiers)
    ].copy()
    pool["excluded"] = ""
    chosen = select(pool)
    chosen = chosen[chosen["decision"] == "kept"].set_index(["indicator", "year"])
    columns = {"C21": "cargo_throughput_10k_tons", "C22": "container_throughput_10k_teu"}
    rows, card = [], []
    for _, pub in ref.iterrows():
        year = int(pub["year"])
        row = {"year": year}
        for code, col in columns.items():
            published = float(pub[col])
            found = chosen.loc[(code, year)] if (code, year) in chosen.index else None
            value = float(found["value"]) if found is not None else np.nan
            row[col], row[f"published_{col}"] = value, published
            row[f"{col}_source_id"] = found["source_id"] if found is not None else ""
            if found is None:
                status, note = NOT_REPRODUCIBLE, f"no independent source for {code} {year}; see data/curation/decisions.csv"
            else:
                pub_half, src_half = rounding_unit(published), rounding_unit(value)
                tol = pub_half + src_half
                note = (
                    f"{found['source_id']} ({found['qualifier']}, {found['authority']}); "
                    f"agreement judged within the rounding of both figures (±{tol:g})"
                )
                if abs(value - published) > tol:
                    status = DIFFERS
                elif src_half > pub_half:  # agreement at a coarser precision than the number tested
                    status = NOT_REPRODUCIBLE
                    note += f"; the source is rounded to ±{src_half:g}, too coarse to test a number printed to ±{pub_half:g}"
                else:
                    status = REPRODUCED
            allowed = (published - tol, published + tol) if found is not None else (np.nan, np.nan)
            card.append(card_row("zhang_table2", str(year), col, published, value, status, note, allowed))
        rows.append(row)
    return pd.DataFrame(rows), card


def throughput_figure(outputs: dict) -> None:
    """The table as a figure: the published values beside the independent sources'."""
    from .. import figures  # here, not at the top: see the module's note on imports

    zhang = pd.read_csv(outputs["tables"]["zhang_table2_throughput"][0]).set_index("year")
    panels = {
        label: zhang[[column, f"published_{column}"]].rename(
            columns={column: "independent sources", f"published_{column}": "published"}
        )
        for label, column in (
            ("cargo throughput (10,000 t)", "cargo_throughput_10k_tons"),
            ("container throughput (10,000 TEU)", "container_throughput_10k_teu"),
        )
    }
    fig = figures.small_multiples(panels, "Zhang, Table 2: Ningbo-Zhoushan Port throughput", "", ncols=2, sharey=False)
    figures.save(fig, Path(outputs["figures"]["zhang_throughput"][0]).with_suffix(""))


def report_intro(papers: list[str]) -> str:
    return "checks Table 2 of Zhang, *Research on Mutual Promote Development between Smart Port and Supply Chain*"


def report_glance(page) -> list[str]:
    return []  # its scorecard rows are counted with the rest (porteval.report.first_screen)


def report_contents(page) -> list[tuple[str, str, bool]]:
    return [("Zhang", "Zhang's Table 2", page.has(TABLE))]


def report_section(page) -> None:
    if not page.has(TABLE):
        return
    page.say(
        "## Zhang\n\n"
        "**Zhang, Table 2: Ningbo-Zhoushan throughput 2010–2018.** Zhang's table is itself one of our sources; it is "
        "checked here only against the *other* sources (the best value of each cell by the precedence rule once "
        "Zhang's own is set aside)."
    )
    page.show(page.read(TABLE), 1)
    page.figure(
        (
            "zhang_throughput",
            "Zhang's Table 2, cargo and container throughput 2010-2018, beside the values of independent sources",
        )
    )
