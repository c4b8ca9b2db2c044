"""Which package code a rule script uses: the porteval modules it imports, directly or through other modules."""

from __future__ import annotations

import ast
import hashlib
import json
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def _imports(path: Path) -> frozenset[str]:
    """The porteval module names a file imports (``from porteval.x import``, ``from .x import``, ``import porteval.x``)."""
    names = set()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":  # a notebook: its code cells
        cells = json.loads(text)["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    for node in ast.walk(ast.parse(text)):
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
