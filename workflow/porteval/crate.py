"""results/ro-crate-metadata.json: a run described as a Workflow Run RO-Crate (researchobject.org's Workflow Run
Crate profile, which extends the Process Run Crate and Workflow RO-Crate profiles), written with ro-crate-py.

The crate's root is results/ (the run's outputs); the workflow, its config, the raw data, the sources and the
software live beside it and are referenced by relative paths (``../data/raw/ningbo.csv``). It holds:

- the workflow (the Snakefile, the crate's mainEntity) with its language, version (the git commit) and software;
- one CreateAction for the run: the workflow as instrument, the inputs (every raw file, the sources table, the
  config and the catalogue, each with its SHA-256) and the settings (the config's values) as object, every result
  (with its SHA-256) as result;
- one CreateAction per job that made a result, with the rule as instrument and its input and output files, read
  from the records Snakemake keeps of each output (.snakemake/metadata, which `snakemake --report` reads too).

Two runs of the same inputs give the same bytes: no clock time is written (the crate's date is that of the git
commit), and entities are written in sorted order."""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

from rocrate.rocrate import ROCrate

from .provenance import NOT_A_CHECKOUT, run_facts, sha256

PROFILES = {  # the profiles the crate conforms to, with their versions (RO-Crate 1.3, as ro-crate-py writes)
    "https://w3id.org/ro/wfrun/process/0.6": ("Process Run Crate", "0.6"),
    "https://w3id.org/ro/wfrun/workflow/0.6": ("Workflow Run Crate", "0.6"),
    "https://w3id.org/workflowhub/workflow-ro-crate/1.1": ("Workflow RO-Crate", "1.1"),
}
SNAKEMAKE = {"@id": "https://snakemake.github.io", "name": "Snakemake", "url": "https://snakemake.github.io"}
METADATA = Path(".snakemake/metadata")  # Snakemake's record of each output: rule, inputs (format version 6)


def git_date(folder: Path = Path(".")) -> str | None:
    """The committer date of HEAD (ISO 8601), or None outside a git checkout."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cI"], cwd=folder, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def job_records(results: list[str], metadata: Path = METADATA) -> list[dict]:
    """The jobs that made ``results`` and the results' inputs made by the workflow, from Snakemake's record of each
    output: one dict per job (rule, inputs, outputs), in the order of their first output. A file without a record
    (a source file, or one Snakemake no longer knows) has no job."""
    jobs: dict[tuple, dict] = {}
    seen, todo = set(), sorted(set(results))
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        record_file = metadata / base64.urlsafe_b64encode(path.encode()).decode()
        if not record_file.is_file():
            continue
        record = json.loads(record_file.read_text(encoding="utf-8"))
        job = jobs.setdefault(
            (record["rule"], record.get("job_hash")), {"rule": record["rule"], "inputs": sorted(record["input"]), "outputs": []}
        )
        job["outputs"].append(path)
        todo.extend(p for p in record["input"] if p.startswith("results/") and p not in seen)
    ordered = sorted(jobs.values(), key=lambda j: (j["rule"], min(j["outputs"])))
    for job in ordered:
        job["outputs"].sort()
    return ordered


def _flat(value, prefix: str = "") -> list[tuple[str, str]]:
    """A config as (dotted key, value) pairs; a list is one value (JSON)."""
    if isinstance(value, dict):
        return [pair for key in sorted(value) for pair in _flat(value[key], f"{prefix}.{key}" if prefix else str(key))]
    return [(prefix, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))]


def _ref(path: str) -> str:
    """A file's id seen from results/, the crate's root."""
    return path.removeprefix("results/") if path.startswith("results/") else f"../{path}"


def build_crate(inputs: list[str], results: list[str], config: dict, jobs: list[dict], folder: Path = Path(".")) -> dict:
    """The crate's JSON-LD (a dict). ``inputs`` and ``results`` are paths relative to the project's folder."""
    facts = run_facts(folder)
    crate = ROCrate()
    root = crate.root_dataset
    root["name"] = "porteval run: Zeng et al. (2022) and Zhang re-done from public statistics"
    root["description"] = (
        "A run of the porteval Snakemake workflow: every input with its SHA-256, the settings, every job with its "
        "inputs and outputs, and every result with its SHA-256."
    )
    root["license"] = {"@id": "https://spdx.org/licenses/MIT"}
    date = git_date(folder)
    if date:
        root["datePublished"] = date
    else:
        root._jsonld.pop("datePublished", None)  # noqa: SLF001 (no clock time: two identical runs, the same bytes)
    root["conformsTo"] = [{"@id": url} for url in PROFILES]
    for url, (name, version) in PROFILES.items():
        crate.add_jsonld({"@id": url, "@type": "CreativeWork", "name": name, "version": version})

    software = [{"@id": "#python", "@type": "SoftwareApplication", "name": "Python", "version": facts["python"]}]
    software += [
        {"@id": f"#{name}", "@type": "SoftwareApplication", "name": name, "version": version}
        for name, version in sorted(facts["packages"].items())
    ]
    for entity in software:
        crate.add_jsonld(dict(entity))
    crate.add_jsonld({**SNAKEMAKE, "@type": "ComputerLanguage", "version": facts["packages"].get("snakemake", "")})
    workflow = {
        "@id": "../Snakefile",
        "@type": ["File", "SoftwareSourceCode", "ComputationalWorkflow"],
        "name": "porteval workflow",
        "programmingLanguage": {"@id": SNAKEMAKE["@id"]},
        "softwareRequirements": [{"@id": s["@id"]} for s in software],
        "sha256": sha256(folder / "Snakefile"),
    }
    if facts["git_commit"] != NOT_A_CHECKOUT:
        workflow["version"] = facts["git_commit"]
    crate.add_jsonld(dict(workflow))
    root["mainEntity"] = {"@id": workflow["@id"]}

    files = sorted({str(p) for p in inputs} | {str(p) for p in results} | {p for j in jobs for p in j["inputs"] + j["outputs"]})
    for path in files:
        entity = {"@id": _ref(path), "@type": "File", "name": path}
        if (folder / path).is_file():
            entity["sha256"] = sha256(folder / path)
        crate.add_jsonld(dict(entity))
    root["hasPart"] = [{"@id": workflow["@id"]}] + [{"@id": _ref(p)} for p in files]
    settings = []
    for key, value in _flat(config):
        settings.append({"@id": f"#setting/{key}", "@type": "PropertyValue", "name": key, "value": value})
        crate.add_jsonld(dict(settings[-1]))

    modified = facts["git_modified_files"]
    crate.add_jsonld(
        {
            "@id": "#run",
            "@type": "CreateAction",
            "name": "porteval run",
            "description": (
                f"Made from git commit {facts['git_commit']}"
                + (f", modified in {len(modified)} tracked file(s): {', '.join(modified)}" if modified else "")
                + "."
            ),
            "instrument": {"@id": workflow["@id"]},
            "object": [{"@id": _ref(p)} for p in sorted({str(p) for p in inputs})] + [{"@id": s["@id"]} for s in settings],
            "result": [{"@id": _ref(p)} for p in sorted({str(p) for p in results})],
        }
    )
    for rule in sorted({j["rule"] for j in jobs}):
        crate.add_jsonld({"@id": f"#rule/{rule}", "@type": "SoftwareApplication", "name": f"Snakemake rule {rule}"})
    for i, job in enumerate(jobs, 1):
        crate.add_jsonld(
            {
                "@id": f"#job/{i}",
                "@type": "CreateAction",
                "name": f"{job['rule']} job",
                "instrument": {"@id": f"#rule/{job['rule']}"},
                "object": [{"@id": _ref(p)} for p in job["inputs"]],
                "result": [{"@id": _ref(p)} for p in job["outputs"]],
            }
        )
    # The profiles ask the root to mention the actions of the run (Process Run Crate: "mentions").
    root["mentions"] = [{"@id": "#run"}] + [{"@id": f"#job/{i}"} for i in range(1, len(jobs) + 1)]
    crate.metadata.extra_terms["sha256"] = "https://w3id.org/ro/terms/workflow-run#sha256"
    return crate.metadata.generate()


def to_json(crate: dict) -> str:
    return json.dumps(crate, indent=2, ensure_ascii=False) + "\n"
