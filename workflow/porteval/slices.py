"""The part of the catalogue each job reads, as files of its own: Snakemake re-runs a job when an input file
changes, so a job that took the whole catalogue ran again after any edit of it (a port added to entities.yaml
re-ran every job). A part holds the entities the job reads and every indicator: a study's comparison with a
paper asks which of a subsystem's indicators the study leaves out, so the indicators are not cut to the study's.
Each part is written at parse time, and only when its content changed."""

from __future__ import annotations

from pathlib import Path

import yaml

from .inputs import SAFE_DUMPER, read_yaml
from .io import atomic_write_text


def write_slices(indicators_path, entities_path, folder, parts: dict) -> dict[str, list[str]]:
    """Write, for each key of ``parts``, the part of the catalogue its jobs read, and return its two files (the
    indicators', the entities') by key, in the order :func:`porteval.catalogue.load_catalogue` takes them.

    ``parts``: key (a relative folder, e.g. ``studies/four_ports``) -> entity names; a port brings its city (the
    catalogue requires it). A part is rewritten only when its content changed; the parts of keys no longer asked
    for are removed."""
    sources = {"indicators": indicators_path, "entities": entities_path}
    whole = {name: read_yaml(path) for name, path in sources.items()}
    ports = whole["entities"]["ports"]

    def text(name, content):
        head = f"# The part of {sources[name]} that these jobs read, written by the workflow: edit {sources[name]}.\n"
        # libyaml's emitter where PyYAML has it: the same text at a sixth of the time, at every start
        return head + yaml.dump(content, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=1000)

    indicators = text("indicators", whole["indicators"])  # every part holds every indicator: one text for all
    folder = Path(folder)
    files = {}
    for key, entities in parts.items():
        wanted = set(entities) | {ports[e]["city"] for e in entities if e in ports}
        chosen = {kind: {e: v for e, v in whole["entities"][kind].items() if e in wanted} for kind in ("ports", "cities")}
        files[key] = []
        for name, content in (("indicators", indicators), ("entities", text("entities", chosen))):
            path = folder / key / f"{name}.yaml"
            if not path.is_file() or path.read_text(encoding="utf-8") != content:
                atomic_write_text(path, content)
            files[key].append(str(path))
    for part in sorted(folder.rglob("indicators.yaml")):
        if part.parent.relative_to(folder).as_posix() not in parts:
            for name in sources:
                (part.parent / f"{name}.yaml").unlink(missing_ok=True)
            if not any(part.parent.iterdir()):
                part.parent.rmdir()
    return files
