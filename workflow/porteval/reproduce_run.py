"""The papers' reproduction in one job: the audit of the published tables, the series diagnosis, each paper's tables
beside ours with their scorecard rows, the scorecard, and the papers' figures.

Each step writes its files and the steps after it read those files back, as separate jobs did (a job for each step
cost a Python start, and a matplotlib import for each of the two that draw): the numbers a step uses are the ones a
reviewer finds in the files before it. A step runs when the run has its paper (its outputs are named); which papers a
run has follows from the studies that reproduce them and from ``reproduction.zhang_candidates``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from . import figures
from .audit import AUDIT_SEED, ROUNDING_DRAWS, audit, read_reference
from .catalogue import Catalogue, study_window
from .diagnosis import (
    DEVIATES,
    EDGE,
    MATCHES,
    UNDETERMINED,
    divergences,
    implied_series,
    paper_scale,
    series_diagnosis,
    window_divergences,
)
from .inputs import read_csv
from .io import atomic_write_text, read_observations, write_csv
from .papers import paper_indicators
from .reproduce import (
    CARD_COLUMNS,
    cross_port_tables,
    longitudinal_tables,
    score_cards,
    scorecard_summary,
    utility_in_percent,
    with_decisions,
    zhang_table,
)
from .study import comparisons
from .tables import to_markdown, write_tables

_SCORES = {"dtype": {"comparison": str, "alternative": str}}
_CARD = {"keep_default_na": False, "na_values": [""], "dtype": {"row": str}}
OURS = "this study"
DIAGNOSIS_COLORS = {MATCHES: "#2b6c9e", EDGE: "#7fa7c9", DEVIATES: "#c0392b", UNDETERMINED: "#888888"}


def run(inputs: dict, outputs: dict, params: dict, catalogue: Catalogue, log: logging.Logger) -> None:
    """Every step whose outputs are named. ``inputs``: ``reference`` (the published tables), and per paper the
    reproducing study's files; ``params``: the reproducing studies' configs (``longitudinal``, ``cross_port``), their
    study ids, the weighting ``mode`` and the qualifiers in use (``use_qualifiers``)."""
    reference = read_reference(inputs["reference"])
    if "audit_csv" in outputs:
        audit_published(reference, outputs["audit_csv"], outputs["audit_md"], log)
    if "diagnosis" in outputs:
        diagnose_series(inputs, outputs, params, reference, catalogue, log)
    # The audit as written, read once: the checks each paper's scorecard rows cite.
    audit_rows = pd.read_csv(outputs["audit_csv"], dtype={"row": str}) if "audit_csv" in outputs else None
    if "longitudinal_card" in outputs:
        reproduce_longitudinal(inputs, outputs, params, reference, audit_rows, catalogue)
    if "cross_port_card" in outputs:
        reproduce_cross_port(inputs, outputs, params, reference, audit_rows, catalogue)
    if "zhang_card" in outputs:
        decisions = read_csv(inputs["decisions"], keep_default_na=False, dtype={"value": float})
        table, card = zhang_table(decisions, reference["zhang_table2_throughput"], params["use_qualifiers"])
        write_csv(table, outputs["zhang_tables"][0])
        atomic_write_text(outputs["zhang_tables"][1], to_markdown(table, digits=1))
        write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), outputs["zhang_card"])
    if "scorecard" in outputs:
        cards = [outputs[k] for k in ("longitudinal_card", "cross_port_card", "zhang_card") if k in outputs]
        scorecard(cards, outputs["scorecard"], outputs["scorecard_summary"], log)
    paper_figures(outputs, catalogue)


def audit_published(reference: dict, csv: str, md: str, log: logging.Logger) -> None:
    """Identities that must hold among the published tables themselves, with residuals."""
    checks = audit(reference)
    for row in checks[~checks["within_rounding"]].itertuples():
        log.warning("%s %s %s: residual %.4f outside rounding", row.table, row.row, row.check, row.residual)
    write_csv(checks, csv)
    atomic_write_text(md, to_markdown(checks, digits=4))


def diagnose_series(inputs, outputs, params, reference, catalogue, log) -> None:
    """Which of our series are the paper's: d_j / (D-hat w_j) per indicator, and the series Table 4 implies."""
    study = params["longitudinal"]
    matrix = pd.read_csv(inputs["matrix"], **_SCORES)
    wide = dict(comparisons(matrix))[study_window(study)]
    published = reference["table2_weights"].set_index("indicator")["published_weight"]
    indicators = paper_indicators("zeng2022_longitudinal")
    observations = read_observations(inputs["observations"])
    t2, t3, t4 = reference["table2_weights"], reference["table3_subsystems"], reference["table4_overall"]
    scale = paper_scale(t2, t3, t4, indicators, ROUNDING_DRAWS, AUDIT_SEED)
    log.info("the paper's D = %.4f (range over the roundings %.4f to %.4f)", *scale)
    every = read_observations(inputs["pool"])
    pool = window_divergences(every[every["usable"].astype(bool)], len(wide))
    own = {
        code: f"{catalogue.source_entity(study['ports'][0], code)} {code}"
        for code in published.index
        if code in catalogue.indicators.index
    }
    diagnosis = series_diagnosis(divergences(wide), published, indicators, scale, pool, own=own).assign(
        study=params["longitudinal_study"]
    )
    for r in diagnosis[diagnosis["verdict"] != "missing"].itertuples():
        log.info("%s %s: ratio %.3f (%.3f to %.3f)", r.indicator, r.verdict, r.ratio, r.ratio_low, r.ratio_high)
    implied = implied_series(t2, t3, t4, indicators, observations, study["ports"][0], ROUNDING_DRAWS, AUDIT_SEED)
    write_csv(diagnosis, outputs["diagnosis"])
    write_csv(implied, outputs["implied"])
    # Drawn from the table in hand, as the diagnosis job drew it before it was folded in here.
    shown = diagnosis[diagnosis["verdict"].isin(DIAGNOSIS_COLORS)].assign(
        label=lambda d: d["indicator"] + " " + d["indicator"].map(catalogue.indicators["name"]).str.slice(0, 28)
    )
    fig = figures.ratio_intervals(
        shown,
        "Our entropy divergence over D x published weight (D: the paper's own, from Tables 2-4; 1 = the paper's series)",
        "d_j / (D w_j), with the range the published rounding allows",
        DIAGNOSIS_COLORS,
    )
    figures.save(fig, outputs["diagnosis_figure"][0][:-4])


def reproduce_longitudinal(inputs, outputs, params, reference, audit_rows, catalogue) -> None:
    """Zeng et al. Tables 2-4 beside ours, and their scorecard rows."""
    dropped = pd.read_csv(inputs["dropped"], keep_default_na=False)
    t2, t3, t4, card = longitudinal_tables(
        pd.read_csv(inputs["weights"], dtype={"comparison": str}),
        pd.read_csv(inputs["scores"], **_SCORES),
        pd.read_csv(inputs["matrix"], **_SCORES),
        dropped,
        pd.read_csv(outputs["diagnosis"]),
        reference,
        catalogue,
        params["longitudinal"],
    )
    card += score_cards(t4, "table4", "year", audit_rows, dropped, bool(t4["partial"].iloc[0]))
    tables = {
        "table2_weights": t2,
        "table3_subsystems": utility_in_percent(t3, 100),
        "table4_overall": utility_in_percent(t4, 1),
    }
    write_tables(tables, outputs["longitudinal_tables"], weighting=params["mode"])
    write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), outputs["longitudinal_card"])


def reproduce_cross_port(inputs, outputs, params, reference, audit_rows, catalogue) -> None:
    """Zeng et al. Tables 5-6 beside ours, and their scorecard rows."""
    dropped = pd.read_csv(inputs["cross_port_dropped"], keep_default_na=False)
    scores = pd.read_csv(inputs["cross_port_scores"], **_SCORES)
    t5, t6, card = cross_port_tables(scores, dropped, reference, catalogue, params["cross_port"])
    card = score_cards(t5, "table5", "code", audit_rows, dropped, bool(t5["partial"].iloc[0])) + card
    tables = {"table5_ports": utility_in_percent(t5, 1), "table6_port_years": utility_in_percent(t6, 100)}
    write_tables(tables, outputs["cross_port_tables"], weighting=params["mode"])
    write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), outputs["cross_port_card"])


def scorecard(cards: list[str], csv: str, summary_csv: str, log: logging.Logger) -> None:
    """One row per published number, with whether each differing number changes a rank, and its summary, which keeps
    what our data reproduce apart from what the paper's own identities confirm."""
    card = with_decisions(pd.concat([pd.read_csv(p, **_CARD) for p in cards], ignore_index=True))
    summary = scorecard_summary(card)
    for column, n in summary.set_index("table").loc["all"].items():
        log.info("%d %s", n, column)
    write_csv(card, csv)
    write_csv(summary, summary_csv)


def _ours_and_published(frame: pd.DataFrame, index: str) -> pd.DataFrame:
    return frame.set_index(index)[["utility_pct", "published_utility_pct"]].rename(
        columns={"utility_pct": OURS, "published_utility_pct": "published"}
    )


def paper_figures(outputs: dict, catalogue: Catalogue) -> None:
    """Figures 1-3 of Zeng et al. and a throughput figure for Zhang's Table 2, ours beside the published values,
    drawn from the tables this job wrote."""
    out = {Path(p).stem: Path(p).with_suffix("") for p in outputs.get("figures", [])}
    if not out:  # the figures are named with their papers' tables, or not at all
        return
    if "longitudinal_tables" in outputs:
        t3 = pd.read_csv(_table(outputs["longitudinal_tables"], "table3_subsystems"))
        panels, filled = {}, {}
        for sub, part in t3.groupby("subsystem"):
            frame = _ours_and_published(part, "year")
            missing = part["left_out"].fillna("").iloc[0]
            note = f" (without {missing.replace(' ', ', ')})" if missing and frame[OURS].notna().any() else ""
            name = f"{sub} {catalogue.subsystems[sub]}{note}"
            panels[name] = frame[[c for c in frame if frame[c].notna().any()]]
            filled[name] = part.set_index("year")["imputed_score_share"]
        figures.save(
            figures.small_multiples(
                panels, "Figure 1. Utility degree of each subsystem, Ningbo-Zhoushan Port", "utility degree (%)", filled=filled
            ),
            out["fig1_subsystems"],
        )
        t4 = pd.read_csv(_table(outputs["longitudinal_tables"], "table4_overall"))
        figures.save(
            figures.small_multiples(
                {"overall": _ours_and_published(t4, "year")},
                "Figure 2. Overall utility degree, Ningbo-Zhoushan Port",
                "utility degree (%)",
                ncols=1,
                filled={"overall": t4.set_index("year")["imputed_score_share"]},
            ),
            out["fig2_overall"],
        )
    if "cross_port_tables" in outputs:
        t6 = pd.read_csv(_table(outputs["cross_port_tables"], "table6_port_years"))
        parts = {f"{code} {part['port'].iloc[0]}": part for code, part in t6.groupby("code")}
        figures.save(
            figures.small_multiples(
                {name: _ours_and_published(part, "year") for name, part in parts.items()},
                "Figure 3. Utility degree of the four ports by year, each year compared on its own",
                "utility degree (%)",
                ncols=4,
                filled={name: part.set_index("year")["imputed_score_share"] for name, part in parts.items()},
            ),
            out["fig3_port_years"],
        )
    if "zhang_tables" in outputs:
        zhang = pd.read_csv(outputs["zhang_tables"][0]).set_index("year")
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
        figures.save(fig, out["zhang_throughput"])


def _table(paths: list[str], name: str) -> str:
    return next(p for p in paths if Path(p).name == f"{name}.csv")
