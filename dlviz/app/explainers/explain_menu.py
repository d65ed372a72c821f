"""The Explain menu of the main window, and the image it hands to the explainers.

One action per explainer page; each opens (or raises) the one
``ExplainerWindow`` at that page, with the main window's current image.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from dlviz.app.explainers.explainer_window import PAGES, ExplainerWindow


translate = QCoreApplication.translate


def current_image(window):
    """The main window's current image as ``(pixels, name)``, None, or why not.

    Decoded here, on the GUI thread, as the window does for an image dropped
    while training: ``read_image`` is pure Python and Pillow, no Keras.
    """
    from dlviz.core.data import ImageLoadError, read_image

    current = window.images.current_source()
    if current is None:
        return None
    source, name = current
    try:
        return read_image(source, name=name).array, name
    except ImageLoadError as exc:
        return str(exc)


def open_explainer(window, page: str) -> ExplainerWindow:
    """Show the Explain window at ``page``, made on first use and kept."""
    explainer = getattr(window, "explainer_window", None)
    if explainer is None:
        explainer = ExplainerWindow(lambda: current_image(window), window)
        window.explainer_window = explainer
    else:
        explainer.take_current_image()
    explainer.show_page(page)
    explainer.show()
    explainer.raise_()
    explainer.activateWindow()
    return explainer


def add_explain_menu(window) -> None:
    """Add Explain > (the four pages) to ``window``'s menu bar."""
    menu = window.menuBar().addMenu(translate("ExplainMenu", "&Explain"))
    titles = (translate("ExplainMenu", "&Convolution vs cross-correlation…"),
              translate("ExplainMenu", "&Stride and padding…"),
              translate("ExplainMenu", "&Pooling, flatten, dense and softmax…"),
              translate("ExplainMenu", "&Activation functions…"))
    window.explain_actions = {}
    for page, title in zip(PAGES, titles):
        action = QAction(title, window)
        action.triggered.connect(lambda _checked=False, p=page: open_explainer(window, p))
        menu.addAction(action)
        window.explain_actions[page] = action
