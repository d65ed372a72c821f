"""Pictures into arrays: safe image loading and the datasets dlviz trains on.

Everything here is NumPy and Pillow (scikit-learn only when the digits are
asked for); nothing imports Qt, Keras or TensorFlow.

- :mod:`~dlviz.core.data.images`: one image file or bytes to float32 [0, 1].
- :mod:`~dlviz.core.data.pixels`: mode conversion, channels, resizing.
- :mod:`~dlviz.core.data.dataset`: the train/test ``Dataset`` and its split.
- :mod:`~dlviz.core.data.digits`, :mod:`~dlviz.core.data.shapes`,
  :mod:`~dlviz.core.data.folders`: the datasets.
- :mod:`~dlviz.core.data.samples`: the bundled sample images.
"""

from dlviz.core.data.dataset import Dataset, split_dataset, stratified_split
from dlviz.core.data.digits import DIGIT_CLASSES, load_digits_images, load_digits_split
from dlviz.core.data.folders import DatasetError, FolderLoad, load_image_folder
from dlviz.core.data.image_errors import ALLOWED_FORMATS, REASONS, ImageLoadError
from dlviz.core.data.images import LoadedImage, load_image, read_image
from dlviz.core.data.pixels import fit_image, to_channels
from dlviz.core.data.samples import sample_images, sample_label
from dlviz.core.data.shapes import SHAPE_CLASSES, generate_shapes, load_shapes_split

__all__ = [
    "ALLOWED_FORMATS", "DIGIT_CLASSES", "REASONS", "SHAPE_CLASSES", "Dataset",
    "DatasetError", "FolderLoad", "ImageLoadError", "LoadedImage", "fit_image",
    "generate_shapes", "load_digits_images", "load_digits_split",
    "load_image", "load_image_folder", "load_shapes_split", "read_image",
    "sample_images", "sample_label", "split_dataset", "stratified_split", "to_channels",
]
