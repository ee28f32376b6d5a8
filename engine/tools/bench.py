"""The benchmark: the engine against the tutorial loop, on the same data, side by side."""

from __future__ import annotations

import contextlib
import statistics
import time
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from engine.core.config import GPU_PATHS, RunConfig
from engine.core.measure import MIN_REPEATS, Comparison, LoadMonitor, Spread, compare
from engine.core.problem import draw_problem, to_device
from engine.numerics.reference import tutorial_loop
from engine.run.train import check_device, train

ENGINE_GPU_PATHS = tuple(path for path in GPU_PATHS if path != "port")  # port: the reference


def _array_module(device: str):
    if device == "gpu":
        import cupy

        return cupy
    return np


def _products(dtype: str):
    """The context CuPy's products run in: TF32 tensor cores for tf32, else as they are."""
    if dtype != "tf32":
        return contextlib.nullcontext()
    from engine.backends.cuda_step import tf32_products

    return tf32_products()


def _synchronize(xp) -> None:
    if xp is not np:
        xp.cuda.Device().synchronize()


def reference_loop_seconds(config: RunConfig) -> float:
    """Loop time of the tutorial loop on the run's device and dtype (GPU: the straight port),
    training the same layers as the engine."""
    return reference_loop(config)[0]


def reference_loop(config: RunConfig) -> tuple[float, float]:
    """The tutorial loop's loop time and final loss, training the layers `config` trains."""
    xp = _array_module(config.device)
    p = to_device(draw_problem(config), config.storage_dtype, xp)
    _synchronize(xp)
    start = time.perf_counter()
    with np.errstate(all="ignore"), _products(config.dtype):
        losses = tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations,
                               xp=xp, layers=config.layers)
    _synchronize(xp)
    seconds = time.perf_counter() - start
    if xp is not np:
        del p
        xp.get_default_memory_pool().free_all_blocks()
    return seconds, float(losses[-1])


@dataclass
class BenchResult:
    config: RunConfig
    engine_seconds: list[float] = field(default_factory=list)
    reference_seconds: list[float] = field(default_factory=list)
    engine_status: str = ""
    engine_iterations: int = 0  # completed by the engine (the reference always runs them all)
    engine_final_loss: float | None = None  # both train the same layers: these agree
    reference_final_loss: float | None = None
    load: float = 0.0  # other programs' cores during the pairs
    diverged_at: int | None = None
    timing_notes: list[str] = field(default_factory=list)
    device_info: dict[str, Any] = field(default_factory=dict)
    # GPU runs: every engine path's loop times (the configured one's are engine_seconds),
    # and the path each actually ran (graph falls back to fused, saying why).
    path_seconds: dict[str, list[float]] = field(default_factory=dict)
    path_info: dict[str, dict[str, Any]] = field(default_factory=dict)

    def paths(self) -> dict[str, dict[str, Any]]:
        """Per GPU path: its loop times' spread, and its median ratio to the reference's
        (None where it did not do the same work)."""
        table = {}
        for path, seconds in self.path_seconds.items():
            info = self.path_info[path]
            same_work = info["iterations"] == self.config.iterations
            ratios = [e / r for e, r in zip(seconds, self.reference_seconds, strict=True)]
            table[path] = {"spread": Spread.of(seconds).to_dict(),
                           "median_ratio_to_reference": (statistics.median(ratios)
                                                         if same_work else None),
                           **info}
        return table

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
            "engine_final_loss": self.engine_final_loss,
            "reference_final_loss": self.reference_final_loss,
            "load": self.load,
            "timing_notes": self.timing_notes,
            "device_info": self.device_info,
            "gpu_paths": self.paths(),
        }


def bench(config: RunConfig, pairs: int = 5, warm_up: bool = True) -> BenchResult:
    """Engine and reference alternately, `pairs` times (at least three: engine.core.measure's
    rule), after one untimed round of each."""
    if pairs < MIN_REPEATS:
        raise ValueError(f"pairs must be at least {MIN_REPEATS}")
    check_device(config)
    # On a GPU every engine path runs beside the configured one (the port is the reference).
    others = [replace(config, gpu_path=path) for path in ENGINE_GPU_PATHS
              if config.device == "gpu" and path != config.gpu_path]
    if warm_up:
        for each in (config, *others):
            train(each)
        reference_loop_seconds(config)
    result = BenchResult(config)
    with LoadMonitor() as load:
        _pairs(config, others, pairs, result)
    result.load = load.other_cores
    return result


def _pairs(config: RunConfig, others: list[RunConfig], pairs: int, result: BenchResult) -> None:
    for _ in range(pairs):
        run = train(config)
        result.engine_final_loss = run.final_loss
        result.engine_seconds.append(run.loop_seconds)
        result.engine_status, result.engine_iterations = run.status, run.iterations_completed
        result.diverged_at = run.diverged_at
        result.device_info = run.device_info
        if run.timing_note:
            result.timing_notes.append(run.timing_note)
        for each, path_run in [(config, run)] + [(o, train(o)) for o in others]:
            if each.device == "gpu":
                result.path_seconds.setdefault(each.gpu_path, []).append(path_run.loop_seconds)
                result.path_info[each.gpu_path] = {
                    "ran": path_run.device_info.get("gpu_path"),
                    "note": path_run.device_info.get("gpu_path_note", ""),
                    "status": path_run.status, "iterations": path_run.iterations_completed}
        seconds, result.reference_final_loss = reference_loop(config)
        result.reference_seconds.append(seconds)


def matmul_gflops(device: str, dtype: str, size: int, repeats: int = 3) -> float:
    """The rate of one size×size×size matrix product (median of `repeats`, after a warm-up);
    dtype tf32: float32 arrays, TF32 products."""
    xp = _array_module(device)
    rng = np.random.default_rng(1)
    storage = "float32" if dtype == "tf32" else dtype
    a = xp.asarray(rng.standard_normal((size, size)), dtype=storage)
    b = xp.asarray(rng.standard_normal((size, size)), dtype=storage)
    out = xp.empty((size, size), dtype=storage)
    times = []
    with _products(dtype):
        xp.matmul(a, b, out=out)
        _synchronize(xp)
        for _ in range(repeats):
            start = time.perf_counter()
            xp.matmul(a, b, out=out)
            _synchronize(xp)
            times.append(time.perf_counter() - start)
    del a, b, out
    if xp is not np:
        xp.get_default_memory_pool().free_all_blocks()
    return 2 * size**3 / statistics.median(times) / 1e9
