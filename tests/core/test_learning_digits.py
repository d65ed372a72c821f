"""LeNet-5 really learns the bundled handwritten digits (the seven methods end to end)."""

import pytest


@pytest.mark.slow
def test_lenet5_learns_digits_then_survives_save_and_load(tmp_path):
    import numpy as np

    from dlviz.core.data import load_digits_split
    from dlviz.core.zoo import create

    data = load_digits_split()
    net = create("lenet5-modern")
    net.build()
    before = net.test(data.x_test, data.y_test)["accuracy"]
    history = net.train(data.x_train, data.y_train, epochs=8, batch_size=32)
    after = net.test(data.x_test, data.y_test)
    assert history["loss"][-1] < history["loss"][0]
    assert before < 0.3 and after["accuracy"] > 0.9, (before, after)

    path = net.save(tmp_path / "lenet.keras")
    loaded = type(net).load(path)
    np.testing.assert_allclose(loaded.predict(data.x_test[:16]), net.predict(data.x_test[:16]),
                               rtol=1e-5, atol=1e-6)
