rule study:
    """A study's chain in one job: the cells it needs and the level breaks inside its window (also in its log), its
    decision matrices (alternatives x indicators; the indicators that cannot be filled are left out, with the
    reason), the sum-normalised matrices x_ij = I_ij / sum_i I_ij (Zeng et al. eq. 1), the weights of every
    comparison (entropy by default, see config weighting.mode), COPRAS S+, S-, Q, U and rank, overall and per
    subsystem, and its tables. Each step writes its file and the next reads it back (porteval.study_run).
    """
    input:
        unpack(study_imputed),
        published=lambda w: published_weights(w.study),
        weights_file=WEIGHTS_FILE,
        catalogue=catalogue_of_study,
    output:
        imputed="results/studies/{study}/imputed.csv",
        breaks="results/studies/{study}/breaks.csv",
        matrix="results/studies/{study}/matrix.csv",
        dropped="results/studies/{study}/dropped.csv",
        normalised="results/studies/{study}/normalised.csv",
        weights="results/studies/{study}/weights.csv",
        scores="results/studies/{study}/scores.csv",
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
        "logs/study/{study}.log",
    benchmark:
        "benchmarks/rules/study/{study}.tsv"
    conda:
        PYENV
    params:
        study="{study}",
        code=code_of("study"),
        study_config=study_config,
        on_insufficient=config["imputation"]["on_insufficient"],
        mode=config["weighting"]["mode"],
    script:
        "../scripts/study.py"
