"""The device race: one configuration on two targets, one after the other, from one draw."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from engine.config import RunConfig
from engine.devices import probe_gpu
from engine.result import Progress, RunResult
from engine.train import train


@dataclass(frozen=True)
class Target:
    """Where a run goes: a label for the audience and the settings that differ."""

    label: str
    device: str = "cpu"
    dtype: str | None = None  # None: the configuration's
    threads: int | str = "auto"

    def apply(self, config: RunConfig) -> RunConfig:
        """The race times the loop: diagnostics (which multiply its time) stay off."""
        return replace(config, device=self.device, dtype=self.dtype or config.dtype,
                       threads=self.threads, diagnostics=False)


def default_targets(compare: str = "device",
                    gpu_available: bool | None = None) -> tuple[Target, Target]:
    """CPU vs GPU where a GPU can be used; else CPU with 1 thread vs all threads.
    compare="dtype": float64 vs float32 on the best device here. `gpu_available`: what a
    probe already said (None: probe now)."""
    gpu = probe_gpu().available if gpu_available is None else gpu_available
    if compare == "dtype":
        device = "gpu" if gpu else "cpu"
        name = device.upper()
        return (Target(f"{name} float64", device, "float64"),
                Target(f"{name} float32", device, "float32"))
    if gpu:
        return Target("CPU (NumPy)", "cpu"), Target("GPU (CuPy)", "gpu")
    cores = os.cpu_count() or 1
    return Target("CPU, 1 thread", threads=1), Target(f"CPU, {cores} threads", threads=cores)


@dataclass
class Lane:
    """One target's run and, for each loss, the loop time at which it was known."""

    target: Target
    result: RunResult
    seconds: np.ndarray  # wall-clock seconds into the loop, one per loss


@dataclass
class RaceResult:
    lanes: list[Lane] = field(default_factory=list)

    @property
    def speedup(self) -> float:
        """Loop time of the first lane over the second's: above 1, the second is faster."""
        first, second = (lane.result.loop_seconds for lane in self.lanes)
        return first / second if second > 0 else float("inf")

    @property
    def largest_relative_difference(self) -> float:
        """Between the two loss curves, over the iterations both completed."""
        a, b = (lane.result.losses for lane in self.lanes)
        common = min(len(a), len(b))
        if common == 0:
            return 0.0
        return float(np.max(np.abs(a[:common] - b[:common]) / np.abs(b[:common])))

    def to_dict(self) -> dict[str, Any]:
        return {
            "lanes": [{"label": lane.target.label, "seconds": lane.seconds.tolist(),
                       **lane.result.to_dict()} for lane in self.lanes],
            "speedup": self.speedup,
            "largest_relative_difference": self.largest_relative_difference,
        }


def lane_seconds(checkpoints: list[tuple[int, float]], count: int, loop_seconds: float):
    """Per-iteration times, interpolated between the progress batches' (done, elapsed)."""
    done = np.array([0] + [c[0] for c in checkpoints] + [count], dtype=np.float64)
    elapsed = np.array([0.0] + [c[1] for c in checkpoints] + [loop_seconds])
    return np.interp(np.arange(1, count + 1), done, elapsed)


def race(config: RunConfig, targets: tuple[Target, Target] | None = None,
         on_progress: Callable[[int, Progress], None] | None = None, stop=None) -> RaceResult:
    """Both targets train `config` (same seed, so the same draw); progress is tagged 0 or 1."""
    result = RaceResult()
    for index, target in enumerate(targets or default_targets()):
        checkpoints: list[tuple[int, float]] = []

        def progress(p: Progress, index=index, checkpoints=checkpoints) -> None:
            checkpoints.append((p.iterations_completed, p.elapsed_seconds))
            if on_progress is not None:
                on_progress(index, p)

        run = train(target.apply(config), on_progress=progress, stop=stop)
        seconds = lane_seconds(checkpoints, run.iterations_completed, run.loop_seconds)
        result.lanes.append(Lane(target, run, seconds))
    return result
