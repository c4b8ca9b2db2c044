# The papers' reproduction is one job (porteval.reproduce_run): the audit of the published tables, each paper's job
# (its plug-in, porteval.reproductions: its tables and scorecard rows, its figures, its own outputs) and the
# scorecard. It has the inputs and outputs of the papers this run reproduces (targets.smk: reproduce_io); with
# none, the rule is not defined.
REPRODUCE_INPUTS, REPRODUCE_OUTPUTS = reproduce_io()
if REPRODUCE_OUTPUTS:

    rule reproduce:
        """The audit of the published tables (identities among them, with residuals); each paper's tables beside
        ours with its scorecard rows, its figures (ours beside the published values, PNG and SVG) and what else its
        plug-in writes; and the scorecard, one row per published number."""
        input:
            **REPRODUCE_INPUTS,
        output:
            **REPRODUCE_OUTPUTS,
        log:
            "logs/reproduce.log",
        benchmark:
            "benchmarks/rules/reproduce.tsv"
        conda:
            PYENV
        params:
            code=code_of("reproduce"),
            papers=PAPER_JOBS,
            settings={
                "mode": config["weighting"]["mode"],
                "use_qualifiers": config["data"]["use_qualifiers"],
            },
        script:
            "../scripts/reproduce.py"


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
            multiverse="results/reproduction/claims_multiverse.csv",
            choices="results/reproduction/claims_multiverse_choices.csv",
            figure=captioned(
                "results/figures/claims_evidence.png",
                caption="../report/claims_figure.rst",
                category="Reproduction",
                subcategory="Claims",
            ),
            figure_svg="results/figures/claims_evidence.svg",
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
