"""What the three lecture tools share: a Run/Stop row, a status line, a thread that ends."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from engine.config import RunConfig
from gui.worker import WorkerThread

ERROR_COLOR, OK_COLOR = "#d62728", "#2ca02c"


class ToolPanel(QWidget):
    """Base of a tool tab. Subclasses build their controls and plots, and give `work`."""

    finished = Signal(object)  # the tool's result (engine object), when it ends normally
    busy_changed = Signal(bool)
    object_prefix = "tool"  # object names: <prefix>_run_button, <prefix>_status_label, ...

    def __init__(self, name: str, config_source: Callable[[], RunConfig | None], parent=None):
        super().__init__(parent)
        self.name = name
        self.config_source = config_source
        self.thread: WorkerThread | None = None
        self.result = None
        self._ended = False
        self.error_dialog: QMessageBox | None = None
        self.run_button = QPushButton(f"Run {name}")
        self.run_button.setObjectName(f"{self.object_prefix}_run_button")
        self.run_button.clicked.connect(self.start)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName(f"{self.object_prefix}_stop_button")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.status_label = QLabel("Uses the settings on the left.")
        self.status_label.setObjectName(f"{self.object_prefix}_status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("font-size: 16px;")

    def button_row(self, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.run_button)
        row.addWidget(self.stop_button)
        return row

    def is_running(self) -> bool:
        return self.thread is not None

    def set_status(self, text: str, color: str = "#000") -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"font-size: 16px; color: {color};")

    # --- to be provided by each tool ---------------------------------------------------

    def prepare(self, config: RunConfig):
        """Check the tool's own controls and clear its plots; return work(report, stop) or
        None (with the reason shown)."""
        raise NotImplementedError

    def on_progress(self, item) -> None:
        raise NotImplementedError

    def on_done(self, result) -> None:
        raise NotImplementedError

    # --- running -------------------------------------------------------------------------

    def start(self) -> bool:
        if self.is_running():
            return False
        config = self.config_source()
        if config is None:
            return False
        work = self.prepare(config)
        if work is None:
            return False
        self.result = None
        self._ended = False  # the work has returned or failed; the thread is winding down
        self.thread = WorkerThread(work, self)
        self.thread.progressed.connect(self.on_progress)
        self.thread.done.connect(self._on_done)
        self.thread.refused.connect(self._on_refused)
        self.thread.failed.connect(self._on_failed)
        self.thread.finished.connect(self._on_thread_finished)
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.busy_changed.emit(True)
        self.thread.start()
        return True

    def stop(self) -> None:
        if self.thread is not None and not self._ended:
            self.thread.request_stop()
            self.set_status("Stopping…")

    def _on_done(self, result) -> None:
        self._ended = True
        self.result = result
        self.on_done(result)

    def _on_refused(self, message: str) -> None:
        self._ended = True
        self.set_status(f"Refused: {message}.", ERROR_COLOR)

    def _on_failed(self, message: str, details: str) -> None:
        self._ended = True
        self.set_status(f"Error: {message}", ERROR_COLOR)
        self.error_dialog = QMessageBox(QMessageBox.Icon.Critical, f"{self.name} failed",
                                        message, parent=self)
        self.error_dialog.setDetailedText(details)
        self.error_dialog.open()

    def _on_thread_finished(self) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.wait()  # `finished` comes from the thread just before it ends
            thread.deleteLater()
        self.stop_button.setEnabled(False)
        self.busy_changed.emit(False)
        if self.result is not None:
            self.finished.emit(self.result)
