"""Pure functions: (model, input) -> NumPy arrays and small frozen dataclasses.

The same functions serve the GUI (on the engine thread), the CLI, notebooks
and the tests. Result types live in ``results``; the app's view registry maps
each to the view that draws it.
"""
