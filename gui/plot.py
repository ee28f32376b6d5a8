"""The live loss plot: the current run grows in place; earlier runs stay as fainter curves."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

HISTORY_LIMIT = 8  # earlier runs kept on the plot; the oldest goes first
COLORS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189), (140, 86, 75),
          (227, 119, 194), (23, 190, 207), (188, 189, 34)]
DIVERGED_COLOR = (214, 39, 40)


class GrowingSeries:
    """Iterations and losses appended in batches into arrays that double when full."""

    def __init__(self, capacity: int = 1024):
        self.x = np.empty(capacity, dtype=np.float64)
        self.y = np.empty(capacity, dtype=np.float64)
        self.size = 0

    def append(self, x: np.ndarray, y: np.ndarray) -> None:
        needed = self.size + len(x)
        if needed > len(self.x):
            capacity = max(needed, 2 * len(self.x))
            for name in ("x", "y"):
                grown = np.empty(capacity, dtype=np.float64)
                grown[: self.size] = getattr(self, name)[: self.size]
                setattr(self, name, grown)
        self.x[self.size:needed] = x
        self.y[self.size:needed] = y
        self.size = needed

    def views(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[: self.size], self.y[: self.size]


@dataclass
class PlottedRun:
    curve: pg.PlotDataItem
    series: GrowingSeries
    color: tuple[int, int, int]
    markers: list = field(default_factory=list)


def _pen(color, width: float, alpha: int = 255):
    return pg.mkPen((*color, alpha), width=width)


class LossPlot:
    """Owns the PlotWidget (object name loss_plot) and the items on it."""

    def __init__(self, x_label: str = "iteration t"):
        self.widget = pg.PlotWidget()
        self.widget.setObjectName("loss_plot")
        self.widget.setBackground("w")
        item = self.widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.25)
        # Set on the PlotItem, not per curve: PlotItem.addItem imposes its own modes on every
        # curve it receives. Peak downsampling keeps spikes visible in a 2,000,000-point curve.
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.setLabel("bottom", x_label)
        item.setLabel("left", "loss (sum of squared errors)")
        item.getAxis("left").enableAutoSIPrefix(False)  # no "(x1e+27)" beside a log axis
        self.widget.setMinimumWidth(420)
        self.legend = item.addLegend(offset=(-10, 10), labelTextSize="11pt",
                                     labelTextColor=(30, 30, 30), brush=(255, 255, 255, 210))
        self.history: list[PlottedRun] = []
        self.current: PlottedRun | None = None
        self._runs_started = 0
        self._dirty = False
        self.set_log_y(True)

    def set_log_y(self, on: bool) -> None:
        self.widget.setLogMode(x=False, y=on)

    def start_run(self, label: str) -> None:
        if self.current is not None:
            self.finish_run(label)
        color = COLORS[self._runs_started % len(COLORS)]
        self._runs_started += 1
        curve = pg.PlotDataItem(pen=_pen(color, 3), name=label)
        self.widget.addItem(curve)
        self.current = PlottedRun(curve, GrowingSeries(), color)

    def append(self, iterations: np.ndarray, losses: np.ndarray) -> None:
        if self.current is not None and len(iterations):
            self.current.series.append(iterations, losses)
            self._dirty = True

    def redraw(self) -> None:
        """Push new points to the curve; called at display rate, not per batch."""
        if self.current is not None and self._dirty:
            x, y = self.current.series.views()
            self.current.curve.setData(x, y)
            self._dirty = False

    def mark_divergence(self, iteration: int) -> None:
        if self.current is None:
            return
        line = pg.InfiniteLine(
            pos=iteration, angle=90,
            pen=pg.mkPen(DIVERGED_COLOR, width=2, style=Qt.PenStyle.DashLine),
            label=f"diverged at t = {iteration}",
            labelOpts={"position": 0.9, "color": DIVERGED_COLOR, "fill": (255, 255, 255, 200)},
        )
        self.widget.addItem(line)
        self.current.markers.append(line)

    def finish_run(self, label: str) -> None:
        """The current run joins the history, fainter, under its final legend label."""
        self.redraw()
        run, self.current = self.current, None
        if run is None:
            return
        run.curve.setPen(_pen(run.color, 1.5, alpha=150))
        self.legend.removeItem(run.curve)
        self.legend.addItem(run.curve, label)
        self.history.append(run)
        while len(self.history) > HISTORY_LIMIT:
            self._remove(self.history.pop(0))

    def discard_run(self) -> None:
        """Remove the current run's curve: a run that was refused or failed has no record."""
        run, self.current = self.current, None
        if run is not None:
            self._remove(run)

    def clear_history(self) -> None:
        for run in self.history:
            self._remove(run)
        self.history.clear()

    def _remove(self, run: PlottedRun) -> None:
        self.legend.removeItem(run.curve)
        self.widget.removeItem(run.curve)
        for marker in run.markers:
            self.widget.removeItem(marker)

    def markers(self) -> list:
        runs = [*self.history, *([self.current] if self.current else [])]
        return [m for run in runs for m in run.markers]

    def current_points(self) -> tuple[np.ndarray, np.ndarray]:
        run = self.current or (self.history[-1] if self.history else None)
        if run is None:
            return np.empty(0), np.empty(0)
        return run.series.views()
