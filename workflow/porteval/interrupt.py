"""Ctrl-C during a run: the first stops it as Snakemake stops it (its running jobs ended, their outputs removed, the
onerror handler run); a second, pressed while Snakemake cleans up, is ignored. Left to asyncio, the second broke
Snakemake's clean-up with a traceback ("Cannot close a running event loop") and left the report's folder empty."""

from __future__ import annotations

import signal
import sys


def _first_interrupt(signum, frame):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("porteval: interrupted; stopping the running jobs (a second Ctrl-C is ignored)", file=sys.stderr)
    raise KeyboardInterrupt


def one_interrupt() -> None:
    """Make the first Ctrl-C (SIGINT) stop the run and every later one ignored (asyncio then leaves SIGINT alone)."""
    signal.signal(signal.SIGINT, _first_interrupt)
