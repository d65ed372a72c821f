"""MACs and receptive fields against numbers worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dlviz.core.costs.macs import layer_macs
from dlviz.core.costs.receptive_field import receptive_fields

SAME3 = {"kernel_size": (3, 3), "strides": (1, 1), "padding": "same"}


def test_conv2d_counts_every_output_position_times_kernel_times_channels():
    # 24*24 positions, 5*5 kernel, 1 input channel, 6 filters (LeNet's C1).
    config = {"filters": 6, "kernel_size": (5, 5), "padding": "valid"}
    assert layer_macs("Conv2D", config, [(28, 28, 1)], (24, 24, 6)) == 24 * 24 * 25 * 6 == 86_400


def test_grouped_conv_divides_input_channels_by_groups():
    config = {**SAME3, "filters": 32, "groups": 4}
    # 32*32 positions * 9 * (16/4) * 32
    assert layer_macs("Conv2D", config, [(32, 32, 16)], (32, 32, 32)) == 1_179_648
    ungrouped = layer_macs("Conv2D", {**config, "groups": 1}, [(32, 32, 16)], (32, 32, 32))
    assert ungrouped == 4 * 1_179_648


def test_channels_first_reads_channels_from_the_first_axis():
    config = {**SAME3, "filters": 8, "data_format": "channels_first"}
    assert layer_macs("Conv2D", config, [(3, 10, 10)], (8, 10, 10)) == 100 * 9 * 3 * 8


def test_depthwise_conv_does_one_kernel_per_channel():
    assert layer_macs("DepthwiseConv2D", SAME3, [(32, 32, 16)], (32, 32, 16)) == 1024 * 9 * 16
    doubled = {**SAME3, "depth_multiplier": 2}
    assert layer_macs("DepthwiseConv2D", doubled, [(32, 32, 16)], (32, 32, 32)) == 294_912


def test_separable_conv_is_depthwise_plus_pointwise():
    config = {**SAME3, "filters": 32, "depth_multiplier": 1}
    depthwise = 1024 * 9 * 16  # 147,456
    pointwise = 1024 * 16 * 32  # 524,288
    assert layer_macs("SeparableConv2D", config, [(32, 32, 16)], (32, 32, 32)) == depthwise + pointwise


def test_transposed_conv_scatters_a_kernel_from_every_input_position():
    config = {"filters": 16, "kernel_size": (3, 3), "strides": (2, 2), "padding": "same"}
    assert layer_macs("Conv2DTranspose", config, [(4, 4, 8)], (8, 8, 16)) == 16 * 9 * 8 * 16


def test_conv1d_over_a_sequence():
    config = {"filters": 4, "kernel_size": (3,), "padding": "valid"}
    assert layer_macs("Conv1D", config, [(10, 8)], (8, 4)) == 8 * 3 * 8 * 4


def test_dense_is_inputs_times_units_and_applies_per_position():
    assert layer_macs("Dense", {"units": 10}, [(784,)], (10,)) == 7_840
    assert layer_macs("Dense", {"units": 4}, [(5, 8)], (5, 4)) == 5 * 8 * 4


@pytest.mark.parametrize(("cls", "gates"), [("LSTM", 4), ("GRU", 3), ("SimpleRNN", 1)])
def test_recurrent_layers_count_each_gate_over_every_step(cls, gates):
    # 10 steps, 8 features, 16 units: per gate (8 + 16) * 16 = 384 per step.
    got = layer_macs(cls, {"units": 16}, [(10, 8)], (16,))
    assert got == 10 * gates * 384
    assert got == {"LSTM": 15_360, "GRU": 11_520, "SimpleRNN": 3_840}[cls]


def test_bidirectional_runs_the_inner_layer_twice():
    config = {"merge_mode": "concat", "layer": {"class_name": "LSTM", "config": {"units": 16}}}
    assert layer_macs("Bidirectional", config, [(10, 8)], (32,)) == 2 * 15_360


def test_time_distributed_repeats_the_inner_layer_per_step():
    config = {"layer": {"class_name": "Dense", "config": {"units": 3}}}
    assert layer_macs("TimeDistributed", config, [(7, 5)], (7, 3)) == 7 * 15


def test_multi_head_attention_counts_projections_scores_and_output():
    config = {"num_heads": 2, "key_dim": 3}
    # projections 2*(4*8*3 + 6*8*3 + 6*8*3) = 768, scores and mixing
    # 2*4*6*(3+3) = 288, output 4*2*3*8 = 192.
    assert layer_macs("MultiHeadAttention", config, [(4, 8), (6, 8)], (4, 8)) == 1_248


@pytest.mark.parametrize("cls", [
    "MaxPooling2D", "AveragePooling2D", "BatchNormalization", "Embedding", "Flatten",
    "Add", "Dropout", "ReLU", "GlobalAveragePooling2D", "SomethingUnknown",
])
def test_layers_that_multiply_nothing_count_zero(cls):
    assert layer_macs(cls, {"pool_size": (2, 2), "input_dim": 100, "output_dim": 8},
                      [(8, 8, 4)], (4, 4, 4)) == 0


def test_unknown_sequence_length_counts_one_step():
    assert layer_macs("LSTM", {"units": 16}, [(None, 8)], (16,)) == 1_536


def conv(k, stride=1, dilation=1):
    return ("Conv2D", {"kernel_size": (k, k), "strides": (stride, stride),
                       "dilation_rate": (dilation, dilation)})


def pool(k=2, stride=None):
    return ("MaxPooling2D", {"pool_size": (k, k), "strides": stride})


def test_stacked_3x3_convs_see_5_then_7_pixels():
    assert receptive_fields([conv(3), conv(3)]) == [3, 5]
    assert receptive_fields([conv(3), conv(3), conv(3)]) == [3, 5, 7]
    assert receptive_fields([conv(5)]) == [5]


def test_stride_multiplies_what_later_layers_add():
    # 3, then 3 + 2*2 = 7, then 7 + 2*2 = 11
    assert receptive_fields([conv(3, stride=2), conv(3), conv(3)]) == [3, 7, 11]
    # conv 3 -> 3; pool 2 (stride 2) -> 4, jump 2; conv 3 -> 8; conv 3 -> 12; pool -> 14
    assert receptive_fields([conv(3), pool(), conv(3), conv(3), pool()]) == [3, 4, 8, 12, 14]


def test_dilation_spreads_the_kernel():
    assert receptive_fields([conv(3, dilation=2)]) == [5]


def test_rows_without_positions_have_no_field():
    rows = [conv(3), ("BatchNormalization", {}), ("ReLU", {}), conv(3),
            ("GlobalAveragePooling2D", {}), ("Dense", {"units": 10})]
    assert receptive_fields(rows) == [3, None, None, 5, None, None]


def test_non_square_kernels_report_the_larger_side():
    rows = [("Conv2D", {"kernel_size": (1, 7)}), ("Conv2D", {"kernel_size": (7, 1)})]
    assert receptive_fields(rows) == [7, 7]


@dataclass(frozen=True)
class Spec:
    name: str
    class_name: str
    config: dict
    inputs: tuple = ()


def test_branches_meet_with_the_widest_field():
    rows = [
        Spec("in", "InputLayer", {}),
        Spec("a", "Conv2D", {"kernel_size": (3, 3)}, ("in",)),
        Spec("b", "Conv2D", {"kernel_size": (5, 5)}, ("in",)),
        Spec("add", "Add", {}, ("a", "b")),
        Spec("c", "Conv2D", {"kernel_size": (3, 3)}, ("add",)),
        Spec("d", "Conv2D", {"kernel_size": (3, 3)}, ("a",)),
    ]
    assert receptive_fields(rows) == [None, 3, 5, None, 7, 5]


def test_a_conv_after_global_pooling_has_no_field():
    rows = [("InputLayer", {}), conv(3), ("GlobalAveragePooling2D", {}),
            ("Reshape", {}), ("Conv2D", {"kernel_size": (1, 1)})]
    assert receptive_fields(rows) == [None, 3, None, None, None]


def test_a_sequence_field_starts_after_the_embedding():
    rows = [("InputLayer", {}), ("Embedding", {}),
            ("Conv1D", {"kernel_size": (3,)}), ("Conv1D", {"kernel_size": (3,)})]
    assert receptive_fields(rows) == [None, None, 3, 5]
