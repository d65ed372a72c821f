"""The XLA-compiled activation pass (live frames) equals the plain one, and falls back."""

import numpy as np

from _training_models import bright_dark, tiny_cnn
from dlviz.core.kerasenv import import_tensorflow
from dlviz.core.probes.activations import ActivationExtractor


def test_the_xla_pass_gives_the_plain_passs_maps_statistics_and_mosaics():
    model, image = tiny_cnn(), bright_dark(n=8).x_train[:1]
    plain, fused = ActivationExtractor(model), ActivationExtractor(model, jit_compile=True)
    for _ in range(2):   # the first call of each runs eagerly, the second compiled
        maps, summaries, outputs = plain.summarised(image)
        fused_maps, fused_summaries, fused_outputs = fused.summarised(image)
    assert fused.jit_compile
    for path, values in maps.items():
        np.testing.assert_allclose(fused_maps[path], values, rtol=1e-5, atol=1e-6)
        a, b = summaries[path], fused_summaries[path]
        np.testing.assert_allclose(b.minimum, a.minimum, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(b.maximum, a.maximum, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(b.nonzero, a.nonzero)
        if a.mosaics is not None:
            np.testing.assert_allclose(b.mosaics, a.mosaics, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(fused_outputs[0], outputs[0], rtol=1e-5, atol=1e-6)


def test_a_model_xla_cannot_compile_falls_back_to_the_plain_graph():
    tf = import_tensorflow()
    model, image = tiny_cnn(), bright_dark(n=8).x_train[:1]
    extractor = ActivationExtractor(model, jit_compile=True)
    extractor.summarised(image)            # the eager first call

    def refuses(*_batches):
        raise tf.errors.InvalidArgumentError(None, None, "Detected unsupported operations")

    extractor._forward = refuses
    maps, _summaries, outputs = extractor.summarised(image)
    assert not extractor.jit_compile and extractor._forward is not refuses
    expected = model(image, training=False)
    np.testing.assert_allclose(outputs[0], np.asarray(expected), rtol=1e-5, atol=1e-6)
    assert set(maps) == {info.path for info in extractor.layers}
