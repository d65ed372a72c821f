"""What one dropped image yields at once: feature maps and predictions.

One forward pass serves both: the ``ActivationExtractor`` returns every
spatial layer's maps and the model's outputs together.
"""

from __future__ import annotations

from dlviz.core.probes.activations import ActivationExtractor, feature_maps_and_outputs
from dlviz.core.probes.predictions import predictions
from dlviz.core.probes.preprocess import prepare_input
from dlviz.core.probes.results import ImageAnalysis, PreparedInput, ProbeUnavailable


def analyze_image(model, image, *, fit: str = "resize", preprocessing: str = "unit",
                  class_names=None, names_source: str | None = None,
                  extractor: ActivationExtractor | None = None, source_name: str = "",
                  load_notes=(), mosaics=None) -> ImageAnalysis:
    """Fit an image to ``model``, then compute its feature maps and predictions.

    Args:
        model: a Functional or built Sequential Keras model.
        image: float [0, 1] pixels (H, W, C), e.g. ``read_image(...).array``,
            or a ``PreparedInput`` already fitted (live frames of a pinned
            image fit it once, not every frame).
        fit: "resize" or "crop" (see ``prepare_input``).
        preprocessing: the model's scheme: "unit", "caffe", "tf" or "torch".
        class_names: one name per class, or None.
        names_source: where the names come from (see ``predictions``).
        extractor: this model's ``ActivationExtractor``, kept between images.
        source_name: what to call the image ("cat.jpg").
        load_notes: what loading did to it (``read_image(...).notes``).
        mosaics: paths of the layers to tile, and to make the statistics
            of, now (the one on screen); the others' statistics are read
            from their maps when asked. None: every layer's (see
            ``feature_maps``).

    Returns:
        ``ImageAnalysis``; its ``predictions`` is None when the model has
        no class output.

    Raises:
        ProbeUnavailable: the model cannot be probed with images.

    Example:
        >>> loaded = read_image("cat.jpg")  # doctest: +SKIP
        >>> result = analyze_image(vgg, loaded.array, load_notes=loaded.notes)  # doctest: +SKIP
        >>> result.predictions.heads["output"][0].name  # doctest: +SKIP
        'class 281'
    """
    prepared = image if isinstance(image, PreparedInput) else \
        prepare_input(model, image, fit=fit, preprocessing=preprocessing)
    maps, outputs = feature_maps_and_outputs(model, prepared, extractor=extractor,
                                             mosaics=mosaics)
    try:
        ranked = predictions(model, prepared, class_names=class_names,
                             names_source=names_source, outputs=outputs)
    except ProbeUnavailable:
        ranked = None
    return ImageAnalysis(source_name=source_name, load_notes=tuple(load_notes), maps=maps,
                         predictions=ranked)
