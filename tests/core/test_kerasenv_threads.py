"""TensorFlow imported from two threads at once: both get the finished module."""

import subprocess
import sys


def test_a_second_thread_waits_for_the_import_the_first_one_started():
    # A fresh process: here TensorFlow is long imported. The app starts the
    # import on a thread at launch; the engine thread asks for it meanwhile,
    # when ``sys.modules`` already holds the half-made module.
    script = (
        "import sys, threading\n"
        "from dlviz.core.kerasenv import import_tensorflow\n"
        "early = threading.Thread(target=import_tensorflow)\n"
        "early.start()\n"
        "while 'tensorflow' not in sys.modules: pass\n"
        "tf = import_tensorflow()\n"
        "print(tf.__version__, tf.constant(2.0).numpy() * 3)\n"
        "early.join()\n"
        "assert import_tensorflow() is tf\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    version, value = done.stdout.split()
    assert version[0].isdigit() and float(value) == 6.0
