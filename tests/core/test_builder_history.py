"""Undo and redo in the builder."""

from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.history import History


def test_undo_redo_walks_back_and_forth():
    first = Architecture((LayerSpec.new("InputLayer", "image"),), "net")
    second = first.add(LayerSpec.new("Conv2D", "conv1"))
    third = second.add(LayerSpec.new("Flatten", "flat"))
    history = History(first)
    history.push(second)
    history.push(third)
    assert history.undo() == second
    assert history.undo() == first
    assert history.undo() is None and history.current == first
    assert history.redo() == second
    history.push(second.remove("conv1"))  # a new edit forgets what could be redone
    assert not history.can_redo and history.redo() is None
    assert history.undo() == second


def test_unchanged_state_is_not_recorded_and_limit_holds():
    history = History(Architecture(), limit=3)
    history.push(Architecture())
    assert not history.can_undo
    for i in range(5):
        history.push(Architecture(name=f"n{i}"))
    steps = 0
    while history.undo() is not None:
        steps += 1
    assert steps == 2 and history.current.name == "n2"
