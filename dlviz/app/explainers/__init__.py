"""Explainers: the course's basic operations shown step by step, on the person's image.

Convolution vs cross-correlation, stride and padding, pooling to softmax,
and the activation functions. Each page draws what ``dlviz.core.explain``
computes; ``ExplainerWindow`` holds them as tabs (menu Explain).
"""
