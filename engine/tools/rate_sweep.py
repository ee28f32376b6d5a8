"""The learning-rate sweep: final loss against learning rate, where training starts to diverge,
beside the bound 2/λ_max."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from engine.core.config import ConfigError, RunConfig
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.result import Outcome, Status
from engine.core.settings import is_finite_number, is_whole, setting
from engine.numerics.hessian import stability_bound
from engine.run.memory import check_memory
from engine.run.train import check_device, train


@dataclass(frozen=True)
class RateSweepSettings:
    """What the learning-rate sweep runs, beside the run's own settings."""

    lr_min: float = setting(1e-8, QT_TRANSLATE_NOOP("settings", "From"), "--lr-min",
                            QT_TRANSLATE_NOOP("settings", "smallest learning rate of the grid"),
                            "number", widget="lr_sweep_min_input")
    lr_max: float = setting(1e-4, QT_TRANSLATE_NOOP("settings", "To"), "--lr-max",
                            QT_TRANSLATE_NOOP("settings", "largest learning rate of the grid"),
                            "number", widget="lr_sweep_max_input")
    count: int = setting(9, QT_TRANSLATE_NOOP("settings", "Rates"), "--count",
                         QT_TRANSLATE_NOOP("settings", "log-spaced learning rates on the grid; "
                                                       "each trains for the run's "
                                                       "iterations"), "whole",
                         widget="lr_sweep_count_input", window_range=(2, 50))
    tolerance: float = setting(0.01, QT_TRANSLATE_NOOP("settings", "Tolerance"), "--tolerance",
                               QT_TRANSLATE_NOOP("settings", "bisection refines the "
                               "largest rate whose loss fell until it and the next rate whose loss "
                               "did not are this close (relative)"), "number",
                               widget="lr_sweep_tolerance_input", window_range=(0.001, 1.0))

    def __post_init__(self) -> None:
        if not is_finite_number(self.lr_min) or self.lr_min <= 0:
            raise ConfigError("lr_min", translate("rate_sweep", "must be a positive number, got "
                                                  "{value!r}").format(value=self.lr_min))
        if not is_finite_number(self.lr_max) or self.lr_max <= self.lr_min:
            raise ConfigError("lr_max", translate("rate_sweep", "must be a number above the "
                                                  "smallest rate ({smallest:g}), got "
                                                  "{value!r}").format(smallest=self.lr_min,
                                                                      value=self.lr_max))
        if not is_whole(self.count) or self.count < 2:
            raise ConfigError("count", translate("rate_sweep", "must be a whole number of at "
                                                 "least 2, got {value!r}").format(value=self.count))
        if not is_finite_number(self.tolerance) or not 0 < self.tolerance < 1:
            raise ConfigError("tolerance", translate("rate_sweep", "must be a number between 0 "
                                                     "and 1, got {value!r}").format(
                value=self.tolerance))


# λ_max is also measured with N, D_in and H doubled, one at a time, where that is cheap: the
# explanation of why the bound falls with size then rests on this sweep's own numbers.
SIZE_EFFECT_MAX_FLOPS = 200e6  # per iteration, at the doubled size
SIZE_EFFECT_FIELDS = ("n", "d_in", "hidden")
# The two rates either side of the edge are rerun with diagnostics where that is cheap: the
# explanation then says what decided their fate, from their own sharpness.
CONTRAST_MAX_FLOPS = 50e6  # per iteration (the tutorial's: 26.6 MFLOP)


@dataclass
class LearningRatePoint:
    learning_rate: float
    status: Status
    outcome: Outcome | None
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
    largest_stable_lr: float | None = None  # the largest rate whose loss fell (final < initial)
    smallest_unstable_lr: float | None = None  # the smallest above it whose loss did not fall
    smallest_diverging_lr: float | None = None
    lambda_max: float | None = None
    predicted_bound: float | None = None
    size_effect: dict[str, float] = field(default_factory=dict)  # λ_max with a size doubled
    stopped: bool = False
    # The largest rate whose loss fell and the smallest that diverged, rerun with diagnostics:
    # {"survived"/"diverged": {"learning_rate", "sharpness_iterations", "ratios"}}
    contrast: dict[str, dict[str, Any]] = field(default_factory=dict)

    def ordered(self) -> list[LearningRatePoint]:
        return sorted(self.points, key=lambda p: p.learning_rate)

    def best(self) -> LearningRatePoint | None:
        """The rate with the lowest final loss among those that did not diverge."""
        finite = [p for p in self.points if p.outcome != Outcome.DIVERGED
                  and p.final_loss is not None]
        return min(finite, key=lambda p: p.final_loss, default=None)

    def largest_learned(self) -> LearningRatePoint | None:
        """The largest rate whose run learned (its loss fell to near zero)."""
        learned = [p for p in self.points if p.outcome == Outcome.LEARNED]
        return max(learned, key=lambda p: p.learning_rate, default=None)

    def table(self) -> tuple[list[str], list]:
        """CSV: one row per learning rate, in increasing order."""
        rows = [p.to_dict() for p in self.ordered()]
        return (list(rows[0]) if rows else []), [list(r.values()) for r in rows]

    def to_dict(self) -> dict[str, Any]:
        """The numbers; the explanation is added at the edge (engine.words.explain.record_of)."""
        best, learned = self.best(), self.largest_learned()
        return {"config": self.config.to_dict(),
                "points": [p.to_dict() for p in self.ordered()],
                "largest_stable_lr": self.largest_stable_lr,
                "largest_learned_lr": learned.learning_rate if learned else None,
                "smallest_unstable_lr": self.smallest_unstable_lr,
                "smallest_diverging_lr": self.smallest_diverging_lr,
                "lowest_final_loss_lr": best.learning_rate if best else None,
                "lambda_max": self.lambda_max, "predicted_bound": self.predicted_bound,
                "size_effect": dict(self.size_effect), "stopped": self.stopped,
                "contrast": self.contrast}


def size_effect(config: RunConfig) -> dict[str, float]:
    """λ_max with each of N, D_in and H doubled in turn (where that is cheap)."""
    effect = {}
    for name in SIZE_EFFECT_FIELDS:
        doubled = replace(config, **{name: 2 * getattr(config, name)})
        if doubled.flops_per_iteration <= SIZE_EFFECT_MAX_FLOPS:
            effect[name] = stability_bound(doubled).lambda_max
    return effect


def sweep_learning_rates(config: RunConfig, settings: RateSweepSettings = RateSweepSettings(),
                         on_point: Callable[[LearningRatePoint], None] | None = None,
                         stop=None, with_bound: bool = True) -> LearningRateSweep:
    """Train at settings.count log-spaced rates from lr_min to lr_max for config.iterations
    each, then bisect (in log space) between the largest rate whose loss fell (final below
    initial) and the smallest one above it whose loss did not, until they are within
    settings.tolerance (relative) of each other. The layers trained (config.train) are trained
    at every rate, and the bound is that block's."""
    lr_min, lr_max = settings.lr_min, settings.lr_max
    count, tolerance = settings.count, settings.tolerance
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
        fell = [p.learning_rate for p in sweep.points if p.outcome and p.outcome.fell]
        low = max(fell, default=None)
        high = min((p.learning_rate for p in sweep.points
                    if not (p.outcome and p.outcome.fell)
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
    if with_bound and not sweep.stopped and config.flops_per_iteration <= CONTRAST_MAX_FLOPS:
        for name, lr in (("survived", sweep.largest_stable_lr),
                         ("diverged", sweep.smallest_diverging_lr)):
            if lr is None:
                continue
            run = train(replace(config, learning_rate=lr, diagnostics=True), stop=stop)
            d = run.diagnostics or {}
            if run.status == Status.STOPPED or not d.get("sharpness"):
                break
            sweep.contrast[name] = {
                "learning_rate": lr, "sharpness_iterations": list(d["sharpness_iterations"]),
                "ratios": [lr * v for v in d["sharpness"]]}
    return sweep
