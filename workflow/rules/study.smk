rule matrix:
    """The study's decision matrices (alternatives x indicators) and the indicators it leaves out."""
    input:
        imputed="results/studies/{study}/imputed.csv",
        catalogue=catalogue_of_study,
    output:
        matrix="results/studies/{study}/matrix.csv",
        dropped="results/studies/{study}/dropped.csv",
    log:
        "logs/matrix/{study}.log",
    benchmark:
        "benchmarks/rules/matrix/{study}.tsv"
    conda:
        PYENV
    params:
        study="{study}",
        code=code_of("matrix"),
        study_config=study_config,
        on_insufficient=config["imputation"]["on_insufficient"],
    script:
        "../scripts/matrix.py"


rule normalise:
    """Sum-normalised matrices x_ij = I_ij / sum_i I_ij (Zeng et al. eq. 1)."""
    input:
        matrix="results/studies/{study}/matrix.csv",
    output:
        "results/studies/{study}/normalised.csv",
    log:
        "logs/normalise/{study}.log",
    benchmark:
        "benchmarks/rules/normalise/{study}.tsv"
    conda:
        PYENV
    params:
        code=code_of("normalise"),
    script:
        "../scripts/normalise.py"


rule weights:
    """Indicator weights of every comparison (entropy by default, see config weighting.mode)."""
    input:
        matrix="results/studies/{study}/matrix.csv",
        published=f"{REFERENCE}/zeng2022_table2_weights.csv",
        weights_file=WEIGHTS_FILE,
        catalogue=catalogue_of_study,
    output:
        "results/studies/{study}/weights.csv",
    log:
        "logs/weights/{study}.log",
    benchmark:
        "benchmarks/rules/weights/{study}.tsv"
    conda:
        PYENV
    params:
        code=code_of("weights"),
        mode=config["weighting"]["mode"],
    script:
        "../scripts/weights.py"


rule scores:
    """COPRAS S+, S-, Q, U and rank, overall and per subsystem."""
    input:
        matrix="results/studies/{study}/matrix.csv",
        weights="results/studies/{study}/weights.csv",
        catalogue=catalogue_of_study,
    output:
        "results/studies/{study}/scores.csv",
    log:
        "logs/scores/{study}.log",
    benchmark:
        "benchmarks/rules/scores/{study}.tsv"
    conda:
        PYENV
    params:
        code=code_of("scores"),
    script:
        "../scripts/scores.py"
