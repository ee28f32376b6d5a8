"""The life of a training run in the window: start it in the compute process, show its progress
at display rate, stop it, and turn every way it can end into a result kept in the history."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from engine.core.config import RunConfig
from engine.core.measure import Spread
from engine.core.result import Outcome, RunResult, Status
from engine.numerics.diagnostics import Overshoot, OvershootSpan, overshoot_spans
from engine.run.memory import InsufficientMemoryError, check_memory
from engine.service.jobs import EndKind, JobEnd, TrainingJob, status_sentence
from engine.words.explain import explain_run
from gui.diagnostics_plot import OVERSHOOT_BRUSHES
from gui.language import translate
from gui.loss_plot import VISIBLE_LIMIT
from gui.tool_base import ERROR_COLOR, OK_COLOR, WARN_COLOR
from session.history import KEPT_LOSSES, KEPT_RUNS, RunHistory, RunRecord

# The clock ticks at 11 Hz; the other figures change every third tick. Every repaint during a
# run takes CPU from the run itself (on 2 cores, from one of its two BLAS threads).
DISPLAY_INTERVAL_MS = 90
STATS_EVERY_TICKS = 3
# The plot redraws at display rate when painting is cheap, and less often when it is not:
# on a 2-core laptop the GUI thread's painting competes with the BLAS threads of the run, so
# its share of one core is held near GUI_CPU_SHARE.
GUI_CPU_SHARE = 0.03
PLOT_INTERVAL_RANGE = (DISPLAY_INTERVAL_MS / 1000, 1.0)
# The first run of a window starts at this interval (a redraw of the plot costs ~10 ms of CPU
# on a 2-core laptop, so 0.3 s keeps it near GUI_CPU_SHARE); later runs start where the
# previous one's adaptation left it, so that a short run is never drawn at the fastest rate
# before the window has learnt what a redraw costs.
FIRST_PLOT_INTERVAL = 0.3


# What the controller needs of the window: small views, so that it is tested against stand-ins
# without a window or a compute process (tests/gui/test_run_controller.py).


class Runner(Protocol):
    """A job's runner (gui.compute.JobRunner): its signals progressed(item), notice(text) and
    ended(JobEnd), and what arrived before a crash."""

    progressed: Any
    notice: Any
    ended: Any
    stop_requested: bool
    streamed_losses: list
    last_progress: Any

    def start(self, job) -> None: ...
    def stop(self) -> None: ...
    def is_running(self) -> bool: ...


class RunPlot(Protocol):
    """The live loss plot (gui.loss_plot.LossPlot): it grows the current run's curve, and
    takes it over when the history adds that run."""

    def start_run(self, label: str, iterations: int = 0, number: int = 0) -> None: ...
    def append(self, iterations, losses, elapsed: float | None = None) -> None: ...
    def redraw(self) -> None: ...
    def mark_divergence(self, iteration: int) -> None: ...
    def mark_span(self, first: int, last: int, label: str, brush) -> None: ...
    def discard_run(self) -> None: ...


class DiagnosticsView(Protocol):
    """The diagnostics panel under the plot (gui.diagnostics_plot.DiagnosticsPlot)."""

    def clear(self, learning_rate: float, hidden: int) -> None: ...
    def setVisible(self, visible: bool) -> None: ...
    def isVisible(self) -> bool: ...
    def append(self, diagnostics: dict) -> None: ...
    def redraw(self) -> None: ...
    def show_result(self, result: RunResult) -> None: ...


class ReadoutView(Protocol):
    """The wall clock, the status line and the explanation (gui.readout.Readout)."""

    def reset(self) -> None: ...
    def set_status(self, text: str, color: str = "#000") -> None: ...
    def show_elapsed(self, seconds: float) -> None: ...
    def show_progress(self, done: int, total: int, seconds: float, loss: float | None,
                      flops_per_iteration: int) -> None: ...
    def show_result(self, result: RunResult) -> None: ...
    def show_explanation(self, text: str) -> None: ...


class RunController(QObject):
    """Start, progress, stop and end of the Training tab's runs."""

    # The run record (a mapping, as the engine writes it, with its run number where it
    # trained: session.history.RunRecord) of every run that was started: completed, stopped,
    # diverged, refused, failed, crashed.
    finished = Signal(object)

    def __init__(self, runner: Runner, history: RunHistory, plot: RunPlot,
                 diagnostics_plot: DiagnosticsView, readout: ReadoutView,
                 on_error: Callable[[JobEnd], Any] | None = None,
                 repaint: Callable[[], None] | None = None, parent: QObject | None = None):
        """on_error(end) shows a failed or crashed run's error (the window opens a dialog;
        what it returns is kept as error_dialog); repaint() paints the "running" state at
        once, before the run competes with the window for the cores."""
        super().__init__(parent)
        self.history, self.plot, self.readout = history, plot, readout
        self.diagnostics_plot = diagnostics_plot
        self.runner = runner
        self.runner.progressed.connect(self._on_progress)
        self.runner.notice.connect(lambda text: self.readout.set_status(text, WARN_COLOR))
        self.runner.ended.connect(self._on_run_ended)
        self.error_dialog = None  # what on_error gave for the last run that failed or crashed
        self._on_error = on_error
        self._repaint = repaint
        self._number = 0  # the current run's number
        self._runs_numbered = 0
        self._run_config: RunConfig | None = None
        self._loop_started: float | None = None  # when the run's loop began, on this clock
        self._last_progress = None
        self._plot_interval = FIRST_PLOT_INTERVAL
        self._last_plot = (0.0, 0.0)
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(DISPLAY_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh_display)

    def is_running(self) -> bool:
        return self.runner.is_running()

    def next_number(self) -> int:
        """The session's next run number (runs and imported records share the count)."""
        self._runs_numbered += 1
        return self._runs_numbered

    def start(self, config: RunConfig, repeats: int) -> bool:
        """Start a run (its settings already valid); False where the memory check refuses it
        here (the record says so, as any refusal's does)."""
        self._run_config = config
        if config.device == "cpu":
            try:
                check_memory(config)  # quick for the CPU; a GPU run checks in the process
            except InsufficientMemoryError as exc:
                self._finish_run(RunResult.not_run(config, Status.REFUSED, str(exc)))
                return False
        self._last_progress = None
        self._number = number = self.next_number()
        self.plot.start_run(translate("run_controller", "#{number} running: lr {lr:g}, {device} "
                                                        "{dtype}").format(
            number=number, lr=config.learning_rate, device=config.device, dtype=config.dtype),
            config.iterations, number)
        self.readout.reset()
        self.diagnostics_plot.clear(config.learning_rate, config.hidden)
        self.diagnostics_plot.setVisible(config.diagnostics)
        self.readout.set_status(translate("run_controller", "Running {iterations:,} iterations on "
                                                            "the {device}…").format(
            iterations=config.iterations, device=config.device.upper()))
        self.runner.start(TrainingJob(config, repeats))
        # Paint the "running" state now, before the run competes with the window for the
        # cores: a full repaint during the loop would take CPU from the run.
        if self._repaint is not None:
            self._repaint()
        self._loop_started = None
        self._last_plot = (time.perf_counter(), time.thread_time())
        self._ticks = 0
        self._timer.start()
        return True

    def stop(self) -> None:
        """Cooperative first; a run that has not stopped after a grace period is ended with
        its compute process."""
        if self.is_running():
            if not self.runner.stop_requested:
                self.readout.set_status("Stopping…")
            self.runner.stop()

    # --- while it runs ---------------------------------------------------------------------

    def _on_progress(self, progress) -> None:
        if self._loop_started is None:
            self._loop_started = time.perf_counter() - progress.elapsed_seconds
        self.plot.append(progress.iterations, progress.losses, progress.elapsed_seconds)
        if progress.diagnostics is not None:
            self.diagnostics_plot.append(progress.diagnostics)
        self._last_progress = progress

    def refresh_display(self) -> None:
        if not self.is_running():
            self.plot.redraw()
            return
        now = time.perf_counter()
        # One clock during the run and after it: the loop's. Its start is known from the first
        # progress batch (its arrival less the loop time it reports), so the live clock never
        # counts the setup, and the final loop time does not jump back below it.
        self.readout.show_elapsed(now - self._loop_started if self._loop_started else 0.0)
        last_wall, last_cpu = self._last_plot
        if now - last_wall >= self._plot_interval:
            cpu = time.thread_time()
            share = (cpu - last_cpu) / (now - last_wall)
            low, high = PLOT_INTERVAL_RANGE
            self._plot_interval = min(high, max(low, self._plot_interval * share / GUI_CPU_SHARE))
            self.plot.redraw()
            if self.diagnostics_plot.isVisible():
                self.diagnostics_plot.redraw()
            self._last_plot = (now, cpu)
        self._ticks += 1
        p = self._last_progress
        stats_due = self._ticks % STATS_EVERY_TICKS == 0
        if p is not None and self._run_config is not None and stats_due:
            loss = float(p.losses[-1]) if len(p.losses) else None
            config = self._run_config
            self.readout.show_progress(p.iterations_completed, p.iterations_total,
                                       p.elapsed_seconds, loss,
                                       0 if config.diagnostics else config.flops_per_iteration)

    # --- how it ended ------------------------------------------------------------------------

    def _on_run_ended(self, end: JobEnd) -> None:
        """Every way a run can end becomes a result: the engine's, or one made here from what
        arrived before a crash or a forced stop."""
        config = self._run_config
        if end.kind == EndKind.DONE:
            result = end.result
        elif end.kind in (EndKind.REFUSED, EndKind.FAILED):
            result = RunResult.not_run(config, end.status, end.message)
        else:  # crashed or forced: keep what the run reported before its process ended
            runner = self.runner
            losses = (np.concatenate(runner.streamed_losses) if runner.streamed_losses
                      else np.empty(0))
            p = runner.last_progress
            result = RunResult.cut_short(config, end.status, losses,
                                         p.elapsed_seconds if p is not None else 0.0,
                                         end.message)
        if end.is_error and self._on_error is not None:
            self.error_dialog = self._on_error(end)
        self._timer.stop()
        self._finish_run(result)

    def _finish_run(self, result: RunResult) -> None:
        """The run's marks on its curve, then the run into the history (the plot, the table
        and the legend follow it), then the words: its record is the history's."""
        status, dropped = result.status, []
        record = None  # the history's record of the run (its lists made only when read)
        if result.iterations_completed:
            self.plot.redraw()
            if status == Status.DIVERGED:
                self.plot.mark_divergence(result.diverged_at)
            self._show_diagnostics(result)
            dropped = self.history.add(self._number, result)
            self.history.show_at_most(VISIBLE_LIMIT)
            entry = self.history.get(self._number)
            record = RunRecord(entry) if entry is not None else None
            self.readout.show_result(result)
        else:
            self.plot.discard_run()
            self.readout.reset()
        self.readout.set_status(*status_line(result))
        if dropped:
            self.readout.set_status(translate("run_controller", "History full ({runs} runs or "
                                                                "{losses:,} losses "
                                                              "kept): dropped {dropped}").format(
                runs=KEPT_RUNS, losses=KEPT_LOSSES, dropped=", ".join(f"#{n}" for n in dropped)),
                WARN_COLOR)
        self.refresh_display()
        self.finished.emit(record if record is not None else result.to_dict())

    def _show_diagnostics(self, result: RunResult) -> None:
        """The finished run's diagnostics panel, catapult marks and written explanation."""
        self.readout.show_explanation(explain_run(result))
        diagnostics = result.diagnostics
        self.diagnostics_plot.setVisible(bool(diagnostics))
        if not diagnostics:
            return
        self.diagnostics_plot.show_result(result)
        lr = result.config.learning_rate
        spans = overshoot_spans(diagnostics["sharpness_iterations"],
                                [lr * v for v in diagnostics["sharpness"]], result.losses,
                                result.diverged_at)
        labelled = set()
        for span in spans:  # the first span of each kind says what the shading means
            self.plot.mark_span(span.first, span.last,
                                "" if span.kind in labelled else overshoot_words(span),
                                OVERSHOOT_BRUSHES[span.kind])
            labelled.add(span.kind)


def overshoot_words(span: OvershootSpan) -> str:
    """What a shaded span was, from what followed it
    (engine.numerics.diagnostics.overshoot_spans)."""
    if span.kind == Overshoot.CATAPULT:
        return translate("run_controller", "catapult: lr·λ_max > 2, loss rising, then below 2 "
                                           "from t = {t}").format(t=span.settled_at)
    if span.kind == Overshoot.DIVERGING:
        return translate("run_controller", "diverging: lr·λ_max > 2, loss rising, never below 2 "
                                           "again")
    return translate("run_controller", "lr·λ_max > 2, loss rising, not below 2 again by the "
                                       "run's end")


def status_line(result: RunResult) -> tuple[str, str]:
    """The readout's status line for a finished run, and its colour: amber where other
    programs used the CPU while it was timed."""
    status = result.status
    busy = translate("run_controller", ", while other programs used the "
                                       "CPU") if result.timing_note else ""
    done = WARN_COLOR if busy else OK_COLOR
    if status == Status.COMPLETED and len(result.repeat_seconds) > 1:
        spread = Spread.of(result.repeat_seconds)
        return (translate("run_controller", "Completed in {time}: the median of {count} "
                                            "repeats{busy}").format(
            time=spread.format(), count=len(spread.samples), busy=busy), done)
    if status == Status.COMPLETED and result.outcome == Outcome.UNSTABLE:
        return (translate("run_controller", "Completed in {seconds:.3f} s, unstable: the loss "
                                            "ended above where "
                                          "it began. Lower the learning rate.{busy}").format(
            seconds=result.loop_seconds, busy=busy), WARN_COLOR)
    if status == Status.COMPLETED:
        return (translate("run_controller", "Completed in {seconds:.3f} s{busy}").format(
            seconds=result.loop_seconds, busy=busy), done)
    if status == Status.DIVERGED:
        return (translate("run_controller", "Diverged at iteration {t}: the loss became "
                                            "non-finite. Lower the "
                                          "learning rate (÷10).").format(t=result.diverged_at),
                ERROR_COLOR)
    if status == Status.STOPPED and not result.message:
        return (translate("run_controller", "Stopped after {iterations:,} iterations "
                                            "({seconds:.3f} s)").format(
            iterations=result.iterations_completed, seconds=result.loop_seconds), WARN_COLOR)
    # refused, failed, crashed, or stopped by force: the one wording of such ends
    return (status_sentence(status, result.message),
            WARN_COLOR if status == Status.STOPPED else ERROR_COLOR)
