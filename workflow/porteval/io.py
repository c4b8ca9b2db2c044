"""Reading raw data (tidy files and yearbook-style wide sheets) and writing deterministic tables."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .validate import RAW_COLUMNS

FLOAT_FORMAT = "%.10g"
OBSERVATION_COLUMNS = ["entity", "indicator", "year", "value", "unit", "qualifier", "source_id", "quote", "note", "file", "line"]


def read_tidy(paths) -> pd.DataFrame:
    """Concatenate validated tidy raw files, keeping each row's file and line for the audit trail."""
    frames = []
    for path in sorted(map(str, paths)):
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        df = df[df[list(RAW_COLUMNS)].apply(lambda r: any(v.strip() for v in r), axis=1)]
        df["file"] = path
        df["line"] = df.index + 2  # header is line 1 (validated files have no multi-line fields)
        if "qualifier" not in df:
            df["qualifier"] = "exact"
        df["qualifier"] = df["qualifier"].replace("", "exact")
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=OBSERVATION_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype(float)
    return out[OBSERVATION_COLUMNS]


def read_observations(paths) -> pd.DataFrame:
    """The tidy observation tables written by the ingest rule (one per raw file), as one table."""
    frames = [pd.read_csv(p, keep_default_na=False, dtype={"source_id": str}) for p in paths]
    return pd.concat(frames, ignore_index=True)


def read_wide_sheet(spec: dict, catalogue) -> pd.DataFrame:
    """Read a yearbook-style sheet (indicators as rows, years as columns) into tidy rows.

    ``spec`` is one entry of ``data.wide_sheets`` in the config: the file, the entity, the
    source, the label column and the mapping from printed row labels to indicator codes.
    Rows not in the mapping are ignored; empty cells are missing values.
    """
    path = Path(spec["path"])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet = pd.read_excel(path, sheet_name=spec.get("sheet", 0), dtype=str)
    else:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    label = spec.get("label_column", "indicator")
    if label not in sheet.columns:
        raise ValueError(f"{path}: no label column {label!r} (columns: {', '.join(map(str, sheet.columns))})")
    rows = []
    for i, rec in sheet.iterrows():
        code = spec["rows"].get(str(rec[label]).strip())
        if code is None:
            continue
        for col in sheet.columns:
            if col == label or not str(col).strip().isdigit():
                continue
            text = "" if pd.isna(rec[col]) else str(rec[col]).strip()
            if not text:
                continue
            try:
                value = float(text)
            except ValueError:
                raise ValueError(
                    f"{path}: row {i + 2} ({rec[label]!r}), column {col!r}: {text!r} is not a plain number"
                ) from None
            rows.append(
                {
                    "entity": spec["entity"],
                    "indicator": code,
                    "year": int(col),
                    "value": value,
                    "unit": catalogue.indicators.at[code, "unit"],
                    "qualifier": spec.get("qualifier", "exact"),
                    "source_id": spec["source_id"],
                    "quote": "",
                    "note": f"wide sheet row {rec[label]!r}",
                    "file": str(path),
                    "line": i + 2,
                }
            )
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)


def write_csv(df: pd.DataFrame, path) -> None:
    """Write a CSV atomically (temporary file, then rename) with a fixed float format."""
    atomic_write_text(path, df.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n"))


def atomic_write_text(path, text: str) -> None:
    """Write text so that a reader never sees a half-written file, even if the process dies."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the permissions of any other output
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
