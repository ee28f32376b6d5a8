"""`auto` CPU threads, measured where the run will train, and adapted when the machine is busy.

A lecture laptop is never quiet. Two BLAS threads meet once per product, five products an
iteration, and each meeting waits for a thread that another program has pushed off its core:
on 2 cores with one busy program, `--threads 2` runs took 3-17 s where one thread took 0.9 s.
So `auto`:

- warms every candidate pool before timing anything (a cold first step also times the pool's
  start-up, which is slowest exactly when the machine is busy);
- measures how many cores other programs use meanwhile (engine.core.measure.LoadMonitor), and
  offers the run only the idle ones;
- times 1, 2, 4, … threads up to those cores on the run's own arrays, alternately, and keeps
  the fastest median (a larger count must be clearly faster);
- keeps a quiet machine's calibration for the process, per size class;
- and, during the run, drops to one thread when its iterations turn far slower than calibrated
  (`Governor`): the calibration is then forgotten, so that the next run measures again.

More threads than physical cores are never tried, and refused as a setting (`oversubscription`).
"""

from __future__ import annotations

import math
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from threadpoolctl import ThreadpoolController

from engine.core.config import RunConfig
from engine.core.language import translate
from engine.core.measure import BUSY_CORES, LoadMonitor, Spread, load_figure, physical_cores

WARM_SECONDS = 0.015  # untimed steps per candidate count before anything is timed
SAMPLE_SECONDS = 0.008  # each timed sample runs at least this long
ROUNDS = 3  # alternated rounds of samples over the candidate counts (at least)
BUDGET_SECONDS = 0.08  # the timed rounds go on to this, at most 7 rounds
CLEARLY_FASTER = 0.95  # a larger count must be this much faster (median ratio) to win
LARGE_ITERATION_SECONDS = 0.02  # warm iterations this slow: every idle core, untimed
LARGE_SAMPLES = 3  # warm iterations timed, at most, before calling the products large
LARGE_SAMPLES_SECONDS = 0.25  # ... unless they have already taken this long (two at least)
SLOWER_THAN_CALIBRATED = 2.0  # a run's iterations this much slower: drop to one thread
GOVERNOR_WINDOW = 16  # iterations per check of the governor

_calibrated: dict[tuple, ThreadChoice] = {}
_lock = threading.Lock()
_controller: ThreadpoolController | None = None


def oversubscription(threads: int | str) -> str:
    """Why a thread count above the physical cores is refused ("" when it is not above)."""
    cores = physical_cores()
    if threads == "auto" or int(threads) <= cores:
        return ""
    return translate("threads", "{threads} is more than the {cores} physical cores: "
                                "oversubscribed BLAS threads spin, and a run can take many "
                                "times longer (0.3 s took 17-33 s at the tutorial's sizes with 3 "
                                "threads on 2 cores)").format(threads=threads, cores=cores)


def size_class(config: RunConfig) -> tuple:
    """Runs whose work per iteration is within a factor √2 share a calibration."""
    return (config.dtype, config.trains_w1, config.trains_w2,
            round(2 * math.log2(max(config.flops_per_iteration, 1))))


def candidates(cores: int) -> list[int]:
    counts, k = [], 1
    while k < cores:
        counts.append(k)
        k *= 2
    return [*counts, cores]


def idle_cores(cores: int, other_cores: float) -> int:
    """The cores other programs leave free: a program using more than BUSY_CORES of a core
    takes it (a BLAS thread that waits on a shared core waits for the whole time slice)."""
    return max(1, cores - max(0, math.ceil(other_cores - BUSY_CORES)))


def best_count(measured: dict[int, Spread], allowed: int | None = None) -> int:
    """The fewest threads whose median no larger count beats by CLEARLY_FASTER, among the
    counts up to `allowed`."""
    counts = sorted(c for c in measured if allowed is None or c <= allowed) or [1]
    best = counts[0]
    for count in counts[1:]:
        if measured[count].median < CLEARLY_FASTER * measured[best].median:
            best = count
    return best


def controller() -> ThreadpoolController:
    """threadpoolctl's controller of the thread pools loaded in this process, found once."""
    global _controller
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller


def blas_limit(threads: int) -> None:
    """Set the BLAS pools' size for this thread's calls (kept until changed or restored), and
    PyTorch's intra-op pool where a PyTorch code has imported it: a race of codes compares
    code, not thread pools."""
    controller().limit(limits=threads, user_api="blas")
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


class Reason:
    """Why `auto` chose its count (ThreadChoice.reason; plain words in JSON)."""

    SET = "set"  # --threads K: not auto
    ONE_CORE = "one core"
    CALIBRATED = "calibrated"
    CACHED = "calibrated earlier"
    LOAD = "other programs"
    LARGE = "large products"


@dataclass(frozen=True)
class ThreadChoice:
    """How many BLAS threads a CPU run trains with, and why."""

    threads: int
    reason: str
    cores: int = 1
    other_cores: float = 0.0  # other programs' CPU (cores) while `auto` measured
    seconds: dict[int, float] = field(default_factory=dict)  # median s/iteration per count
    iteration_seconds: float = 0.0  # the fastest warm iteration (where that decided)
    warm_samples: int = 0  # how many warm iterations iteration_seconds is the fastest of

    def sentence(self) -> str:
        """'2 threads (calibrated: 1 → 0.41 ms, 2 → 0.29 ms)', or '1 thread: other programs
        used 1.0 of 2 cores during the thread calibration' — the readout's line."""
        count = thread_count(self.threads)
        measured = ", ".join(f"{k} → {1000 * s:.3g} ms" for k, s in sorted(self.seconds.items()))
        if self.reason == Reason.SET:
            return translate("threads", "{count} (set)").format(count=count)
        if self.reason == Reason.ONE_CORE:
            return translate("threads", "{count}: this machine has one physical "
                                        "core").format(count=count)
        if self.reason == Reason.LOAD:
            text = f"{count}: " + load_figure(self.other_cores, "calibration", self.cores)
            return text + (translate("threads", " (calibrated per iteration: {measured})").format(
                measured=measured) if measured else "")
        if self.reason == Reason.LARGE:
            return translate("threads", "{count}: products large enough for every idle core (the "
                                        "fastest of {samples} warm iterations took {ms:.3g} "
                                        "ms)").format(count=count, samples=self.warm_samples,
                                                      ms=1000 * self.iteration_seconds)
        if self.reason == Reason.CACHED:
            return translate("threads", "{count} (calibrated earlier, per iteration: "
                                        "{measured})").format(
                count=count, measured=measured)
        return translate("threads", "{count} (calibrated, per iteration: {measured})").format(
            count=count, measured=measured)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> ThreadChoice:
        return cls(int(record["threads"]), str(record["reason"]), int(record.get("cores", 1)),
                   float(record.get("other_cores", 0.0)),
                   {int(k): float(v) for k, v in record.get("seconds_per_iteration",
                                                            {}).items()},
                   float(record.get("iteration_seconds", 0.0)),
                   int(record.get("warm_samples", 0)))

    def to_dict(self) -> dict[str, Any]:
        return {"threads": self.threads, "reason": self.reason, "cores": self.cores,
                "other_cores": round(self.other_cores, 3),
                "seconds_per_iteration": {str(k): v for k, v in sorted(self.seconds.items())},
                "iteration_seconds": self.iteration_seconds,
                "warm_samples": self.warm_samples,
                "sentence": self.sentence()}


def thread_count(threads: int) -> str:
    """'1 thread', '2 threads', in the current language."""
    return (translate("threads", "{count} thread") if threads == 1
            else translate("threads", "{count} threads")).format(count=threads)


def slowdown_reason(changed: dict[str, Any]) -> str:
    """Why the governor went to one thread, from its numbers (the record's words where it has
    no numbers: a record from an older version)."""
    if "slowdown" not in changed:
        return str(changed.get("why", ""))
    slower = translate("threads", "iterations took {slowdown:.1f}× the calibrated {ms:.3g} "
                                  "ms").format(slowdown=changed["slowdown"],
                                               ms=changed["expected_ms"])
    figure = load_figure(changed["other_cores"], "run", changed["cores"])
    if changed["other_cores"] > BUSY_CORES:
        return translate("threads", "{slower} while {figure}").format(slower=slower,
                                                                     figure=figure)
    return translate("threads", "{slower}; {figure}, too little to explain it").format(
        slower=slower, figure=figure)


def choose(config: RunConfig, step: Callable[[], None]) -> ThreadChoice:
    """The thread count for `config`. `step` runs one iteration on scratch weights (not the
    run's own first iterations). Called in the thread that trains (threadpoolctl's limits are
    per process, meant for the calling thread); leaves the limit at the chosen count."""
    if config.threads != "auto":
        blas_limit(int(config.threads))
        return ThreadChoice(int(config.threads), Reason.SET, physical_cores())
    cores = physical_cores()
    if cores == 1:
        blas_limit(1)
        return ThreadChoice(1, Reason.ONE_CORE, 1)
    key = size_class(config)
    with _lock:
        cached = _calibrated.get(key)
    counts = candidates(cores)
    measured: dict[int, Spread] = {}
    with LoadMonitor() as load:
        blas_limit(counts[-1])
        step()  # the largest pool started (untimed: a cold step also times the start-up)
        once, warm_samples = fastest_warm_iteration(step)
        if once <= LARGE_ITERATION_SECONDS:
            for count in counts:  # every pool warm before anything is timed
                blas_limit(count)
                _run_for(step, WARM_SECONDS)
            if cached is None:
                measured = measure_counts(step, counts)
    idle = idle_cores(cores, load.other_cores)
    seconds = {k: v.median for k, v in measured.items()}
    if cached is not None and cached.threads <= idle:
        choice = ThreadChoice(cached.threads, Reason.CACHED, cores, load.other_cores,
                              cached.seconds, cached.iteration_seconds)
    elif once > LARGE_ITERATION_SECONDS and cached is None:
        choice = ThreadChoice(idle, Reason.LOAD if idle < cores else Reason.LARGE, cores,
                              load.other_cores, {}, once, warm_samples)
    elif idle < cores:
        allowed = best_count(measured, idle) if measured else min(idle, cached.threads)
        choice = ThreadChoice(allowed, Reason.LOAD, cores, load.other_cores,
                              seconds or cached.seconds)
    else:
        threads = best_count(measured)
        choice = ThreadChoice(threads, Reason.CALIBRATED, cores, load.other_cores, seconds,
                              seconds[threads])
        with _lock:  # a quiet machine's calibration is kept for the process
            _calibrated[key] = choice
    blas_limit(choice.threads)
    return choice


def fastest_warm_iteration(step: Callable[[], None]) -> tuple[float, int]:
    """The fastest of a few warm iterations, and how many were timed: one sample that looks
    large is never believed alone (a cold pool's first iterations took 32 ms where warm ones
    took 0.5 ms), so a second and third follow, unless they already took LARGE_SAMPLES_SECONDS."""
    samples = [_timed(step, 1)]
    while min(samples) > LARGE_ITERATION_SECONDS and len(samples) < LARGE_SAMPLES \
            and (len(samples) < 2 or sum(samples) < LARGE_SAMPLES_SECONDS):
        samples.append(_timed(step, 1))
    return min(samples), len(samples)


def measure_counts(step: Callable[[], None], counts: list[int],
                   clock: Callable[[], float] = time.perf_counter) -> dict[int, Spread]:
    """Seconds per iteration at each count, sampled in alternated rounds (1, 2, 4, 1, 2, 4, …)
    so that a slow moment of the machine hits every count alike: at least ROUNDS rounds, until
    BUDGET_SECONDS."""
    per_sample = {}
    for count in counts:
        blas_limit(count)
        once = max(_timed(step, 1), 1e-6)
        per_sample[count] = max(1, math.ceil(SAMPLE_SECONDS / once))
    samples: dict[int, list[float]] = {count: [] for count in counts}
    started = clock()
    rounds = 0
    while rounds < ROUNDS or (clock() - started < BUDGET_SECONDS and rounds < 7):
        for count in counts:
            blas_limit(count)
            samples[count].append(_timed(step, per_sample[count]))
        rounds += 1
    return {count: Spread.of(values) for count, values in samples.items()}


class Governor:
    """Watches a run's iterations and drops to one BLAS thread when they turn far slower than
    calibrated (another program took a core mid-run). Checked every GOVERNOR_WINDOW iterations;
    costs two clock readings per window."""

    def __init__(self, choice: ThreadChoice, config: RunConfig,
                 clock: Callable[[], float] = time.perf_counter):
        self.choice = choice
        self.key = size_class(config)
        self.expected = choice.seconds.get(choice.threads, 0.0)
        self.clock = clock
        self.threads = choice.threads
        self.changed: dict[str, Any] | None = None
        self._window_start = clock()
        self._count = 0
        self._windows: list[float] = []
        self._load = LoadMonitor().__enter__()

    @property
    def active(self) -> bool:
        return self.threads > 1 and self.expected > 0

    def tick(self, t: int) -> None:
        """After iteration t."""
        if self.changed is not None:
            return
        self._count += 1
        if self._count < GOVERNOR_WINDOW:
            return
        now = self.clock()
        per_iteration = (now - self._window_start) / self._count
        self._window_start, self._count = now, 0
        self._windows.append(per_iteration)
        recent = statistics.median(self._windows[-3:])
        if len(self._windows) >= 2 and recent > SLOWER_THAN_CALIBRATED * self.expected:
            self._load.__exit__(None, None, None)
            self.changed = {
                "at_iteration": t + 1, "from": self.threads, "to": 1,
                "slowdown": recent / self.expected, "expected_ms": 1000 * self.expected,
                "other_cores": self._load.other_cores, "cores": self.choice.cores}
            self.changed["why"] = slowdown_reason(self.changed)
            self.threads = 1
            blas_limit(1)
            forget(self.key)


def watch_threads(trainer, t: int) -> None:
    """A CPU trainer's governor (`auto` threads) after iteration t: once it drops to one
    thread, the record says so and the watching ends."""
    governor = trainer.governor
    if governor is None:
        return
    governor.tick(t)
    if governor.changed is not None:
        trainer.device_info["threads_changed"] = governor.changed
        trainer.device_info["threads"] = governor.threads
        trainer.governor = None


def _run_for(step: Callable[[], None], seconds: float) -> None:
    started, done = time.perf_counter(), 0
    while done < 2 or time.perf_counter() - started < seconds:
        step()
        done += 1


def _timed(step: Callable[[], None], iterations: int) -> float:
    started = time.perf_counter()
    for _ in range(iterations):
        step()
    return (time.perf_counter() - started) / iterations


def forget(key: tuple | None = None) -> None:
    """Drop one size class's calibration, or every one (tests)."""
    with _lock:
        if key is None:
            _calibrated.clear()
        else:
            _calibrated.pop(key, None)
