"""``ZooModel.load``: the file's variant and sizes are kept, another architecture refused."""

import pytest

from dlviz.core.kerasenv import import_keras
from dlviz.core.modelio import ModelFileError
from dlviz.core.zoo import create
from dlviz.core.zoo.lenet import LeNet5

keras = import_keras()


@pytest.fixture(scope="module")
def modern_file(tmp_path_factory):
    net = create("lenet5-modern", classes=3)
    return net.save(tmp_path_factory.mktemp("zoo") / "modern.keras")


def test_load_keeps_the_variant_the_shape_and_the_classes(modern_file):
    loaded = LeNet5.load(modern_file)
    assert loaded.options == {"modern": True}
    assert (loaded.input_shape, loaded.classes) == ((32, 32, 1), 3)
    # Building again (or for new data) makes the same variant, not the classic one.
    again = loaded.with_classes(2).build()
    assert isinstance(again.get_layer("s2_pool"), keras.layers.MaxPooling2D)
    assert again.get_layer("c1_conv").activation.__name__ == "relu"
    assert again.layers[-1].units == 2


def test_options_that_do_not_build_the_file_are_refused(modern_file):
    with pytest.raises(ModelFileError) as caught:
        LeNet5.load(modern_file, modern=False)
    assert caught.value.kind == "wrong_architecture"
    assert "modern.keras is not a LeNet-5" in str(caught.value)
    with pytest.raises(ModelFileError, match="has classes 3, not 5 as asked"):
        LeNet5.load(modern_file, classes=5)


def test_a_resnet_file_loaded_as_lenet_is_refused_with_the_difference(tmp_path):
    path = create("resnet50-mini").save(tmp_path / "resnet.keras")
    with pytest.raises(ModelFileError) as caught:
        LeNet5.load(path)
    error = caught.value
    message = str(error)
    assert error.kind == "wrong_architecture" and "\n" not in message
    assert message.startswith("resnet.keras is not a LeNet-5 (resnet50: layer 1 is ")
    assert "where LeNet-5 has c1_conv (Conv2D" in message
