"""dlviz: see inside deep-learning models while they learn."""

__version__ = "0.1.0"
