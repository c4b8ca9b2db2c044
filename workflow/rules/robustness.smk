# Every analysis runs on every comparison of a study (the whole window, and each year of a cross-port study) as
# its own job; results/robustness/<study>/<comparison>/. A summary per study says where the ranking is fixed by
# dominance, where it is robust and where it is fragile.


wildcard_constraints:
    comparison=r"\d{4}(-\d{4})?",
    chunk=r"\d+",


rule robustness_dominance:
    """Which alternatives of one comparison dominate which, and whether that alone fixes the ranking."""
    input:
        unpack(robustness_inputs),
    output:
        "results/robustness/{study}/{comparison}/dominance.csv",
    log:
        "logs/robustness/{study}/{comparison}/dominance.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/{comparison}/dominance.tsv"
    conda:
        PYENV
    params:
        comparison="{comparison}",
        study="{study}",
        code=code_of("robustness_dominance"),
    script:
        "../scripts/robustness_dominance.py"


rule robustness_smaa:
    """Rank acceptability under weight uncertainty (Dirichlet around the weights, and uniform): one chunk of draws."""
    input:
        unpack(robustness_inputs),
    output:
        acceptability="results/robustness/{study}/{comparison}/smaa/acceptability_{chunk}.csv",
        central="results/robustness/{study}/{comparison}/smaa/central_weights_{chunk}.csv",
    log:
        "logs/robustness/{study}/{comparison}/smaa_{chunk}.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/{comparison}/smaa_{chunk}.tsv"
    conda:
        PYENV
    params:
        chunk="{chunk}",
        comparison="{comparison}",
        code=code_of("robustness_smaa"),
        settings=SMAA,
    script:
        "../scripts/robustness_smaa.py"


rule robustness_smaa_merge:
    """The chunks of one comparison's SMAA draws merged: rank acceptability indices and central weights."""
    input:
        acceptability=expand(
            "results/robustness/{{study}}/{{comparison}}/smaa/acceptability_{chunk}.csv",
            chunk=range(SMAA["chunks"]),
        ),
        central=expand(
            "results/robustness/{{study}}/{{comparison}}/smaa/central_weights_{chunk}.csv",
            chunk=range(SMAA["chunks"]),
        ),
    output:
        "results/robustness/{study}/{comparison}/rank_acceptability.csv",
        "results/robustness/{study}/{comparison}/central_weights.csv",
    log:
        "logs/robustness/{study}/{comparison}/smaa_merge.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/{comparison}/smaa_merge.tsv"
    conda:
        PYENV
    params:
        comparison="{comparison}",
        study="{study}",
        code=code_of("robustness_smaa_merge"),
    script:
        "../scripts/robustness_smaa_merge.py"


rule robustness_data:
    """Rank changes when every year-cell moves within the error of its status (observed, interpolated,
    extrapolated, at a level break), for each imputation method; the cells that alone move a rank; the
    level-break scenarios."""
    input:
        unpack(robustness_inputs),
        observations=study_observations,
        imputed="results/studies/{study}/imputed.csv",
        breaks="results/studies/{study}/breaks.csv",
        residuals="results/robustness/error_residuals.csv",
    output:
        summary="results/robustness/{study}/{comparison}/data_uncertainty.csv",
        drivers="results/robustness/{study}/{comparison}/data_drivers.csv",
        scenarios="results/robustness/{study}/{comparison}/break_scenarios.csv",
    log:
        "logs/robustness/{study}/{comparison}/data.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/{comparison}/data.tsv"
    conda:
        PYENV
    params:
        comparison="{comparison}",
        study="{study}",
        code=code_of("robustness_data"),
        study_config=study_config,
        settings=config["robustness"]["data"],
        imputation=config["imputation"],
    script:
        "../scripts/robustness_data.py"


rule robustness_leave_out:
    """Ranks of one comparison with one indicator, or one subsystem, left out; rank reversal when one
    alternative is left out, or a copy or a dominated copy of one is added."""
    input:
        unpack(robustness_inputs),
    output:
        leave_out="results/robustness/{study}/{comparison}/leave_out.csv",
        rank_reversal="results/robustness/{study}/{comparison}/rank_reversal.csv",
    log:
        "logs/robustness/{study}/{comparison}/leave_out.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/{comparison}/leave_out.tsv"
    conda:
        PYENV
    params:
        comparison="{comparison}",
        study="{study}",
        code=code_of("robustness_leave_out"),
    script:
        "../scripts/robustness_leave_out.py"


rule robustness_entropy_inputs:
    """Entropy weights on raw, min-max and reciprocal-cost data, and the ranks they give."""
    input:
        unpack(robustness_inputs),
    output:
        "results/robustness/{study}/{comparison}/entropy_inputs.csv",
    log:
        "logs/robustness/{study}/{comparison}/entropy_inputs.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/{comparison}/entropy_inputs.tsv"
    conda:
        PYENV
    params:
        comparison="{comparison}",
        study="{study}",
        code=code_of("robustness_entropy_inputs"),
    script:
        "../scripts/robustness_entropy_inputs.py"


rule robustness_methods:
    """TOPSIS, VIKOR, EDAS, WASPAS and WSM with the same weights, rank agreement, VIKOR's compromise set."""
    input:
        unpack(robustness_inputs),
    output:
        ranks="results/robustness/{study}/{comparison}/method_ranks.csv",
        agreement="results/robustness/{study}/{comparison}/method_agreement.csv",
        vikor="results/robustness/{study}/{comparison}/vikor.csv",
    log:
        "logs/robustness/{study}/{comparison}/methods.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/{comparison}/methods.tsv"
    conda:
        PYENV
    params:
        comparison="{comparison}",
        study="{study}",
        code=code_of("robustness_methods"),
        settings=config["robustness"]["methods"],
    script:
        "../scripts/robustness_methods.py"


rule robustness_summary:
    """Per comparison of a study: fixed by dominance, robust or fragile, and the numbers behind the verdict."""
    input:
        files=robustness_study_inputs,
        scores="results/studies/{study}/scores.csv",
        weights="results/studies/{study}/weights.csv",
    output:
        "results/robustness/{study}/summary.csv",
    log:
        "logs/robustness/{study}/summary.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/summary.tsv"
    conda:
        PYENV
    params:
        study="{study}",
        files=files_by_comparison,
        code=code_of("robustness_summary"),
        imputation_method=config["imputation"]["method"],
    script:
        "../scripts/robustness_summary.py"


rule robustness_figures:
    """Rank acceptability, method agreement and data-uncertainty figures of a study's whole window."""
    input:
        unpack(lambda w: comparison_files(w.study)),
    output:
        [
            captioned(
                f"results/figures/{{study}}/robustness_{name}.png",
                caption="../report/robustness.rst",
                category="Robustness",
                subcategory="{study}",
                labels={"study": "{study}", "figure": name},
            )
            for name in ROBUSTNESS_FIGURES
        ],
        expand("results/figures/{{study}}/robustness_{name}.svg", name=ROBUSTNESS_FIGURES),
    log:
        "logs/robustness/{study}/figures.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/figures.tsv"
    conda:
        PYENV
    params:
        study="{study}",
        code=code_of("robustness_figures"),
        window=lambda w: study_window(config["studies"][w.study]),
    script:
        "../scripts/robustness_figures.py"


rule robustness_years_figure:
    """Rank acceptability of each port in each year of a cross-port study, in one figure."""
    input:
        lambda w: [
            f"results/robustness/{w.study}/{c}/rank_acceptability.csv"
            for c in COMPARISONS[w.study][1:]
        ],
    output:
        captioned(
            "results/figures/{study}/robustness_years.png",
            caption="../report/robustness.rst",
            category="Robustness",
            subcategory="{study}",
            labels={"study": "{study}", "figure": "years"},
        ),
        "results/figures/{study}/robustness_years.svg",
    log:
        "logs/robustness/{study}/years_figure.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/years_figure.tsv"
    conda:
        PYENV
    params:
        study="{study}",
        code=code_of("robustness_years_figure"),
        ports=lambda w: config["studies"][w.study]["ports"],
    script:
        "../scripts/robustness_years_figure.py"


rule error_calibration:
    """The error model of the data draws, measured on the curated dossier: signed relative errors by cell class
    (observed; interpolated and extrapolated by distance) and their sizes (docs/robustness.md)."""
    input:
        decisions=DECISIONS,
    output:
        calibration="results/robustness/error_calibration.csv",
        residuals="results/robustness/error_residuals.csv",
    log:
        "logs/robustness/error_calibration.log",
    benchmark:
        "benchmarks/rules/robustness/error_calibration.tsv"
    conda:
        PYENV
    params:
        code=code_of("error_calibration"),
    script:
        "../scripts/error_calibration.py"
