"""Follow one alternative of one study through every step, naming the file each number comes from."""

from __future__ import annotations

import pandas as pd

from .catalogue import Catalogue


def trail_table(
    alternative: str, comparison: str, study: dict, catalogue: Catalogue, observations, imputed, matrix, normalised, weights
) -> pd.DataFrame:
    """One row per indicator of the comparison: raw value and source, filled value, x, w and w*x.

    For a longitudinal study the alternative is a year of the port; for a cross-port comparison of one
    year it is a port in that year (the whole-window comparison sums the years, so its raw values are
    the years' values; the row then shows the aggregate)."""
    m = matrix[(matrix["comparison"] == comparison) & (matrix["alternative"] == alternative)]
    x = normalised[(normalised["comparison"] == comparison) & (normalised["alternative"] == alternative)].set_index("indicator")[
        "x"
    ]
    w = weights[weights["comparison"] == comparison].set_index("indicator")["weight"]
    port = study["ports"][0] if study["kind"] == "longitudinal" else alternative
    year = int(alternative) if study["kind"] == "longitudinal" else (int(comparison) if comparison.isdigit() else None)
    rows = []
    for r in m.itertuples():
        entity = catalogue.source_entity(port, r.indicator)
        raw = (
            observations[
                (observations["entity"] == entity) & (observations["indicator"] == r.indicator) & (observations["year"] == year)
            ]
            if year is not None
            else observations.iloc[0:0]
        )
        first = raw.iloc[0] if len(raw) else None
        rows.append(
            {
                "indicator": r.indicator,
                "direction": catalogue.indicators.at[r.indicator, "direction"],
                "entity": entity,
                "raw_value": first["value"] if first is not None else None,
                "qualifier": first["qualifier"] if first is not None else "",
                "source_id": first["source_id"] if first is not None else "",
                "raw_file": f"{first['file']}:{first['line']}" if first is not None else "",
                "used_value": r.value,
                "status": r.status,
                "x": x[r.indicator],
                "weight": w[r.indicator],
                "weighted": w[r.indicator] * x[r.indicator],
            }
        )
    return pd.DataFrame(rows)
