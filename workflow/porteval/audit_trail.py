"""Follow one alternative of one study through every step, naming the file each number comes from."""

from __future__ import annotations

import pandas as pd

from .catalogue import Catalogue, study_label
from .io import atomic_write_text, read_observations, write_csv
from .tables import to_markdown

_READ = {"dtype": {"comparison": str, "alternative": str}}


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


def write_trail(trail: dict, sources: pd.DataFrame, catalogue: Catalogue) -> None:
    """One audit trail, from the study's files as written: ``trail`` names the ``study`` (its id and
    ``study_config``), the ``alternative`` and ``comparison``, the study's ``files`` (observations, imputed, matrix,
    normalised, weights, scores) and the ``md`` and ``csv`` to write; ``sources``: the sources table by source_id."""
    study, alternative, comparison, files = trail["study_config"], str(trail["alternative"]), trail["comparison"], trail["files"]
    observations = read_observations(files["observations"])
    table = trail_table(
        alternative,
        comparison,
        study,
        catalogue,
        observations[observations["usable"]],
        pd.read_csv(files["imputed"]),
        pd.read_csv(files["matrix"], **_READ),
        pd.read_csv(files["normalised"], **_READ),
        pd.read_csv(files["weights"], dtype={"comparison": str}),
    )
    scores = pd.read_csv(files["scores"], **_READ)
    score = scores[
        (scores["comparison"] == comparison) & (scores["alternative"] == alternative) & (scores["scope"] == "overall")
    ].iloc[0]
    lines = [
        f"# Audit trail: {study_label(study)}, {alternative} in comparison {comparison} (study `{trail['study']}`)\n",
        "Each number below can be found in the file named beside its step.\n",
        f"1. **Raw values and sources** (`data/raw/`, checked into `{' '.join(files['observations'])}`): `raw_value`, "
        "`qualifier`, `source_id`, `raw_file` (file:line).",
        f"2. **Filled** (`{files['imputed']}`, then `{files['matrix']}`): `used_value` and its `status` (observed, "
        "interpolated, extrapolated).",
        f"3. **Normalised** (`{files['normalised']}`): `x` = used value / sum over the alternatives.",
        f"4. **Weighted** (`{files['weights']}`): `weight`, and `weighted` = weight × x.",
        f"5. **Scored** (`{files['scores']}`): S+ = sum of `weighted` over benefit indicators = {score['benefit']:.6f}; "
        f"S− = over cost indicators = {score['cost']:.6f}; Q = {score['q']:.6f}; U = Q / max Q = {score['utility']:.6f}; "
        f"rank {score['rank']}. {score['note'] or ''}\n",
        to_markdown(table, digits=6),
        "\nSources of the raw values:\n",
    ]
    for sid in sorted(set(table["source_id"]) - {""}):
        src = sources.loc[sid]
        lines.append(f"- `{sid}`: {src['title']} — {src['url'] or src['reference']}")
    atomic_write_text(trail["md"], "\n".join(lines) + "\n")
    write_csv(table, trail["csv"])
