"""The one measuring rule, on a fake clock: repeats, median, spread, verdicts, refusals."""

import statistics

import numpy as np
import pytest

from engine.core.measure import (
    MIN_PAIRS,
    MIN_REPEATS,
    LoadMonitor,
    Settled,
    Spread,
    alternate,
    compare,
    difference_duration,
    duration,
    load_sentence,
    repeat,
    settle,
)


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_repeats_until_the_budget_is_spent_and_at_least_three_times():
    clock = FakeClock()

    def sample():
        clock.now += 0.4
        return 0.4

    assert len(repeat(sample, budget_seconds=1.0, clock=clock)) == 3  # 1.2 s ≥ budget
    clock.now = 0.0
    assert len(repeat(sample, budget_seconds=0.01, clock=clock)) == MIN_REPEATS

    def quick():
        clock.now += 0.1
        return 0.1

    clock.now = 0.0
    assert len(repeat(quick, budget_seconds=0.95, clock=clock)) == 10
    clock.now = 0.0
    assert len(repeat(quick, budget_seconds=100.0, clock=clock, max_repeats=7)) == 7


def test_stop_ends_the_repeats():
    class StopAfter:
        def __init__(self):
            self.calls = 0

        def is_set(self):
            self.calls += 1
            return self.calls > 2

    samples = repeat(lambda: 1.0, budget_seconds=10, clock=FakeClock(), stop=StopAfter())
    assert samples == [1.0, 1.0]


def test_median_and_spread():
    spread = Spread.of([0.30, 0.25, 0.27, 0.90, 0.26])
    assert (spread.median, spread.low, spread.high) == (0.27, 0.25, 0.90)
    assert spread.format() == "0.27 s (0.25–0.9)"
    assert Spread.of([2.0]).format("×") == "2×"
    with pytest.raises(ValueError):
        Spread.of([])


def test_a_clear_winner_is_settled_by_paired_ratios():
    slow = [0.33, 0.34, 0.33, 0.335, 0.33, 0.331, 0.332]
    fast = [0.23, 0.24, 0.23, 0.232, 0.231, 0.23, 0.231]
    clear = compare(("one thread", "two threads"), slow, fast)
    assert clear.winner == "two threads" and clear.settled == Settled.FIRST_SLOWER
    assert clear.speedup.median == pytest.approx(statistics.median(
        [a / b for a, b in zip(slow, fast, strict=True)]))
    assert clear.verdict.startswith("two threads is faster: 1.43×")
    assert clear.verdict.endswith("7 of 7 pairs)")
    low, high = clear.interval
    assert 1 < low <= clear.speedup.median <= high
    reversed_order = compare(("two threads", "one thread"), fast, slow)
    assert reversed_order.winner == "two threads"
    assert reversed_order.verdict.startswith("two threads is faster: 1.43×")
    too_few = compare(("a", "b"), slow[:5], fast[:5])
    assert too_few.winner is None and "settle nothing" in too_few.verdict


def _fake_lanes(seconds_first, seconds_second):
    """Two lanes on a fake clock: each call returns the next time and advances the clock."""
    now = [0.0]

    def lane(times):
        queue = iter(times)

        def one():
            value = next(queue)
            now[0] += value
            return value
        return one

    return lane(seconds_first), lane(seconds_second), (lambda: now[0])


def test_one_outlier_in_seven_pairs_leaves_the_verdict_unchanged():
    rng = np.random.default_rng(3)
    slow = list(0.40 * (1 + 0.02 * rng.standard_normal(30)))
    fast = list(0.30 * (1 + 0.02 * rng.standard_normal(30)))
    a, b, clock = _fake_lanes(slow, fast)
    clean = compare(("1 thread", "2 threads"), *alternate([a, b], clock=clock))
    assert clean.winner == "2 threads" and clean.pairs == MIN_PAIRS
    for index in range(7):  # a 17 s repeat of the faster lane, anywhere in the first seven
        spoiled = list(fast)
        spoiled[index] = 17.0
        a, b, clock = _fake_lanes(slow, spoiled)
        samples = alternate([a, b], clock=clock, budget_seconds=1e9)
        verdict = compare(("1 thread", "2 threads"), *samples)
        assert verdict.winner == clean.winner, index
        assert verdict.speedup.median == pytest.approx(clean.speedup.median, rel=0.05)
        assert f"{verdict.pairs - 1} of {verdict.pairs} pairs" in verdict.verdict
        assert verdict.interval[0] > 1
    # On seven pairs alone the outlier keeps the interval open: more pairs are taken, not a
    # different verdict given.
    assert compare(("1 thread", "2 threads"), slow[:7], spoiled[:7]).winner is None


def test_equal_lanes_end_in_no_clear_winner_within_the_budget():
    rng = np.random.default_rng(5)
    first = list(0.3 * (1 + 0.04 * rng.standard_normal(100)))
    second = list(0.3 * (1 + 0.04 * rng.standard_normal(100)))
    a, b, clock = _fake_lanes(first, second)
    samples = alternate([a, b], max_pairs=40, budget_seconds=20.0, clock=clock)
    assert clock() <= 20.0 + 2 * max(first + second)  # the budget, and one pair past it
    verdict = compare(("A", "B"), *samples)
    assert verdict.winner is None and verdict.verdict.startswith("no clear winner")


def test_a_difference_of_1_3_is_found_and_stops_early():
    rng = np.random.default_rng(7)
    first = list(0.39 * (1 + 0.05 * rng.standard_normal(100)))
    second = list(0.30 * (1 + 0.05 * rng.standard_normal(100)))
    a, b, clock = _fake_lanes(first, second)
    samples = alternate([a, b], max_pairs=40, budget_seconds=60.0, clock=clock)
    assert len(samples[0]) < 40  # settled before the pairs ran out
    verdict = compare(("1 thread", "2 threads"), *samples)
    assert verdict.winner == "2 threads"
    assert verdict.speedup.median == pytest.approx(1.3, rel=0.06)


def test_settle_needs_enough_pairs_and_an_interval_beyond_the_margin():
    assert settle([1.3] * (MIN_PAIRS - 1)) == Settled.UNDECIDED
    assert settle([1.3] * MIN_PAIRS) == Settled.FIRST_SLOWER
    assert settle([0.7] * MIN_PAIRS) == Settled.SECOND_SLOWER
    assert settle([1.0, 1.01, 0.99, 1.0, 1.02, 0.995, 1.005]) == Settled.EQUAL
    # A small difference, consistent in every pair, is a difference: the interval excludes 1.
    assert settle([1.02, 1.03, 1.04, 1.03, 1.02, 1.03, 1.025]) == Settled.FIRST_SLOWER
    assert settle([0.8, 1.3, 0.9, 1.25, 1.0, 0.85, 1.2]) == Settled.UNDECIDED


def test_an_undecided_verdict_names_the_direction_of_its_interval():
    """bench prints engine/reference beside a comparison of reference/engine: the interval's
    sentence says which ratio it bounds, and bounds the median of that ratio."""
    reference = [0.30, 0.31, 0.29, 0.60, 0.30, 0.28, 0.33, 0.27, 0.35]
    engine = [0.33, 0.30, 0.31, 0.33, 0.29, 0.32, 0.30, 0.31, 0.30]
    verdict = compare(("reference", "engine"), reference, engine)
    assert verdict.winner is None
    low, high = verdict.interval
    median = statistics.median(r / e for r, e in zip(reference, engine, strict=True))
    assert low <= median <= high
    assert verdict.verdict == ("no clear winner: the interval of the median ratio "
                               f"reference/engine, {low:.3g}–{high:.3g} over 9 pairs, includes "
                               "no difference")


def test_unequal_work_is_never_compared():
    refused = compare(("reference", "engine"), [0.26, 0.25, 0.26], [0.005, 0.005, 0.005],
                      "the engine diverged at iteration 8")
    assert refused.speedup is None and refused.winner is None
    assert refused.verdict == "not compared: the engine diverged at iteration 8"
    assert refused.to_dict()["speedup"] is None


def test_load_monitor_says_when_others_used_the_cpu():
    monitor = LoadMonitor()
    monitor._load = staticmethod(lambda start, end: 0.9)
    with monitor:
        pass
    assert monitor.busy and monitor.note() == load_sentence(0.9, "loop")
    assert "0.9 of" in monitor.note() and "during the training loop" in monitor.note()
    quiet = LoadMonitor()
    quiet._load = staticmethod(lambda start, end: 0.05)
    with quiet:
        pass
    assert not quiet.busy and quiet.note() == ""
    # The real counters: others' load over a busy-wait of our own is small.
    with LoadMonitor() as real:
        sum(i * i for i in range(200_000))
    assert real.other_cores < 2.0  # our own busy-wait is not counted as others' load


def test_the_load_sentence_is_one_sentence_with_its_interval():
    assert load_sentence(0.3, "race", 2) == "" and load_sentence(None, "race") == ""
    assert load_sentence(1.04, "race", 2) == ("CPU busy: other programs used 1.0 of 2 cores "
                                             "during the race, so these times are not the quiet "
                                             "machine's")
    assert "during the profile" in load_sentence(0.5, "profile", 2)


def test_the_busy_sentence_is_written_in_one_place():
    """'CPU busy' was written in six places (race, profile and size-sweep tabs, the command
    line's race, profile and bench): each now calls engine.core.measure.load_sentence."""
    from pathlib import Path

    from tests.conftest import SOURCE_FOLDERS

    root = Path(__file__).resolve().parents[2]
    written = [str(p.relative_to(root)) for folder in SOURCE_FOLDERS
               for p in (root / folder).rglob("*.py")
               for phrase in ("programs used {", "processes used {", "not the quiet machine",
                              "other processes")
               if phrase in p.read_text(encoding="utf-8").replace("\n", " ")]
    assert sorted(set(written)) == ["engine/core/measure.py"]


def test_a_repeat_far_from_its_median_is_named_in_the_verdict():
    """A race under load: one repeat took 3.03 s against a 0.357 s median, and the verdict
    said nothing."""
    engine = [0.357, 0.35, 3.03, 0.36, 0.355, 0.358, 0.352, 0.354, 0.359, 0.356, 0.357]
    torch = [0.5, 0.51, 0.52, 0.49, 0.5, 0.505, 0.51, 0.5, 0.49, 0.5, 0.51]
    verdict = compare(("engine", "torch"), engine, torch).verdict
    assert verdict.startswith("engine is faster")
    assert "one repeat of engine took 3.03 s, 8.5× its median 0.357 s" in verdict
    assert "one repeat" not in compare(("engine", "torch"), engine[:2] + engine[3:],
                                       torch[:10]).verdict
    refused = compare(("a", "b"), engine, torch, unequal_work="the engine diverged")
    assert "one repeat" not in refused.verdict  # no ratio, no note about repeats


def test_durations_never_read_as_huge_microseconds_or_negative_times():
    assert duration(0.2285) == "228 ms" and duration(2.5e-4) == "250 µs"
    assert duration(12.0) == "12 s"
    assert difference_duration(-0.009857) == "within noise"
    assert difference_duration(0.0012) == "1.2 ms"
