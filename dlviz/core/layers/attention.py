"""Attention for encoder-decoder models, with the course's four score functions.

For a decoder state ``h`` (the query) and each encoder state ``h̄_s`` (the
values), a score ``e_s`` says how well they match; the weights are
``α = softmax(e)`` over the source positions that are not padding, and the
context is ``c = Σ_s α_s h̄_s``. The scores:

- ``dot``: ``e = hᵀh̄`` (Luong); needs ``h`` and ``h̄`` of one size.
- ``general``: ``e = hᵀWh̄`` (Luong, "multiplicative"); ``W`` is (d_h, d_h̄).
- ``additive``: ``e = vᵀtanh(W₁h + W₂h̄)`` (Bahdanau); ``W₁`` (d_h, units),
  ``W₂`` (d_h̄, units), ``v`` (units,).
- ``cosine``: ``e = β·cos(h, h̄)`` (content-based, as in Graves's Neural
  Turing Machine). A cosine lies in [-1, 1], so on its own its softmax over
  ten tokens can never put more than ~0.45 on one of them; the learned
  sharpness ``β`` (one number, starting at ``sharpness``) lets it focus.
"""

from __future__ import annotations

import keras
from keras import ops

SCORES = ("dot", "general", "additive", "cosine")
#: Added to the score of a padded source position: exp() of it is exactly 0
#: in float32, so those weights are 0 and each row sums to 1 over the rest.
_MASKED = -1e9


@keras.saving.register_keras_serializable(package="dlviz")
class ScoreAttention(keras.layers.Layer):
    """Weights over encoder states for every decoder state, and their context.

    Args:
        score: "dot", "general", "additive" or "cosine" (see the module).
        units: size of the additive score's hidden layer (None: the values'
            size); unused by the other scores.
        sharpness: starting value of the cosine score's learned factor β.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Call arguments:
        inputs: ``[query (B, Tq, d_q), values (B, Tv, d_v)]``.
        mask: ``[query_mask (B, Tq), values_mask (B, Tv)]`` (either may be
            None); Keras passes the masks of ``Embedding(mask_zero=True)``
            inputs on by itself.

    Returns:
        ``[context (B, Tq, d_v), weights (B, Tq, Tv)]``; weights are 0 at
        padded source positions and each row sums to 1.

    Example:
        >>> attention = ScoreAttention("general", name="attention")  # doctest: +SKIP
        >>> context, weights = attention([decoder_states, encoder_states])  # doctest: +SKIP
    """

    def __init__(self, score: str = "dot", units: int | None = None,
                 sharpness: float = 5.0, **kwargs):
        super().__init__(**kwargs)
        if score not in SCORES:
            raise ValueError(f"score must be one of {', '.join(SCORES)}, not {score!r}")
        self.score = score
        self.units = None if units is None else int(units)
        self.sharpness = float(sharpness)
        self.supports_masking = True

    def build(self, input_shape):
        query_shape, values_shape = input_shape
        d_q, d_v = int(query_shape[-1]), int(values_shape[-1])
        if self.score in ("dot", "cosine") and d_q != d_v:
            raise ValueError(f"the {self.score} score compares vectors of one size: the "
                             f"decoder states have {d_q} numbers and the encoder states "
                             f"{d_v}; use the general or additive score, or equal sizes")
        if self.score == "general":
            self.w = self.add_weight(shape=(d_q, d_v), initializer="glorot_uniform",
                                     name="w")
        elif self.score == "additive":
            units = self.units or d_v
            self.w1 = self.add_weight(shape=(d_q, units), initializer="glorot_uniform",
                                      name="w1")
            self.w2 = self.add_weight(shape=(d_v, units), initializer="glorot_uniform",
                                      name="w2")
            self.v = self.add_weight(shape=(units,), initializer="glorot_uniform", name="v")
        elif self.score == "cosine":
            self.beta = self.add_weight(
                shape=(), initializer=keras.initializers.Constant(self.sharpness),
                name="sharpness")

    def scores(self, query, values):
        """The raw scores ``e`` (B, Tq, Tv), before masking and softmax."""
        if self.score == "dot":
            return ops.matmul(query, ops.transpose(values, (0, 2, 1)))
        if self.score == "general":
            return ops.matmul(ops.matmul(query, self.w), ops.transpose(values, (0, 2, 1)))
        if self.score == "additive":
            # (B, Tq, 1, u) + (B, 1, Tv, u): every query against every value.
            hidden = ops.tanh(ops.expand_dims(ops.matmul(query, self.w1), 2)
                              + ops.expand_dims(ops.matmul(values, self.w2), 1))
            return ops.tensordot(hidden, self.v, axes=[[3], [0]])
        unit_q = query / ops.sqrt(ops.sum(ops.square(query), -1, keepdims=True) + 1e-12)
        unit_v = values / ops.sqrt(ops.sum(ops.square(values), -1, keepdims=True) + 1e-12)
        return self.beta * ops.matmul(unit_q, ops.transpose(unit_v, (0, 2, 1)))

    def call(self, inputs, mask=None):
        query, values = inputs
        e = self.scores(query, values)
        values_mask = mask[1] if isinstance(mask, (list, tuple)) else None
        if values_mask is not None:
            keep = ops.expand_dims(ops.cast(values_mask, "bool"), 1)
            e = ops.where(keep, e, ops.cast(_MASKED, e.dtype))
        weights = ops.softmax(e, axis=-1)
        context = ops.matmul(weights, values)
        return [context, weights]

    def compute_mask(self, inputs, mask=None):
        # The context belongs to the query's steps: padded target steps stay
        # masked downstream (and in the loss). The weights carry no mask.
        query_mask = mask[0] if isinstance(mask, (list, tuple)) else None
        return [query_mask, None]

    def compute_output_shape(self, input_shape):
        query_shape, values_shape = input_shape
        batch, tq, tv = query_shape[0], query_shape[1], values_shape[1]
        return [(batch, tq, values_shape[-1]), (batch, tq, tv)]

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(score=self.score, units=self.units, sharpness=self.sharpness)
        return config
