"""A QThread for the lecture tools: runs one engine call, reports progress, always ends."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal


class ToolThread(QThread):
    """Runs work(report, stop): `report(item)` emits `progressed`; the result goes out through
    `done`, an exception through `failed`. Signals carry Python objects (no Qt conversion)."""

    progressed = Signal(object)
    done = Signal(object)
    failed = Signal(str, str)

    def __init__(self, work: Callable, parent=None):
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()

    def request_stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._stop)
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.done.emit(result)
