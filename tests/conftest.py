"""Test configuration shared by every test directory.

Qt runs headless and TensorFlow stays quiet; both must be set before either
library is imported, hence at the top of the root conftest.
"""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# Keep TensorFlow from grabbing both cores in several pools at once.
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
# Runs the app records go to a throw-away folder, not the developer's home.
os.environ.setdefault("DLVIZ_RUNS_DIR", tempfile.mkdtemp(prefix="dlviz-test-runs-"))
# The window layout (QSettings) too: never read or write the developer's settings.
os.environ.setdefault("DLVIZ_SETTINGS_DIR", tempfile.mkdtemp(prefix="dlviz-test-settings-"))
