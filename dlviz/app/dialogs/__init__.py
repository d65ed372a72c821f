"""Dialogs that need an answer from the person."""
