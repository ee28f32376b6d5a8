"""The work the window hands to its compute process: one picklable value per kind of job.

Each job runs as `job.run(report, stop)` in the compute process (engine.service.compute_process):
`report` sends a progress item to the window, `stop` is checked cooperatively. What `run`
returns (the engine's own result types) travels back as it is, except that a training run's
losses, already streamed as progress, are left out and put back on arrival.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import numpy as np

from engine.core.config import RunConfig
from engine.core.language import translate
from engine.core.measure import MIN_PAIRS
from engine.core.result import RunResult, Status
from engine.core.target import TargetLoss
from engine.machine.devices import GpuStatus
from engine.run.gpus import probe_gpus
from engine.tools.profile import Profile, ProfileSettings, profile
from engine.tools.race import RaceResult, Target, race
from engine.tools.rate_sweep import LearningRateSweep, RateSweepSettings, sweep_learning_rates
from engine.tools.size_sweep import SizeSweep, SizeSweepSettings, sweep_sizes

Report = Callable[[Any], None]


class EndKind(StrEnum):
    """How a job ended, as the window learns it."""

    DONE = "done"
    REFUSED = "refused"
    FAILED = "failed"
    CRASHED = "crashed"
    FORCED = "forced"  # stopped by ending the process


# A job's end as a run's status (a scripted window exits with it; the run table shows it).
END_STATUS = {EndKind.DONE: Status.COMPLETED, EndKind.REFUSED: Status.REFUSED,
              EndKind.FAILED: Status.FAILED, EndKind.CRASHED: Status.CRASHED,
              EndKind.FORCED: Status.STOPPED}


@dataclass(frozen=True)
class JobEnd:
    """How a job ended: its result when done, the reason otherwise."""

    kind: EndKind
    message: str = ""
    result: Any = None
    details: str = ""  # a failure's traceback
    field: str = ""  # a refusal's setting (a RunConfig field)

    @property
    def status(self) -> Status:
        return END_STATUS[self.kind]

    @property
    def is_error(self) -> bool:
        """Failed or crashed: worth an error dialog, not just a status line."""
        return self.kind in (EndKind.FAILED, EndKind.CRASHED)


def status_sentence(status: Status, message: str) -> str:
    """The status line's words for a job or run that ended without its result: refused,
    failed, crashed, or stopped by force (a message says how); "" for the others."""
    if status == Status.STOPPED and not message:
        return ""
    words = {Status.REFUSED: translate("jobs", "Refused: {message}."),
             Status.FAILED: translate("jobs", "Error: {message}"),
             Status.CRASHED: translate("jobs", "Crashed: {message}"),
             Status.STOPPED: translate("jobs", "Stopped (forced): {message}")}.get(status)
    return words.format(message=message) if words else ""


def end_sentence(end: JobEnd) -> str:
    """The status line's words for a job that did not end with a result ("" when it did)."""
    return "" if end.kind == EndKind.DONE else status_sentence(end.status, end.message)


class Job:
    """What every job offers the compute process and the window: `run(report, stop)` in the
    process, `describe()` for messages, and how its result travels (by default, as it is)."""

    streams_losses = False  # a training run: its losses travel as progress

    def run(self, report: Report, stop) -> Any:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def outgoing(self, result: Any) -> Any:
        """The result as sent from the compute process."""
        return result

    def incoming(self, result: Any, streamed: list[np.ndarray]) -> Any:
        """The result as rebuilt in the window, with the losses streamed as progress."""
        return result


@dataclass(frozen=True)
class TrainingJob(Job):
    """One run of the Training tab; progress items are engine.core.result.Progress batches."""

    streams_losses = True
    config: RunConfig
    repeats: int = 1  # the same run k times: the median loop time, with its spread

    def run(self, report: Report, stop) -> RunResult:
        from engine.run.train import train_repeated

        return train_repeated(self.config, self.repeats, on_progress=report, stop=stop)

    def outgoing(self, result: RunResult) -> RunResult:
        """Without the losses: every one of them has already travelled as progress."""
        return replace(result, losses=np.empty(0))

    def incoming(self, result: RunResult, streamed: list[np.ndarray]) -> RunResult:
        losses = np.concatenate(streamed) if streamed else np.empty(0)
        if len(losses) != result.iterations_completed:
            raise RuntimeError(f"{len(losses)} losses arrived for "
                               f"{result.iterations_completed} iterations")
        return replace(result, losses=losses)

    def describe(self) -> str:
        c = self.config
        return translate("jobs", "the run (N={n} D_in={d_in} H={hidden} D_out={d_out}, lr {lr:g}, "
                                 "{device} {dtype}, seed {seed})").format(
            n=c.n, d_in=c.d_in, hidden=c.hidden, d_out=c.d_out, lr=c.learning_rate,
            device=c.device, dtype=c.dtype, seed=c.seed)


@dataclass(frozen=True)
class RaceJob(Job):
    """The device race; progress items are (lane index, Progress)."""

    config: RunConfig
    targets: tuple[Target, ...]
    repeats: int = MIN_PAIRS  # rounds at least; more until the verdict is settled
    target: TargetLoss | None = None  # the lanes also compared by their time to it
    elsewhere: tuple[str, RunResult] | None = None  # a lane from another machine, beside them

    def run(self, report: Report, stop) -> RaceResult:
        return race(self.config, self.targets, repeats=self.repeats,
                    on_progress=lambda i, p: report((i, p)), stop=stop, target=self.target,
                    elsewhere=self.elsewhere)

    def describe(self) -> str:
        labels = [t.label for t in self.targets] + ([self.elsewhere[0]] if self.elsewhere else [])
        return translate("jobs", "the race ({first} vs "
                                 "{second})").format(first=labels[0], second=labels[1])


@dataclass(frozen=True)
class SizeSweepJob(Job):
    """The size sweep; progress items are SizePoints."""

    config: RunConfig
    settings: SizeSweepSettings

    def run(self, report: Report, stop) -> SizeSweep:
        return sweep_sizes(self.config, self.settings, on_point=report, stop=stop)

    def describe(self) -> str:
        return translate("jobs", "the size sweep ({steps} sizes)").format(steps=self.settings.steps)


@dataclass(frozen=True)
class RateSweepJob(Job):
    """The learning-rate sweep; progress items are LearningRatePoints."""

    config: RunConfig
    settings: RateSweepSettings

    def run(self, report: Report, stop) -> LearningRateSweep:
        return sweep_learning_rates(self.config, self.settings, on_point=report, stop=stop)

    def describe(self) -> str:
        return translate("jobs", "the learning-rate sweep ({low:g} to {high:g})").format(
            low=self.settings.lr_min, high=self.settings.lr_max)


@dataclass(frozen=True)
class ProfileJob(Job):
    """The profile; progress items are ProfileColumns (the run's size, then the scaled one)."""

    config: RunConfig
    settings: ProfileSettings

    def run(self, report: Report, stop) -> Profile:
        return profile(self.config, self.settings, stop=stop, on_column=report)

    def describe(self) -> str:
        return translate("jobs", "the profile (the run's sizes and {scale:g}× them)").format(
            scale=self.settings.scale_by)


@dataclass(frozen=True)
class ProbeJob(Job):
    """Can CuPy, MLX or PyTorch's MPS use a GPU here, and which? (The compute process probes
    CuPy once, at its warm-up.)"""

    def run(self, report: Report, stop) -> GpuStatus:
        return probe_gpus()

    def describe(self) -> str:
        return "the GPU probe"
