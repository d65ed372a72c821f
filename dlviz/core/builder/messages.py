"""Every problem the builder can say about a layer, as English templates.

The core never imports Qt, so it cannot translate; it gives each row's
error as this template plus its values (``RowInfo.error_template`` and
``error_values``), and the window translates the template (the Vietnamese
catalogue lists ``TEMPLATES``) before filling in the values. Values are
names, numbers and shapes, the same in every language.
"""

from __future__ import annotations

WHOLE_NUMBERS = "the {what} must be whole numbers, got {value}"
TWO_NUMBERS = "the {what} needs two numbers (height, width), got {value}"
ONE_INPUT = "this layer reads one input, it is given {count}"
NEEDS_IMAGES = ("{layer} reads images (height, width, channels); its input is {shape}. "
                "Put it before Flatten, or use an image input")
KERNEL_STRIDE = "kernel and stride must be at least 1 (got kernel {kernel}, stride {stride})"
TOO_SMALL = ("the {axis} ({size}) is smaller than the window ({window}) with 'valid' padding: "
             "the output would be {out}. Use 'same' padding, a smaller kernel, or remove a "
             "pooling layer before it")
CHANNELS_LAST = "only channels_last (height, width, channels) is supported here"
PADDING = "padding must be 'valid' or 'same', got {value}"
KNOWN_CHANNELS = "{layer} needs a known number of channels"
AT_LEAST_ONE = "{setting} must be at least 1, got {value}"
GROUPS = "groups ({groups}) must divide the input channels ({channels}) and the filters ({filters})"
FILTERS_AND_MULTIPLIER = "filters and depth_multiplier must be at least 1"
BN_AXIS = "BatchNormalization needs a known size on its axis"
PRELU_SIZES = "PReLU needs known sizes (or shared_axes over the unknown ones)"
DENSE_ON_IMAGE = ("Dense reads a vector, but its input is an image {shape}: add Flatten or "
                  "GlobalAveragePooling2D before it")
DENSE_FEATURES = "Dense needs a known number of input features"
EMBEDDING_INPUT = ("Embedding reads token numbers (one number per step), but its input is "
                   "{shape}: give the model a (length,) integer input")
EMBEDDING_SIZES = "input_dim (vocabulary size) and output_dim must be at least 1"
RNN_ON_IMAGES = ("{layer} reads sequences (steps, features), but its input is images {shape}: "
                 "add Reshape before it, or use Conv2D")
RNN_INPUT = ("{layer} reads sequences (steps, features), but its input is {shape}: "
             "add Embedding or Reshape before it")
RNN_FEATURES = "{layer} needs a known number of features per step"
MODEL_OUTPUT = ("the model gives output {index} of this layer (it has several); the builder "
                "links only a layer's first output: open the model as a file to view it")
OTHER_OUTPUT = ("reads output {index} of {name} (a layer with several outputs, such as an "
                "LSTM's states); the builder links only a layer's first output: open the "
                "model as a file to view it")
SECOND_INPUT = ("also takes {argument} from {names}, a link the builder cannot keep (it links "
                "layers through their main input only): open the model as a file to view it")
BIDIRECTIONAL_INNER = "Bidirectional wraps a SimpleRNN, LSTM or GRU"
MERGE_MODE_NONE = ("merge_mode None gives two outputs (one per direction); the builder keeps "
                   "one output per layer: choose concat, sum, mul or ave")
MERGE_TOO_FEW = "{layer} needs two or more inputs: pick them in its settings"
ADD_SHAPES = ("Add needs inputs of the same shape, got {shapes}; change one branch "
              "(a 1x1 Conv2D to match channels, strides to match size)")
CONCAT_RANK = "Concatenate needs inputs with the same number of axes"
CONCAT_SHAPES = ("Concatenate joins along axis {axis}; the inputs differ on another axis: "
                 "{shapes}")
RESHAPE = "Reshape to {target} needs {needed} values; its input {shape} has {have}"
INPUT_SHAPE_MISSING = "give the input a shape, e.g. (32, 32, 3) for colour images"
INPUT_SHAPE_SMALL = "every size of the input must be at least 1, got {shape}"
OPAQUE_UNKNOWN = ("{layer} is not editable here and Keras has not computed its shape; "
                  "build the model to see it")
OPAQUE_STALE = ("{layer} is not editable here: Keras computed its shape for another input; "
                "undo the change above it or remove it")
SHARED = ("this layer is used {count} times (shared weights); the builder edits layers used "
          "once: open the model as a file to view it")
NOT_ABOVE = "reads {names}, which is not above it; pick its input again"
DEPENDS_ON = "depends on {name}, which has a problem (see that row)"
NO_INPUT = "reads no layer; add an Input layer above it or pick its input"
NOT_UNDERSTOOD = "a setting is not understood ({problem}); check this layer's settings"
NAME_TWICE = "the name {name} is used twice; rename one of them"

#: every template, for the translation catalogue.
TEMPLATES: tuple[str, ...] = tuple(
    value for name, value in sorted(globals().items())
    if name.isupper() and isinstance(value, str))
#: The English words the rules put into the templates' fields ({what}, {axis}),
#: for the catalogue too; other values are names, numbers and shapes.
WORDS = ("height", "width", "kernel size", "stride", "dilation", "size")
