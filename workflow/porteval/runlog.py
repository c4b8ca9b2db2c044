"""Logging for the pipeline's rule scripts: messages, warnings and a failing script's traceback go to the rule's
log file; the console gets one line that names the log."""

from __future__ import annotations

import logging
import sys
import traceback
import warnings


def rule_logger(log_path: str, name: str) -> logging.Logger:
    """A logger writing to ``log_path`` (and capturing Python warnings there too). An exception that ends the
    script is written there with its traceback, and summed up in one line on stderr."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    for old in logger.handlers:  # a logger asked for again: its earlier file is closed, not left open
        old.close()
    logger.handlers[:] = [handler]
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").handlers[:] = [handler]
    warnings.simplefilter("always")

    def log_exception(kind, error, tb):
        logger.error("%s: %s\n%s", kind.__name__, error, "".join(traceback.format_exception(kind, error, tb)))
        handler.flush()
        sys.stderr.write(f"{name} failed: {error} (details: {log_path})\n")

    sys.excepthook = log_exception
    return logger
