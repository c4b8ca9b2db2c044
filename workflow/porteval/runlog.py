"""Logging for the pipeline's rule scripts: messages and warnings go to the rule's log file."""

from __future__ import annotations

import logging
import warnings


def rule_logger(log_path: str, name: str) -> logging.Logger:
    """A logger writing to ``log_path`` (and capturing Python warnings there too)."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.handlers[:] = [handler]
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").handlers[:] = [handler]
    warnings.simplefilter("always")
    return logger
