"""The device race: one configuration on two or more targets, in turn, from one draw."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from engine.config import GPU_PATHS, ConfigError, RunConfig
from engine.devices import probe_gpu
from engine.measure import Comparison, Spread, compare
from engine.result import Progress, RunResult, Status
from engine.train import train


@dataclass(frozen=True)
class Target:
    """Where a run goes: a label for the audience and the settings that differ."""

    label: str
    device: str = "cpu"
    dtype: str | None = None  # None: the configuration's
    threads: int | str = "auto"
    gpu_path: str | None = None  # None: the configuration's

    def apply(self, config: RunConfig) -> RunConfig:
        """The race times the loop: diagnostics (which multiply its time) stay off."""
        return replace(config, device=self.device, dtype=self.dtype or config.dtype,
                       threads=self.threads, diagnostics=False,
                       gpu_path=self.gpu_path or config.gpu_path)


# What a race can compare (race --compare, the race tab's combo).
COMPARISONS = ("device", "dtype", "gpu-path")
GPU_PATH_LABELS = {"port": "GPU, the tutorial's CuPy port", "fused": "GPU, fused step",
                   "graph": "GPU, CUDA graph"}


def default_targets(compare: str = "device",
                    gpu_available: bool | None = None) -> tuple[Target, ...]:
    """CPU vs GPU where a GPU can be used; else CPU with 1 thread vs all threads.
    compare="dtype": float64 vs float32 (and tf32 on a GPU) on the best device here;
    compare="gpu-path": the three GPU paths (a GPU is needed). `gpu_available`: what a probe
    already said (None: probe now)."""
    gpu = probe_gpu().available if gpu_available is None else gpu_available
    if compare == "gpu-path":
        if not gpu:
            reason = probe_gpu().reason if gpu_available is None else "no GPU can be used here"
            raise ConfigError("compare", f"racing the GPU paths needs a GPU ({reason})")
        return tuple(Target(GPU_PATH_LABELS[path], "gpu", gpu_path=path) for path in GPU_PATHS)
    if compare == "dtype":
        device = "gpu" if gpu else "cpu"
        name = device.upper()
        dtypes = ("float64", "float32", "tf32") if gpu else ("float64", "float32")
        return tuple(Target(f"{name} {dtype}", device, dtype) for dtype in dtypes)
    if gpu:
        return Target("CPU (NumPy)", "cpu"), Target("GPU (CuPy)", "gpu")
    # "All threads" is the calibrated best (engine.threads), not the core count blindly.
    return Target("CPU, 1 thread", threads=1), Target("CPU, best threads", threads="auto")


@dataclass
class Lane:
    """One target: its first repeat's run (the curve) and every repeat's loop time."""

    target: Target
    result: RunResult
    seconds: np.ndarray  # wall-clock seconds into the loop, one per loss (first repeat)
    loop_seconds: list[float] = field(default_factory=list)  # every repeat, in race order

    @property
    def label(self) -> str:
        """The target's label; "best threads" says which count the calibration chose."""
        threads = self.result.device_info.get("threads")
        if self.target.threads == "auto" and self.target.device == "cpu" and threads:
            return f"{self.target.label} ({threads}, calibrated)"
        return self.target.label

    @property
    def timing(self) -> Spread:
        return Spread.of(self.loop_seconds)


@dataclass
class RaceResult:
    lanes: list[Lane] = field(default_factory=list)

    @property
    def comparisons(self) -> list[Comparison]:
        """The first lane's loop time over each other lane's, repeat by repeat (alternated)."""
        return [self._compare(self.lanes[0], lane) for lane in self.lanes[1:]]

    def _compare(self, first: Lane, second: Lane) -> Comparison:
        why = ""
        if first.result.iterations_completed != second.result.iterations_completed:
            why = "; ".join(f"{lane.label} {_ended(lane.result)}" for lane in (first, second))
            why = f"the lanes did not complete the same iterations ({why})"
        return compare((first.label, second.label), first.loop_seconds, second.loop_seconds,
                       why)

    @property
    def comparison(self) -> Comparison:
        """The first lane against the second."""
        return self.comparisons[0]

    @property
    def speedup(self) -> float:
        """The median of first/second per repeat: above 1, the second is faster."""
        comparison = self.comparison
        return comparison.speedup.median if comparison.speedup else float("nan")

    @property
    def largest_relative_difference(self) -> float:
        """Between the first lane's loss curve and each other's, over the iterations both
        completed: the largest."""
        first = self.lanes[0].result.losses
        differences = [0.0]
        for lane in self.lanes[1:]:
            other = lane.result.losses
            common = min(len(first), len(other))
            if common:
                differences.append(float(np.max(np.abs(other[:common] - first[:common])
                                                / np.abs(first[:common]))))
        return max(differences)

    def table(self) -> tuple[list[str], list]:
        """CSV: one row per lane and iteration of the first round."""
        return (["lane", "iteration", "seconds", "loss"],
                [(lane.label, t, lane.seconds[t], lane.result.losses[t])
                 for lane in self.lanes for t in range(len(lane.result.losses))])

    def to_dict(self) -> dict[str, Any]:
        """winner, speedup and verdict: the first lane against the second; `comparisons`:
        the first against each other lane."""
        comparisons = [_comparison_dict(c) for c in self.comparisons]
        return {
            "lanes": [{"label": lane.label, "seconds": lane.seconds.tolist(),
                       "loop_seconds_repeats": lane.loop_seconds,
                       "loop_seconds_spread": lane.timing.to_dict(),
                       **lane.result.to_dict()} for lane in self.lanes],
            **{k: v for k, v in comparisons[0].items() if k != "labels"},
            "comparisons": comparisons,
            "largest_relative_difference": self.largest_relative_difference,
        }


def _comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """Comparison.to_dict without the speedup's samples (the lanes' repeats have them)."""
    record = comparison.to_dict()
    if record["speedup"] is not None:
        record["speedup"] = {k: v for k, v in record["speedup"].items() if k != "samples"}
    return record


def _ended(result: RunResult) -> str:
    if result.status == Status.DIVERGED:
        return f"diverged at iteration {result.diverged_at}"
    return f"{result.status} after {result.iterations_completed} iterations"


def race(config: RunConfig, targets: tuple[Target, ...] | None = None, repeats: int = 3,
         on_progress: Callable[[int, Progress], None] | None = None, stop=None) -> RaceResult:
    """Every target trains `config` (same seed, so the same draw), in turn, `repeats`
    times each: A B A B A B. The first round's progress is reported (tagged by lane) and
    gives the curves; every round's loop times give the lanes' medians and spreads."""
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    result = RaceResult()
    for round_number in range(repeats):
        for index, target in enumerate(targets or default_targets()):
            if stop is not None and stop.is_set() and round_number:
                return result
            def progress(p: Progress, index=index) -> None:
                if on_progress is not None:
                    on_progress(index, p)

            first = round_number == 0
            run = train(target.apply(config), on_progress=progress if first else None,
                        stop=stop)
            if first:
                result.lanes.append(Lane(target, run, run.iteration_seconds(),
                                         [run.loop_seconds]))
            elif run.iterations_completed == result.lanes[index].result.iterations_completed:
                result.lanes[index].loop_seconds.append(run.loop_seconds)
    return result
