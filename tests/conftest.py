"""Test configuration shared by every test directory.

Qt runs headless and TensorFlow stays quiet; both must be set before either
library is imported, hence at the top of the root conftest.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# Keep TensorFlow from grabbing both cores in several pools at once.
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
