"""Undo and redo for the builder: a list of architectures and a cursor."""

from __future__ import annotations

from dlviz.core.builder.architecture import Architecture


class History:
    """Every architecture the builder showed, newest last, with a cursor.

    ``push`` records a new state (and forgets what could be redone);
    ``undo``/``redo`` move the cursor and return the state to show, or
    ``None`` when there is nothing to undo/redo.

    Example:
        >>> h = History(Architecture())
        >>> h.push(Architecture(name="b"))
        >>> h.undo().name, h.redo().name
        ('model', 'b')
    """

    def __init__(self, first: Architecture | None = None, limit: int = 500):
        self._states: list[Architecture] = [first or Architecture()]
        self._at = 0
        self._limit = max(2, limit)

    @property
    def current(self) -> Architecture:
        return self._states[self._at]

    @property
    def can_undo(self) -> bool:
        return self._at > 0

    @property
    def can_redo(self) -> bool:
        return self._at < len(self._states) - 1

    def push(self, arch: Architecture) -> None:
        """Record ``arch`` as the current state (an unchanged state is not recorded)."""
        if arch == self.current:
            return
        del self._states[self._at + 1:]
        self._states.append(arch)
        if len(self._states) > self._limit:  # forget the oldest, keep memory bounded
            del self._states[0]
        self._at = len(self._states) - 1

    def undo(self) -> Architecture | None:
        if not self.can_undo:
            return None
        self._at -= 1
        return self.current

    def redo(self) -> Architecture | None:
        if not self.can_redo:
            return None
        self._at += 1
        return self.current
