"""Threads of the window: the training run and the GPU probe, each off the GUI thread.

Signals emitted here are delivered to slots of GUI-thread objects through queued connections,
so the GUI thread never waits on a run. Progress arrives batched by the engine (at most ~20
batches a second), never once per iteration.
"""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QThread, Signal

from engine import ConfigError, InsufficientMemoryError, RunConfig, train
from engine.devices import GpuStatus, probe_gpu


class TrainingThread(QThread):
    progress = Signal(object)  # engine.Progress
    # object, not dict: PySide converts a dict signal argument to a QVariantMap, element by
    # element, which for a 2,000,000-loss record stalls the GUI thread for seconds.
    finished_run = Signal(object)  # the run record, RunResult.to_dict()
    refused = Signal(str)  # bad settings or not enough memory, in words
    failed = Signal(str, str)  # an unexpected error: message, traceback

    def __init__(self, config: RunConfig, parent=None):
        super().__init__(parent)
        self.config = config
        self._stop = threading.Event()

    def request_stop(self) -> None:
        """Cooperative: the engine checks this before every iteration."""
        self._stop.set()

    def run(self) -> None:
        try:
            result = train(self.config, on_progress=self.progress.emit, stop=self._stop)
        except (ConfigError, InsufficientMemoryError) as exc:
            self.refused.emit(str(exc))
        except MemoryError as exc:  # CuPy's OutOfMemoryError is one: the estimate fell short
            self.refused.emit(f"the device ran out of memory ({exc or 'no detail'}); "
                              "try smaller sizes")
        except Exception as exc:  # reported, and the window returns to idle
            self.failed.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.finished_run.emit(result.to_dict())


class GpuProbeThread(QThread):
    """CuPy's first device call can take seconds: never on the GUI thread."""

    probed = Signal(object)  # engine.devices.GpuStatus

    def run(self) -> None:
        try:
            status = probe_gpu()
        except Exception as exc:  # probe_gpu never raises; this is belt and braces
            status = GpuStatus(False, f"probe failed: {exc}")
        self.probed.emit(status)
