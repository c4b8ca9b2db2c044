# Defined whatever the data: it matches only the names of GENERAL_FILES (none in the shipped data).
rule ingest:
    """A raw file named after no entity (it may hold any): checked (all its problems at once; the run stops on
    any) and its values in tidy form, each with its source, file and line, and whether it enters the analysis.
    """
    input:
        raw=f"{config['data']['raw']}/{{name}}.csv",
        # ancient: adding a source does not re-check every file; a removed source fails data_summary.
        sources=ancient(config["data"]["sources"]),
        catalogue=CATALOGUE_FILES,
    output:
        validation="results/data/validation/{name}.txt",
        observations="results/data/observations/{name}.csv",
    log:
        "logs/ingest/{name}.log",
    benchmark:
        "benchmarks/rules/ingest/{name}.tsv"
    wildcard_constraints:
        name="|".join(re.escape(name) for name in GENERAL_FILES) or "(?!)",
    conda:
        PYENV
    params:
        code=code_of("ingest"),
        wide_sheets=[],
        use_qualifiers=config["data"]["use_qualifiers"],
    script:
        "../scripts/ingest.py"


rule ingest_wide_sheets:
    """The yearbook-style sheets declared in the config (data.wide_sheets), checked (the run stops on any problem) and
    in tidy form."""
    input:
        raw=[],
        wide=WIDE_SHEETS,
        sources=ancient(config["data"]["sources"]),
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


rule entity:
    """One entity's data in one job: the raw files named after it checked (all their problems at once; the run stops
    on any) and their values in tidy form, each with its source, file and line, and whether it enters the analysis;
    then each of its series filled once, from all its usable observations (every filled cell flagged; no
    extrapolation beyond imputation.max_extrapolation years), and its level breaks listed."""
    input:
        raw=lambda w: ENTITY_RAW[w.entity],
        # A cell given twice with different values in two files fails here too (and in data_summary, which names
        # both). No global input: a change in one file re-runs only the entities it holds.
        observations=entity_observations,
        # ancient: adding a source does not re-check every file; a removed source fails data_summary.
        sources=ancient(config["data"]["sources"]),
        catalogue=catalogue_of_entity,
    output:
        validation="results/data/validation/{entity}.txt",
        observations="results/data/observations/{entity}.csv",
        imputed="results/data/imputed/{entity}.csv",
        breaks="results/data/breaks/{entity}.csv",
    log:
        "logs/entity/{entity}.log",
    benchmark:
        "benchmarks/rules/entity/{entity}.tsv"
    wildcard_constraints:
        entity="|".join(re.escape(slug) for slug in ENTITIES) or "(?!)",
    conda:
        PYENV
    params:
        code=code_of("entity"),
        entity=lambda w: ENTITIES[w.entity],
        use_qualifiers=config["data"]["use_qualifiers"],
        imputation=config["imputation"],
        break_threshold=config["data"]["level_break_threshold"],
    script:
        "../scripts/entity.py"


rule data_summary:
    """Every raw file and the sources table checked at once (all problems, duplicates across files too; the run stops
    on any), every raw value in one table (for the audit trail and the report), and the coverage of every cell
    (sourced, imputed, bound only, missing), a heat map, and the gaps to fill: one job, since each reads every
    entity's files."""
    input:
        raw=RAW_FILES,
        wide=WIDE_SHEETS,
        sources=config["data"]["sources"],
        catalogue=CATALOGUE_FILES,
        observations=OBSERVATION_FILES,
        imputed=expand("results/data/imputed/{entity}.csv", entity=ENTITY_CELLS),
        breaks=expand("results/data/breaks/{entity}.csv", entity=ENTITY_CELLS),
    output:
        validation="results/data/validation.txt",
        observations="results/data/observations.csv",
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
        "logs/data_summary.log",
    benchmark:
        "benchmarks/rules/data_summary.tsv"
    conda:
        PYENV
    params:
        code=code_of("data_summary"),
        wide_sheets=config["data"]["wide_sheets"],
    script:
        "../scripts/data_summary.py"
