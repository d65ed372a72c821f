"""The Keras model library of dlviz.

Nothing in this package imports Qt (a test proves it), and nothing imports
Keras or TensorFlow at module import time unless the module's whole purpose
is Keras work: the GUI imports the registry and the events to draw its
first frame while TensorFlow is still loading on the engine thread.
"""
