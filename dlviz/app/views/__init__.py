"""Drawings of model and probe results, one view per kind."""
