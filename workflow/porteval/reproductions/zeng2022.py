"""Zeng, Fang, He & Huang (2022), Systems 10(5):131, as a plug-in (porteval.reproductions): all that is this
paper's own. Its longitudinal entry (Tables 2-4, Figures 1-2: Ningbo-Zhoushan 2014-2020) and its cross-port entry
(Tables 5-6, Figure 3: four ports) in porteval/papers.yaml.

What is comparable when indicators are missing (docs/reproduction.md gives the details):

* Table 2: an indicator's entropy divergence d_j depends on its own series only; d_j / D is our weight on the
  paper's scale, compared with the published weight (porteval.diagnosis).
* Table 3: a subsystem's utility uses only its own indicators, and U does not depend on the scale of the weights,
  so a subsystem whose indicators are all present is directly comparable.
* Tables 4-6 need every indicator.
"""

# The workflow imports every plug-in when it starts (a no-op run too), to ask what each paper needs and writes:
# matplotlib (porteval.figures) is imported where a figure is drawn, not there.

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from ..audit import AUDIT_SEED, PERCENT2, ROUNDING_DRAWS, audit_scores_table, check
from ..catalogue import Catalogue, study_window, study_years
from ..claims import half_unit
from ..diagnosis import (
    DEVIATES,
    EDGE,
    FITTED,
    HALF_UNIT,
    MATCHES,
    MISSING,
    UNDETERMINED,
    divergences,
    implied_rest,
    implied_series,
    paper_scale,
    rounding_draws,
    series_diagnosis,
    window_divergences,
)
from ..io import read_observations, write_csv
from ..mcda import q_and_utility, rank_descending
from ..papers import PAPERS, paper_indicators
from ..report import table_names
from ..reproduce import (
    CARD_COLUMNS,
    DIFFERS,
    NOT_REPRODUCIBLE,
    PUBLISHED_SCORE_COLUMNS,
    REPRODUCED,
    card_row,
    compared,
    filled_flags,
    needs_note,
    score_cards,
    utility_in_percent,
)
from ..study import comparisons
from ..tables import FILLED_CELL_COLUMNS, indicator_filled_cells, write_tables
from . import Output

LONGITUDINAL = "zeng2022_longitudinal"  # whose indicators the audited tables (Tables 2-6) use
_SCORES = {"dtype": {"comparison": str, "alternative": str}}


# ---------------------------------------------------------------------------------------------------- the audit


def audit(ref: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Identities that must hold among the published Tables 2-6, each with its residual and allowed range. The
    paper's indicators are its own (porteval/papers.yaml), whatever catalogue a run configures."""
    rows: list[dict] = []
    indicators = paper_indicators(LONGITUDINAL)
    w = ref["table2_weights"].set_index("indicator")["published_weight"]
    n = len(w)
    check(rows, "weights sum to 1", "table2", "all", 1.0, w.sum(), 1 - n * HALF_UNIT, 1 + n * HALF_UNIT)
    _audit_twin_weights(rows, w, indicators)
    cost = [c for c in w.index if indicators.at[c, "direction"] == "cost"]
    benefit = [c for c in w.index if c not in cost]
    t4, t5 = ref["table4_overall"], ref["table5_ports"]
    for table, name in ((t4, "table4"), (t5, "table5")):
        m = len(table)
        for label, codes, column in (("S-", cost, "cost_value"), ("S+", benefit, "benefit_value")):
            tol = m * HALF_UNIT + len(codes) * HALF_UNIT
            check(
                rows,
                f"sum of {label} = sum of {'cost' if label == 'S-' else 'benefit'} weights (Table 2)",
                name,
                "all",
                w[codes].sum(),
                table[column].sum(),
                w[codes].sum() - tol,
                w[codes].sum() + tol,
                "holds if the table was computed with Table 2's weights on one sum-normalised comparison",
            )
    tol = 2 * len(t5) * HALF_UNIT
    total = t5["benefit_value"].sum() + t5["cost_value"].sum()
    check(
        rows,
        "sum of S+ and S- = 1",
        "table5",
        "all",
        1.0,
        total,
        1 - tol,
        1 + tol,
        "holds if Table 5 comes from one comparison of the four ports (indicators summed over the years, or the 28 "
        "port-years pooled) with weights summing to 1",
    )
    audit_scores_table(rows, t4, "table4", "year")
    audit_scores_table(rows, t5, "table5", "code")
    _audit_table3(rows, ref, indicators)
    _audit_table5_readings(rows, t5, ref["table6_port_years"])
    t6 = ref["table6_port_years"].set_index("year")
    for year, row in t6.iterrows():
        check(rows, "the best port of a year has U = 1", "table6", str(year), 1.0, row.max(), 1 - HALF_UNIT, 1 + HALF_UNIT)
    return pd.DataFrame(rows)


def _audit_twin_weights(rows, w: pd.Series, indicators: pd.DataFrame):
    """Table 2's weights of X1 (berths) against X4 (productive berths), indicator by indicator in order: were
    the two subsystems one series twice, as X1 = X4 in Table 3 suggests, their weights would be equal too."""
    x1 = [c for c in w.index if indicators.at[c, "subsystem"] == "X1"]
    x4 = [c for c in w.index if indicators.at[c, "subsystem"] == "X4"]
    for a, b in zip(x1, x4, strict=False):
        check(
            rows,
            "w(X1 indicator) = w(X4 indicator) (one series twice would have one weight)",
            "table2",
            f"{a} = {b}",
            float(w[a]),
            float(w[b]),
            float(w[a]) - 2 * HALF_UNIT,
            float(w[a]) + 2 * HALF_UNIT,
            "within the rounding of both printed weights",
        )


def _audit_table3(rows, ref, indicators: pd.DataFrame):
    """Table 3 against Tables 2 and 4: the implied rest of S+ per year, the X6 row recomputed, X1 against X4."""
    t2, t3, t4 = ref["table2_weights"], ref["table3_subsystems"], ref["table4_overall"]
    years, rest, central, sampled = implied_rest(t2, t3, t4, indicators, ROUNDING_DRAWS, AUDIT_SEED)
    lows, highs = sampled.min(axis=0), sampled.max(axis=0)
    for year, r, lo, hi in zip(years, central, lows, highs, strict=True):
        check(  # non-negative under some rounding of the published numbers: hi >= 0, i.e. r >= r - hi
            rows,
            "Table 4 S+ minus the benefit-only subsystems (Table 3) is non-negative",
            "table3",
            year,
            0.0,
            r,
            r - hi,
            np.inf,
            f"the rest is w x of {', '.join(rest)}; over {ROUNDING_DRAWS} roundings it ranges {lo:.4f} to {hi:.4f}",
        )
    t3i = t3.set_index("subsystem")
    mixed = sorted({indicators.at[c, "subsystem"] for c in rest})
    cost = [c for c in t2["indicator"] if indicators.at[c, "direction"] == "cost"]
    if len(mixed) == 1 and all(indicators.at[c, "subsystem"] == mixed[0] for c in cost):
        sub = mixed[0]  # every cost indicator is in it, so its S- is Table 4's S-
        s_minus = t4["cost_value"].to_numpy(dtype=float)
        _, u = q_and_utility(central, s_minus, has_cost=True)
        s_minus_draws = rounding_draws(s_minus, ROUNDING_DRAWS, AUDIT_SEED + 3)
        _, u_draws = q_and_utility(sampled, s_minus_draws, has_cost=True)
        u_lo, u_hi = np.nanmin(u_draws, axis=0) - HALF_UNIT, np.nanmax(u_draws, axis=0) + HALF_UNIT
        for i, year in enumerate(years):
            check(
                rows,
                f"{sub} utility recomputed from Table 4's S- and the implied rest of S+",
                "table3",
                f"{sub} {year}",
                u[i],
                float(t3i.loc[sub, year]),
                u_lo[i],
                u_hi[i],
                f"range over {ROUNDING_DRAWS} roundings of Tables 2-4",
            )
    if {"X1", "X4"} <= set(t3i.index):
        for year in years:
            x1, x4 = float(t3i.loc["X1", year]), float(t3i.loc["X4", year])
            check(
                rows,
                "X1 = X4 (berths and productive berths: identical utilities would mean one series twice)",
                "table3",
                year,
                x1,
                x4,
                x1 - 2 * HALF_UNIT,
                x1 + 2 * HALF_UNIT,
                "within rounding in a year: the two subsystems' utilities agree to three decimals",
            )


def _audit_table5_readings(rows, t5: pd.DataFrame, t6: pd.DataFrame):
    """Reading (c) of the cross-port study: Table 5 as the per-year results of Table 6 averaged."""
    mean_u = t6.set_index("year")[t5["code"]].mean()
    rescaled = 100 * mean_u / mean_u.max()
    tol = 100 * HALF_UNIT / mean_u.max() * 2 + PERCENT2
    for code, published in zip(t5["code"], t5["utility_pct"], strict=True):
        check(
            rows,
            "Table 5 U = mean of Table 6 over the years, rescaled to max 100 (reading: per-year results averaged)",
            "table5",
            code,
            rescaled[code],
            published,
            rescaled[code] - tol,
            rescaled[code] + tol,
        )
    ranks = rank_descending(mean_u.to_numpy())
    for code, rank, published in zip(t5["code"], ranks, t5["rank"], strict=True):
        check(rows, "Table 5 rank = rank of the mean of Table 6", "table5", code, rank, published, rank, rank)


# ---------------------------------------------------------------------------------------------------- tables beside ours


def table2_cards(diagnosis: pd.DataFrame, dropped: pd.DataFrame) -> list[dict]:
    """Table 2's scorecard rows from the series diagnosis: our d_j / D against the published weight."""
    card = []
    for r in diagnosis.itertuples():
        if r.verdict == MISSING or pd.isna(r.d):
            card.append(
                card_row(
                    "table2",
                    r.indicator,
                    "weight",
                    r.published_weight,
                    np.nan,
                    NOT_REPRODUCIBLE,
                    needs_note(dropped, [r.indicator]),
                )
            )
            continue
        allowed = (r.d_required_low / r.D, r.d_required_high / r.D)
        status = REPRODUCED if r.verdict in (MATCHES, EDGE) else (DIFFERS if pd.notna(r.D_low) else NOT_REPRODUCIBLE)
        fitted = " (D fitted to our series: this status rests on our data)" if r.D_source == FITTED else ""
        note = (
            f"our d_j / D, D from the {r.D_source} = {r.D:.4f} (range over the roundings {r.D_low:.4f} to "
            f"{r.D_high:.4f}){fitted}; "
            f"allowed: the published weight +-{HALF_UNIT} times that range; ratio {r.ratio:.3f} "
            f"({r.ratio_low:.3f} to {r.ratio_high:.3f}), {r.verdict}; an unrelated series would match in "
            f"{r.p_match_unrelated:.2f} of {r.n_unrelated} independent runs of other series; see series_diagnosis.csv"
        )
        card.append(card_row("table2", r.indicator, "weight", r.published_weight, r.weight_on_paper_scale, status, note, allowed))
    return card


def longitudinal_tables(weights, scores, matrix, dropped, diagnosis, ref, catalogue, study):
    """Tables 2, 3 and 4 with the published columns and our filled cells, and their scorecard rows."""
    window = study_window(study)
    pub_w = ref["table2_weights"].set_index("indicator")
    ours_w = weights[weights["comparison"] == window].set_index("indicator")["weight"]
    kept = list(ours_w.index)
    left_out = sorted(set(pub_w.index) - set(kept))
    partial = bool(left_out)
    card = table2_cards(diagnosis, dropped)
    diag = diagnosis.set_index("indicator")
    t2 = pub_w.reset_index()[["indicator", "subsystem", "published_weight"]].copy()
    t2["weight"] = t2["indicator"].map(ours_w)
    t2["weight_on_paper_scale"] = t2["indicator"].map(diag["weight_on_paper_scale"])
    t2["verdict"] = t2["indicator"].map(diag["verdict"])
    t2["partial"] = partial
    filled = indicator_filled_cells(matrix[matrix["comparison"] == window]).set_index("indicator")
    for col in FILLED_CELL_COLUMNS:
        t2[col] = t2["indicator"].map(filled[col]).astype("Int64")
    columns = ["indicator", "subsystem", "weight", "published_weight", "weight_on_paper_scale", "verdict", "partial"]
    t2 = t2[[*columns, *FILLED_CELL_COLUMNS]]

    main = scores[scores["comparison"] == window]
    years = [str(y) for y in study_years(study)]
    pub3 = ref["table3_subsystems"].set_index("subsystem")
    t3_rows = []
    for sub in pub3.index:
        codes = list(catalogue.indicators.index[catalogue.indicators["subsystem"] == sub])
        missing = [c for c in codes if c not in kept]
        ours = main[main["scope"] == sub].set_index("alternative")["utility"]
        for year in years:
            value = ours.get(year, np.nan)
            published = float(pub3.loc[sub, year])
            t3_rows.append(
                {
                    "subsystem": sub,
                    "year": int(year),
                    "utility": value,
                    "published_utility": published,
                    "left_out": " ".join(missing),
                    **filled_flags(scores, window, sub, year),
                }
            )
            if missing:
                card.append(
                    card_row(
                        "table3", f"{sub} {year}", "utility", published, value, NOT_REPRODUCIBLE, needs_note(dropped, missing)
                    )
                )
            else:
                note = "all the subsystem's indicators are present: directly comparable"
                card.append(compared("table3", f"{sub} {year}", "utility", published, value, HALF_UNIT, note))
    t3 = pd.DataFrame(t3_rows)

    overall = main[main["scope"] == "overall"].set_index("alternative")
    pub4 = ref["table4_overall"].assign(year=lambda d: d["year"].astype(str)).set_index("year")
    t4 = pd.DataFrame({"year": [int(y) for y in years]})
    for col in ("benefit", "cost", "q", "utility", "rank"):
        t4[col] = [overall[col].get(y, np.nan) for y in years]
    for ours_col, pub_col in PUBLISHED_SCORE_COLUMNS.items():
        t4[f"published_{ours_col}"] = [pub4.loc[y, pub_col] for y in years]
    t4["utility"] = t4["utility"] * 100
    t4["partial"] = partial
    t4["left_out"] = " ".join(left_out)
    t4 = t4.join(pd.DataFrame([filled_flags(scores, window, "overall", y) for y in years]))
    return t2, t3, t4, card


def cross_port_tables(scores, dropped, ref, catalogue, study):
    """Tables 5 and 6 with the published columns."""
    window = study_window(study)
    codes = {port: catalogue.ports[port]["code"] for port in study["ports"]}
    left_out = " ".join(sorted(dropped["indicator"].unique()))
    overall = scores[scores["scope"] == "overall"]
    period = overall[overall["comparison"] == window].set_index("alternative")
    pub5 = ref["table5_ports"].set_index("code")
    t5 = pd.DataFrame({"code": [codes[p] for p in study["ports"]], "port": study["ports"]})
    for col in ("benefit", "cost", "q", "utility", "rank"):
        t5[col] = [period[col].get(p, np.nan) for p in study["ports"]]
    for ours_col, pub_col in PUBLISHED_SCORE_COLUMNS.items():
        t5[f"published_{ours_col}"] = [pub5.loc[c, pub_col] for c in t5["code"]]
    t5["utility"] = t5["utility"] * 100
    t5["partial"] = bool(left_out)
    t5["left_out"] = left_out
    t5 = t5.join(pd.DataFrame([filled_flags(scores, window, "overall", p) for p in study["ports"]]))
    pub6 = ref["table6_port_years"].set_index("year")
    rows, card = [], []
    for year in pub6.index:
        ours = overall[overall["comparison"] == str(year)].set_index("alternative")["utility"]
        for port in study["ports"]:
            code = codes[port]
            published, value = float(pub6.loc[year, code]), ours.get(port, np.nan)
            rows.append(
                {
                    "year": year,
                    "code": code,
                    "port": port,
                    "utility": value,
                    "published_utility": published,
                    "partial": bool(left_out),
                    "left_out": left_out,
                    **filled_flags(scores, str(year), "overall", port),
                }
            )
            if left_out:
                card.append(
                    card_row("table6", f"{year} {code}", "utility", published, value, NOT_REPRODUCIBLE, needs_note(dropped))
                )
            else:
                card.append(compared("table6", f"{year} {code}", "utility", published, value, HALF_UNIT))
    return t5, pd.DataFrame(rows), card


OURS = "this study"
DIAGNOSIS_COLORS = {MATCHES: "#2b6c9e", EDGE: "#7fa7c9", DEVIATES: "#c0392b", UNDETERMINED: "#888888"}


def diagnose_series(paper, job, reference, catalogue, log) -> None:
    """Which of our series are the paper's: d_j / (D-hat w_j) per indicator, and the series Table 4 implies."""
    from .. import figures  # here, not at the top: see the module's note on imports

    inputs, outputs, study = job["inputs"], job["outputs"], job["study_config"]
    matrix = pd.read_csv(inputs["matrix"], **_SCORES)
    wide = dict(comparisons(matrix))[study_window(study)]
    published = reference["table2_weights"].set_index("indicator")["published_weight"]
    indicators = paper_indicators(paper)
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
    diagnosis = series_diagnosis(divergences(wide), published, indicators, scale, pool, own=own).assign(study=job["study"])
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
    figures.save(fig, outputs["diagnosis_figure"][:-4])


def reproduce_longitudinal(job, settings, reference, audit_rows, catalogue) -> None:
    """Zeng et al. Tables 2-4 beside ours, and their scorecard rows."""
    inputs, outputs = job["inputs"], job["outputs"]
    dropped = pd.read_csv(inputs["dropped"], keep_default_na=False)
    t2, t3, t4, card = longitudinal_tables(
        pd.read_csv(inputs["weights"], dtype={"comparison": str}),
        pd.read_csv(inputs["scores"], **_SCORES),
        pd.read_csv(inputs["matrix"], **_SCORES),
        dropped,
        pd.read_csv(outputs["diagnosis"]),
        reference,
        catalogue,
        job["study_config"],
    )
    card += score_cards(t4, "table4", "year", audit_rows, dropped, bool(t4["partial"].iloc[0]))
    tables = {
        "table2_weights": t2,
        "table3_subsystems": utility_in_percent(t3, 100),
        "table4_overall": utility_in_percent(t4, 1),
    }
    write_tables(tables, [p for paths in outputs["tables"].values() for p in paths], weighting=settings["mode"])
    write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), outputs["card"])


def reproduce_cross_port(job, settings, reference, audit_rows, catalogue) -> None:
    """Zeng et al. Tables 5-6 beside ours, and their scorecard rows."""
    inputs, outputs = job["inputs"], job["outputs"]
    dropped = pd.read_csv(inputs["dropped"], keep_default_na=False)
    scores = pd.read_csv(inputs["scores"], **_SCORES)
    t5, t6, card = cross_port_tables(scores, dropped, reference, catalogue, job["study_config"])
    card = score_cards(t5, "table5", "code", audit_rows, dropped, bool(t5["partial"].iloc[0])) + card
    tables = {"table5_ports": utility_in_percent(t5, 1), "table6_port_years": utility_in_percent(t6, 100)}
    write_tables(tables, [p for paths in outputs["tables"].values() for p in paths], weighting=settings["mode"])
    write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), outputs["card"])


def _ours_and_published(frame: pd.DataFrame, index: str) -> pd.DataFrame:
    return frame.set_index(index)[["utility_pct", "published_utility_pct"]].rename(
        columns={"utility_pct": OURS, "published_utility_pct": "published"}
    )


def longitudinal_figures(outputs: dict, catalogue: Catalogue) -> None:
    """Figures 1 and 2, ours beside the published values, drawn from the tables this job wrote."""
    from .. import figures  # here, not at the top: see the module's note on imports

    out = {name: Path(paths[0]).with_suffix("") for name, paths in outputs["figures"].items()}
    t3 = pd.read_csv(outputs["tables"]["table3_subsystems"][0])
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
    t4 = pd.read_csv(outputs["tables"]["table4_overall"][0])
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


def cross_port_figures(outputs: dict) -> None:
    """Figure 3, ours beside the published values, drawn from the table this job wrote."""
    from .. import figures  # here, not at the top: see the module's note on imports

    out = {name: Path(paths[0]).with_suffix("") for name, paths in outputs["figures"].items()}
    t6 = pd.read_csv(outputs["tables"]["table6_port_years"][0])
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


# ---------------------------------------------------------------------------------------------------- claims


def claim_values(paper: str, reference: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The paper's tables as printed, one row per number: comparison, scope, alternative, measure, value, half
    (half a unit of its last printed digit; 0 for a utility of exactly 1 or 100 %, which is 1 by definition).

    ``reference``: the published tables read as text (``dtype=str``), by name.
    """
    rows = []

    def add(comparison, scope, alternative, measure, text, scale=1.0):
        value = float(text) * scale
        half = 0.0 if measure == "utility" and value == 1.0 else half_unit(text) * scale
        rows.append((comparison, scope, alternative, measure, value, half))

    first, last = PAPERS[paper]["window"]
    window = f"{first}-{last}"
    names = {"benefit_value": "benefit", "cost_value": "cost", "evaluation_value": "q"}
    for name in PAPERS[paper]["tables"]:
        table = reference[name]
        if name == "table3_subsystems":
            for _, r in table.iterrows():
                for year in table.columns[1:]:
                    add(window, r["subsystem"], year, "utility", r[year])
        elif name in ("table4_overall", "table5_ports"):
            key = "year" if name == "table4_overall" else "port"
            for _, r in table.iterrows():
                for column, measure in names.items():
                    add(window, "overall", r[key], measure, r[column])
                add(window, "overall", r[key], "utility", r["utility_pct"], 0.01)
        elif name == "table6_port_years":
            ports = dict(zip(reference["table5_ports"]["code"], reference["table5_ports"]["port"], strict=True))
            for _, r in table.iterrows():
                for code, port in ports.items():
                    add(r["year"], "overall", port, "utility", r[code])
    return pd.DataFrame(rows, columns=["comparison", "scope", "alternative", "measure", "value", "half"])


# ---------------------------------------------------------------------------------------------- the job
def needs(paper: str) -> dict:
    if PAPERS[paper]["study_kind"] == "longitudinal":
        # every entity's series: the pool of unrelated series of the diagnosis's p_match_unrelated
        return {
            **{step: ("study", step) for step in ("weights", "scores", "matrix", "dropped")},
            "observations": ("observations",),
            "pool": ("pool",),
        }
    return {step: ("study", step) for step in ("scores", "dropped")}


def outputs(paper: str, study: str | None) -> dict:
    """The series diagnosis of the longitudinal entry (which of our series are the paper's)."""
    if PAPERS[paper]["study_kind"] != "longitudinal":
        return {}
    return {
        "diagnosis": Output(f"results/reproduction/{study}/series_diagnosis.csv"),
        "implied": Output(f"results/reproduction/{study}/implied_series.csv"),
        "diagnosis_figure": Output(f"results/figures/{study}/series_diagnosis.png", "series_diagnosis.rst", "Series diagnosis"),
        "diagnosis_figure_svg": Output(f"results/figures/{study}/series_diagnosis.svg"),
    }


def run(paper, job, settings, reference, audit_rows, catalogue, log: logging.Logger) -> None:
    """Tables 2-4 (with the series diagnosis they cite) or Tables 5-6 beside ours, their scorecard rows and figures."""
    if PAPERS[paper]["study_kind"] == "longitudinal":
        diagnose_series(paper, job, reference, catalogue, log)
        reproduce_longitudinal(job, settings, reference, audit_rows, catalogue)
        longitudinal_figures(job["outputs"], catalogue)
    else:
        reproduce_cross_port(job, settings, reference, audit_rows, catalogue)
        cross_port_figures(job["outputs"])


# ------------------------------------------------------------------------------------------- the report
def report_intro(papers: list[str]) -> str:
    return (
        "the analyses of Zeng, Fang, He & Huang (2022), *An Integrated Entropy-COPRAS Framework for Ningbo-Zhoushan "
        "Port Logistics Development*, Systems 10(5):131 (Tables 2–6, Figures 1–3)"
    )


def report_glance(page) -> list[str]:
    """The first screen's lines on this paper: which of our series are the paper's, and why the rest cannot be
    checked (where this run has the series diagnosis)."""
    if not page.has("diagnosis"):
        return []
    diagnosis = page.read("diagnosis")

    def of_verdict(verdict, with_deviation=False):
        part = diagnosis[diagnosis["verdict"] == verdict]
        if with_deviation:
            return ", ".join(f"{r.indicator} ({r.deviation:+.1%})" for r in part.itertuples()) or "none"
        return ", ".join(part["indicator"]) or "none"

    missing = diagnosis[diagnosis["verdict"] == "missing"]
    return [
        f"**Which of our series are the paper's** (Table 2's entropy test, one series at a time): "
        f"matching: {of_verdict('matches')}; different: {of_verdict('deviates', True)} (at least this far from the "
        f"paper's); no public series: {of_verdict('missing')}.",
        f"**Why the rest cannot be checked.** {len(missing)} of {len(diagnosis)} indicators have no public series "
        "(berths, the city's freight, transshipment, coal and ore, R&D, awards: `results/data/gaps.csv` says where "
        "each is published). Tables 4–6 need all of them; without C61 and C62, the paper's only cost indicators, "
        "COPRAS reduces to Q = S+.",
    ]


def report_contents(page) -> list[tuple[str, str, bool]]:
    return [
        ("Series", "Which series are the paper's", page.has("diagnosis")),
        ("Audit", "Audit of the published tables", page.has("audit")),
        ("Tables-2-4", "Tables 2–4, Figures 1–2", page.has("table2_weights")),
        ("Tables-5-6", "Tables 5–6, Figure 3", page.has("table5_ports")),
    ]


def report_section(page) -> None:
    """Which series are the paper's, the audit of its tables, Tables 2-4 with Figures 1-2, Tables 5-6 with Figure 3:
    each where this run has its files."""
    for part, shown in (
        (_series, "diagnosis"),
        (_audit, "audit"),
        (_tables_2_4, "table2_weights"),
        (_tables_5_6, "table5_ports"),
    ):
        if page.has(shown):
            part(page)


def _series(page) -> None:
    page.say("## Series")
    diag = page.read("diagnosis")
    page.say(
        "**Which of our series are the paper's.** Entropy weights are w_j = d_j / Σd (d_j = 1 − e_j), "
        "and d_j depends on series j alone: if our series j is the paper's, d_j / w_j is one constant "
        "D for every such j. Each indicator allows D within the range that Table 2's rounding (±0.0005) "
        f"permits. The yardstick D comes from the {diag['D_source'].iloc[0]}: {diag['D'].iloc[0]:.4f}, "
        f"range over the roundings {diag['D_low'].iloc[0]:.4f} to {diag['D_high'].iloc[0]:.4f} (Table "
        "4's S+ minus Table 3's benefit-only subsystems gives C63's yearly shares, hence d(C63), over "
        "w(C63)). An indicator **matches** when its own range reaches that of D (**at the edge** when "
        "it misses D's central value) and **deviates** otherwise (*deviation*: at least this far, relative). "
        "*P(an unrelated series matches)*: the share of independent (non-overlapping) seven-year runs "
        "of the other observed series that would match that indicator by chance (the indicator's own "
        "series left out). `d_required_low`–`d_required_high` in `series_diagnosis.csv` is the divergence "
        "a candidate series must have (`porteval diagnose`, docs/usage.md)."
    )
    shown = diag[diag["verdict"] != "missing"]
    page.show(
        page.naming.table(shown)[
            [
                "indicator",
                "subsystem",
                "published_weight",
                "weight_on_paper_scale",
                "ratio",
                "ratio_low",
                "ratio_high",
                "deviation",
                "verdict",
                "p_match_unrelated",
            ]
        ]
    )
    page.figure(
        (
            "diagnosis_figure",
            "For each indicator with a public series, the ratio of our entropy divergence to the paper's "
            "weight, with its range over roundings, against the range of the constant D",
        )
    )
    implied = page.read("implied")
    page.say(
        f"**The series Table 4 implies** for {page.naming.indicator(implied['indicator'].iloc[0])}: "
        "Table 4's S+ minus the benefit-only subsystems of Table 3, over its weight, gives each year's "
        "share of the 2014–2020 total (with its range over roundings of the published numbers); *implied "
        "value* puts it on the scale of our observations, beside every observation and bound we hold. "
        "A diagnostic, never an input."
    )
    page.show(implied.drop(columns=["indicator"]))


def _audit(page) -> None:
    page.say(
        "## Audit\n\nIdentities among the paper's own tables (`results/reproduction/audit.csv`), each "
        "able to fail: Q from S+ and S−, U from Q, ranks from U; column sums against Table 2's weights; "
        "Table 5's S+ and S− summing to 1; Table 3's X6 row recomputed from Table 4's S− and the rest "
        "of Table 4's S+; X1 against X4; Table 5 read as the average of Table 6. The allowed range "
        "of each check comes from the rounding of the published numbers it uses (for recomputed numbers: "
        "their range over 4,000 random roundings)."
    )
    audit = page.read("audit", dtype={"row": str})
    names = table_names()
    audit["table"] = audit["table"].map(lambda t: names.get(t, t))
    page.say(f"{int(audit['within_rounding'].sum())} of {len(audit)} checks hold within rounding. Those that do not:")
    page.show(
        audit[~audit["within_rounding"]][
            ["check", "table", "row", "expected", "published", "allowed_low", "allowed_high", "note"]
        ],
        4,
    )
    worst = (
        audit.assign(abs_residual=audit["residual"].abs())
        .sort_values("abs_residual")
        .groupby(["table", "check"], as_index=False)
        .last()
    )
    page.say("Every check, with its largest absolute residual and whether all its rows hold:")
    held = audit.groupby(["table", "check"])["within_rounding"].all().rename("all_hold")
    page.show(worst[["table", "check", "abs_residual"]].join(held, on=["table", "check"]), 4)
    page.say(
        "What this shows, and what it does not: Table 5's S+ and S− sum to 1, as one comparison of "
        "the four ports with weights summing to 1 would give, but their split does not match Table "
        "2's benefit and cost weights, so Table 5 was not computed with Table 2's weights; how its "
        "weights were obtained the tables do not show (this pipeline recomputes entropy weights for "
        "each comparison: one reading among several). Table 5 is not the average of Table 6's per-year "
        "utilities, although its ranking is. X1 and X4 agree within rounding in every year, as if the "
        "two berth subsystems were one series."
    )


def _tables_2_4(page) -> None:
    page.say(
        "## Tables 2-4\n\n"
        "**Zeng et al., Tables 2–4 and Figures 1–2: Ningbo-Zhoushan Port 2014–2020.** Utility degrees "
        "in percent of the best year. Open markers in the figures: scores that rest partly on filled "
        "(interpolated or extrapolated) cells; the tables give how many cells and which share of the "
        "score."
    )
    t2 = page.read("table2_weights")
    page.say(
        "**Table 2. Indicator weights.** *weight*: our entropy weight over the indicators we have; "
        "*weight on the paper's scale*: our d_j / D̂, comparable with the published weight; *verdict*: "
        "the series test above."
    )
    page.show(t2)
    page.say(
        "**Table 3. Subsystem utility degree (%)**, ours beside the published; *left out* names the "
        "subsystem's missing indicators."
    )
    page.show(page.read("table3_subsystems"), 1)
    page.figure(("fig1_subsystems", "Figure 1 re-done: the utility degree of each subsystem by year, ours beside the published"))
    page.say("**Table 4. Overall evaluation** (S+, S−, Q; utility in %).")
    page.show(page.read("table4_overall"))
    page.figure(("fig2_overall", "Figure 2 re-done: the overall utility degree by year, ours beside the published"))


def _tables_5_6(page) -> None:
    page.say(
        "## Tables 5-6\n\n"
        "**Zeng et al., Tables 5–6 and Figure 3: four ports.** Table 5 compares the ports over 2014–2020 "
        "with each indicator summed over the years (with sum-normalisation the sum and the mean give "
        "the same result); Table 6 compares them in each year on its own; entropy weights are recomputed "
        "for each comparison (a choice: the paper does not say how it weighted Table 5). An indicator "
        "is used only if it can be filled for every port and year."
    )
    page.say("**Table 5. The four ports over 2014–2020** (utility in %).")
    page.show(page.read("table5_ports"))
    t6 = page.read("table6_port_years")
    wide = t6.pivot(index="year", columns="port", values=["utility_pct", "published_utility_pct"])
    wide = wide[sorted(wide.columns, key=lambda c: (c[1], c[0] != "utility_pct"))]
    wide.columns = [f"{port}, {'published' if kind.startswith('published') else 'ours'}_pct" for kind, port in wide.columns]
    wide = wide.reset_index()
    wide["filled"] = [
        "; ".join(
            f"{r.port} {r.imputed_score_share:.0%}" for r in part.itertuples() if r.interpolated_cells + r.extrapolated_cells > 0
        )
        for _, part in t6.groupby("year")
    ]
    page.say(
        "**Table 6. Utility degree (%) by year**, each year compared on its own; *filled*: ports whose "
        "score rests partly on filled cells, with the share of their score from them."
    )
    page.show(wide)
    page.figure(
        (
            "fig3_port_years",
            "Figure 3 re-done: the utility degree of each port by year, each year compared on its own, ours beside the published",
        )
    )
