"""Answer (c) of every claim: the share of draws or cases in which it holds on our data, under each analysis.

The study's year-cells are the one input: each comparison's matrix is its cells summed by (alternative,
indicator) (a cross-port window sums a port's years), so one batch of perturbed cells moves every comparison of
the study together, as a claim over several comparisons (Table 6's years) needs. Per analysis a batch of
``values`` ({(comparison, scope, measure): (alternatives, draws x m)}) is scored, and each claim asks it.

Analyses: uniform weights (Dirichlet(1) on the simplex, the same draw for every comparison); Dirichlet weights
around each comparison's weights, with the concentration that reproduces the spread of entropy weights under
the data draws (:func:`fitted_concentration`); data (every cell within its error, entropy recomputed); level
breaks (each break read as a change of definition, observations rescaled and the series imputed again); leave
one indicator out; leave one alternative out (rank reversal: the rest re-normalised and re-weighted).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import claims as cl
from . import restrict
from . import robustness as rb
from .catalogue import study_comparisons, study_window, study_years
from .claim_kinds import CLAIM_KINDS
from .mcda import entropy_divergence, q_and_utility
from .multiverse import CHOICES, Comparison, comparisons_of, matrices, values_of
from .reproductions import plugin
from .robustness import ANALYSES, sample_weights
from .robustness_run import study_imputations

# The share of every analysis's draws or cases our answer to a claim must keep to be called robust: the line of
# the rankings' verdicts (porteval.robustness.HOLDS_FIRST), a convention stated there.
ROBUST_SHARE = rb.HOLDS_FIRST


def entropy_batch(x: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """Entropy weights (draws x n) of a batch of matrices; ``keep`` (draws x n) leaves indicators out."""
    d = entropy_divergence(x)
    if keep is not None:
        d = d * keep
    return d / d.sum(axis=-1, keepdims=True)


def scope_values(x: np.ndarray, w: np.ndarray, is_cost: np.ndarray, subsystems: list[str]) -> dict:
    """COPRAS S+, S-, Q and U (draws x m) overall and per subsystem (with the weights restricted to it; U does
    not depend on their scale), by (scope, measure)."""
    v = x / x.sum(axis=1, keepdims=True) * w[:, None, :]
    sub = np.asarray(subsystems)
    out = {}
    for scope in ["overall", *dict.fromkeys(subsystems)]:
        cols = np.ones(len(sub), dtype=bool) if scope == "overall" else sub == scope
        s_plus = v[..., cols & ~is_cost].sum(-1)
        s_minus = v[..., cols & is_cost].sum(-1)
        q, u = q_and_utility(s_plus, s_minus, bool((cols & is_cost).any()))
        out.update({(scope, "benefit"): s_plus, (scope, "cost"): s_minus, (scope, "q"): q, (scope, "utility"): u})
    return out


@dataclass(frozen=True)
class StudyModel:
    """A study's cells and comparisons, scored in batches."""

    comparisons: list[Comparison]
    codes: list[str]
    is_cost: np.ndarray
    subsystems: list[str]

    def values(self, cell_values: np.ndarray, weights=None, keep=None) -> dict:
        """Claim values of every comparison for a batch of cell values (draws x cells): entropy weights
        recomputed per draw (``keep`` masks indicators out), or ``weights`` {comparison: draws x n} as given."""
        out = {}
        for comp in self.comparisons:
            x = matrices(cell_values, comp, len(self.codes))
            w = weights[comp.name] if weights is not None else entropy_batch(x, keep)
            for (scope, measure), arr in scope_values(x, w, self.is_cost, self.subsystems).items():
                out[(comp.name, scope, measure)] = (comp.alternatives, arr)
        return out

    def without(self, cells: pd.DataFrame, alternative: str, window: str) -> StudyModel:
        """The same study with one alternative left out of every comparison."""
        keep = cells["alternative"] != alternative
        names = [c.name for c in self.comparisons]
        alternatives = [a for a in self.comparisons[0].alternatives if a != alternative]
        comps = comparisons_of(cells[keep].reset_index(drop=True), names, window, alternatives, self.codes)
        return StudyModel(comps, self.codes, self.is_cost, self.subsystems)


def fitted_concentration(weights: np.ndarray) -> float:
    """The Dirichlet concentration whose spread matches that of weight vectors (draws x n), by the method of
    moments: Var(w_j) = w_j (1 - w_j) / (a + 1) for every j, pooled over the indicators."""
    mean, var = weights.mean(axis=0), weights.var(axis=0)
    return float((mean * (1 - mean)).sum() / var.sum() - 1) if var.sum() > 0 else np.inf


def claim_shares(claims: list[dict], batches: dict[str, list[dict]], window: str, years: list[str]) -> pd.DataFrame:
    """Per claim and analysis: in how many draws or cases the claim could be judged and the share in which it
    holds. ``batches``: per analysis, a list of claim values (each a batch of draws)."""
    rows = []
    for claim in claims:
        for analysis, batch in batches.items():
            if analysis == "leave one alternative out" and not cl.applies_without_points(claim):
                rows.append({"id": claim["id"], "analysis": analysis, "cases": 0, "p_holds": np.nan})
                continue
            partial = analysis == "leave one alternative out"
            results = np.concatenate([[], *(cl.holds(claim, values, window, years, partial) for values in batch)])
            judged = results[~np.isnan(results)]
            rows.append(
                {
                    "id": claim["id"],
                    "analysis": analysis,
                    "cases": int(judged.size),
                    "p_holds": float(judged.mean()) if judged.size else np.nan,
                }
            )
    return pd.DataFrame(rows)


CONTRADICTED_BREAKS = "level breaks the paper contradicts"  # shown apart from the other readings, never pooled


def analysis_batches(cells, perturbed: list[np.ndarray], scenarios, model: StudyModel, window: str, weights: dict, settings):
    """Per analysis, the claim values to ask (a list of batches), and the fitted Dirichlet concentration.

    ``cells``: the study's year-cells (robustness.comparison_cells over the window); ``perturbed``: the data
    draws' cell values, one array (draws x cells) per imputation method, the study's own first (they are pooled);
    ``scenarios``: {"level breaks": [cells, ...], CONTRADICTED_BREAKS: [cells, ...]}, the level-break readings
    (cells in the same order) the paper's implied series leaves standing and those it contradicts
    (:func:`readings_against_paper`); ``weights``: each comparison's weights (the study's weights.csv);
    ``settings``: the config's robustness settings (smaa: draws, seed; enabled: which analyses run, by the
    config's names: smaa, data, leave_out).
    """
    base = cells["value"].to_numpy(dtype=float)[None, :]
    window_comp = next(c for c in model.comparisons if c.name == window)
    concentration = (
        fitted_concentration(entropy_batch(matrices(perturbed[0], window_comp, len(model.codes)))) if perturbed else np.inf
    )
    draws, seed = settings["smaa"]["draws"], settings["smaa"]["seed"]
    n = len(model.codes)
    uniform = sample_weights(np.random.default_rng([seed, 0]), np.ones(n), draws, None)
    dirichlet = {
        c.name: sample_weights(np.random.default_rng([seed, 1, i]), weights[c.name], draws, concentration)
        for i, c in enumerate(model.comparisons)
    }
    keep = ~np.eye(n, dtype=bool)
    on = settings["enabled"]

    def readings(name):
        found = scenarios.get(name, [])
        return [model.values(np.stack([s["value"].to_numpy(dtype=float) for s in found]))] if on["data"] and found else []

    batches = {
        "uniform weights": [model.values(base, weights={c.name: uniform for c in model.comparisons})] if on["smaa"] else [],
        "Dirichlet weights": [model.values(base, weights=dirichlet)] if on["smaa"] else [],
        "data": [model.values(p) for p in perturbed] if on["data"] else [],
        "level breaks": readings("level breaks"),
        CONTRADICTED_BREAKS: readings(CONTRADICTED_BREAKS),
        "leave one indicator out": [model.values(base, keep=keep)] if on["leave_out"] and n > 1 else [],
        "leave one alternative out": [
            model.without(cells, a, window).values(base[:, (cells["alternative"] != a).to_numpy()])
            for a in window_comp.alternatives
        ]
        if on["leave_out"]
        else [],
    }
    return batches, concentration


def readings_against_paper(cells, readings, implied: dict[str, np.ndarray], years: list[str], entity: str) -> list[bool]:
    """Per level-break reading, whether the paper's own implied series contradicts it: a reading rescales one
    series' observations; where the paper's tables imply that series up to scale (``implied``: indicator ->
    (draws, years) over the roundings, :func:`porteval.restrict.implied_series`), each observed year's share of
    the observed years' total must lie within the range of the implied shares. A reading is contradicted when more
    of its rescaled observations fall outside that range than of the observations as published. ``cells``: the
    study's cells (with status); ``readings``: (break, reading, cells in the same order)."""
    out = []
    for _, _, again in readings:
        moved = cells.loc[again["value"].to_numpy() != cells["value"].to_numpy(), "indicator"]
        code = moved.iloc[0] if len(moved) else None
        if code not in implied:
            out.append(False)
            continue
        rows = (
            (cells["entity"] == entity)
            & (cells["indicator"] == code)
            & (cells["status"] == "observed")
            & cells["year"].astype(str).isin(years)
        ).to_numpy()
        at = [years.index(str(y)) for y in cells.loc[rows, "year"]]
        if len(at) < 2:
            out.append(False)
            continue
        shares = implied[code][:, at] / implied[code][:, at].sum(axis=1, keepdims=True)
        low, high = shares.min(axis=0), shares.max(axis=0)
        outside = []
        for values in (again["value"].to_numpy(dtype=float), cells["value"].to_numpy(dtype=float)):
            v = values[rows] / values[rows].sum()
            outside.append(int(((v < low) | (v > high)).sum()))
        out.append(outside[0] > outside[1])
    return out


def like_for_like(claim, paper, codes, whole: str, parts, weights: pd.Series, window, years, tested: bool) -> dict:
    """The paper's own answer restricted to the indicators our test uses (:mod:`porteval.restrict`), with how much
    of the claim's index that is: ``weight_covered``, the share of the Table 2 weight of the indicators the claim
    rests on that our indicators carry (``weights``: the paper's, :func:`porteval.claims.paper_weights`);
    ``indicators_used``, how many of them our test uses; the missing ones and ``weight_missing``, their share of the
    paper's whole Table 2 weight. Where our test uses every indicator the
    claim rests on, the restriction is the paper's whole answer; where it uses none (``tested`` false), there is
    nothing to restrict to (empty)."""
    wanted = cl.wanted(claim, paper)
    used = sorted(wanted & set(codes))
    total = float(weights.reindex(sorted(wanted)).sum())
    covered = float(weights.reindex(used).sum()) / total if total > 0 else np.nan
    out = {
        "indicators_used": len(used),
        "indicators_wanted": len(wanted),
        "weight_covered": covered,
        "missing_indicators": " ".join(sorted(wanted - set(used))),
        "weight_missing": float(weights.reindex(sorted(wanted - set(used))).sum()),
        "restriction": "",
        "p_paper_restricted": np.nan,
        "paper_restricted": "",
    }
    if not tested:
        return out
    if set(used) == wanted:
        return out | {"restriction": "every indicator the claim rests on", "paper_restricted": whole}
    if parts is None:
        return out | {"paper_restricted": cl.CANNOT_RESTRICT, "restriction": "the tables give no breakdown"}
    values = restrict.restricted_values(parts, used, window)
    p = float(np.nanmean(cl.holds(claim, values, window, years)))
    return out | {
        "restriction": restrict.describe(parts, used),
        "p_paper_restricted": p,
        "paper_restricted": cl.paper_answer(p) if np.isfinite(p) else cl.CANNOT_RESTRICT,
    }


# The columns of every analysis's share in claims.csv, by analysis (the order of porteval.robustness.ANALYSES, with
# the contradicted level-break readings after the others).
CLAIM_ANALYSES = (*ANALYSES[:4], CONTRADICTED_BREAKS, *ANALYSES[4:])


def share_column(analysis: str) -> str:
    return "p_" + analysis.replace(" ", "_").replace("'", "").lower()


def study_draws(inputs: dict, study: dict, window: str, codes, catalogue, settings: dict, imputation: dict):
    """What the claims' data analyses draw on, for a study: its cells, the data draws' cell values with each
    imputation method (the study's own first; a method that cannot fill every cell is left out), and its
    level-break readings. ``inputs``: usable observations, imputed cells, breaks, residuals."""

    errors, data = settings["data"]["relative_error"], settings["data"]
    prepared = study_imputations(inputs, study, catalogue, data, imputation)
    cells, readings = rb.cells_and_readings(prepared, study, window, codes, catalogue, errors, imputation)
    keys = ["entity", "indicator", "year"]
    perturbed = []
    methods = [imputation["method"], *(m for m in prepared["by_method"] if m != imputation["method"])]
    for method in methods:
        if method not in prepared["by_method"]:
            continue
        filled = rb.comparison_cells(
            prepared["by_method"][method], inputs["breaks"], study, window, codes, catalogue, errors, inputs["usable"],
            inputs["residuals"],
        )  # fmt: skip
        if filled["value"].isna().any() or not filled[keys].equals(cells[keys]):
            continue
        values = filled["value"].to_numpy(dtype=float)[None, :]
        perturbed.append(values * rb.draw_factors(filled, inputs["residuals"], data["draws"], data["seed"]))
    return cells, perturbed, readings


def answer_claims(paper, published_text, scores, inputs, weights, study, catalogue, settings, imputation, multiverse=None):
    """Every claim of ``paper`` with its answers: the paper's own tables (probability over their roundings), and
    restricted to the indicators our test uses; our data (scores.csv); and the share of draws or cases in which
    it holds under each analysis, with its 95 % interval and the robustness verdict.

    ``published_text``: the published tables read as text; ``inputs``: the study's usable observations, imputed
    cells, breaks and calibration residuals (:func:`study_draws`); ``weights``: the study's weights.csv;
    ``settings``, ``imputation``: the config's robustness and imputation settings; ``multiverse``: the study's
    multiverse table, or None. Returns (claims, the multiverse answers, the choices' shares).
    """

    claims = cl.paper_claims(paper)
    window, years = study_window(study), [str(y) for y in study_years(study)]
    first, last = cl.PAPERS[paper]["window"]  # the paper's tables are read over the paper's own years
    paper_window, paper_years = f"{first}-{last}", [str(y) for y in range(first, last + 1)]
    published = cl.published_values(plugin(paper).claim_values(paper, published_text))
    ours = cl.scores_values(scores)
    codes = list(weights.loc[weights["comparison"] == window, "indicator"])
    alternatives = list(scores.loc[(scores["comparison"] == window) & (scores["scope"] == "overall"), "alternative"])
    cells, perturbed, readings = study_draws(inputs, study, window, codes, catalogue, settings, imputation)
    model = StudyModel(
        comparisons_of(cells, study_comparisons(study), window, alternatives, codes),
        codes,
        np.asarray(catalogue.types(codes)) == -1,
        list(catalogue.indicators.loc[codes, "subsystem"]),
    )
    parts = restrict.paper_parts(paper, published_text, cl.ROUNDING_DRAWS, cl.ROUNDING_SEED + 1)
    paper_w = cl.paper_weights(paper, published_text)
    implied = restrict.implied_series(parts) if parts is not None else {}
    entity = cl.PAPERS[paper]["ports"][0] if len(cl.PAPERS[paper].get("ports", [])) == 1 else ""
    contradicted = readings_against_paper(cells, readings, implied, paper_years, entity)
    scenarios = {
        "level breaks": [c for (_, _, c), bad in zip(readings, contradicted, strict=True) if not bad],
        CONTRADICTED_BREAKS: [c for (_, _, c), bad in zip(readings, contradicted, strict=True) if bad],
    }
    by_comp = {c: g.set_index("indicator").loc[codes, "weight"].to_numpy(dtype=float) for c, g in weights.groupby("comparison")}
    batches, concentration = analysis_batches(cells, perturbed, scenarios, model, window, by_comp, settings)
    shares = claim_shares(claims, batches, window, years).set_index(["id", "analysis"])
    answers = multiverse_answers(claims, multiverse, window, years) if multiverse is not None else None
    choices = choice_shares(answers) if answers is not None else None
    rows = []
    for claim in claims:
        p_paper = float(np.nanmean(cl.holds(claim, published, paper_window, paper_years)))
        answer = cl.paper_answer(p_paper)
        mine = cl.ours_answer(claim, ours, window, years, paper, codes)
        if window != paper_window and mine["ours"] != cl.NEEDS:
            mine["ours_note"] += f"; over {window}, not the paper's {paper_window}"
        like = like_for_like(claim, paper, codes, answer, parts, paper_w, paper_window, paper_years, mine["ours"] != cl.NEEDS)
        row = {
            "paper": paper,
            "claim": claim["claim"],
            "id": claim["id"],
            "section": claim["section"],
            "display": ", ".join(claim["display"]),
            "wording": claim["wording"],
            "reading": claim["reading"],
            "p_paper_tables": p_paper,
            "paper_tables": answer,
            "paper_numbers": cl.numbers(claim, published, paper_window, paper_years),
            **mine,
            **like,
            "decision": cl.decision(answer, mine["ours"], like["paper_restricted"]),
        }
        intervals = []
        for analysis in CLAIM_ANALYSES:
            judged = mine["ours"] != cl.NEEDS and (claim["id"], analysis) in shares.index
            share = shares.loc[(claim["id"], analysis)] if judged else None
            col = share_column(analysis)
            p, n = (share["p_holds"], int(share["cases"])) if judged else (np.nan, 0)
            low, high = rb.interval(p, n, analysis in rb.SAMPLED)
            row.update({col: p, f"{col}_low": low, f"{col}_high": high, col.replace("p_", "n_", 1): n})
            if analysis != CONTRADICTED_BREAKS:
                intervals.append((analysis, low, high))
        holds = answers.loc[answers["claim"] == claim["id"], "holds"].dropna() if answers is not None else pd.Series()
        row["p_multiverse"] = float(holds.mean()) if len(holds) else np.nan
        row["n_multiverse"] = len(holds)
        row["multiverse_decided_by"] = deciding_choice(choices, claim["id"]) if answers is not None else ""
        if len(holds) and mine["ours"] != cl.NEEDS:
            intervals.append(("multiverse", row["p_multiverse"], row["p_multiverse"]))  # every case: exact
        row.update(claim_robustness(mine["ours"], intervals))
        if mine["ours"] in (cl.HOLDS, cl.FAILS):
            row.update(critical_cell(claim, model, cells, window, years))
        row["dirichlet_concentration"] = concentration
        rows.append(row)
    return with_reading_dependence(pd.DataFrame(rows)), answers, choices


def with_reading_dependence(table: pd.DataFrame) -> pd.DataFrame:
    """``readings``: how many readings the claim has; ``reading_dependent``: whether its readings disagree, in the
    paper's own tables or on our data (a claim whose words allow more than one reading)."""
    group = table.groupby("claim", sort=False)
    differ = (group["paper_tables"].transform("nunique") > 1) | (group["ours"].transform("nunique") > 1)
    return table.assign(readings=group["id"].transform("size"), reading_dependent=differ & (group["id"].transform("size") > 1))


def multiverse_answers(claims: list[dict], table: pd.DataFrame, window: str, years: list[str]) -> pd.DataFrame:
    """Every claim under every specification of the study's multiverse (:func:`porteval.multiverse.study_multiverse`):
    one row per claim and specification with the four choices and ``holds`` (1, 0, or NaN where the claim is not
    defined: a number it reads is not defined there, S+ and S- outside COPRAS, a level outside COPRAS)."""

    specs = table.drop_duplicates("spec").sort_values("spec")[["spec", *CHOICES]].reset_index(drop=True)
    values = values_of(table)
    frames = []
    for claim in claims:
        result = cl.holds(claim, values, window, years)
        # A claim that compares a degree of utility with a level (80 %) reads COPRAS's own scale: under another
        # method the level means something else, so it is left undefined there, not counted.
        if CLAIM_KINDS[claim["test"]["kind"]].level:
            result = np.where(specs["method"].to_numpy() == "COPRAS", result, np.nan)
        frames.append(specs.assign(claim=claim["id"], holds=result))
    columns = ["claim", "normalisation", "weighting", "imputation", "method", "holds"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def choice_shares(answers: pd.DataFrame) -> pd.DataFrame:
    """Per claim, choice and level: how many specifications with that level define the claim, and the share of
    them in which it holds; ``spread``: the largest minus the smallest share over the levels of the choice."""

    frames = []
    for choice in CHOICES:
        g = answers.dropna(subset=["holds"]).groupby(["claim", choice], sort=False)["holds"]
        part = pd.DataFrame({"n": g.size(), "share": g.mean()}).reset_index().rename(columns={choice: "level"})
        part["spread"] = part.groupby("claim")["share"].transform(lambda v: v.max() - v.min())
        frames.append(part.assign(choice=choice))
    columns = ["claim", "choice", "level", "n", "share", "spread"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def deciding_choice(shares: pd.DataFrame, claim: str) -> str:
    """The choice on which the claim depends most (the largest spread of its shares over the levels), in words
    with each level's share; "no choice" when every level of every choice gives the same share."""
    part = shares[shares["claim"] == claim]
    if not len(part) or part["spread"].max() == 0:
        return "no choice" if len(part) else ""
    choice = part.loc[part["spread"].idxmax(), "choice"]
    levels = part[part["choice"] == choice]
    return f"{choice}: " + ", ".join(f"{r.level} {r.share:.0%}" for r in levels.itertuples())


def claim_robustness(ours: str, intervals) -> dict:
    """How firmly our answer stands: the analysis whose interval reaches lowest (``weakest``) and the verdict
    against ROBUST_SHARE, of the share in which our answer (holds, or fails) stays: robust, borderline or fragile
    (:func:`porteval.robustness.threshold_verdict`); empty where our data cannot answer."""
    if ours not in (cl.HOLDS, cl.FAILS):
        return {"weakest_analysis": "", "robustness": ""}
    flip = ours == cl.FAILS  # a claim that fails is firm when it keeps failing
    stays = [(a, 1 - hi, 1 - lo) if flip else (a, lo, hi) for a, lo, hi in intervals if not pd.isna(lo)]
    if not stays:
        return {"weakest_analysis": "", "robustness": ""}
    weakest = min(stays, key=lambda t: t[1])
    return {"weakest_analysis": weakest[0], "robustness": rb.threshold_verdict([(lo, hi) for _, lo, hi in stays], ROBUST_SHARE)}


# The relative changes of one input value tried for the most critical cell, both ways: 0.1 % to 10x up, down to
# -99.9 % (a value cannot turn negative); the smallest that flips is then refined by bisection.
CRITICAL_STEPS = np.geomspace(0.001, 10, 61)
BISECTIONS = 30


def critical_cell(claim: dict, model: StudyModel, cells: pd.DataFrame, window: str, years: list[str]) -> dict:
    """The most critical measure of performance of a claim (Triantaphyllou & Sanchez 1997): the input value (one
    year-cell of the study) whose smallest relative change flips the claim's answer on our data, entropy weights
    recomputed, and that change. Every cell is tried at every step of CRITICAL_STEPS up and down at once; the
    smallest flip is refined by bisection between it and the step before. Empty where no change flips it."""
    base = cells["value"].to_numpy(dtype=float)
    before = cl.holds(claim, model.values(base[None]), window, years)[0]
    if np.isnan(before):
        return {"critical_cell": "", "critical_change": np.nan}
    steps = np.r_[CRITICAL_STEPS, -np.minimum(CRITICAL_STEPS, 0.999)]
    n, k = base.size, steps.size
    batch = np.repeat(base[None], n * k, axis=0)
    rows = np.arange(n * k)
    cell = rows // k
    batch[rows, cell] *= 1 + np.tile(steps, n)
    with np.errstate(invalid="ignore", divide="ignore"):  # a tie can leave the weights undefined: not a flip
        flipped = (cl.holds(claim, model.values(batch), window, years) == 1 - before).reshape(n, k)
    if not flipped.any():
        return {"critical_cell": "", "critical_change": np.nan}
    size = np.where(flipped, np.abs(np.tile(steps, (n, 1))), np.inf)
    i, j = np.unravel_index(np.argmin(size), size.shape)
    lo, hi = 0.0, steps[j]  # the change is flipped at hi; bisect towards the smallest that still flips
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        trial = base.copy()
        trial[i] *= 1 + mid
        with np.errstate(invalid="ignore", divide="ignore"):
            flips = cl.holds(claim, model.values(trial[None]), window, years)[0] == 1 - before
        if flips:
            hi = mid
        else:
            lo = mid
    return {"critical_cell": cells["label"].iloc[i], "critical_change": float(hi)}
