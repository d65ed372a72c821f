"""Drawings of model and probe results, one view per kind.

``registry.VIEWS`` maps each probe result type to the view that draws it.
"""
