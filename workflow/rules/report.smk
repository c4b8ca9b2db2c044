rule report:
    """Execute the parametrised report notebook (papermill) and render it to HTML."""
    input:
        notebook="notebooks/report.ipynb",
        tables=expand("results/tables/{study}/{table}.csv", study=STUDIES, table=STUDY_TABLES),
        figures=expand(
            "results/figures/{study}/{figure}.png",
            study=STUDIES,
            figure=STUDY_FIGURES,
        ),
        observations="results/data/observations.csv",
        coverage="results/data/coverage.csv",
        coverage_figure="results/figures/coverage.png",
        imputed=expand("results/studies/{study}/imputed.csv", study=STUDIES),
        breaks=expand("results/studies/{study}/breaks.csv", study=STUDIES),
        level_breaks="results/data/level_breaks.csv",
        dropped=expand("results/studies/{study}/dropped.csv", study=STUDIES),
        reproduction=[
            f
            for f in final_outputs()
            if f.startswith(("results/reproduction", "results/tables/t", "results/tables/z"))
        ],
        paper_figures=expand("results/figures/{figure}.png", figure=paper_figure_names()),
        audit="results/reproduction/audit.csv",
        trails=audit_trail_files(),
        robustness=robustness_targets(),
        robustness_files=[f for study in STUDIES for f in comparison_files(study).values()],
    output:
        notebook="results/report/report.ipynb",
        html=report(
            "results/report/report.html",
            caption="../report/report.rst",
            category="Report",
        ),
    log:
        "logs/report.log",
    benchmark:
        "benchmarks/rules/report.tsv"
    conda:
        PYENV
    params:
        parameters={
            "results_dir": "results",
            "studies": ",".join(STUDIES),
            "config_path": "config/config.yaml",
        },
    script:
        "../scripts/render_report.py"


rule provenance:
    """Checksums of every input, the config, package versions and the git commit of this run."""
    input:
        "results/data/validation.txt",
        RAW_FILES,
        WIDE_SHEETS,
        WEIGHTS_FILE,
        CATALOGUE_FILES,
        config["data"]["sources"],
        "config/config.yaml",
        "notebooks/report.ipynb",
        [ZHANG_CANDIDATES] if ZHANG_CANDIDATES else [],
        expand("{ref}/{name}", ref=REFERENCE, name=REFERENCE_FILES),
    output:
        "results/provenance.json",
    log:
        "logs/provenance.log",
    conda:
        PYENV
    script:
        "../scripts/provenance.py"


rule audit_trail:
    """One alternative through every step: raw values and sources, filled, normalised, weighted, S+, S-, Q, U."""
    input:
        observations=study_observations,
        sources=config["data"]["sources"],
        imputed="results/studies/{study}/imputed.csv",
        matrix="results/studies/{study}/matrix.csv",
        normalised="results/studies/{study}/normalised.csv",
        weights="results/studies/{study}/weights.csv",
        scores="results/studies/{study}/scores.csv",
        catalogue=CATALOGUE_FILES,
    output:
        md="results/audit/{study}/{name}.md",
        csv="results/audit/{study}/{name}.csv",
    log:
        "logs/audit_trail/{study}/{name}.log",
    conda:
        PYENV
    params:
        study=study_config,
        alternative=trail_alternative,
        comparison=trail_comparison,
    script:
        "../scripts/audit_trail.py"
