"""How big a convolution's or pooling's output is: the formula, and Keras's padding.

The course's formula per axis is floor((n + 2p - k) / s) + 1. Keras names
two paddings: 'valid' adds none; 'same' adds just enough zeros that the
output has ceil(n / s) pixels, putting the odd one (if any) after the image.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Padding:
    """The zeros Keras adds on one axis for a padding mode.

    Attributes:
        before, after: zeros added before (top/left) and after (bottom/right).
        output: the output size on that axis.
    """

    before: int
    after: int
    output: int


def output_size(n: int, k: int, s: int = 1, p: int = 0, p_after: int | None = None) -> int:
    """floor((n + 2p - k) / s) + 1, or (n + p + p_after - k) // s + 1 when uneven.

    Args:
        n: input size on this axis.
        k: kernel (or pooling window) size.
        s: stride (at least 1).
        p: zeros added before (and after, unless ``p_after`` is given).
        p_after: zeros added after, when it differs from ``p``.

    Returns:
        The output size; 0 or less means the window does not fit.

    Example:
        >>> output_size(32, 3, 2, 1)
        16
    """
    if s < 1:
        raise ValueError(f"the stride must be at least 1, got {s}")
    after = p if p_after is None else p_after
    return (n + p + after - k) // s + 1


def keras_padding(n: int, k: int, s: int, mode: str) -> Padding:
    """The padding Keras's Conv2D/MaxPooling2D use for 'valid' or 'same'.

    Args:
        n, k, s: input size, kernel size and stride on one axis.
        mode: "valid" or "same".

    Returns:
        A :class:`Padding`.

    Example:
        >>> keras_padding(7, 3, 2, "same")
        Padding(before=1, after=1, output=4)
    """
    if mode == "valid":
        return Padding(0, 0, output_size(n, k, s, 0))
    if mode != "same":
        raise ValueError(f"padding must be 'valid' or 'same', got {mode!r}")
    out = -(-n // s)   # ceil(n / s)
    total = max((out - 1) * s + k - n, 0)
    return Padding(total // 2, total - total // 2, out)
