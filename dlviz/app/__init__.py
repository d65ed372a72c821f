"""The Qt application. Imports ``dlviz.core``; the core never imports this."""
