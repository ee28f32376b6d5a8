"""Sweeps for the lecture: cost against size (where the GPU starts to win) and final loss
against learning rate (where training starts to diverge, beside the predicted bound)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from engine.config import RunConfig
from engine.devices import probe_gpu
from engine.hessian import stability_bound
from engine.memory import InsufficientMemoryError, check_memory
from engine.result import DIVERGED
from engine.train import train

# A learning rate small enough that no size in a sweep diverges: timing needs finite numbers.
TIMING_LEARNING_RATE = 1e-14
SCALED_FIELDS = ("n", "d_in", "hidden", "d_out")


class TimeBudget:
    """A stop flag that turns on once the loop has run `seconds` (its clock starts at the
    first check, which train() makes just before the first iteration)."""

    def __init__(self, seconds: float, stop=None):
        self.seconds = seconds
        self.started: float | None = None
        self.stop = stop

    def is_set(self) -> bool:
        now = time.perf_counter()
        if self.started is None:
            self.started = now
        return now - self.started >= self.seconds or (self.stop is not None
                                                      and self.stop.is_set())


# --- size sweep ---------------------------------------------------------------------------


@dataclass
class SizePoint:
    step: int
    config: RunConfig
    device: str
    status: str  # "measured" or "skipped"
    seconds_per_iteration: float | None = None
    gflops: float | None = None
    iterations: int = 0
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "device": self.device, "status": self.status,
                "n": self.config.n, "d_in": self.config.d_in, "hidden": self.config.hidden,
                "d_out": self.config.d_out, "flops_per_iteration":
                self.config.flops_per_iteration, "seconds_per_iteration":
                self.seconds_per_iteration, "gflops": self.gflops,
                "iterations": self.iterations, "reason": self.reason}


@dataclass
class SizeSweep:
    points: list[SizePoint] = field(default_factory=list)

    def measured(self, device: str) -> list[SizePoint]:
        return [p for p in self.points if p.device == device and p.status == "measured"]

    def speedups(self) -> list[tuple[SizePoint, float]]:
        """(GPU point, CPU seconds per iteration / GPU's) at each size both measured."""
        cpu = {p.step: p for p in self.measured("cpu")}
        return [(p, cpu[p.step].seconds_per_iteration / p.seconds_per_iteration)
                for p in self.measured("gpu") if p.step in cpu]

    @property
    def crossover(self) -> SizePoint | None:
        """The smallest size at which the GPU is faster than the CPU."""
        return next((p for p, speedup in self.speedups() if speedup > 1), None)

    @property
    def largest_speedup(self) -> tuple[SizePoint, float] | None:
        pairs = self.speedups()
        return max(pairs, key=lambda pair: pair[1]) if pairs else None

    def to_dict(self) -> dict[str, Any]:
        crossover, best = self.crossover, self.largest_speedup
        return {"points": [p.to_dict() for p in self.points],
                "crossover_flops_per_iteration":
                crossover.config.flops_per_iteration if crossover else None,
                "largest_speedup": best[1] if best else None,
                "largest_speedup_flops_per_iteration":
                best[0].config.flops_per_iteration if best else None}


def scaled_config(base: RunConfig, step: int, factor: float, fields) -> RunConfig:
    sizes = {name: max(1, round(getattr(base, name) * factor**step)) for name in fields}
    return replace(base, **sizes)


def sweep_sizes(base: RunConfig, steps: int = 6, factor: float = 2.0,
                fields=("n", "d_in", "hidden"), devices: tuple[str, ...] | None = None,
                budget_seconds: float = 1.0,
                on_point: Callable[[SizePoint], None] | None = None,
                stop=None) -> SizeSweep:
    """Seconds per iteration on each device at base sizes × factor**step, step 0..steps-1.

    Each point trains for about `budget_seconds` of loop time (at least one iteration; the
    GPU's warm-up is in the setup, outside it). A point whose predicted time per iteration
    (from the device's last rate) exceeds the budget tenfold, or that the memory check
    refuses, is skipped: the sweep ends in a predictable time.
    """
    if devices is None:
        devices = ("cpu", "gpu") if probe_gpu().available else ("cpu",)
    sweep = SizeSweep()
    last_rate: dict[str, float] = {}  # FLOP/s measured at the device's previous size
    for step in range(steps):
        for device in devices:
            if stop is not None and stop.is_set():
                return sweep
            config = replace(scaled_config(base, step, factor, fields), device=device,
                             learning_rate=TIMING_LEARNING_RATE, iterations=100_000)
            point = SizePoint(step, config, device, "skipped")
            predicted = (config.flops_per_iteration / last_rate[device]
                         if device in last_rate else 0.0)
            if predicted > 10 * budget_seconds:
                point.reason = (f"predicted {predicted:.1f} s per iteration, over 10× the "
                                f"{budget_seconds:g} s budget")
            else:
                try:
                    check_memory(config)
                    run = train(config, stop=TimeBudget(budget_seconds, stop))
                except InsufficientMemoryError as exc:
                    point.reason = str(exc)
                else:
                    if run.iterations_completed:
                        point.status = "measured"
                        point.iterations = run.iterations_completed
                        point.seconds_per_iteration = run.loop_seconds / run.iterations_completed
                        point.gflops = run.gflops
                        last_rate[device] = run.gflops * 1e9
            sweep.points.append(point)
            if on_point is not None:
                on_point(point)
    return sweep


# --- learning-rate sweep ------------------------------------------------------------------


@dataclass
class LearningRatePoint:
    learning_rate: float
    status: str
    final_loss: float | None
    diverged_at: int | None
    refined: bool = False  # found by bisection, not on the initial grid

    def to_dict(self) -> dict[str, Any]:
        return {"learning_rate": self.learning_rate, "status": self.status,
                "final_loss": self.final_loss, "diverged_at": self.diverged_at,
                "refined": self.refined}


@dataclass
class LearningRateSweep:
    config: RunConfig
    points: list[LearningRatePoint] = field(default_factory=list)
    largest_stable_lr: float | None = None
    smallest_diverging_lr: float | None = None
    lambda_max: float | None = None
    predicted_bound: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"config": self.config.to_dict(),
                "points": [p.to_dict() for p in sorted(self.points,
                                                       key=lambda p: p.learning_rate)],
                "largest_stable_lr": self.largest_stable_lr,
                "smallest_diverging_lr": self.smallest_diverging_lr,
                "lambda_max": self.lambda_max, "predicted_bound": self.predicted_bound}


EXPLANATION = (
    "Gradient descent on a quadratic cannot diverge below 2/λ_max, the predicted bound. "
    "Training can survive a little above it: the loss spikes, the weights move to where the "
    "Hessian is flatter, and the loss recovers. The threshold falls as N, D_in or H grows "
    "because the loss is a sum over N·D_out errors, so its curvature grows with the sizes."
)


def sweep_learning_rates(config: RunConfig, lr_min: float = 1e-8, lr_max: float = 1e-4,
                         count: int = 9, tolerance: float = 0.05,
                         on_point: Callable[[LearningRatePoint], None] | None = None,
                         stop=None, with_bound: bool = True) -> LearningRateSweep:
    """Train at `count` log-spaced rates for config.iterations each, then bisect (in log
    space) between the largest stable and the smallest diverging rate until they are within
    `tolerance` (relative) of each other."""
    if not (0 < lr_min < lr_max) or count < 2 or tolerance <= 0:
        raise ValueError("need 0 < lr_min < lr_max, count >= 2 and tolerance > 0")
    check_memory(config)  # before the Hessian's draw, which is as large as a run's
    sweep = LearningRateSweep(config)
    if with_bound:
        bound = stability_bound(config)
        sweep.lambda_max, sweep.predicted_bound = bound.lambda_max, bound.predicted_bound

    def measure(lr: float, refined: bool) -> LearningRatePoint | None:
        if stop is not None and stop.is_set():
            return None
        run = train(replace(config, learning_rate=lr), stop=stop)
        point = LearningRatePoint(lr, run.status, run.final_loss, run.diverged_at, refined)
        sweep.points.append(point)
        if on_point is not None:
            on_point(point)
        return point

    for lr in np.geomspace(lr_min, lr_max, count):
        if measure(float(lr), refined=False) is None:
            return sweep
    stable = [p.learning_rate for p in sweep.points if p.status != DIVERGED]
    diverged = [p.learning_rate for p in sweep.points if p.status == DIVERGED]
    low = max(stable) if stable else None
    high = min((lr for lr in diverged if low is None or lr > low), default=None)
    while low is not None and high is not None and high / low > 1 + tolerance:
        middle = math.sqrt(low * high)
        point = measure(middle, refined=True)
        if point is None:
            break
        if point.status == DIVERGED:
            high = middle
        else:
            low = middle
    sweep.largest_stable_lr, sweep.smallest_diverging_lr = low, high
    return sweep
