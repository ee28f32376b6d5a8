"""`auto` CPU threads, measured: a short calibration per size class, kept for the process.

Small products lose more to thread start-up than they gain from extra cores, and how much
depends on the machine: so each count from 1, 2, 4, … up to the physical cores times a few
steps on the run's own arrays (scratch copies of its weights), and the fastest median wins;
a count whose spread overlaps a smaller count's, or that is not 5 % faster, loses to it.
More threads than physical cores are never tried: oversubscribed OpenBLAS threads spin
(12-33 s instead of 0.3 s were seen at the tutorial's sizes on 2 cores).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable

import psutil
from threadpoolctl import threadpool_limits

from engine.config import RunConfig
from engine.measure import Spread, repeat

SAMPLE_SECONDS = 0.01  # each timed sample runs at least this long
BUDGET_SECONDS = 0.04  # per candidate count (at least three samples)
CLEARLY_FASTER = 0.95  # a larger count must be this much faster (median ratio) to win
LARGE_ITERATION_SECONDS = 0.02  # one iteration this slow: all the cores, no calibration

_calibrated: dict[tuple, int] = {}
_lock = threading.Lock()


def physical_cores() -> int:
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


def oversubscription(threads: int | str) -> str:
    """Why a thread count above the physical cores is a bad idea ("" when it is not above)."""
    cores = physical_cores()
    if threads == "auto" or int(threads) <= cores:
        return ""
    return (f"{threads} is more than the {cores} physical cores: oversubscribed BLAS threads "
            "spin, and a run can take many times longer (0.3 s took 17-33 s at the tutorial's "
            "sizes with 3 threads on 2 cores)")


def size_class(config: RunConfig) -> tuple:
    """Runs whose work per iteration is within a factor √2 share a calibration."""
    return (config.dtype, config.train, round(2 * math.log2(max(config.flops_per_iteration, 1))))


def candidates(cores: int) -> list[int]:
    counts, k = [], 1
    while k < cores:
        counts.append(k)
        k *= 2
    return [*counts, cores]


def calibrate(config: RunConfig, step: Callable[[], None]) -> tuple[int, dict[int, Spread]]:
    """The thread count for `config` (cached per size class) and what was measured.

    `step` runs one iteration on scratch weights (not the run's own first iterations)."""
    key = size_class(config)
    with _lock:
        if key in _calibrated:
            return _calibrated[key], {}
    counts = candidates(physical_cores())
    measured: dict[int, Spread] = {}
    with threadpool_limits(limits=counts[-1], user_api="blas"):
        started = time.perf_counter()
        step()  # also warms the largest pool up
        if time.perf_counter() - started > LARGE_ITERATION_SECONDS:
            best = counts[-1]  # products this large use every core well
            with _lock:
                _calibrated[key] = best
            return best, measured
    for count in counts:
        with threadpool_limits(limits=count, user_api="blas"):
            step()  # untimed: the pool at this size
            per_sample = _iterations_per_sample(step)
            measured[count] = Spread.of(repeat(lambda n=per_sample: _timed(step, n),
                                               BUDGET_SECONDS))
    best = counts[0]
    for count in counts[1:]:
        here, there = measured[count], measured[best]
        if here.median < CLEARLY_FASTER * there.median and not here.overlaps(there):
            best = count
    with _lock:
        _calibrated[key] = best
    return best, measured


def _iterations_per_sample(step: Callable[[], None]) -> int:
    started = time.perf_counter()
    step()
    once = max(time.perf_counter() - started, 1e-6)
    return max(1, math.ceil(SAMPLE_SECONDS / once))


def _timed(step: Callable[[], None], iterations: int) -> float:
    started = time.perf_counter()
    for _ in range(iterations):
        step()
    return (time.perf_counter() - started) / iterations


def forget() -> None:
    """Drop every calibration (tests)."""
    with _lock:
        _calibrated.clear()
