rule study_tables:
    """Weights, overall scores and subsystem utilities of a study, as CSV and Markdown."""
    input:
        weights="results/studies/{study}/weights.csv",
        scores="results/studies/{study}/scores.csv",
        catalogue=CATALOGUE_FILES,
    output:
        csv=expand("results/tables/{{study}}/{table}.csv", table=STUDY_TABLES),
        md=expand("results/tables/{{study}}/{table}.md", table=STUDY_TABLES),
    log:
        "logs/study_tables/{study}.log",
    conda:
        PYENV
    script:
        "../scripts/study_tables.py"


rule study_figures:
    """Weights, overall utility and subsystem utility figures of a study (PNG and SVG)."""
    input:
        weights="results/studies/{study}/weights.csv",
        scores="results/studies/{study}/scores.csv",
        catalogue=CATALOGUE_FILES,
    output:
        expand(
            "results/figures/{{study}}/{figure}.{ext}",
            figure=STUDY_FIGURES,
            ext=FIGURE_FORMATS,
        ),
    log:
        "logs/study_figures/{study}.log",
    conda:
        PYENV
    params:
        study=study_config,
    script:
        "../scripts/study_figures.py"
