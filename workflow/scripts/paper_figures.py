"""Figures 1-3 of Zeng et al. and a throughput figure for Zhang's Table 2, ours beside the published values."""

from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "paper_figures")
catalogue = load_catalogue(*snakemake.input.catalogue)
out = {Path(p).stem: Path(p).with_suffix("") for p in snakemake.output}
OURS = "this study"

if "table3" in snakemake.input.keys():
    t3 = pd.read_csv(snakemake.input.table3)
    panels, filled = {}, {}
    for sub, part in t3.groupby("subsystem"):
        frame = part.set_index("year")[["utility_pct", "published_utility_pct"]].rename(
            columns={"utility_pct": OURS, "published_utility_pct": "published"}
        )
        missing = part["left_out"].fillna("").iloc[0]
        note = f" (without {missing.replace(' ', ', ')})" if missing and frame[OURS].notna().any() else ""
        name = f"{sub} {catalogue.subsystems[sub]}{note}"
        panels[name] = frame[[c for c in frame if frame[c].notna().any()]]
        filled[name] = part.set_index("year")["imputed_score_share"]
    figures.save(
        figures.small_multiples(
            panels,
            "Figure 1. Utility degree of each subsystem, Ningbo-Zhoushan Port",
            "utility degree (%)",
            filled=filled,
        ),
        out["fig1_subsystems"],
    )
    t4 = pd.read_csv(snakemake.input.table4).set_index("year")
    frame = t4[["utility_pct", "published_utility_pct"]].rename(
        columns={"utility_pct": OURS, "published_utility_pct": "published"}
    )
    figures.save(
        figures.small_multiples(
            {"overall": frame},
            "Figure 2. Overall utility degree, Ningbo-Zhoushan Port",
            "utility degree (%)",
            ncols=1,
            filled={"overall": t4["imputed_score_share"]},
        ),
        out["fig2_overall"],
    )
if "table6" in snakemake.input.keys():
    t6 = pd.read_csv(snakemake.input.table6)
    panels = {
        f"{code} {part['port'].iloc[0]}": part.set_index("year")[["utility_pct", "published_utility_pct"]].rename(
            columns={"utility_pct": OURS, "published_utility_pct": "published"}
        )
        for code, part in t6.groupby("code")
    }
    filled = {
        f"{code} {part['port'].iloc[0]}": part.set_index("year")["imputed_score_share"] for code, part in t6.groupby("code")
    }
    figures.save(
        figures.small_multiples(
            panels,
            "Figure 3. Utility degree of the four ports by year, each year compared on its own",
            "utility degree (%)",
            ncols=4,
            filled=filled,
        ),
        out["fig3_port_years"],
    )
if "zhang" in snakemake.input.keys():
    zhang = pd.read_csv(snakemake.input.zhang).set_index("year")
    panels = {
        "cargo throughput (10,000 t)": zhang[["cargo_throughput_10k_tons", "published_cargo_throughput_10k_tons"]].rename(
            columns={"cargo_throughput_10k_tons": "independent sources", "published_cargo_throughput_10k_tons": "published"}
        ),
        "container throughput (10,000 TEU)": zhang[
            ["container_throughput_10k_teu", "published_container_throughput_10k_teu"]
        ].rename(
            columns={"container_throughput_10k_teu": "independent sources", "published_container_throughput_10k_teu": "published"}
        ),
    }
    fig = figures.small_multiples(panels, "Zhang, Table 2: Ningbo-Zhoushan Port throughput", "", ncols=2, sharey=False)
    figures.save(fig, out["zhang_throughput"])
