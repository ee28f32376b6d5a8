"""The window's side of the compute process: one job interface for every kind of background work.

`ComputeProcess` owns the process (engine.service.compute_process.serve, started with spawn), the
pipe and the watch on the process's end; it restarts the process after a crash or a forced stop.
`JobRunner` is what a tab uses: start a job, receive its progress, stop it, and learn how it
ended (a result, a refusal, a failure, a crash or a forced stop), with the error dialog.
Nothing here blocks the GUI thread on the process, and no thread is used: the pipe and the
process's sentinel are watched by QSocketNotifiers in the GUI thread's event loop.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import time

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QWidget

from engine.core import language as engine_language
from engine.core.result import Progress
from engine.service.compute_process import Message, MessageAssembler, serve
from engine.service.jobs import EndKind, Job, JobEnd
from gui.language import translate
from session.labels import field_label

READ_BUDGET_SECONDS = 0.01  # at most this long reading messages before painting again
STOP_GRACE_MS = 2000  # a cooperative stop gets this long before the window says so
STOP_FORCE_MS = 4000  # ...and this long before the process is ended without a second Stop
SHUTDOWN_WAIT_SECONDS = 1.0
START_ATTEMPTS = 3  # processes in a row that die before warming up: then stop trying


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_exit(exitcode: int | None) -> str:
    if exitcode is None:
        return translate("compute", "it stopped answering")
    if exitcode < 0:
        try:
            return translate("compute", "signal {name}").format(name=signal.Signals(-exitcode).name)
        except ValueError:
            return translate("compute", "signal {name}").format(name=-exitcode)
    return translate("compute", "exit status {code}").format(code=exitcode)


class ComputeProcess(QObject):
    """The persistent compute process and the pipe to it (one per window)."""

    restarted = Signal(str)  # why: the previous process crashed or was ended

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._runners: dict[int, JobRunner] = {}
        self._process = None
        self._connection = None
        self._notifiers: list[QSocketNotifier] = []
        self._assembler = MessageAssembler()
        self._ending_on_purpose = False
        self._ready = False
        self._failed_starts = 0
        self.start_failure = ""  # why no process could be started, once it gave up
        self.restart_after_end = True
        self.start()

    # --- the process ---------------------------------------------------------------------

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        here, there = context.Pipe(duplex=True)
        self._process = context.Process(target=serve, args=(there, os.getpid()),
                                        name="backprop-lab-compute", daemon=True)
        self._process.start()
        there.close()
        self._connection = here
        self._assembler = MessageAssembler()
        self._ending_on_purpose = False
        self._ready = False
        reader = QSocketNotifier(here.fileno(), QSocketNotifier.Type.Read, self)
        reader.activated.connect(self._on_readable)
        death = QSocketNotifier(self._process.sentinel, QSocketNotifier.Type.Read, self)
        death.activated.connect(self._on_process_end)
        self._notifiers = [reader, death]

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def is_alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def end_now(self) -> None:
        """End the process at once (a job that will not stop); the end is handled as usual."""
        if self._process is not None and self._process.is_alive():
            self._ending_on_purpose = True
            self._process.kill()

    def shutdown(self) -> None:
        """Ask the process to quit, wait a moment, then end it; no restart afterwards."""
        self.restart_after_end = False
        process, connection = self._process, self._connection
        self._drop_notifiers()
        self._process = self._connection = None
        if process is None:
            return
        try:
            connection.send((Message.QUIT,))
        except OSError:
            pass
        process.join(SHUTDOWN_WAIT_SECONDS)
        if process.is_alive():
            process.kill()
            process.join(SHUTDOWN_WAIT_SECONDS)
        connection.close()
        process.close()
        self._runners.clear()  # nobody waits for them: the window is closing

    def _drop_notifiers(self) -> None:
        for notifier in self._notifiers:
            notifier.setEnabled(False)
            notifier.deleteLater()
        self._notifiers = []

    # --- jobs ----------------------------------------------------------------------------

    def submit(self, runner: JobRunner, job) -> int:
        job_id = next(self._ids)
        self._runners[job_id] = runner
        if self._connection is None:  # it could not be started: say so at once
            QTimer.singleShot(0, lambda: self._report_unavailable(job_id))
            return job_id
        try:
            self._connection.send((Message.JOB, job_id, job, engine_language.current()))
        except OSError:
            pass  # the process has just died: its end is reported through the sentinel
        return job_id

    def _report_unavailable(self, job_id: int) -> None:
        runner = self._runners.pop(job_id, None)
        if runner is not None:
            runner.process_ended(self.start_failure or translate("compute", "it is not running"),
                                 forced=False)

    def request_stop(self, job_id: int) -> None:
        try:
            self._connection.send((Message.STOP, job_id))
        except OSError:
            pass

    # --- messages ------------------------------------------------------------------------

    def _on_readable(self, *_socket) -> None:
        """The notifier's slot (it passes the socket, which is not a budget)."""
        self._read()

    def _read(self, budget_seconds: float | None = READ_BUDGET_SECONDS) -> None:
        """Messages waiting in the pipe, for at most `budget_seconds` (None: all of them)."""
        deadline = None if budget_seconds is None else time.perf_counter() + budget_seconds
        connection = self._connection
        while connection is not None and (deadline is None or time.perf_counter() < deadline):
            try:
                if not connection.poll():
                    return
                raw = connection.recv_bytes()
            except (EOFError, OSError):
                if self._notifiers:
                    self._notifiers[0].setEnabled(False)  # the end comes through the sentinel
                return
            message = self._assembler.feed(raw)
            if message is not None:
                self._dispatch(message)

    def _dispatch(self, message: tuple) -> None:
        if message[0] == Message.READY:
            self._ready, self._failed_starts = True, 0
            return
        kind, job_id, *rest = message
        runner = self._runners.get(job_id)
        if runner is None:
            return
        if kind == Message.PROGRESS:
            runner.deliver_progress(rest[0])
            return
        del self._runners[job_id]
        runner.deliver_end(kind, *rest)

    def _on_process_end(self) -> None:
        process = self._process
        if process is None:
            return
        self._read(budget_seconds=None)  # what it sent before it ended: its last progress,
        process.join(SHUTDOWN_WAIT_SECONDS)  # or even its result
        how = describe_exit(process.exitcode)
        on_purpose = self._ending_on_purpose
        if not self._ready and not on_purpose:
            self._failed_starts += 1
            if self._failed_starts >= START_ATTEMPTS:  # its own start fails: do not loop
                self.restart_after_end = False
                self.start_failure = translate("compute", "it died {count} times while starting, "
                                                          "last with {how}; see the terminal for "
                                                          "its error").format(count=START_ATTEMPTS,
                                                                          how=how)
                how = self.start_failure
        self._drop_notifiers()
        self._connection.close()
        process.close()
        self._process = self._connection = None
        runners, self._runners = list(self._runners.values()), {}
        if self.restart_after_end:
            self.start()
            self.restarted.emit(how)
        for runner in runners:
            runner.process_ended(how, forced=on_purpose)


class JobRunner(QObject):
    """Start, progress, stop and end of one tab's jobs. It reports; the tab that listens
    decides what the user sees (its status line, an error dialog)."""

    progressed = Signal(object)
    notice = Signal(str)  # something the user should know while the job runs
    ended = Signal(object)  # JobEnd, always exactly once per started job

    def __init__(self, compute: ComputeProcess, title: str, parent: QWidget):
        super().__init__(parent)
        self.compute = compute
        self.title = title
        self.job = None
        self.job_id: int | None = None
        self.last_progress: Progress | None = None
        self.streamed_losses: list = []
        self._stop_requested_at: float | None = None
        self._grace_timer = QTimer(self, singleShot=True, interval=STOP_GRACE_MS)
        self._grace_timer.timeout.connect(self._on_grace_over)
        self._force_timer = QTimer(self, singleShot=True, interval=STOP_FORCE_MS)
        self._force_timer.timeout.connect(self.force_stop)

    def is_running(self) -> bool:
        return self.job_id is not None

    @property
    def stop_requested(self) -> bool:
        """A Stop was asked for this job (it may still be winding down)."""
        return self._stop_requested_at is not None

    def start(self, job: Job) -> None:
        assert not self.is_running()
        self.job = job
        self.last_progress = None
        self.streamed_losses = []
        self._stop_requested_at = None
        self.job_id = self.compute.submit(self, job)

    def stop(self) -> None:
        """Cooperative first; after the grace period, a second Stop ends the process."""
        if not self.is_running():
            return
        if self._stop_requested_at is None:
            self._stop_requested_at = time.perf_counter()
            self.compute.request_stop(self.job_id)
            self._grace_timer.start()
            self._force_timer.start()
        elif not self._grace_timer.isActive():
            self.force_stop()

    def force_stop(self) -> None:
        if self.is_running():
            self.compute.end_now()

    def _on_grace_over(self) -> None:
        if self.is_running():
            self.notice.emit(translate("compute", "{job} has not stopped after {grace:.0f} s (it "
                                                  "is inside a long iteration, or stuck). Press "
                                                  "Stop again to end the compute process; it ends "
                                                  "by itself {rest:.0f} s later.").format(
                job=capitalized(self.job.describe()), grace=STOP_GRACE_MS / 1000,
                rest=(STOP_FORCE_MS - STOP_GRACE_MS) / 1000))

    # --- from ComputeProcess -------------------------------------------------------------

    def deliver_progress(self, item) -> None:
        if isinstance(item, Progress):
            self.last_progress = item
            self.streamed_losses.append(item.losses)
        self.progressed.emit(item)

    def deliver_end(self, kind: str, *rest) -> None:
        if kind == Message.DONE:
            self._end(JobEnd(EndKind.DONE, result=self.job.incoming(rest[0],
                                                                     self.streamed_losses)))
        elif kind == Message.REFUSED:
            reason, field = rest
            message = f"{field_label(field)}: {reason}" if field else reason
            self._end(JobEnd(EndKind.REFUSED, message, field=field))
        else:
            self._end(JobEnd(EndKind.FAILED, rest[0], details=rest[1]))

    def process_ended(self, how: str, forced: bool) -> None:
        if not self.is_running():
            return
        what = self.job.describe()
        if forced:
            waited = (time.perf_counter() - self._stop_requested_at
                      if self._stop_requested_at is not None else 0.0)
            self._end(JobEnd(EndKind.FORCED, translate("compute", "{job} did not stop by itself; "
                                                                  "the compute process was ended "
                                                                  "after {waited:.1f} s and a "
                                                                  "fresh one started.").format(
                job=capitalized(what), waited=waited)))
            return
        where = ""
        if self.last_progress is not None:
            where = translate("compute", ", at about iteration {t:,} (the last one "
                                         "reported)").format(
                t=self.last_progress.iterations_completed)
        elif self.job.streams_losses:  # a training run that reported nothing yet
            where = translate("compute", ", before its first progress report")
        self._end(JobEnd(EndKind.CRASHED, translate("compute", "The compute process died ({how}) "
                                                               "during {job}{where}. A fresh "
                                                               "compute process has started; the "
                                                               "history is kept.").format(
            how=how, job=what, where=where)))

    def _end(self, end: JobEnd) -> None:
        self._grace_timer.stop()
        self._force_timer.stop()
        self.job_id = None
        self.ended.emit(end)
