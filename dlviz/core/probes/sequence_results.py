"""What the sequence probes return: frozen dataclasses of NumPy arrays and plain values.

Like ``results``, they hold no Keras objects, so they may cross threads and
be written to ``.npz``. Arrays are float32 (batch, time, units), time in the
original token order whichever way the layer reads.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.results import Result

#: What each gate or state is, for titles and hover text.
GATE_LABELS = {
    "i": "input gate i",
    "f": "forget gate f",
    "g": "candidate g",
    "o": "output gate o",
    "c": "cell state c",
    "h": "hidden state h",
    "z": "update gate z",
    "r": "reset gate r",
    "h_tilde": "candidate h̃",
}

#: The gates and states of each kind of layer, in drawing order.
GATE_NAMES = {
    "lstm": ("i", "f", "g", "o", "c", "h"),
    "gru": ("z", "r", "h_tilde", "h"),
    "simple_rnn": ("h",),
}

#: Gates that go through the recurrent activation (sigmoid by default).
RECURRENT_GATES = {"lstm": ("i", "f", "o"), "gru": ("z", "r"), "simple_rnn": ()}

#: The one line every GRU result carries.
GRU_CONVENTION = ("Keras writes h = z∘h₋₁ + (1−z)∘h̃; many course notes swap z and 1−z "
                  "(z there is Keras's 1−z).")

BACKWARD_NOTE = ("Backward direction: read from the last token to the first; columns are in "
                 "the original token order (column t is the state after reading token t).")

MASK_NOTE = ("Padded steps (mask False) carry the previous state, as Keras does; the gates "
             "shown there were computed and then discarded.")


@dataclass(frozen=True, eq=False)
class GateTrace:
    """Every gate and state of one recurrent layer (one direction) at every step.

    Example:
        >>> trace = lstm_gates(layer, x)      # doctest: +SKIP
        >>> trace.gates["f"].shape            # (batch, time, units)  doctest: +SKIP
        >>> trace.final_state()["h"]          # return_sequences=False  doctest: +SKIP
    """

    layer: str                      # path of the layer: "lstm_1", or "bidirectional/backward"
    kind: str                       # "lstm", "gru" or "simple_rnn"
    direction: str                  # "forward" or "backward" (reads last token first)
    gates: dict[str, np.ndarray]    # name -> (batch, time, units) float32, token order
    mask: np.ndarray                # (batch, time) bool: True where the step was read
    activation: str = "tanh"
    recurrent_activation: str | None = "sigmoid"   # None for SimpleRNN
    reset_after: bool | None = None                 # GRU only
    tokens: tuple[str, ...] | None = None           # one per time step, when known
    note: str = ""

    @property
    def batch(self) -> int:
        return int(self.mask.shape[0])

    @property
    def time(self) -> int:
        return int(self.mask.shape[1])

    @property
    def units(self) -> int:
        return int(self.gates["h"].shape[-1])

    def final_state(self) -> dict[str, np.ndarray]:
        """The states after the last step read: {"h"} (and {"c"} for LSTM), each (batch, units).

        The last step read is the last token for a forward layer and the
        first for a backward one; masked steps carried the state to the end.

        Raises:
            ValueError: an empty sequence (no step was read).
        """
        if self.time == 0:
            raise ValueError(f"{self.layer}: an empty sequence has no final state")
        column = 0 if self.direction == "backward" else -1
        names = ("h", "c") if self.kind == "lstm" else ("h",)
        return {name: self.gates[name][:, column] for name in names}

    def reading_order(self, name: str) -> np.ndarray:
        """Gate ``name`` in the order the layer read the steps (Keras's own
        output order for a ``go_backwards`` layer with ``return_sequences``)."""
        values = self.gates[name]
        return values[:, ::-1] if self.direction == "backward" else values


@dataclass(frozen=True, eq=False)
class GradientThroughTime(Result):   # a Result: live frames and run snapshots store it
    """How much each input step moves the loss: the L2 norm of dLoss/d(step's input).

    A SimpleRNN's norms fall by orders of magnitude from the last step back to
    the first (the gradient is multiplied by W·tanh' once per step); an LSTM's
    cell path multiplies it by the forget gate, which training opens to ~1.
    """

    model: str
    norms: np.ndarray            # (batch, time) float32; 0 at padded steps
    mask: np.ndarray             # (batch, time) bool: True where the step is real
    input_kind: str              # "embedding" (after an Embedding layer) or "features"
    loss: float                  # the loss the gradient is of (mean over the batch)
    target: str                  # "labels" (y given) or "predicted class"
    tokens: tuple[str, ...] | None = None
    note: str = ""

    def relative(self) -> np.ndarray:
        """Norms divided by each sequence's largest one: (batch, time) in [0, 1]."""
        peak = self.norms.max(axis=1, keepdims=True)
        return np.divide(self.norms, peak, out=np.zeros_like(self.norms), where=peak > 0)
