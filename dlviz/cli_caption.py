"""``dlviz caption MODEL IMAGE --out DIR``: what a captioner writes for a picture, as files.

Writes ``caption.png`` (the picture, the caption, and per word the picture
lit where that word looked; drawn without Qt) and ``caption.npz`` (the
``Caption``, read back by ``dlviz.probes.load``), and prints the caption with
each word's strongest region. MODEL is a library name (``captions-shapes``,
the shipped trained captioner) or a ``.keras`` file, opened in safe mode with
the caption words saved inside it.
"""

from __future__ import annotations

from pathlib import Path


def add_caption_parser(sub) -> None:
    """The ``caption`` subcommand's arguments."""
    caption = sub.add_parser("caption", help="caption a picture with a captioner; write the "
                                             "caption and each word's attention as PNG and .npz")
    caption.add_argument("model", help="library name (e.g. captions-shapes) or .keras file")
    caption.add_argument("image", help="picture of a scene (PNG, JPEG, ...)")
    caption.add_argument("--out", required=True, help="folder to write into (created if missing)")


def cmd_caption(args, out) -> int:
    import numpy as np

    from dlviz.cli import EXIT_OK, CliError, offered_kind, open_target, out_folder
    from dlviz.core.data import read_image
    from dlviz.core.probes.pictures import png_bytes
    from dlviz.core.probes.text_probes import find_vocabulary

    target = out_folder(args.out, "caption")
    loaded = read_image(args.image)
    model, title, zoo_model = open_target(args.model)
    kind = offered_kind(model, "caption")
    vocabulary = find_vocabulary(zoo_model, None if zoo_model is not None else args.model)
    found = kind.compute(model, loaded.array, vocabulary=vocabulary,
                         source_name=Path(args.image).name)
    target.mkdir(parents=True, exist_ok=True)
    for note in (*loaded.notes, *found.notes):
        print(f"note: {note}", file=out)
    (target / "caption.png").write_bytes(png_bytes(found.picture()))
    found.save(target / "caption.npz")
    print(f"{title}: {Path(args.image).name}, attention over {found.grid[0]}x{found.grid[1]} "
          "regions", file=out)
    for t, word in enumerate(found.words):
        row, col = np.unravel_index(int(np.argmax(found.weights[t])), found.grid)
        print(f"  {t + 1:2d}. {word:<10} looks most at row {row + 1}, column {col + 1} "
              f"({float(found.weights[t, row, col]):.0%})", file=out)
    print(f"wrote caption.png and caption.npz (dlviz.probes.load reads it) to {target}",
          file=out)
    print(f"caption: {found.text or '(no words: the model wrote <end> first)'}", file=out)
    return EXIT_OK
