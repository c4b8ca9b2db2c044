# Each rule here is defined only when a study reproduces its paper (or the comparison is configured): a rule with
# nothing to do is not defined.
if "zeng2022_longitudinal" in REPRODUCES:

    rule reproduce_longitudinal:
        """Zeng et al. Tables 2-4 beside ours, and their scorecard rows."""
        input:
            weights=f"results/studies/{REPRODUCES['zeng2022_longitudinal']}/weights.csv",
            scores=f"results/studies/{REPRODUCES['zeng2022_longitudinal']}/scores.csv",
            matrix=f"results/studies/{REPRODUCES['zeng2022_longitudinal']}/matrix.csv",
            dropped=f"results/studies/{REPRODUCES['zeng2022_longitudinal']}/dropped.csv",
            diagnosis=f"results/reproduction/{REPRODUCES['zeng2022_longitudinal']}/series_diagnosis.csv",
            audit="results/reproduction/audit.csv",
            reference=REFERENCE_PATHS,
            catalogue=CATALOGUE_PARTS[f"studies/{REPRODUCES['zeng2022_longitudinal']}"],
        output:
            tables=captioned_tables(PAPER_TABLES["zeng2022_longitudinal"]),
            scorecard="results/reproduction/zeng2022_longitudinal_scorecard.csv",
        log:
            "logs/reproduce_longitudinal.log",
        benchmark:
            "benchmarks/rules/reproduce_longitudinal.tsv"
        conda:
            PYENV
        params:
            code=code_of("reproduce_longitudinal"),
            study_config=config["studies"][REPRODUCES["zeng2022_longitudinal"]],
            mode=config["weighting"]["mode"],
        script:
            "../scripts/reproduce_longitudinal.py"


if "zeng2022_cross_port" in REPRODUCES:

    rule reproduce_cross_port:
        """Zeng et al. Tables 5-6 beside ours, and their scorecard rows."""
        input:
            scores=f"results/studies/{REPRODUCES['zeng2022_cross_port']}/scores.csv",
            dropped=f"results/studies/{REPRODUCES['zeng2022_cross_port']}/dropped.csv",
            audit="results/reproduction/audit.csv",
            reference=REFERENCE_PATHS,
            catalogue=CATALOGUE_PARTS[f"studies/{REPRODUCES['zeng2022_cross_port']}"],
        output:
            tables=captioned_tables(PAPER_TABLES["zeng2022_cross_port"]),
            scorecard="results/reproduction/zeng2022_cross_port_scorecard.csv",
        log:
            "logs/reproduce_cross_port.log",
        benchmark:
            "benchmarks/rules/reproduce_cross_port.tsv"
        conda:
            PYENV
        params:
            code=code_of("reproduce_cross_port"),
            study_config=config["studies"][REPRODUCES["zeng2022_cross_port"]],
            mode=config["weighting"]["mode"],
        script:
            "../scripts/reproduce_cross_port.py"


if "zeng2022_longitudinal" in REPRODUCES:

    rule series_diagnosis:
        """Which of our series are the paper's: d_j / (D-hat w_j) per indicator, and the series Table 4 implies."""
        input:
            matrix="results/studies/{study}/matrix.csv",
            observations=study_observations,  # the study's own files: another port's change does not touch it
            reference=REFERENCE_PATHS,
            catalogue=catalogue_of_study,
        output:
            diagnosis="results/reproduction/{study}/series_diagnosis.csv",
            implied="results/reproduction/{study}/implied_series.csv",
            figure=[
                captioned(
                    "results/figures/{study}/series_diagnosis.png",
                    caption="../report/series_diagnosis.rst",
                    category="Reproduction",
                    subcategory="Series diagnosis",
                ),
                "results/figures/{study}/series_diagnosis.svg",
            ],
        log:
            "logs/series_diagnosis/{study}.log",
        benchmark:
            "benchmarks/rules/series_diagnosis/{study}.tsv"
        conda:
            PYENV
        params:
            study="{study}",
            code=code_of("series_diagnosis"),
            study_config=study_config,
        script:
            "../scripts/series_diagnosis.py"


if ZHANG_CANDIDATES:

    rule reproduce_zhang:
        """Zhang's Table 2 against independent sources (every sourced value but Zhang's own)."""
        input:
            decisions=ZHANG_CANDIDATES,
            reference=REFERENCE_PATHS,
        output:
            tables=captioned_tables(PAPER_TABLES["zhang2"]),
            scorecard="results/reproduction/zhang2_scorecard.csv",
        log:
            "logs/reproduce_zhang.log",
        benchmark:
            "benchmarks/rules/reproduce_zhang.tsv"
        conda:
            PYENV
        params:
            code=code_of("reproduce_zhang"),
            use_qualifiers=config["data"]["use_qualifiers"],
        script:
            "../scripts/reproduce_zhang.py"


if REPRODUCES:

    rule audit_published:
        """Identities that must hold among the published tables themselves, with residuals."""
        input:
            reference=REFERENCE_PATHS,
        output:
            csv=captioned(
                "results/reproduction/audit.csv",
                caption="../report/audit.rst",
                category="Reproduction",
                subcategory="Audit of the published tables",
            ),
            md="results/reproduction/audit.md",
        log:
            "logs/audit_published.log",
        benchmark:
            "benchmarks/rules/audit_published.tsv"
        conda:
            PYENV
        params:
            code=code_of("audit_published"),
        script:
            "../scripts/audit_published.py"


if scorecard_parts():

    rule scorecard:
        """One row per published number: reproduced, differs or not_reproducible, and the paper's own identity."""
        input:
            scorecard_parts(),
        output:
            csv=captioned(
                "results/reproduction/scorecard.csv",
                caption="../report/scorecard.rst",
                category="Reproduction",
                subcategory="Scorecard",
            ),
            summary="results/reproduction/scorecard_summary.csv",
        log:
            "logs/scorecard.log",
        benchmark:
            "benchmarks/rules/scorecard.tsv"
        conda:
            PYENV
        params:
            code=code_of("scorecard"),
        script:
            "../scripts/scorecard.py"


if paper_figure_names():

    rule paper_figures:
        """Figures 1-3 of Zeng et al. and Zhang's throughput, ours beside the published values (PNG and SVG)."""
        input:
            unpack(paper_figure_inputs),
            catalogue=CATALOGUE_PARTS["papers"],
        output:
            [
                captioned(
                    f"results/figures/{name}.png",
                    caption="../report/paper_figures.rst",
                    category="Zhang" if name.startswith("zhang") else "Zeng et al. (2022)",
                    subcategory="Figures",
                    labels={"figure": name},
                )
                for name in paper_figure_names()
            ],
            expand("results/figures/{figure}.svg", figure=paper_figure_names()),
        log:
            "logs/paper_figures.log",
        benchmark:
            "benchmarks/rules/paper_figures.tsv"
        conda:
            PYENV
        params:
            code=code_of("paper_figures"),
        script:
            "../scripts/paper_figures.py"


if CLAIM_PAPERS:

    rule claims:
        """The papers' claims, each answered by the paper's own tables, by our data and under each robustness
        analysis (uniform and Dirichlet weights, data, level breaks, leave one indicator or alternative out).
        """
        input:
            lambda w: [path for spec in claim_papers().values() for path in flat(spec["files"])],
            residuals="results/robustness/error_residuals.csv",
            reference=REFERENCE_PATHS,
            catalogue=CATALOGUE_PARTS["papers"],
        output:
            csv=captioned(
                "results/reproduction/claims.csv",
                caption="../report/claims.rst",
                category="Reproduction",
                subcategory="Claims",
            ),
            md="results/reproduction/claims.md",
        log:
            "logs/claims.log",
        benchmark:
            "benchmarks/rules/claims.tsv"
        conda:
            PYENV
        params:
            code=code_of("claims"),
            papers=lambda w: claim_papers(),
            settings={
                "smaa": config["robustness"]["smaa"],
                "data": config["robustness"]["data"],
                "enabled": ROBUSTNESS,
            },
            imputation=config["imputation"],
        script:
            "../scripts/claims.py"
