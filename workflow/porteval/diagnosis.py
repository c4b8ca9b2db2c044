"""Which of our series are the paper's: the entropy-divergence test of Table 2, and the paper's implied inputs.

Entropy weights are ``w_j = d_j / sum_k d_k`` with ``d_j = 1 - e_j`` (docs/method.md), and ``d_j`` of a series
depends on that series alone. So if our series j is the paper's, ``d_j(ours) = D w_j(published)`` with one
constant ``D = sum_k d_k(paper)`` for every such j. Table 2 prints the weights to three decimals (half a unit:
``HALF_UNIT``), so indicator j allows ``D`` in ``[d_j / (w_j + h), d_j / (w_j - h)]``.

**The yardstick is the paper's own D**, which needs no data of ours: Table 4's S+ minus the benefit-only
subsystems of Table 3 leaves, per year, the weighted share of the mixed subsystem's benefit indicators (C63
with the paper's catalogue); their shares over the years give the paper's ``d(C63)``, and ``D = d(C63) /
w(C63)`` (:func:`paper_scale`), with its whole range over 4,000 roundings of Tables 2-4. An indicator
**matches** when its own range reaches the paper's D range, **at the edge** when it reaches the range but not
its centre, and **deviates** otherwise, by the relative gap. Only when the paper's D cannot be computed (no
Tables 3-4) is D fitted to our series (the range most indicators allow, :func:`consensus`), and every row then
says so (``D_source``). ``p_match_unrelated`` is the chance that an unrelated series would match by luck: the
share of independent seven-year runs of our other observed series (non-overlapping runs of every entity's and
indicator's series but the indicator's own) whose divergence falls in the indicator's band
(:func:`null_match_shares`).

The implied inputs (the sea-rail series behind Table 4, ``implied_rest``) are diagnostics, never inputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .mcda import entropy_divergence

HALF_UNIT = 0.0005  # Table 2, 3 and 4 print three decimals
MATCHES, EDGE, DEVIATES, MISSING, UNDETERMINED = "matches", "matches at the edge", "deviates", "missing", "undetermined"
FROM_PAPER, FITTED = "paper (Tables 2-4)", "fitted to our series"
# The paper's D over the roundings of Tables 2-4: its whole range (every rounding the printed digits allow is as
# likely as any other, so a central interval would call a series that one rounding fits a deviation).
D_QUANTILES = (0.0, 1.0)
DIAGNOSIS_COLUMNS = [
    "indicator",
    "subsystem",
    "d",
    "published_weight",
    "weight_on_paper_scale",
    "ratio",
    "ratio_low",
    "ratio_high",
    "deviation",
    "verdict",
    "p_match_unrelated",
    "n_unrelated",
    "d_required_low",
    "d_required_high",
    "D",
    "D_low",
    "D_high",
    "D_source",
]


def d_intervals(d, w, h: float = HALF_UNIT) -> tuple[np.ndarray, np.ndarray]:
    """The range of D = d / w that each indicator allows when w is known to +-h."""
    d, w = np.asarray(d, dtype=float), np.asarray(w, dtype=float)
    with np.errstate(divide="ignore"):
        return d / (w + h), np.where(w > h, d / np.maximum(w - h, 1e-300), np.inf)


def consensus(lo: np.ndarray, hi: np.ndarray) -> tuple[float, float, np.ndarray]:
    """The D range allowed by most intervals: (D_low, D_high, which intervals agree).

    For every interval start, count the intervals containing it; the most-covered starts open regions that end
    at the nearest end among their intervals. Ties are joined into their hull (the estimate stays honest about
    its ambiguity). Returns NaN bounds and no agreement when no two intervals overlap.
    """
    contains = (lo[None, :] <= lo[:, None]) & (lo[:, None] <= hi[None, :])  # [start k, interval i]
    coverage = contains.sum(axis=1)
    best = coverage.max(initial=0)
    if best < 2:
        return np.nan, np.nan, np.zeros(lo.size, dtype=bool)
    starts = np.flatnonzero(coverage == best)
    ends = np.array([hi[contains[k]].min() for k in starts])
    agree = contains[starts].any(axis=0)
    return float(lo[starts].min()), float(ends.max()), agree


def series_diagnosis(d: pd.Series, published: pd.Series, indicators: pd.DataFrame, scale=None, pool=None, h=HALF_UNIT, own=None):
    """One row per published indicator: our d_j against D w_j, its bounds, deviation and verdict.

    ``d``: our divergences by indicator code (the indicators we have); ``published``: Table 2's weights;
    ``indicators``: the paper's (subsystem by code); ``scale``: the paper's D as (central, low, high)
    (:func:`paper_scale`), or None to fit it to our series (:func:`consensus`); ``pool``: divergences of
    independent unrelated windows for ``p_match_unrelated`` (:func:`window_divergences`), each indicator's own series
    (``own``: indicator -> series) left out.
    """
    present = [c for c in published.index if c in d.index]
    lo, hi = d_intervals(d[present], published[present], h)
    if scale is not None:
        d_mid, d_low, d_high = scale
        source = FROM_PAPER
    else:
        d_low, d_high, _ = consensus(lo, hi)
        d_mid, source = (d_low + d_high) / 2, FITTED
    chance = null_match_shares(pool, published, d_low, d_high, h, own) if pool is not None else pd.Series(dtype=float)
    rows = []
    for code, w in published.items():
        row = {
            "indicator": code,
            "subsystem": indicators.at[code, "subsystem"],
            "published_weight": w,
            "p_match_unrelated": chance.get(code, np.nan),
            "n_unrelated": unrelated(pool, own, code).size if pool is not None else 0,
            "d_required_low": d_low * max(w - h, 0.0),
            "d_required_high": d_high * (w + h),
            "D": d_mid,
            "D_low": d_low,
            "D_high": d_high,
            "D_source": source,
        }
        if code not in d.index:
            rows.append({**row, "verdict": MISSING if np.isfinite(d_mid) else UNDETERMINED})
            continue
        ratio_low = d[code] / (d_high * (w + h))
        ratio_high = d[code] / (d_low * (w - h)) if w > h else np.inf
        central = d[code] / (d_mid * (w + h)) <= 1 <= (d[code] / (d_mid * (w - h)) if w > h else np.inf)
        if not np.isfinite(d_mid):
            verdict, deviation = UNDETERMINED, np.nan
        elif ratio_low > 1:
            verdict, deviation = DEVIATES, ratio_low - 1
        elif ratio_high < 1:
            verdict, deviation = DEVIATES, ratio_high - 1
        else:
            verdict, deviation = (MATCHES if central else EDGE), 0.0
        rows.append(
            {
                **row,
                "d": d[code],
                "weight_on_paper_scale": d[code] / d_mid,
                "ratio": d[code] / (d_mid * w) if w > 0 else np.inf,
                "ratio_low": ratio_low,
                "ratio_high": ratio_high,
                "deviation": deviation,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(rows).reindex(columns=DIAGNOSIS_COLUMNS)


def unrelated(pool: pd.DataFrame, own, code: str) -> np.ndarray:
    """The divergences of ``pool`` (:func:`window_divergences`) that are unrelated to indicator ``code``: every
    window but those of its own series (``own``: indicator -> series)."""
    return pool.loc[pool["series"] != (own or {}).get(code), "d"].to_numpy(dtype=float)


def null_match_shares(pool: pd.DataFrame, published: pd.Series, d_low: float, d_high: float, h=HALF_UNIT, own=None) -> pd.Series:
    """Per indicator, the share of unrelated divergences whose range ``[d / (w + h), d / (w - h)]`` reaches
    ``[d_low, d_high]``: how often a series that is not the paper's would match by chance. ``pool``: divergences of
    independent windows (:func:`window_divergences`: series, d); ``own``: per indicator, the series whose own windows
    are left out of its pool (a series is not unrelated to itself)."""
    if not len(pool) or not np.isfinite(d_low):
        return pd.Series(np.nan, index=published.index)
    shares = {}
    for code, w in published.items():
        d = unrelated(pool, own, code)
        lo, hi = d_intervals(d, np.full(d.size, w), h)
        shares[code] = float(((lo <= d_high) & (hi >= d_low)).mean()) if d.size else np.nan
    return pd.Series(shares)


def window_divergences(observations: pd.DataFrame, length: int) -> pd.DataFrame:
    """d of runs of ``length`` consecutive observed years of every (entity, indicator) series, the runs of a series
    not overlapping (an overlapping run shares most of its years with the one before: not an independent draw): the
    pool of unrelated series for :func:`null_match_shares`. Columns: series ("entity indicator"), start, d."""
    out = []
    for (entity, code), series in observations.drop_duplicates(["entity", "indicator", "year"]).groupby(["entity", "indicator"]):
        values = series.set_index("year")["value"].sort_index()
        start = values.index.min() if len(values) else 0
        while len(values) and start + length - 1 <= values.index.max():
            run = values.reindex(range(start, start + length))
            if run.notna().all() and (run > 0).all():
                out.append((f"{entity} {code}", int(start), float(entropy_divergence(run.to_numpy()[:, None])[0])))
                start += length
            else:
                start += 1
    return pd.DataFrame(out, columns=["series", "start", "d"])


def divergences(wide: pd.DataFrame) -> pd.Series:
    """d_j = 1 - e_j of every column of a wide matrix (alternatives x indicators) of raw values."""
    return pd.Series(entropy_divergence(wide.to_numpy(dtype=float)), index=wide.columns)


def rounding_draws(values, n: int, seed: int, h: float = HALF_UNIT) -> np.ndarray:
    """``n`` copies of ``values`` each moved uniformly within +-h: what the printed numbers may have been."""
    values = np.asarray(values, dtype=float)
    rng = np.random.default_rng(seed)
    return values + rng.uniform(-h, h, size=(n, *values.shape))


def implied_rest(t2: pd.DataFrame, t3: pd.DataFrame, t4: pd.DataFrame, indicators: pd.DataFrame, draws: int = 0, seed: int = 0):
    """What Table 4's S+ leaves after the benefit-only subsystems: the weighted benefit part of the rest.

    For a subsystem of benefit indicators, S+ over the years sums to its weight W_X and S+_X,i is proportional
    to U_X,i (Table 3), so S+_X,i = W_X U_X,i / sum_k U_X,k. Table 4's S+ minus these is sum w_j x_ij over the
    benefit indicators of the mixed subsystems (C63, sea-rail containers, with the paper's catalogue
    ``indicators``). Returns (years, benefit codes of the rest, remainder per year) and, with ``draws``, the
    remainder under ``draws`` roundings of every published number it uses (rows: draws), all at once.
    """
    w = t2.set_index("indicator")["published_weight"]
    t3 = t3.set_index("subsystem")
    years = [str(y) for y in t4["year"]]
    sub_of = indicators.loc[w.index, "subsystem"]
    cost = indicators.loc[w.index, "direction"] == "cost"
    mixed = set(sub_of[cost])
    benefit_only = [s for s in t3.index if s not in mixed]
    rest = [c for c in w.index if sub_of[c] in mixed and not cost[c]]
    members = np.array([(sub_of == sub).to_numpy() for sub in benefit_only], dtype=float)  # subsystems x indicators

    def remainder(w_vals, u_vals, s_plus):  # batches: (k, J), (k, S, Y), (k, Y)
        shares = u_vals / u_vals.sum(axis=-1, keepdims=True)
        return s_plus - np.einsum("ks,ksy->ky", w_vals @ members.T, shares)

    u = t3.loc[benefit_only, years].to_numpy(dtype=float)
    s_plus = t4["benefit_value"].to_numpy(dtype=float)
    central = remainder(w.to_numpy()[None], u[None], s_plus[None])[0]
    if not draws:
        return years, rest, central, None
    sampled = remainder(
        rounding_draws(w.to_numpy(), draws, seed), rounding_draws(u, draws, seed + 1), rounding_draws(s_plus, draws, seed + 2)
    )
    return years, rest, central, sampled


def paper_scale(t2, t3, t4, indicators: pd.DataFrame, draws: int, seed: int) -> tuple[float, float, float]:
    """The paper's own D = d(rest) / w(rest), from the rest of Table 4's S+ (:func:`implied_rest`): its value
    as printed and its range over ``draws`` roundings of Tables 2-4 (the weight w(rest) rounded too)."""
    _, rest, central, sampled = implied_rest(t2, t3, t4, indicators, draws, seed)
    w = t2.set_index("indicator").loc[rest, "published_weight"].to_numpy(dtype=float)
    w_draws = rounding_draws(w, draws, seed + 4).sum(axis=-1)
    d = entropy_divergence(central[:, None])[0] / w.sum()
    with np.errstate(invalid="ignore"):
        d_draws = entropy_divergence(np.clip(sampled, 0, None)[..., None])[:, 0] / w_draws
    low, high = np.nanquantile(d_draws, D_QUANTILES)
    return float(d), float(low), float(high)


def implied_series(t2, t3, t4, indicators: pd.DataFrame, observations: pd.DataFrame, entity: str, draws: int, seed: int):
    """The series behind the rest of Table 4 (C63 with the paper's catalogue), up to scale, beside ours.

    ``implied_share`` is its year's share of the 2014-2020 total (x_i), with the range over roundings of the
    published numbers; ``implied_value`` puts it on the scale of our usable observations (the total that makes
    their sum equal the implied shares' sum over the same years); then every observation and bound we hold.
    """
    years, rest, central, sampled = implied_rest(t2, t3, t4, indicators, draws, seed)
    w_rest = t2.set_index("indicator").loc[rest, "published_weight"].sum()
    share = central / w_rest
    low, high = (np.quantile(sampled, [0.0, 1.0], axis=0) / w_rest) if sampled is not None else (share, share)
    out = pd.DataFrame(
        {
            "indicator": " ".join(rest),
            "year": [int(y) for y in years],
            "implied_share": share,
            "implied_share_low": low,
            "implied_share_high": high,
        }
    )
    obs = observations[(observations["entity"] == entity) & observations["indicator"].isin(rest)]
    usable = obs[obs["usable"].astype(bool)].groupby("year")["value"].first()
    bounds = obs[obs["qualifier"] == "lower_bound"].groupby("year")["value"].first()
    common = [y for y in out["year"] if y in usable.index]
    scale = usable.loc[common].sum() / out.set_index("year").loc[common, "implied_share"].sum() if common else np.nan
    out["implied_value"] = out["implied_share"] * scale
    out["observed"] = out["year"].map(usable)
    out["observed_over_implied"] = out["observed"] / out["implied_value"]
    out["lower_bound"] = out["year"].map(bounds)
    out["bound_respected"] = np.where(out["lower_bound"].notna(), out["implied_share_high"] * scale >= out["lower_bound"], pd.NA)
    return out


def diagnose_candidate(candidate: pd.DataFrame, wide: pd.DataFrame, diagnosis: pd.DataFrame, table3: pd.DataFrame, indicators):
    """Does a candidate series fit the paper? For each (entity, indicator) series in ``candidate`` (usable
    observations, filled over the study's years as the pipeline fills them: ``filled`` rows with a status):
    its divergence against the band ``D w_j`` requires (D: the diagnosis's yardstick), and, where every other
    indicator of its subsystem is
    in our matrix ``wide``, the subsystem's utility against Table 3 (weights within the subsystem by entropy).
    Returns one row per series.
    """
    from .mcda import copras

    diag = diagnosis.set_index("indicator")
    t3 = table3.set_index("subsystem")
    rows = []
    for code, series in candidate.groupby("indicator"):
        values = series.set_index("year")["value"].reindex([int(a) for a in wide.index])
        row = {"indicator": code, "entity": series["entity"].iloc[0], "years": f"{values.index.min()}-{values.index.max()}"}
        if values.isna().any():
            missing = ", ".join(map(str, values.index[values.isna()]))
            rows.append({**row, "verdict": f"cannot judge: no value for {missing}"})
            continue
        d = float(entropy_divergence(values.to_numpy()[:, None])[0])
        low, high = diag.at[code, "d_required_low"], diag.at[code, "d_required_high"]
        d_hat = diag.at[code, "D"]
        w = diag.at[code, "published_weight"]
        row.update(
            {
                "d": d,
                "d_required_low": low,
                "d_required_high": high,
                "weight_on_paper_scale": d / d_hat,
                "published_weight": w,
                "verdict": "fits Table 2" if low <= d <= high else "does not fit Table 2",
            }
        )
        sub = indicators.at[code, "subsystem"]
        codes = [c for c in indicators.index if indicators.at[c, "subsystem"] == sub]
        others = [c for c in codes if c != code and c not in wide.columns]
        if others:
            row["subsystem"] = f"{sub}: cannot recompute without {', '.join(others)}"
        else:
            x = wide.assign(**{code: values.to_numpy()})[codes].to_numpy(dtype=float)
            types = [1 if indicators.at[c, "direction"] == "benefit" else -1 for c in codes]
            u = copras(x, entropy_divergence(x), types).utility
            published = t3.loc[sub, [str(a) for a in wide.index]].to_numpy(dtype=float)
            worst = float(np.abs(u - published).max())
            fits = worst <= HALF_UNIT + 1e-9
            row["subsystem"] = f"{sub}: largest difference from Table 3 {worst:.4f} ({'fits' if fits else 'does not fit'})"
        rows.append(row)
    return pd.DataFrame(rows)
