rule study_figures:
    """Every study's weights, overall utility and subsystem utility figures in one job (PNG and SVG); the report
    shows the overall utility of a study that reproduces a paper in that paper's figure (Figure 2 or 3).
    """
    input:
        [  # every file it names but the figures it draws
            path
            for files in study_figure_files().values()
            for path in flat(files)
            if path not in files["figures"]
        ],
    output:
        [
            captioned(
                f"results/figures/{study}/{figure}.png",
                caption="../report/study_figure.rst",
                category="Studies",
                subcategory=study,
                labels={"study": study, "figure": figure},
            )
            for study in STUDIES
            for figure in STUDY_FIGURES
        ],
        expand("results/figures/{study}/{figure}.svg", study=STUDIES, figure=STUDY_FIGURES),
    log:
        "logs/study_figures.log",
    benchmark:
        "benchmarks/rules/study_figures.tsv"
    conda:
        PYENV
    params:
        code=code_of("study_figures"),
        files=study_figure_files(),
        studies={name: config["studies"][name] for name in STUDIES},
    script:
        "../scripts/study_figures.py"
