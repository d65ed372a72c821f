"""Greedy decoding in one compiled call: the encoder once, then the decoder token by token.

dlviz's encoder-decoders (:mod:`~dlviz.core.zoo.seq2seq`) and captioners
(:mod:`~dlviz.core.zoo.captioner`) are built the same way behind their first
input (source ids or an image)::

    target_in -> Embedding -> RNN (initial state: from the first input, or zeros)
              -> ScoreAttention([decoded, memory]) -> Concatenate([decoded, context])
              -> Dense ... -> Dense (softmax over the next token)

where ``memory`` (the encoder's states, the image's regions) and the
decoder's initial state depend on the first input only. Running the whole
model on ``<start> y1 .. y(t-1)`` for every token written repeats the
encoder and the decoder's earlier steps, t passes of growing length. A
:class:`StepDecoder` instead computes the memory once and steps the RNN's
own cell one token at a time, all inside one ``tf.function`` (a
``tf.while_loop`` that stops when every row has written ``<end>``, compiled
with XLA where XLA accepts it). It calls the model's own layers, so it reads
the weights as they are now (live frames while training).

The step-wise pass computes what the whole model computes at its last step
(the decoder is causal and the written tokens are never padding), so the
tokens and weights are the model's. Each decoder is checked once against one
teacher-forced pass of the whole model on what it wrote; a model that is not
built this way, or whose check fails, raises :class:`NotStepwise` and its
callers keep their whole-model loop (correct, slower).

Example:
    >>> decoder = step_decoder(model)                        # doctest: +SKIP
    >>> ids, weights, chosen = decoder(source_ids[None], start, end, 12)  # doctest: +SKIP
    >>> ids.shape, weights.shape                              # doctest: +SKIP
    ((1, 11), (1, 11, 5))
"""

from __future__ import annotations

import weakref

import numpy as np

from dlviz.core.data.text_vocabulary import PAD_ID

#: Largest difference tolerated between a step-wise and a whole-model pass.
TOLERANCE = 1e-5
#: Fewest source positions an XLA decode is compiled for (see ``StepDecoder.__call__``).
BUCKET = 16
#: Per-step layers allowed between the concatenation and the output.
_STEP_LAYERS = ("Dense", "Dropout", "Activation")

# model -> StepDecoder, or the reason it cannot have one (a str).
_DECODERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class NotStepwise(Exception):
    """The model cannot be decoded step by step; the message says why."""


def _made_by(tensor):
    """``(layer, node)`` that produced ``tensor`` in a functional graph (a layer
    also called elsewhere, say by a model wrapping this one, has more nodes)."""
    history = getattr(tensor, "_keras_history", None)
    if history is None:
        raise NotStepwise("its graph cannot be read layer by layer")
    layer, node_index = history[0], history[1]
    nodes = getattr(layer, "_inbound_nodes", ())
    if node_index >= len(nodes):
        raise NotStepwise(f"the graph of layer '{layer.name}' cannot be read")
    return layer, nodes[node_index]


def _only_input(node):
    tensors = node.input_tensors
    if len(tensors) != 1:
        raise NotStepwise(f"'{node.operation.name}' reads {len(tensors)} inputs")
    return tensors[0]


class StepDecoder:
    """The compiled greedy decoder of one model (see the module).

    Args:
        model: an encoder-decoder or captioner built as the module says.

    Raises:
        NotStepwise: the model is not built that way (says which part).
    """

    def __init__(self, model):
        import keras

        if len(getattr(model, "inputs", ()) or ()) != 2 or len(model.outputs) != 1:
            raise NotStepwise("it does not read two inputs and write one output")
        first, target_in = model.inputs
        layer, node = _made_by(model.outputs[0])
        head = []
        while type(layer).__name__ in _STEP_LAYERS:   # the softmax end, last first
            head.append(layer)
            layer, node = _made_by(_only_input(node))
        if type(layer).__name__ != "Concatenate" or len(node.input_tensors) != 2 \
                or layer.axis not in (-1, 2):
            raise NotStepwise("its output is not computed from [decoder state; context]")
        concat, (decoded, context) = layer, node.input_tensors
        attention, attention_node = _made_by(context)
        if type(attention).__name__ != "ScoreAttention" or \
                attention_node.input_tensors[0] is not decoded or \
                context is not attention_node.output_tensors[0]:
            raise NotStepwise("the context is not a ScoreAttention over the decoder states")
        memory = attention_node.input_tensors[1]
        rnn, rnn_node = _made_by(decoded)
        if not isinstance(rnn, keras.layers.RNN) or rnn.go_backwards or rnn.stateful \
                or not rnn.return_sequences or rnn.return_state:
            raise NotStepwise("the decoder is not one forward recurrent layer")
        embedded = rnn_node.arguments.args[0]
        states = rnn_node.arguments.kwargs.get("initial_state") or []
        states = list(states) if isinstance(states, (list, tuple)) else [states]
        embedding, embedding_node = _made_by(embedded)
        if not isinstance(embedding, keras.layers.Embedding) or \
                _only_input(embedding_node) is not target_in:
            raise NotStepwise("the decoder does not read an embedding of target_in")
        try:   # memory and initial state must come from the first input alone
            self._encoder = keras.Model(first, [memory, *states])
        except ValueError as exc:
            raise NotStepwise(f"its decoder's memory depends on more than the first "
                              f"input ({exc})") from None
        self._masked = _masks_padding(first, model)
        # Source ids of any length whose padding is masked: XLA may pad them.
        self._bucketed = self._masked and first.shape[1] is None
        self._parts = (embedding, rnn, attention, concat, tuple(reversed(head)))
        self._has_states = bool(states)
        self._functions: dict = {}    # (max_length, XLA?) -> tf.function
        self.xla_refused = False      # XLA failed on this model once: plain graphs only
        self.checked = False          # agreed once with the whole model

    def _loop(self, max_length: int, jit_compile: bool):
        """The decode of ``max_length`` steps at most, as a ``tf.function``."""
        from dlviz.core.kerasenv import import_tensorflow

        tf = import_tensorflow()
        embedding, rnn, attention, concat, head = self._parts

        def decode(first, start, end):
            encoded = self._encoder(first, training=False)
            memory, *states = encoded if isinstance(encoded, (list, tuple)) else [encoded]
            batch = tf.shape(first)[0]
            if not self._has_states:   # the RNN layer's own start: zeros
                states = rnn.cell.get_initial_state(batch_size=batch)
            states = list(states) if isinstance(states, (list, tuple)) else [states]
            mask = None
            if self._masked:   # padded source positions get weight 0, as in the model
                mask = tf.not_equal(first, PAD_ID)
            token = tf.fill([batch], start)
            ids = tf.TensorArray(tf.int32, size=max_length)
            weights = tf.TensorArray(tf.float32, size=max_length)
            chosen = tf.TensorArray(tf.float32, size=max_length)
            done = tf.zeros([batch], tf.bool)

            def step(t, token, done, states, ids, weights, chosen):
                x = embedding(token[:, None])[:, 0]
                h, new = rnn.cell(x, states, training=False)
                new = list(new) if isinstance(new, (list, tuple)) else [new]
                query = h[:, None]
                context, alpha = attention([query, memory], mask=[None, mask])
                y = concat([query, context])
                for layer in head:
                    y = layer(y, training=False)
                probabilities = y[:, 0]
                every = tf.range(tf.shape(probabilities)[-1])
                never = tf.equal(every, PAD_ID) | tf.equal(every, start)   # as the loop
                scores = tf.where(never, tf.constant(-np.inf, probabilities.dtype),
                                  probabilities)
                token = tf.cast(tf.argmax(scores, axis=-1), tf.int32)
                picked = tf.gather(probabilities, token, axis=1, batch_dims=1)
                return (t + 1, token, done | tf.equal(token, end), new,
                        ids.write(t, token), weights.write(t, tf.cast(alpha[:, 0], tf.float32)),
                        chosen.write(t, tf.cast(picked, tf.float32)))

            steps, _token, _done, _states, ids, weights, chosen = tf.while_loop(
                lambda t, token, done, *rest: (t < max_length) & ~tf.reduce_all(done),
                step, (tf.constant(0), token, done, states, ids, weights, chosen),
                maximum_iterations=max_length)
            # Whole buffers and the steps taken (XLA gives fixed shapes back).
            return steps, ids.stack(), weights.stack(), chosen.stack()

        spec = tf.TensorSpec((None, *self._encoder.inputs[0].shape[1:]),
                             self._encoder.inputs[0].dtype)
        scalar = tf.TensorSpec((), tf.int32)
        return tf.function(decode, input_signature=(spec, scalar, scalar),
                           jit_compile=jit_compile, autograph=False)

    def __call__(self, first, start: int, end: int, max_length: int,
                 jit_compile: bool = False):
        """Decode a batch greedily.

        Args:
            first: the first input, batched: source ids (N, Ts) or images (N, h, w, c).
            start, end: the ``<start>`` and ``<end>`` ids.
            max_length: tokens written at most.
            jit_compile: compile with XLA: each decode ~2x cheaper on a CPU
                (it fuses the small per-step ops), after a compile of a few
                seconds per input shape; worth it for a text decoded again and
                again (live frames), not for text being typed. A model XLA
                refuses is decoded in a plain graph.

        Returns:
            ``(ids (N, T) int32, weights (N, T, S) float32, chosen (N, T) float32)``:
            T is the step at which every row had written ``<end>``, or ``max_length``;
            ``chosen`` the probability of each token written.
        """
        steps = max(1, int(max_length))
        xla = bool(jit_compile) and not self.xla_refused
        first = np.asarray(first)
        length = first.shape[1] if first.ndim > 1 else 0
        if xla and self._bucketed:
            # XLA compiles once per shape: masked padding up to a bucket (16,
            # 32, 64, ...) changes no weight and keeps a newly pinned sentence
            # from compiling again, unless it is much longer.
            bucket = max(BUCKET, 1 << (length - 1).bit_length())
            first = np.pad(first, [(0, 0), (0, bucket - length)])
        from dlviz.core.kerasenv import import_tensorflow

        tf = import_tensorflow()
        args = (tf.constant(first, self._encoder.inputs[0].dtype), tf.constant(start, tf.int32),
                tf.constant(end, tf.int32))
        try:
            found = self._function(steps, xla)(*args)
        except Exception:   # noqa: BLE001 - XLA refused an op: the plain graph
            if not xla:
                raise
            self.xla_refused = True
            return self(first[:, :length] if self._bucketed else first, start, end, steps)
        steps, ids, weights, chosen = (np.asarray(v) for v in found)
        steps = int(steps)
        weights = weights[:steps].transpose(1, 0, 2)
        if xla and self._bucketed:
            weights = weights[..., :length]   # the padding's weights are exactly 0
        return ids[:steps].T.copy(), weights.copy(), chosen[:steps].T.copy()

    def _function(self, steps: int, xla: bool):
        if (steps, xla) not in self._functions:
            # The concrete function (the signature leaves every length open):
            # calling it skips tf.function's argument matching, ~0.15 ms of a
            # ~0.7 ms live frame.
            self._functions[steps, xla] = self._loop(steps, xla).get_concrete_function()
        return self._functions[steps, xla]


def _masks_padding(first, model) -> bool:
    """Whether the first input is ids whose padding (0) the model masks."""
    import keras

    if len(first.shape) != 2:
        return False
    for layer in model.layers:
        if isinstance(layer, keras.layers.Embedding) and layer.mask_zero:
            if any(node.input_tensors and node.input_tensors[0] is first
                   for node in layer._inbound_nodes):
                return True
    return False


def step_decoder(model) -> StepDecoder:
    """The model's :class:`StepDecoder`, built once per model.

    Raises:
        NotStepwise: the model cannot be decoded step by step (the reason is
            remembered, so later calls raise at once).
    """
    found = _DECODERS.get(model)
    if isinstance(found, str):
        raise NotStepwise(found)
    if found is None:
        try:
            found = StepDecoder(model)
        except NotStepwise as exc:
            _DECODERS[model] = str(exc)
            raise
        _DECODERS[model] = found
    return found


def decode_checked(model, whole, first, start: int, end: int, max_length: int,
                   jit_compile: bool = False):
    """Greedy decoding by the model's :class:`StepDecoder`, checked on its first use.

    Args:
        model: an encoder-decoder or captioner.
        whole: ``whole(first, target_in) -> (probabilities, weights)``, one
            pass of the whole model; the first decode of a model is compared
            with it (teacher forcing on the tokens written).
        first, start, end, max_length, jit_compile: as :meth:`StepDecoder.__call__`.

    Returns:
        ``(ids, weights, chosen)`` as :meth:`StepDecoder.__call__`.

    Raises:
        NotStepwise: the model cannot be decoded step by step, or its first
            step-wise decode disagreed with the whole model (remembered: the
            caller's whole-model loop is used from then on).
    """
    decoder = step_decoder(model)
    found = decoder(first, start, end, max_length, jit_compile)
    if not decoder.checked:
        problem = _disagreement(found, whole, first, start)
        if problem is not None:
            _DECODERS[model] = problem
            raise NotStepwise(problem)
        decoder.checked = True
    return found


def _disagreement(found, whole, first, start: int):
    """None when the step-wise pass wrote what the whole model's pass gives on
    the same tokens (teacher forcing); else what differs."""
    ids, weights, chosen = found
    target_in = np.concatenate([np.full((len(ids), 1), start, np.int32), ids[:, :-1]], 1)
    probabilities, want = (np.asarray(v) for v in whole(np.asarray(first), target_in))
    scores = probabilities.astype(np.float64)
    scores[..., [PAD_ID, start]] = -np.inf
    picked = np.take_along_axis(probabilities, ids[..., None], -1)[..., 0]
    # Each token the whole model's likeliest, up to rounding: an untrained
    # model's near-equal probabilities may tie within float32's last digits
    # (which the whole model's own passes of other lengths do not agree on).
    if np.any(picked < scores.max(-1) - TOLERANCE):
        return "its step-wise pass wrote other tokens than the whole model"
    if not (np.allclose(weights, want, rtol=0, atol=TOLERANCE)
            and np.allclose(chosen, picked, rtol=0, atol=TOLERANCE)):
        return "its step-wise pass gave other weights than the whole model"
    return None
