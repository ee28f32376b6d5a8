"""The benchmark: the engine against the tutorial loop, on the same data, side by side."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.config import RunConfig
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
    device_info: dict[str, Any] = field(default_factory=dict)

    @property
    def ratios(self) -> list[float]:
        return [e / r for e, r in zip(self.engine_seconds, self.reference_seconds, strict=True)]

    @property
    def median_ratio(self) -> float:
        return statistics.median(self.ratios)

    def to_dict(self) -> dict[str, Any]:
        return {
            "config": self.config.to_dict(),
            "engine_status": self.engine_status,
            "engine_seconds": self.engine_seconds,
            "reference_seconds": self.reference_seconds,
            "ratios": self.ratios,
            "median_engine_seconds": statistics.median(self.engine_seconds),
            "median_reference_seconds": statistics.median(self.reference_seconds),
            "median_ratio": self.median_ratio,
            "engine_gflops": self.config.flops_per_iteration * self.config.iterations
            / statistics.median(self.engine_seconds) / 1e9,
            "device_info": self.device_info,
        }


def bench(config: RunConfig, pairs: int = 5, warm_up: bool = True) -> BenchResult:
    """Engine and reference alternately, `pairs` times, after one untimed round of each."""
    if pairs < 1:
        raise ValueError("pairs must be at least 1")
    check_device(config)
    if warm_up:
        train(config)
        reference_loop_seconds(config)
    result = BenchResult(config)
    for _ in range(pairs):
        run = train(config)
        result.engine_seconds.append(run.loop_seconds)
        result.engine_status = run.status
        result.device_info = run.device_info
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
