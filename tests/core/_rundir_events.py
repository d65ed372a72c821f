"""Synthetic training events for the run-directory tests (no Keras)."""

import numpy as np

from dlviz.core.probes.mosaic import make_mosaic, summarised_mosaic
from dlviz.core.probes.results import (
    ActivationStats,
    ClassScore,
    DeadUnits,
    FeatureMaps,
    FilterBank,
    GradientNorms,
    Histograms,
    ImageAnalysis,
    LayerMaps,
    Predictions,
    PreparedInput,
)
from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.events import (
    BatchEnded,
    EpochEnded,
    LiveFrame,
    TrainingStarted,
    TrainingStopped,
)

CONFIG = TrainingConfig(data=DataSpec("digits", samples=100), epochs=2, batch_size=16,
                        learning_rate=0.01, optimizer="sgd")


def analysis(seed=0) -> ImageAnalysis:
    rng = np.random.default_rng(seed)
    prepared = PreparedInput(batch=rng.random((1, 8, 8, 1), np.float32),
                             shown=rng.random((8, 8, 1), np.float32),
                             note="resized 8x8 -> 8x8", preprocessing="unit")
    layers, mosaics = [], {}
    for name, shape in (("c1_conv", (6, 6, 4)), ("s2_pool", (3, 3, 4))):
        values = rng.standard_normal(shape).astype(np.float32)
        mosaic, _ = summarised_mosaic(values)
        if name == "s2_pool":
            mosaic = make_mosaic(values, normalise="layer", order="mean", gap=2)
        stats = ActivationStats(float(values.min()), float(values.max()),
                                float(values.mean()), 0.25, 1)
        layers.append(LayerMaps(name, name, "Conv2D", 0, values, stats, block="b1"))
        mosaics[name] = mosaic
    maps = FeatureMaps(prepared, tuple(layers), mosaics, skipped=("flatten", "dense"))
    scores = (ClassScore(3, "three", 0.7), ClassScore(1, "one", 0.2))
    predictions = Predictions({"output": scores}, "output", "dataset",
                              {"output": rng.random(10).astype(np.float32)})
    return ImageAnalysis("sample 3", ("a note",), maps, predictions)


def filters() -> FilterBank:
    kernels = np.arange(3 * 3 * 1 * 4, dtype=np.float32).reshape(3, 3, 1, 4)
    image = np.full((7, 7), np.nan, np.float32)
    image[:3, :3] = 0.5
    return FilterBank("c1_conv", "c1_conv", "Conv2D", "grid", kernels, image, 2, 2,
                      "4 filters of 3x3x1")


def frame(step, epoch=0, full=True) -> LiveFrame:
    hist = (np.arange(4, dtype=np.float32), np.linspace(-1, 1, 5, dtype=np.float32))
    results = {"gradient_norms": GradientNorms({"c1_conv": 0.5 + step, "dense": 1e-3}),
               "weight_histograms": Histograms("weights", {"c1_conv": hist}),
               "activation_histograms": Histograms("activations", {"c1_conv": hist}),
               "dead_units": DeadUnits({"c1_conv": 0.125})}
    if full:
        results.update(feature_maps=analysis(step), filters=filters())
    return LiveFrame(global_step=step, epoch=epoch, results=results, probe_seconds=0.01,
                     probe_share=0.02)


def run_events(epochs=2, steps=3):
    """The events of a short run, in the order a session emits them."""
    events = [TrainingStarted(epochs, steps, steps * 16, "CPU", 1234)]
    for epoch in range(epochs):
        for step in range(steps):
            g = epoch * steps + step
            events.append(BatchEnded(epoch, step, g, 1.0 / (g + 1), {"accuracy": 0.1 * g},
                                     100.0, 5.0))
            events.append(frame(g, epoch, full=step == 0))
        events.append(EpochEnded(epoch, {"loss": 0.5 / (epoch + 1), "accuracy": 0.8,
                                         "val_loss": 0.6, "val_accuracy": 0.75}, 1.5))
    events.append(TrainingStopped("finished", "", epochs, False, {"loss": 0.25}))
    return events
