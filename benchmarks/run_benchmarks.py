"""Speed and memory of porteval against the peer MCDA libraries, and of the pipeline; writes benchmarks/RESULTS.md.

    python benchmarks/run_benchmarks.py            # full run (several minutes: the peers are slow at 10^6 rows)
    python benchmarks/run_benchmarks.py --smoke    # tiny sizes, no pipeline: what CI runs

Every figure is the median of the repeats, all measured in this one process so that ratios hold on a noisy
machine. The peers (scikit-criteria, pyrepo-mcda, pymcdm) are optional: a missing one is reported
as such. pymcdm >= 1.2.1 computes COPRAS wrongly (Q = S+ + S-); it is timed, and its disagreement shown.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from porteval.mcda import copras, entropy_weights
from porteval.robustness import smaa

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {
    "speedup": 5.0,
    "seconds_1m": 0.3,
    "memory_ratio": 3.0,
    "smaa_seconds": 1.0,
    "noop_ratio": 1.3,  # in CPU seconds (issue #23)
    "cold_jobs": 60,
    "cold_cpu": 60.0,
    "cold_wall": 20.0,
}


def problem(m: int, n: int, seed: int = 42):
    x = np.random.default_rng(seed).uniform(1, 100, (m, n))
    types = np.ones(n, dtype=int)
    types[: min(2, n - 1)] = -1  # two cost indicators, as in the paper
    return x, types


def ours(x, t):
    return copras(x, entropy_weights(x), t).utility


def peers():
    """name -> function(x, types) -> utilities (or preference values), for the installed peers."""
    found = {}
    with contextlib.suppress(ImportError):
        import skcriteria
        from skcriteria.agg.copras import COPRAS as SkCopras
        from skcriteria.preprocessing.scalers import SumScaler
        from skcriteria.preprocessing.weighters import EntropyWeighter

        def sk(x, t):
            dm = skcriteria.mkdm(x, [max if v == 1 else min for v in t])
            dm = EntropyWeighter().transform(dm)
            return SkCopras().evaluate(SumScaler(target="matrix").transform(dm)).e_.score / 100

        found[f"scikit-criteria {metadata.version('scikit-criteria')}"] = sk
    with contextlib.suppress(ImportError):
        from pyrepo_mcda import weighting_methods
        from pyrepo_mcda.mcda_methods import COPRAS as PyrepoCopras

        found[f"pyrepo-mcda {metadata.version('pyrepo-mcda')}"] = lambda x, t: PyrepoCopras()(
            x, weighting_methods.entropy_weighting(x), t
        )
    with contextlib.suppress(ImportError):
        from pymcdm.methods import COPRAS as PymcdmCopras
        from pymcdm.weights import entropy_weights as pymcdm_entropy

        found[f"pymcdm {metadata.version('pymcdm')} (validation=False)"] = lambda x, t: PymcdmCopras()(
            x, pymcdm_entropy(x), t, validation=False
        )
    return found


def median_seconds(fn, repeats: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_ratio(x, t) -> float:
    tracemalloc.start()
    ours(x, t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / x.nbytes


def mcda_section(sizes, repeats, lines):
    lines += [
        "## Entropy weights + COPRAS",
        "",
        f"Random uniform(1, 100) matrices, two cost indicators; median of {repeats} runs (after one warm-up).",
        "",
    ]
    implementations = {"porteval": ours, **peers()}
    header = "| implementation | " + " | ".join(f"{m:,} × {n}" for m, n in sizes) + " | same U as porteval |"
    lines += [header, "|---" * (len(sizes) + 2) + "|"]
    results = {name: [] for name in implementations}
    agree = {}
    for m, n in sizes:
        x, t = problem(m, n)
        reference = ours(x, t)
        for name, fn in implementations.items():
            results[name].append(median_seconds(lambda fn=fn, x=x, t=t: fn(x, t), repeats))
            same = bool(np.allclose(np.asarray(fn(x, t), dtype=float), reference, rtol=1e-9))
            agree[name] = agree.get(name, True) and same
    for name, secs in results.items():
        cells = " | ".join(f"{s * 1000:,.2f} ms" if s < 1 else f"{s:,.2f} s" for s in secs)
        lines.append(f"| {name} | {cells} | {'yes' if agree[name] else 'no'} |")
    lines += [
        "",
        "\"Same U\" compares each library's own pipeline with porteval's at every size. pymcdm's COPRAS computes "
        "Q = S+ + S- (a bug since 1.2.1, see docs/peer_libraries.md).",
    ]
    m, n = sizes[-1]
    x, t = problem(m, n)
    memory = peak_ratio(x, t)
    fastest_peer = min((s[-1], name) for name, s in results.items() if name != "porteval") if len(results) > 1 else None
    lines += ["", f"Largest size {m:,} × {n}:", ""]
    lines.append(
        f"- porteval: {results['porteval'][-1]:.3f} s (target < {TARGETS['seconds_1m']} s at 1,000,000 × 20): "
        f"{'met' if results['porteval'][-1] < TARGETS['seconds_1m'] else 'missed'}"
    )
    if fastest_peer:
        ratio = fastest_peer[0] / results["porteval"][-1]
        lines.append(
            f"- fastest peer: {fastest_peer[1]}, {fastest_peer[0]:.3f} s; porteval is {ratio:.1f}× faster "
            f"(target ≥ {TARGETS['speedup']}×): {'met' if ratio >= TARGETS['speedup'] else 'missed'}"
        )
    lines.append(
        f"- porteval's peak extra memory (tracemalloc): {memory:.2f}× the input matrix of {x.nbytes / 1e6:,.0f} MB "
        f"(target < {TARGETS['memory_ratio']}×): {'met' if memory < TARGETS['memory_ratio'] else 'missed'}"
    )
    lines.append("")


def smaa_section(draws, repeats, lines):
    lines += [
        "## SMAA weight draws",
        "",
        f"{draws:,} weight vectors per sampling (a Dirichlet around the entropy weights, and uniform), so "
        f"{2 * draws:,} COPRAS evaluations per call; median of {repeats} runs.",
        "",
        "| problem | seconds | target |",
        "|---|---|---|",
    ]
    for m in (7, 28):
        x, t = problem(m, 19)
        w = entropy_weights(x)
        secs = median_seconds(lambda x=x, t=t, w=w: smaa(x, w, t, draws, 100.0, 1), repeats)
        lines.append(
            f"| {m} × 19 | {secs:.3f} | < {TARGETS['smaa_seconds']} s: {'met' if secs < TARGETS['smaa_seconds'] else 'missed'} |"
        )
    lines.append("")


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


def _python_seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _snakemake(folder: Path, *args, env=None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + sys of Snakemake and every job it waited for) and the output of a run."""
    start, cpu = time.perf_counter(), _children_cpu()
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "4", *args], cwd=folder, capture_output=True, text=True, env=env
    )
    if run.returncode != 0:
        raise RuntimeError(run.stderr[-3000:])
    return time.perf_counter() - start, _children_cpu() - cpu, run.stdout + run.stderr


def _rules(log: str) -> list[str]:
    """The jobs a run ran (or a dry run plans), by rule: one line "rule X:" or "localrule X:" per job."""
    return [line.split()[1].rstrip(":") for line in log.splitlines() if line.startswith(("rule ", "localrule "))]


def _one_port_more(text: str) -> str:
    text = text.replace("cities:\n", "  Qingdao Port: {code: Y5, name_zh: 青岛港, city: Qingdao}\ncities:\n", 1)
    return text + "  Qingdao: {name_zh: 青岛市}\n"


# One change each, as a researcher makes them; the dry run after it says which jobs would run again.
ONE_CHANGE = [
    ("one raw value (Shenzhen C31 2017)", "data/raw/shenzhen.csv", lambda t: t.replace(",3332.1303,", ",3332.1304,", 1)),
    (
        "a source added to data/sources.csv",
        "data/sources.csv",
        lambda t: t + "bench-source,page,A page,someone,http://example.org/bench,,\n",
    ),
    ("a port and its city added to config/entities.yaml, in no study", "config/entities.yaml", _one_port_more),
    ("Dalian's Chinese name edited in config/entities.yaml", "config/entities.yaml", lambda t: t.replace("大连市", "大连", 1)),
]


COPY_IGNORE = ("results", ".snakemake", "logs", ".git", "*.egg-info", "__pycache__", "benchmarks")  # a run's own


def _cold(folder: Path, env=None) -> tuple[float, float, str]:
    """A cold run: what an earlier run made is removed first."""
    for made in ("results", ".snakemake", "logs", "benchmarks"):
        shutil.rmtree(folder / made, ignore_errors=True)
    return _snakemake(folder, env=env)


def against_section(rev: str, repeats: int, lines):
    """Cold runs of the project at ``rev`` (its own package first on the path) and as it is now, taken in turn, so
    that both meet the same load: a before-and-after that a shared machine's drift does not decide."""
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for label, folder in (("before", Path(tmp) / "before"), ("now", Path(tmp) / "now")):
            if label == "before":
                folder.mkdir()
                archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
                subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
            else:
                shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(*COPY_IGNORE))
            runs[label] = (folder, {**os.environ, "PYTHONPATH": str(folder / "workflow")}, [])
        for _ in range(repeats):
            for folder, env, results in runs.values():
                results.append(_cold(folder, env))
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], capture_output=True, text=True).stdout.strip()
    lines += [
        f"### Before and after: the project at {commit} and now, cold runs taken in turn ({repeats} each)",
        "",
        "| version | jobs | CPU seconds, median (range) | wall seconds, median (range) |",
        "|---|---|---|---|",
    ]
    medians = {}
    for label, (_, _, results) in runs.items():
        cpu, wall = [r[1] for r in results], [r[0] for r in results]
        medians[label] = statistics.median(cpu)
        lines.append(
            f"| {label if label == 'now' else commit} | {len(_rules(results[-1][2])) - 1} | {statistics.median(cpu):.1f} "
            f"({min(cpu):.1f} to {max(cpu):.1f}) | {statistics.median(wall):.1f} ({min(wall):.1f} to {max(wall):.1f}) |"
        )
    lines += ["", f"Now / before, median CPU: {medians['now'] / medians['before']:.2f}.", ""]


def pipeline_section(repeats, lines):
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "pipeline"
        shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(*COPY_IGNORE))
        colds = [_cold(work) for _ in range(repeats)]
        cold_wall, cold_cpu = statistics.median(r[0] for r in colds), statistics.median(r[1] for r in colds)
        cold_log = colds[-1][2]
        cold_jobs = len(_rules(cold_log)) - 1  # rule all is no job
        tsvs = sorted((work / "benchmarks/rules").rglob("*.tsv"))
        by_rule = {}
        for f in tsvs:  # the last cold run's jobs, by rule (a rule's jobs are its files under its folder)
            rule = f.relative_to(work / "benchmarks/rules").parts[0].removesuffix(".tsv")
            jobs, cpu = by_rule.get(rule, (0, 0.0))
            by_rule[rule] = (jobs + 1, cpu + float(pd.read_csv(f, sep="\t").iloc[-1]["cpu_time"]))
        in_jobs = sum(cpu for _, cpu in by_rule.values())
        noops = [_snakemake(work) for _ in range(repeats)]
        floor_dir = Path(tmp) / "floor"
        floor_dir.mkdir()
        (floor_dir / "in.txt").write_text("x\n")
        (floor_dir / "Snakefile").write_text(
            'rule all:\n    input: "out.txt"\n\nrule copy:\n    input: "in.txt"\n'
            '    output: "out.txt"\n    shell: "cp {input} {output}"\n'
        )
        _snakemake(floor_dir)
        floors = [_snakemake(floor_dir) for _ in range(repeats)]
        noop_cpu, floor_cpu = statistics.median(r[1] for r in noops), statistics.median(r[1] for r in floors)
        noop_wall, floor_wall = statistics.median(r[0] for r in noops), statistics.median(r[0] for r in floors)
        job_start = statistics.median(_python_seconds("import snakemake.script, pandas") for _ in range(repeats))
        changes = []
        for label, name, change in ONE_CHANGE:
            path = work / name
            text = path.read_text(encoding="utf-8")
            path.write_text(change(text), encoding="utf-8")
            assert path.read_text(encoding="utf-8") != text, f"the benchmark's change '{label}' changed nothing"
            planned = _rules(_snakemake(work, "-n")[2])
            path.write_text(text, encoding="utf-8")
            changes.append((label, len([r for r in planned if r != "all"]), sorted(set(planned) - {"all"})))
        raw = work / "data/raw/shenzhen.csv"
        raw.write_text(ONE_CHANGE[0][2](raw.read_text(encoding="utf-8")), encoding="utf-8")
        changed_wall, changed_cpu, log = _snakemake(work)
        studies = sorted({line.split("study=")[1].split(",")[0] for line in log.splitlines() if "study=" in line})
        all_studies = yaml.safe_load((work / "config/config.yaml").read_text(encoding="utf-8"))["studies"]
    ratio = noop_cpu / floor_cpu
    lines += [
        "## The pipeline (`snakemake --cores 4` on the shipped data)",
        "",
        "CPU seconds are user + sys of Snakemake and every job it ran. They vary less with load than wall seconds, "
        "but on this shared virtual machine they vary with what else runs on the host. Each figure is a median of "
        "repeated runs, with their range; Snakemake's one-rule floor, measured in the same minutes, shows how loaded "
        "the machine was.",
        "",
        "| measure | jobs | CPU seconds | wall seconds | target (issue #23) |",
        "|---|---|---|---|---|",
        f"| cold run, with the report (median of {repeats}; CPU {min(r[1] for r in colds):.1f} to "
        f"{max(r[1] for r in colds):.1f}, wall {min(r[0] for r in colds):.1f} to {max(r[0] for r in colds):.1f}) | "
        f"{cold_jobs} | {cold_cpu:.1f} | {cold_wall:.1f} | ≤ {TARGETS['cold_jobs']} jobs: "
        f"{verdict(cold_jobs <= TARGETS['cold_jobs'])}; ≤ {TARGETS['cold_cpu']:.0f} CPU s: "
        f"{verdict(cold_cpu <= TARGETS['cold_cpu'])}; < {TARGETS['cold_wall']:.0f} s wall idle: "
        f"{verdict(cold_wall < TARGETS['cold_wall'])} |",
        f"| of which inside the jobs (their `benchmark:` files, last cold run) | {len(tsvs)} | {in_jobs:.1f} | | |",
        f"| no-op re-run (median of {repeats}) | 0 | {noop_cpu:.2f} | {noop_wall:.2f} | ≤ {TARGETS['noop_ratio']} × the "
        f"floor's CPU: ratio {ratio:.2f}, {verdict(ratio <= TARGETS['noop_ratio'])} |",
        f"| Snakemake's own no-op floor: a one-rule workflow (median of {repeats}) | 0 | {floor_cpu:.2f} | {floor_wall:.2f} | |",
        f"| re-run after one raw value changes (Shenzhen C31 2017) | {len(_rules(log)) - 1} | {changed_cpu:.1f} | "
        f"{changed_wall:.1f} | only what depends on it |",
        "",
        f"Studies re-run after the one-value change: {', '.join(studies) or 'none'}; not re-run: "
        f"{', '.join(sorted(set(all_studies) - set(studies))) or 'none'}. Starting Python and importing "
        f"`snakemake.script` and pandas, which every script job does, takes {job_start:.2f} s (wall).",
        "",
        "### The cold run's jobs by rule",
        "",
        "CPU seconds inside each rule's jobs (their `benchmark:` files, sampled by Snakemake; the last cold run).",
        "",
        "| rule | jobs | CPU seconds | per job |",
        "|---|---|---|---|",
        *(
            f"| {rule} | {jobs} | {cpu:.2f} | {cpu / jobs:.2f} |"
            for rule, (jobs, cpu) in sorted(by_rule.items(), key=lambda item: -item[1][1])
        ),
        "",
        "### One change, and what runs again",
        "",
        f"A dry run after each change (then undone), out of the {cold_jobs} jobs of a cold run:",
        "",
        "| change | jobs that run again | their rules |",
        "|---|---|---|",
        *(f"| {label} | {n} | {', '.join(rules)} |" for label, n, rules in changes),
        "",
    ]


SCALE = {"ports": 30, "indicators": 40, "years": 20, "gap_share": 0.1, "smaa_draws": 1_000_000}
GIB = 2**30


def _scale_project(work: Path, seed: int = 7) -> Path:
    """A SYNTHETIC project at SCALE: its own catalogue (SCALE indicators in 8 subsystems, a quarter of them the
    city's, one in ten a cost), SCALE ports each with its city, random raw values with a share of gaps for the
    imputation to fill, and one cross-port study of every port over every year. Never real data."""
    shutil.copytree(
        ROOT,
        work,
        ignore=shutil.ignore_patterns("results", ".snakemake", "logs", ".git", "*.egg-info", "__pycache__", "benchmarks", "raw"),
    )
    rng = np.random.default_rng(seed)
    n, ports, years = SCALE["indicators"], SCALE["ports"], list(range(2001, 2001 + SCALE["years"]))
    codes = [f"S{j:02d}" for j in range(1, n + 1)]
    indicators = {
        code: {
            "name": f"Synthetic indicator {code}",
            "subsystem": f"X{j % 8 + 1}",
            "level": "city" if j % 4 == 0 else "port",
            "unit": "t",
            "direction": "cost" if j % 10 == 9 else "benefit",
            "published_in": "nowhere (synthetic)",
        }
        for j, code in enumerate(codes)
    }
    catalogue = {"subsystems": {f"X{k}": f"Synthetic subsystem {k}" for k in range(1, 9)}, "indicators": indicators}
    names = [f"Port {i:02d}" for i in range(1, ports + 1)]
    entities = {
        "ports": {p: {"code": f"Y{i + 1}", "name_zh": "港", "city": f"City {i + 1:02d}"} for i, p in enumerate(names)},
        "cities": {f"City {i:02d}": {"name_zh": "市"} for i in range(1, ports + 1)},
    }
    (work / "config/indicators.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    (work / "config/entities.yaml").write_text(yaml.safe_dump(entities, allow_unicode=True), encoding="utf-8")
    raw = work / "data/raw"
    raw.mkdir(parents=True)
    header = "entity,indicator,year,value,unit,source_id,quote,note\n"
    for entity, level in [*((p, "port") for p in names), *((c, "city") for c in entities["cities"])]:
        rows = []
        for code in codes:
            if indicators[code]["level"] != level:
                continue
            level_value = rng.lognormal(8, 1)
            gaps = rng.random(len(years)) < SCALE["gap_share"]
            gaps[[0, -1]] = False  # the ends observed: every gap can be interpolated
            for year, growth, gap in zip(years, rng.normal(0.05, 0.05, len(years)).cumsum(), gaps, strict=True):
                if not gap:
                    rows.append(f"{entity},{code},{year},{level_value * np.exp(growth):.2f},t,synthetic,,SYNTHETIC\n")
        slug = entity.lower().replace(" ", "_")
        (raw / f"{slug}.csv").write_text(header + "".join(rows), encoding="utf-8")
    (work / "data/sources.csv").write_text(
        "source_id,kind,title,publisher,url,reference,date\n"
        "synthetic,table,Synthetic benchmark data,porteval benchmarks,,SYNTHETIC: made by benchmarks/run_benchmarks.py,\n",
        encoding="utf-8",
    )
    config = yaml.safe_load((work / "config/config.yaml").read_text(encoding="utf-8"))
    config["studies"] = {"scale": {"kind": "cross_port", "ports": names, "years": [years[0], years[-1]]}}
    config["reproduction"] = {"zhang_candidates": None}
    config["audit_trail"] = [{"study": "scale", "alternative": names[0]}]
    config["data"]["wide_sheets"] = []
    (work / "config/config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return work


# Runs a command and prints, last on stderr, the largest resident set (kB) of it and every process it waited for. A
# process started from this one would count this one's memory too (Linux carries the peak across fork and exec),
# so the command is started from this small launcher instead.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _peak_run(folder: Path, *command) -> tuple[float, float, str, float]:
    """Wall seconds, CPU seconds, the output and the peak resident memory (GiB) of ``command``."""
    start, cpu = time.perf_counter(), _children_cpu()
    run = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=folder, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(run.stderr[-3000:])
    *rest, peak = run.stderr.rstrip().splitlines()
    return time.perf_counter() - start, _children_cpu() - cpu, run.stdout + "\n".join(rest), int(peak) * 1024 / GIB


def scale_section(lines):
    """The whole pipeline at SCALE, and SMAA with SCALE["smaa_draws"] draws at SCALE ports x indicators, each in
    processes of their own, so that the peak resident set is theirs (issue #23: under 2 GiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = _scale_project(Path(tmp) / "scale")
        wall, cpu, log, peak = _peak_run(work, sys.executable, "-m", "snakemake", "--cores", "2")
        jobs = len(_rules(log)) - 1
        benchmarks = [pd.read_csv(f, sep="\t").iloc[-1] for f in sorted((work / "benchmarks/rules").rglob("*.tsv"))]
        job_peak = max(float(b["max_rss"]) for b in benchmarks) / 1024  # MB -> GiB, sampled by Snakemake
        cells = len(pd.read_csv(work / "results/studies/scale/imputed.csv"))
    m, n, draws = SCALE["ports"], SCALE["indicators"], SCALE["smaa_draws"]
    code = (
        "import numpy as np\n"
        "from porteval.mcda import entropy_weights\nfrom porteval.robustness import smaa\n"
        f"rng = np.random.default_rng(1); x = rng.uniform(1, 100, ({m}, {n})); t = np.where(np.arange({n}) % 10 == 9, -1, 1)\n"
        f"smaa(x, entropy_weights(x), t, {draws}, 100.0, 1)\n"
    )
    _, seconds, _, smaa_peak = _peak_run(ROOT, sys.executable, "-c", code)
    lines += [
        f"## At scale: {m} ports × {n} indicators × {SCALE['years']} years (synthetic)",
        "",
        "The benchmark makes a SYNTHETIC project (its own catalogue, one raw file per port and city, one value in ten "
        "missing) with one cross-port study of every port over every year, and runs the whole workflow on it "
        "(`--cores 2`); then SMAA alone with 1,000,000 weight draws per sampling. Peak memory is the largest resident "
        "set of any process (Snakemake, a job, the SMAA run).",
        "",
        "| run | jobs | CPU seconds | wall seconds | peak memory (GiB) | target (issue #23) |",
        "|---|---|---|---|---|---|",
        f"| the whole workflow: {cells:,} year-cells, {SCALE['years'] + 1} comparisons | {jobs} | {cpu:.0f} | {wall:.0f} | "
        f"{peak:.2f} (largest job's sampled peak {job_peak:.2f}) | completes, < 2 GiB: {verdict(peak < 2)} |",
        f"| SMAA, {draws:,} draws × 2 samplings at {m} × {n} | | {seconds:.1f} | | {smaa_peak:.2f} | < 2 GiB: "
        f"{verdict(smaa_peak < 2)} |",
        "",
    ]


def cluster_section(lines):
    """The measured runs of tests/cluster/run.sh (CLUSTER_RECORD=benchmarks/cluster_runs.tsv)."""
    runs = ROOT / "benchmarks/cluster_runs.tsv"
    if not runs.exists():
        return
    table = pd.read_csv(runs, sep="\t")
    lines += [
        "## On a SLURM cluster (`tests/cluster/run.sh`: a single node of this machine kind)",
        "",
        "| date | run | through SLURM (s) | locally, --cores 2 (s) | ratio | jobs submitted | result files identical |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.date} | {r.scenario} | {r.slurm_seconds} | {r.local_seconds} | {r.slurm_seconds / r.local_seconds:.1f} | "
        f"{r.jobs_submitted} | {r.result_files} |"
        for r in table.itertuples()
    ]
    lines += [
        "",
        "`default` is the shipped config and data; `smaa_chunks` the .test scenario CI runs. Only the heavy steps are "
        "submitted (profiles/slurm, the Snakefile's localrules); each submitted job starts its own Snakemake and is "
        "polled with squeue. Before this profile the default run took about 486 s through SLURM against 31 s locally "
        "(docs/peer_libraries.md).",
        "",
    ]


def machine_lines() -> list[str]:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("numpy", "scipy", "pandas", "snakemake"))
    return [
        f"- machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}",
        f"- measured: {time.strftime('%Y-%m-%d')}",
        "",
    ]


# The section of RESULTS.md measured by hand (install, test runs, CI), which the script keeps as it finds it.
BY_HAND = "## Measured by hand"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and no pipeline run (for CI)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/RESULTS.md")
    parser.add_argument("--against", metavar="REV", help="also time cold runs of the project at this git revision, in turn")
    args = parser.parse_args(argv)
    sizes = [(7, 19), (200, 20)] if args.smoke else [(7, 19), (100_000, 20), (1_000_000, 20)]
    repeats = 2 if args.smoke else args.repeats
    lines = [
        "# Benchmarks",
        "",
        "Written by `python benchmarks/run_benchmarks.py`" + (" --smoke" if args.smoke else "") + ".",
        "",
    ]
    lines += machine_lines()
    mcda_section(sizes, repeats, lines)
    smaa_section(1_000 if args.smoke else 100_000, repeats, lines)
    if not args.smoke:
        pipeline_section(repeats, lines)
        if args.against:
            against_section(args.against, repeats, lines)
        scale_section(lines)
    cluster_section(lines)
    kept = args.out.read_text(encoding="utf-8").partition(BY_HAND)[2] if args.out.exists() else ""
    lines += [BY_HAND + kept.rstrip("\n")] if kept else []
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
