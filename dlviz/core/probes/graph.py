"""A model's layer graph, nested models included: walking it and re-tracing it.

Probes need the output of layers deep inside a model, and of layers inside a
model nested in another (a ResNet-50 backbone in a transfer-learning model).
``keras.Model(model.inputs, layer.output)`` cannot reach those: an inner
layer's ``output`` belongs to the inner model's own graph. So the graph is
re-traced instead:

1. Start from fresh ``keras.Input`` tensors shaped like the model's inputs.
2. Run the model's graph node by node (Keras's own ``_run_through_graph``),
   calling each layer on the new symbolic tensors.
3. When a node is itself a Functional or Sequential model, run *its* graph
   the same way on the tensors that reach it, instead of calling it whole.
4. Record each layer's first output under its path (``outer/inner``).

The result is one flat graph in which every layer, nested or not, runs once,
so gradients flow from the outputs back to any recorded layer (Grad-CAM).
The layers keep their weights; each gets one more call node, which Keras
ignores when saving the model. The trace is made once per model and shared
by every probe (``traced_graph``).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from dlviz.core.probes.results import ProbeUnavailable


def _keras():
    from dlviz.core.kerasenv import import_keras

    return import_keras()


def graph_of(model):
    """The Functional graph behind ``model``, or None when it has none.

    Args:
        model: any Keras layer or model.

    Returns:
        ``model`` itself for a Functional model, the graph Keras built for a
        built Sequential model, None otherwise (a subclassed model, an
        unbuilt Sequential model, an ordinary layer).
    """
    keras = _keras()
    if isinstance(model, keras.Sequential):
        return getattr(model, "_functional", None)
    if isinstance(model, keras.Model) and hasattr(model, "_nodes_by_depth") \
            and hasattr(model, "_run_through_graph"):
        return model
    return None


def require_graph(model):
    """Return the graph of ``model`` or say, for people, why it has none.

    Raises:
        ProbeUnavailable: a subclassed model (its layers run as Python code
            in ``call``, so there is no graph to reach into) or a Sequential
            model that has not been built yet.
    """
    keras = _keras()
    graph = graph_of(model)
    if graph is not None:
        return graph
    name = getattr(model, "name", type(model).__name__)
    if isinstance(model, keras.Sequential):
        raise ProbeUnavailable(
            f"the Sequential model '{name}' has not been built yet, so its layers have "
            "no outputs to show; start it with keras.Input(shape=...) or call "
            "model.build((None, height, width, channels)) first")
    if isinstance(model, keras.Model):
        raise ProbeUnavailable(
            f"'{name}' is a subclassed model ({type(model).__name__}): its layers run as "
            "Python code inside call(), with no graph dlviz can reach into; rebuild it "
            "with the Functional API (keras.Model(inputs, outputs)) or keras.Sequential")
    raise ProbeUnavailable(f"{type(model).__name__} is not a Keras model")


def walk_layers(model, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, object, int]]:
    """Every layer of ``model`` in model order, nested models expanded.

    Input layers and the nested models themselves are left out (a nested
    model's output is its last layer's output).

    Yields:
        (path, layer, depth): ``path`` is "name", or "outer/inner" when
        nested; ``depth`` counts the models around the layer (0 = top level).
    """
    keras = _keras()
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if graph_of(layer) is not None:
            yield from walk_layers(layer, f"{prefix}{layer.name}/", depth + 1)
        else:
            yield f"{prefix}{layer.name}", layer, depth


@dataclass(frozen=True, eq=False)
class TracedGraph:
    """A model re-traced into one flat symbolic graph (see the module's protocol)."""

    inputs: list          # new keras.Input tensors, one per model input
    recorded: dict        # layer path -> its symbolic output, model order
    outputs: list         # the model's outputs through the same graph


# One trace per model, kept while the model lives: tracing adds a call node
# to every layer, so tracing again for each probe would grow them forever.
_TRACES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def traced_graph(model) -> TracedGraph:
    """The flat re-traced graph of ``model``, made once and then reused.

    Raises:
        ProbeUnavailable: a model without a graph (see :func:`require_graph`).
    """
    graph = require_graph(model)
    traced = _TRACES.get(model)
    if traced is None:
        traced = _TRACES[model] = _trace(graph)
    return traced


def traced_outputs(model, paths=None):
    """The re-traced tensors of ``model``'s layers at ``paths`` (None: all).

    Returns:
        ``(inputs, {path: symbolic output}, outputs)``; see ``TracedGraph``.
    """
    traced = traced_graph(model)
    recorded = traced.recorded if paths is None else {
        path: traced.recorded[path] for path in paths}
    return traced.inputs, recorded, traced.outputs


def _trace(graph) -> TracedGraph:
    keras = _keras()
    recorded: dict = {}

    def caller(prefix: str):
        def call(op, *args, **kwargs):
            inner = graph_of(op)
            if inner is not None:
                flat = keras.tree.flatten(args[0] if args else kwargs["inputs"])
                outputs = inner._run_through_graph(flat, call_fn=caller(f"{prefix}{op.name}/"))
            else:
                outputs = op(*args, **kwargs)
                recorded.setdefault(f"{prefix}{op.name}", outputs)  # shared: first call
            return outputs

        return call

    inputs = [keras.Input(batch_shape=tuple(t.shape), dtype=t.dtype, name=t.name)
              for t in graph.inputs]
    outputs = graph._run_through_graph(inputs, call_fn=caller(""))
    return TracedGraph(inputs, recorded, list(keras.tree.flatten(outputs)))


def ancestor_paths(recorded: dict, output) -> set[str]:
    """The recorded layer paths that ``output`` depends on.

    Args:
        recorded: ``{path: symbolic tensor}`` from :func:`traced_outputs`.
        output: one symbolic tensor of the same traced graph.

    Returns:
        Paths whose layers lie on some route from the inputs to ``output``
        (a GoogLeNet auxiliary head's layers are not ancestors of ``main``).
    """
    seen: set[int] = set()
    pending = [output]
    while pending:
        history = getattr(pending.pop(), "_keras_history", None)
        if history is None:
            continue
        operation, node_index = history[0], history[1]
        key = id(operation._inbound_nodes[node_index])
        if key in seen:
            continue
        seen.add(key)
        pending.extend(operation._inbound_nodes[node_index].input_tensors)
    return {path for path, tensor in recorded.items()
            if _producing_node(tensor) in seen}


def _producing_node(tensor) -> int | None:
    for item in _keras().tree.flatten(tensor):
        history = getattr(item, "_keras_history", None)
        if history is not None:
            return id(history[0]._inbound_nodes[history[1]])
    return None


def call_model(model, batch, training: bool = False) -> list:
    """Run ``model`` on one input array in the structure it was built with.

    Returns:
        The outputs as a flat list, in ``model.outputs`` order.
    """
    keras = _keras()
    graph = require_graph(model)
    struct = getattr(graph, "_inputs_struct", None)
    inputs = batch if struct is None else keras.tree.pack_sequence_as(struct, [batch])
    return list(keras.tree.flatten(graph(inputs, training=training)))
