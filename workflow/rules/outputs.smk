rule study_tables:
    """Weights, overall scores and subsystem utilities of a study, as CSV and Markdown."""
    input:
        weights="results/studies/{study}/weights.csv",
        matrix="results/studies/{study}/matrix.csv",
        scores="results/studies/{study}/scores.csv",
        catalogue=catalogue_of_study,
    output:
        csv=[
            captioned(
                f"results/tables/{{study}}/{table}.csv",
                caption="../report/study_table.rst",
                category="Studies",
                subcategory="{study}",
                labels={"study": "{study}", "table": table},
            )
            for table in STUDY_TABLES
        ],
        md=expand("results/tables/{{study}}/{table}.md", table=STUDY_TABLES),
    log:
        "logs/study_tables/{study}.log",
    benchmark:
        "benchmarks/rules/study_tables/{study}.tsv"
    conda:
        PYENV
    params:
        code=code_of("study_tables"),
    script:
        "../scripts/study_tables.py"


rule study_figures:
    """Weights and subsystem utility figures of a study (PNG and SVG)."""
    input:
        weights="results/studies/{study}/weights.csv",
        matrix="results/studies/{study}/matrix.csv",
        scores="results/studies/{study}/scores.csv",
        catalogue=catalogue_of_study,
    output:
        [
            captioned(
                f"results/figures/{{study}}/{figure}.png",
                caption="../report/study_figure.rst",
                category="Studies",
                subcategory="{study}",
                labels={"study": "{study}", "figure": figure},
            )
            for figure in STUDY_FIGURES
        ],
        expand("results/figures/{{study}}/{figure}.svg", figure=STUDY_FIGURES),
    log:
        "logs/study_figures/{study}.log",
    benchmark:
        "benchmarks/rules/study_figures/{study}.tsv"
    conda:
        PYENV
    params:
        code=code_of("study_figures"),
        study_config=study_config,
    script:
        "../scripts/study_figures.py"


rule study_utility_figure:
    """Overall utility figure of a study that reproduces no paper (PNG and SVG)."""
    input:
        weights="results/studies/{study}/weights.csv",
        matrix="results/studies/{study}/matrix.csv",
        scores="results/studies/{study}/scores.csv",
        catalogue=catalogue_of_study,
    output:
        captioned(
            "results/figures/{study}/utility.png",
            caption="../report/study_figure.rst",
            category="Studies",
            subcategory="{study}",
            labels={"study": "{study}", "figure": "utility"},
        ),
        "results/figures/{study}/utility.svg",
    log:
        "logs/study_utility_figure/{study}.log",
    benchmark:
        "benchmarks/rules/study_utility_figure/{study}.tsv"
    conda:
        PYENV
    params:
        code=code_of("study_figures"),
        study_config=study_config,
    script:
        "../scripts/study_figures.py"
