"""The one measuring rule, on a fake clock: repeats, median, spread, verdicts, refusals."""

import pytest

from engine.measure import MIN_REPEATS, LoadMonitor, Spread, compare, repeat


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


def test_a_clear_winner_needs_spreads_that_do_not_overlap():
    slow, fast = [0.33, 0.34, 0.33], [0.23, 0.24, 0.23]
    clear = compare(("one thread", "two threads"), slow, fast)
    assert clear.winner == "two threads"
    assert clear.speedup.median == pytest.approx(0.33 / 0.23)
    assert clear.verdict.startswith("two threads is faster: 1.43×")
    reversed_order = compare(("two threads", "one thread"), fast, slow)
    assert reversed_order.winner == "two threads"
    assert reversed_order.verdict.startswith("two threads is faster: 1.43×")
    overlapping = compare(("a", "b"), [0.30, 0.25, 0.27], [0.26, 0.28, 0.31])
    assert overlapping.winner is None and overlapping.speedup is not None
    assert overlapping.verdict.startswith("no clear winner")


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
    assert monitor.busy and "unreliable" in monitor.note()
    quiet = LoadMonitor()
    quiet._load = staticmethod(lambda start, end: 0.05)
    with quiet:
        pass
    assert not quiet.busy and quiet.note() == ""
    # The real counters: others' load over a busy-wait of our own is small.
    with LoadMonitor() as real:
        sum(i * i for i in range(200_000))
    assert real.other_cores >= 0
