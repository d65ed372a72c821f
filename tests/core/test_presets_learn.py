"""Every library preset learns the bundled sets at the training panel's defaults.

A student cannot tell a bad default from a broken tool, so each preset is
trained the way the app trains it (``TrainingSession``, the default
``TrainingConfig``: Adam at 1e-3, batches of 32, 5 epochs, a tenth held out
for validation) on the digits and on the default (easy) shapes, and must then
be right well above chance on held-out test images, scored in inference mode
(``training=False``), which is what the app shows. Subsets keep each test
within about a minute on two CPU cores. These failed before the fixes: VGG-16
mini, GoogLeNet mini and AlexNet mini stayed at ln(classes) (Glorot
initialisation without batch norm), ResNet-50 mini and MobileNet mini stayed
at chance in inference mode (batch-norm momentum 0.99 after a few hundred
steps), and every preset stayed near chance on the former default shapes.

The hard shapes (``shapes_hard``) are left out on purpose: that set is the
challenge the panel labels as such (near chance for many epochs).

Fast checks of the two root causes run without the ``slow`` marker.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.data import load_training_data
from dlviz.core.training.session import TrainingSession
from dlviz.core.zoo import create

PRESETS = ("lenet5", "lenet5-modern", "alexnet-mini", "vgg16-mini", "googlenet-mini",
           "resnet50-mini", "mobilenet-mini")
#: Images used per set (a subset of the default's, for time; 80 % train).
SUBSET = {"digits": 700, "shapes": 1500}
#: Least test accuracy, well above chance (0.10 for digits, 0.20 for shapes).
FLOOR = {"digits": 0.5, "shapes": 0.5}
#: The two heaviest presets learn on the digits only (their faults were in
#: initialisation and batch norm, not in the set; the shapes default is
#: checked on the five others). Both sets cost 90 s more on two cores.
CASES = [(name, kind) for name in PRESETS for kind in sorted(SUBSET)
         if not (name in ("googlenet-mini", "resnet50-mini") and kind == "shapes")]


def train_preset(name: str, kind: str) -> float:
    """Accuracy on the held-out test part after training at the defaults."""
    import keras

    keras.utils.set_random_seed(0)
    net = create(name)
    net.build()
    spec = DataSpec(kind, samples=SUBSET[kind])
    data = load_training_data(spec, net.input_shape, None)
    session = TrainingSession(net.model, data, TrainingConfig(data=spec, probe_budget=0.0),
                              emit=lambda event: None, zoo_model=net)
    stopped = session.run()
    assert stopped.reason == "finished", stopped.message
    outputs = session.model.predict(data.x_test, verbose=0)
    probabilities = np.mean(outputs, axis=0) if isinstance(outputs, list) else outputs
    return float(np.mean(np.argmax(probabilities, axis=-1) == data.y_test))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "kind"), CASES)
def test_preset_learns_the_bundled_set_at_the_defaults(name, kind):
    accuracy = train_preset(name, kind)
    assert accuracy >= FLOOR[kind], (name, kind, accuracy)


def _last_layer_spread(name: str) -> float:
    """Std over a batch of the last hidden layer's output, per unit of the input's."""
    import keras

    keras.utils.set_random_seed(0)
    model = create(name).build()
    x = load_training_data(DataSpec("shapes", samples=64), model.input_shape[1:], None).x_train
    hidden = model.layers[-2].output if len(model.outputs) == 1 else \
        model.get_layer("avg_pool").output
    values = np.asarray(keras.Model(model.inputs[0], hidden)(x[:32], training=False))
    return float(values.std(axis=0).mean() / x.std())


@pytest.mark.parametrize("name", ["vgg16-mini", "googlenet-mini", "alexnet-mini"])
def test_deep_relu_presets_keep_the_signal_at_initialisation(name):
    # With Glorot initialisation it was 1e-4..1e-3 of the input's: the softmax
    # saw a constant and the loss could not leave ln(classes).
    assert _last_layer_spread(name) > 0.01


@pytest.mark.parametrize("name", ["resnet50-mini", "mobilenet-mini"])
def test_small_batch_norm_presets_forget_old_statistics_quickly(name):
    import keras

    model = create(name).build()
    momenta = {layer.momentum for layer in model.layers
               if isinstance(layer, keras.layers.BatchNormalization)}
    assert momenta == {0.9}
    if name == "resnet50-mini":  # each block starts as its shortcut
        gammas = [layer.gamma.numpy() for layer in model.layers
                  if layer.name.endswith("_3_bn")]
        assert len(gammas) == 16 and not any(g.any() for g in gammas)
    full = create(name.replace("-mini", ""), input_shape=(128, 128, 3), classes=10).build()
    assert {layer.momentum for layer in full.layers
            if isinstance(layer, keras.layers.BatchNormalization)} == {0.99}
