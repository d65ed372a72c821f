"""Every spatial layer's output for one image, with statistics and mosaics.

``ActivationExtractor`` builds one multi-output model per Keras model (the
layers' outputs *and* the model's own outputs, through one re-traced graph,
see ``graph``) and compiles its forward pass once; the app keeps one per
model and reuses it for every image. ``feature_maps`` turns one forward pass
into ``FeatureMaps``: values, statistics and a mosaic per layer.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.graph import traced_outputs
from dlviz.core.probes.layer_summary import (LayerSummary, layer_stats, mosaic_and_stats,
                                             mosaic_layout, pack_statistics_graph,
                                             summarise_graph, unpack_statistics)
from dlviz.core.probes.mosaic import channel_range, make_mosaic
from dlviz.core.probes.results import FeatureMaps, LayerMaps, PreparedInput, ProbeUnavailable

__all__ = ["ActivationExtractor", "feature_maps", "feature_maps_and_outputs", "layer_stats",
           "select_layers"]
from dlviz.core.probes.structure import LayerInfo, other_layers, spatial_layers

class ActivationExtractor:
    """One compiled forward pass that returns every chosen layer's output.

    Args:
        model: a Functional or built Sequential Keras model.
        layers: paths (or unique names) of the spatial layers to return;
            None for all of them.
        jit_compile: compile the pass with XLA, which fuses the many small
            operations of the per-layer statistics and mosaics (vgg16-mini
            at 32 px: 1.6 ms instead of 2.5 ms a pass, after ~1.7 s of
            compiling once). Worth it for a pass run again and again (live
            frames while training); a model XLA cannot compile falls back
            to the plain graph.

    Attributes:
        model: the model it reads.
        layers: ``LayerInfo`` of each returned layer, in model order.
        skipped: paths of layers without a spatial output.
        keras_model: the multi-output ``keras.Model`` (inputs -> [each
            layer's output..., each model output...]).
        layouts: each layer's default ``MosaicLayout`` (None where its size
            is free), made inside the compiled pass (``layer_summary``).

    Raises:
        ProbeUnavailable: a model without a graph, or an unknown layer.

    Example:
        >>> extractor = ActivationExtractor(vgg)  # doctest: +SKIP
        >>> maps, outputs = extractor(batch)  # doctest: +SKIP
        >>> maps["block1_conv1"].shape  # doctest: +SKIP
        (1, 224, 224, 64)
    """

    def __init__(self, model, layers=None, *, jit_compile: bool = False):
        from dlviz.core.kerasenv import import_keras, import_tensorflow

        keras, tf = import_keras(), import_tensorflow()
        self._tf = tf
        self.model = model
        self.layers = tuple(select_layers(spatial_layers(model), layers))
        self.skipped = tuple(other_layers(model))
        inputs, recorded, outputs = traced_outputs(model, [i.path for i in self.layers])
        self.n_outputs = len(outputs)
        self.keras_model = keras.Model(inputs[0] if len(inputs) == 1 else inputs,
                                     [recorded[i.path] for i in self.layers] + outputs,
                                     name=f"{model.name}_probe")
        self.layouts = tuple(mosaic_layout(recorded[i.path].shape) for i in self.layers)
        spec = [tf.TensorSpec((None, *t.shape[1:]), t.dtype) for t in inputs]
        self._forward = tf.function(self._summarised, input_signature=spec,
                                    jit_compile=bool(jit_compile))
        # The passes with less than every mosaic, each traced when first
        # asked for (``summarised``): statistics only, or the maps alone.
        self._lighter = {}
        self._spec = spec
        # What a batch must be to go straight to a concrete function (see
        # ``_run_compiled``): each input's dtype and sides (None: any).
        self._fits = tuple((t.dtype.as_numpy_dtype, tuple(t.shape.as_list())) for t in spec)
        self._concrete = {}   # (mosaics, statistics) -> (the tf.function, its concrete one)
        self.jit_compile = bool(jit_compile)
        self._eager_calls = 1  # calls left to run without tracing (see ``summarised``)

    def _summarised(self, *inputs):
        return self._pass(inputs, mosaics=True)

    def _statistics(self, *inputs):
        return self._pass(inputs, mosaics=False)

    def _maps_only(self, *inputs):
        return self._pass(inputs, mosaics=False, statistics=False)

    def _pass(self, inputs, *, mosaics: bool, statistics: bool = True):
        # Traced once into a graph: Keras's eager __call__ costs more than
        # the convolutions of small models, and predict() builds a data
        # pipeline per call. Each layer's statistics and default mosaic are
        # made here too, on every core (``layer_summary``), so Python gets
        # pictures and small arrays; the maps themselves leave as they are.
        results = self.keras_model(list(inputs) if len(inputs) > 1 else inputs[0],
                                 training=False)
        results = results if isinstance(results, (list, tuple)) else [results]
        split = len(results) - self.n_outputs
        tf = self._tf
        # float32 out, whatever the compute dtype (mixed-precision models).
        as_float = [r if r.dtype == tf.float32 else tf.cast(r, tf.float32) for r in results]
        if not statistics:
            return as_float[:split], [], (), as_float[split:]
        summaries = [summarise_graph(tf, maps, layout if mosaics else None)
                     for maps, layout in zip(as_float[:split], self.layouts)]
        # Every layer's statistics leave packed in two tensors: one output
        # each would cost ~1 ms of Python a VGG-16 frame to hand over.
        packed = pack_statistics_graph(tf, [summary[1:] for summary in summaries])
        return (as_float[:split], [summary[0] for summary in summaries], packed,
                as_float[split:])

    def __call__(self, batch) -> tuple[dict, list]:
        """Run one batch (N, H, W, C) through the model.

        Returns:
            ``(maps, outputs)``: ``{path: float32 (N, H, W, C)}`` for each
            layer and the model's outputs (a list of arrays), all from the
            same forward pass.
        """
        maps, _summaries, outputs = self.summarised(batch)
        return maps, outputs

    def summarised(self, batch, *, mosaics: bool = True,
                   statistics: bool = True) -> tuple[dict, dict, list]:
        """``__call__`` plus each layer's ``LayerSummary`` from the same pass.

        Args:
            batch: (N, H, W, C) images (a list of arrays for several inputs).
            mosaics: make every layer's default mosaic in the pass; False:
                statistics only (``LayerSummary.mosaics`` is None), for a
                caller that shows one layer and tiles it in NumPy
                (``make_mosaic``), which is cheaper than 18 in-graph
                mosaics for VGG-16 at 224 px (a second graph, traced once).
            statistics: with ``mosaics`` False, False makes no statistics
                either: the maps and outputs alone (a third graph), for a
                caller that reads one layer's statistics in NumPy and
                leaves the others to be read from the maps when asked
                (their reductions cost ~10 % of VGG-16's forward pass).

        Returns:
            ``(maps, summaries, outputs)``; ``summaries`` maps each path to
            its ``LayerSummary`` (statistics and default mosaic), or to None
            without statistics.
        """
        batches = [np.asarray(b, dtype=np.float32)
                   for b in (batch if isinstance(batch, (list, tuple)) else [batch])]
        # The first image runs eagerly: tracing the graph takes longer than
        # several forward passes (0.4 s for AlexNet mini, where its eager
        # pass takes 0.1 s), and one image may be all a person looks at; the
        # app's first picture comes that much sooner. Later calls (more
        # images, live frames) use the compiled graph.
        statistics = statistics or mosaics
        if self._eager_calls > 0:
            self._eager_calls -= 1
            layers, outputs = self._eager_pass(batches, statistics)
            mosaics = False   # tiled in NumPy by ``mosaic_and_stats``
        else:
            layers, outputs = self._compiled_pass(batches, mosaics, statistics)
        maps, summaries = {}, {}
        for info, layout, (values, pictures, *stats) in zip(self.layers, self.layouts, layers):
            maps[info.path] = _to_numpy(values)
            if not statistics:
                summaries[info.path] = None
                continue
            pictures = _to_numpy(pictures) if layout is not None and mosaics else None
            # Statistics 5-7 (the layer's extremes), where the pass had them.
            stats = [_to_numpy(s) for s in stats[:4]] + stats[4:]
            summaries[info.path] = LayerSummary(pictures, *stats[:4], layout, *stats[4:])
        return maps, summaries, [_to_numpy(o) for o in outputs]

    def _compiled_pass(self, batches, mosaics: bool, statistics: bool = True):
        """The compiled pass's per-layer ``(values, mosaics, *statistics)`` and outputs
        (``(values, None)`` without statistics)."""
        try:
            found = self._run_compiled(batches, mosaics, statistics)
        except (self._tf.errors.InvalidArgumentError, self._tf.errors.UnimplementedError):
            if not self.jit_compile:
                raise
            # An operation XLA cannot compile: the plain graph from now on.
            self.jit_compile = False
            self._forward = self._tf.function(self._summarised, input_signature=self._spec)
            self._lighter.clear()
            found = self._run_compiled(batches, mosaics, statistics)
        maps, pictures, packed, outputs = found
        maps = [_to_numpy(values) for values in maps]
        if not statistics:
            return [(values, None) for values in maps], outputs
        stats = unpack_statistics(*(_to_numpy(t) for t in packed),
                                  [values.shape[-1] for values in maps]) if packed else []
        return [(values, picture, *stat) for values, picture, stat
                in zip(maps, pictures, stats)], outputs

    def _run_compiled(self, batches, mosaics: bool, statistics: bool = True):
        """The compiled pass's raw tensors: ``(maps, mosaics, packed statistics, outputs)``."""
        function = self._compiled(mosaics, statistics)
        fits = len(batches) == len(self._fits) and all(
            batch.dtype == dtype and batch.ndim == len(sides)
            and all(side is None or side == n for side, n in zip(sides, batch.shape))
            for batch, (dtype, sides) in zip(batches, self._fits))
        if not fits:   # tf.function converts (or explains what does not fit)
            return function(*batches)
        # Its concrete function, called with tensors, skips tf.function's
        # matching of the arguments (~0.4-1.5 ms a live frame on 2 cores).
        key = (mosaics, statistics)
        cached = self._concrete.get(key)
        if cached is None or cached[0] is not function:
            concrete = getattr(function, "get_concrete_function", None)
            cached = self._concrete[key] = (function, concrete() if concrete else function)
        return cached[1](*[self._tf.constant(batch) for batch in batches])

    def _eager_pass(self, batches, statistics: bool = True):
        """The first call: Keras's eager pass, each layer's statistics in NumPy
        (``statistics`` False: none, the maps alone).

        Eager TensorFlow dispatches every operation on its own and looks up
        its kernel on first use: four reductions a layer cost more than the
        numbers (~50 ms for AlexNet mini's first picture).
        """
        results = self.keras_model(batches if len(batches) > 1 else batches[0], training=False)
        results = results if isinstance(results, (list, tuple)) else [results]
        results = [np.asarray(r, dtype=np.float32) for r in results]
        split = len(results) - self.n_outputs
        if not statistics:
            return [(values, None) for values in results[:split]], results[split:]
        layers = [(values, None, values.min(axis=(1, 2)), values.max(axis=(1, 2)),
                   values.sum(axis=(1, 2, 3), dtype=np.float32),
                   np.count_nonzero(values.reshape(len(values), -1), axis=1))
                  for values in results[:split]]
        return layers, results[split:]

    def _compiled(self, mosaics: bool, statistics: bool = True):
        """The compiled pass with every mosaic, the one with statistics only,
        or the one with the maps alone."""
        if mosaics:
            return self._forward
        if statistics not in self._lighter:
            self._lighter[statistics] = self._tf.function(
                self._statistics if statistics else self._maps_only,
                input_signature=self._spec, jit_compile=self.jit_compile)
        return self._lighter[statistics]


def _to_numpy(tensor) -> np.ndarray:
    """A tensor's values, without a copy when it lives in CPU memory."""
    if isinstance(tensor, np.ndarray):
        return tensor
    if str(getattr(tensor, "device", "")).endswith("CPU:0"):
        try:
            return np.from_dlpack(tensor)
        except (TypeError, RuntimeError, BufferError, ValueError):
            pass
    return tensor.numpy()


def select_layers(infos: list[LayerInfo], wanted=None) -> list[LayerInfo]:
    """The ``infos`` named by ``wanted`` (paths or unique names), in model order.

    Raises:
        ProbeUnavailable: a name that is not a spatial layer; the message
            lists a few valid ones.
    """
    if wanted is None:
        return list(infos)
    by_path = {i.path: i for i in infos}
    chosen = set()
    for name in wanted:
        if name in by_path:
            chosen.add(name)
            continue
        matches = [i.path for i in infos if i.name == name]
        if len(matches) != 1:
            examples = ", ".join(i.path for i in infos[:6])
            more = f" ... ({len(infos)} in all)" if len(infos) > 6 else ""
            why = "is ambiguous" if matches else "is not a layer with feature maps"
            raise ProbeUnavailable(f"'{name}' {why}; choose from: {examples}{more}")
        chosen.add(matches[0])
    return [i for i in infos if i.path in chosen]


def feature_maps_and_outputs(model, prepared: PreparedInput, *, layers=None,
                             extractor: ActivationExtractor | None = None, mosaics=None):
    """``feature_maps`` plus the model's outputs from the same forward pass.

    Returns:
        ``(FeatureMaps, outputs)``; ``outputs`` is a list of arrays, one per
        model output (for ``predictions(..., outputs=...)``).
    """
    if extractor is None:
        extractor = ActivationExtractor(model, layers)
    elif extractor.model is not model:
        raise ValueError("this extractor was built for another model")
    infos = select_layers(list(extractor.layers), layers)
    tiled = None if mosaics is None else set(mosaics)
    batch_maps, summaries, outputs = extractor.summarised(
        prepared.batch, mosaics=tiled is None, statistics=tiled is None)
    # Every layer: statistics and mosaics came out of the compiled pass
    # (mosaics of a model that takes any size are tiled in NumPy). A few
    # layers: the pass made the maps alone; the layers asked for get their
    # statistics and mosaic here in NumPy, the others' statistics are read
    # from their maps when someone asks (``LayerMaps.stats``).
    done = dict(_one_layer(info, batch_maps[info.path][0], summaries[info.path],
                           tiled is None or info.path in tiled)
                for info in infos)
    items = tuple(done[info.path][0] for info in infos)
    pictures = {info.path: done[info.path][1] for info in infos
                if done[info.path][1] is not None}
    maps = FeatureMaps(input=prepared, layers=items, mosaics=pictures,
                       skipped=extractor.skipped)
    return maps, outputs


def _one_layer(info: LayerInfo, values: np.ndarray, summary: LayerSummary | None,
               tiled: bool):
    """(path, (LayerMaps, default Mosaic or None)) of one layer's (H, W, C) values.

    ``summary`` None (a pass without statistics): the statistics and mosaic
    of a ``tiled`` layer are made here in NumPy, from one reading of its
    channels' ranges; another's are left to ``LayerMaps.stats``.
    """
    if summary is not None:
        mosaic, stats = mosaic_and_stats(values, summary, tiled=tiled)
    elif tiled:
        lo, hi = channel_range(values)
        mosaic = make_mosaic(values, channel_min=lo, channel_max=hi)
        stats = layer_stats(values, lo, hi)
    else:
        mosaic, stats = None, None
    item = LayerMaps(path=info.path, name=info.name, type=info.type, depth=info.depth,
                     values=values, stats=stats, block=info.block, role=info.role)
    return info.path, (item, mosaic)


def feature_maps(model, prepared: PreparedInput, *, layers=None,
                 extractor: ActivationExtractor | None = None, mosaics=None) -> FeatureMaps:
    """Every spatial layer's output for one prepared image, ready to draw.

    Args:
        model: a Functional or built Sequential Keras model.
        prepared: the image, from ``prepare_input``.
        layers: paths (or unique names) to compute; None for all.
        extractor: an ``ActivationExtractor`` of this model to reuse (the
            app keeps one per model); built here when None.
        mosaics: paths of the layers whose default mosaic to make; None
            for all. The app asks for the layer on screen only (a drop on
            VGG-16 comes ~20 ms sooner); ``make_mosaic(layer.values)``
            draws any other the same, when it is chosen. Every layer has
            its statistics either way: those in ``mosaics`` now, the
            others' read from their maps when first asked for
            (``LayerMaps.stats``: ~10 % of VGG-16's forward pass saved).

    Returns:
        ``FeatureMaps``: per layer its values (H, W, C), statistics and
        (for the layers in ``mosaics``) a per-channel-normalised mosaic;
        ``skipped`` names the other layers.

    Raises:
        ProbeUnavailable: a model without a graph, or an unknown layer.

    Example:
        >>> maps = feature_maps(vgg, prepare_input(vgg, image))  # doctest: +SKIP
        >>> maps.layer("block1_conv1").values.shape  # doctest: +SKIP
        (224, 224, 64)
    """
    return feature_maps_and_outputs(model, prepared, layers=layers, extractor=extractor,
                                    mosaics=mosaics)[0]
