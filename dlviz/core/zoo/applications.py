"""``keras.applications`` models with ImageNet weights, as library models.

VGG16, ResNet50, MobileNet and InceptionV3 exactly as Keras builds them
(Keras's layer names, so its weights files fit), with the classifier. The
``weights`` option picks the weights:

- ``"imagenet"`` (default): from Keras's cache, downloaded on demand with a
  progress callback (:mod:`dlviz.core.zoo.imagenet_weights`); offline this
  raises ``WeightsUnavailable`` with what to do instead.
- ``"random"``: Keras's initialisers; works offline.
- a path to a local ``.h5`` / ``.weights.h5`` / ``.keras`` file: weights only
  (never code) are read into the same architecture.

ImageNet class names come from Keras's cache when present, whatever the
weights, so predictions read "tabby cat" rather than "class 281".
"""

from __future__ import annotations

from pathlib import Path

from dlviz.core.zoo.base import ZooModel
from dlviz.core.zoo.imagenet_weights import (WeightsUnavailable, ensure_weights,
                                             imagenet_class_names)

__all__ = ["ImageNetInceptionV3", "ImageNetMobileNet", "ImageNetResNet50",
           "ImageNetVGG16", "KerasApplication", "WeightsFileError", "WeightsUnavailable",
           "ensure_weights", "imagenet_class_names"]

WEIGHT_SUFFIXES = (".h5", ".keras")


class WeightsFileError(Exception):
    """A local weights file that is missing or does not fit; ``str()`` says which."""

    user_message = True


class KerasApplication(ZooModel):
    """Base of the ``keras.applications`` wrappers.

    Args:
        input_shape: (height, width, 3); must be the default with ImageNet
            weights (their classifier fixes it).
        classes: 1000 with ImageNet weights; any number with random weights.
        weights: "imagenet", "random", or a local weights file's path.
        progress: ``progress(done_bytes, total_bytes)`` during a download.

    Example:
        >>> net = ImageNetMobileNet(weights="random")  # doctest: +SKIP
        >>> net.build().count_params()  # doctest: +SKIP
        4253864
    """

    kind = "ImageNet"
    default_classes = 1000
    #: Key in ``imagenet_weights.WEIGHTS`` and name in ``keras.applications``.
    app_name: str = ""
    keras_class: str = ""

    def __init__(self, input_shape=None, classes=None, weights="imagenet",
                 progress=None, **options):
        super().__init__(input_shape, classes, **options)
        self.weights = "random" if weights is None else str(weights)
        self.progress = progress
        self.class_names = None
        if self.weights not in ("imagenet", "random") and \
                not self.weights.lower().endswith(WEIGHT_SUFFIXES):
            raise ValueError(f"weights must be 'imagenet', 'random' or a .h5/.keras "
                             f"file, not {self.weights!r}")

    def _check_imagenet_shape(self) -> None:
        if self.input_shape != tuple(self.default_input_shape):
            raise ValueError(f"{self.title} with ImageNet weights takes "
                             f"{_shape_text(self.default_input_shape)} images, "
                             f"not {_shape_text(self.input_shape)}")
        if self.classes != 1000:
            raise ValueError(f"{self.title} with ImageNet weights has 1000 classes, "
                             f"not {self.classes}; choose random weights for others")

    def _build(self):
        """Create Keras's model and load the chosen weights into it.

        Returns:
            The ``keras.Model`` from ``keras.applications``.

        Raises:
            WeightsUnavailable: ImageNet weights neither cached nor downloadable.
            WeightsFileError: a local weights file is missing or does not fit.
        """
        # Fetch first: offline, say so before spending time on the graph.
        path = None
        if self.weights == "imagenet":
            self._check_imagenet_shape()
            path = ensure_weights(self.app_name, progress=self.progress)
        elif self.weights != "random":
            path = Path(self.weights).expanduser()
            if not path.is_file():
                raise WeightsFileError(f"the weights file {path} does not exist; pick "
                                       "it again, or choose random weights")
        from dlviz.core.kerasenv import import_keras

        keras = import_keras()
        constructor = getattr(keras.applications, self.keras_class)
        model = constructor(weights=None, include_top=True,
                            input_shape=self.input_shape, classes=self.classes)
        if path is not None:
            # Weights only: legacy .h5 by layer order (as Keras loads its own
            # ImageNet files), .weights.h5 and .keras archives by structure.
            try:
                model.load_weights(str(path))
            except Exception as exc:  # Keras raises ValueError, OSError, KeyError...
                raise WeightsFileError(self._unreadable(path, exc)) from exc
        if self.classes == 1000:
            self.class_names = imagenet_class_names()
        return model


    def _unreadable(self, path: Path, exc: Exception) -> str:
        detail = " ".join(str(exc).split())[:300] or type(exc).__name__
        if self.weights == "imagenet":
            return (f"The cached ImageNet weights {path} cannot be read ({detail}); "
                    "delete that file so dlviz downloads it again, or choose random "
                    "weights")
        return (f"{path.name} does not fit {self.title} "
                f"({_shape_text(self.input_shape)}, {self.classes} classes): {detail}. "
                "Pick weights saved from this same model, or random weights")


class ImageNetVGG16(KerasApplication):
    """``keras.applications.VGG16``: 138,357,544 parameters at 224x224."""

    title = "VGG-16, ImageNet"
    app_name, keras_class = "vgg16", "VGG16"
    default_input_shape = (224, 224, 3)
    preprocessing = "caffe"


class ImageNetResNet50(KerasApplication):
    """``keras.applications.ResNet50``: 25,636,712 parameters at 224x224."""

    title = "ResNet-50, ImageNet"
    app_name, keras_class = "resnet50", "ResNet50"
    default_input_shape = (224, 224, 3)
    preprocessing = "caffe"


class ImageNetMobileNet(KerasApplication):
    """``keras.applications.MobileNet`` (alpha 1.0): 4,253,864 parameters at 224x224."""

    title = "MobileNet, ImageNet"
    app_name, keras_class = "mobilenet", "MobileNet"
    default_input_shape = (224, 224, 3)
    preprocessing = "tf"


class ImageNetInceptionV3(KerasApplication):
    """``keras.applications.InceptionV3``: 23,851,784 parameters at 299x299."""

    title = "Inception v3, ImageNet"
    app_name, keras_class = "inceptionv3", "InceptionV3"
    default_input_shape = (299, 299, 3)
    preprocessing = "tf"


def _shape_text(shape) -> str:
    return "x".join(str(d) for d in shape)
