"""The hover readout every plot has: the nearest point of any curve under the mouse, as one
marker and one label moved on the scene's sigMouseMoved.

Each curve's x is sorted (iterations, seconds, learning rates, sizes), so the nearest point is
found by np.searchsorted in a few microseconds at 10⁶ points; a hoverable scatter would scan
every point on every move."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

from gui.language import translate

REACH_PIXELS = 40  # the nearest point farther than this from the mouse: no readout
Curve = tuple[object, np.ndarray, np.ndarray]  # (key, x, y) in data coordinates


def nearest_index(x: np.ndarray, value: float) -> list[int]:
    """The indices either side of `value` in a sorted x (one at either end)."""
    at = int(np.searchsorted(x, value))
    return [i for i in (at - 1, at) if 0 <= i < len(x)]


class HoverReadout:
    """Owns a marker and a label on `plot`. `curves()` gives the curves to search (by default
    the plot's own PlotDataItems, as they were handed their data); `describe(key, index)`
    words the point found (by default the axes' labels with the two values)."""

    def __init__(self, plot: pg.PlotWidget,
                 curves: Callable[[], Iterable[Curve]] | None = None,
                 describe: Callable[[object, int], str] | None = None):
        self._plot = weakref.ref(plot)  # the plot owns this (plot.hover): no cycle back to it
        self.curves = curves or self._plot_curves
        self.describe = describe or self._describe_by_axes
        # In the view box itself, in view coordinates (log10 where an axis is logarithmic):
        # neither is one of the plot's data items, nor counts in its auto-range.
        self.marker = pg.ScatterPlotItem(symbol="o", size=11, brush=None,
                                         pen=pg.mkPen((20, 20, 20), width=2))
        self.label = pg.TextItem(color=(20, 20, 20), fill=(255, 255, 255, 230),
                                 border=pg.mkPen((120, 120, 120)), anchor=(0, 1))
        for item in (self.marker, self.label):
            item.setZValue(1000)
            plot.getPlotItem().getViewBox().addItem(item, ignoreBounds=True)
            item.hide()
        self.found: tuple[object, int] | None = None
        plot.scene().sigMouseMoved.connect(self.moved)

    @property
    def plot(self) -> pg.PlotWidget:
        return self._plot()

    def _logs(self) -> tuple[bool, bool]:
        item = self.plot.getPlotItem()
        return bool(item.getAxis("bottom").logMode), bool(item.getAxis("left").logMode)

    def _plot_curves(self) -> Iterable[Curve]:
        for item in self.plot.getPlotItem().listDataItems():
            if not isinstance(item, pg.PlotDataItem) or not item.isVisible():
                continue
            x, y = item.getOriginalDataset()
            if x is not None and y is not None and len(x):
                yield item, np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)

    def _describe_by_axes(self, key, index: int) -> str:
        item = self.plot.getPlotItem()
        x, y = key.getOriginalDataset()
        names = [item.getAxis(side).labelText or side for side in ("bottom", "left")]
        name = key.name() if hasattr(key, "name") and key.name() else ""
        return (f"{name}\n" if name else "") + translate("hover", "{x_name} {x:.4g}, {y_name} "
                                                                  "{y:.4g}").format(
            x_name=names[0], x=float(x[index]), y_name=names[1], y=float(y[index]))

    def view_point(self, x: float, y: float) -> tuple[float, float]:
        log_x, log_y = self._logs()
        with np.errstate(divide="ignore", invalid="ignore"):
            return (float(np.log10(x)) if log_x else x), (float(np.log10(y)) if log_y else y)

    def moved(self, scene_position) -> None:
        plot = self.plot
        if plot is None or plot.getPlotItem() is None:  # closed: pyqtgraph drops its PlotItem
            return
        box = plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(scene_position):
            self.hide()
            return
        mouse = box.mapSceneToView(scene_position)
        log_x, _ = self._logs()
        best, best_distance = None, float(REACH_PIXELS)
        for key, x, y in self.curves():
            with np.errstate(divide="ignore", invalid="ignore"):
                target = 10.0 ** mouse.x() if log_x else mouse.x()
            for index in nearest_index(x, target):
                vx, vy = self.view_point(x[index], y[index])
                if not (np.isfinite(vx) and np.isfinite(vy)):
                    continue
                at = box.mapViewToScene(QPointF(vx, vy))
                distance = float(np.hypot(at.x() - scene_position.x(),
                                          at.y() - scene_position.y()))
                if distance < best_distance:
                    best, best_distance = (key, index, x[index], y[index]), distance
        if best is None:
            self.hide()
            return
        key, index, x_value, y_value = best
        self.found = (key, index)
        vx, vy = self.view_point(x_value, y_value)
        self.marker.setData([vx], [vy])
        self.label.setText(self.describe(key, index))
        (left, right), _ = box.viewRange()
        self.label.setAnchor((1, 1) if vx > (left + right) / 2 else (0, 1))
        self.label.setPos(vx, vy)
        self.marker.show()
        self.label.show()

    def hide(self) -> None:
        self.found = None
        self.marker.hide()
        self.label.hide()
