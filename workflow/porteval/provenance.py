"""What made a run besides its files (the git commit, the files that differ from it, Python and package versions),
and the checksum of a file: read by the report and by the run's crate (porteval.crate)."""

from __future__ import annotations

import hashlib
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = ("porteval", "snakemake", "numpy", "scipy", "pandas", "matplotlib", "papermill", "nbconvert", "pyyaml", "rocrate")


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


NOT_A_CHECKOUT = "unknown (not a git checkout)"


def git_commit(folder: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return NOT_A_CHECKOUT


def git_changes(folder: Path) -> list[str]:
    """The tracked files that differ from the commit (``git status --porcelain``, untracked files left out): a
    run made from a modified tree says so, and which files."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=folder, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return []
    return sorted(line[3:] for line in out.stdout.splitlines() if line.strip())


def run_facts(folder: Path = Path(".")) -> dict:
    """What made a run besides its files: the git commit and the tracked files that differ from it, Python and
    the package versions. The report states them itself, so that it needs no provenance record to be made."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "git_commit": git_commit(folder),
        "git_modified_files": git_changes(folder),
        "python": platform.python_version(),
        "packages": versions,
    }
