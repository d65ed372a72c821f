"""Training sessions, callbacks, events and run directories."""
