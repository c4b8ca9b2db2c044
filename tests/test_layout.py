"""The workflow's layout holds as the README states it: every rule is benchmarked and logged, and every rule script
is thin, documented, and talks to Snakemake only through its inputs, outputs, parameters and log."""

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
RULE_FILES = [ROOT / "Snakefile", *sorted((ROOT / "workflow/rules").glob("*.smk"))]


def _rules() -> dict[str, str]:
    """Every rule's block, by name: ``rule NAME:`` blocks, and ``rule:`` blocks named by their ``name:`` directive
    (a rule written once per study)."""
    rules = {}
    for path in RULE_FILES:
        for block in re.split(r"(?m)^(?=\s*rule( \w+)?:)", path.read_text(encoding="utf-8")):
            m = re.match(r"\s*rule(?: (\w+))?:", block or "")
            if m:
                rules[m.group(1) or re.search(r"name:\s*\n?\s*(\S+)", block).group(1)] = block
    return rules


RULES = _rules()
SCRIPTS = sorted((ROOT / "workflow/scripts").glob("*.py"))


def test_the_rules_are_found():
    """The blocks read here are the rules Snakemake knows (the rule written once per study: one, robustness_*)."""
    import subprocess
    import sys

    listed = subprocess.run(
        [sys.executable, "-m", "snakemake", "--list-rules"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    known = {line.split()[0] for line in listed.splitlines() if line and not line[0].isspace()}
    studies = {r for r in known if r.startswith("robustness_") and r != "robustness_smaa"}  # one per study
    template = {r for r in RULES if r.startswith('f"robustness_')}
    conditional = {"robustness_smaa"}  # defined only when SMAA is split into chunks
    shipped = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))["studies"]
    assert len(template) == 1 and studies == {f"robustness_{name.replace('-', '_')}" for name in shipped}
    assert known - studies - conditional == set(RULES) - template - conditional


@pytest.mark.parametrize("rule", sorted(set(RULES) - {"all"}))
def test_every_rule_has_a_benchmark_a_log_and_a_docstring(rule):
    block = RULES[rule]
    assert "benchmark:" in block and "log:" in block, rule
    assert re.match(r'\s*rule( \w+)?:\n\s+"""', block), f"{rule} has no docstring"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_rule_script_is_documented_and_uses_only_its_declared_files_and_parameters(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{script.name} has no module docstring"
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "snakemake"
    }
    assert used <= {"input", "output", "params", "log"}, (
        f"{script.name} uses snakemake.{used - {'input', 'output', 'params', 'log'}}"
    )


def test_every_script_serves_a_rule():
    named = {m for block in RULES.values() for m in re.findall(r'"\.\./scripts/(\w+\.py)"', block)}
    assert {p.name for p in SCRIPTS} == named


def _package_imports() -> dict[str, set[str]]:
    """Each module of the package (dotted, relative to porteval) with the package modules it imports, at the top or
    inside a function."""
    import ast

    root = ROOT / "workflow/porteval"
    modules = {".".join(p.relative_to(root).with_suffix("").parts): p for p in root.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        package = name.split(".")[:-1]
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                target = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            elif (node.module or "").split(".")[0] == "porteval":
                target = node.module.split(".")[1:]
            else:
                continue
            for candidate in [*(".".join([*target, a.name]) for a in node.names), ".".join(target)]:
                found = next((m for m in (candidate, f"{candidate}.__init__") if m in modules and m != name), None)
                if found:
                    graph[name].add(found)
                    break
    return graph


def test_the_package_has_no_import_cycle():
    """Modules import downwards only (in-function imports included): a cycle is what made a job's code checksum
    follow code it never runs (porteval.codehash), and what the claims, multiverse and robustness modules had."""
    graph = _package_imports()
    done, path = set(), []

    def visit(module):
        if module in path:
            pytest.fail("import cycle: " + " -> ".join([*path[path.index(module) :], module]))
        if module not in done:
            path.append(module)
            for imported in sorted(graph[module]):
                visit(imported)
            path.pop()
            done.add(module)

    for module in sorted(graph):
        visit(module)


def test_every_code_cell_of_the_report_notebook_compiles():
    """A syntax error in the notebook shows only when the report job runs it, at the end of a whole run (a nested
    quote in an f-string did): compiled here with the Python the tests run."""
    import json

    cells = json.loads((ROOT / "notebooks/report.ipynb").read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(c for c in cells if c["cell_type"] == "code"):
        compile("".join(cell["source"]), f"notebooks/report.ipynb, code cell {i + 1}", "exec")
