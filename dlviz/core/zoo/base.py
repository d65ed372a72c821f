"""The seven methods every dlviz model class has.

``__init__`` takes hyper-parameters, ``build`` makes a named Functional Keras
model, ``summary`` returns the layer table, ``train`` fits, ``test``
evaluates, ``save`` writes atomically, ``load`` reads through the safe
loader and checks that the file is this architecture. Subclasses write only
``_build`` (and, when they have several heads, ``_compile_args``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dlviz.core.summary import ModelSummary, summarize


class ZooModel:
    """Base class of every architecture in the model library.

    Args:
        input_shape: (height, width, channels) of one input image.
        classes: number of output classes.
        **options: architecture variants (see each subclass).

    Example:
        >>> net = LeNet5(input_shape=(32, 32, 1), classes=10)  # doctest: +SKIP
        >>> net.build(); net.summary().total_params  # doctest: +SKIP
        61706
    """

    #: Short human name shown in the model library.
    title: str = "model"
    #: "CNN", "RNN", ...; shown by ``dlviz zoo``.
    kind: str = "CNN"
    #: Canonical hyper-parameters (the published configuration).
    default_input_shape: tuple[int, int, int] = (224, 224, 3)
    default_classes: int = 1000
    #: How images are scaled before the model sees them: "unit" ([0, 1]) for
    #: dlviz's own models; "caffe", "tf" or "torch" for ImageNet weights.
    preprocessing: str = "unit"
    #: Class names, when known (ImageNet, or the dataset it was trained on).
    class_names: tuple[str, ...] | None = None

    def __init__(self, input_shape=None, classes=None, **options: Any):
        self.input_shape = tuple(input_shape or self.default_input_shape)
        self.classes = int(classes or self.default_classes)
        self.options = dict(options)
        self.model = None  # a keras.Model once built or loaded

    # -- 1. build ---------------------------------------------------------
    def build(self):
        """Create the Keras model (Functional API, every layer named)."""
        self.model = self._build()
        return self.model

    def _build(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _require_model(self):
        if self.model is None:
            self.build()
        return self.model

    # -- 2. summary -------------------------------------------------------
    def summary(self) -> ModelSummary:
        """Layer rows (name, type, output shape, parameters) plus totals."""
        return summarize(self._require_model())

    # -- 3. train ---------------------------------------------------------
    def compile(self, optimizer="adam", learning_rate: float | None = None):
        """Compile with this architecture's loss(es) and metrics."""
        from dlviz.core.kerasenv import import_keras

        keras = import_keras()
        model = self._require_model()
        if isinstance(optimizer, str):
            optimizer = keras.optimizers.get(optimizer)
            if learning_rate is not None:
                optimizer.learning_rate = learning_rate
        model.compile(optimizer=optimizer, **self.compile_args())
        return model

    def compile_args(self) -> dict:
        """This architecture's ``loss``, ``loss_weights`` and ``metrics``.

        The one source of them: ``compile`` here, the app's training session
        and ``dlviz train`` all pass these to ``keras.Model.compile`` beside
        the optimizer the person chose (GoogLeNet: heads weighted 1.0, 0.3,
        0.3).
        """
        return self._compile_args()

    def _compile_args(self) -> dict:
        return {"loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}

    def _targets(self, y):
        """Map labels to what the model's outputs expect (multi-head models)."""
        return y

    def train(self, x, y, epochs: int = 1, batch_size: int = 32,
              validation_data=None, callbacks=None, verbose: int = 0, **fit_kwargs):
        """Fit on arrays ``x`` (N, H, W, C) and integer labels ``y`` (N,).

        Returns:
            The Keras history as a plain ``dict`` of metric -> list per epoch.
        """
        model = self._require_model()
        if not getattr(model, "optimizer", None) or not model.compiled:
            self.compile()
        if validation_data is not None:
            vx, vy = validation_data
            validation_data = (vx, self._targets(vy))
        history = model.fit(
            x, self._targets(y), epochs=epochs, batch_size=batch_size,
            validation_data=validation_data, callbacks=callbacks,
            verbose=verbose, **fit_kwargs,
        )
        return {k: [float(v) for v in vals] for k, vals in history.history.items()}

    # -- 4. test ----------------------------------------------------------
    def test(self, x, y, batch_size: int = 32) -> dict[str, float]:
        """Evaluate on held-out data; returns metric name -> value."""
        model = self._require_model()
        if not model.compiled:
            self.compile()
        result = model.evaluate(x, self._targets(y), batch_size=batch_size,
                                verbose=0, return_dict=True)
        return {k: float(v) for k, v in result.items()}

    def predict(self, x, batch_size: int = 32):
        """Class probabilities, shape (N, classes)."""
        return self._require_model().predict(x, batch_size=batch_size, verbose=0)

    # -- 5. save / 6. load ------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write a ``.keras`` file atomically (the old file survives a failure)."""
        from dlviz.core.modelio import save_model

        return save_model(self._require_model(), path)

    @classmethod
    def load(cls, path: str | Path, *, trust_sha256: str | None = None,
             compile: bool = False, **options) -> "ZooModel":
        """Read a ``.keras`` file through the safe loader, as this architecture.

        Args:
            path: the model file.
            trust_sha256, compile: as for ``modelio.load_model``.
            **options: constructor options the file was built with
                (``modern=True``, ``alpha=0.5``, ...). ``input_shape`` and
                ``classes`` come from the file (given, they must match it).
                Without options, each variant the model library lists for
                this class is tried (LeNet-5 classic, then modern).

        Returns:
            An object of this class with the file's model and the options
            that build its architecture, so ``build`` remakes the same variant.

        Raises:
            ModelFileError: kind ``wrong_architecture`` when the file is not
                this architecture (the message names the first difference),
                or any kind ``load_model`` raises.
        """
        from dlviz.core.modelio import load_model
        from dlviz.core.zoo.architecture import match_options

        model = load_model(path, trust_sha256=trust_sha256, compile=compile)
        obj = cls(**match_options(cls, model, path, options))
        obj.model = model
        return obj

    def with_classes(self, classes: int) -> "ZooModel":
        """The same architecture and options with ``classes`` outputs (not built).

        Its weights are fresh; the caller copies over those of the layers
        that keep their shapes (every layer but the classifier).
        """
        kwargs = {"input_shape": self.input_shape, "classes": int(classes), **self.options}
        if hasattr(self, "weights"):  # keras.applications: no download for a new head
            kwargs["weights"] = "random"
        return type(self)(**kwargs)
