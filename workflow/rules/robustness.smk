rule robustness_smaa:
    """Rank acceptability under weight uncertainty (Dirichlet around the weights, and uniform): one chunk of draws."""
    input:
        unpack(robustness_inputs),
    output:
        "results/robustness/{study}/smaa/acceptability_{chunk}.csv",
        "results/robustness/{study}/smaa/central_weights_{chunk}.csv",
    log:
        "logs/robustness/{study}/smaa_{chunk}.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/smaa_{chunk}.tsv"
    conda:
        PYENV
    params:
        study=study_config,
        analysis="smaa",
        settings=SMAA,
    script:
        "../scripts/robustness.py"


rule robustness_smaa_merge:
    """The chunks of SMAA draws merged: rank acceptability indices and central weights of a study."""
    input:
        acceptability=expand(
            "results/robustness/{{study}}/smaa/acceptability_{chunk}.csv",
            chunk=range(SMAA["chunks"]),
        ),
        central=expand(
            "results/robustness/{{study}}/smaa/central_weights_{chunk}.csv",
            chunk=range(SMAA["chunks"]),
        ),
    output:
        "results/robustness/{study}/rank_acceptability.csv",
        "results/robustness/{study}/central_weights.csv",
    log:
        "logs/robustness/{study}/smaa_merge.log",
    conda:
        PYENV
    script:
        "../scripts/robustness_smaa_merge.py"


rule robustness_data:
    """Rank changes when raw values are perturbed and gaps re-filled by each imputation method."""
    input:
        unpack(robustness_inputs),
        observations=study_observations,
    output:
        "results/robustness/{study}/data_uncertainty.csv",
    log:
        "logs/robustness/{study}/data.log",
    benchmark:
        "benchmarks/rules/robustness/{study}/data.tsv"
    conda:
        PYENV
    params:
        study=study_config,
        analysis="data",
        settings=config["robustness"]["data"],
        imputation=config["imputation"],
    script:
        "../scripts/robustness.py"


rule robustness_leave_out:
    """Ranks with one indicator, or one subsystem, left out."""
    input:
        unpack(robustness_inputs),
    output:
        "results/robustness/{study}/leave_out.csv",
    log:
        "logs/robustness/{study}/leave_out.log",
    conda:
        PYENV
    params:
        study=study_config,
        analysis="leave_out",
        settings=config["robustness"]["leave_out"],
    script:
        "../scripts/robustness.py"


rule robustness_entropy_inputs:
    """Entropy weights on raw, min-max and reciprocal-cost data, and the ranks they give."""
    input:
        unpack(robustness_inputs),
    output:
        "results/robustness/{study}/entropy_inputs.csv",
    log:
        "logs/robustness/{study}/entropy_inputs.log",
    conda:
        PYENV
    params:
        study=study_config,
        analysis="entropy_inputs",
        settings=config["robustness"]["entropy_inputs"],
    script:
        "../scripts/robustness.py"


rule robustness_methods:
    """TOPSIS, VIKOR, EDAS, WASPAS and WSM with the same weights, and their rank agreement with COPRAS."""
    input:
        unpack(robustness_inputs),
    output:
        "results/robustness/{study}/method_ranks.csv",
        "results/robustness/{study}/method_agreement.csv",
    log:
        "logs/robustness/{study}/methods.log",
    conda:
        PYENV
    params:
        study=study_config,
        analysis="methods",
        settings=config["robustness"]["methods"],
    script:
        "../scripts/robustness.py"


rule robustness_combined:
    """The studies' rank acceptability and method agreement in one table each."""
    input:
        acceptability=(
            expand("results/robustness/{study}/rank_acceptability.csv", study=STUDIES)
            if ROBUSTNESS["smaa"]
            else []
        ),
        agreement=(
            expand("results/robustness/{study}/method_agreement.csv", study=STUDIES)
            if ROBUSTNESS["methods"]
            else []
        ),
    output:
        acceptability="results/robustness/rank_acceptability.csv",
        agreement="results/robustness/method_agreement.csv",
    log:
        "logs/robustness/combined.log",
    conda:
        PYENV
    script:
        "../scripts/robustness_combined.py"


rule robustness_figures:
    """Rank acceptability, method agreement and data-uncertainty figures of a study."""
    input:
        unpack(robustness_outputs),
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
    conda:
        PYENV
    script:
        "../scripts/robustness_figures.py"
