rule validate_raw:
    """Check every raw file and the sources table; the run stops here on any data problem."""
    input:
        raw=RAW_FILES,
        sources=config["data"]["sources"],
        catalogue=CATALOGUE_FILES,
    output:
        "results/data/validation.txt",
    log:
        "logs/validate_raw.log",
    conda:
        PYENV
    shell:
        "porteval validate {input.raw:q} --sources {input.sources:q}"
        " --indicators {input.catalogue[0]:q} --entities {input.catalogue[1]:q} > {log} 2>&1"
        " && cp {log} {output}"


rule ingest:
    """All raw values in one tidy table, each with its source, file and line, and whether it enters the analysis."""
    input:
        validation="results/data/validation.txt",
        raw=RAW_FILES,
        wide=WIDE_SHEETS,
        catalogue=CATALOGUE_FILES,
    output:
        "results/data/observations.csv",
    log:
        "logs/ingest.log",
    conda:
        PYENV
    params:
        wide_sheets=config["data"]["wide_sheets"],
        use_qualifiers=config["data"]["use_qualifiers"],
    script:
        "../scripts/ingest.py"


rule impute:
    """Fill missing cells of each series over the studies' years; every filled cell is flagged."""
    input:
        observations="results/data/observations.csv",
        catalogue=CATALOGUE_FILES,
    output:
        "results/data/imputed.csv",
    log:
        "logs/impute.log",
    benchmark:
        "benchmarks/rules/impute.tsv"
    conda:
        PYENV
    params:
        imputation=config["imputation"],
        studies=config["studies"],
    script:
        "../scripts/impute.py"


rule coverage:
    """Coverage of every cell (sourced, imputed, bound only, missing), a heat map, and the gaps to fill."""
    input:
        observations="results/data/observations.csv",
        imputed="results/data/imputed.csv",
        catalogue=CATALOGUE_FILES,
    output:
        coverage="results/data/coverage.csv",
        gaps=captioned("results/data/gaps.csv", caption="../report/gaps.rst", category="Data"),
        figure=[
            captioned(
                "results/figures/coverage.png", caption="../report/coverage.rst", category="Data"
            ),
            "results/figures/coverage.svg",
        ],
    log:
        "logs/coverage.log",
    benchmark:
        "benchmarks/rules/coverage.tsv"
    conda:
        PYENV
    script:
        "../scripts/coverage.py"
