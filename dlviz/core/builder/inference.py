"""Every layer's output shape, parameters, operations and receptive field, live.

Pure Python over an ``Architecture``: no Keras, so the builder can update
its table on every keystroke on the GUI thread. Nothing here raises for a
bad setting: the row says what is wrong, in words, and the rows that read
a broken one say which layer they wait for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace as dc_replace

from dlviz.core.builder import messages as M
from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.shape_rules import RULES, BadSetting
from dlviz.core.costs.macs import layer_macs
from dlviz.core.costs.receptive_field import receptive_fields

# Subclasses the cost formulas know under their parent's name.
_COST_ALIASES = {"GroupedConv2D": "Conv2D"}
# For receptive fields also: dlviz's LRN keeps positions, as normalisation does.
_FIELD_ALIASES = {**_COST_ALIASES, "LocalResponseNormalization": "BatchNormalization"}


@dataclass(frozen=True)
class RowInfo:
    """What one layer of an architecture would be once built.

    ``output_shape`` includes the batch axis (``None``) as Keras prints it;
    it is ``None`` when the row (or one it reads) has a problem, then
    ``error`` says what, and the counts are 0.
    """

    name: str
    class_name: str
    output_shape: tuple | None
    trainable: int
    non_trainable: int
    macs: int
    receptive_field: int | None
    error: str | None = None
    # The error as an English template and its values, for the window to translate
    # the template before filling it in (see ``messages``).
    error_template: str | None = None
    error_values: tuple[tuple[str, object], ...] = ()

    @property
    def params(self) -> int:
        return self.trainable + self.non_trainable


@dataclass(frozen=True)
class _CostRow:
    name: str
    class_name: str
    config: dict
    inputs: tuple


def _opaque(spec: LayerSpec, shapes: list[tuple]):
    """A layer the builder has no rule for: what Keras computed, while it still holds."""
    known = spec.keras.get("output_shape")
    if known is None:
        raise BadSetting(M.OPAQUE_UNKNOWN, layer=spec.class_name)
    if [list(s) for s in shapes] != [list(s) for s in spec.keras.get("input_shapes", [])]:
        raise BadSetting(M.OPAQUE_STALE, layer=spec.class_name)
    return tuple(known), spec.keras.get("trainable", 0), spec.keras.get("non_trainable", 0)


_NESTED = {"Functional", "Sequential", "Model"}


def _nested_macs(spec: LayerSpec) -> int:
    """A model used as a layer (a backbone): the sum of its own layers' operations."""
    from dlviz.core.builder.keras_io import from_config  # keras_io imports this module

    return sum(row.macs for row in infer(from_config({"config": spec.config,
                                                      "class_name": spec.class_name})))


def _broken(spec: LayerSpec, problem: BadSetting) -> RowInfo:
    return RowInfo(spec.name, spec.class_name, None, 0, 0, 0, None, str(problem),
                   problem.template, tuple(problem.values.items()))


def _row(spec: LayerSpec, rows: dict[str, RowInfo]) -> RowInfo:
    missing = [i for i in spec.inputs if i not in rows]
    broken = [i for i in spec.inputs if i in rows and rows[i].output_shape is None]
    if spec.keras.get("shared"):
        problem = BadSetting(M.SHARED, count=spec.keras["shared"])
    elif spec.keras.get("other_output"):
        name, index = spec.keras["other_output"]
        problem = BadSetting(M.OTHER_OUTPUT, index=index, name=repr(name))
    elif spec.keras.get("model_output"):
        problem = BadSetting(M.MODEL_OUTPUT, index=spec.keras["model_output"])
    elif spec.keras.get("second_input"):
        argument, names = spec.keras["second_input"]
        problem = BadSetting(M.SECOND_INPUT, argument=argument,
                             names=", ".join(map(repr, names)))
    elif missing:
        problem = BadSetting(M.NOT_ABOVE, names=", ".join(map(repr, missing)))
    elif broken:
        problem = BadSetting(M.DEPENDS_ON, name=repr(broken[0]))
    elif not spec.inputs and spec.class_name != "InputLayer":
        problem = BadSetting(M.NO_INPUT)
    else:
        problem = None
    if problem:
        return _broken(spec, problem)
    shapes = [rows[i].output_shape for i in spec.inputs]
    try:
        rule = RULES.get(spec.class_name)
        shape, trainable, frozen = (rule(spec.config, shapes) if rule
                                    else _opaque(spec, shapes))
        if spec.config.get("trainable", True) is False:
            trainable, frozen = 0, trainable + frozen
        cost_class = _COST_ALIASES.get(spec.class_name, spec.class_name)
        if spec.class_name in _NESTED:
            macs = _nested_macs(spec)
        else:
            macs = layer_macs(cost_class, spec.config, [s[1:] for s in shapes], shape[1:])
    except BadSetting as bad:
        return _broken(spec, bad)
    except (KeyError, TypeError, ValueError, IndexError, ZeroDivisionError,
            AttributeError, OverflowError) as bad:
        return _broken(spec, BadSetting(M.NOT_UNDERSTOOD,
                                        problem=f"{type(bad).__name__}: {bad}"))
    return RowInfo(spec.name, spec.class_name, tuple(shape), int(trainable), int(frozen),
                   int(macs), None)


def infer(arch: Architecture) -> tuple[RowInfo, ...]:
    """One ``RowInfo`` per layer of ``arch``, in order; never raises for bad settings.

    Args:
        arch: the architecture being built.

    Returns:
        Rows with output shape, trainable and non-trainable parameters,
        multiply-accumulates per sample, receptive field (conv and pooling
        rows) and the error text of rows that cannot be built.

    Example:
        >>> rows = infer(arch)  # doctest: +SKIP
        >>> sum(r.params for r in rows)  # doctest: +SKIP
        61706
    """
    rows: dict[str, RowInfo] = {}
    ordered: list[RowInfo] = []
    for spec in arch.layers:
        if spec.name in rows:
            row = _broken(spec, BadSetting(M.NAME_TWICE, name=repr(spec.name)))
        else:
            row = _row(spec, rows)
            rows[spec.name] = row
        ordered.append(row)
    fields = _fields(arch, ordered)
    return tuple(
        row if row.error or field is None else
        dc_replace(row, receptive_field=field)
        for row, field in zip(ordered, fields))


def _fields(arch: Architecture, rows: list[RowInfo]) -> list[int | None]:
    """Receptive fields of the rows that build; a broken row passes nothing on."""
    cost_rows = [_CostRow(s.name, "Broken" if r.error else
                          _FIELD_ALIASES.get(s.class_name, s.class_name), s.config, s.inputs)
                 for s, r in zip(arch.layers, rows)]
    try:
        return receptive_fields(cost_rows)
    except (KeyError, TypeError, ValueError, IndexError, ZeroDivisionError):
        return [None] * len(rows)  # a setting the field formula cannot read: no column


def totals(rows) -> dict[str, int]:
    """Sum of parameters and operations over rows (broken rows count 0)."""
    return {"trainable": sum(r.trainable for r in rows),
            "non_trainable": sum(r.non_trainable for r in rows),
            "macs": sum(r.macs for r in rows),
            "errors": sum(r.error is not None for r in rows)}
