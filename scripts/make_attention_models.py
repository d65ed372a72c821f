"""Train the date models with attention dlviz ships, one per score function.

Run from the repository root (a few minutes per model on two CPU cores)::

    .venv/bin/python scripts/make_attention_models.py

Each model is the library preset "dates-attention" (an LSTM encoder and
decoder, ``ScoreAttention`` with the dot, general, additive or cosine score)
trained from a fixed seed, with TensorFlow's deterministic ops, on dates
written by people in English and Vietnamese (``dlviz/core/data/dates.py``)
paired with their ISO form. It is checked on held-out dates written in ways
it never saw (a different seed, none of the training texts): the share
written exactly right, and the share of the day's, month's and year's
output characters whose largest attention weight falls on the source token
that holds that part ("alignment"). The script writes
``dates-attention-<score>.keras`` (weights without optimizer state, the
``PairVocabulary`` inside) and ``dates-attention-<score>.seq2seq.json``
(architecture, data, both figures, this command, SHA-256). It stops with an
error, writing nothing for that model, if a model misses its floors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

COMMAND = ".venv/bin/python scripts/make_attention_models.py"
SEED, TEST_SEED = 0, 1
SIDECAR = ".seq2seq.json"
TRAIN_PAIRS, TEST_PAIRS = 20000, 1000
UNITS, EMBEDDING, LEARNING_RATE, BATCH = 64, 32, 0.005, 64
SCORES = ("dot", "general", "additive", "cosine")
EPOCHS = 10
EXACT_FLOOR, ALIGNMENT_FLOOR = 0.9, 0.8
PARTS = {"year": range(0, 4), "month": range(5, 7), "day": range(8, 10)}


def datasets():
    """(vocabulary, training pairs, held-out pairs never seen in training)."""
    from dlviz.core.data.dates import date_pairs
    from dlviz.core.data.pair_vocabulary import PairVocabulary

    train = date_pairs(TRAIN_PAIRS, language="both", seed=SEED)
    seen = {source for source, _ in train}
    test = [p for p in date_pairs(TEST_PAIRS * 2, language="both", seed=TEST_SEED)
            if p[0] not in seen][:TEST_PAIRS]
    return PairVocabulary.build(train), train, test


def decode_batch(model, vocabulary, source_ids, steps: int = 11):
    """Greedy decoding of many sources at once: (written ids (N, steps), weights
    (N, steps, Ts)), row t of the weights the ones that wrote token t."""
    import keras
    import numpy as np

    from dlviz.core.probes.seq2seq_attention import attention_layer

    both = keras.Model(model.inputs, [model.outputs[0], attention_layer(model).output[1]])
    written = np.zeros((len(source_ids), 0), np.int32)
    start = np.full((len(source_ids), 1), vocabulary.start_id, np.int32)
    for _ in range(steps):
        probabilities, _ = both.predict([source_ids, np.hstack([start, written])],
                                        batch_size=500, verbose=0)
        probabilities[..., [0, vocabulary.start_id]] = -1.0
        written = np.hstack([written, probabilities[:, -1].argmax(-1)[:, None]])
    written = written.astype(np.int32)
    _, weights = both.predict([source_ids, np.hstack([start, written[:, :-1]])],
                              batch_size=500, verbose=0)
    return written, weights


def evaluate(model, vocabulary, pairs) -> dict:
    """Exact matches and alignment of the parts of the date, on ``pairs``."""
    import numpy as np

    from dlviz.core.data.dates import date_token_roles
    from dlviz.core.data.pair_vocabulary import encode_pairs

    source_ids, _, _ = encode_pairs(pairs, vocabulary)
    written, weights = decode_batch(model, vocabulary, source_ids)
    exact = aligned = counted = 0
    for i, (source, iso) in enumerate(pairs):
        exact += vocabulary.target_text(written[i]) == iso
        roles = date_token_roles(vocabulary.tokenize(source), iso)
        for part, positions in PARTS.items():
            if part not in roles:
                continue
            for t in positions:
                counted += 1
                aligned += roles[int(np.argmax(weights[i, t, :len(roles)]))] == part
    return {"exact": exact / len(pairs), "alignment": aligned / max(1, counted)}


def train(score: str, out: Path, epochs: int = EPOCHS) -> dict:
    """Train the model for ``score``, check it, write its two files; returns the sidecar."""
    import keras
    import tensorflow as tf

    from dlviz.core.data.pair_vocabulary import encode_pairs
    from dlviz.core.zoo import get_entry
    from dlviz.core.zoo.trained import file_sha256

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    vocabulary, train_pairs, test_pairs = datasets()
    source_ids, target_in, target_out = encode_pairs(train_pairs, vocabulary)
    entry = get_entry("dates-attention")
    options = dict(vocabulary=vocabulary, units=UNITS, embedding_dim=EMBEDDING, score=score)
    net = entry.create(**options)
    net.build()
    net.compile(learning_rate=LEARNING_RATE)
    began = time.perf_counter()
    net.train([source_ids, target_in], target_out, epochs=epochs, batch_size=BATCH,
              verbose=2)
    seconds = time.perf_counter() - began
    name = f"dates-attention-{score}"
    found = evaluate(net.model, vocabulary, test_pairs)
    print(f"{name}: {found['exact']:.1%} of {len(test_pairs)} held-out dates exactly right, "
          f"alignment {found['alignment']:.1%} ({seconds:.0f} s)", flush=True)
    if found["exact"] < EXACT_FLOOR or found["alignment"] < ALIGNMENT_FLOOR:
        raise SystemExit(f"{name} missed its floors ({EXACT_FLOOR:.0%} exact, "
                         f"{ALIGNMENT_FLOOR:.0%} aligned)")

    # A fresh, uncompiled copy: the file holds the weights, not Adam's state.
    plain = entry.create(**options)
    plain.build().set_weights(net.model.get_weights())
    path = plain.save(out / f"{name}.keras")
    sidecar = {
        "name": name, "title": f"Dates to ISO, {score} attention",
        "order": 20 + SCORES.index(score), "kind": "seq2seq",
        "architecture": "dates-attention", "score": score, "data": "dates",
        "source_vocabulary_size": len(vocabulary.source),
        "target_vocabulary_size": len(vocabulary.target), "units": UNITS,
        "embedding_dim": EMBEDDING, "exact_match": round(found["exact"], 4),
        "alignment": round(found["alignment"], 4), "test_pairs": len(test_pairs),
        "train_pairs": len(train_pairs), "epochs": epochs, "batch_size": BATCH,
        "optimizer": "adam", "learning_rate": LEARNING_RATE, "seed": SEED,
        "command": COMMAND, "keras": keras.__version__, "tensorflow": tf.__version__,
        "sha256": file_sha256(path),
    }
    (out / f"{name}{SIDECAR}").write_text(
        json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", flush=True)
    return sidecar


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=SCORES, help="train only the model of this score")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for score in SCORES:
        if args.only in (None, score):
            train(score, args.out, args.epochs)


if __name__ == "__main__":
    main()
