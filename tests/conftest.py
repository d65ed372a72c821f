"""Test configuration shared by every test directory.

Qt runs headless and TensorFlow stays quiet; both must be set before either
library is imported, hence at the top of the root conftest.
"""

import gc
import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# Keep TensorFlow from grabbing both cores in several pools at once.
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
# Runs the app records go to a throw-away folder, not the developer's home.
os.environ.setdefault("DLVIZ_RUNS_DIR", tempfile.mkdtemp(prefix="dlviz-test-runs-"))
# The window layout (QSettings) too: never read or write the developer's settings.
os.environ.setdefault("DLVIZ_SETTINGS_DIR", tempfile.mkdtemp(prefix="dlviz-test-settings-"))


def pytest_collection_finish(session):
    """Leave what collection imported (TensorFlow, Keras, Qt: about a million
    objects) out of every later garbage collection.

    Tests that free a big model call ``gc.collect()``, and Python collects by
    itself as the suite allocates; each full collection walked those objects
    again, seconds apiece late in the run. They live as long as the process,
    so nothing is lost by not looking at them again.
    """
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True, scope="module")
def _freeze_what_a_module_left():
    """After each test module, collect its garbage and set the survivors (caches,
    compiled functions kept for the session) aside too, so the next module's
    collections walk only what that module makes."""
    yield
    gc.collect()
    gc.freeze()
