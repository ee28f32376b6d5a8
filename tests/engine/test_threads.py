"""`auto` threads: the choice rule, the idle cores, the record, and a choice under real load."""

import subprocess
import sys
import time

import pytest

from engine.core.config import RunConfig
from engine.core.measure import Spread
from engine.machine.threads import (
    CLEARLY_FASTER,
    LARGE_ITERATION_SECONDS,
    Governor,
    Reason,
    ThreadChoice,
    best_count,
    fastest_warm_iteration,
    forget,
    idle_cores,
    physical_cores,
    slowdown_reason,
)


def spreads(**medians):
    return {int(k[1:]): Spread.of([v, v, v]) for k, v in medians.items()}


def test_a_larger_count_must_be_clearly_faster():
    assert best_count(spreads(t1=1.0, t2=0.80)) == 2
    assert best_count(spreads(t1=1.0, t2=CLEARLY_FASTER * 1.0 + 0.001)) == 1  # a tie: fewer
    assert best_count(spreads(t1=1.0, t2=0.9, t4=0.6)) == 4
    assert best_count(spreads(t1=1.0, t2=0.9, t4=0.6), allowed=2) == 2  # idle cores cap it
    assert best_count(spreads(t1=1.0, t2=1.3)) == 1


def test_idle_cores_leave_a_busy_programs_core_alone():
    assert idle_cores(2, 0.05) == 2
    assert idle_cores(2, 0.3) == 2
    assert idle_cores(2, 0.6) == 1
    assert idle_cores(2, 1.0) == 1
    assert idle_cores(2, 1.9) == 1  # never fewer than one
    assert idle_cores(8, 2.2) == 6


def test_the_choice_says_what_was_measured_and_why():
    calibrated = ThreadChoice(2, Reason.CALIBRATED, 2, 0.0, {1: 0.00041, 2: 0.00029})
    assert calibrated.sentence() == "2 threads (calibrated, per iteration: 1 → 0.41 ms, " \
                                    "2 → 0.29 ms)"
    loaded = ThreadChoice(1, Reason.LOAD, 2, 1.0)
    assert loaded.sentence() == "1 thread: other programs used 1.0 of 2 cores during the " \
                                "thread calibration"
    assert loaded.to_dict()["reason"] == "other programs"


def test_the_governor_drops_to_one_thread_when_iterations_turn_slow():
    now = [0.0]
    choice = ThreadChoice(2, Reason.CALIBRATED, 2, 0.0, {1: 0.001, 2: 0.0008})
    governor = Governor(choice, RunConfig(), clock=lambda: now[0])
    for t in range(64):  # as calibrated: nothing changes
        now[0] += 0.0008
        governor.tick(t)
    assert governor.changed is None and governor.threads == 2
    for t in range(64, 128):  # another program took a core: 10× slower
        now[0] += 0.008
        governor.tick(t)
    assert governor.threads == 1
    assert governor.changed["from"] == 2 and governor.changed["to"] == 1
    assert "the calibrated" in governor.changed["why"]
    governor_quiet = Governor(choice, RunConfig(), clock=lambda: now[0])
    for t in range(64):  # 1.5× slower is within what a run may drift: kept
        now[0] += 0.0012
        governor_quiet.tick(t)
    assert governor_quiet.changed is None


@pytest.mark.skipif(physical_cores() < 2, reason="needs two physical cores to choose between")
def test_auto_under_load_leaves_the_busy_core_alone_and_says_why():
    """A busy program on one core: `auto` trains on the idle cores and records why."""
    from engine.run.train import train

    forget()
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)  # the busy loop has a core
        choices = [train(RunConfig(iterations=100)).device_info["threads_choice"]
                   for _ in range(3)]
    finally:
        busy.kill()
        busy.wait()
        forget()
    assert all(c["threads"] <= physical_cores() - 1 for c in choices), choices
    assert any(c["reason"] == Reason.LOAD and c["other_cores"] > 0.5 for c in choices), choices
    assert any("during the thread calibration" in c["sentence"] for c in choices)


def test_the_slowdown_names_other_programs_only_where_they_were_busy():
    """'iterations took 2.1× the calibrated 0.759 ms; other programs used 0.0 of 2 cores'
    blamed others in the sentence that measured them at zero."""
    quiet = {"slowdown": 2.1, "expected_ms": 0.759, "other_cores": 0.0, "cores": 2}
    busy = {**quiet, "other_cores": 1.2}
    assert slowdown_reason(quiet) == ("iterations took 2.1× the calibrated 0.759 ms; other "
                                      "programs used 0.0 of 2 cores during the run until then, "
                                      "too little to explain it")
    assert slowdown_reason(busy) == ("iterations took 2.1× the calibrated 0.759 ms while other "
                                     "programs used 1.2 of 2 cores during the run until then")


def test_one_cold_iteration_never_calls_the_products_large():
    """A cold pool's first iteration took 32 ms where warm ones took 0.5 ms: 'Trained with 2
    threads: one iteration takes 32 ms' for the Quadratic preset."""
    cold = iter([0.032])

    def step():
        time.sleep(next(cold, 0.0005))

    fastest, samples = fastest_warm_iteration(step)
    assert fastest < LARGE_ITERATION_SECONDS and samples == 2

    def large():
        time.sleep(0.03)

    fastest, samples = fastest_warm_iteration(large)
    assert fastest >= 0.03 and samples == 3


def test_the_large_products_sentence_says_what_it_timed():
    choice = ThreadChoice(2, Reason.LARGE, 2, 0.0, {}, 0.045, 3)
    assert choice.sentence() == ("2 threads: products large enough for every idle core (the "
                                 "fastest of 3 warm iterations took 45 ms)")
    assert ThreadChoice.from_dict(choice.to_dict()) == choice
