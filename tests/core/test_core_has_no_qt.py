"""dlviz.core never imports Qt: import every module with Qt made unimportable."""

import subprocess
import sys
import textwrap


def test_every_core_module_imports_without_qt():
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6"}:
                    raise ImportError(f"{name} is blocked: dlviz.core must not import Qt")
                return None

        sys.meta_path.insert(0, BlockQt())
        import dlviz.core
        names = [m.name for m in pkgutil.walk_packages(dlviz.core.__path__, "dlviz.core.")]
        for name in names:
            importlib.import_module(name)
        qt = [m for m in sys.modules if m.split(".")[0] in {"PySide6", "pyqtgraph"}]
        assert not qt, qt
        print(len(names))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert int(done.stdout.strip().splitlines()[-1]) >= 10  # really walked the package

