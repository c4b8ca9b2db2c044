"""porteval.io: results are written whole or not at all, with one float format, their checksums recorded for the
next start; free text never becomes a spreadsheet formula; an entity with no file of its own reads as no values."""

import hashlib
import os
import stat

import pandas as pd
import pytest

from porteval.io import WRITTEN, as_text, atomic_write_text, read_observations, write_csv


def test_a_result_is_recorded_and_a_file_elsewhere_is_not(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".snakemake").mkdir()
    atomic_write_text("results/a/b.txt", "x\n")
    atomic_write_text("notes.txt", "y\n")
    written = (tmp_path / "results/a/b.txt").stat()
    mark = (WRITTEN / "results/a/b.txt.sha256").read_text(encoding="utf-8")
    digest = hashlib.sha256(b"x\n").hexdigest()
    assert mark == f"{digest} {written.st_size} {written.st_mtime_ns}"
    assert not (WRITTEN / "notes.txt.sha256").exists()


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "t.txt"
    atomic_write_text(path, "old\n")

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        atomic_write_text(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["t.txt"]


def test_a_result_has_the_permissions_of_any_other_file(tmp_path):
    atomic_write_text(tmp_path / "r.txt", "x\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "r.txt").stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


def test_floats_are_written_in_one_format_whatever_their_history(tmp_path):
    write_csv(pd.DataFrame({"x": [0.1 + 0.2, 1 / 3, 1e-12, 2.0]}), tmp_path / "a.csv")
    write_csv(pd.DataFrame({"x": [0.3, 0.3333333333333333, 1e-12, 2]}).astype(float), tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


@pytest.mark.parametrize(
    ("text", "shown"), [("=SUM(1)", "'=SUM(1)"), ("+1", "'+1"), ("-x", "'-x"), ("@a", "'@a"), ("a=b", "a=b")]
)
def test_free_text_is_never_a_formula(text, shown):
    assert as_text(text) == shown


def test_no_observation_files_read_as_an_empty_table_of_the_right_types():
    empty = read_observations([])
    assert empty.empty and empty["usable"].dtype == bool and empty["value"].dtype == float
