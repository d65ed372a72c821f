"""Keras is a hard dependency: tests that need it fail without it, never skip.

A test file that ``importorskip``s Keras would report "skipped" on a machine
where Keras is broken or missing, and the suite would pass with the model
library untested.
"""

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
KERAS_TESTS = ["core/test_zoo_param_counts.py", "core/test_zoo_structure.py",
               "core/test_zoo_seven_methods.py", "core/test_lrn.py"]


def test_keras_tests_error_rather_than_skip_when_keras_is_missing(tmp_path):
    broken = tmp_path / "keras"
    broken.mkdir()
    # What Python raises for a package that is not installed (importorskip skips on it).
    (broken / "__init__.py").write_text(
        "raise ModuleNotFoundError('keras is missing (test)', name='keras')\n")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "--rootdir", str(TESTS.parent), *(str(TESTS / name) for name in KERAS_TESTS)],
        capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)})
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-3000:]  # 2: errors during collection
    assert "skipped" not in output.lower(), output[-3000:]
    assert f"{len(KERAS_TESTS)} errors during collection" in output, output[-3000:]
