"""porteval.runlog: a rule script's messages and warnings go to its log; an error that ends it leaves its traceback
there and one line naming the log on the console."""

import logging
import subprocess
import sys
import warnings

from porteval.runlog import rule_logger


def test_messages_and_warnings_go_to_the_log(tmp_path, monkeypatch):
    path = tmp_path / "rule.log"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # rule_logger sets it: restored after the test
    with warnings.catch_warnings():
        log = rule_logger(str(path), "some_rule")
        log.info("%d cell(s) %s", 3, "missing")
        warnings.warn("a NumPy-style warning", RuntimeWarning, stacklevel=1)
        first = log.handlers[0]
        again = rule_logger(str(tmp_path / "again.log"), "some_rule")  # the same rule's logger asked for again
        assert again.handlers != [first] and first.stream is None  # the earlier file is closed
        logging.captureWarnings(False)
        again.handlers[0].close()
    text = path.read_text(encoding="utf-8")
    assert "INFO 3 cell(s) missing" in text and "a NumPy-style warning" in text


def test_an_error_that_ends_a_script_is_logged_with_its_traceback(tmp_path):
    path = tmp_path / "rule.log"
    script = (
        "from porteval.runlog import rule_logger\n"
        f"rule_logger({str(path)!r}, 'study x')\n"
        "def step():\n    raise ValueError('C21 has no value in 2016')\n"
        "step()\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode != 0
    assert run.stderr.strip() == f"study x failed: C21 has no value in 2016 (details: {path})"
    logged = path.read_text(encoding="utf-8")
    assert "ERROR ValueError: C21 has no value in 2016" in logged and "in step" in logged
