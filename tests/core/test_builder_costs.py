"""The builder's live costs: multiply-accumulates and receptive fields by hand."""

from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.inference import infer, totals

new = LayerSpec.new


def test_macs_and_fields_of_a_small_chain_by_hand():
    arch = Architecture((
        new("InputLayer", "image", batch_shape=[None, 16, 16, 3]),
        new("Conv2D", "c1", ("image",), filters=8),
        LayerSpec("lrn", "LocalResponseNormalization", {"size": 5}, ("c1",)),
        new("Conv2D", "c2", ("lrn",), filters=8, groups=2),
        new("MaxPooling2D", "pool", ("c2",)),
        new("SeparableConv2D", "sep", ("pool",), filters=4),
        new("DepthwiseConv2D", "dw", ("sep",)),
        new("Flatten", "flat", ("dw",)),
        new("Dense", "out", ("flat",), units=5)), "costs")
    rows = {r.name: r for r in infer(arch)}
    assert rows["c1"].macs == 16 * 16 * 9 * 3 * 8
    assert rows["c2"].macs == 16 * 16 * 9 * (8 // 2) * 8
    assert rows["sep"].macs == 8 * 8 * (9 * 8 + 8 * 4)
    assert rows["dw"].macs == 8 * 8 * 9 * 4
    assert rows["out"].macs == 8 * 8 * 4 * 5
    assert rows["pool"].macs == 0 and rows["lrn"].macs == 0
    # 3 -> 5 (LRN keeps positions) -> 6 after 2x2 pooling -> +2*2 per 3x3 after it.
    assert [rows[n].receptive_field for n in ("c1", "c2", "pool", "sep", "dw")] == \
        [3, 5, 6, 10, 14]
    assert rows["out"].receptive_field is None
    assert totals(rows.values())["macs"] == sum(r.macs for r in rows.values())


def test_two_3x3_see_what_one_5x5_sees_with_72_percent_of_the_weights():
    def chain(*kernels):
        layers = [new("InputLayer", "image", batch_shape=[None, 32, 32, 16])]
        for i, k in enumerate(kernels):
            layers.append(new("Conv2D", f"c{i}", (layers[-1].name,), filters=16,
                              kernel_size=[k, k], use_bias=False))
        return infer(Architecture(tuple(layers)))

    five, three = chain(5), chain(3, 3)
    assert five[-1].receptive_field == three[-1].receptive_field == 5
    weights = sum(r.trainable for r in three) / sum(r.trainable for r in five)
    assert weights == 2 * 9 / 25
