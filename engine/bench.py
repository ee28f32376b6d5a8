"""The benchmark: the engine against the tutorial loop, on the same data, side by side."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.config import RunConfig
from engine.measure import MIN_REPEATS, Comparison, Spread, compare
from engine.problem import draw_problem, to_device
from engine.reference import tutorial_loop
from engine.train import check_device, train


def _array_module(device: str):
    if device == "gpu":
        import cupy

        return cupy
    return np


def _synchronize(xp) -> None:
    if xp is not np:
        xp.cuda.Device().synchronize()


def reference_loop_seconds(config: RunConfig) -> float:
    """Loop time of the tutorial loop on the run's device and dtype (GPU: the straight port)."""
    xp = _array_module(config.device)
    p = to_device(draw_problem(config), config.dtype, xp)
    _synchronize(xp)
    start = time.perf_counter()
    with np.errstate(all="ignore"):
        tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations, xp=xp)
    _synchronize(xp)
    seconds = time.perf_counter() - start
    if xp is not np:
        del p
        xp.get_default_memory_pool().free_all_blocks()
    return seconds


@dataclass
class BenchResult:
    config: RunConfig
    engine_seconds: list[float] = field(default_factory=list)
    reference_seconds: list[float] = field(default_factory=list)
    engine_status: str = ""
    engine_iterations: int = 0  # completed by the engine (the reference always runs them all)
    diverged_at: int | None = None
    timing_notes: list[str] = field(default_factory=list)
    device_info: dict[str, Any] = field(default_factory=dict)

    @property
    def comparison(self) -> Comparison:
        """engine/reference per pair; refused where the two did not do the same work."""
        why = ""
        if self.engine_iterations != self.config.iterations:
            ended = (f"diverged at iteration {self.diverged_at}" if self.diverged_at is not None
                     else f"{self.engine_status} after {self.engine_iterations} iterations")
            why = (f"the engine {ended}, while the tutorial loop runs all "
                   f"{self.config.iterations} (through non-finite losses)")
        return compare(("reference", "engine"), self.reference_seconds, self.engine_seconds,
                       why)

    @property
    def ratios(self) -> list[float]:
        return [e / r for e, r in zip(self.engine_seconds, self.reference_seconds, strict=True)]

    @property
    def median_ratio(self) -> float | None:
        """None where the two did not do the same work (see `comparison`)."""
        return None if self.comparison.speedup is None else statistics.median(self.ratios)

    @property
    def engine_gflops(self) -> float:
        """Over the iterations the engine completed, at its median loop time."""
        return (self.config.flops_per_iteration * self.engine_iterations
                / statistics.median(self.engine_seconds) / 1e9)

    def to_dict(self) -> dict[str, Any]:
        return {
            "config": self.config.to_dict(),
            "engine_status": self.engine_status,
            "engine_iterations": self.engine_iterations,
            "engine_seconds": self.engine_seconds,
            "reference_seconds": self.reference_seconds,
            "ratios": self.ratios if self.median_ratio is not None else None,
            "engine_spread": Spread.of(self.engine_seconds).to_dict(),
            "reference_spread": Spread.of(self.reference_seconds).to_dict(),
            "median_engine_seconds": statistics.median(self.engine_seconds),
            "median_reference_seconds": statistics.median(self.reference_seconds),
            "median_ratio": self.median_ratio,
            "comparison": self.comparison.to_dict(),
            "engine_gflops": self.engine_gflops,
            "timing_notes": self.timing_notes,
            "device_info": self.device_info,
        }


def bench(config: RunConfig, pairs: int = 5, warm_up: bool = True) -> BenchResult:
    """Engine and reference alternately, `pairs` times (at least three: engine.measure's
    rule), after one untimed round of each."""
    if pairs < MIN_REPEATS:
        raise ValueError(f"pairs must be at least {MIN_REPEATS}")
    check_device(config)
    if warm_up:
        train(config)
        reference_loop_seconds(config)
    result = BenchResult(config)
    for _ in range(pairs):
        run = train(config)
        result.engine_seconds.append(run.loop_seconds)
        result.engine_status, result.engine_iterations = run.status, run.iterations_completed
        result.diverged_at = run.diverged_at
        result.device_info = run.device_info
        if run.timing_note:
            result.timing_notes.append(run.timing_note)
        result.reference_seconds.append(reference_loop_seconds(config))
    return result


def matmul_gflops(device: str, dtype: str, size: int, repeats: int = 3) -> float:
    """The rate of one size×size×size matrix product (median of `repeats`, after a warm-up)."""
    xp = _array_module(device)
    rng = np.random.default_rng(1)
    a = xp.asarray(rng.standard_normal((size, size)), dtype=dtype)
    b = xp.asarray(rng.standard_normal((size, size)), dtype=dtype)
    out = xp.empty((size, size), dtype=dtype)
    xp.matmul(a, b, out=out)
    _synchronize(xp)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        xp.matmul(a, b, out=out)
        _synchronize(xp)
        times.append(time.perf_counter() - start)
    del a, b, out
    if xp is not np:
        xp.get_default_memory_pool().free_all_blocks()
    return 2 * size**3 / statistics.median(times) / 1e9
