"""Pure functions: (model, input) -> NumPy arrays and small frozen dataclasses.

The same functions serve the GUI (on the engine thread), the CLI, notebooks
(``dlviz.probes``) and the tests. Every kind of probe is declared once in
``registry``; result types live in ``results`` and store themselves through
``result_io`` (and draw themselves through ``pictures``); the app's view
registry maps each to the view that draws it.
"""
