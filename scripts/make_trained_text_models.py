"""Train the small text models dlviz ships (resources/models/) on its generated text.

Run from the repository root (about three minutes on two CPU cores)::

    .venv/bin/python scripts/make_trained_text_models.py

Each model is a library preset ("lstm-sentiment", "gru-sentiment",
"bilstm-tagger") trained from a fixed seed, with TensorFlow's deterministic
ops, on a generated set (``dlviz/core/data/sentiment.py``, ``tagging.py``); the
sentiment models read 6,000 sentences (a fifth held out), whose word lists
hold the common words people type, and ``tests/data/typed_sentiment_*.tsv``
(hand-written, never trained on) checks them on typed sentences.
The script writes ``<name>.keras`` (weights, no optimizer state, and the
vocabulary inside as ``dlviz/vocabulary.json``) and ``<name>.text.json``: the
architecture, data, class names, test accuracy, for sentiment the accuracy
on held-out negated sentences beside a bag of words', and this command.
(``.text.json``, not ``.json``: the image models' list reads ``*.json``
sidecars with an image input shape.) It stops with an error, writing
nothing, if a model misses its accuracy floor.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

COMMAND = ".venv/bin/python scripts/make_trained_text_models.py"
SEED = 0
SIDECAR = ".text.json"
#: Generated sentences a sentiment model learns from (a fifth held out for its test).
SENTENCES = 6000

MODELS = (
    dict(name="lstm-sentiment-en", title="LSTM, trained on English sentiment",
         architecture="lstm-sentiment", data="sentiment-en", epochs=14, floor=0.95,
         order=10, batch_size=32, samples=SENTENCES),
    dict(name="lstm-sentiment-vi", title="LSTM, trained on Vietnamese sentiment",
         architecture="lstm-sentiment", data="sentiment-vi", epochs=14, floor=0.95,
         order=11, batch_size=32, samples=SENTENCES),
    dict(name="gru-sentiment-en", title="GRU, trained on English sentiment",
         architecture="gru-sentiment", data="sentiment-en", epochs=14, floor=0.9,
         order=12, batch_size=32, samples=SENTENCES),
    dict(name="bilstm-tagger-en", title="Bidirectional LSTM tagger, English",
         architecture="bilstm-tagger", data="tagging", epochs=8, floor=0.95,
         order=13, batch_size=32),
    # The cell without gates, on the same sentences: its floor is chance (a third).
    # It is shipped for "Compare cells": its gradient fades toward the first words.
    dict(name="rnn-sentiment-en", title="SimpleRNN, trained on English sentiment",
         architecture="rnn-sentiment", data="sentiment-en", epochs=8, floor=0.34,
         order=14, batch_size=32),
)
UNITS, EMBEDDING, LEARNING_RATE = 32, 32, 0.01


def negation_scores(net, spec: dict, vocabulary) -> dict:
    """Accuracy on held-out negated positive/negative sentences: model vs bag of words."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    from dlviz.core.data.sentiment import CLASS_NAMES, MAX_LENGTH, sentiment_texts

    language = spec["data"][-2:]
    texts, labels, negated = sentiment_texts(language, 900, seed=123)
    held = negated & (labels != CLASS_NAMES.index("neutral"))
    texts, labels = [t for t, h in zip(texts, held) if h], labels[held]
    guess = net.predict(vocabulary.encode_batch(texts, MAX_LENGTH)).argmax(-1)
    train_texts, train_labels, _ = sentiment_texts(language, spec.get("samples") or 3000,
                                                  seed=SEED)
    counts = CountVectorizer(token_pattern=r"\S+")
    bag = LogisticRegression(max_iter=2000).fit(counts.fit_transform(train_texts),
                                                train_labels)
    return {"negated_sentences": len(texts),
            "negation_accuracy": round(float(np.mean(guess == labels)), 4),
            "bag_of_words_negation_accuracy": round(float(np.mean(
                bag.predict(counts.transform(texts)) == labels)), 4)}


def train(spec: dict, out: Path) -> dict:
    """Train one model, check it, write its two files; returns the sidecar."""
    import keras
    import tensorflow as tf

    from dlviz.core.data.text import describe_tokens
    from dlviz.core.data.text_sets import load_text_data
    from dlviz.core.zoo import get_entry
    from dlviz.core.zoo.trained import file_sha256

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    data = load_text_data(spec["data"], samples=spec.get("samples"), seed=SEED)
    entry = get_entry(spec["architecture"])
    options = dict(classes=data.num_classes, vocabulary=data.vocabulary, units=UNITS,
                   embedding_dim=EMBEDDING)
    net = entry.create(**options)
    net.build()
    net.compile(learning_rate=LEARNING_RATE)
    net.train(data.x_train, data.y_train, epochs=spec["epochs"],
              batch_size=spec["batch_size"], verbose=2)
    accuracy = net.test(data.x_test, data.y_test)["accuracy"]
    print(f"{spec['name']}: test accuracy {accuracy:.4f} on {len(data.y_test)} sentences",
          flush=True)
    if accuracy < spec["floor"]:
        raise SystemExit(f"{spec['name']} reached only {accuracy:.3f} (< {spec['floor']})")
    extra = negation_scores(net, spec, data.vocabulary) if data.task == "classify" else {}
    if extra:
        print(f"  negated sentences: {extra['negation_accuracy']:.3f} right (bag of words "
              f"{extra['bag_of_words_negation_accuracy']:.3f})", flush=True)

    # A fresh, uncompiled copy: the file holds the weights, not Adam's state.
    plain = entry.create(**options)
    plain.build().set_weights(net.model.get_weights())
    path = plain.save(out / f"{spec['name']}.keras")
    sidecar = {
        "name": spec["name"], "title": spec["title"], "order": spec["order"],
        "kind": "text", "task": data.task, "architecture": spec["architecture"],
        "data": spec["data"], "class_names": list(data.class_names), "input_shape": [None],
        "vocabulary_size": len(data.vocabulary),
        "tokens": describe_tokens(data.vocabulary.level, data.vocabulary.segmentation),
        "units": UNITS, "embedding_dim": EMBEDDING,
        "test_accuracy": round(float(accuracy), 4), "test_sentences": int(len(data.y_test)),
        "train_sentences": int(len(data.y_train)), **extra, "epochs": spec["epochs"],
        "batch_size": spec["batch_size"], "optimizer": "adam",
        "learning_rate": LEARNING_RATE, "seed": SEED, "command": COMMAND,
        "keras": keras.__version__, "tensorflow": tf.__version__,
        "sha256": file_sha256(path),
    }
    (out / f"{spec['name']}{SIDECAR}").write_text(
        json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", flush=True)
    return sidecar


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=[m["name"] for m in MODELS],
                        help="train only this model")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in MODELS:
        if args.only in (None, spec["name"]):
            train(spec, args.out)


if __name__ == "__main__":
    main()
