"""The live-overhead benchmarks' figures from their rounds: paired ratios with their
spread, refresh rates, probe costs, where the live run's extra seconds went."""

from __future__ import annotations

from _common import median


def spread(values) -> dict:
    """``{"min", "median", "max"}`` of ``values``, rounded for printing; with five
    values or more, the quartiles too ("q1", "q3": how far the median can be trusted)."""
    values = sorted(values)
    figures = {"min": round(values[0], 4), "median": round(median(values), 4),
               "max": round(values[-1], 4)}
    if len(values) >= 5:
        import statistics

        q1, _, q3 = statistics.quantiles(values, n=4)
        figures.update(q1=round(q1, 4), q3=round(q3, 4), n=len(values))
    return figures


def paired(runs: dict, top: str, bottom: str, of=lambda r: r["seconds"]) -> list[float]:
    """``of(top) / of(bottom)`` of each round."""
    return [of(t) / of(b) for t, b in zip(runs[top], runs[bottom])]


def breakdown(live_runs: list, bare_runs: list) -> dict:
    """Median seconds of what the live run did besides training, and the rest.

    ``extra`` is live minus bare seconds (paired per round); ``unexplained`` is
    what the parts leave of it (noise from a busy machine, Keras's callback
    machinery, slower steps while probes run).
    """
    parts = {}
    for key in live_runs[0]["spent"]:
        parts[key] = median([r["spent"][key] for r in live_runs])
    # The bare run compiles and builds its pipeline before fit too.
    parts["before_fit"] -= median([r["before_fit"] for r in bare_runs])
    extra = median([b["seconds"] - a["seconds"] for a, b in zip(bare_runs, live_runs)])
    parts = {k: round(v, 3) for k, v in parts.items()}
    return {"extra": round(extra, 3), **parts,
            "unexplained": round(extra - sum(parts.values()), 3)}


#: The views people watch, when a run does not say which are on screen: the
#: ones the budget refreshes every frame it can (no ``GROUP_SECONDS``).
WATCHED = ("feature_maps", "gates", "attention")


def watched_views(run: dict) -> set:
    """The probe kinds a live run's person watches (``shown``, else those of
    ``WATCHED`` the model offers)."""
    if run.get("shown"):
        return set(run["shown"])
    return {kind for kind in WATCHED if run["view_epochs"].get(kind)}


def summary(runs: dict) -> dict:
    """Ratios (min / median / max over rounds), refresh rates, costs, breakdown.

    Steady state is the epochs after the first (the first traces Keras's train
    step and every probe once; a longer run no longer notices); whole runs
    count everything from compiling on.
    """
    def steady(r):
        return sum(r["epoch_seconds"][1:])

    def cpu(r):
        return r["steady_cpu"]

    def fastest(name, which):
        # Others' processes only ever add time: the fastest steady epoch of
        # all rounds is the least disturbed (live probes are spread evenly
        # over epochs, so a live epoch carries its share of them).
        return min(e[which] for r in runs[name] for e in r["steady_epochs"])

    live = runs["b"]
    figures = {"steady b/a": spread(paired(runs, "b", "a", steady)),
               "steady CPU b/a": spread(paired(runs, "b", "a", cpu)),
               "fastest steady epoch b/a": {
                   "wall": round(fastest("b", 0) / fastest("a", 0), 4),
                   "cpu": round(fastest("b", 1) / fastest("a", 1), 4)},
               "whole run b/a": spread(paired(runs, "b", "a"))}
    # Seconds no thread ran or waited for a CPU within the steady epochs (a
    # wait on something other than work: tf.data's tuner was one).
    figures["idle seconds per run (steady, median)"] = {
        name: round(median([r["idle"] for r in rs]), 3) for name, rs in runs.items()}
    # CPU seconds by thread over the steady epochs (medians): the live run's
    # own threads (run-directory disk writes) show beside TensorFlow's.
    figures["steady CPU by thread (s, median)"] = {
        name: {thread: round(median([r["threads"].get(thread, 0.0) for r in rs]), 3)
               for thread in sorted({t for r in rs for t in r["threads"]})}
        for name, rs in runs.items()}
    if "c" in runs:
        figures["steady c/a"] = spread(paired(runs, "c", "a", steady))
        figures["whole run c/a"] = spread(paired(runs, "c", "a"))
    figures["refreshes/s"] = spread([sum(e >= 1 for e in r["frame_epochs"]) / steady(r)
                                     for r in live])
    # Per view: frames of the steady epochs that carry that view's result, per
    # steady second (a frame need not carry every view).
    figures["refreshes/s by view (median)"] = {
        kind: round(median([sum(e >= 1 for e in r["view_epochs"][kind]) / steady(r)
                            for r in live]), 2)
        for kind in live[-1]["view_epochs"] if any(r["view_epochs"][kind] for r in live)}
    for group, epochs in (("gates", "text_epochs"), ("attention", "attention_epochs")):
        if any(r[epochs] for r in live):
            figures[f"refreshes/s with {group}"] = spread(
                [sum(e >= 1 for e in r[epochs]) / steady(r) for r in live])
    # The views a person watches (``--watching``, else the ones every frame
    # is for): their refreshes apart from the glanced-at views'.
    watched = watched_views(live[-1])
    figures["watched views"] = sorted(watched)
    figures["watched refreshes/s"] = spread(
        [sum(e >= 1 and watched & set(kinds) != set() for e, _, kinds in r["frame_costs"])
         / steady(r) for r in live])
    figures["ms per watched frame (steady, median)"] = round(1e3 * median(
        [s for r in live for e, s, kinds in r["frame_costs"] if e >= 1 and watched & set(kinds)]
        or [0.0]), 2)
    figures["frames by group (whole run)"] = {
        k: median([r["kinds"][k] for r in live]) for k, n in live[-1]["kinds"].items() if n}
    figures["warm probe costs (s)"] = {k: round(v, 4) for k, v in live[-1]["costs"].items()
                                       if v}
    figures["budget share used"] = spread([r["share"] for r in live])
    # Where the share went, in % of training time (medians): each probe group,
    # the bookkeeping charged beside them (events, frames sent, run writes)
    # and the weight copies.
    figures["share of training time by part (%)"] = {
        part: round(100 * median([r["shares"].get(part, 0.0) for r in live]), 3)
        for part in live[-1]["shares"]}
    figures["live run's seconds beyond the bare run (medians)"] = breakdown(live, runs["a"])
    return figures
