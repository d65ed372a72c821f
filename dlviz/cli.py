"""The ``dlviz`` command: the GUI by default, plus a few inspection tools.

    dlviz                      start the app
    dlviz zoo                  every library model, its kind and parameters
    dlviz summary NAME|FILE    the layer table; last line "Total params: N" (FILE.json: a saved architecture)
    dlviz inspect FILE         pre-scan a model file, then its layer table
    dlviz maps MODEL IMAGE --out DIR [--layers a,b] [--fit resize|crop] [--npz]
                               one PNG mosaic per layer, and predictions.json
                               (--npz: also analysis.npz, for dlviz.probes.load)
    dlviz gates MODEL "text" --out DIR
                               every recurrent layer's gates as PNG and .npz
    dlviz attention MODEL "text" --out DIR [--layer NAME]
                               attention weights per head as PNG, SVG and .npz
    dlviz ctc MODEL IMAGE --out DIR
                               what a CRNN reads: ctc.png, ctc.npz, the string
    dlviz caption MODEL IMAGE --out DIR
                               what a captioner writes, and where each word looked:
                               caption.png, caption.npz
    dlviz train --model NAME|FILE --data NAME|FOLDER --epochs N --run DIR [--resume]
                               train headless into a run directory

Bad arguments and bad files end with a one-line message, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
MODEL_SUFFIXES = (".keras", ".h5", ".hdf5")


class CliError(Exception):
    """A problem the person can fix; printed as one line."""


def _parse_shape(text: str) -> tuple[int, int, int]:
    try:
        dims = tuple(int(p) for p in text.replace("x", ",").split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--input wants H,W,C such as 32,32,3, not {text!r}")
    if len(dims) != 3 or min(dims) < 1:
        raise argparse.ArgumentTypeError(f"--input wants three positive numbers H,W,C, not {text!r}")
    return dims


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--classes wants a positive whole number, not {text!r}")
    return value


def _layer_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("--layers wants layer names separated by commas")
    return names


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, as argparse does, minus the usage dump
        print(f"dlviz: {message} (see dlviz --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dlviz", description="See inside deep-learning models.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("gui", help="start the app (the default)")
    sub.add_parser("zoo", help="list the model library with parameter counts")
    summary = sub.add_parser("summary", help="layer table of a library model or a model file")
    summary.add_argument("model", help="library name (see dlviz zoo), .keras/.h5 file or "
                         "an architecture .json (model.to_json())")
    summary.add_argument("--input", type=_parse_shape, help="input shape H,W,C (library models)")
    summary.add_argument("--classes", type=_positive, help="number of classes (library models)")
    inspect = sub.add_parser("inspect", help="pre-scan a model file, then show its layers")
    inspect.add_argument("file", help=".keras or .h5 file")
    maps = sub.add_parser("maps", help="write every layer's feature maps as PNG mosaics "
                                       "and the predictions as JSON")
    maps.add_argument("model", help="library name (random weights) or .keras/.h5 file")
    maps.add_argument("image", help="image file (PNG, JPEG, GIF, BMP, TIFF, WEBP)")
    maps.add_argument("--out", required=True, help="folder to write into (created if missing)")
    maps.add_argument("--layers", type=_layer_list,
                      help="comma-separated layer names or paths (default: every layer "
                           "with feature maps)")
    maps.add_argument("--fit", choices=("resize", "crop"), default="resize",
                      help="fit the image by stretching (resize) or centre-cropping first")
    maps.add_argument("--npz", action="store_true",
                      help="also write analysis.npz: the maps and predictions as arrays "
                           "plus a JSON header (read it with dlviz.probes.load)")
    from dlviz.cli_attention import add_attention_parser
    from dlviz.cli_ctc import add_ctc_parser
    from dlviz.cli_caption import add_caption_parser
    from dlviz.cli_gates import add_gates_parser
    from dlviz.cli_train import add_train_parser

    add_train_parser(sub)
    add_gates_parser(sub)
    add_attention_parser(sub)
    add_ctc_parser(sub)
    add_caption_parser(sub)
    return parser


def _quiet_keras():
    from dlviz.core.kerasenv import import_keras

    return import_keras()


def cmd_zoo(out) -> int:
    from dlviz.core.zoo.registry import REGISTRY

    keras = _quiet_keras()
    nw = max(len(name) for name in REGISTRY)
    kw = max(len(entry.kind) for entry in REGISTRY.values())
    print(f"{'name':<{nw}} {'kind':<{kw}} {'params':>13}  title", file=out)
    for entry in REGISTRY.values():
        # Counting parameters needs no pretrained weights (nor a 500 MB download).
        overrides = {"weights": "random"} if entry.kind == "ImageNet" else {}
        model = entry.create(**overrides).build()
        print(f"{entry.name:<{nw}} {entry.kind:<{kw}} {model.count_params():>13,}  {entry.title}",
              file=out, flush=True)
        del model
        keras.backend.clear_session()  # VGG-16 and AlexNet would otherwise pile up
    return EXIT_OK


def cmd_summary(args, out) -> int:
    from dlviz.core.summary import summarize

    target = args.model
    if target.lower().endswith(".json"):
        return _summary_of_json(target, out)
    if target.lower().endswith(MODEL_SUFFIXES) or Path(target).exists():
        if args.input or args.classes:
            raise CliError("--input and --classes apply to library models, not files")
        from dlviz.core.modelio import load_model

        _quiet_keras()
        print(summarize(load_model(target)).as_text(), file=out)
        return EXIT_OK
    from dlviz.core.zoo.registry import get_entry

    try:
        entry = get_entry(target)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None
    overrides = {}
    if args.input:
        overrides["input_shape"] = args.input
    if args.classes:
        overrides["classes"] = args.classes
    _quiet_keras()
    try:
        model = entry.create(**overrides).build()
    except ValueError as exc:  # e.g. an input too small for the architecture
        raise CliError(f"{entry.title} cannot be built that way: {' '.join(str(exc).split())[:300]}")
    print(summarize(model).as_text(), file=out)
    return EXIT_OK


def _summary_of_json(path: str, out) -> int:
    """A saved architecture (``model.to_json()``): the table from the builder, no Keras."""
    from dlviz.core.builder.keras_io import from_json
    from dlviz.core.builder.table import architecture_summary

    try:
        arch = from_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CliError(f"{Path(path).name}: {exc}") from None
    print(architecture_summary(arch).as_text(), file=out)
    return EXIT_OK


def cmd_inspect(args, out) -> int:
    from dlviz.core.modelio import load_model, prescan
    from dlviz.core.summary import summarize

    report = prescan(args.file)
    print(report.describe(), file=out)
    if report.needs_unsafe:
        print(f"dlviz: refused {Path(args.file).name}: it needs unsafe loading "
              "(it could run code); open it in the app to decide", file=sys.stderr)
        return EXIT_REFUSED
    _quiet_keras()
    print(summarize(load_model(args.file)).as_text(), file=out)
    return EXIT_OK


def open_target(target: str):
    """(keras model, title, library model or None) of a library name or a model file.

    A file is opened in safe mode (``modelio.load_model``); a library name is
    built. Shared by the subcommands that take MODEL (``maps``, ``gates``, ``ctc``).
    """
    if target.lower().endswith(MODEL_SUFFIXES) or Path(target).exists():
        from dlviz.core.modelio import load_model

        if not Path(target).is_file():
            raise CliError(f"{target}: no such model file; give a .keras file or a "
                           "library name (see dlviz zoo)")
        _quiet_keras()
        return load_model(target), Path(target).name, None
    from dlviz.core.zoo.registry import get_entry

    try:
        entry = get_entry(target)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None
    _quiet_keras()
    zoo_model = entry.create()
    zoo_model.build()
    return zoo_model.model, entry.name, zoo_model


def out_folder(out: str, what: str) -> Path:
    """``--out`` as a folder (created later by the writer); a file there is refused."""
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise CliError(f"--out {out} is a file; give a folder to write the {what} into")
    return target


def offered_kind(model, name: str):
    """``PROBES[name]`` when ``model`` offers it; else ``ProbeUnavailable`` with the reason."""
    from dlviz.core.probes.registry import PROBES
    from dlviz.core.probes.results import ProbeUnavailable

    kind = PROBES[name]
    reason = kind.unavailable(model)
    if reason is not None:
        raise ProbeUnavailable(reason)
    return kind


def _open_model(target: str):
    """(model, title, preprocessing, class names) of a library name or a file."""
    model, title, zoo_model = open_target(target)
    if zoo_model is None:
        return model, title, "unit", None
    return model, title, zoo_model.preprocessing, zoo_model.class_names


def cmd_maps(args, out) -> int:
    from dlviz.core.data import read_image

    target = out_folder(args.out, "maps")
    loaded = read_image(args.image)
    model, title, preprocessing, class_names = _open_model(args.model)
    from dlviz.core.probes.export import write_maps

    kind = offered_kind(model, "feature_maps")
    analysis = kind.compute(model, loaded.array, fit=args.fit, preprocessing=preprocessing,
                            class_names=class_names, layers=args.layers,
                            source_name=Path(args.image).name, load_notes=loaded.notes)
    written = write_maps(analysis, target, model_name=title)
    if args.npz:
        saved = analysis.save(target / "analysis.npz")
    notes = "; ".join((analysis.maps.input.note, *analysis.load_notes))
    print(f"{title}: {Path(args.image).name} {notes}", file=out)
    ranked = analysis.predictions
    if ranked is not None:
        best = ranked.heads[ranked.primary][0]
        print(f"top class ({ranked.primary}): {best.name} {best.probability:.1%}", file=out)
    print(f"wrote {len(written) - 1} mosaics and predictions.json to {target}", file=out)
    if args.npz:
        print(f"wrote {saved.name}: every map and the predictions as arrays "
              "(dlviz.probes.load reads it)", file=out)
    return EXIT_OK


def main(argv: list[str] | None = None, out=None) -> int:
    """Entry point of the ``dlviz`` console script."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from dlviz.app.application import run

        return run([])
    from dlviz.core.data.image_errors import ImageLoadError
    from dlviz.core.modelio import ModelFileError
    from dlviz.core.probes.results import ProbeUnavailable

    try:
        if args.command == "zoo":
            return cmd_zoo(out)
        if args.command == "summary":
            return cmd_summary(args, out)
        if args.command == "maps":
            return cmd_maps(args, out)
        if args.command == "gates":
            from dlviz.cli_gates import cmd_gates

            return cmd_gates(args, out)
        if args.command == "attention":
            from dlviz.cli_attention import cmd_attention

            return cmd_attention(args, out)
        if args.command == "ctc":
            from dlviz.cli_ctc import cmd_ctc

            return cmd_ctc(args, out)
        if args.command == "caption":
            from dlviz.cli_caption import cmd_caption

            return cmd_caption(args, out)
        if args.command == "train":
            from dlviz.cli_train import cmd_train
            from dlviz.core.training.rundir import RunDirError

            try:
                return cmd_train(args, out)
            except RunDirError as exc:
                raise CliError(str(exc)) from None
        return cmd_inspect(args, out)
    except (CliError, ModelFileError, ImageLoadError, ProbeUnavailable) as exc:
        print(f"dlviz: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("dlviz: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - promise: one line, never a traceback
        text = " ".join(str(exc).split())[:400]
        print(f"dlviz: unexpected {type(exc).__name__}: {text}", file=sys.stderr)
        return EXIT_REFUSED
