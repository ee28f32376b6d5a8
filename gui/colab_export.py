"""File → Export for Colab… and Export as script…: the configured run as a notebook (or a plain
script) that reproduces it on another machine, Colab's free GPU first, and writes the record
that File → Import brings home (engine.tools.notebook)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.core.config import ConfigError, RunConfig
from engine.tools.notebook import (
    RECORD_FILE,
    check_writable,
    next_steps,
    runtime_hint,
    write_notebook,
    write_script,
)
from gui.language import translate
from gui.presentation import follows_window_font
from gui.tool_base import ERROR_COLOR, OK_COLOR


def colab_hint() -> str:
    """The way to see a GPU without one here (the GPU entry's tooltip, the GPU presets)."""
    return translate("colab", "To see a GPU anyway: File → Export for Colab, run it there, "
                              "and import the record.")


def config_of(values: dict[str, Any]) -> RunConfig:
    """The run the settings describe, as the notebook reproduces it (its code, device and
    threads are the notebook's own lanes); ConfigError names a field that does not parse."""
    known = {k: v for k, v in values.items() if k in RunConfig.__dataclass_fields__}
    return RunConfig(**{**known, "code": "numpy", "device": "cpu", "threads": "auto",
                        "dtype": "float32" if known.get("dtype") == "tf32" else
                        known.get("dtype", "float64")})


class ColabDialog(QDialog):
    """What the export does and how to bring the record home, with the two ways to save."""

    def __init__(self, config: RunConfig, parent: QWidget | None = None):
        super().__init__(parent)
        follows_window_font(self)
        self.setObjectName("colab_dialog")
        self.setWindowTitle(translate("colab", "Export for Colab"))
        self.choice = ""
        c = config
        text = QLabel(translate(
            "colab", "<b>See this run on a GPU, from any laptop.</b><br>"
            "The notebook trains {sizes}, learning rate {lr:g}, {iterations:,} iterations, "
            "{dtype}, seed {seed}, from this app's random numbers (checked by a SHA-256; "
            "where Colab's NumPy draws otherwise, it uses the arrays it carries). It runs the "
            "tutorial's NumPy loop on the CPU, then its CuPy port and PyTorch's two listings "
            "on the GPU, timed in alternated rounds.<ol>"
            "<li>Save the notebook, and open it at colab.research.google.com (File → Upload "
            "notebook).</li>"
            "<li>{hint}, then Runtime → Run all.</li>"
            "<li>The last cell downloads {record}: import it here with File → Import. Its "
            "lanes join the run table, marked as from another machine.</li></ol>"
            "No Jupyter there? Save as a script: the same code as one Python file.").format(
            sizes=f"{c.n}×{c.d_in}×{c.hidden}×{c.d_out}", lr=c.learning_rate,
            iterations=c.iterations, dtype=c.dtype, seed=c.seed, hint=runtime_hint(),
            record=RECORD_FILE))
        text.setObjectName("colab_dialog_text")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        for name, label, choice in (
                ("save_notebook_button", translate("colab", "Save notebook…"), "notebook"),
                ("save_script_button", translate("colab", "Save as script…"), "script")):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, chosen=choice: self._choose(chosen))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class ColabExport(QObject):
    """The dialog, the file dialog and the writing (in a worker thread: a draw near the limit
    takes a second to hash and pack), with the status line saying how it went."""

    said = Signal(str, str)  # (text, colour) for the status line, from the worker thread
    written = Signal(bool)  # the file was written (tests wait for it)

    def __init__(self, parent: QWidget, values: Callable[[], dict[str, Any]],
                 set_status: Callable[[str, str], None]):
        super().__init__(parent)
        self.parent_widget, self.values, self.set_status = parent, values, set_status
        self.said.connect(set_status)

    def config(self) -> RunConfig | None:
        try:
            return config_of(self.values())
        except ConfigError as exc:
            self.set_status(translate("colab", "Not exported: {field}: {reason}").format(
                field=exc.field, reason=exc.reason), ERROR_COLOR)
            return None

    def dialog(self, choice: str = "") -> None:
        """Export for Colab… (the dialog first), or Export as script… (`choice` "script")."""
        config = self.config()
        if config is None:
            return
        if not choice:
            box = ColabDialog(config, self.parent_widget)
            if box.exec() != QDialog.DialogCode.Accepted:
                return
            choice = box.choice
        notebook = choice == "notebook"
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget, translate("colab", "Save the notebook") if notebook
            else translate("colab", "Save the script"), "run.ipynb" if notebook else "run.py",
            "Jupyter (*.ipynb)" if notebook else "Python (*.py)")
        if path:
            self.write(config, Path(path), choice)

    def write(self, config: RunConfig, path: Path, choice: str) -> bool:
        """Refuse an unwritable path at once; write the file in a worker thread."""
        try:
            check_writable(path)
        except OSError as exc:
            self._refused(exc)
            return False
        self.set_status(translate("colab", "Writing {file}…").format(file=path.name), OK_COLOR)
        threading.Thread(target=self._write, args=(config, path, choice), daemon=True,
                         name="colab export").start()
        return True

    def _write(self, config: RunConfig, path: Path, choice: str) -> None:
        try:
            (write_notebook if choice == "notebook" else write_script)(config, path)
        except OSError as exc:
            self._refused(exc)
            self.written.emit(False)
            return
        self.said.emit(next_steps(choice, path.name), OK_COLOR)
        self.written.emit(True)

    def _refused(self, exc: OSError) -> None:
        reason = exc.args[0] if len(exc.args) == 1 else exc
        self.said.emit(translate("colab", "Not exported: {reason}").format(reason=reason),
                       ERROR_COLOR)
