"""Re-running on a change of content, not only of time: Snakemake compares modification times, so a file restored
with an older time (``cp -p``, ``rsync -a``, ``tar x``, ``unzip``, a git checkout of an older version kept by a
tool) would be taken as unchanged. At every parse the workflow records each input's checksum; a file whose content
differs from the last record while its time did not move forward is touched, so that Snakemake re-runs what
depends on it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

from .inputs import InputError, read_text
from .io import RESULTS, WRITTEN, record_written
from .provenance import sha256

RECORD = ".snakemake/porteval-inputs.json"


def touch_changed(paths, record: str | Path = RECORD) -> list[str]:
    """Touch every file of ``paths`` whose content changed since the last record but whose modification time is
    not later than the recorded one; record every file's checksum and time. Returns the files touched. Without a
    writable record (a read-only .snakemake/) nothing is touched and times alone decide, as in plain Snakemake."""
    record = Path(record)
    try:
        known = json.loads(read_text(record)) if os.path.lexists(record) else {}
    except (InputError, ValueError) as err:
        warn(f"the record of the inputs' checksums {record} is unreadable ({err}): discarded, and written anew")
        known = {}
    if not isinstance(known, dict):
        warn(f"the record of the inputs' checksums {record} is not a table: discarded, and written anew")
        known = {}
    touched, now = [], {}
    for path in sorted({str(p) for p in paths if Path(p).is_file()}):
        digest, mtime = sha256(Path(path)), os.stat(path).st_mtime
        before = known.get(path)
        if _is_entry(before) and before["sha256"] != digest and mtime <= before["mtime"]:
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


def warn(message: str) -> None:
    """One line to the user, as the workflow's other notices at its start."""
    print(f"porteval: {message}", file=sys.stderr)


def _is_entry(entry) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and isinstance(entry.get("mtime"), int | float)


_MARK = re.compile(r"([0-9a-f]{64}) ([0-9]+) ([0-9]+)")  # what io.record_written writes: checksum, size, time in ns


def _discard(mark: Path, why: str) -> None:
    """A record that cannot be used is removed (a result it was for is checked again once a job writes it anew)."""
    warn(f"the damage record {mark} {why}: discarded (it is written anew with its result)")
    with contextlib.suppress(OSError):
        if mark.is_dir() and not mark.is_symlink():
            shutil.rmtree(mark)
        else:
            mark.unlink()


def damaged_outputs(written: Path = WRITTEN) -> list[str]:
    """The results whose content is no longer what the job that wrote them wrote (io.atomic_write_text records it):
    cut short, or edited by hand. The mark holds the checksum, and the size and modification time its content was
    last confirmed with; a result whose size or time differs from them is hashed. A result that a failed job's
    clean-up or the user removed is not damaged, only missing, and Snakemake makes it again.

    A record can only name a file under results/ (the path it is kept under, below ``written``); one that is empty,
    malformed, a folder or unreadable is discarded with a one-line warning, never an error: the workflow (and
    ``snakemake --unlock``) starts whatever is under .snakemake/."""
    damaged = []
    written = Path(written)
    if not written.is_dir():
        return damaged
    results = Path(RESULTS).resolve()
    for mark in sorted(written.rglob("*.sha256")):
        path = mark.relative_to(written).with_suffix("")
        if path.parts[:1] != (RESULTS,) or ".." in path.parts or not path.resolve().is_relative_to(results):
            _discard(mark, f"names {path}, not a file under {RESULTS}/")
            continue
        try:
            found = _MARK.fullmatch(read_text(mark, limit=256).strip())
        except InputError as err:
            _discard(mark, f"cannot be read ({str(err).removeprefix(str(mark)).lstrip(':, ')})")
            continue
        if not found:
            _discard(mark, "is not a checksum, size and time")
            continue
        if not path.is_file() or path.is_symlink():
            continue
        digest, *known = found.groups()
        now = path.stat()
        if known == [str(now.st_size), str(now.st_mtime_ns)]:
            continue  # the size and time its content was last confirmed with: not hashed again at every start
        if sha256(path) != digest:
            damaged.append(str(path))
        else:  # the same content with another time (Snakemake touches a job's outputs when it ends): remember it
            with contextlib.suppress(OSError):
                record_written(path, digest, mark)
    return damaged


DAMAGED_SUFFIX = ".damaged"


def set_aside(paths) -> list[str]:
    """Move each damaged result aside (``x.csv`` to ``x.csv.damaged``, replacing an earlier one), so that the run
    makes it again and the damaged content stays for a look. Returns where they went."""
    moved = []
    for path in paths:
        aside = f"{path}{DAMAGED_SUFFIX}"
        os.replace(path, aside)
        moved.append(aside)
    return moved


# The modes in which Snakemake runs no job (a dry run, --unlock, --touch, the summaries, listings and graphs): a
# damaged result is left as it is, since no job of theirs would make it again.
NO_JOB_OPTIONS = (
    *("dryrun", "unlock", "touch", "summary", "detailed_summary", "lint", "list_rules", "list_target_rules"),
    *("list_changes", "list_untracked", "dag", "rulegraph", "filegraph", "d3dag", "delete_all_output"),
    *("delete_temp_output", "cleanup_metadata", "cleanup_shadow", "report", "containerize", "export_cwl"),
    *("archive", "generate_unit_tests", "conda_create_envs_only", "conda_cleanup_envs", "list_conda_envs"),
    "print_compilation",
)


def remakes_everything(argv) -> bool:
    """Whether the Snakemake command line ``argv`` (read with Snakemake's own parser) runs the jobs of the default
    target (rule all), the only run that makes every damaged result again: not a dry run, not --unlock or another
    mode that runs no job, and no other target. A command line it cannot read counts as not."""
    from snakemake.cli import get_argument_parser

    try:
        args, _ = get_argument_parser().parse_known_args(list(argv))
    except SystemExit:  # argparse's answer to a command line it cannot read
        return False
    if any(getattr(args, option, None) for option in NO_JOB_OPTIONS):
        return False
    return set(args.targets or ()) <= {"all"}


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
