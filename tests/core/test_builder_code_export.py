"""The exported script runs on its own and builds the same network."""

import json
import subprocess
import sys

import pytest

from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.code_export import python_code
from dlviz.core.builder.inference import infer
from dlviz.core.builder.keras_io import from_model
from dlviz.core.zoo.registry import create

new = LayerSpec.new


def branching() -> Architecture:
    return Architecture((
        new("InputLayer", "image", batch_shape=[None, 16, 16, 3]),
        new("Conv2D", "stem", ("image",), filters=8),
        new("SeparableConv2D", "left", ("stem",), filters=8),
        new("DepthwiseConv2D", "right", ("stem",)),
        new("Add", "sum", ("left", "right")),
        new("Concatenate", "class", ("sum", "stem")),  # a Python keyword as a name
        new("GlobalAveragePooling2D", "gap", ("class",)),
        new("Dense", "out", ("gap",), units=3, activation="softmax")), "branching net")


def test_script_runs_in_a_fresh_python_and_builds_the_same_count(tmp_path):
    arch = branching()
    script = tmp_path / "net.py"
    script.write_text(python_code(arch) + "\nimport json\nm = build_model()\n"
                      "print(json.dumps([m.count_params(), [l.name for l in m.layers]]))\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env={"TF_CPP_MIN_LOG_LEVEL": "3", "KERAS_BACKEND": "tensorflow",
                               "PATH": "/usr/bin:/bin"}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    count, names = json.loads(done.stdout.strip().splitlines()[-1])
    assert count == sum(r.params for r in infer(arch))
    assert names == arch.names()


@pytest.mark.parametrize("name", ["alexnet-mini", "resnet50-mini", "googlenet-mini",
                                  "bilstm-tagger", "gru-sentiment"])
def test_script_of_a_zoo_model_builds_the_same_model(name):
    model = create(name).build()
    namespace = {}
    exec(compile(python_code(from_model(model)), f"{name}.py", "exec"), namespace)
    again = namespace["build_model"]()
    assert again.count_params() == model.count_params()
    assert [layer.name for layer in again.layers] == [layer.name for layer in model.layers]
    assert [tuple(o.shape) for o in again.outputs] == [tuple(o.shape) for o in model.outputs]


def test_a_network_with_a_problem_gives_no_script():
    arch = branching().replace("right", {**branching().layer("right").config, "strides": [2, 2]})
    with pytest.raises(ValueError, match="layer 'sum': Add needs inputs of the same shape"):
        python_code(arch)
    with pytest.raises(ValueError, match="no Input layer"):
        python_code(Architecture())
