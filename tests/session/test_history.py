"""What the window's views read, tested without a window or Qt (session/): the run history,
the series a curve is handed, smoothing's neighbour the decimation, and the catapult's spans."""

import numpy as np
import pytest

from engine.core.config import RunConfig
from engine.core.result import RunResult, Status
from engine.numerics.diagnostics import catapult_spans
from session.history import BYTES_PER_LOSS, Change, Entry, RunHistory, RunRecord
from session.labels import legend_labels
from session.series import DISPLAY_POINTS, GrowingSeries


def result(losses=10, lr=1e-6, status=Status.COMPLETED):
    return RunResult(RunConfig(learning_rate=lr), status, losses, None, np.ones(losses), 0.1,
                     0.5)


def test_the_history_holds_typed_results_and_tells_its_views():
    history, heard = RunHistory(), []
    history.subscribe(lambda change, numbers: heard.append((change, numbers)))
    assert history.add(1, result()) == [] and history.add(2, result(lr=2e-6)) == []
    assert heard == [(Change.ADDED, [1]), (Change.ADDED, [2])]
    assert history.get(2).result.config.learning_rate == 2e-6
    history.set_shown(1, False)
    assert heard[-1] == (Change.SHOWN, [1]) and [e.number for e in history.shown()] == [2]
    history.set_shown(1, False)  # no change, nothing heard
    assert len(heard) == 3
    history.set_baseline(2)
    history.remove([2, 99])
    assert heard[-1] == (Change.REMOVED, [2]) and history.baseline is None
    assert history.get(1).record()["run"] == 1  # the record: the dict at the edge
    assert legend_labels(history.entries)[1].startswith("#1")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["auto threads", "1 thread", "4 threads"]),
    ("ko", ["스레드 auto", "스레드 1개", "스레드 4개"]),  # no counter after a word
])
def test_the_legend_names_a_thread_setting_in_words_that_agree_with_it(lang, words,
                                                                      monkeypatch):
    from engine.core import language

    monkeypatch.setattr(language, "_front_end", None)  # a window's, where one ran before

    entries = [Entry(number, RunResult(RunConfig(threads=threads), Status.COMPLETED, 10, None,
                                       np.ones(10), 0.1, 0.5))
               for number, threads in enumerate(("auto", 1, 4), start=1)]
    language.use(lang)
    try:
        labels = legend_labels(entries)
    finally:
        language.use("en")
    assert [labels[n].split(", ")[1] for n in (1, 2, 3)] == words


def test_a_run_record_makes_its_lists_only_when_they_are_read(monkeypatch):
    """run_finished's record answers its fields without the lists of losses and checkpoints
    (90 ms of the GUI thread at 2,000,000 iterations), and is the whole record when read so."""
    entry = Entry(7, result(losses=12, status=Status.STOPPED))
    whole = entry.record()
    made = []
    real_record = Entry.record
    monkeypatch.setattr(Entry, "record", lambda self, arrays=True: (  # counts the lists made
        arrays and made.append(1)) or real_record(self, arrays))
    record = RunRecord(entry)
    assert record["status"] == "stopped" and record["run"] == 7
    assert record.get("message") == whole["message"] and record["config"] == whole["config"]
    assert made == []
    assert record["losses"] == whole["losses"] and made == [1]
    assert list(record) == list(whole) and dict(record) == whole and len(record) == len(whole)
    assert made == [1]  # made once
    assert "checkpoints" in record and "nonsense" not in record
    with pytest.raises(KeyError):
        record["nonsense"]


def test_the_history_keeps_within_its_bounds_and_says_what_it_dropped():
    history = RunHistory(kept_runs=3, kept_losses=25)
    for number in range(1, 4):
        assert history.add(number, result(losses=10)) == ([] if number < 3 else [1])
    assert history.numbers() == [2, 3]  # 30 losses passed 25: the oldest went
    assert history.bytes == BYTES_PER_LOSS * 20
    dropped = [history.add(number, result(losses=1)) for number in range(4, 7)]
    assert dropped == [[], [2], [3]] and history.numbers() == [4, 5, 6]  # 3 runs at most


def test_show_at_most_hides_the_oldest_shown_runs():
    history = RunHistory()
    for number in range(1, 6):
        history.add(number, result())
    assert history.show_at_most(3) == [1, 2]
    assert [e.number for e in history.shown()] == [3, 4, 5]
    assert history.show_at_most(3) == []


def test_a_long_series_is_decimated_with_every_spike_kept():
    series = GrowingSeries(capacity=4)
    n = 5 * DISPLAY_POINTS
    y = np.ones(n)
    y[12_345] = 1e6  # one spike
    for start in range(0, n, 7_000):  # in batches, as progress arrives
        stop = min(n, start + 7_000)
        series.append(np.arange(start, stop, dtype=float), y[start:stop])
    x_shown, y_shown = series.display()
    assert len(x_shown) <= DISPLAY_POINTS + 7_000  # decimated blocks, and the newest tail
    assert y_shown.max() == 1e6 and y_shown.min() == 1.0
    assert np.all(np.diff(x_shown) >= 0)
    short = GrowingSeries()
    short.append(np.arange(3.0), np.arange(3.0))
    assert short.display()[1].tolist() == [0.0, 1.0, 2.0]  # few points: as they are


def test_catapult_spans_are_the_overshooting_steps():
    losses = [10, 20, 40, 30, 20, 25, 10]
    # lr·λ_max above 2 at t = 0, 1, 2 and 4; the loss rose after t = 0, 1 and 4.
    assert catapult_spans([0, 1, 2, 3, 4, 5], [3, 3, 3, 1, 2.5, 1], losses) == [(0, 1), (4, 4)]
    assert catapult_spans([0, 1], [1.0, 1.5], losses) == []
    with pytest.raises(ValueError):
        catapult_spans([0, 1], [3.0], losses)  # lengths must agree


def test_the_legend_writes_iterations_as_the_rest_of_the_app_does():
    """'1000000000 it' in the legend, where the readout writes '2,000,000'."""
    from session.history import Entry

    entries = [Entry(1, RunResult(RunConfig(iterations=1_000_000_000), Status.STOPPED, 10, None,
                                  np.ones(10), 0.1, 0.5)),
               Entry(2, result())]
    assert "1,000,000,000 it" in legend_labels(entries)[1]
    assert "500 it" in legend_labels(entries)[2]
