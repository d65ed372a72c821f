"""``dlviz attention MODEL "text" --out DIR``: where a model looks in a typed text.

Writes ``attention.png`` (one heatmap per head, source tokens along x,
output tokens along y), ``attention.svg`` (the same, scalable, labels as
text) and ``attention.npz`` (the ``AttentionMap``, read back by
``dlviz.probes.load``) for the attention layer chosen with ``--layer`` (the
first by default). A model with several attention layers and no ``--layer``
also gets ``<layer>.png``, ``.svg`` and ``.npz`` for each of them. MODEL is a
library name (``dlviz zoo``; the shipped dates-attention models know their
words) or a ``.keras`` file, opened in safe mode.
"""

from __future__ import annotations

from pathlib import Path


def add_attention_parser(sub) -> None:
    """The ``attention`` subcommand's arguments."""
    found = sub.add_parser("attention", help="write where a model looks in a typed text "
                                             "(attention weights) as PNG, SVG and .npz")
    found.add_argument("model", help="library name (see dlviz zoo) or .keras file")
    found.add_argument("text", help="the text, in quotes (token ids as numbers for a model "
                                    "without a vocabulary)")
    found.add_argument("--out", required=True, help="folder to write into (created if missing)")
    found.add_argument("--layer", help="the attention layer to show (name or path; default: "
                                       "the first, and every layer in files of their own)")


def write_map(found, folder: Path, stem: str) -> list[str]:
    """``<stem>.png``, ``.svg`` and ``.npz`` of one ``AttentionMap``; their names."""
    from dlviz.core.probes.attention_svg import attention_svg
    from dlviz.core.probes.pictures import png_bytes

    (folder / f"{stem}.png").write_bytes(png_bytes(found.picture()))
    (folder / f"{stem}.svg").write_text(attention_svg(found), encoding="utf-8")
    found.save(folder / f"{stem}.npz")
    return [f"{stem}.png", f"{stem}.svg", f"{stem}.npz"]


def cmd_attention(args, out) -> int:
    from dlviz.cli import EXIT_OK, CliError, offered_kind, out_folder
    from dlviz.cli_gates import file_stem, open_sequence_model
    from dlviz.core.data.text import TextError

    target = out_folder(args.out, "attention")
    if not args.text.strip():
        raise CliError("the text is empty: type a sentence in quotes, e.g. dlviz attention "
                       "dates-attention-additive \"ngày 10 tháng 3 năm 1987\" --out attention")
    model, title, vocabulary, class_names = open_sequence_model(args.model)
    kind = offered_kind(model, "attention")

    def compute(layer):
        try:
            return kind.compute(model, args.text, vocabulary=vocabulary, layer=layer,
                                class_names=class_names)
        except TextError as exc:
            raise CliError(str(exc)) from None

    found = compute(args.layer)
    target.mkdir(parents=True, exist_ok=True)
    sources = " ".join(found.source_tokens)
    print(f"{title}: {len(found.source_tokens)} source tokens: {sources[:200]}", file=out)
    for note in found.notes:
        print(f"note: {note}", file=out)
    if found.output_text:
        print(f"output: {found.output_text}", file=out)
    written = write_map(found, target, "attention")
    print(f"wrote {', '.join(written)}: {_describe(found)}", file=out)
    if args.layer is None and len(found.layers) > 1:
        for path in found.layers:
            part = found if path == found.layer else compute(path)
            files = write_map(part, target, file_stem(path))
            print(f"wrote {', '.join(files)}: {_describe(part)}", file=out)
    print(f"into {target} (dlviz.probes.load reads the .npz files)", file=out)
    return EXIT_OK


def _describe(found) -> str:
    heads = "1 head" if found.heads == 1 else f"{found.heads} heads"
    return (f"layer {found.layer} ({found.score}), {heads}, "
            f"{len(found.output_tokens)} output x {len(found.source_tokens)} source tokens")
