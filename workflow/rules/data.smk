rule validate_raw:
    """Check every raw file and the sources table at once (all problems, duplicates across files); stops the run."""
    input:
        raw=RAW_FILES,
        wide=WIDE_SHEETS,
        sources=config["data"]["sources"],
        catalogue=CATALOGUE_FILES,
    output:
        "results/data/validation.txt",
    log:
        "logs/validate_raw.log",
    benchmark:
        "benchmarks/rules/validate_raw.tsv"
    conda:
        PYENV
    params:
        wide_sheets=config["data"]["wide_sheets"],
        code=code_of("validate"),
    script:
        "../scripts/validate.py"


rule ingest:
    """One raw file checked (all its problems at once; the run stops on any) and its values in tidy form, each with
    its source, file and line, and whether it enters the analysis: only a changed file is checked and read again.
    """
    input:
        raw=f"{config['data']['raw']}/{{name}}.csv",
        # ancient: adding a source does not re-check every file; a removed source fails validate_raw.
        sources=ancient(config["data"]["sources"]),
        catalogue=catalogue_of_file,
    output:
        validation="results/data/validation/{name}.txt",
        observations="results/data/observations/{name}.csv",
    log:
        "logs/ingest/{name}.log",
    benchmark:
        "benchmarks/rules/ingest/{name}.tsv"
    conda:
        PYENV
    params:
        code=code_of("ingest"),
        wide_sheets=[],
        use_qualifiers=config["data"]["use_qualifiers"],
    script:
        "../scripts/ingest.py"


rule ingest_wide_sheets:
    """The yearbook-style sheets declared in the config (data.wide_sheets), in tidy form."""
    input:
        validation="results/data/validation.txt",
        raw=[],
        wide=WIDE_SHEETS,
        catalogue=CATALOGUE_FILES,
    output:
        observations="results/data/observations/wide_sheets.csv",
    log:
        "logs/ingest/wide_sheets.log",
    benchmark:
        "benchmarks/rules/ingest/wide_sheets.tsv"
    conda:
        PYENV
    params:
        code=code_of("ingest"),
        wide_sheets=config["data"]["wide_sheets"],
        use_qualifiers=config["data"]["use_qualifiers"],
    script:
        "../scripts/ingest.py"


rule observations:
    """Every raw value in one table (for coverage, the audit trail and the report)."""
    input:
        OBSERVATION_FILES,
        "results/data/validation.txt",
    output:
        "results/data/observations.csv",
    log:
        "logs/observations.log",
    benchmark:
        "benchmarks/rules/observations.tsv"
    conda:
        PYENV
    params:
        code=code_of("combine_observations"),
    script:
        "../scripts/combine_observations.py"


rule impute:
    """Fill each series of one entity once, from all its usable observations (every filled cell flagged;
    no extrapolation beyond imputation.max_extrapolation years), and list its level breaks."""
    input:
        # Each file is validated on its own before its ingest; a cell given twice with different values in two
        # files fails here too (and in validate_raw, which names both). No global input: a change in one file
        # re-runs only the entities it holds, and a file that disappears re-runs its entities.
        observations=entity_observations,
        catalogue=catalogue_of_entity,
    output:
        imputed="results/data/imputed/{entity}.csv",
        breaks="results/data/breaks/{entity}.csv",
    log:
        "logs/impute/{entity}.log",
    benchmark:
        "benchmarks/rules/impute/{entity}.tsv"
    conda:
        PYENV
    params:
        code=code_of("impute"),
        entity=lambda w: ENTITY_CELLS[w.entity],
        imputation=config["imputation"],
        break_threshold=config["data"]["level_break_threshold"],
    script:
        "../scripts/impute.py"


rule coverage:
    """Coverage of every cell (sourced, imputed, bound only, missing), a heat map, and the gaps to fill."""
    input:
        observations="results/data/observations.csv",
        imputed=expand("results/data/imputed/{entity}.csv", entity=ENTITY_CELLS),
        breaks=expand("results/data/breaks/{entity}.csv", entity=ENTITY_CELLS),
        catalogue=CATALOGUE_FILES,
    output:
        coverage="results/data/coverage.csv",
        breaks="results/data/level_breaks.csv",
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
    params:
        code=code_of("coverage"),
    script:
        "../scripts/coverage.py"
