"""The one measuring rule of every comparison in the product (bench, race, size sweep, the
window's repeats): warm up untimed, repeat until a time budget is spent (at least three
times), report the median with its spread (lowest–highest), and compare two things only when
they did the same work, naming a winner only where their spreads do not overlap.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import psutil

MIN_REPEATS = 3
BUSY_CORES = 0.3  # other processes using more than this many cores make timings unreliable


@dataclass(frozen=True)
class Spread:
    """A measurement: the median of its samples and their range."""

    median: float
    low: float
    high: float
    samples: tuple[float, ...]

    @classmethod
    def of(cls, samples: Sequence[float]) -> Spread:
        if not samples:
            raise ValueError("a measurement needs at least one sample")
        values = tuple(float(s) for s in samples)
        return cls(statistics.median(values), min(values), max(values), values)

    def overlaps(self, other: Spread) -> bool:
        return self.low <= other.high and other.low <= self.high

    def to_dict(self) -> dict:
        return {"median": self.median, "low": self.low, "high": self.high,
                "samples": list(self.samples)}

    def format(self, unit: str = " s", digits: int = 3) -> str:
        """'0.251 s (0.245–0.262)'; one sample: '0.251 s'."""
        text = f"{self.median:.{digits}g}{unit}"
        if len(self.samples) > 1:
            text += f" ({self.low:.{digits}g}–{self.high:.{digits}g})"
        return text


def repeat(sample: Callable[[], float], budget_seconds: float,
           min_repeats: int = MIN_REPEATS, max_repeats: int = 100,
           clock: Callable[[], float] = time.perf_counter, stop=None) -> list[float]:
    """Samples of `sample()` (each returns one timed value) until `budget_seconds` of the
    clock have passed, and at least `min_repeats` of them (unless `stop` is set)."""
    samples: list[float] = []
    started = clock()
    while len(samples) < max_repeats:
        if stop is not None and stop.is_set():
            break
        if len(samples) >= min_repeats and clock() - started >= budget_seconds:
            break
        samples.append(sample())
    return samples


@dataclass(frozen=True)
class Comparison:
    """Two lanes' times: `speedup` is first/second (above 1: the second is faster)."""

    labels: tuple[str, str]
    speedup: Spread | None  # None: not compared (see `reason`)
    winner: str | None  # None: no clear winner, or not compared
    reason: str = ""

    @property
    def verdict(self) -> str:
        if self.speedup is None:
            return f"not compared: {self.reason}"
        if self.winner is None:
            return f"no clear winner: {self.reason}"
        factor = self.speedup if self.winner == self.labels[1] else Spread.of(
            [1 / s for s in self.speedup.samples])
        return f"{self.winner} is faster: {factor.format('×')}"

    def to_dict(self) -> dict:
        return {"labels": list(self.labels), "winner": self.winner,
                "speedup": self.speedup.to_dict() if self.speedup else None,
                "verdict": self.verdict}


def compare(labels: tuple[str, str], first: Sequence[float], second: Sequence[float],
            unequal_work: str = "") -> Comparison:
    """Compare two lanes' samples, taken alternately (pair i: first[i], second[i]).

    `unequal_work` says why the lanes did not do the same work (for example "the engine
    diverged at iteration 8"); then there is no ratio at all."""
    if unequal_work:
        return Comparison(labels, None, None, unequal_work)
    pairs = min(len(first), len(second))
    if pairs == 0:
        return Comparison(labels, None, None, "nothing was measured")
    speedup = Spread.of([a / b for a, b in zip(first[:pairs], second[:pairs], strict=True)])
    a, b = Spread.of(first), Spread.of(second)
    if a.overlaps(b):
        return Comparison(labels, speedup, None, "the two spreads of times overlap")
    return Comparison(labels, speedup, labels[1] if b.median < a.median else labels[0])


class LoadMonitor:
    """CPU that other processes used while this one measured (in cores, on average).

    /proc/stat-style counters: the machine's busy time (steal included, a hypervisor's other
    guests) less this process's own. Used as a context manager around a measurement."""

    def __enter__(self) -> LoadMonitor:
        self._start = self._read()
        return self

    def __exit__(self, *exc) -> None:
        self.other_cores = self._load(self._start, self._read())

    @staticmethod
    def _read() -> tuple[float, float, float]:
        times = psutil.cpu_times()
        busy = sum(getattr(times, name, 0.0) for name in (
            "user", "nice", "system", "irq", "softirq", "steal"))
        own = psutil.Process().cpu_times()
        return time.perf_counter(), busy, own.user + own.system

    @staticmethod
    def _load(start, end) -> float:
        wall = end[0] - start[0]
        if wall <= 0:
            return 0.0
        return max(0.0, ((end[1] - start[1]) - (end[2] - start[2])) / wall)

    @property
    def busy(self) -> bool:
        return self.other_cores > BUSY_CORES

    def note(self) -> str:
        """What the readout says when the machine was busy ("" when it was not)."""
        if not self.busy:
            return ""
        return (f"other processes used {self.other_cores:.1f} cores during the measurement: "
                "times are unreliable right now")
