"""``dlviz gates MODEL "text" --out DIR``: a typed sentence's gates, as pictures and arrays.

For every recurrent layer (each direction of a ``Bidirectional`` apart) it
writes ``<layer>.png`` (one heatmap per gate and state, tokens along x, the
pictures the results draw themselves, no Qt) and ``<layer>.npz`` (that
layer's ``SequenceGates``, read back by ``dlviz.probes.load``), then
``gates.npz`` with every layer and the model's answer. MODEL is a library
name (``dlviz zoo``; the shipped trained models know their words) or a
``.keras`` file, opened in safe mode.
"""

from __future__ import annotations

import dataclasses


def add_gates_parser(sub) -> None:
    """The ``gates`` subcommand's arguments."""
    gates = sub.add_parser("gates", help="write a sentence's gates and states of every "
                                         "recurrent layer as PNG and .npz")
    gates.add_argument("model", help="library name (see dlviz zoo) or .keras file")
    gates.add_argument("text", help="the sentence, in quotes (token ids as numbers for a "
                                    "model without a vocabulary)")
    gates.add_argument("--out", required=True, help="folder to write into (created if missing)")


def open_sequence_model(target: str):
    """``(model, title, vocabulary, class names)`` of a library name or a model file."""
    from dlviz.cli import open_target
    from dlviz.core.probes.text_probes import find_vocabulary

    model, title, zoo_model = open_target(target)
    if zoo_model is None:
        return model, title, find_vocabulary(path=target), None
    return model, title, find_vocabulary(zoo_model), getattr(zoo_model, "class_names", None)


def file_stem(layer: str) -> str:
    """A layer path as a file name: "bi_lstm_1/forward" -> "bi_lstm_1.forward"."""
    return "".join(c if c.isalnum() or c in "-_." else "." for c in layer)


def cmd_gates(args, out) -> int:
    from dlviz.cli import EXIT_OK, CliError, offered_kind, out_folder
    from dlviz.core.data.text import TextError
    from dlviz.core.probes.pictures import png_bytes

    target = out_folder(args.out, "gates")
    if not args.text.strip():
        raise CliError("the text is empty: type a sentence in quotes, e.g. "
                       "dlviz gates lstm-sentiment \"not bad at all\" --out gates")
    model, title, vocabulary, class_names = open_sequence_model(args.model)
    kind = offered_kind(model, "gates")
    try:
        found = kind.compute(model, args.text, vocabulary=vocabulary, class_names=class_names)
    except TextError as exc:
        raise CliError(str(exc)) from None
    target.mkdir(parents=True, exist_ok=True)
    print(f"{title}: {len(found.tokens)} tokens: {' '.join(found.tokens)[:200]}", file=out)
    for note in found.notes:
        print(f"note: {note}", file=out)
    best = found.scores()
    if best:
        print(f"prediction: {best[0].name} {best[0].probability:.1%}", file=out)
    for trace in found.traces:
        stem, part = file_stem(trace.layer), trace_result(found, trace)
        (target / f"{stem}.png").write_bytes(png_bytes(part.picture()))
        part.save(target / f"{stem}.npz")
        names = ", ".join(sorted(trace.gates))
        print(f"wrote {stem}.png and {stem}.npz: {trace.kind} {trace.direction}, "
              f"{trace.units} units, gates {names}", file=out)
    found.save(target / "gates.npz")
    print(f"wrote gates.npz: every layer and the prediction (dlviz.probes.load reads it) "
          f"to {target}", file=out)
    return EXIT_OK


def trace_result(found, trace):
    """``found`` narrowed to one layer's direction (what ``<layer>.png``/``.npz`` hold)."""
    layer = next(p for p in found.layers if trace.layer in (p, f"{p}/forward", f"{p}/backward"))
    return dataclasses.replace(found, layers=(layer,), traces=(trace,))
