"""The parameter panel: one control per RunConfig field, each with its tutorial meaning."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from engine.backends.codes import NAMES
from engine.core.config import Layers, RunConfig
from engine.core.settings import format_value, parse_or_keep, settings_of
from engine.machine.devices import code_refusal
from engine.run.checks import run_errors
from gui.colab_export import colab_hint
from gui.language import follow_language, retranslated, translate
from gui.layer_limit import LayerLimitLabel
from session.labels import field_label

# Every control's label, objectName and tooltip come from RunConfig's declarations
# (engine.core.settings); the panel adds only what is the window's own.
SETTINGS = settings_of(RunConfig)
TEXT_FIELDS = tuple(name for name, s in SETTINGS.items()
                    if s.kind in ("whole", "number", "threads"))
# The choices with a control of their own (train's choice is two layer checkboxes).
COMBO_FIELDS = tuple(name for name, s in SETTINGS.items() if s.kind == "choice" and s.widget)
# The window's own words for the layer switches: one checkbox per layer (object name, text,
# tooltip); together they are the `train` setting.
LAYER_BOXES = {
    "w1": ("train_w1_checkbox", QT_TRANSLATE_NOOP("params", "train w1"),
           QT_TRANSLATE_NOOP("params", "Backpropagate into w1 (D_in×H). Unchecked, w1 is frozen: "
                                       "its gradient is neither computed nor applied, as with "
                                       "PyTorch's requires_grad=False.")),
    "w2": ("train_w2_checkbox", QT_TRANSLATE_NOOP("params", "train w2"),
           QT_TRANSLATE_NOOP("params", "Backpropagate into w2 (H×D_out). With w1 frozen the loss "
                                       "is a quadratic in w2, and 2/λ_max is an exact bound on the "
                                       "learning rate.")),
}
WINDOW_TIPS = {  # what the window adds to a declared help text
    "learning_rate": QT_TRANSLATE_NOOP("params", "Accepts 1e-6 notation; ÷10 and ×10 move by "
                                                 "decades."),
    "diagnostics": QT_TRANSLATE_NOOP("params", "Sharpness λ_max is the Hessian's largest "
                                               "eigenvalue, by Lanczos: every iteration while "
                                               "lr·λ_max > 1 and sparsely after; shown under the "
                                               "loss plot and explained beside it."),
}
INVALID_STYLE = "border: 2px solid #d62728;"
CODE_TIPS = {"numpy": QT_TRANSLATE_NOOP("params", "The tutorial's NumPy loop (CuPy on a GPU): "
                                                  "gradients written by hand"),
             "torch": QT_TRANSLATE_NOOP("params", "The same hand-written gradients on torch "
                                                  "tensors"),
             "autograd": QT_TRANSLATE_NOOP("params", "loss.backward() computes the gradients; a "
                                                     "frozen layer "
                                             "is a weight with requires_grad=False"),
             "mlx": QT_TRANSLATE_NOOP("params", "The NumPy loop's hand-written gradients in MLX: "
                                                "on Apple silicon's GPU (Metal), an NVIDIA GPU "
                                                "(the mlx-cuda extra) or the CPU. MLX's GPU has "
                                                "no float64: use float32 there")}


def tooltip(field: str) -> str:
    """A control's tooltip: the declared help, as a sentence, and the window's own words, in
    the current language."""
    text = SETTINGS[field].sentence + translate("params", ".")
    return f"{text} {translate('params', WINDOW_TIPS[field])}" if field in WINDOW_TIPS else text


def parse_field(name: str, text: str) -> Any:
    """A field as typed, parsed by its kind's one parser (engine.core.settings); text that does not
    parse is kept as it is, for field_errors to word."""
    return parse_or_keep(SETTINGS[name].kind, text)


def format_field(name: str, value: Any) -> str:
    return format_value(SETTINGS[name].kind, value)


class ParameterPanel(QWidget):
    """Emits `changed` on every edit; `values()` gives RunConfig fields, `errors()` the reasons."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.inputs: dict[str, QWidget] = {}
        self.row_labels: dict[str, QLabel] = {}
        for name in (n for n in SETTINGS if n in TEXT_FIELDS or n in COMBO_FIELDS):
            declared = SETTINGS[name]
            widget: QWidget = QComboBox() if name in COMBO_FIELDS else QLineEdit()
            if name in COMBO_FIELDS:
                widget.currentIndexChanged.connect(self._on_edit)
            else:
                widget.textChanged.connect(self._on_edit)
            widget.setObjectName(declared.widget)
            self.inputs[name] = widget
            self.row_labels[name] = row_label = QLabel()
            if name == "learning_rate":
                form.addRow(row_label, self._with_decade_buttons(widget))
            else:
                form.addRow(row_label, widget)

        self.device_combo: QComboBox = self.inputs["device"]
        self.device_combo.blockSignals(True)
        self.device_combo.addItem("CPU", "cpu")
        self.device_combo.addItem("GPU", "gpu")
        self.device_combo.blockSignals(False)
        self._cpu_text = ""
        self._gpu_status: tuple[bool, str] | None = None  # None: the probe has not answered
        self.dtype_combo: QComboBox = self.inputs["dtype"]
        self.gpu_path_combo: QComboBox = self.inputs["gpu_path"]
        self.code_combo: QComboBox = self.inputs["code"]
        for name in ("dtype", "gpu_path", "code"):
            combo = self.inputs[name]
            combo.blockSignals(True)
            for choice in SETTINGS[name].choices:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(combo.findData(getattr(RunConfig(), name)))
            combo.blockSignals(False)
        for index, code in enumerate(SETTINGS["code"].choices):
            # PyTorch's codes without the torch extra, MLX's without the mlx extra
            self.code_combo.model().item(index).setEnabled(not code_refusal(code))

        self.layer_boxes: dict[str, QCheckBox] = {}
        layers = QHBoxLayout()
        for layer, (object_name, _text, _tip) in LAYER_BOXES.items():
            box = QCheckBox()
            box.setObjectName(object_name)
            box.setChecked(True)
            box.toggled.connect(self._on_edit)
            self.layer_boxes[layer] = box
            layers.addWidget(box)
        self.row_labels["train"] = layers_label = QLabel()
        form.addRow(layers_label, layers)
        self.diagnostics_checkbox = QCheckBox()
        self.diagnostics_checkbox.setObjectName(SETTINGS["diagnostics"].widget)
        self.diagnostics_checkbox.toggled.connect(self._on_edit)
        form.addRow(self.diagnostics_checkbox)

        self.limit_label = LayerLimitLabel()  # with w1 frozen, the learning rate's limit
        form.addRow(self.limit_label)

        self.error_label = QLabel()
        self.error_label.setObjectName("input_error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #d62728;")
        form.addRow(self.error_label)
        self._apply_texts()
        follow_language(self, self._on_language_changed)

    def _apply_texts(self) -> None:
        """The texts composed from the declarations, in the current language."""
        for name, label in self.row_labels.items():
            label.setText(SETTINGS[name].title)
            label.setToolTip(tooltip(name))
        for name, widget in self.inputs.items():
            widget.setToolTip(tooltip(name))
        for index, code in enumerate(SETTINGS["code"].choices):
            self.code_combo.setItemText(index, f"{code} — {translate('codes', NAMES[code])}")
            refusal = code_refusal(code)
            self.code_combo.setItemData(index, refusal or translate("params", CODE_TIPS[code]),
                                        Qt.ToolTipRole)
        for layer, (_name, text, tip) in LAYER_BOXES.items():
            self.layer_boxes[layer].setText(translate("params", text))
            self.layer_boxes[layer].setToolTip(translate("params", tip))
        self.diagnostics_checkbox.setText(translate("params", "{diagnostics}: sharpness, dead "
                                                              "units").format(
            diagnostics=SETTINGS["diagnostics"].title.lower()))
        self.diagnostics_checkbox.setToolTip(tooltip("diagnostics"))
        self._show_devices()

    def _on_language_changed(self) -> None:
        self._apply_texts()
        self._on_edit()

    def _with_decade_buttons(self, line_edit: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(line_edit, 1)
        for text, factor, tip in (("÷10", 0.1, translate("params", "Learning rate one decade "
                                                                   "down")),
                                  ("×10", 10.0, translate("params", "Learning rate one decade "
                                                                    "up"))):
            button = QPushButton(text)
            button.setObjectName("lr_down_button" if factor < 1 else "lr_up_button")
            button.setToolTip(tip)
            button.setMaximumWidth(44)
            button.clicked.connect(lambda _=False, f=factor: self.scale_learning_rate(f))
            row.addWidget(button)
        return box

    # --- values -------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The fields as typed, parsed where they parse (invalid text is kept as text)."""
        values: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            values[name] = parse_field(name, self.inputs[name].text())
        for name in COMBO_FIELDS:
            values[name] = self.inputs[name].currentData()
        w1, w2 = (self.layer_boxes[layer].isChecked() for layer in ("w1", "w2"))
        values["train"] = Layers(w1, w2).word
        values["diagnostics"] = self.diagnostics_checkbox.isChecked()
        return values

    def errors(self) -> dict[str, str]:
        errors = run_errors(self.values())
        if "train" in errors:
            errors["train"] = translate("params", "train at least one layer (w1 or w2)")
        return errors

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the controls; unknown keys are ignored, a disabled GPU entry is not chosen.

        The controls' own signals are blocked while they are filled, so that `changed` fires
        once, for the whole set, not once per field with a half-applied preset.
        """
        switches = [*self.layer_boxes.values(), self.diagnostics_checkbox]
        for widget in [*self.inputs.values(), *switches]:
            widget.blockSignals(True)
        try:
            if "train" in values:
                layers = Layers.of(values["train"])
                self.layer_boxes["w1"].setChecked(layers.w1)
                self.layer_boxes["w2"].setChecked(layers.w2)
            if "diagnostics" in values:
                self.diagnostics_checkbox.setChecked(bool(values["diagnostics"]))
            for name in TEXT_FIELDS:
                if name in values:
                    self.inputs[name].setText(format_field(name, values[name]))
            for name in COMBO_FIELDS:
                combo = self.inputs[name]
                if name in values:
                    index = combo.findData(values[name])
                    if index >= 0 and self._item_enabled(combo, index):
                        combo.setCurrentIndex(index)
        finally:
            for widget in [*self.inputs.values(), *switches]:
                widget.blockSignals(False)
        self._on_edit()

    def scale_learning_rate(self, factor: float) -> None:
        value = self.values()["learning_rate"]
        if isinstance(value, float) and math.isfinite(value) and value > 0:
            self.inputs["learning_rate"].setText(f"{value * factor:.3g}")

    # --- devices ------------------------------------------------------------------------

    def describe_cpu(self, cpu: dict) -> None:
        """The CPU entry's words (its BLAS and cores) and tooltip (its model), from cpu_info."""
        self.set_cpu_description(translate("MainWindow", "{blas}, {cores} cores").format(
            blas=cpu['blas'].split()[0], cores=cpu['cores']))
        self.device_combo.setItemData(0, f"{cpu['cpu_model']}; BLAS: {cpu['blas']}",
                                      Qt.ItemDataRole.ToolTipRole)

    def set_cpu_description(self, text: str) -> None:
        self._cpu_text = text
        self._show_devices()

    def set_gpu_status(self, available: bool, text: str) -> None:
        """`text`: the GPU's name, memory and library ("NVIDIA H100, 85.0 GB (CuPy)",
        "Apple M2 (MLX, Metal)"), or the reason it cannot be used."""
        self._gpu_status = (available, text)
        self._show_devices()

    def _show_devices(self) -> None:
        cpu = retranslated(self._cpu_text) or self._cpu_text  # made in the language before
        self.device_combo.setItemText(0, f"CPU ({cpu})" if cpu else "CPU")
        if self._gpu_status is None:
            self.device_combo.setItemText(1, translate("params", "GPU (probing…)"))
            self._set_gpu_enabled(False, translate("params", "checking whether CuPy, MLX or "
                                                             "PyTorch can use a GPU…"))
            return
        available, text = self._gpu_status
        text = retranslated(text) or text
        self.device_combo.setItemText(1, f"GPU — {text}" if available
                                      else translate("params", "GPU (unavailable)"))
        self._set_gpu_enabled(available, text if available else f"{text}. {colab_hint()}")

    def _set_gpu_enabled(self, enabled: bool, tooltip: str) -> None:
        item = self.device_combo.model().item(1)
        item.setEnabled(enabled)
        item.setToolTip(tooltip)
        if not enabled and self.device_combo.currentIndex() == 1:
            self.device_combo.setCurrentIndex(0)

    @staticmethod
    def _item_enabled(combo: QComboBox, index: int) -> bool:
        return combo.model().item(index).isEnabled()

    def gpu_enabled(self) -> bool:
        return self._item_enabled(self.device_combo, 1)

    # --- state --------------------------------------------------------------------------

    def set_running(self, running: bool) -> None:
        self._running = running
        for widget in [*self.inputs.values(), *self.layer_boxes.values(),
                       self.diagnostics_checkbox]:
            widget.setEnabled(not running)
        for button in self.findChildren(QPushButton):
            button.setEnabled(not running)
        self._show_gpu_path_applies()

    def _show_gpu_path_applies(self) -> None:
        """The GPU path applies to GPU runs only: greyed out for a CPU run."""
        on_gpu = self.device_combo.currentData() == "gpu"
        self.gpu_path_combo.setEnabled(on_gpu and not getattr(self, "_running", False))

    def _on_edit(self, *_args) -> None:
        errors = self.errors()
        for name, widget in self.inputs.items():
            widget.setStyleSheet(INVALID_STYLE if name in errors else "")
            tip = tooltip(name)
            widget.setToolTip(translate("params", "{tip}\n\nInvalid: {reason}").format(
                tip=tip, reason=errors[name]) if name in errors else tip)
        self.error_label.setText("\n".join(f"{field_label(k)}: {v}" for k, v in errors.items()))
        self.limit_label.follow(None if errors else RunConfig(**self.values()))
        self._show_gpu_path_applies()
        self.changed.emit()
