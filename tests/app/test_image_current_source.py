"""The current image after refusals, missing files and models that take no images.

Found by trying the window as a student would: a refused file became the
current image, so the next model looked at it again (the banner repeated its
refusal) and kept showing the last model's maps and predictions as its own;
a retrained text model reported it could not look at an image nobody gave it.
"""

from test_image_workflow import (analyse, drop, lenet_window, open_tabular,  # noqa: F401
                                 picture, text_named_png)


def choose(qtbot, window, name, signal):
    with qtbot.waitSignal(signal, timeout=120_000) as blocker:
        window.library.choose(name)
    return blocker.args[0] if blocker.args else None


def test_a_refused_file_never_becomes_the_image_the_next_model_looks_at(
        qtbot, lenet_window, tmp_path):
    win = lenet_window
    analyse(qtbot, win, picture(tmp_path))
    with qtbot.waitSignal(win.images.problem_reported, timeout=60_000):
        drop(win, text_named_png(tmp_path))
    assert "notes.png" in win.banner.text()
    assert win.statusBar().currentMessage() == ""   # not "Looking at notes.png…" still
    # The next model looks at the last good picture, and says nothing of notes.png.
    analysis = choose(qtbot, win, "vgg16-mini", win.images.analysis_shown)
    assert analysis.source_name == "photo.png"
    assert not win.banner.isVisible()
    assert win.images.current_source()[1] == "photo.png"


def test_a_picture_gone_meanwhile_leaves_no_other_models_maps_on_screen(
        qtbot, lenet_window, tmp_path):
    win = lenet_window
    gone = picture(tmp_path, "gone.png")
    analyse(qtbot, win, gone)
    gone.unlink()
    message = choose(qtbot, win, "vgg16-mini", win.images.problem_reported)
    assert "gone.png" in message
    for view in (win.maps_view, win.prediction_view):
        assert not view.body.isVisible()      # LeNet's maps and classes are gone
        assert "gone.png" in view.hint.text()
    assert win.images.current_source() is None
    assert win.images.analysis is None
    # A new picture is looked at by this model as usual.
    assert analyse(qtbot, win, picture(tmp_path, "next.png")).source_name == "next.png"
    assert win.maps_view.body.isVisible()


def test_a_model_that_takes_no_images_is_quiet_when_its_weights_change(
        qtbot, lenet_window, tmp_path):
    window = lenet_window
    analyse(qtbot, window, picture(tmp_path))   # the first model takes images
    open_tabular(qtbot, window, tmp_path)
    window.banner.hide()
    # As at the end of a training run or a freeze: the model changed, nobody dropped anything.
    with qtbot.assertNotEmitted(window.images.problem_reported, wait=300):
        window._on_model_changed()
    assert not window.banner.isVisible()
    # A picture dropped on it is still answered, in words, and the status bar
    # does not ask for a model that is open.
    drop(window, picture(tmp_path, "face.png"))
    assert "Cannot look at face.png" in window.banner.text()
    assert "pick a model" not in window.statusBar().currentMessage()


def test_the_library_shows_which_model_is_open(qtbot, lenet_window, tmp_path):
    win = lenet_window
    library = win.library
    assert library.tree.currentItem() is library.item_for("lenet5-modern")
    open_tabular(qtbot, win, tmp_path, "mine.keras")
    # Not LeNet's entry and description any more: the file is what is open.
    assert library.tree.currentItem() is None and not library.tree.selectedItems()
    assert "mine.keras" in library.description.text()
    assert "LeNet" not in library.description.text()
    with qtbot.waitSignal(win.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        library.choose("vgg16-mini")
    assert library.tree.currentItem() is library.item_for("vgg16-mini")


def test_an_image_dropped_on_an_empty_gates_tab_shows_the_maps(qtbot, lenet_window, tmp_path):
    win = lenet_window
    win.tabs.setCurrentWidget(win.gates_tab)   # a CNN: "No gates to show"
    qtbot.waitUntil(lambda: win.gate_view.body.isHidden(), timeout=10_000)
    analyse(qtbot, win, picture(tmp_path))
    assert win.tabs.currentWidget() is win.maps_view


def open_sentence_model(qtbot, window, tmp_path):
    """Save a tiny LSTM sentence classifier (no images, gates offered) and open it."""
    import keras

    inputs = keras.Input((None,), dtype="int32", name="tokens")
    hidden = keras.layers.Embedding(40, 8, name="embedding")(inputs)
    hidden = keras.layers.LSTM(6, name="lstm")(hidden)
    outputs = keras.layers.Dense(2, activation="softmax", name="scores")(hidden)
    path = tmp_path / "sentences.keras"
    keras.Model(inputs, outputs).save(path)
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.open_model_file(str(path))


def test_a_sentence_models_image_tabs_say_where_its_answer_is(qtbot, lenet_window, tmp_path):
    win = lenet_window
    open_sentence_model(qtbot, win, tmp_path)
    assert win.images.current_model().offered["gates"] is None
    for view in (win.prediction_view, win.heatmap_view):
        assert not view.body.isVisible()
        assert "reads sentences" in view.hint.text() and "Gates tab" in view.hint.text()
        assert "feature maps" not in view.hint.text()
    # The feature maps tab keeps the reason in terms of the model's input.
    assert "no feature maps" in win.maps_view.hint.text()
    # A model that takes neither images nor sentences says only why it has no maps.
    open_tabular(qtbot, win, tmp_path)
    assert "reads sentences" not in win.prediction_view.hint.text()
    assert "no feature maps" in win.prediction_view.hint.text()
