"""The course's basic operations, computed step by step so they can be shown.

Pure NumPy, no Qt and no Keras: convolution and cross-correlation one window
at a time (:mod:`.convolution`), the kernels to try (:mod:`.kernels`), the
output-size formula and Keras's 'valid'/'same' padding (:mod:`.output_size`),
pooling, flatten, a dense layer and softmax on a small example
(:mod:`.pooling`), and the activation functions with their derivatives
(:mod:`.activations`). The explainers in ``dlviz.app.explainers`` draw them.
"""
