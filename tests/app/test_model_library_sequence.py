"""The model library shows the recurrent text models in their own group."""

from dlviz.app.panels.model_library import ModelLibraryPanel
from dlviz.core.zoo.sequence_entries import SEQUENCE_ENTRIES


def groups(panel):
    tree = panel.tree
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())}


def test_sequence_models_group_and_trained_text_models(qtbot):
    panel = ModelLibraryPanel()
    qtbot.addWidget(panel)
    found = groups(panel)
    sequence = found["Sequence models"]
    names = [sequence.child(i).toolTip(0).split(":")[0] for i in range(sequence.childCount())]
    assert names == [row[0] for row in SEQUENCE_ENTRIES]
    assert panel.item_for("lstm-sentiment-vi").parent() is found["Trained models"]
    assert "forgets" in panel.item_for("rnn-sentiment").toolTip(0)
