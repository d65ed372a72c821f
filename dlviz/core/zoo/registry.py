"""Every model in the library, by name, without importing Keras.

The GUI lists these names before TensorFlow has loaded, so an entry names
its class by module path and imports it only when ``create`` is called.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ZooEntry:
    """One pickable model: an architecture at a given configuration."""

    name: str
    title: str
    kind: str
    module: str
    class_name: str
    kwargs: dict = field(default_factory=dict)
    description: str = ""

    def model_class(self):
        from dlviz.core.kerasenv import import_keras

        import_keras()  # quietly, before the model module's own `import keras`
        module = importlib.import_module(f"dlviz.core.zoo.{self.module}")
        return getattr(module, self.class_name)

    def create(self, **overrides):
        """Instantiate the class with this entry's settings (not yet built)."""
        return self.model_class()(**{**self.kwargs, **overrides})


_MINI = {"input_shape": (32, 32, 3), "classes": 10}


def _trained_entries() -> list[ZooEntry]:
    """The shipped trained models (``resources/models``), listed first."""
    from dlviz.core.zoo.trained import trained_models

    return [ZooEntry(info.name, info.title, "Trained", "trained", "TrainedModel",
                     {"trained": info.name}, info.description)
            for info in trained_models()]


def _sequence_entries() -> list[ZooEntry]:
    """Recurrent text models ("Sequence models" in the library), after the CNNs;
    the shipped trained ones join the trained image models' group."""
    from dlviz.core.zoo.sequence_entries import SEQUENCE_ENTRIES
    from dlviz.core.zoo.sequence_trained import trained_text_models

    trained = [ZooEntry(info.name, info.title, "Trained", "sequence_trained",
                        "TrainedSequenceModel", {"trained": info.name}, info.description)
               for info in trained_text_models()]
    return trained + [ZooEntry(name, title, "Sequence", module, cls, dict(kwargs), description)
                      for name, title, module, cls, kwargs, description in SEQUENCE_ENTRIES]


def _crnn_entries() -> list[ZooEntry]:
    """The CRNN for digit strings (CTC), and the shipped trained one first."""
    from dlviz.core.zoo.crnn_trained import trained_crnn_models

    trained = [ZooEntry(info.name, info.title, "Trained", "crnn_trained", "TrainedCRNN",
                        {"trained": info.name}, info.description)
               for info in trained_crnn_models()]
    return trained + [ZooEntry(
        "crnn", "CRNN: CNN + BiLSTM + CTC", "CRNN", "crnn", "CRNN", {},
        "Reads handwritten digit strings (32x128): conv blocks, the map's 32 columns as "
        "time steps, a bidirectional LSTM, a softmax per column with the CTC blank.")]


def _seq2seq_entries() -> list[ZooEntry]:
    """Encoder-decoders with attention: the shipped trained ones, then the presets."""
    from dlviz.core.zoo.seq2seq_entries import SEQ2SEQ_ENTRIES
    from dlviz.core.zoo.seq2seq_trained import trained_seq2seq_models

    trained = [ZooEntry(info.name, info.title, "Trained", "seq2seq_trained",
                        "TrainedSeq2Seq", {"trained": info.name}, info.description)
               for info in trained_seq2seq_models()]
    return trained + [ZooEntry(name, title, "Seq2seq", module, cls, dict(kwargs), description)
                      for name, title, module, cls, kwargs, description in SEQ2SEQ_ENTRIES]


def _captioner_entries() -> list[ZooEntry]:
    """Image captioners with attention: the shipped trained one first, then the preset."""
    from dlviz.core.zoo.captioner_trained import trained_captioners

    trained = [ZooEntry(info.name, info.title, "Trained", "captioner_trained",
                        "TrainedCaptioner", {"trained": info.name}, info.description)
               for info in trained_captioners()]
    return trained + [ZooEntry(
        "shape-captioner", "Image captioner: CNN + LSTM with attention", "Captioning",
        "captioner", "ShapeCaptioner", {},
        "One-to-many: a CNN turns a 64x64 scene into 8x8 regions, an LSTM writes its caption "
        "word by word ('a red circle above a blue square'), attending over the regions.")]


_ENTRIES = [
    *_trained_entries(),
    ZooEntry("lenet5", "LeNet-5 (1998)", "CNN", "lenet", "LeNet5", {},
             "32x32 grey digits; tanh and average pooling as in LeCun et al. 1998."),
    ZooEntry("lenet5-modern", "LeNet-5, ReLU + max pooling", "CNN", "lenet", "LeNet5",
             {"modern": True}, "The same layers with the activations used today."),
    ZooEntry("alexnet", "AlexNet (2012)", "CNN", "alexnet", "AlexNet", {},
             "227x227 RGB, ReLU, local response normalisation, grouped convolutions."),
    ZooEntry("alexnet-mini", "AlexNet mini", "CNN", "alexnet", "AlexNet", dict(_MINI),
             "AlexNet's layer pattern at 32x32 for CPU training."),
    ZooEntry("vgg16", "VGG-16 (2014)", "CNN", "vgg", "VGG16", {},
             "Thirteen 3x3 convolutions in five blocks, three dense layers."),
    ZooEntry("vgg16-mini", "VGG-16 mini", "CNN", "vgg", "VGG16", dict(_MINI),
             "VGG-16's blocks at 32x32 with narrower layers for CPU training."),
    ZooEntry("googlenet", "GoogLeNet / Inception v1 (2014)", "CNN", "googlenet",
             "GoogLeNet", {}, "Inception blocks (1x1, 3x3, 5x5, pool) and two auxiliary heads."),
    ZooEntry("googlenet-mini", "GoogLeNet mini", "CNN", "googlenet", "GoogLeNet",
             dict(_MINI), "Inception blocks at 32x32 for CPU training."),
    ZooEntry("resnet50", "ResNet-50 (2015)", "CNN", "resnet", "ResNet50", {},
             "Convolutional and identity blocks with skip connections and batch norm."),
    ZooEntry("resnet50-mini", "ResNet-50 mini", "CNN", "resnet", "ResNet50", dict(_MINI),
             "ResNet-50's blocks at 32x32 for CPU training."),
    ZooEntry("mobilenet", "MobileNet v1 (2017)", "CNN", "mobilenet", "MobileNet", {},
             "Depthwise 3x3 + pointwise 1x1 convolutions; width multiplier alpha."),
    ZooEntry("mobilenet-mini", "MobileNet mini", "CNN", "mobilenet", "MobileNet",
             dict(_MINI), "MobileNet at 32x32 for CPU training."),
    # keras.applications with ImageNet weights, downloaded into Keras's cache
    # on demand; pass weights="random" or a file path to work offline.
    ZooEntry("vgg16-imagenet", "VGG-16, ImageNet weights", "ImageNet", "applications",
             "ImageNetVGG16", {}, "keras.applications.VGG16 trained on ImageNet "
             "(1000 classes, 224x224, caffe preprocessing; 528 MB download)."),
    ZooEntry("resnet50-imagenet", "ResNet-50, ImageNet weights", "ImageNet", "applications",
             "ImageNetResNet50", {}, "keras.applications.ResNet50 trained on ImageNet "
             "(1000 classes, 224x224, caffe preprocessing; 98 MB download)."),
    ZooEntry("mobilenet-imagenet", "MobileNet, ImageNet weights", "ImageNet",
             "applications", "ImageNetMobileNet", {},
             "keras.applications.MobileNet trained on ImageNet "
             "(1000 classes, 224x224, tf preprocessing; 16 MB download)."),
    ZooEntry("inceptionv3-imagenet", "Inception v3, ImageNet weights", "ImageNet",
             "applications", "ImageNetInceptionV3", {},
             "keras.applications.InceptionV3 trained on ImageNet "
             "(1000 classes, 299x299, tf preprocessing; 92 MB download)."),
    *_sequence_entries(),
    *_crnn_entries(),
    *_seq2seq_entries(),
    *_captioner_entries(),
]

#: name -> entry, in the order the model library shows them.
REGISTRY: dict[str, ZooEntry] = {e.name: e for e in _ENTRIES}


def get_entry(name: str) -> ZooEntry:
    """Return the entry for ``name`` or raise ``KeyError`` listing the choices."""
    try:
        return REGISTRY[name.lower()]
    except KeyError:
        raise KeyError(
            f"unknown model {name!r}; choose one of: {', '.join(REGISTRY)}"
        ) from None


def create(name: str, **overrides):
    """Instantiate a library model by registry name (not yet built)."""
    return get_entry(name).create(**overrides)
