# Every analysis runs on every comparison of a study (the whole window, and each year of a cross-port study), all in
# one job per study; results/robustness/<study>/<comparison>/. A summary per study says where the ranking is fixed
# by dominance, where it is robust and where it is fragile.


wildcard_constraints:
    comparison=r"\d{4}(-\d{4})?",
    chunk=r"\d+",


if SMAA["chunks"] > 1:

    rule robustness_smaa:
        """Rank acceptability under weight uncertainty (Dirichlet around the weights, and uniform): one chunk of
        draws of one comparison, for a cluster (robustness.smaa.chunks > 1); the study's robustness job merges them.
        """
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


# One job per study runs every analysis on every comparison (a job per comparison and analysis spent most of the
# run's CPU starting Python). Its outputs differ by study (the comparisons), so the rule is written once per study.
for _name in STUDIES if any(ROBUSTNESS.values()) else []:

    rule:
        """Every robustness analysis of every comparison of one study (dominance, SMAA, data, leave-out and rank
        reversal, entropy inputs, other methods), the study's summary: fixed by dominance, robust or fragile,
        with the numbers behind each verdict, and its figures (rank acceptability, method agreement, data
        uncertainty of the whole window; for a cross-port study the probability of ranking first in each year).
        """
        name:
            f"robustness_{_name.replace('-', '_')}"
        input:
            matrix=f"results/studies/{_name}/matrix.csv",
            weights=f"results/studies/{_name}/weights.csv",
            catalogue=CATALOGUE_PARTS[f"studies/{_name}"],
            scores=f"results/studies/{_name}/scores.csv",
            imputed=f"results/studies/{_name}/imputed.csv",
            breaks=f"results/studies/{_name}/breaks.csv",
            observations=observations_of(set(study_entities(config["studies"][_name]))),
            residuals="results/robustness/error_residuals.csv",
            chunks=smaa_chunk_files(_name),
            published=published_weights(_name),
        output:
            files=list(comparison_files(_name).values()),
            multiverse=multiverse_file(_name),
            summary=f"results/robustness/{_name}/summary.csv",
            figures=[
                captioned(
                    f"results/figures/{_name}/robustness_{figure}.png",
                    caption="../report/robustness.rst",
                    category="Robustness",
                    subcategory=_name,
                    labels={"study": _name, "figure": figure},
                )
                for figure in robustness_figure_names(_name)
            ]
            + [
                f"results/figures/{_name}/robustness_{figure}.svg"
                for figure in robustness_figure_names(_name)
            ],
        log:
            f"logs/robustness/{_name}.log",
        benchmark:
            f"benchmarks/rules/robustness/{_name}.tsv"
        conda:
            PYENV
        resources:
            runtime=30,
        params:
            study=_name,
            study_config=config["studies"][_name],
            window=study_window(config["studies"][_name]),
            files=files_by_comparison(_name),
            smaa_chunks=smaa_chunks_by_comparison(_name),
            settings=config["robustness"],
            enabled=ROBUSTNESS,
            imputation=config["imputation"],
            code=code_of("robustness"),
        script:
            "../scripts/robustness.py"


rule error_calibration:
    """The error model of the data draws, measured on the curated dossier: signed relative errors by cell class
    (observed; interpolated and extrapolated by distance) and their sizes (docs/robustness.md)."""
    input:
        decisions=DECISIONS,
    output:
        calibration="results/robustness/error_calibration.csv",
        residuals="results/robustness/error_residuals.csv",
    log:
        "logs/error_calibration.log",
    benchmark:
        "benchmarks/rules/error_calibration.tsv"
    conda:
        PYENV
    params:
        code=code_of("error_calibration"),
    script:
        "../scripts/error_calibration.py"
