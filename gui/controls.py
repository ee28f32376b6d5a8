"""The Training tab's controls beside the parameter panel: the preset, Run and Stop, Repeat ×k,
and how the loss plot is drawn (log y, the x axis, smoothing). The window connects them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.core.settings import parse_or_keep, settings_of
from engine.core.target import TargetLoss
from gui.colab_export import colab_hint
from gui.language import translate
from gui.params import INVALID_STYLE, ParameterPanel
from gui.tool_base import declared_control, declared_label, declared_settings
from session.presets import load_presets, matching_preset, preset_values

CUSTOM = "Custom"


def button(text: str, name: str, tip: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setToolTip(tip)
    return widget


class RunControls(QWidget):
    """The left column: the preset combo, the parameter panel, and the run's buttons."""

    target_changed = Signal(object)  # a valid TargetLoss

    def __init__(self, panel: ParameterPanel, parent=None):
        super().__init__(parent)
        self.panel = panel
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("preset_combo")
        # Each item's data is the preset's name in resources/presets.json; its text and
        # tooltip are in the window's language.
        self.preset_combo.addItem(translate("controls", "Custom"), CUSTOM)
        for name, preset in load_presets().items():
            self.preset_combo.addItem(translate("presets", name), name)
            self.preset_combo.setItemData(self.preset_combo.count() - 1,
                                          translate("presets", preset["description"]),
                                          Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setToolTip(translate("controls", "Start from a preset: the tutorial, a "
                                                           "diverging learning rate, or sizes "
                                                           "where the GPU wins"))
        # The preset's description where a class sees it, not only as a tooltip.
        self.preset_description = QLabel("")
        self.preset_description.setObjectName("preset_description_label")
        self.preset_description.setWordWrap(True)
        self.preset_description.setStyleSheet("color: #444; font-size: 12px;")

        self.run_button = button(translate("controls", "Run"), "run_button",
                                 translate("controls", "Train with these settings (Ctrl+R)"))
        self.stop_button = button(translate("controls", "Stop"), "stop_button",
                                  translate("controls", "Stop the run (Esc)"))
        self.clear_button = button(translate("controls", "Clear"), "clear_button",
                                   translate("controls", "Remove earlier runs from the plot and "
                                                         "the history"))
        self.export_button = button(translate("controls", "Export…"), "export_button",
                                    translate("controls", "Save the plot (PNG), all runs' losses "
                                                          "(CSV) and the run records (JSON) into a "
                                                          "folder (Ctrl+S)"))
        self.repeats_input = QSpinBox()
        self.repeats_input.setObjectName("repeats_input")
        self.repeats_input.setRange(1, 20)
        self.repeats_input.setPrefix(translate("controls", "Repeat ×"))
        self.repeats_input.setToolTip(translate("controls", "Train the same configuration k times "
                                                            "(the curve is the first's) and give "
                                                            "the median loop time with its spread: "
                                                            "a time a lecturer can quote"))
        self.log_y_checkbox = QCheckBox(translate("controls", "log y"))
        self.log_y_checkbox.setObjectName("log_y_checkbox")
        self.log_y_checkbox.setToolTip(translate("controls", "Logarithmic loss axis: the "
                                                             "tutorial's loss "
                                                            "falls over ten orders of magnitude"))
        self.log_y_checkbox.setChecked(True)
        self.x_axis_combo = QComboBox()
        self.x_axis_combo.setObjectName("x_axis_combo")
        self.x_axis_combo.addItem(translate("controls", "x: iteration"), "iteration")
        self.x_axis_combo.addItem(translate("controls", "x: seconds"), "seconds")
        self.x_axis_combo.setToolTip(translate("controls", "The loss plot's x axis: the iteration "
                                                           "t, or seconds into the training loop "
                                                           "(as the race draws it)"))
        self.smoothing_slider = QSlider(Qt.Orientation.Horizontal)
        self.smoothing_slider.setObjectName("smoothing_slider")
        self.smoothing_slider.setRange(0, 99)
        self.smoothing_slider.setToolTip(translate("controls", "Smoothing of the drawn curves "
                                                              "(TensorBoard's debiased "
                                                              "exponential moving average, 0 to "
                                                              "0.99), over a faint raw curve; "
                                                              "records and exports keep every "
                                                              "loss as it was"))
        self.smoothing_label = QLabel(translate("MainWindow", "smoothing {weight:.2f}").format(
            weight=0.0))

        left = QVBoxLayout()
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel(translate("controls", "Preset")))
        preset_row.addWidget(self.preset_combo, 1)
        left.addLayout(preset_row)
        left.addWidget(self.preset_description)
        left.addWidget(panel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.repeats_input)
        buttons.addWidget(self.stop_button)
        left.addLayout(buttons)
        tools = QHBoxLayout()
        tools.addWidget(self.log_y_checkbox)
        tools.addWidget(self.clear_button)
        tools.addWidget(self.export_button)
        left.addLayout(tools)
        view = QHBoxLayout()
        view.addWidget(self.x_axis_combo)
        view.addWidget(self.smoothing_label)
        view.addWidget(self.smoothing_slider, 1)
        left.addLayout(view)
        # The target loss the run table's "to target" column and the race time runs to.
        self.target = TargetLoss()
        target_label, self.target_input = declared_control(TargetLoss, "target")
        self.target_absolute_checkbox = QCheckBox()
        self.target_absolute_checkbox.setObjectName(settings_of(TargetLoss)["absolute"].widget)
        absolute_label = declared_label(settings_of(TargetLoss)["absolute"],
                                        self.target_absolute_checkbox)
        absolute_label.setBuddy(self.target_absolute_checkbox)
        target_row = QHBoxLayout()
        target_row.addWidget(target_label)
        target_row.addWidget(self.target_input)
        target_row.addWidget(self.target_absolute_checkbox)
        target_row.addWidget(absolute_label)
        target_row.addStretch(1)
        left.addLayout(target_row)
        self.target_input.textChanged.connect(self._on_target_edited)
        self.target_absolute_checkbox.toggled.connect(self._on_target_edited)
        left.addStretch(1)
        self.setLayout(left)
        self.set_scale(1.0)

    def _on_target_edited(self) -> None:
        """A valid target is applied at once; an invalid one is outlined, with the reason in
        its tooltip, and the last valid one stays in force."""
        target, refusal = declared_settings(TargetLoss, {
            "target": parse_or_keep("number", self.target_input.text()),
            "absolute": self.target_absolute_checkbox.isChecked()})
        self.target_input.setStyleSheet("" if target is not None else INVALID_STYLE)
        self.target_input.setToolTip(settings_of(TargetLoss)["target"].sentence
                                     + (f"\n\n{refusal}" if refusal else ""))
        if target is not None:
            self.target = target
            self.target_changed.emit(target)

    def show_smoothing(self, value: int) -> None:
        self.smoothing_label.setText(translate("MainWindow", "smoothing {weight:.2f}").format(
            weight=value / 100))

    def name_matching_preset(self) -> None:
        """The preset combo names the preset the panel's settings are, or Custom."""
        name = matching_preset(self.panel.values(), self.panel.gpu_enabled(),
                               self.preset_combo.currentData(), CUSTOM)
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(name))
        self.preset_combo.blockSignals(False)
        self.describe_preset(name)

    def preset_to_apply(self, name: str, gpu_reason: str) -> tuple[dict | None, str]:
        """A preset's values, or None and why not: a GPU preset where the probe has said that
        no GPU can be used is refused in words (the combo goes back to naming what the settings
        still are); it never runs its GPU sizes on the CPU in silence."""
        if name not in load_presets():
            return None, ""
        values = preset_values(name)
        if values.get("device") == "gpu" and gpu_reason:
            self.name_matching_preset()
            return None, translate("MainWindow", "Preset {name} needs a GPU, and none can be used "
                                                 "here ({reason}): not applied.").format(
                name=translate("presets", name), reason=gpu_reason) + " " + colab_hint()
        return values, ""

    def describe_preset(self, name: str) -> None:
        """The named preset's description under the combo (nothing for Custom)."""
        text = load_presets().get(name, {}).get("description", "")
        self.preset_description.setText(translate("presets", text) if text else "")
        self.preset_description.setVisible(bool(text))

    def set_scale(self, scale: float) -> None:
        """Wide enough for the device entry's name, at any scale (presentation mode)."""
        self.setMinimumWidth(round(370 * scale))
        self.setMaximumWidth(round(440 * scale))
        self.preset_description.setStyleSheet(f"color: #444; font-size: {round(12 * scale)}px;")
