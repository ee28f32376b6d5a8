"""RunController against stand-ins: no window, no compute process. A stand-in runner delivers
progress and ends as the compute process would; the views record what they were told."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal

from engine import RunConfig, Status, train
from engine.core.result import Progress
from engine.service.jobs import EndKind, JobEnd, TrainingJob
from gui.run_controller import RunController
from session.history import RunHistory
from tests.conftest import SMALL


class StandInRunner(QObject):
    """What gui.compute.JobRunner gives the controller, without a process."""

    progressed = Signal(object)
    notice = Signal(str)
    ended = Signal(object)

    def __init__(self):
        super().__init__()
        self.jobs, self.stops = [], 0
        self.stop_requested, self.running = False, False
        self.streamed_losses, self.last_progress = [], None

    def start(self, job) -> None:
        self.jobs.append(job)
        self.running, self.stop_requested, self.streamed_losses = True, False, []

    def stop(self) -> None:
        self.stops += 1
        self.stop_requested = True

    def is_running(self) -> bool:
        return self.running

    def report(self, progress: Progress) -> None:
        self.last_progress = progress
        self.streamed_losses.append(progress.losses)
        self.progressed.emit(progress)

    def end(self, end: JobEnd) -> None:
        self.running = False
        self.ended.emit(end)


class View:
    """A view that records every call: (name, args)."""

    def __init__(self, visible: bool = False):
        self.calls: list[tuple[str, tuple]] = []
        self.visible = visible

    def __getattr__(self, name):
        def record(*args, **kwargs):
            self.calls.append((name, args))
        return record

    def setVisible(self, visible: bool) -> None:
        self.visible = visible

    def isVisible(self) -> bool:
        return self.visible

    def named(self, name: str) -> list[tuple]:
        return [args for called, args in self.calls if called == name]


@pytest.fixture
def parts(qapp):
    runner, history = StandInRunner(), RunHistory()
    plot, diagnostics, readout, errors = View(), View(), View(), []
    controller = RunController(runner, history, plot, diagnostics, readout,
                               on_error=lambda end: errors.append(end) or "dialog")
    ended = []
    controller.finished.connect(ended.append)
    return controller, runner, history, plot, diagnostics, readout, errors, ended


def test_a_completed_run_goes_into_the_history_and_its_record_is_the_historys(parts):
    controller, runner, history, plot, _diag, readout, errors, ended = parts
    config = RunConfig(**SMALL, iterations=30)
    assert controller.start(config, repeats=1)
    assert isinstance(runner.jobs[0], TrainingJob) and runner.jobs[0].config == config
    assert plot.named("start_run")[0][1:] == (30, 1)  # the planned iterations, run #1
    result = train(config)
    runner.report(Progress(0, result.losses[:10], 0.01, 10, 30))
    iterations, losses, _elapsed = plot.named("append")[0]
    assert list(iterations) == list(range(10)) and np.array_equal(losses, result.losses[:10])
    runner.end(JobEnd(EndKind.DONE, result=result))
    assert history.numbers() == [1] and history.get(1).result is result
    assert ended == [history.get(1).record()] and ended[0]["run"] == 1
    assert readout.named("show_result") == [(result,)]
    assert readout.named("set_status")[-1][0].startswith("Completed in")
    assert errors == [] and plot.named("discard_run") == []


def test_a_crash_keeps_what_arrived_and_opens_one_error(parts):
    controller, runner, history, plot, _diag, readout, errors, ended = parts
    config = RunConfig(**SMALL, iterations=500)
    controller.start(config, repeats=1)
    losses = train(RunConfig(**SMALL, iterations=40)).losses
    runner.report(Progress(0, losses[:25], 0.02, 25, 500))
    runner.report(Progress(25, losses[25:40], 0.03, 40, 500))
    end = JobEnd(EndKind.CRASHED, "The compute process died")
    runner.end(end)
    assert errors == [end] and controller.error_dialog == "dialog"
    entry = history.get(1)
    assert entry.result.status == Status.CRASHED
    assert np.array_equal(entry.result.losses, losses) and entry.result.loop_seconds == 0.03
    assert ended[0]["status"] == "crashed" and ended[0]["run"] == 1


def test_a_refusal_from_the_process_leaves_no_run_behind(parts):
    controller, runner, history, plot, _diag, readout, errors, ended = parts
    controller.start(RunConfig(**SMALL, device="gpu"), repeats=1)
    runner.end(JobEnd(EndKind.REFUSED, "no NVIDIA GPU found on this machine"))
    assert history.numbers() == [] and plot.named("discard_run") == [()]
    assert ended[0]["status"] == "refused" and "run" not in ended[0]
    assert "no NVIDIA GPU" in readout.named("set_status")[-1][0] and errors == []


def test_the_memory_check_refuses_before_the_runner_starts(parts):
    controller, runner, history, _plot, _diag, readout, _errors, ended = parts
    assert not controller.start(RunConfig(n=10**6, d_in=10**6, hidden=100, d_out=10),
                                repeats=1)
    assert runner.jobs == [] and history.numbers() == []
    assert ended[0]["status"] == "refused" and "memory" in ended[0]["message"]


def test_stop_asks_the_runner_only_while_a_run_goes(parts):
    controller, runner, *_ = parts
    controller.stop()
    assert runner.stops == 0
    controller.start(RunConfig(**SMALL), repeats=1)
    controller.stop()
    controller.stop()
    assert runner.stops == 2  # the second Stop is the runner's to escalate


def test_a_diverged_run_is_marked_on_its_curve_before_it_is_kept(parts):
    controller, runner, history, plot, _diag, _readout, _errors, ended = parts
    config = RunConfig(**SMALL, iterations=400, learning_rate=10.0)
    controller.start(config, repeats=1)
    result = train(config)
    assert result.status == Status.DIVERGED
    runner.end(JobEnd(EndKind.DONE, result=result))
    assert plot.named("mark_divergence") == [(result.diverged_at,)]
    assert history.get(1).result.diverged_at == result.diverged_at
    assert ended[0]["diverged_at"] == result.diverged_at
