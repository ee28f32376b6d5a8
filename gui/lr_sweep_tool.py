"""The learning-rate sweep tab: final loss against learning rate, the observed threshold
beside the predicted bound 2/λ_max."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout

from engine.jobs import RateSweepJob
from engine.sweep import EXPLANATION
from gui.params import parse_number
from gui.plot import COLORS, DIVERGED_COLOR, styled_plot
from gui.tool_base import ERROR_COLOR, OK_COLOR, ToolPanel

BOUND_COLOR = (44, 160, 44)
STABLE_COLOR = (255, 127, 14)


class LearningRateSweepTool(ToolPanel):
    object_prefix = "lr_sweep"

    def __init__(self, compute, config_source, parent=None):
        super().__init__("learning-rate sweep", compute, config_source, parent)
        self.min_input = QLineEdit("1e-8")
        self.min_input.setObjectName("lr_sweep_min_input")
        self.min_input.setToolTip("Smallest learning rate of the grid")
        self.max_input = QLineEdit("1e-4")
        self.max_input.setObjectName("lr_sweep_max_input")
        self.max_input.setToolTip("Largest learning rate of the grid")
        for edit in (self.min_input, self.max_input):
            edit.setMaximumWidth(90)
        self.count_input = QSpinBox()
        self.count_input.setObjectName("lr_sweep_count_input")
        self.count_input.setRange(2, 50)
        self.count_input.setValue(9)
        self.count_input.setToolTip("Log-spaced learning rates on the grid; each trains for the "
                                    "iterations set on the left")
        self.tolerance_input = QDoubleSpinBox()
        self.tolerance_input.setObjectName("lr_sweep_tolerance_input")
        self.tolerance_input.setRange(0.001, 1.0)
        self.tolerance_input.setDecimals(3)
        self.tolerance_input.setValue(0.05)
        self.tolerance_input.setToolTip("Bisection refines the largest stable rate until the "
                                        "stable and diverging rates are this close (relative)")
        self.plot = styled_plot("learning rate", "final loss", True, True)
        self.plot.setObjectName("lr_sweep_plot")
        self.legend = self.plot.getPlotItem().addLegend(labelTextSize="12pt",
                                                        labelTextColor=(30, 30, 30))
        self.summary = QLabel("")
        self.summary.setObjectName("lr_sweep_summary")
        self.summary.setStyleSheet("font-size: 20px;")
        self.summary.setWordWrap(True)
        explanation = QLabel(EXPLANATION)
        explanation.setObjectName("lr_sweep_explanation")
        explanation.setWordWrap(True)
        explanation.setStyleSheet("font-size: 15px; color: #333;")
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row(QLabel("From"), self.min_input, QLabel("to"),
                                         self.max_input, QLabel("Rates"), self.count_input,
                                         QLabel("Tolerance"), self.tolerance_input))
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.summary)
        layout.addWidget(explanation)
        layout.addWidget(self.status_label)
        self.points = []
        self.markers = []

    def prepare(self, config):
        low, high = parse_number(self.min_input.text()), parse_number(self.max_input.text())
        if not (isinstance(low, float) and isinstance(high, float) and math.isfinite(high)
                and 0 < low < high):
            self.set_status("The range needs two numbers with 0 < from < to.", ERROR_COLOR)
            return None
        count, tolerance = self.count_input.value(), self.tolerance_input.value()
        self.plot.getPlotItem().clear()
        self.legend.clear()
        self.summary.setText("")
        self.points, self.markers = [], []
        self.set_status(f"Training at {count} learning rates, {config.iterations} iterations "
                        "each, then bisecting…")
        return RateSweepJob(config, low, high, count, tolerance)

    def on_progress(self, point) -> None:
        self.points.append(point)
        self._draw()

    def _draw(self) -> None:
        self.plot.getPlotItem().clear()
        self.legend.clear()
        ordered = sorted((p for p in self.points if p.final_loss), key=lambda p: p.learning_rate)
        stable = [p for p in ordered if p.status != "diverged"]
        diverged = [p for p in ordered if p.status == "diverged"]
        if stable:
            self.plot.plot([p.learning_rate for p in stable], [p.final_loss for p in stable],
                           pen=pg.mkPen(COLORS[0], width=2), symbol="o", symbolSize=9,
                           symbolBrush=COLORS[0], name="final loss")
        if diverged:
            # A diverged run has no final loss (its last finite one can be 1e300, which would
            # flatten the stable curve): its mark sits one decade above the highest stable loss.
            ceiling = 10 * max((p.final_loss for p in stable), default=1.0)
            self.plot.plot([p.learning_rate for p in diverged], [ceiling] * len(diverged),
                           pen=None, symbol="x", symbolSize=14, symbolPen=pg.mkPen(
                               DIVERGED_COLOR, width=3), name="diverged")

    def on_done(self, sweep) -> None:
        self._draw()
        lines = []
        for value, color, text in (
            (sweep.predicted_bound, BOUND_COLOR, "2/λ_max = {:.3g}"),
            (sweep.largest_stable_lr, STABLE_COLOR, "largest stable = {:.3g}"),
        ):
            if value:
                line = pg.InfiniteLine(pos=math.log10(value), angle=90,
                                       pen=pg.mkPen(color, width=2, style=(
                                           Qt.PenStyle.DashLine if color == BOUND_COLOR
                                           else Qt.PenStyle.SolidLine)),
                                       label=text.format(value),
                                       labelOpts={"position": 0.92 if color == BOUND_COLOR
                                                  else 0.8, "color": color})
                self.plot.addItem(line)
                self.markers.append(line)
        if sweep.largest_stable_lr and sweep.predicted_bound:
            ratio = sweep.largest_stable_lr / sweep.predicted_bound
            lines.append(f"Largest stable learning rate <b>{sweep.largest_stable_lr:.3g}</b>, "
                         f"{ratio:.1f}× the predicted bound 2/λ_max = "
                         f"{sweep.predicted_bound:.3g} (λ_max = {sweep.lambda_max:.3g}).")
        elif sweep.predicted_bound:
            lines.append(f"No stable rate in the range; 2/λ_max = {sweep.predicted_bound:.3g}.")
        self.summary.setText(" ".join(lines))
        self.set_status("Sweep finished.", OK_COLOR)
