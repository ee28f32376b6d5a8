"""What the three lecture tools share: a Run/Stop row, a status line, and a job runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from engine.core.config import ConfigError, RunConfig
from engine.core.settings import Setting, defaults_of, format_default, label_of, settings_of
from engine.service.jobs import EndKind, JobEnd, end_sentence
from engine.words.explain import record_of
from gui.compute import ComputeProcess, JobRunner
from gui.dialogs import open_error_dialog
from gui.export import export_tool
from gui.language import follow_language, translate

ERROR_COLOR, OK_COLOR, WARN_COLOR = "#d62728", "#2ca02c", "#b8860b"


def declared_control(cls, field: str) -> tuple[QLabel, QWidget]:
    """A tool's control for a declared setting (engine.core.settings): its label, objectName,
    tooltip and default; a spin box where the declaration gives a window range."""
    declared = settings_of(cls)[field]
    default = defaults_of(cls)[field]
    if declared.window_range is not None and declared.kind == "whole":
        control: QWidget = QSpinBox()
        control.setRange(*(int(v) for v in declared.window_range))
        control.setValue(default)
    elif declared.window_range is not None:
        control = QDoubleSpinBox()
        control.setDecimals(3 if declared.window_range[0] < 0.01 else 2)
        control.setRange(*declared.window_range)
        control.setValue(default)
    else:
        control = QLineEdit(format_default(default))
        # Room for a value such as 1e-08 at any window size; the row squeezes the rest first.
        control.setMinimumWidth(control.fontMetrics().horizontalAdvance("1.25e-08") + 16)
        control.setMaximumWidth(90)
    control.setObjectName(declared.widget)
    return declared_label(declared, control), control


def declared_label(declared: Setting, *controls: QWidget) -> QLabel:
    """A declared setting's label: its title, and its help as the tooltip of the label and of
    its controls, in the window's language, written again after every switch."""
    label = QLabel()

    def show_texts() -> None:
        label.setText(declared.title)
        for widget in (label, *controls):
            widget.setToolTip(declared.sentence)

    show_texts()
    follow_language(label, show_texts)
    return label


def declared_settings(cls, values: dict) -> tuple[object | None, str]:
    """An instance of a declared settings class, or None and the refusal in the window's
    words ("Factor: must be a number above 1, got 0.5")."""
    try:
        return cls(**values), ""
    except ConfigError as exc:
        return None, f"{label_of(cls, exc.field)}: {exc.reason}"


class ToolPanel(QWidget):
    """Base of a tool tab. Subclasses build their controls and plots, and give the job."""

    finished = Signal(object)  # the tool's result (engine object), when it ends normally
    ended = Signal(object)  # JobEnd, however it ended
    busy_changed = Signal(bool)
    object_prefix = "tool"  # object names: <prefix>_run_button, <prefix>_status_label, ...

    def __init__(self, name: str, compute: ComputeProcess,
                 config_source: Callable[[ToolPanel], RunConfig | None], parent=None):
        super().__init__(parent)
        self.name = name
        self.config_source = config_source
        self.runner = JobRunner(compute, name.capitalize(), self)
        self._error_dialog = None
        self.runner.progressed.connect(self.on_progress)
        self.runner.notice.connect(lambda text: self.set_status(text, WARN_COLOR))
        self.runner.ended.connect(self._on_ended)
        self.result = None
        self.legend = None  # add_legend's, where the tab has one
        self.run_button = QPushButton(translate("tools", "Run {tool}").format(tool=name))
        self.run_button.setObjectName(f"{self.object_prefix}_run_button")
        self.run_button.clicked.connect(self.start)
        self.stop_button = QPushButton(translate("tools", "Stop"))
        self.stop_button.setObjectName(f"{self.object_prefix}_stop_button")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.export_button = QPushButton(translate("tools", "Export…"))
        self.export_button.setObjectName(f"{self.object_prefix}_export_button")
        self.export_button.setToolTip(translate("tools", "Save this tab's chart (PNG), table (CSV) "
                                                         "and result (JSON) into a folder"))
        self.export_button.clicked.connect(self.export_dialog)
        self.export_button.setEnabled(False)
        self.status_label = QLabel(translate("tools", "Uses the settings on the left."))
        self.status_label.setObjectName(f"{self.object_prefix}_status_label")
        self.status_label.setWordWrap(True)
        self.scale = 1.0
        self._styled: dict[QLabel, tuple[int, str]] = {}
        self._status_color = "#000"
        self.style_label(self.status_label, 16)
        follow_language(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        """The last result, drawn again in the new language (its words are the tool's own)."""
        self._fit_buttons()
        if self.result is not None and not self.is_running():
            self.on_done(self.result)

    def button_row(self, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self._fit_buttons()
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.run_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.export_button)
        return row

    def is_running(self) -> bool:
        return self.runner.is_running()

    @property
    def error_dialog(self):
        """The last job's error dialog (None until one failed or crashed)."""
        return self._error_dialog

    def set_status(self, text: str, color: str = "#000") -> None:
        self.status_label.setText(text)
        self.style_label(self.status_label, 16, f"color: {color};")

    def style_label(self, label: QLabel, px: int, css: str = "") -> None:
        """A label's font size at scale 1 and its other style: presentation mode scales it."""
        self._styled[label] = (px, css)
        label.setStyleSheet(f"font-size: {round(px * self.scale)}px; {css}")

    def set_scale(self, scale: float) -> None:
        """Every text of the tab × scale (presentation mode); plots scale their own fonts."""
        self.scale = scale
        for label, (px, css) in self._styled.items():
            label.setStyleSheet(f"font-size: {round(px * scale)}px; {css}")
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        """Each button as wide as its text in the current font: never cut to "un learning-…"."""
        for button in (self.run_button, self.stop_button, self.export_button):
            button.setMinimumWidth(0)
            button.setMinimumWidth(button.sizeHint().width())

    def add_legend(self, plot, offset=(-10, 10)):
        """The tab's legend on `plot`, as every tab draws it: cleared when a job starts."""
        self.legend = plot.getPlotItem().addLegend(offset=offset, labelTextSize="12pt",
                                                   labelTextColor=(30, 30, 30),
                                                   brush=(255, 255, 255, 210))
        return self.legend

    def prepare(self, config: RunConfig):
        """One way for every tab: the job its own controls make with the panel's settings, or
        its refusal shown; then its views cleared and what starts said. Returns the job
        (engine.service.jobs) or None."""
        job = self.job_for(config)
        if isinstance(job, str):
            self.set_status(job, ERROR_COLOR)
            return None
        for plot in self.cleared_plots():
            plot.getPlotItem().clear()
        if self.legend is not None:
            self.legend.clear()
        self.clear_views(job)
        self.set_status(self.starting_words(job))
        self.repaint()  # the cleared tab painted now, before the job competes for the cores
        return job

    # --- to be provided by each tool ---------------------------------------------------

    def job_for(self, config: RunConfig):
        """The job for these settings and the tab's own controls, or the refusal (a str)."""
        raise NotImplementedError

    def cleared_plots(self) -> list:
        """The plots emptied when a job starts."""
        raise NotImplementedError

    def clear_views(self, job) -> None:
        """Empty the tab's other views (tables, summaries) for the job about to run."""
        raise NotImplementedError

    def starting_words(self, job) -> str:
        """The status line while the job runs."""
        raise NotImplementedError

    def on_progress(self, item) -> None:
        raise NotImplementedError

    def on_done(self, result) -> None:
        raise NotImplementedError

    # --- export --------------------------------------------------------------------------

    def export_to(self, folder: str | Path) -> list[Path] | None:
        """<prefix>.png, .csv and .json of the last result; None (and why shown) on error."""
        if self.result is None:
            self.set_status(translate("tools", "Nothing to export yet: run the tool first."),
                            ERROR_COLOR)
            return None
        header, rows = self.result.table()
        try:
            paths = export_tool(Path(folder), self.object_prefix, self, header, rows,
                                record_of(self.result))
        except OSError as exc:
            self.set_status(translate("tools", "Export failed: "
                                               "{error}").format(error=exc), ERROR_COLOR)
            return None
        self.set_status(translate("tools", "Exported to {folder}").format(folder=folder), OK_COLOR)
        return paths

    def export_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("tools", "Export the {tool} into").format(tool=self.name))
        if folder:
            self.export_to(folder)

    # --- running -------------------------------------------------------------------------

    def start(self) -> bool:
        if self.is_running():
            return False
        config = self.config_source(self)
        if config is None:
            return False
        job = self.prepare(config)
        if job is None:
            return False
        self.result = None
        self.runner.start(job)
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.busy_changed.emit(True)
        return True

    def stop(self) -> None:
        if self.is_running():
            if not self.runner.stop_requested:
                self.set_status(translate("tools", "Stopping…"))
            self.runner.stop()

    def _on_ended(self, end: JobEnd) -> None:
        if end.kind == EndKind.DONE:
            self.result = end.result
            self.on_done(end.result)
        else:
            self.set_status(end_sentence(end),
                            WARN_COLOR if end.kind == EndKind.FORCED else ERROR_COLOR)
        if end.is_error:
            self._error_dialog = open_error_dialog(self, self.name.capitalize(), end)
        self.stop_button.setEnabled(False)
        self.export_button.setEnabled(self.result is not None)
        self.busy_changed.emit(False)
        self.ended.emit(end)
        if self.result is not None:
            self.finished.emit(self.result)
