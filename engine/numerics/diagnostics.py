"""What a run's diagnostics record each iteration: the catapult, measured.

Per iteration t (at the weights before its update): the dead hidden units (h ≤ 0 for every
sample: they pass no gradient back, so their w1 column never changes again), the active
fraction of h, ‖w1‖, ‖w2‖ and ‖grad‖ over the trained layers. The sharpness λ_max(t), the
largest eigenvalue of the trained block's Hessian (engine.numerics.hessian: exact products, Lanczos
warm-started from the previous eigenvector), is computed every iteration while lr·λ_max > 2
or the loss rose in the last few iterations, and otherwise on a sparse schedule that always
includes t = 0 and the last iteration.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from engine.core.config import RunConfig
from engine.numerics.hessian import Curvature, largest_eigenvalue, row_factor

SPARSE_POINTS = 40  # sharpness at about this many evenly spaced iterations, besides the hot ones
HOT_AFTER_RISE = 5  # iterations of dense sharpness after the loss rose
HOT_RATIO = 2.0  # lr·λ_max above this (the bound): sharpness every iteration
PER_ITERATION = ("dead_units", "active_fraction", "w1_norm", "w2_norm", "gradient_norm")


def _host(value) -> float:
    return float(value.get() if hasattr(value, "get") else value)


class Diagnostics:
    """Filled by engine.run.train around each step; `since(k)` gives what is new for progress."""

    def __init__(self, config: RunConfig, xp):
        self.config = config
        self.xp = xp
        self.learning_rate = config.learning_rate
        self.last_iteration = config.iterations - 1
        self.stride = max(1, config.iterations // SPARSE_POINTS)
        self.series: dict[str, list[float]] = {name: [] for name in PER_ITERATION}
        self.sharpness_iterations: list[int] = []
        self.sharpness: list[float] = []
        self.sharpness_backend = "host"
        self._vector = None
        # (engine.numerics.hessian.row_factor of x,), once known
        self._row_factor: tuple | None = None
        self.seconds = 0.0  # the loop time the diagnostics took (the run's loop includes it)
        self._hot_until = -1
        self._norms = (0.0, 0.0)

    # --- around each step ------------------------------------------------------------------

    def before_step(self, t: int, problem, recent_losses: np.ndarray) -> None:
        started = time.perf_counter()
        try:
            self._before_step(t, problem, recent_losses)
        finally:
            self.seconds += time.perf_counter() - started

    def _before_step(self, t: int, problem, recent_losses: np.ndarray) -> None:
        xp = self.xp
        self._norms = (_host(xp.linalg.norm(problem.w1)), _host(xp.linalg.norm(problem.w2)))
        if len(recent_losses) >= 2 and recent_losses[-1] > recent_losses[-2]:
            self._hot_until = t + HOT_AFTER_RISE
        hot = (t <= self._hot_until or (self.sharpness and self.learning_rate
                                         * self.sharpness[-1] > HOT_RATIO))
        if t == 0 or t == self.last_iteration or hot or t % self.stride == 0:
            self.sharpness_iterations.append(t)
            self.sharpness.append(self._measure_sharpness(problem))

    def after_step(self, workspace, trained_gradients) -> None:
        """`trained_gradients`: the trained layers' gradients, scaled by the learning rate."""
        started = time.perf_counter()
        try:
            self._after_step(workspace, trained_gradients)
        finally:
            self.seconds += time.perf_counter() - started

    def _after_step(self, workspace, trained_gradients) -> None:
        xp = self.xp
        active = workspace.h > 0
        hidden = workspace.h.shape[1]
        self.series["dead_units"].append(float(hidden - _host(xp.count_nonzero(
            active.any(axis=0)))))
        self.series["active_fraction"].append(_host(active.mean()))
        self.series["w1_norm"].append(self._norms[0])
        self.series["w2_norm"].append(self._norms[1])
        squares = sum(_host(xp.vdot(g, g)) for g in trained_gradients)
        self.series["gradient_norm"].append(float(np.sqrt(squares)) / self.learning_rate)

    # --- sharpness -------------------------------------------------------------------------

    def _measure_sharpness(self, problem) -> float:
        """λ_max at the problem's weights; NaN where they (or Lanczos) overflowed."""
        from scipy.sparse.linalg import ArpackError

        xp = self.xp
        if not all(bool(xp.isfinite(w).all()) for w in (problem.w1, problem.w2)):
            return float("nan")
        try:
            value = self._lanczos(problem)
        except (ArpackError, FloatingPointError, ValueError):
            self._vector = None
            return float("nan")
        return value if np.isfinite(value) else float("nan")

    def _lanczos(self, problem) -> float:
        p, layers = problem, self.config.layers
        if self.xp is np:
            if self._row_factor is None:  # x never changes: its QR once per run
                self._row_factor = (row_factor(p.x),)
            curvature = Curvature(p.x, p.y, p.w1, p.w2, layers, row_factor=self._row_factor[0])
            probe = curvature(np.ones(curvature.size))
            if not np.isfinite(probe).all():  # weights so large that products overflow
                return float("nan")
            value, self._vector = largest_eigenvalue(curvature, self._vector)
            return value
        if self.sharpness_iterations == [0]:  # a GPU run's first: time both ways, keep the faster
            timings = {}
            for backend in ("device", "host"):
                started = time.perf_counter()
                value, vector = self._sharpness_on(backend, p, layers, None)
                timings[backend] = time.perf_counter() - started
            self.sharpness_backend = min(timings, key=timings.get)
            self._vector = None
            value, self._vector = self._sharpness_on(self.sharpness_backend, p, layers, None)
            return value
        value, self._vector = self._sharpness_on(self.sharpness_backend, p, layers, self._vector)
        return value

    def _sharpness_on(self, backend: str, p, layers, start):
        xp = self.xp if backend == "device" else np
        arrays = [a if backend == "device" else a.get() for a in (p.x, p.y, p.w1, p.w2)]
        return largest_eigenvalue(Curvature(*arrays, layers, xp=xp), start)

    # --- out -------------------------------------------------------------------------------

    def since(self, start: int, stop: int) -> dict[str, Any]:
        """The records of iterations [start, stop), and the sharpness measured at them."""
        chunk = {name: np.asarray(values[start:stop]) for name, values in self.series.items()}
        pairs = [(t, v) for t, v in zip(self.sharpness_iterations, self.sharpness, strict=True)
                 if start <= t < stop]
        chunk["sharpness_iterations"] = np.asarray([t for t, _ in pairs], dtype=np.int64)
        chunk["sharpness"] = np.asarray([v for _, v in pairs])
        return chunk

    def to_dict(self, completed: int) -> dict[str, Any]:
        """JSON-ready, for the iterations the run completed."""
        chunk = self.since(0, completed)
        record = {"iterations": list(range(completed))}
        record.update({name: [float(v) for v in chunk[name]] for name in PER_ITERATION})
        record["sharpness_iterations"] = [int(t) for t in chunk["sharpness_iterations"]]
        record["sharpness"] = [float(v) for v in chunk["sharpness"]]
        record["sharpness_backend"] = self.sharpness_backend
        record["seconds"] = self.seconds
        return record


def catapult_spans(iterations, ratios, losses) -> list[tuple[int, int]]:
    """Runs of measured iterations t where lr·λ_max > 2 and the loss rose (loss[t+1] > loss[t]):
    the steps that overshot. Returned as (first, last) iteration pairs."""
    losses = np.asarray(losses, dtype=np.float64)
    hits = [int(t) for t, r in zip(iterations, ratios, strict=True)
            if r > 2 and t + 1 < len(losses) and losses[t + 1] > losses[t]]
    spans: list[tuple[int, int]] = []
    for t in hits:
        if spans and t == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], t)
        else:
            spans.append((t, t))
    return spans


class Overshoot(StrEnum):
    """What an overshooting span (lr·λ_max > 2, the loss rising) turned out to be."""

    CATAPULT = "catapult"  # lr·λ_max fell below 2 afterwards, and the run went on
    DIVERGING = "diverging"  # it never fell below 2 again: the loss became non-finite
    OVERSHOOTING = "overshooting"  # neither, by the run's end


@dataclass(frozen=True)
class OvershootSpan:
    first: int
    last: int
    kind: Overshoot
    settled_at: int | None = None  # the first measured t after it with lr·λ_max < 2


def overshoot_spans(iterations, ratios, losses, diverged_at: int | None
                    ) -> list[OvershootSpan]:
    """The overshooting spans (catapult_spans), each named by what followed it: a catapult is
    a rise *followed by* lr·λ_max falling below 2; a span after which it never fell below 2
    and the loss became non-finite is diverging, never a catapult."""
    measured = list(zip((int(t) for t in iterations), ratios, strict=True))
    spans = []
    for first, last in catapult_spans(iterations, ratios, losses):
        settled = next((t for t, r in measured if t > last and r < 2), None)
        if settled is not None:
            kind = Overshoot.CATAPULT
        elif diverged_at is not None:
            kind = Overshoot.DIVERGING
        else:
            kind = Overshoot.OVERSHOOTING
        spans.append(OvershootSpan(first, last, kind, settled))
    return spans
