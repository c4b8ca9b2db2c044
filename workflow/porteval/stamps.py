"""Re-running on a change of content, not only of time: Snakemake compares modification times, so a file restored
with an older time (``cp -p``, ``rsync -a``, ``tar x``, ``unzip``, a git checkout of an older version kept by a
tool) would be taken as unchanged. At every parse the workflow records each input's checksum; a file whose content
differs from the last record while its time did not move forward is touched, so that Snakemake re-runs what
depends on it."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from .io import WRITTEN, record_written
from .provenance import sha256

RECORD = ".snakemake/porteval-inputs.json"


def touch_changed(paths, record: str | Path = RECORD) -> list[str]:
    """Touch every file of ``paths`` whose content changed since the last record but whose modification time is
    not later than the recorded one; record every file's checksum and time. Returns the files touched. Without a
    writable record (a read-only .snakemake/) nothing is touched and times alone decide, as in plain Snakemake."""
    record = Path(record)
    try:
        known = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    except (OSError, ValueError):
        known = {}
    touched, now = [], {}
    for path in sorted({str(p) for p in paths if Path(p).is_file()}):
        digest, mtime = sha256(Path(path)), os.stat(path).st_mtime
        before = known.get(path)
        if before and before["sha256"] != digest and mtime <= before["mtime"]:
            os.utime(path)
            touched.append(path)
            mtime = os.stat(path).st_mtime
        now[path] = {"sha256": digest, "mtime": mtime}
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_suffix(".tmp")
        tmp.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(record)
    except OSError:
        return []
    return touched


def damaged_outputs(written: Path = WRITTEN) -> list[str]:
    """The results whose content is no longer what the job that wrote them wrote (io.atomic_write_text records it):
    cut short, or edited by hand. The mark holds the checksum, and the size and modification time its content was
    last confirmed with; a result whose size or time differs from them is hashed. A result that a failed job's
    clean-up or the user removed is not damaged, only missing, and Snakemake makes it again."""
    damaged = []
    for mark in sorted(Path(written).rglob("*.sha256")):
        path = mark.relative_to(written).with_suffix("")
        if not path.is_file():
            continue
        digest, *known = mark.read_text(encoding="utf-8").split()
        now = path.stat()
        if known == [str(now.st_size), str(now.st_mtime_ns)]:
            continue  # the size and time its content was last confirmed with: not hashed again at every start
        if sha256(path) != digest:
            damaged.append(str(path))
        else:  # the same content with another time (Snakemake touches a job's outputs when it ends): remember it
            with contextlib.suppress(OSError):
                record_written(path, digest, mark)
    return damaged


STUDY_FOLDERS = ("studies", "tables", "figures", "robustness", "reproduction", "audit")  # results/<kind>/<study>/


def stale_studies(results, studies) -> list[str]:
    """The folders of ``results`` made for a study that the configuration no longer has (an earlier run's, with
    another config or a renamed study): nothing updates them, so the workflow lists them at each start."""
    return [
        str(folder)
        for kind in STUDY_FOLDERS
        if (Path(results) / kind).is_dir()
        for folder in sorted((Path(results) / kind).iterdir())
        if folder.is_dir() and folder.name not in studies
    ]
