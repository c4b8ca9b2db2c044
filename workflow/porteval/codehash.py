"""Which package code a rule script uses: the porteval modules it imports, directly or through other modules, and
the package's data files those modules read (porteval/papers.yaml and its schema)."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


_IMPORT_LINE = re.compile(r"^[ \t]*(from[ \t]+[\w.]+[ \t]+import\b.*|import[ \t]+porteval\..*)$", re.MULTILINE)
# A data file of the package that a module names (``Path(__file__).parent / "papers.yaml"``): part of its code.
_DATA_FILE = re.compile(r"""["']([\w.-]+\.(?:yaml|yml|json|csv))["']""")


def _statements(text: str):
    """The import statements of a text, each as code of its own (a parenthesised list joined up to its ``)``):
    parsing only these, not the whole module, is what keeps a no-op run's start short. A line in a docstring that
    reads like an import is taken too: a module too many only makes a rule re-run, never miss a change."""
    for match in _IMPORT_LINE.finditer(text):
        line = match.group(1)
        if "(" in line and ")" not in line:
            close = text.find(")", match.end())
            line = text[match.start(1) : close + 1] if close >= 0 else line
        yield line


def _module(parts: list[str]) -> set[Path]:
    """The files of the package module ``parts`` (relative to the package), if it exists: a module's file, or a
    subpackage's every module (porteval.reproductions loads its plug-ins by name, which no import shows)."""
    base = PACKAGE.joinpath(*parts) if parts else PACKAGE
    if base.with_suffix(".py").is_file():
        return {base.with_suffix(".py")}
    if (base / "__init__.py").is_file():
        return set(base.glob("*.py"))
    return set()


@cache
def _imports(path: Path) -> frozenset[Path]:
    """The package files a file imports (``from porteval.x import``, ``from .x import``, ``from ..x import`` in a
    subpackage, ``import porteval.x``), and the package data files it names."""
    found: set[Path] = set()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":  # a notebook: its code cells
        cells = json.loads(text)["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    here = path.parent.relative_to(PACKAGE).parts if path.is_relative_to(PACKAGE) else ()
    for statement in _statements(text):
        try:
            (node,) = ast.parse(statement.strip()).body
        except SyntaxError:  # prose that reads like an import
            continue
        if isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")
            if node.level:  # relative to the file's own package, one level up per dot after the first
                base = list(here[: len(here) - (node.level - 1)]) if node.level - 1 <= len(here) else None
            else:
                base = [] if module[0] == "porteval" else None
                module = module[1:]
            if base is None:
                continue
            parts = base + [m for m in module if m]
            if parts != base:
                found |= _module(parts)
            else:  # from porteval import figures / from . import x: a module, or a name of the package's __init__
                for alias in node.names:
                    found |= _module([*parts, alias.name]) or _module(parts)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("porteval."):
                    found |= _module(alias.name.split(".")[1:])
    if path.is_relative_to(PACKAGE):
        found |= {path.parent / name for name in _DATA_FILE.findall(text) if (path.parent / name).is_file()}
    return frozenset(found - {path})


def used_modules(*scripts: Path) -> list[Path]:
    """The package files the ``scripts`` (or notebooks) use, transitively, with the package's __init__: modules and
    the data files they name."""
    seen: set[Path] = set()
    todo = set().union(*(_imports(Path(s)) for s in scripts))
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            if path.suffix == ".py":
                todo |= _imports(path) - seen
    return [PACKAGE / "__init__.py", *sorted(seen - {PACKAGE / "__init__.py"})]


def package_code_hash(*scripts: Path) -> str:
    """A short checksum of the code of the package modules the ``scripts`` use."""
    digest = hashlib.sha256()
    for module in used_modules(*scripts):
        digest.update(str(module.relative_to(PACKAGE)).encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()[:16]
