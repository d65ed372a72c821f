"""``dlviz ctc MODEL IMAGE --out DIR``: what a CRNN reads in a picture, as files.

Writes ``ctc.png`` (the picture, its per-column probabilities with the blank,
the best path and the string, drawn without Qt) and ``ctc.npz`` (the
``CtcAlignment``, read back by ``dlviz.probes.load``), and prints the string.
MODEL is a library name (``crnn-digit-strings``, the shipped trained CRNN) or
a ``.keras`` file, opened in safe mode.
"""

from __future__ import annotations

from pathlib import Path


def add_ctc_parser(sub) -> None:
    """The ``ctc`` subcommand's arguments."""
    ctc = sub.add_parser("ctc", help="read a picture of digits with a CRNN; write the CTC "
                                     "alignment as PNG and .npz")
    ctc.add_argument("model", help="library name (e.g. crnn-digit-strings) or .keras file")
    ctc.add_argument("image", help="picture of a digit string (PNG, JPEG, ...)")
    ctc.add_argument("--out", required=True, help="folder to write into (created if missing)")


def cmd_ctc(args, out) -> int:
    from dlviz.cli import EXIT_OK, CliError, offered_kind, open_target, out_folder
    from dlviz.core.data import read_image
    from dlviz.core.probes.ctc import CtcInputError
    from dlviz.core.probes.pictures import png_bytes

    target = out_folder(args.out, "reading")
    loaded = read_image(args.image)
    model, title, zoo_model = open_target(args.model)
    kind = offered_kind(model, "ctc")
    try:
        found = kind.compute(model, loaded.array, source_name=Path(args.image).name,
                             class_names=getattr(zoo_model, "class_names", None))
    except CtcInputError as exc:
        raise CliError(f"{Path(args.image).name}: {exc}") from None
    target.mkdir(parents=True, exist_ok=True)
    for note in (*loaded.notes, *found.notes):
        print(f"note: {note}", file=out)
    (target / "ctc.png").write_bytes(png_bytes(found.picture()))
    found.save(target / "ctc.npz")
    print(f"{title}: {Path(args.image).name}: {found.steps} columns, best path "
          f"{found.path_text()}", file=out)
    print(f"wrote ctc.png and ctc.npz (dlviz.probes.load reads it) to {target}", file=out)
    print(f"reads: {found.text or '(nothing: every column is blank)'}", file=out)
    return EXIT_OK
