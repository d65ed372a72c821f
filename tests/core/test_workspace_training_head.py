"""The app's path: a library model trained on a two-class folder gets a two-class head."""

import numpy as np
from PIL import Image

from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.workspace import Workspace


def test_the_workspace_adopts_the_model_rebuilt_for_the_data(tmp_path):
    rng = np.random.default_rng(0)
    for name, base in (("cats", 0), ("dogs", 128)):
        (tmp_path / name).mkdir()
        for i in range(6):
            pixels = (base + rng.random((16, 16)) * 127).astype("uint8")
            Image.fromarray(pixels).save(tmp_path / name / f"{i}.png")
    ws, events = Workspace(), []
    ws.build_zoo_model("lenet5")
    config = TrainingConfig(data=DataSpec("folder", path=str(tmp_path)), epochs=1,
                            batch_size=4)
    stopped = ws.train(config, emit=events.append)
    assert stopped.reason == "finished", stopped.message
    started = next(e for e in events if type(e).__name__ == "TrainingStarted")
    assert started.notes[0].startswith("LeNet-5 rebuilt with 2 outputs for this data (was 10)")
    assert ws.model.layers[-1].units == 2
    assert ws.zoo_model.model is ws.model and ws.zoo_model.classes == 2
    assert ws.class_names == ("cats", "dogs")
    assert ws.current_summary().rows[-1].output_shape.replace(" ", "") == "(None,2)"
