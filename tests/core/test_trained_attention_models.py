"""The shipped date models with attention: listed, small, safe; they read typed dates
and look at the right words (slow: four models decode a dozen dates each)."""

import pytest

from dlviz.core import modelio
from dlviz.core.data.dates import date_token_roles
from dlviz.core.data.pair_vocabulary import END, PairVocabulary
from dlviz.core.probes.seq2seq_attention import seq2seq_attention
from dlviz.core.zoo.registry import REGISTRY, create
from dlviz.core.zoo.seq2seq import Seq2SeqAttention
from dlviz.core.zoo.seq2seq_trained import TrainedSeq2Seq, trained_seq2seq_models

SCORES = ("dot", "general", "additive", "cosine")
NAMES = [f"dates-attention-{score}" for score in SCORES]
#: Typed by hand (not drawn from the generator), in formats people use.
TYPED = (
    ("Tuesday, 10 March 1987", "1987-03-10"),
    ("March 10, 1987", "1987-03-10"),
    ("10/03/87", "1987-03-10"),
    ("10.3.1987", "1987-03-10"),
    ("July 4, 2021", "2021-07-04"),
    ("Saturday, 1 January 2000", "2000-01-01"),
    ("25 Dec 1999", "1999-12-25"),
    ("ngày 10 tháng 3 năm 1987", "1987-03-10"),
    ("thứ Ba, ngày 10/03/1987", "1987-03-10"),
    ("mùng 5 tháng Giêng năm 1990", "1990-01-05"),
    ("ngày 30 tháng 4 năm 1975", "1975-04-30"),
    ("mồng 8 tháng Chạp năm 2024", "2024-12-08"),
    ("ngày 20.11.23", "2023-11-20"),
)
PARTS = {"year": range(0, 4), "month": range(5, 7), "day": range(8, 10)}
#: The year's last two digits, the month's and the day's last one (in 1987-03-10).
LAST_DIGITS = (2, 3, 6, 9)


def test_the_four_models_are_listed_small_and_described():
    infos = {info.name: info for info in trained_seq2seq_models()}
    assert sorted(infos) == sorted(NAMES)
    for name in NAMES:
        info = infos[name]
        assert REGISTRY[name].kind == "Trained" and REGISTRY[name].module == "seq2seq_trained"
        assert info.path.stat().st_size < 1_000_000
        assert info.exact_match >= 0.9 and info.alignment >= 0.8
        assert info.score in info.name and "make_attention_models.py" in info.description


@pytest.mark.parametrize("name", NAMES[:1])
def test_a_shipped_model_opens_in_safe_mode_with_its_vocabulary(name):
    info = {i.name: i for i in trained_seq2seq_models()}[name]
    report = modelio.prescan(info.path, resolve_classes=True)
    assert not report.needs_unsafe and not report.unknown_classes
    net = create(name)
    assert isinstance(net, TrainedSeq2Seq) and isinstance(net.vocabulary, PairVocabulary)
    assert net.build().get_layer("attention").score == info.score
    loaded = Seq2SeqAttention.load(info.path)         # the file alone rebuilds the preset
    assert loaded.options["score"] == info.score and loaded.options["bridge"] is False
    assert loaded.vocabulary == net.vocabulary
    other = PairVocabulary.build([("10 March 1987", "1987-03-10")])
    fresh = net.with_vocabulary(other)                # new data: same design, new weights
    assert type(fresh) is Seq2SeqAttention and fresh.options["score"] == info.score
    assert fresh.build().get_layer("next_token").units == len(other.target)


@pytest.mark.slow
@pytest.mark.parametrize("score", SCORES)
def test_typed_dates_are_written_right_and_aligned(score):
    net = TrainedSeq2Seq(trained=f"dates-attention-{score}")
    model = net.build()
    right = aligned = counted = 0
    for text, iso in TYPED:
        found = seq2seq_attention(model, text, vocabulary=net.vocabulary)
        right += found.output_text == iso
        assert found.output_tokens[-1] == END and not found.notes, (text, found.notes)
        roles = date_token_roles(list(found.source_tokens), iso)
        strongest = found.strongest_source()
        for part, positions in PARTS.items():
            if part not in roles:
                continue   # 2000-01-01: the token 1 could be the day or the month
            for t in positions:
                counted += 1
                aligned += roles[int(strongest[t])] == part
                if t in LAST_DIGITS:  # the digits that vary most: never elsewhere
                    assert roles[int(strongest[t])] == part, (text, t, found.source_tokens)
    # Every date the course shows is read; the alignments look where they should.
    assert right >= len(TYPED) - 1, f"{score}: {right}/{len(TYPED)} dates right"
    # The dot score has no weights of its own: the month's leading 0 or 1
    # shares its weight between the day and the month there (~83 %, 95 %+ others).
    assert aligned / counted >= 0.8, f"{score}: {aligned}/{counted} characters aligned"
    first = seq2seq_attention(model, "Tuesday, 10 March 1987", vocabulary=net.vocabulary)
    assert first.output_text == "1987-03-10"
