"""The window comes up before TensorFlow is imported."""

import subprocess
import sys


def test_window_modules_do_not_import_tensorflow():
    """The window must appear before TensorFlow loads (it loads on the engine)."""
    script = (
        "import sys, dlviz.app.application, dlviz.app.main_window, dlviz.cli\n"
        "heavy = [m for m in ('tensorflow', 'keras') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
