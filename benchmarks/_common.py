"""Shared helpers for benchmark scripts: timing subprocesses, the result line."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_command(argv: list[str], env: dict | None = None, repeats: int = 5) -> list[float]:
    """Wall-clock seconds of each of ``repeats`` runs of ``argv`` (must exit 0)."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, env={**os.environ, **(env or {})},
                              capture_output=True, text=True)
        times.append(time.perf_counter() - began)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return times


def median(values) -> float:
    return statistics.median(values)


def report(result: dict) -> None:
    """Print the one JSON line every benchmark ends with."""
    print(json.dumps(result), flush=True)
