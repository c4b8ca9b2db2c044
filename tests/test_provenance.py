"""porteval.provenance: a run made from a modified tree says so, and which tracked files differ."""

import subprocess

from porteval.provenance import git_changes, git_commit


def test_a_modified_tracked_file_is_named_and_a_clean_tree_names_none(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "config.yaml").write_text("a: 1\n", encoding="utf-8")
    git("add", "config.yaml")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-q", "-m", "first")
    (tmp_path / "untracked.csv").write_text("x\n", encoding="utf-8")
    assert git_changes(tmp_path) == [] and len(git_commit(tmp_path)) == 40
    (tmp_path / "config.yaml").write_text("a: 2\n", encoding="utf-8")
    assert git_changes(tmp_path) == ["config.yaml"]


def test_outside_a_checkout_nothing_is_claimed(tmp_path):
    assert git_changes(tmp_path) == [] and git_commit(tmp_path).startswith("unknown")
