"""The workspace holds the trained model and the run's vocabulary by the time
"stopped" is sent: a sentence typed or an image dropped right after it meets
the trained model, and the run directory already holds its last checkpoint."""

import json

import numpy as np
import pytest
from PIL import Image

from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.events import TrainingStopped
from dlviz.core.workspace import Workspace


def train_watching_stopped(ws, config, run_dir):
    """Train; return (what ``ws`` held when TrainingStopped was emitted, the result)."""
    seen = {}

    def emit(event):
        if isinstance(event, TrainingStopped):
            latest = run_dir / "checkpoints" / "latest.json"
            seen.update(model=ws.model, zoo=ws.zoo_model, vocabulary=ws.vocabulary,
                        class_names=ws.class_names,
                        latest=json.loads(latest.read_text()) if latest.exists() else None)

    stopped = ws.train(config, emit=emit, run_dir=run_dir)
    assert stopped.reason == "finished", stopped.message
    return seen, stopped


@pytest.mark.parametrize("name, kwargs, data", [
    ("gru-sentiment", dict(units=4, embedding_dim=4), DataSpec("sentiment-vi", samples=64)),
    ("shape-captioner", dict(filters=(4, 8, 8), units=8, embedding_dim=8),
     DataSpec("scenes-vi", samples=32)),
])
def test_a_text_or_caption_model_and_its_vocabulary_are_taken_before_stopped(
        tmp_path, name, kwargs, data):
    ws = Workspace()
    ws.build_zoo_model(name, **kwargs)
    untrained = ws.model
    config = TrainingConfig(data=data, epochs=1, batch_size=16)
    seen, _ = train_watching_stopped(ws, config, tmp_path / "run")
    # Its embedding (or word output) is rebuilt for the data's vocabulary: a new model.
    assert seen["model"] is ws.model and ws.model is not untrained
    assert seen["zoo"] is ws.zoo_model and ws.zoo_model.model is ws.model
    assert seen["vocabulary"] is not None and seen["vocabulary"] == ws.vocabulary
    assert any(not token.isascii() for token in seen["vocabulary"].tokens)  # Vietnamese words
    assert seen["latest"] is not None and seen["latest"]["epochs_done"] == 1
    assert (tmp_path / "run" / "checkpoints" / seen["latest"]["file"]).exists()


def test_an_image_model_rebuilt_for_two_classes_is_taken_before_stopped(tmp_path):
    rng = np.random.default_rng(0)
    folder = tmp_path / "images"
    for label, base in (("mèo", 0), ("chó", 128)):
        (folder / label).mkdir(parents=True)
        for i in range(6):
            pixels = (base + rng.random((16, 16)) * 127).astype("uint8")
            Image.fromarray(pixels).save(folder / label / f"{i}.png")
    ws = Workspace()
    ws.build_zoo_model("lenet5")
    untrained = ws.model
    config = TrainingConfig(data=DataSpec("folder", path=str(folder)), epochs=1, batch_size=4)
    seen, _ = train_watching_stopped(ws, config, tmp_path / "run")
    assert seen["model"] is ws.model and ws.model is not untrained
    assert seen["model"].layers[-1].units == 2
    assert seen["zoo"].classes == 2 and set(seen["class_names"]) == {"mèo", "chó"}
    assert seen["latest"] is not None and seen["latest"]["epochs_done"] == 1
