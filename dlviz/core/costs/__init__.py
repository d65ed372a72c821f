"""What a layer costs: multiply-accumulates, receptive fields, comparisons.

Everything here is pure Python over layer configs and shapes (no Keras
import) except ``keras_costs`` and ``compare``, which read or build real
Keras layers and so run on the engine thread.
"""
