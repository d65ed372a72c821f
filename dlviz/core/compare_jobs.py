"""SimpleRNN, LSTM and GRU on the typed sentence: the models ``compare_cells`` reads.

The shipped trained classifiers are used where they exist (``rnn-sentiment-en``,
``lstm-sentiment-en``, ``gru-sentiment-en``, ``lstm-sentiment-vi``); a cell with no
trained model in the sentence's language is the library preset, untrained, reading the
same vocabulary as the trained model of that language (so all three read
the sentence as the same tokens), and its row title says "untrained".
The models are built once and kept (``CellModels``); only the engine thread
touches them.
"""

from __future__ import annotations

from dataclasses import replace

from dlviz.core.probes.compare import CELLS, CellComparison, compare_cells

#: The library preset of each cell kind (``zoo/sequence_entries.py``).
PRESETS = {"simple_rnn": "rnn-sentiment", "lstm": "lstm-sentiment", "gru": "gru-sentiment"}
CELL_NAMES = {"simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
LANGUAGES = ("en", "vi")


class CellModels:
    """The three models of each language, built on first use (engine thread only)."""

    def __init__(self, folder=None):
        self.folder = folder
        self._models: dict[str, tuple] = {}   # language -> ((model, vocabulary, title), ...)

    def compare(self, sentence: str) -> CellComparison:
        """``compare_cells`` of ``sentence`` through the three models of its language."""
        language = self.language(sentence)
        rows = self.models(language)
        found = compare_cells(sentence, [m for m, _v, _t in rows],
                              vocabulary=[v for _m, v, _t in rows])
        titles = tuple(t for _m, _v, t in rows)
        share = {t: float(row[0]) if row.size else 0.0
                 for t, row in zip(titles, found.gradient)}
        return replace(found, models=titles, first_token_share=share)

    def language(self, sentence: str) -> str:
        """The language whose trained vocabulary knows more of ``sentence``."""
        known = {lang: self._trained(lang) for lang in LANGUAGES}
        known = {lang: infos for lang, infos in known.items() if infos}
        if not known:
            raise ValueError("no trained sentiment model ships with this copy of dlviz "
                             "(resources/models): run scripts/make_trained_text_models.py")
        return min(known, key=lambda lang: _vocabulary(known[lang][0]).unknown_share(sentence))

    def models(self, language: str) -> tuple:
        if language not in self._models:
            self._models[language] = self._build(language)
        return self._models[language]

    def _trained(self, language: str) -> list:
        from dlviz.core.zoo.sequence_trained import trained_text_models

        return [info for info in trained_text_models(self.folder)
                if info.data == f"sentiment-{language}" and info.task == "classify"
                and info.architecture in PRESETS.values()]

    def _build(self, language: str) -> tuple:
        from dlviz.core.zoo.registry import get_entry
        from dlviz.core.zoo.sequence_trained import TrainedSequenceModel

        infos = {info.architecture: info for info in self._trained(language)}
        words = _vocabulary(next(iter(infos.values())))
        rows = []
        for kind in CELLS:
            info = infos.get(PRESETS[kind])
            if info is not None:
                zoo = TrainedSequenceModel(trained=info.name, folder=self.folder)
                title = f"{CELL_NAMES[kind]} · trained on sentiment-{language} ({info.name})"
            else:
                zoo = get_entry(PRESETS[kind]).create(vocabulary=words)
                title = (f"{CELL_NAMES[kind]} · untrained (library preset, random weights, "
                         f"sentiment-{language} vocabulary)")
            zoo.build()
            rows.append((zoo.model, zoo.vocabulary, title))
        return tuple(rows)


def _vocabulary(info):
    from dlviz.core.zoo.sequence_io import read_vocabulary

    return read_vocabulary(info.path)
