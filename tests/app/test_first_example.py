"""The first screen: a trained model looking at a sample it knows, not random weights."""


def test_the_window_opens_on_the_trained_shapes_model_and_its_star(qtbot, window):
    with qtbot.waitSignal(window.images.analysis_shown, timeout=120_000) as shown:
        window.show_first_example()
    analysis = shown.args[0]
    assert analysis.source_name == "06_shape_star.jpg"
    predictions = analysis.predictions
    top = predictions.heads[predictions.primary][0]
    assert (top.name, top.probability > 0.9) == ("star", True)
    assert window.layer_table.title.text() == "AlexNet mini, trained on shapes"
    item = window.library.item_for("alexnet-mini-shapes")
    assert item.parent().text(0) == "Trained models"
    # Random weights stay one click away, in the same list.
    assert window.library.item_for("alexnet-mini") is not None
