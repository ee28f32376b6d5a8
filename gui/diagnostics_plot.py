"""The diagnostics panel under the loss plot: lr·λ_max(t) against the line at 2, and the dead
hidden units, on the loss plot's iteration axis; and the catapult marked on the loss plot."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.axes import DIVERGED_COLOR, log_ticks, padding_for, scale_annotations, styled_plot
from gui.language import translate

SHARPNESS_COLOR = (148, 103, 189)
DEAD_COLOR = (140, 86, 75)
# The loss plot's shading of overshooting spans (engine.numerics.diagnostics.Overshoot's values): a
# catapult in amber, a divergence in the divergence's red.
OVERSHOOT_BRUSHES = {"catapult": (255, 160, 0, 55), "diverging": (214, 39, 40, 45),
                     "overshooting": (150, 150, 150, 50)}
RATIO_TOP = 1e6  # the lr·λ_max axis goes no higher
# The loss plot and the panel's plots share their x axis pixel for pixel: same left axis width.
LEFT_AXIS_WIDTH = 96


def label_room(plot: pg.PlotWidget) -> float:
    """The y range's padding that leaves half a tick label and a little more beyond the end
    ticks, at the plot's present height and font: a fixed share cut the top label of a short
    plot with presentation mode's fonts."""
    axis = plot.getPlotItem().getAxis("left")
    return padding_for(plot, 0.6 * QFontMetrics(axis.style["tickFont"] or QFont()).height())


class DiagnosticsPlot(QWidget):
    """Two thin plots X-linked to the loss plot; filled live from progress batches."""

    def __init__(self, loss_plot: pg.PlotWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("diagnostics_panel")
        self.sharpness_plot = styled_plot("", "lr·λ_max", False, True)
        self.sharpness_plot.setObjectName("sharpness_plot")
        self.dead_plot = styled_plot(translate("axes", "iteration t"),
                                     translate("axes", "dead units"), False, False)
        self.dead_plot.setObjectName("dead_units_plot")
        loss_plot.getPlotItem().getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        for plot in (self.sharpness_plot, self.dead_plot):
            plot.setXLink(loss_plot)
            plot.setMinimumHeight(120)
            plot.getPlotItem().getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        self.sharpness_plot.getPlotItem().hideAxis("bottom")
        self.limit_line = pg.InfiniteLine(
            pos=np.log10(2), angle=0, pen=pg.mkPen(DIVERGED_COLOR, width=2,
                                                    style=Qt.PenStyle.DashLine),
            label=translate("axes", "2: stable "
                                    "below"), labelOpts={"position": 0.08, "color": DIVERGED_COLOR,
                                                "anchors": [(0, 1), (0, 1)]})
        self.sharpness_plot.addItem(self.limit_line)
        self.sharpness_curve = self.sharpness_plot.plot(
            pen=pg.mkPen(SHARPNESS_COLOR, width=2), symbol="o", symbolSize=5,
            symbolBrush=SHARPNESS_COLOR, symbolPen=None)
        self.dead_curve = self.dead_plot.plot(pen=pg.mkPen(DEAD_COLOR, width=2))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sharpness_plot, 1)
        layout.addWidget(self.dead_plot, 1)
        self.hidden = 0
        for plot in (self.sharpness_plot, self.dead_plot):  # taller or shorter: room again
            plot.getPlotItem().getViewBox().sigResized.connect(self.fit_axes)
        self.clear()

    def set_axis_scale(self, loss_plot: pg.PlotWidget, scale: float) -> None:
        """Wider left axes for larger fonts, on the loss plot and here alike; the line at 2's
        label in the same size."""
        scale_annotations([self.limit_line], scale)
        for plot in (loss_plot, self.sharpness_plot, self.dead_plot):
            plot.getPlotItem().getAxis("left").setWidth(round(LEFT_AXIS_WIDTH * scale))

    def clear(self, learning_rate: float = 0.0, hidden: int = 0) -> None:
        self.learning_rate = learning_rate
        if hidden:  # 0 to H, all of it: the top tick label stays inside the plot
            self.hidden = hidden
            self.fit_dead_axis()
        self.sharpness_t: list[int] = []
        self.ratios: list[float] = []
        self.dead: list[float] = []
        self.sharpness_curve.setData([], [])
        self.dead_curve.setData([], [])

    def append(self, chunk: dict) -> None:
        """A progress batch's diagnostics (engine.numerics.diagnostics.Diagnostics.since)."""
        finite = np.isfinite(chunk["sharpness"])
        self.sharpness_t.extend(int(t) for t in chunk["sharpness_iterations"][finite])
        self.ratios.extend(float(v) * self.learning_rate for v in chunk["sharpness"][finite])
        self.dead.extend(float(v) for v in chunk["dead_units"])

    def redraw(self) -> None:
        self.sharpness_curve.setData(self.sharpness_t, self.ratios)
        self.dead_curve.setData(np.arange(len(self.dead)), self.dead)
        self.fit_ratio_axis()

    def fit_axes(self) -> None:
        self.fit_dead_axis()
        self.fit_ratio_axis()

    def fit_dead_axis(self) -> None:
        if self.hidden:
            self.dead_plot.setYRange(0, self.hidden, padding=label_room(self.dead_plot))

    def fit_ratio_axis(self) -> None:
        """The lr·λ_max axis: the measured ratios and the line at 2, with room either side
        (a constant 1.96 beside a single tick "2" looked far below it), and a few readable
        ticks that always include 2 (eight decades of a 1-2-5 ladder piled into a blob)."""
        ratios = [r for r in self.ratios if r > 0]
        low = min([*ratios, 2.0]) / 3
        # A diverging run's sharpness reaches 1e90 and beyond: the axis stops at RATIO_TOP
        # (the curve leaves it upwards; the explanation quotes the numbers).
        high = min(max([*ratios, 2.0]) * 3, RATIO_TOP)
        axis = self.sharpness_plot.getPlotItem().getAxis("left")
        axis.setTicks([log_ticks(low, high, keep=2.0)])
        # Room beyond the end ticks for half a label each: the top tick's label was cut.
        self.sharpness_plot.setYRange(np.log10(low), np.log10(high),
                                      padding=label_room(self.sharpness_plot))

    def show_result(self, result) -> None:
        """A finished run's diagnostics, whole (an engine.core.result.RunResult)."""
        d = result.diagnostics
        self.clear(result.config.learning_rate, result.config.hidden)
        self.append({name: np.asarray(d[name]) for name in
                     ("sharpness_iterations", "sharpness", "dead_units")})
        self.redraw()
