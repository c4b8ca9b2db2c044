"""One alternative followed through every step (inputs: the study's observations, sources, imputed, matrix,
normalised, weights and scores files; outputs: the trail as Markdown and CSV)."""

import pandas as pd

from porteval.audit_trail import trail_table
from porteval.catalogue import load_catalogue, study_label
from porteval.io import atomic_write_text, read_observations, write_csv
from porteval.runlog import rule_logger
from porteval.tables import to_markdown

rule_logger(snakemake.log[0], "audit_trail")
catalogue = load_catalogue(*snakemake.input.catalogue)
study, alternative = snakemake.params.study_config, str(snakemake.params.alternative)
comparison = snakemake.params.comparison
read = {"dtype": {"comparison": str, "alternative": str}}
observations = read_observations(snakemake.input.observations)
sources = pd.read_csv(snakemake.input.sources, keep_default_na=False).set_index("source_id")
matrix = pd.read_csv(snakemake.input.matrix, **read)
trail = trail_table(
    alternative,
    comparison,
    study,
    catalogue,
    observations[observations["usable"]],
    pd.read_csv(snakemake.input.imputed),
    matrix,
    pd.read_csv(snakemake.input.normalised, **read),
    pd.read_csv(snakemake.input.weights, dtype={"comparison": str}),
)
scores = pd.read_csv(snakemake.input.scores, **read)
score = scores[
    (scores["comparison"] == comparison) & (scores["alternative"] == alternative) & (scores["scope"] == "overall")
].iloc[0]
i = snakemake.input
lines = [
    f"# Audit trail: {study_label(study)}, {alternative} in comparison {comparison} (study `{snakemake.params.study}`)\n",
    "Each number below can be found in the file named beside its step.\n",
    f"1. **Raw values and sources** (`data/raw/`, checked into `{i.observations}`): `raw_value`, `qualifier`, `source_id`, "
    "`raw_file` (file:line).",
    f"2. **Filled** (`{i.imputed}`, then `{i.matrix}`): `used_value` and its `status` (observed, interpolated, extrapolated).",
    f"3. **Normalised** (`{i.normalised}`): `x` = used value / sum over the alternatives.",
    f"4. **Weighted** (`{i.weights}`): `weight`, and `weighted` = weight × x.",
    f"5. **Scored** (`{i.scores}`): S+ = sum of `weighted` over benefit indicators = {score['benefit']:.6f}; "
    f"S− = over cost indicators = {score['cost']:.6f}; Q = {score['q']:.6f}; U = Q / max Q = {score['utility']:.6f}; "
    f"rank {score['rank']}. {score['note'] or ''}\n",
    to_markdown(trail, digits=6),
    "\nSources of the raw values:\n",
]
for sid in sorted(set(trail["source_id"]) - {""}):
    src = sources.loc[sid]
    lines.append(f"- `{sid}`: {src['title']} — {src['url'] or src['reference']}")
atomic_write_text(snakemake.output.md, "\n".join(lines) + "\n")
write_csv(trail, snakemake.output.csv)
