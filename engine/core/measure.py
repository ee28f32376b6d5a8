"""The one measuring rule of every comparison in the product (bench, race, size sweep, the
window's repeats and the run table's speedup): warm up untimed, repeat (at least three times),
report the median with its spread (lowest–highest), and compare two things only when they did
the same work, from alternated pairs: the per-pair ratios' median with its sign-test interval,
a winner only where that interval excludes 1 (engine.core.measure.settle), so that one slow repeat
cannot turn a verdict. Comparisons go on pair after pair until settled or out of budget.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import psutil

from engine.core.language import QT_TRANSLATE_NOOP, translate

MIN_REPEATS = 3
FAR_FROM_MEDIAN = 3.0  # a repeat this many times its lane's median is named in the verdict
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


MARGIN = 0.05  # an interval around 1 and inside ±5 % settles "no clear winner, within 5 %"
MIN_PAIRS = 7  # fewer alternated pairs settle nothing
MAX_PAIRS = 21  # a comparison still undecided after these is "no clear winner"
CONFIDENCE = 0.95


def ratio_interval(ratios: Sequence[float],
                   confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """The distribution-free interval of the median of paired ratios (the sign test's): the
    order statistics [r_(k+1), r_(n-k)] with the largest k whose two tails of Binomial(n, ½)
    hold at most 1 − confidence. It assumes nothing of the noise's shape, and a single
    outlying pair moves it by one rank at most: from nine pairs on, one outlier is outside it.
    None where the pairs are too few for any interval at this confidence (n < 6 at 95 %)."""
    values = sorted(float(r) for r in ratios)
    n, k, tails = len(values), -1, 0.0
    for j in range(n):
        tails += 2 * math.comb(n, j) / 2**n
        if tails > 1 - confidence:
            break
        k = j
    if k < 0:
        return None
    return values[k], values[n - 1 - k]


class Settled(StrEnum):
    """Where a comparison stands after its pairs."""

    FIRST_SLOWER = "second faster"
    SECOND_SLOWER = "first faster"
    EQUAL = "within noise"  # the interval lies inside ±MARGIN
    UNDECIDED = "undecided"


def settle(ratios: Sequence[float], margin: float = MARGIN,
           min_pairs: int = MIN_PAIRS) -> Settled:
    """The rule: per-pair ratios first/second; a winner where the sign-test interval of their
    median excludes 1; equal where it includes 1 and lies within the margin; otherwise
    undecided (more pairs may settle it)."""
    interval = ratio_interval(ratios)
    if len(ratios) < min_pairs or interval is None:
        return Settled.UNDECIDED
    low, high = interval
    if low > 1:
        return Settled.FIRST_SLOWER
    if high < 1:
        return Settled.SECOND_SLOWER
    if low >= 1 / (1 + margin) and high <= 1 + margin:
        return Settled.EQUAL
    return Settled.UNDECIDED


@dataclass(frozen=True)
class Comparison:
    """Two lanes' times, taken in alternated pairs: `speedup` is first/second per pair (above
    1: the second is faster), `interval` the 95 % interval of its median (None: too few)."""

    labels: tuple[str, str]
    speedup: Spread | None  # None: not compared (see `reason`)
    winner: str | None  # None: no clear winner, or not compared
    reason: str = ""
    interval: tuple[float, float] | None = None
    settled: Settled = Settled.UNDECIDED
    note: str = ""  # what the verdict adds whatever it is (a repeat far from its median)

    @property
    def pairs(self) -> int:
        return len(self.speedup.samples) if self.speedup else 0

    def factor(self) -> str:
        """'1.35× (1.30–1.41, 7 of 7 pairs)': the winner's speedup, the interval of its
        median, and how many pairs agree."""
        ratios = list(self.speedup.samples)
        low, high = self.interval
        if self.winner == self.labels[0]:
            ratios, low, high = [1 / r for r in ratios], 1 / high, 1 / low
        agree = sum(r > 1 for r in ratios)
        return translate("measure", "{median:.3g}× ({low:.3g}–{high:.3g}, {agree} of {pairs} "
                                    "pairs)").format(
            median=statistics.median(ratios), low=low, high=high, agree=agree, pairs=len(ratios))

    @property
    def verdict(self) -> str:
        return self._verdict() + (f"; {self.note}" if self.note else "")

    def _verdict(self) -> str:
        if self.speedup is None:
            return translate("measure", "not compared: {reason}").format(reason=self.reason)
        if self.winner is None:
            return translate("measure", "no clear winner: {reason}").format(reason=self.reason)
        return translate("measure", "{winner} is faster: {factor}").format(winner=self.winner,
                                                                 factor=self.factor()) + (
            f"; {self.reason}" if self.reason else "")

    def to_dict(self) -> dict:
        return {"labels": list(self.labels), "winner": self.winner,
                "speedup": self.speedup.to_dict() if self.speedup else None,
                "interval": list(self.interval) if self.interval else None,
                "settled": self.settled.value, "pairs": self.pairs,
                "verdict": self.verdict}


def compare(labels: tuple[str, str], first: Sequence[float], second: Sequence[float],
            unequal_work: str = "", margin: float = MARGIN) -> Comparison:
    """Compare two lanes' samples, taken alternately (pair i: first[i], second[i]), by the
    per-pair ratios (engine.core.measure.settle).

    `unequal_work` says why the lanes did not do the same work (for example "the engine
    diverged at iteration 8"); then there is no ratio at all."""
    if unequal_work:
        return Comparison(labels, None, None, unequal_work)
    return replace(_compare(labels, first, second, margin),
                   note=far_repeats_note(labels, (first, second)))


def far_repeats_note(labels: Sequence[str], samples: Sequence[Sequence[float]]) -> str:
    """Where a lane's slowest repeat took more than FAR_FROM_MEDIAN × its median, the fact,
    lane by lane ("" where none did): a verdict must not hide a 3.03 s repeat beside a 0.357 s
    median, even when the pairs settle it."""
    notes = []
    for label, times in zip(labels, samples, strict=True):
        if len(times) < MIN_REPEATS:
            continue
        median, slowest = statistics.median(times), max(times)
        if median > 0 and slowest > FAR_FROM_MEDIAN * median:
            notes.append(translate("measure", "one repeat of {lane} took {slowest:.3g} s, "
                                              "{ratio:.1f}× its median {median:.3g} s").format(
                lane=label, slowest=slowest, ratio=slowest / median, median=median))
    return "; ".join(notes)


def _compare(labels: tuple[str, str], first: Sequence[float], second: Sequence[float],
             margin: float) -> Comparison:
    pairs = min(len(first), len(second))
    if pairs == 0:
        return Comparison(labels, None, None, translate("measure", "nothing was measured"))
    ratios = [a / b for a, b in zip(first[:pairs], second[:pairs], strict=True)]
    speedup, interval = Spread.of(ratios), ratio_interval(ratios)
    state = settle(ratios, margin)
    if state == Settled.FIRST_SLOWER:
        return Comparison(labels, speedup, labels[1], "", interval, state)
    if state == Settled.SECOND_SLOWER:
        return Comparison(labels, speedup, labels[0], "", interval, state)
    if state == Settled.EQUAL:
        why = translate("measure", "the times agree within {percent:.0f} % over {pairs} "
                                   "pairs").format(
            percent=100 * margin, pairs=pairs)
    elif pairs < MIN_PAIRS or interval is None:
        why = (translate("measure", "{pairs} pair settles nothing (at least {least})") if pairs == 1
               else translate("measure", "{pairs} pairs settle nothing (at least {least})")).format(
            pairs=pairs, least=MIN_PAIRS)
    else:
        low, high = interval  # of first/second: named, since a tool may print the other way
        why = translate("measure", "the interval of the median ratio {first}/{second}, "
                                   "{low:.3g}–{high:.3g} over {pairs} pairs, includes no "
                                   "difference").format(first=labels[0], second=labels[1],
                                                        low=low, high=high, pairs=pairs)
    return Comparison(labels, speedup, None, why, interval, state)


def duration(seconds: float) -> str:
    """A time as every sentence and table writes it: µs below a millisecond, ms below a
    second, s above (never "2.285e+05 µs")."""
    if abs(seconds) < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if abs(seconds) < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def difference_duration(seconds: float) -> str:
    """A measured difference that should not be negative (the iteration less its lines): below
    zero it is noise, never a negative time."""
    return translate("measure", "within noise") if seconds < 0 else duration(seconds)


def alternate(lanes: Sequence[Callable[[], float]], min_pairs: int = MIN_PAIRS,
              max_pairs: int = MAX_PAIRS, budget_seconds: float = 30.0,
              clock: Callable[[], float] = time.perf_counter, stop=None,
              settled: Callable[[list[list[float]]], bool] | None = None) -> list[list[float]]:
    """Time the lanes in turn (A B A B …), pair after pair, until the first lane's comparison
    with every other is settled (after `min_pairs`), the budget is spent or `max_pairs` are
    done. Each lane is a callable returning its timed seconds; returns each lane's samples."""
    samples: list[list[float]] = [[] for _ in lanes]

    def all_settled() -> bool:
        if settled is not None:
            return settled(samples)
        return all(settle([a / b for a, b in zip(samples[0], other, strict=True)])
                   != Settled.UNDECIDED for other in samples[1:])

    started = clock()
    while len(samples[0]) < max_pairs:
        if stop is not None and stop.is_set():
            break
        if len(samples[0]) >= min_pairs and (all_settled() or
                                             clock() - started >= budget_seconds):
            break
        for lane, into in zip(lanes, samples, strict=True):
            into.append(lane())
    return samples


class LoadMonitor:
    """CPU that other processes used while this one measured (in cores, on average).

    /proc/stat-style counters: the machine's busy time (steal included, a hypervisor's other
    guests) less this process's own. Used as a context manager around a measurement."""

    other_cores = 0.0

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

    def note(self, interval: str = "loop") -> str:
        """The load sentence for what this monitor watched ("" when the machine was quiet)."""
        return load_sentence(self.other_cores, interval)


# The intervals a load figure covers; each sentence names its own (translated where shown).
LOAD_INTERVALS = {
    "loop": QT_TRANSLATE_NOOP("load", "the training loop"),
    "calibration": QT_TRANSLATE_NOOP("load", "the thread calibration"),
    "pairs": QT_TRANSLATE_NOOP("load", "the pairs"),
    "race": QT_TRANSLATE_NOOP("load", "the race"),
    "lane": QT_TRANSLATE_NOOP("load", "its runs"),
    "run": QT_TRANSLATE_NOOP("load", "the run until then"),
    "sweep": QT_TRANSLATE_NOOP("load", "the busiest timed point"),
    "profile": QT_TRANSLATE_NOOP("load", "the profile"),
}


def physical_cores() -> int:
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


def load_figure(other_cores: float, interval: str, cores: int | None = None) -> str:
    """What was measured, labelled with the interval it covers: "other programs used 1.0 of
    2 cores during the race"."""
    return translate("load", "other programs used {other:.1f} of {cores} cores during "
                             "{interval}").format(
        other=other_cores, cores=cores or physical_cores(),
        interval=translate("load", LOAD_INTERVALS[interval]))


def load_sentence(other_cores: float | None, interval: str, cores: int | None = None) -> str:
    """The one sentence every tool prints for a busy CPU, "" where other programs used no more
    than BUSY_CORES: "CPU busy: other programs used 1.0 of 2 cores during the race, so these
    times are not the quiet machine's"."""
    if other_cores is None or other_cores <= BUSY_CORES:
        return ""
    return translate("load", "CPU busy: {figure}, so these times are not the quiet "
                             "machine's").format(figure=load_figure(other_cores, interval, cores))
