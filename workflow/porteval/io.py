"""Reading raw data (tidy files and yearbook-style wide sheets) and writing deterministic tables."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pandas as pd

from .validate import RAW_COLUMNS, parse_raw, wide_sheet_rows

FLOAT_FORMAT = "%.10g"
OBSERVATION_COLUMNS = ["entity", "indicator", "year", "value", "unit", "qualifier", "source_id", "quote", "note", "file", "line"]


FREE_TEXT = ("quote", "note")  # columns of free text that results/ tables carry on
FORMULA_START = ("=", "+", "-", "@")


def as_text(value: str) -> str:
    """Free text as a spreadsheet shows it, never as a formula: a leading =, +, - or @ gets an apostrophe
    before it (the OWASP advice for CSV injection); the raw file keeps the text as written."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def rows_frame(file: str, rows) -> pd.DataFrame:
    """Parsed raw rows (:class:`porteval.validate.RawRow`) as observations, each with its file and line."""
    records = [
        {**{c: r.values.get(c, "") for c in RAW_COLUMNS}, "qualifier": r.values.get("qualifier") or "exact"}
        | {"file": file, "line": r.line}
        for r in rows
    ]
    out = pd.DataFrame(records, columns=OBSERVATION_COLUMNS)
    for column in FREE_TEXT:
        out[column] = out[column].map(as_text)
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype(float)
    return out


def _parsed(file: str, parsed) -> list:
    rows, problems = parsed
    if problems:  # the validate rules run first; reaching this means a file changed between validation and ingest
        raise ValueError(f"{file} does not validate: {problems[0]} (run `porteval validate`)")
    return rows


def read_tidy(paths) -> pd.DataFrame:
    """Validated tidy raw files as observations, parsed by the one reader validation uses (:func:`parse_raw`)."""
    frames = [rows_frame(str(p), _parsed(str(p), parse_raw(Path(p)))) for p in sorted(map(str, paths))]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=OBSERVATION_COLUMNS)


def read_observations(paths) -> pd.DataFrame:
    """The tidy observation tables the entity and ingest jobs write (one per entity, one per raw file named after no
    entity), as one table; free text stays text."""
    frames = [pd.read_csv(p, keep_default_na=False, dtype={"source_id": str, "quote": str, "note": str}) for p in paths]
    if not frames:  # an entity no raw file holds yet
        return pd.DataFrame(columns=[*OBSERVATION_COLUMNS, "usable"]).astype({"usable": bool, "year": int, "value": float})
    return pd.concat(frames, ignore_index=True)


def read_wide_sheet(spec: dict, catalogue) -> pd.DataFrame:
    """A yearbook-style sheet declared in ``data.wide_sheets``, as observations (the rows validation checked)."""
    return rows_frame(spec["path"], _parsed(spec["path"], wide_sheet_rows(spec, catalogue)))


def write_csv(df: pd.DataFrame, path) -> None:
    """Write a CSV atomically (temporary file, then rename) with a fixed float format."""
    atomic_write_text(path, df.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n"))


# Every file a job writes under results/ leaves its checksum under WRITTEN (in a project that Snakemake has run in):
# a result changed afterwards, cut short or edited by hand, is found before the next run reads it
# (stamps.damaged_outputs); Snakemake alone would take it as a newer input.
RESULTS, WRITTEN = "results", Path(".snakemake/porteval-written")


def atomic_write_text(path, text: str) -> None:
    """Write text so that a reader never sees a half-written file, even if the process dies."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path, data: bytes) -> None:
    """Write ``data`` so that a reader never sees a half-written file, even if the process dies; a result (a file
    under results/) has its checksum recorded (WRITTEN), a figure as a table."""
    path = Path(path)
    _replace_atomically(path, data)
    relative = Path(os.path.relpath(path))
    if relative.parts[:1] == (RESULTS,) and WRITTEN.parent.is_dir():
        try:
            record_written(path, hashlib.sha256(data).hexdigest(), WRITTEN / f"{relative}.sha256")
        except OSError:  # a read-only .snakemake/: the result stands, only its check at the next start is lost
            pass


def record_written(path: Path, digest: str, mark: Path) -> None:
    """Write ``mark``: the checksum of ``path``'s content, with the size and time the file has now, so that a start
    that finds it so need not hash it again (stamps.damaged_outputs reads it)."""
    now = path.stat()
    _replace_atomically(mark, f"{digest} {now.st_size} {now.st_mtime_ns}".encode())


def _replace_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the permissions of any other output
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
