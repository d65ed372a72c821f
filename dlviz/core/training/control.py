"""Stop, pause and probe requests, passed from the GUI thread to a training run.

The GUI thread calls ``stop``, ``pause``, ``resume``, ``request_probe``,
``request_text``, ``watch_layer`` and ``show_views``; the engine thread, between batches,
reads the flags, waits while paused and takes the pending requests. The
pinned image and the pinned sentence are two latest-wins slots: a sentence
typed never drops an image dropped, nor the other way round. Nothing here imports
Keras; everything is guarded by one lock or a ``threading.Event``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class ProbeRequest:
    """A new pinned probe input: float32 (H, W, C) pixels in [0, 1]."""

    image: np.ndarray
    name: str


@dataclass(frozen=True)
class TextRequest:
    """A new pinned sentence for the text kinds (gates, gradient through time)."""

    text: str


class TrainingControl:
    """Thread-safe controls of one training run (or several, one after another).

    Example:
        >>> control = TrainingControl()
        >>> control.pause(); control.paused
        True
        >>> control.stop(); control.paused, control.stopped
        (False, True)
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._running = threading.Event()   # cleared while paused
        self._running.set()
        self._probe: ProbeRequest | None = None
        self._text: TextRequest | None = None
        self._watched: str | None = None
        self._watch_set = False       # the first watch_layer sets where the run starts
        self._watch_changed = False   # a new layer picked, not yet shown live
        self._shown: frozenset[str] | None = None
        self._maps_layer: str | None = None

    # -- run state -----------------------------------------------------------
    def stop(self) -> None:
        """Ask training to end after the current batch (also ends a pause)."""
        self._stop.set()
        self._running.set()

    def pause(self) -> None:
        """Hold training after the current batch until ``resume`` or ``stop``."""
        if not self._stop.is_set():
            self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def reset(self) -> None:
        """Clear stop and pause, so the same control can drive the next run."""
        self._stop.clear()
        self._running.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set() and not self._stop.is_set()

    def wait_while_paused(self, poll: float = 0.05, timeout: float | None = None) -> float:
        """Block while paused; return at once on ``resume`` or ``stop``.

        Args:
            poll: how often to look again, in seconds.
            timeout: give up after this many seconds (None: wait for as
                long as the pause lasts); the caller can then do other
                work, e.g. answer a probe request, and wait again.

        Returns:
            Seconds spent waiting.
        """
        began = time.perf_counter()
        while not self._running.wait(poll):
            if timeout is not None and time.perf_counter() - began >= timeout:
                break
        return time.perf_counter() - began

    # -- probe requests (latest wins) ------------------------------------------
    def request_probe(self, image: np.ndarray, name: str = "") -> None:
        """Pin a new probe input; an earlier request not yet taken is dropped.

        Args:
            image: decoded pixels, float (H, W, C) in [0, 1] (e.g.
                ``read_image(path).array``).
            name: what to call it ("cat.jpg").

        Raises:
            ValueError: not an (H, W, C) image.
        """
        pixels = np.array(image, dtype=np.float32, copy=True)
        if pixels.ndim != 3:
            raise ValueError(f"a probe image is (height, width, channels), got {pixels.shape}")
        with self._lock:
            self._probe = ProbeRequest(pixels, str(name))

    def take_probe_request(self) -> ProbeRequest | None:
        """The pending request, if any, which is then no longer pending."""
        with self._lock:
            request, self._probe = self._probe, None
        return request

    @property
    def probe_pending(self) -> bool:
        with self._lock:
            return self._probe is not None

    def request_text(self, text: str) -> None:
        """Pin a new sentence; an earlier one not yet taken is dropped.

        Args:
            text: what the person typed (empty text is pinned too: the live
                gates then say there is nothing to read).
        """
        if not isinstance(text, str):
            raise TypeError(f"a pinned sentence is a str, got {type(text).__name__}")
        with self._lock:
            self._text = TextRequest(text)

    def take_text_request(self) -> TextRequest | None:
        """The pending sentence, if any, which is then no longer pending."""
        with self._lock:
            request, self._text = self._text, None
        return request

    @property
    def text_pending(self) -> bool:
        with self._lock:
            return self._text is not None

    @property
    def input_pending(self) -> bool:
        """A new image or sentence waits: the live views that show it are urgent."""
        with self._lock:
            return self._probe is not None or self._text is not None

    # -- which layer's filters the live view shows ------------------------------
    def watch_layer(self, path: str | None) -> None:
        """Show this convolution's filters (None: the first convolution).

        The first call says where the run starts. A later one naming another
        layer is a request like a new image: the live views that show it
        refresh at the next batch (``layer_pending``). (Were the first one a
        request too, a run's first frame would be the filters', and a run of
        a second would end before its feature maps had a turn.)
        """
        with self._lock:
            if self._watch_set and path != self._watched:
                self._watch_changed = True
            self._watched, self._watch_set = path, True

    @property
    def layer_pending(self) -> bool:
        """Another layer was picked and no live frame has shown it yet."""
        with self._lock:
            return self._watch_changed

    def take_layer_request(self) -> bool:
        """Whether another layer was picked; it is then no longer pending."""
        with self._lock:
            changed, self._watch_changed = self._watch_changed, False
        return changed

    @property
    def watched_layer(self) -> str | None:
        with self._lock:
            return self._watched

    # -- which layer's feature maps the live view shows ---------------------------
    def show_maps_layer(self, path: str | None) -> None:
        """The layer the Feature maps view shows (None: not known).

        Live frames then tile that layer's mosaic and make its statistics
        with the maps, and leave the others' to the view, which makes them
        from the maps when a person picks another layer (as after a drop).
        """
        with self._lock:
            self._maps_layer = path or None

    @property
    def maps_layer(self) -> str | None:
        with self._lock:
            return self._maps_layer

    # -- which live views are on screen ------------------------------------------
    def show_views(self, kinds) -> None:
        """The probe kinds whose views are on screen now (None: not known, all).

        The live probes refresh these as often as the budget allows and the
        others once every ``live_probes.HIDDEN_SECONDS`` (still stored in the
        run directory); a view that comes on screen is refreshed at the next
        frame.

        Example:
            >>> control = TrainingControl()
            >>> control.show_views(["feature_maps"]); sorted(control.shown_views)
            ['feature_maps']
        """
        shown = None if kinds is None else frozenset(str(k) for k in kinds)
        with self._lock:
            self._shown = shown

    @property
    def shown_views(self) -> frozenset[str] | None:
        with self._lock:
            return self._shown
