"""The main window: parameters, Run/Stop, the live loss plot and the wall-clock readout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
)

from engine.core.config import Layers, RunConfig
from engine.core.result import RecordError, read_records
from engine.machine.devices import cpu_info, describe_device_facts
from engine.run.memory import format_bytes
from engine.service.jobs import EndKind, JobEnd, ProbeJob
from gui.axes import scale_plot_fonts
from gui.code_view import CodeView
from gui.compute import ComputeProcess, JobRunner
from gui.controls import CUSTOM, RunControls
from gui.diagnostics_plot import DiagnosticsPlot
from gui.export import export_all
from gui.language import follow_language, language, language_menu, translate
from gui.loss_plot import VISIBLE_LIMIT, LossPlot
from gui.lr_sweep_tool import LearningRateSweepTool
from gui.params import ParameterPanel
from gui.presentation import PresentationMode
from gui.profile_tool import ProfileTool
from gui.race_tool import RaceTool
from gui.readout import Readout
from gui.run_controller import RunController
from gui.run_table import RunTable
from gui.size_sweep_tool import SizeSweepTool
from gui.tool_base import ERROR_COLOR, OK_COLOR, WARN_COLOR
from gui.window_settings import SavedSettings
from session.history import RunHistory
from session.presets import load_presets, matching_preset, preset_values


class MainWindow(QMainWindow):
    # The run record (a dict, as the engine writes it) of every run that was started: it
    # ended completed, stopped, diverged, refused, failed or crashed.
    run_finished = Signal(object)

    def __init__(self, settings: QSettings | None = None, probe_gpu: bool = True,
                 compute: ComputeProcess | None = None):
        super().__init__()
        self.setWindowTitle("Backprop Lab")
        self.settings = settings if settings is not None else QSettings("BackpropLab",
                                                                        "Backprop Lab")
        self.saved = SavedSettings(self.settings)
        self.last_record: dict | None = None  # the latest run_finished record
        self._owns_compute = compute is None  # a shared one (tests) outlives the window
        self.compute = compute if compute is not None else ComputeProcess(self)
        self.probe_runner = JobRunner(self.compute, "GPU probe", self)
        self.probe_runner.ended.connect(self._on_gpu_probed)
        self._close_requested = False
        self._wanted_device: str | None = None
        self._gpu_reason = ""
        self._build()
        self.runs = RunController(self.compute, self.history, self.plot, self.diagnostics_plot,
                                  self.readout, self)
        self.runs.finished.connect(self._on_run_finished)
        self._restore_settings()
        self.font_dialog: QMessageBox | None = None
        QTimer.singleShot(0, self.warn_if_no_hangul_font)
        if probe_gpu:
            self.probe_runner.start(ProbeJob())
        self._update_buttons()

    # --- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.panel = ParameterPanel()
        self.panel.changed.connect(self._on_parameters_changed)
        cpu = cpu_info()
        self.panel.set_cpu_description(translate("MainWindow", "{blas}, {cores} cores").format(
            blas=cpu['blas'].split()[0], cores=cpu['cores']))
        self.panel.device_combo.setItemData(0, f"{cpu['cpu_model']}; BLAS: {cpu['blas']}",
                                            Qt.ItemDataRole.ToolTipRole)

        self.controls = RunControls(self.panel)
        self.left_widget = left_widget = self.controls
        for name in ("preset_combo", "run_button", "stop_button", "clear_button", "export_button",
                     "repeats_input", "log_y_checkbox", "x_axis_combo", "smoothing_slider",
                     "smoothing_label"):
            setattr(self, name, getattr(self.controls, name))
        self.preset_combo.currentIndexChanged.connect(
            lambda: self.apply_preset(self.preset_combo.currentData()))
        self.run_button.clicked.connect(self.start_run)
        self.stop_button.clicked.connect(self.stop_run)
        self.clear_button.clicked.connect(self.clear_history)
        self.export_button.clicked.connect(self.export_dialog)
        self.log_y_checkbox.toggled.connect(lambda on: self.plot.set_log_y(on))
        self.x_axis_combo.currentIndexChanged.connect(self._on_x_axis_changed)
        self.smoothing_slider.valueChanged.connect(self._on_smoothing_changed)

        self.history = RunHistory()  # the session's runs: every view below reads this one
        self.plot = LossPlot(self.history)
        self.loss_plot = self.plot.widget
        self.readout = Readout()
        self.elapsed_label = self.readout.elapsed_label
        self.status_label = self.readout.status_label

        self.diagnostics_plot = DiagnosticsPlot(self.loss_plot)
        self.diagnostics_plot.hide()
        self.run_table = RunTable(self.history)
        self.run_table.delete_requested.connect(self.delete_runs)
        self.run_table.run_activated.connect(self.plot.zoom_to_divergence)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.diagnostics_plot)
        plots.setStretchFactor(0, 3)
        plots.setStretchFactor(1, 2)
        plots.setChildrenCollapsible(False)  # the diagnostics keep their axes' labels
        # A long explanation scrolls rather than being cut; the readout's own width is kept.
        self.readout_scroll = readout_scroll = QScrollArea()
        readout_scroll.setWidgetResizable(True)
        readout_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        readout_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        readout_scroll.setWidget(self.readout)
        self._fit_readout()
        top = QSplitter()
        top.addWidget(plots)
        top.addWidget(readout_scroll)
        top.setStretchFactor(0, 1)
        top.setSizes([760, 320])
        # The run table spans the plots and the readout: its columns need the width, the
        # more so in presentation mode.
        # The explanation spans the plots and the readout too: a paragraph needs width, and
        # wide it takes few lines of the plots' height (in presentation mode above all).
        training = QSplitter(Qt.Orientation.Vertical)
        training.addWidget(top)
        training.addWidget(self.readout.explanation_panel)
        training.addWidget(self.run_table)
        training.setStretchFactor(0, 4)
        training.setStretchFactor(1, 0)  # the explanation: its paragraph's height, no more
        training.setStretchFactor(2, 1)
        self.race_tool = RaceTool(self.compute, lambda: self.tool_config(self.race_tool))
        self.race_tool.gpu_available = lambda: self.panel.gpu_enabled()
        self.size_sweep_tool = SizeSweepTool(self.compute,
                                             lambda: self.tool_config(self.size_sweep_tool))
        self.lr_sweep_tool = LearningRateSweepTool(self.compute,
                                                   lambda: self.tool_config(self.lr_sweep_tool))
        self.profile_tool = ProfileTool(self.compute, lambda: self.tool_config(self.profile_tool))
        self.tools = (self.race_tool, self.size_sweep_tool, self.lr_sweep_tool, self.profile_tool)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(training, translate("MainWindow", "Training"))
        self.code_view = CodeView()
        self.panel.changed.connect(self._follow_code)
        self.tabs.addTab(self.code_view, translate("MainWindow", "Code"))
        self.tabs.setTabToolTip(1, translate("MainWindow", "The loop the chosen code runs, beside "
                                                           "another code's: NumPy's hand-written "
                                                           "backward pass, PyTorch's "
                                                           "loss.backward()"))
        for tool, title, tip in (
            (self.race_tool, translate("MainWindow", "Device race"),
             translate("MainWindow", "The same run on two targets, from the same draw")),
            (self.size_sweep_tool, translate("MainWindow", "Size sweep"),
             translate("MainWindow", "Cost against problem size: where the GPU wins")),
            (self.lr_sweep_tool, translate("MainWindow", "Learning-rate sweep"),
             translate("MainWindow", "Final loss against learning rate, beside the bound 2/λ_max")),
            (self.profile_tool, translate("MainWindow", "Profile"),
             translate("MainWindow", "One iteration of the tutorial taken apart: where the time "
                                     "goes, line by line")),
        ):
            tool.busy_changed.connect(self._on_tool_busy_changed)
            self.tabs.addTab(tool, title)
            self.tabs.setTabToolTip(self.tabs.count() - 1, tip)

        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 1080])
        self.setCentralWidget(splitter)

        file_menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        self.import_action = QAction(translate("MainWindow", "&Import…"), self)
        self.import_action.setObjectName("import_action")
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.setToolTip(translate("MainWindow", "Read run records (JSON written by "
                                                              "this program, "
                                                "on this machine or another, such as Colab) into "
                                                "the run table"))
        self.import_action.triggered.connect(self.import_dialog)
        file_menu.addAction(self.import_action)
        self.quit_action = QAction(translate("MainWindow", "&Quit"), self)
        self.quit_action.setObjectName("quit_action")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setToolTip(translate("MainWindow", "Close the window (a running job is "
                                                            "stopped first)"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        self.addAction(self.quit_action)  # Ctrl+Q with the menu closed
        menu = self.menuBar().addMenu(translate("MainWindow", "&Run"))
        for text, keys, slot in (
                (translate("MainWindow", "&Run"), "Ctrl+R", self.start_run),
                (translate("MainWindow", "&Export…"), "Ctrl+S", self.export_dialog)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.stop_run)
        view = self.menuBar().addMenu(translate("MainWindow", "&View"))
        self.presentation_action = QAction(translate("MainWindow", "&Presentation mode"), self)
        self.presentation_action.setObjectName("presentation_action")
        self.presentation_action.setCheckable(True)
        self.presentation_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.presentation_action.setToolTip(translate("MainWindow", "Full screen, fonts 1.6× "
                                                                    "larger, thicker curves and a "
                                                                    "larger wall clock: for the "
                                                                    "back of a lecture hall"))
        view.addAction(self.presentation_action)
        self.addAction(self.presentation_action)  # F11 works with the menu closed
        self.language_actions = language_menu(view, self.settings)
        self.language_en_action = self.language_actions["en"]
        self.language_ko_action = self.language_actions["ko"]
        follow_language(self, self._on_language_changed)
        self.presentation = PresentationMode(self, self.presentation_action, self.settings,
                                             self._rescale)
        self.setMinimumSize(1160, 640)
        # The first size fits the screen: a 1280×720 projector gets the whole window.
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(1460, room.width()) if room else 1460,
                    min(780, room.height()) if room else 780)

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
            if self.probe_runner.is_running():
                self._wanted_device = "gpu"  # the probe has not answered yet
            elif self._gpu_reason:
                self.readout.set_status(translate("MainWindow", "GPU unavailable ({reason}): this "
                                                                "run would "
                                                  "use the CPU.").format(reason=self._gpu_reason),
                                        WARN_COLOR)
        self.panel.set_values(values)

    def apply_preset(self, name: str) -> None:
        """Fill the panel from a preset. A GPU preset where the probe has said that no GPU can
        be used is refused in words: it never runs its GPU sizes on the CPU in silence."""
        if name not in load_presets():
            return
        values = preset_values(name)
        if values.get("device") == "gpu" and self._gpu_reason:
            self.readout.set_status(translate("MainWindow", "Preset {name} needs a GPU, and none "
                                                            "can be used "
                                              "here ({reason}): not applied.").format(
                name=translate("presets", name), reason=self._gpu_reason), ERROR_COLOR)
            self._name_matching_preset()  # the combo names what the settings still are
            return
        self.set_values(values)

    def _on_language_changed(self) -> None:
        """The preset's description, in the new language (each view redraws its own)."""
        self._name_matching_preset()
        self.warn_if_no_hangul_font()

    def warn_if_no_hangul_font(self) -> None:
        """Korean without a font that covers Hangul: said once, in English (the Korean words
        would be boxes), naming the package, with English offered."""
        warning = language().font_warning
        if language().code != "ko" or not warning or self.font_dialog is not None:
            return
        self.font_dialog = dialog = QMessageBox(QMessageBox.Icon.Warning, "No Korean font",
                                                warning, parent=self)
        dialog.setObjectName("font_dialog")
        english = dialog.addButton("Switch to English", QMessageBox.ButtonRole.AcceptRole)
        dialog.addButton("Keep Korean", QMessageBox.ButtonRole.RejectRole)
        english.clicked.connect(lambda: language().set("en", self.settings))
        dialog.open()

    def _on_parameters_changed(self) -> None:
        self._name_matching_preset()
        self._update_buttons()

    def _name_matching_preset(self) -> None:
        """The preset combo names the preset the settings are, or Custom."""
        name = matching_preset(self.panel.values(), self.panel.gpu_enabled(),
                               self.preset_combo.currentData(), CUSTOM)
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(name))
        self.preset_combo.blockSignals(False)
        self.controls.describe_preset(name)

    # --- GPU probe ---------------------------------------------------------------------

    @property
    def gpu_reason(self) -> str:
        """Why the GPU cannot be used ("" while it can, or before the probe answered)."""
        return self._gpu_reason

    def waiting_for_gpu_probe(self) -> bool:
        """The settings ask for the GPU and the probe has not answered yet."""
        return self.probe_runner.is_running() and self._wanted_device == "gpu"

    def _on_gpu_probed(self, end: JobEnd) -> None:
        status = end.result
        if end.kind == EndKind.DONE and status.available:
            info = status.info
            self.panel.set_gpu_status(True, f"{info.get('gpu_name', 'GPU')}, "
                                            f"{format_bytes(info.get('memory_bytes', 0))}")
            if self._wanted_device == "gpu":
                self.panel.set_values({"device": "gpu"})
        else:
            reason = translate("devices", status.reason) if end.kind == EndKind.DONE else translate(
                "MainWindow", "the probe {kind}: {message}").format(kind=end.kind,
                                                                    message=end.message)
            self._gpu_reason = reason
            self.panel.set_gpu_status(False, reason)
            if self._wanted_device == "gpu" and not self.is_running():
                self.readout.set_status(translate("MainWindow", "GPU unavailable ({reason}): this "
                                                                "run would use the "
                                                                "CPU.").format(reason=reason),
                                        WARN_COLOR)
        self._wanted_device = None
        self._close_if_requested()

    # --- running ------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.training_runner.is_running()

    def is_busy(self) -> bool:
        """A training run or a lecture tool is working (one at a time: they share the CPU)."""
        return self.is_running() or any(tool.is_running() for tool in self.tools)

    def tool_config(self, tool) -> RunConfig | None:
        """The panel's settings for a tool, or None with the reason shown in the tool."""
        if self._close_requested:
            return None
        errors = self.panel.errors()
        if errors:
            tool.set_status(translate("MainWindow", "Fix the highlighted settings: "
                                                    "{errors}").format(
                errors="; ".join(errors.values())), ERROR_COLOR)
            return None
        return RunConfig(**self.panel.values())

    def _on_tool_busy_changed(self, _busy: bool) -> None:
        self._update_buttons()
        self._close_if_requested()

    def start_run(self) -> bool:
        """Start a run with the panel's settings; False (and a reason shown) if refused."""
        if self.is_busy() or self._close_requested:
            return False
        errors = self.panel.errors()
        if errors:
            self.readout.set_status(translate("MainWindow", "Fix the highlighted settings: "
                                                            "{errors}").format(
                errors="; ".join(errors.values())), ERROR_COLOR)
            return False
        self.save_settings()
        started = self.runs.start(RunConfig(**self.panel.values()), self.repeats_input.value())
        self._update_buttons()
        return started

    def stop_run(self) -> None:
        """Stop the training run, and any lecture tool that is running. Cooperative first; a
        job that has not stopped after a grace period is ended with its compute process."""
        self.runs.stop()
        for tool in self.tools:
            tool.stop()

    def _on_run_finished(self, record: dict) -> None:
        self._update_buttons()
        self.last_record = record
        self.run_finished.emit(record)
        self._close_if_requested()

    @property
    def training_runner(self) -> JobRunner:
        return self.runs.runner

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

    # --- history and export -------------------------------------------------------------

    def _follow_code(self) -> None:
        """The Code tab shows the chosen code, greyed where a frozen layer's lines do not run."""
        self.code_view.follow(self.panel.code_combo.currentData(),
                              Layers.of(self.panel.values()["train"]))

    def _fit_readout(self) -> None:
        scrollbar = self.readout_scroll.verticalScrollBar().sizeHint().width()
        self.readout_scroll.setMinimumWidth(self.readout.minimumWidth() + scrollbar + 4)

    def set_presentation(self, on: bool, remember: bool = True) -> None:
        """Presentation mode on or off; remember=False: for this launch only."""
        self.presentation.set(on, remember)

    def _rescale(self, scale: float) -> None:
        """What presentation mode grows: every text, the plots' fonts, the curves' pens."""
        self.readout.set_scale(scale)
        self._fit_readout()
        for tool in self.tools:
            tool.set_scale(scale)
        for plot in self.findChildren(pg.PlotWidget):
            scale_plot_fonts(plot, scale)
        self.diagnostics_plot.set_axis_scale(self.loss_plot, scale)
        self.plot.set_pen_scale(2.0 if scale > 1 else 1.0)
        self.plot.set_text_scale(scale)
        self.plot.relabel()  # the legend's entries in the new size
        self.controls.set_scale(scale)
        self.run_table.set_scale(scale)
        self.code_view.set_scale(scale)

    def delete_runs(self, numbers: list[int]) -> None:
        self.history.remove(numbers)
        runs = ", ".join(f"#{n}" for n in numbers)
        self.readout.set_status((translate("MainWindow", "Deleted runs {runs}") if len(numbers) > 1
                                 else translate("MainWindow", "Deleted run {runs}")).format(
                                     runs=runs))

    def _on_x_axis_changed(self) -> None:
        mode = self.x_axis_combo.currentData()
        self.plot.set_x_mode(mode)
        # The diagnostics share the iteration axis: in seconds they would not line up.
        self.diagnostics_plot.setVisible(mode == "iteration"
                                         and bool(self.diagnostics_plot.ratios))

    def _on_smoothing_changed(self, value: int) -> None:
        weight = value / 100
        self.smoothing_label.setText(translate("MainWindow", "smoothing "
                                                             "{weight:.2f}").format(weight=weight))
        self.plot.set_smoothing(weight)

    def clear_history(self) -> None:
        if self.is_running():
            return
        self.history.clear()
        self.readout.set_status(translate("MainWindow", "History cleared"))

    def export_to(self, folder: str | Path) -> list[Path] | None:
        """Write loss_plot.png, losses.csv and runs.json; None (and the reason shown) on error."""
        try:
            paths = export_all(Path(folder), self.history.entries, self.loss_plot)
        except OSError as exc:
            self.readout.set_status(translate("MainWindow", "Export failed: {error}").format(
                error=exc), ERROR_COLOR)
            return None
        self.readout.set_status(translate("MainWindow", "Exported {count} runs to {folder}").format(
            count=len(self.history.entries), folder=folder), OK_COLOR)
        return paths

    def import_records(self, path: str | Path) -> bool:
        """Run records from a JSON file into the history (with new session numbers); a file
        that holds none, or a malformed one, is refused in one line with nothing changed."""
        try:
            results = read_records(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, RecordError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.readout.set_status(translate("MainWindow", "Import refused: {file}: "
                                                            "{reason}").format(
                file=Path(path).name, reason=reason), ERROR_COLOR)
            return False
        for result in results:
            number = self.runs.next_number()
            self.plot.add_finished(number, result)
            self.history.add(number, result)
        self.history.show_at_most(VISIBLE_LIMIT)
        facts = sorted({describe_device_facts(r.device_info) for r in results} - {""})
        imported = (translate("MainWindow", "Imported {count} runs from {file}") if len(results) > 1
                    else translate("MainWindow", "Imported {count} run from {file}"))
        self.readout.set_status(imported.format(count=len(results), file=Path(path).name)
                                + (f" ({'; '.join(facts)})" if facts else ""), OK_COLOR)
        return True

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Import run "
                                                                            "records"), "",
                                              "JSON (*.json)")
        if path:
            self.import_records(path)

    def export_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("MainWindow", "Export plot, losses and records into"))
        if folder:
            self.export_to(folder)

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
        if self._owns_compute:
            self.compute.shutdown()
        event.accept()

    def _close_if_requested(self) -> None:
        if self._close_requested and not self.is_busy():
            QTimer.singleShot(0, self.close)
