"""The main window, as wiring: the parameter panel and controls on the left, the Training tab,
the Code tab and the four lecture tools on the right, the menus; what each part does is in its
own module (gui.training_tab, gui.run_controller, gui.gpu_probe, gui.records_io, gui.menus)."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter

from engine.core.config import Layers, RunConfig
from engine.machine.devices import cpu_info
from gui.axes import scale_plot_fonts
from gui.compute import ComputeProcess, JobRunner
from gui.controls import RunControls
from gui.dialogs import open_error_dialog, open_font_warning
from gui.gpu_probe import GpuProbe
from gui.kept_sessions import KeptSessions
from gui.language import follow_language, translate
from gui.menus import build_menus
from gui.params import ParameterPanel
from gui.presentation import PresentationMode, first_size
from gui.records_io import RunRecords
from gui.run_controller import RunController
from gui.tabs import WindowTabs
from gui.tool_base import ERROR_COLOR
from gui.training_tab import TrainingTab
from gui.window_settings import SavedSettings
from session.presets import preset_values


class MainWindow(QMainWindow):
    # The run record (a mapping, as the engine writes it) of every run that was started: it
    # ended completed, stopped, diverged, refused, failed or crashed.
    run_finished = Signal(object)

    def __init__(self, settings: QSettings | None = None, probe_gpu: bool = True,
                 compute: ComputeProcess | None = None, restore: bool = True):
        """restore=False (--no-restore, tests): the last session is not offered back."""
        super().__init__()
        self.setWindowTitle("Backprop Lab")
        self.settings = settings if settings is not None else QSettings("BackpropLab",
                                                                        "Backprop Lab")
        self.saved = SavedSettings(self.settings)
        self._owns_compute = compute is None  # a shared one (tests) outlives the window
        self.compute = compute if compute is not None else ComputeProcess(self)
        self._close_requested = False
        self._build()
        self.gpu_probe = GpuProbe(self.compute, self.panel, self.readout.set_status,
                                  self.is_running, self._close_if_requested, self)
        self.runs = RunController(
            JobRunner(self.compute, "Run", self), self.history, self.plot, self.diagnostics_plot,
            self.readout, on_error=lambda end: open_error_dialog(self, "Run", end),
            repaint=self.repaint, parent=self)
        self.runs.finished.connect(self._on_run_finished)
        self.records = RunRecords(self, self.history, self.loss_plot, self.runs.next_number,
                                  self.readout.set_status, self.panel.values)
        self.export_to, self.import_records = self.records.export_to, self.records.import_records
        self.kept = KeptSessions(self.history, self.tools, self.training.session_bar,
                                 self.settings, self.runs.next_number, self.readout.set_status,
                                 self)
        self._build_menus()
        self._restore_settings()
        if restore:
            self.kept.offer_last()
        self.font_dialog: QMessageBox | None = None
        QTimer.singleShot(0, self.warn_if_no_hangul_font)
        if probe_gpu:
            self.gpu_probe.start()
        self._update_buttons()

    # --- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.panel = ParameterPanel()
        self.panel.changed.connect(self._on_parameters_changed)
        self.panel.describe_cpu(cpu_info())
        self.controls = RunControls(self.panel)
        for name in ("preset_combo", "run_button", "stop_button", "clear_button", "export_button",
                     "repeats_input", "log_y_checkbox", "x_axis_combo", "smoothing_slider"):
            setattr(self, name, getattr(self.controls, name))
        self.preset_combo.currentIndexChanged.connect(
            lambda: self.apply_preset(self.preset_combo.currentData()))
        self.run_button.clicked.connect(self.start_run)
        self.stop_button.clicked.connect(self.stop_run)
        self.clear_button.clicked.connect(self.clear_history)
        self.export_button.clicked.connect(lambda: self.records.export_dialog())
        self.log_y_checkbox.toggled.connect(lambda on: self.plot.set_log_y(on))
        self.x_axis_combo.currentIndexChanged.connect(
            lambda: self.training.set_x_mode(self.x_axis_combo.currentData()))
        self.smoothing_slider.valueChanged.connect(self.controls.show_smoothing)
        self.smoothing_slider.valueChanged.connect(lambda v: self.plot.set_smoothing(v / 100))

        self.training = TrainingTab()
        for name in ("history", "plot", "readout", "diagnostics_plot", "run_table"):
            setattr(self, name, getattr(self.training, name))
        self.loss_plot, readout = self.plot.widget, self.readout
        self.elapsed_label, self.status_label = readout.elapsed_label, readout.status_label
        self.tabs = WindowTabs(self.training, self.compute, self.tool_config)
        self.code_view = self.tabs.code_view
        self.panel.changed.connect(self._follow_code)
        self.tools = self.tabs.tools
        self.race_tool, self.size_sweep_tool, self.lr_sweep_tool, self.profile_tool = self.tools
        for tool in self.tools:
            tool.busy_changed.connect(self._on_tool_busy_changed)
        self.race_tool.gpu_available = lambda: self.gpu_probe.cupy_gpu()
        self.race_tool.target_source = lambda: self.controls.target
        self.controls.target_changed.connect(self.run_table.set_target)

        splitter = QSplitter()
        splitter.addWidget(self.controls)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 1080])
        self.setCentralWidget(splitter)
        self.setMinimumSize(1160, 640)
        self.resize(*first_size())

    def _build_menus(self) -> None:
        menus = build_menus(self, self.settings, self.start_run, self.stop_run, self.records)
        self.import_action, self.quit_action = menus.import_action, menus.quit_action
        menus.recent_menu.aboutToShow.connect(lambda: self.kept.fill_menu(menus.recent_menu))
        self.presentation_action = menus.presentation_action
        self.language_actions = menus.language_actions
        self.language_en_action = self.language_actions["en"]
        self.language_ko_action = self.language_actions["ko"]
        follow_language(self, self._on_language_changed)
        self.presentation = PresentationMode(self, self.presentation_action, self.settings,
                                             self._rescale)

    # --- settings and presets -----------------------------------------------------------

    def _restore_settings(self) -> None:
        self.set_values(self.saved.run_values())
        if self.panel.errors():  # saved values that no longer validate
            self.set_values(preset_values("Tutorial"))
        self.saved.saved = self.panel.values()
        geometry = self.saved.geometry()
        if geometry is not None:
            try:
                self.restoreGeometry(geometry)
            except TypeError:
                pass
        self.log_y_checkbox.setChecked(self.saved.log_y())
        if self.saved.presentation():
            QTimer.singleShot(0, lambda: self.set_presentation(True))

    def apply_launch_values(self, values: dict[str, Any]) -> None:
        """Settings given on the command line: they apply to this launch only."""
        self.saved.launch = dict(values)
        self.set_values(values)

    def save_settings(self) -> None:
        # In presentation mode, the geometry to come back to is the desktop one.
        self.saved.save(self.panel.values(), self.presentation.desktop_geometry(),
                        self.log_y_checkbox.isChecked())

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the controls; a GPU asked for before the probe has answered is applied then."""
        if values.get("device") == "gpu" and not self.panel.gpu_enabled():
            self.gpu_probe.want_gpu()
        self.panel.set_values(values)

    def apply_preset(self, name: str) -> None:
        values, refusal = self.controls.preset_to_apply(name, self.gpu_reason)
        if refusal:
            self.readout.set_status(refusal, ERROR_COLOR)
        if values is not None:
            self.set_values(values)

    def _on_language_changed(self) -> None:
        """The preset's description, in the new language (each view redraws its own)."""
        self.controls.name_matching_preset()
        self.warn_if_no_hangul_font()

    def warn_if_no_hangul_font(self) -> None:
        if self.font_dialog is None:
            self.font_dialog = open_font_warning(self, self.settings)

    def _on_parameters_changed(self) -> None:
        self.controls.name_matching_preset()
        self._update_buttons()

    @property
    def gpu_reason(self) -> str:
        """Why the GPU cannot be used ("" while it can, or before the probe answered)."""
        return self.gpu_probe.reason

    # --- running ------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.runs.is_running()

    def is_busy(self) -> bool:
        """A training run or a lecture tool is working (one at a time: they share the CPU)."""
        return self.is_running() or any(tool.is_running() for tool in self.tools)

    def run_config(self, set_status) -> RunConfig | None:
        """The panel's settings, or None with the reason given to set_status(text, colour)."""
        errors = self.panel.errors()
        if errors:
            set_status(translate("MainWindow", "Fix the highlighted settings: {errors}").format(
                errors="; ".join(errors.values())), ERROR_COLOR)
            return None
        return RunConfig(**self.panel.values())

    def tool_config(self, tool) -> RunConfig | None:
        """The panel's settings for a tool, or None with the reason shown in the tool."""
        return None if self._close_requested else self.run_config(tool.set_status)

    def _on_tool_busy_changed(self, _busy: bool) -> None:
        self._update_buttons()
        self._close_if_requested()

    def start_run(self) -> bool:
        """Start a run with the panel's settings; False (and a reason shown) if refused."""
        if self.is_busy() or self._close_requested:
            return False
        config = self.run_config(self.readout.set_status)
        if config is None:
            return False
        self.save_settings()
        started = self.runs.start(config, self.repeats_input.value())
        self._update_buttons()
        return started

    def stop_run(self) -> None:
        """Stop the training run, and any lecture tool that is running. Cooperative first; a
        job that has not stopped after a grace period is ended with its compute process."""
        self.runs.stop()
        for tool in self.tools:
            tool.stop()

    def _on_run_finished(self, record) -> None:
        self._update_buttons()
        self.run_finished.emit(record)
        self._close_if_requested()

    @property
    def error_dialog(self) -> QMessageBox | None:
        """The last run's error dialog (None until a run failed or crashed)."""
        return self.runs.error_dialog

    def _update_buttons(self) -> None:
        running, busy = self.is_running(), self.is_busy()
        can_start = not busy and not self.panel.errors()
        self.run_button.setEnabled(can_start)
        self.stop_button.setEnabled(running)
        for tool in self.tools:
            tool.run_button.setEnabled(can_start)
        self.panel.set_running(busy)
        self.repeats_input.setEnabled(not busy)
        self.preset_combo.setEnabled(not busy)
        self.clear_button.setEnabled(not running)

    # --- views --------------------------------------------------------------------------

    def _follow_code(self) -> None:
        """The Code tab shows the chosen code, greyed where a frozen layer's lines do not run."""
        self.code_view.follow(self.panel.code_combo.currentData(),
                              Layers.of(self.panel.values()["train"]))

    def set_presentation(self, on: bool, remember: bool = True) -> None:
        """Presentation mode on or off; remember=False: for this launch only."""
        self.presentation.set(on, remember)

    def _rescale(self, scale: float) -> None:
        """What presentation mode grows: every text, the plots' fonts, the curves' pens."""
        for plot in self.findChildren(pg.PlotWidget):
            scale_plot_fonts(plot, scale)
        for part in (self.training, *self.tools, self.controls, self.code_view):
            part.set_scale(scale)

    def clear_history(self) -> None:
        if not self.is_running():
            self.training.clear_history()

    # --- closing ------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        # No run starts after this, even one whose timer was already due.
        self._close_requested = True
        # A run's record is worth keeping: stop it (cooperatively, then by force), then close.
        if self.is_busy():
            self.stop_run()
            self.readout.set_status(translate("MainWindow", "Closing after the run stops…"))
            event.ignore()
            return
        self.save_settings()
        self.kept.close()  # the last writes on disk before the window goes
        self.panel.limit_label.shutdown()
        if self._owns_compute:
            self.compute.shutdown()
        event.accept()

    def _close_if_requested(self) -> None:
        if self._close_requested and not self.is_busy():
            QTimer.singleShot(0, self.close)
