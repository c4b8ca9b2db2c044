rule study_figures:
    """Weights, overall utility and subsystem utility figures of a study (PNG and SVG); the report shows the
    overall utility of a study that reproduces a paper in that paper's figure (Figure 2 or 3)."""
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
