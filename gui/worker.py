"""Threads of the window: engine work (a training run, a lecture tool) and the GPU probe, each
off the GUI thread.

Signals emitted here are delivered to slots of GUI-thread objects through queued connections,
so the GUI thread never waits on the engine. Progress arrives batched by the engine (at most
~20 batches a second), never once per iteration. Signals carry Python objects: PySide
converts a dict argument to a QVariantMap element by element, which for a 2,000,000-loss
record stalled the GUI thread for seconds.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from engine import ConfigError, InsufficientMemoryError, RunConfig, train
from engine.devices import GpuStatus, probe_gpu


class WorkerThread(QThread):
    """Runs work(report, stop) once and always ends with exactly one of three signals:
    `done` (the result), `refused` (bad settings or not enough memory, in words) or
    `failed` (an unexpected error: message, traceback)."""

    progressed = Signal(object)
    done = Signal(object)
    refused = Signal(str)
    failed = Signal(str, str)

    def __init__(self, work: Callable, parent=None):
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()

    def request_stop(self) -> None:
        """Cooperative: the engine checks this before every iteration."""
        self._stop.set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._stop)
        except (ConfigError, InsufficientMemoryError) as exc:
            self.refused.emit(str(exc))
        except MemoryError as exc:  # CuPy's OutOfMemoryError is one: the estimate fell short
            self.refused.emit(f"the device ran out of memory ({exc or 'no detail'}); "
                              "try smaller sizes")
        except Exception as exc:  # reported, and the window returns to idle
            self.failed.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.done.emit(result)


def training_work(config: RunConfig) -> Callable:
    """A training run as WorkerThread work: progress batches out, the run record as result."""

    def work(report, stop) -> dict:
        return train(config, on_progress=report, stop=stop).to_dict()

    return work


class GpuProbeThread(QThread):
    """CuPy's first device call can take seconds: never on the GUI thread."""

    probed = Signal(object)  # engine.devices.GpuStatus

    def run(self) -> None:
        try:
            status = probe_gpu()
        except Exception as exc:  # probe_gpu never raises; this is belt and braces
            status = GpuStatus(False, f"probe failed: {exc}")
        self.probed.emit(status)
