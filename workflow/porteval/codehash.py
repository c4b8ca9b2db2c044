"""Which package code a rule script uses: the porteval modules it imports, directly or through other modules."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


_IMPORT_LINE = re.compile(r"^[ \t]*(from[ \t]+[\w.]+[ \t]+import\b.*|import[ \t]+porteval\..*)$", re.MULTILINE)


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


@cache
def _imports(path: Path) -> frozenset[str]:
    """The porteval module names a file imports (``from porteval.x import``, ``from .x import``, ``import porteval.x``)."""
    names = set()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":  # a notebook: its code cells
        cells = json.loads(text)["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    for statement in _statements(text):
        try:
            (node,) = ast.parse(statement.strip()).body
        except SyntaxError:  # prose that reads like an import
            continue
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1 or module.split(".")[0] == "porteval":
                base = module.removeprefix("porteval").lstrip(".")
                if base:
                    names.add(base.split(".")[0])
                else:  # from porteval import figures / from . import x
                    names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("porteval."))
    return frozenset(n for n in names if (PACKAGE / f"{n}.py").exists())


def used_modules(*scripts: Path) -> list[Path]:
    """The package modules the ``scripts`` (or notebooks) use, transitively, with the package's __init__."""
    seen, todo = set(), set().union(*(_imports(Path(s)) for s in scripts))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo |= _imports(PACKAGE / f"{name}.py") - seen
    return [PACKAGE / "__init__.py", *sorted(PACKAGE / f"{n}.py" for n in seen)]


def package_code_hash(*scripts: Path) -> str:
    """A short checksum of the code of the package modules the ``scripts`` use."""
    digest = hashlib.sha256()
    for module in used_modules(*scripts):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()[:16]
