"""The size sweep: seconds per iteration against problem size, per device, with the CPU/GPU
crossover (where the GPU starts to win)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np

from engine.backends.cpu import open_trainer
from engine.core.config import ConfigError, RunConfig
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.measure import MIN_REPEATS, LoadMonitor, Spread, load_sentence, repeat
from engine.core.problem import draw_problem
from engine.core.settings import is_finite_number, is_whole, label_of, setting
from engine.machine.devices import probe_gpu
from engine.run.memory import InsufficientMemoryError, check_memory

# A learning rate small enough that no size in a sweep diverges: timing needs finite numbers.
TIMING_LEARNING_RATE = 1e-14
SCALED_FIELDS = ("n", "d_in", "hidden", "d_out")
MAX_SIZE = 10_000_000  # per size: beyond it no machine here has the memory, and sizes print long
POINT_SAMPLES = 5  # a point's budget is split into about this many timed repeats


@dataclass(frozen=True)
class SizeSweepSettings:
    """What the size sweep runs, beside the run's own settings."""

    steps: int = setting(6, QT_TRANSLATE_NOOP("settings", "Steps"), "--steps",
                         QT_TRANSLATE_NOOP("settings", "sizes in the sweep: step k multiplies the "
                         "scaled sizes by factor^k, starting from the run's settings"), "whole",
                         widget="size_sweep_steps_input", window_range=(1, 12))
    factor: float = setting(2.0, QT_TRANSLATE_NOOP("settings", "Factor"), "--factor",
                            QT_TRANSLATE_NOOP("settings", "growth of each scaled size per step"),
                            "number", widget="size_sweep_factor_input",
                            window_range=(1.1, 10.0))
    scale: tuple[str, ...] = setting(("n", "d_in", "hidden"),
                                     QT_TRANSLATE_NOOP("settings", "Scale"), "--scale",
                                     QT_TRANSLATE_NOOP("settings", "the sizes that grow, from "
                                                                   "n,d_in,hidden,d_out"), "names",
                                     choices=SCALED_FIELDS)
    budget: float = setting(1.0, QT_TRANSLATE_NOOP("settings", "Budget"), "--budget",
                            QT_TRANSLATE_NOOP("settings", "seconds of training per point and "
                            "device (at least three repeats); a point predicted to need over "
                            "10× this is skipped"), "number", widget="size_sweep_budget_input",
                            window_range=(0.05, 60.0))

    def __post_init__(self) -> None:
        if not is_whole(self.steps) or self.steps < 1:
            raise ConfigError("steps", translate("size_sweep", "must be a whole number of at "
                                                 "least 1, got {value!r}").format(value=self.steps))
        if not is_finite_number(self.factor) or self.factor <= 1:
            raise ConfigError("factor", translate("size_sweep", "must be a number above 1, got "
                                                  "{value!r}").format(value=self.factor))
        scale = tuple(self.scale)
        if not scale or any(name not in SCALED_FIELDS for name in scale):
            given = ",".join(map(str, scale)) or translate("size_sweep", "none")
            raise ConfigError("scale", translate("size_sweep", "choose at least one size to "
                                                 "scale, from {sizes}; got {given}").format(
                sizes=",".join(SCALED_FIELDS), given=given))
        object.__setattr__(self, "scale", scale)
        if not is_finite_number(self.budget) or self.budget <= 0:
            raise ConfigError("budget", translate("size_sweep", "must be a positive number of "
                                                  "seconds, got {value!r}").format(
                value=self.budget))



class PointStatus(StrEnum):
    MEASURED = "measured"
    SKIPPED = "skipped"  # see `reason`


@dataclass
class SizePoint:
    step: int
    config: RunConfig
    device: str
    status: PointStatus
    seconds_per_iteration: float | None = None  # the median over the repeats
    low: float | None = None  # the fastest repeat's seconds per iteration
    high: float | None = None  # the slowest's
    repeats: int = 0
    gflops: float | None = None
    iterations: int = 0  # timed iterations, all repeats together
    reason: str = ""
    sizes_shown: bool = True  # False: the config holds the base sizes (the step's overflow)
    load: float | None = None  # other programs' cores while this point was timed

    def to_dict(self) -> dict[str, Any]:
        shown = self.sizes_shown
        return {"step": self.step, "device": self.device, "status": str(self.status),
                "n": self.config.n if shown else None,
                "d_in": self.config.d_in if shown else None,
                "hidden": self.config.hidden if shown else None,
                "d_out": self.config.d_out if shown else None,
                "flops_per_iteration": self.config.flops_per_iteration if shown else None,
                "seconds_per_iteration":
                self.seconds_per_iteration, "low": self.low, "high": self.high,
                "repeats": self.repeats, "gflops": self.gflops,
                "iterations": self.iterations, "reason": self.reason, "load": self.load}


@dataclass
class SizeSweep:
    points: list[SizePoint] = field(default_factory=list)
    stopped: bool = False

    @property
    def load(self) -> float:
        """Other processes' cores during the busiest measured point."""
        return max((p.load for p in self.points if p.load is not None), default=0.0)

    def load_note(self) -> str:
        """The load sentence for the busiest timed point ("" when the machine was quiet)."""
        return load_sentence(self.load, "sweep")

    def measured(self, device: str) -> list[SizePoint]:
        return [p for p in self.points if p.device == device
                and p.status == PointStatus.MEASURED]

    def speedups(self) -> list[tuple[SizePoint, Spread]]:
        """(GPU point, CPU time / GPU time) at each size both measured: the ratio of the
        medians, and the range its repeats allow (CPU's fastest over GPU's slowest, …)."""
        cpu = {p.step: p for p in self.measured("cpu")}
        result = []
        for p in self.measured("gpu"):
            if p.step in cpu:
                c = cpu[p.step]
                median = c.seconds_per_iteration / p.seconds_per_iteration
                result.append((p, Spread(median, c.low / p.high, c.high / p.low, (median,))))
        return result

    @property
    def crossover(self) -> SizePoint | None:
        """The smallest size at which the GPU is faster than the CPU (by the medians)."""
        return next((p for p, speedup in self.speedups() if speedup.median > 1), None)

    @property
    def largest_speedup(self) -> tuple[SizePoint, Spread] | None:
        pairs = self.speedups()
        return max(pairs, key=lambda pair: pair[1].median) if pairs else None

    def table(self) -> tuple[list[str], list]:
        """CSV: one row per point."""
        rows = [p.to_dict() for p in self.points]
        return (list(rows[0]) if rows else []), [list(r.values()) for r in rows]

    def to_dict(self) -> dict[str, Any]:
        crossover, best = self.crossover, self.largest_speedup
        return {"points": [p.to_dict() for p in self.points],
                "load": self.load, "stopped": self.stopped,
                "crossover_flops_per_iteration":
                crossover.config.flops_per_iteration if crossover else None,
                "largest_speedup": ({"median": best[1].median, "low": best[1].low,
                                     "high": best[1].high} if best else None),
                "largest_speedup_flops_per_iteration":
                best[0].config.flops_per_iteration if best else None}


def scaled_sizes(base: RunConfig, step: int, factor: float, fields) -> dict[str, float]:
    """log10 of the sizes at a step: in logarithms, no factor or step can overflow."""
    return {name: math.log10(getattr(base, name)) + (step * math.log10(factor)
                                                     if name in fields else 0.0)
            for name in SCALED_FIELDS}


def format_size(log10_size: float) -> str:
    return f"{10 ** log10_size:.3g}" if log10_size < 300 else f"1e{log10_size:.0f}"


def _measure_point(config: RunConfig, budget_seconds: float,
                   stop) -> tuple[Spread, int] | None:
    """Seconds per iteration: warm (the trainer warms up untimed), then repeats of k
    iterations until the budget is spent, at least three; None when stopped first."""
    problem = draw_problem(config)
    with open_trainer(config, problem) as trainer, np.errstate(all="ignore"):
        del problem
        t = 0

        def timed(iterations: int) -> float:
            """At least `iterations` (a GPU graph replay issues several at once)."""
            nonlocal t
            started, done = time.perf_counter(), 0
            while done < iterations:
                if t == config.iterations:  # the losses buffer is full: start over
                    trainer.rewind()
                    t = 0
                issued = trainer.advance(t)[0]
                t, done = t + issued, done + issued
            trainer.synchronize()
            return (time.perf_counter() - started) / done

        once = timed(1)  # untimed probe of the iteration's cost
        per_sample = max(1, int(budget_seconds / (POINT_SAMPLES * max(once, 1e-9))))
        samples = repeat(lambda: timed(per_sample), budget_seconds, stop=stop)
    return (Spread.of(samples), per_sample) if len(samples) >= MIN_REPEATS else None


def sweep_sizes(base: RunConfig, settings: SizeSweepSettings = SizeSweepSettings(),
                devices: tuple[str, ...] | None = None,
                on_point: Callable[[SizePoint], None] | None = None,
                stop=None) -> SizeSweep:
    """Seconds per iteration on each device at base sizes × factor**step, step 0..steps-1
    (settings.steps, settings.factor; the sizes in settings.scale grow).

    Each point is warm and repeated (engine.core.measure): about settings.budget seconds of timed
    iterations, in at least three repeats of at least one iteration each, reported as a
    median with its spread. A point whose three iterations are predicted (from the device's
    last rate) to exceed the budget tenfold, whose sizes exceed MAX_SIZE, or that the memory
    check refuses, is skipped: the sweep ends in a predictable time.
    """
    steps, factor, fields = settings.steps, settings.factor, settings.scale
    budget_seconds = settings.budget
    if devices is None:
        devices = ("cpu", "gpu") if probe_gpu().available else ("cpu",)
    sweep = SizeSweep()
    last_rate: dict[str, float] = {}  # FLOP/s measured at the device's previous size
    for step in range(steps):
        sizes = scaled_sizes(base, step, factor, fields)
        too_large = [name for name, size in sizes.items() if size > math.log10(MAX_SIZE)]
        if too_large:
            # This step and every later one: said once, and the sweep ends here.
            reason = (", ".join(f"{label_of(RunConfig, n)} would be {format_size(sizes[n])}"
                                for n in too_large)
                      + f" from step {step} on: above the largest size considered "
                      f"({MAX_SIZE:,}); the sweep ends here")
            for device in devices:
                point = SizePoint(step, replace(base, device=device), device, PointStatus.SKIPPED,
                                  reason=reason, sizes_shown=False)
                sweep.points.append(point)
                if on_point is not None:
                    on_point(point)
            return sweep
        config = replace(base, **{name: max(1, round(10 ** size)) for name, size in sizes.items()},
                         learning_rate=TIMING_LEARNING_RATE, iterations=100_000,
                         diagnostics=False)
        for device in devices:
            if stop is not None and stop.is_set():
                return sweep
            point = _sweep_point(step, replace(config, device=device), budget_seconds,
                                 last_rate, stop)
            if point is None:
                return sweep
            sweep.points.append(point)
            if on_point is not None:
                on_point(point)
    return sweep


def _sweep_point(step: int, config: RunConfig, budget_seconds: float,
                 last_rate: dict[str, float], stop) -> SizePoint | None:
    device = config.device
    point = SizePoint(step, config, device, PointStatus.SKIPPED)
    predicted = (MIN_REPEATS * config.flops_per_iteration / last_rate[device]
                 if device in last_rate else 0.0)
    if predicted > 10 * budget_seconds:
        point.reason = (f"predicted {predicted:.1f} s for {MIN_REPEATS} iterations, over 10× "
                        f"the {budget_seconds:g} s budget")
        return point
    try:
        check_memory(config)
        with LoadMonitor() as load:
            measured = _measure_point(config, budget_seconds, stop)
        point.load = load.other_cores
    except InsufficientMemoryError as exc:
        point.reason = str(exc)
        return point
    if measured is None:
        return None  # stopped
    spread, per_sample = measured
    point.status = PointStatus.MEASURED
    point.seconds_per_iteration, point.low, point.high = spread.median, spread.low, spread.high
    point.repeats = len(spread.samples)
    point.iterations = point.repeats * per_sample
    point.gflops = config.flops_per_iteration / spread.median / 1e9
    last_rate[device] = point.gflops * 1e9
    return point
