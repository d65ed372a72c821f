"""The probe registry: each kind declared once, offered or refused with a reason, computed."""

import numpy as np
import pytest
from _probe_models import random_image, small_cnn
from _training_models import bright_dark, tiny_cnn

from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.registry import NEEDS, PROBES, live_kinds, offered
from dlviz.core.probes.results import ImageAnalysis, ProbeUnavailable
from dlviz.core.training.live_probes import LiveProbes

keras = import_keras()
layers = keras.layers
TEXT_KINDS = {name for name, kind in PROBES.items() if kind.needs == "text"}


def dense_only():
    inputs = keras.Input((6, 6, 1), name="image")
    x = layers.Flatten(name="flatten")(inputs)
    outputs = layers.Dense(3, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="dense_only")


def sequence_model():
    inputs = keras.Input((10, 4), name="tokens")
    outputs = layers.Dense(2, activation="softmax", name="out")(layers.LSTM(3)(inputs))
    return keras.Model(inputs, outputs, name="reader")


class Subclassed(keras.Model):
    def __init__(self):
        super().__init__(name="my_net")
        self.conv = layers.Conv2D(2, 3)
        self.dense = layers.Dense(3, activation="softmax")

    def call(self, x):
        return self.dense(layers.Flatten()(self.conv(x)))


def test_every_kind_is_declared_once_with_what_it_needs():
    assert len(PROBES) == len({kind.name for kind in PROBES.values()})
    assert all(name == kind.name and kind.needs in NEEDS for name, kind in PROBES.items())
    assert {k.name for k in live_kinds()} == {
        "feature_maps", "activation_histograms", "gradient_norms", "dead_units", "filters",
        "weight_histograms", "ctc", "caption", *TEXT_KINDS}
    assert {k.name for k in PROBES.values() if not k.live} == {"predictions", "grad_cam",
                                                              "saliency"}
    assert {PROBES[name].live_group for name in TEXT_KINDS} == {"text"}


def test_a_full_cnn_offers_every_kind_and_each_returns_its_result_type():
    model = small_cnn()   # a CNN reads no text: the text kinds say why (test_text_probes)
    # ... nor strings (ctc: test_ctc_decode)
    assert {name for name, reason in offered(model).items() if reason} == TEXT_KINDS | {
        "ctc", "caption"}
    image = random_image((12, 12, 3))
    x, y = random_image((4, 12, 12, 3)), np.array([0, 1, 2, 0])
    inputs = {"image": image, "batch": (x, y), None: ()}
    for kind in (k for k in PROBES.values()
                 if k.needs != "text" and k.name not in ("ctc", "caption")):
        result = kind.compute(model, inputs[kind.needs], class_index=1)
        assert isinstance(result, kind.result), kind.name


@pytest.mark.parametrize("make, refused, words", [
    (dense_only, {"filters", "grad_cam", "ctc", "caption", *TEXT_KINDS},
     "no convolution kernels"),
    (sequence_model, {"feature_maps", "predictions", "grad_cam", "saliency",
                      "activation_histograms", "filters", "ctc", "attention", "caption"},
     "not images"),
])
def test_a_model_that_cannot_offer_a_kind_says_why(make, refused, words):
    reasons = offered(make())
    assert {name for name, reason in reasons.items() if reason} == refused
    assert any(words in reasons[name] for name in refused)
    assert all(len(reasons[name].split()) >= 5 for name in refused)   # in words, for people


def test_a_model_without_class_output_offers_maps_but_no_explanations():
    inputs = keras.Input((8, 8, 3), name="image")
    outputs = layers.Conv2D(2, 3, padding="same", name="denoise")(inputs)
    reasons = offered(keras.Model(inputs, outputs, name="image_to_image"))
    assert reasons["feature_maps"] is None and reasons["filters"] is None
    for name in ("predictions", "grad_cam", "saliency"):
        assert "no class output to rank" in reasons[name]


def test_a_model_without_a_graph_is_refused_in_words():
    net = Subclassed()
    net(np.zeros((1, 8, 8, 3), np.float32))
    reasons = offered(net)
    assert reasons["feature_maps"] and "subclassed" in reasons["feature_maps"]
    assert reasons["gradient_norms"] and reasons["weight_histograms"] is None


def test_kinds_of_one_group_share_one_pass_through_the_memo():
    model = small_cnn()
    memo = {}
    maps = PROBES["feature_maps"].compute(model, random_image((12, 12, 3)), memo=memo)
    assert memo["feature_maps"] is maps
    # Served from the memo: the histograms are of the very maps computed above.
    hists = PROBES["activation_histograms"].compute(model, None, memo=memo)
    assert list(hists.layers) == [layer.path for layer in maps.maps.layers]
    counts, edges = hists.layers["conv1"]
    assert counts.sum() == maps.maps.layer("conv1").values.size
    assert edges[0] == pytest.approx(maps.maps.layer("conv1").stats.min)


def test_live_probes_group_the_registry_kinds_for_the_budget():
    data = bright_dark(n=32)
    probes = LiveProbes(tiny_cnn(), data.x_train[:8], data.y_train[:8],
                        image=data.x_train[0], image_name="first")
    assert probes.kinds == ("maps", "grads", "weights")
    assert probes.image_groups == ("maps",)
    frame = probes.compute("grads")
    assert set(frame) == {"gradient_norms", "dead_units"}
    assert set(frame["gradient_norms"].norms) == {"conv", "hidden", "predictions"}
    maps = probes.compute("maps")
    assert isinstance(maps["feature_maps"], ImageAnalysis)
    assert maps["feature_maps"].source_name == "first"


def test_live_probes_leave_out_what_the_model_does_not_offer():
    data = bright_dark(n=16, size=6)
    probes = LiveProbes(dense_only(), data.x_train[:4], data.y_train[:4])
    assert "filters" in probes.disabled and any("filters off" in n for n in probes.notes)
    assert probes.kinds == ("grads", "weights")    # no image pinned: no maps yet
    assert set(probes.compute("weights")) == {"weight_histograms"}
    probes.set_image(data.x_train[0], "now")
    assert probes.kinds[0] == "maps"


def test_a_kind_refused_while_computing_is_switched_off_with_its_reason():
    kind = PROBES["filters"]
    with pytest.raises(ProbeUnavailable, match="'dense' is not a layer"):
        kind.compute(small_cnn(), (), layer="dense")
