"""An image captioner: CNN encoder, LSTM decoder, attention over image regions.

One-to-many: one image in, a sentence out, one word at a time (Show, Attend
and Tell, Xu et al. 2015, with Luong's attentional state). The CNN's last
feature map (8x8 for a 64x64 scene) becomes 64 *regions*
(:class:`~dlviz.core.layers.caption_regions.ImageRegions`); the decoder LSTM
starts from the regions' mean, and at every step its state is scored
against every region (:class:`~dlviz.core.layers.attention.ScoreAttention`),
the weights ``α = softmax(e)`` make the context ``c = Σ α r``, and
``h̃ = tanh(W_c [h; c])`` goes to a softmax over the caption words.

Training is teacher forcing: inputs ``image`` and ``target_in``
(``<start>`` + caption), output ``next_token`` (caption + ``<end>``), see
:func:`~dlviz.core.data.scene_captions.encode_captions`. Writing a caption
is greedy decoding (:mod:`dlviz.core.probes.captions`).

Layer names: ``image``, ``target_in``, ``block{1,2,3}_conv``,
``block{1,2,3}_pool``, ``regions``, ``scene_mean``, ``init_h``, ``init_c``,
``word_embedding``, ``decoder_lstm``, ``attention``, ``attention_concat``,
``attentional_state``, ``next_token``.
"""

from __future__ import annotations

from pathlib import Path

from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.zoo.base import ZooModel

#: Caption ids known before data is chosen (the English scene words fit).
DEFAULT_VOCABULARY_SIZE = 24


class ShapeCaptioner(ZooModel):
    """Three conv blocks, regions, an LSTM decoder with attention, a softmax per word.

    Args:
        input_shape: (height, width, 3) of the scenes (64, 64, 3 by default);
            three 2x2 poolings make the region grid (8x8).
        classes: caption vocabulary size (None: the vocabulary's).
        filters: channels of the three conv blocks.
        units: decoder LSTM units (also each region's feature size).
        embedding_dim: size of each word's vector.
        score: "dot", "general", "additive" or "cosine".
        vocabulary: the caption :class:`Vocabulary` (with ``<start>`` and
            ``<end>``); None: the scene captions' words in ``language``, or,
            when ``classes`` is given, a placeholder of ``classes`` ids.
        language: "en" or "vi", the scene captions' language (no vocabulary given).

    Example:
        >>> net = ShapeCaptioner(vocabulary=caption_vocabulary("en"))  # doctest: +SKIP
        >>> net.build().get_layer("attention").score                   # doctest: +SKIP
        'general'
    """

    title = "Image captioner with attention (CNN + LSTM)"
    kind = "Captioning"
    default_input_shape = (64, 64, 3)
    default_classes = DEFAULT_VOCABULARY_SIZE

    def __init__(self, input_shape=None, classes=None, *, filters=(32, 64, 64),
                 units: int = 64, embedding_dim: int = 32, score: str = "general",
                 vocabulary: Vocabulary | None = None, language: str = "en", **options):
        from dlviz.core.data.scene_captions import caption_vocabulary
        from dlviz.core.layers.attention import SCORES

        if score not in SCORES:
            raise ValueError(f"score must be one of {', '.join(SCORES)}, not {score!r}")
        if vocabulary is None and classes is None:
            vocabulary = caption_vocabulary(language)   # the scene captions' words
        if vocabulary is not None:
            if not isinstance(vocabulary, Vocabulary):
                raise TypeError("a captioner's vocabulary is one Vocabulary of caption words")
            if classes is not None and int(classes) != len(vocabulary):
                raise ValueError(f"classes ({classes}) must be the vocabulary's size "
                                 f"({len(vocabulary)})")
            classes = len(vocabulary)
        filters = tuple(int(f) for f in filters)
        if len(filters) != 3:
            raise ValueError(f"filters gives the channels of 3 conv blocks, not {filters}")
        super().__init__(input_shape, classes, filters=filters, units=int(units),
                         embedding_dim=int(embedding_dim), score=score,
                         vocabulary=vocabulary, language=language, **options)
        self.vocabulary = vocabulary
        height, width = self.input_shape[:2]
        if height % 8 or width % 8:
            raise ValueError(f"the image's height and width must be multiples of 8 (three "
                             f"2x2 poolings), not {height}x{width}")

    def _build(self):
        """image -> conv blocks -> regions; target_in -> LSTM; attention; softmax."""
        import keras
        from keras import layers

        from dlviz.core.layers.attention import ScoreAttention
        from dlviz.core.layers.caption_regions import ImageRegions

        o = self.options
        image = keras.Input(shape=self.input_shape, name="image")
        target_in = keras.Input(shape=(None,), dtype="int32", name="target_in")
        x = image
        for i, f in enumerate(o["filters"], start=1):
            x = layers.Conv2D(f, 3, padding="same", activation="relu", name=f"block{i}_conv")(x)
            x = layers.MaxPooling2D(2, name=f"block{i}_pool")(x)
        x = layers.Conv2D(o["units"], 1, activation="tanh", name="region_features")(x)
        regions = ImageRegions(name="regions")(x)
        # Show, Attend and Tell: the decoder starts from the mean of the regions,
        # so it knows the scene as a whole; attention says where each word looks.
        mean = layers.GlobalAveragePooling1D(name="scene_mean")(regions)
        h0 = layers.Dense(o["units"], activation="tanh", name="init_h")(mean)
        c0 = layers.Dense(o["units"], activation="tanh", name="init_c")(mean)
        words = layers.Embedding(self.classes, o["embedding_dim"], mask_zero=True,
                                 name="word_embedding")(target_in)
        decoded = layers.LSTM(o["units"], return_sequences=True,
                              name="decoder_lstm")(words, initial_state=[h0, c0])
        context, _weights = ScoreAttention(o["score"], name="attention")([decoded, regions])
        joined = layers.Concatenate(name="attention_concat")([decoded, context])
        attentional = layers.Dense(o["units"], activation="tanh",
                                   name="attentional_state")(joined)
        outputs = layers.Dense(self.classes, activation="softmax", name="next_token")(attentional)
        return keras.Model([image, target_in], outputs, name=f"shape_captioner_{o['score']}")

    # -- an image in, a caption out ---------------------------------------------------
    def caption(self, image, max_length: int = 20) -> str:
        """The greedy caption of one image (float32 (H, W, 3) in [0, 1])."""
        from dlviz.core.probes.captions import caption

        if self.vocabulary is None:
            raise ValueError(f"{self.title} has no vocabulary yet: train it on scenes first")
        return caption(self._require_model(), image, vocabulary=self.vocabulary,
                       max_length=max_length).text

    def with_vocabulary(self, vocabulary: Vocabulary, classes: int | None = None):
        """The same architecture writing ``vocabulary``'s words (not built)."""
        options = {k: v for k, v in self.options.items() if k != "vocabulary"}
        return type(self)(self.input_shape, None, vocabulary=vocabulary, **options)

    def with_classes(self, classes: int):
        """Without a vocabulary: the same architecture writing ``classes`` ids."""
        options = {k: v for k, v in self.options.items() if k != "vocabulary"}
        return type(self)(self.input_shape, int(classes), **options)

    # -- 5. save / 6. load -----------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the ``.keras`` file atomically, the caption vocabulary inside."""
        from dlviz.core.zoo.sequence_io import save_with_vocabulary

        return save_with_vocabulary(self._require_model(), self.vocabulary, path)

    @classmethod
    def load(cls, path: str | Path, *, trust_sha256: str | None = None,
             compile: bool = False, **options) -> "ShapeCaptioner":
        """Read a file this class saved: safe mode, options from its layers,
        the vocabulary from inside the file.

        Raises:
            ModelFileError: kind ``wrong_architecture`` when the file is not a
                captioner (no ``image``/``target_in`` inputs or no attention).
        """
        from dlviz.core.modelio import load_model
        from dlviz.core.prescan_errors import ModelFileError
        from dlviz.core.zoo.sequence_io import read_vocabulary

        model = load_model(path, trust_sha256=trust_sha256, compile=compile)
        try:
            found = captioner_options(model)
        except (KeyError, ValueError, AttributeError) as exc:
            raise ModelFileError("wrong_architecture", path,
                                 f"{Path(path).name} is not a shape captioner: {exc}") from None
        vocabulary = read_vocabulary(path)
        if vocabulary is not None and not isinstance(vocabulary, Vocabulary):
            vocabulary = None
        obj = cls(**{**found, **options}, vocabulary=vocabulary)
        obj.model = model
        return obj


def captioner_options(model) -> dict:
    """The constructor options that build ``model``'s architecture (from its layers)."""
    names = [t.name.split(":")[0] for t in model.inputs]
    if names != ["image", "target_in"]:
        raise ValueError(f"its inputs are {', '.join(names)}, not image and target_in")
    return {
        "input_shape": tuple(int(d) for d in model.inputs[0].shape[1:]),
        "classes": int(model.get_layer("next_token").units),
        "filters": tuple(int(model.get_layer(f"block{i}_conv").filters) for i in (1, 2, 3)),
        "units": int(model.get_layer("decoder_lstm").units),
        "embedding_dim": int(model.get_layer("word_embedding").output_dim),
        "score": model.get_layer("attention").score,
    }
