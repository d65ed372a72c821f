"""Build a network layer by layer: architectures as plain data, live shape and
cost inference without Keras, Keras JSON in and out, undo/redo, code export."""
