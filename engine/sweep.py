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
from engine.result import Outcome, Status
from engine.train import check_device, train

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
                             learning_rate=TIMING_LEARNING_RATE, iterations=100_000,
                             diagnostics=False)
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

# λ_max is also measured with N, D_in and H doubled, one at a time, where that is cheap: the
# explanation of why the bound falls with size then rests on this sweep's own numbers.
SIZE_EFFECT_MAX_FLOPS = 200e6  # per iteration, at the doubled size
SIZE_EFFECT_FIELDS = ("n", "d_in", "hidden")


@dataclass
class LearningRatePoint:
    learning_rate: float
    status: str
    outcome: str | None  # converged, unstable or diverged (engine.result.Outcome)
    initial_loss: float | None
    final_loss: float | None
    diverged_at: int | None
    refined: bool = False  # found by bisection, not on the initial grid

    def to_dict(self) -> dict[str, Any]:
        return {"learning_rate": self.learning_rate, "status": str(self.status),
                "outcome": str(self.outcome) if self.outcome else None,
                "initial_loss": self.initial_loss, "final_loss": self.final_loss,
                "diverged_at": self.diverged_at, "refined": self.refined}


@dataclass
class LearningRateSweep:
    config: RunConfig
    points: list[LearningRatePoint] = field(default_factory=list)
    largest_stable_lr: float | None = None  # the largest rate whose run converged
    smallest_unstable_lr: float | None = None  # the smallest above it that did not converge
    smallest_diverging_lr: float | None = None
    lambda_max: float | None = None
    predicted_bound: float | None = None
    size_effect: dict[str, float] = field(default_factory=dict)  # λ_max with a size doubled
    stopped: bool = False

    def ordered(self) -> list[LearningRatePoint]:
        return sorted(self.points, key=lambda p: p.learning_rate)

    def best(self) -> LearningRatePoint | None:
        """The rate with the lowest final loss among those that did not diverge."""
        finite = [p for p in self.points if p.outcome != Outcome.DIVERGED
                  and p.final_loss is not None]
        return min(finite, key=lambda p: p.final_loss, default=None)

    def to_dict(self) -> dict[str, Any]:
        from engine.explain import explain_sweep

        best = self.best()
        return {"config": self.config.to_dict(),
                "points": [p.to_dict() for p in self.ordered()],
                "largest_stable_lr": self.largest_stable_lr,
                "largest_converged_lr": self.largest_stable_lr,
                "smallest_unstable_lr": self.smallest_unstable_lr,
                "smallest_diverging_lr": self.smallest_diverging_lr,
                "lowest_final_loss_lr": best.learning_rate if best else None,
                "lambda_max": self.lambda_max, "predicted_bound": self.predicted_bound,
                "size_effect": dict(self.size_effect), "stopped": self.stopped,
                "explanation": explain_sweep(self)}


def size_effect(config: RunConfig) -> dict[str, float]:
    """λ_max with each of N, D_in and H doubled in turn (where that is cheap)."""
    effect = {}
    for name in SIZE_EFFECT_FIELDS:
        doubled = replace(config, **{name: 2 * getattr(config, name)})
        if doubled.flops_per_iteration <= SIZE_EFFECT_MAX_FLOPS:
            effect[name] = stability_bound(doubled).lambda_max
    return effect


def sweep_learning_rates(config: RunConfig, lr_min: float = 1e-8, lr_max: float = 1e-4,
                         count: int = 9, tolerance: float = 0.01,
                         on_point: Callable[[LearningRatePoint], None] | None = None,
                         stop=None, with_bound: bool = True) -> LearningRateSweep:
    """Train at `count` log-spaced rates for config.iterations each, then bisect (in log
    space) between the largest converged rate and the smallest one above it that did not
    converge, until they are within `tolerance` (relative) of each other. The layers trained
    (config.train) are trained at every rate, and the bound is that block's."""
    if not (0 < lr_min < lr_max) or count < 2 or tolerance <= 0:
        raise ValueError("need 0 < lr_min < lr_max, count >= 2 and tolerance > 0")
    check_device(config)
    check_memory(config)  # before the Hessian's draw, which is as large as a run's
    sweep = LearningRateSweep(config)
    if with_bound:
        bound = stability_bound(config)
        sweep.lambda_max, sweep.predicted_bound = bound.lambda_max, bound.predicted_bound
        sweep.size_effect = size_effect(config)

    def measure(lr: float, refined: bool) -> LearningRatePoint | None:
        """None when stopped: a run cut short says nothing about its rate."""
        if stop is not None and stop.is_set():
            return None
        run = train(replace(config, learning_rate=lr, diagnostics=False), stop=stop)
        if run.status == Status.STOPPED:
            return None
        point = LearningRatePoint(lr, run.status, run.outcome,
                                  float(run.losses[0]) if len(run.losses) else None,
                                  run.final_loss, run.diverged_at, refined)
        sweep.points.append(point)
        if on_point is not None:
            on_point(point)
        return point

    def bracket() -> tuple[float | None, float | None]:
        converged = [p.learning_rate for p in sweep.points if p.outcome == Outcome.CONVERGED]
        low = max(converged, default=None)
        high = min((p.learning_rate for p in sweep.points if p.outcome != Outcome.CONVERGED
                    and (low is None or p.learning_rate > low)), default=None)
        return low, high

    for lr in np.geomspace(lr_min, lr_max, count):
        if measure(float(lr), refined=False) is None:
            sweep.stopped = True
            break
    low, high = bracket()
    while not sweep.stopped and low is not None and high is not None \
            and high / low > 1 + tolerance:
        if measure(math.sqrt(low * high), refined=True) is None:
            sweep.stopped = True
        low, high = bracket()
    sweep.largest_stable_lr, sweep.smallest_unstable_lr = low, high
    diverged = [p.learning_rate for p in sweep.points if p.outcome == Outcome.DIVERGED]
    sweep.smallest_diverging_lr = min(diverged, default=None)
    return sweep
