"""The Builder tab: change a network layer by layer and see what each choice costs.

``builder_panel`` (the tab), ``builder_toolbar`` (its buttons), ``builder_totals``
(the whole network's costs), ``builder_table`` (rows with live costs),
``layer_form`` and ``config_fields`` (the selected layer's settings),
``layer_palette`` (types to add), ``builder_files`` (JSON and script files),
``builder_controller`` (Keras work on the engine thread).
"""
