"""The live loss plot: the current run grows in place; earlier runs stay as fainter curves."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

VISIBLE_LIMIT = 8  # runs shown at once by default: a new run hides the oldest shown one
DISPLAY_POINTS = 16_384  # at most this many points per curve reach pyqtgraph
PREALLOCATED_POINTS = 4_000_000  # a longer run's arrays start here and double
COLORS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189), (140, 86, 75),
          (227, 119, 194), (23, 190, 207), (188, 189, 34)]
DIVERGED_COLOR = (214, 39, 40)
DIVERGED_TAIL = 100.0  # a diverged run counts in the y range up to this × its first loss


class GrowingSeries:
    """Iterations and losses appended in batches into arrays that double when full.

    `display()` gives what the curve is handed: the points themselves while there are few,
    else a peak-decimated copy (each block's minimum and maximum, so every spike stays
    visible) of at most DISPLAY_POINTS points, extended block by block as batches arrive.
    Handing pyqtgraph millions of points on every redraw cost 20-40 ms of GUI time a frame.
    """

    def __init__(self, capacity: int = 1024):
        self.x = np.empty(capacity, dtype=np.float64)
        self.y = np.empty(capacity, dtype=np.float64)
        self.size = 0
        self._block = 1  # points per decimation block; a power of two
        self._decimated_x = np.empty(0)
        self._decimated_y = np.empty(0)
        self._decimated_upto = 0  # points already folded into whole blocks

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

    def compact(self) -> None:
        """A finished run grows no more: give back the room its arrays kept for growth."""
        self.x, self.y = self.x[: self.size].copy(), self.y[: self.size].copy()

    def display(self) -> tuple[np.ndarray, np.ndarray]:
        if self.size <= DISPLAY_POINTS:
            return self.views()
        block = self._block
        while 2 * (self.size // block) > DISPLAY_POINTS:
            block *= 2
        if block != self._block:  # coarser blocks: fold everything again, from the start
            self._block, self._decimated_upto = block, 0
            self._decimated_x, self._decimated_y = np.empty(0), np.empty(0)
        whole = (self.size - self._decimated_upto) // block * block
        if whole:
            start, stop = self._decimated_upto, self._decimated_upto + whole
            ys = self.y[start:stop].reshape(-1, block)
            xs = np.repeat(self.x[start:stop:block], 2)
            peaks = np.column_stack((ys.min(axis=1), ys.max(axis=1))).ravel()
            self._decimated_x = np.concatenate((self._decimated_x, xs))
            self._decimated_y = np.concatenate((self._decimated_y, peaks))
            self._decimated_upto = stop
        tail = slice(self._decimated_upto, self.size)
        return (np.concatenate((self._decimated_x, self.x[tail])),
                np.concatenate((self._decimated_y, self.y[tail])))


@dataclass
class PlottedRun:
    curve: pg.PlotDataItem
    series: GrowingSeries  # (iteration t, loss)
    color: tuple[int, int, int]
    markers: list = field(default_factory=list)
    diverged: bool = False
    seconds: GrowingSeries | None = None  # (seconds into the loop, loss)
    raw_curve: pg.PlotDataItem | None = None  # the faint unsmoothed curve under a smoothed one
    number: int = 0  # the session's run number
    visible: bool = True
    last_elapsed: float = 0.0

    def y_extent(self, log_y: bool) -> tuple[float, float] | None:
        """The losses the y range must show. A diverged run's tail (up to 1e300) is left out
        above DIVERGED_TAIL × its first loss, so that it does not flatten the other runs."""
        _, y = self.series.views()
        y = y[np.isfinite(y)]
        if log_y:
            y = y[y > 0]
        if not len(y):
            return None
        high = y.max()
        if self.diverged:
            kept = y[y <= DIVERGED_TAIL * abs(y[0])]
            high = kept.max() if len(kept) else y[0]
        return float(y.min()), float(high)


def limit_y_range(plot: pg.PlotWidget, log_y: bool) -> None:
    """Keep the y range inside what the axes can label.

    A diverging run's last finite losses reach 1e300 and more; with auto-range padding a
    log axis then asked for tick labels at 10**309 (overflow in pyqtgraph's tick code). The
    view stops at 1e300 (log: 300 decades either way); the values stay as they are.
    """
    if log_y:
        plot.getPlotItem().getViewBox().setLimits(yMin=-300, yMax=300)
    else:
        plot.getPlotItem().getViewBox().setLimits(yMin=-1e300, yMax=1e300)


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
LABEL_SHARE = 0.6  # tick labels fill at most this share of a log axis (pyqtgraph drops more)


def power_of_ten(exponent: int) -> str:
    return {0: "1", 1: "10"}.get(exponent, f"10{str(exponent).translate(SUPERSCRIPT)}")


class LogAxis(pg.AxisItem):
    """A log axis whose every tick has a readable label.

    pyqtgraph labels a log axis by its own levels and drops a level whose labels would fill
    too much of the axis; with a desktop's fonts under X that dropped every label below 1 on
    the loss axis. Here the ticks are chosen to fit: decades (every k-th, when the labels of
    all of them would not fit), or a 1-2-5 ladder when the range spans under two decades.
    """

    def _label_extent(self) -> float:
        metrics = QFontMetrics(self.style["tickFont"] or QFont())
        if self.orientation in ("left", "right"):
            return metrics.height() * 1.2
        return metrics.horizontalAdvance("10⁻¹⁰ " if self.logMode else "0000") * 1.1

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph's name)
        low, high = sorted((minVal, maxVal))
        extent = self._label_extent()
        # A label centred on a tick at the very end of the axis would be cut in half, or run
        # into the plot beside it: no tick within half a label of either end.
        margin = 0.5 * extent * (high - low) / max(size, 1)
        if not self.logMode:
            levels = super().tickValues(minVal, maxVal, size)
            if self.orientation not in ("left", "right"):
                return levels  # pyqtgraph keeps a horizontal axis's end labels inside
            return [(spacing, [v for v in values if low + margin <= v <= high - margin])
                    for spacing, values in levels]
        room = max(1, int(size * LABEL_SHARE / extent))
        low, high = low + margin, high - margin
        first, last = math.ceil(low), math.floor(high)
        if last - first + 1 >= 2:
            step = max(1, math.ceil((last - first + 1) / room))
            return [(float(step), [float(v) for v in range(first, last + 1) if v % step == 0])]
        ladder = [math.log10(m) + e for e in range(math.floor(low) - 1, math.ceil(high) + 1)
                  for m in (1, 2, 5)]
        values = [v for v in ladder if low <= v <= high]
        while len(values) > room:
            values = values[::2]
        return [(0.3, values)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        if not self.logMode:
            return super().tickStrings(values, scale, spacing)
        labels = []
        for v in values:
            if abs(v - round(v)) < 1e-9:
                labels.append(power_of_ten(int(round(v))))
            else:
                labels.append(f"{10.0 ** v:.3g}")
        return labels


def styled_plot(x_label: str, y_label: str, log_x: bool, log_y: bool) -> pg.PlotWidget:
    """A plot readable from the back of a room and cheap to repaint.

    No grid, and ticks at the labelled (major) ticks only. A grid is replayed with its axis
    on every repaint: with the minor lines of a log axis it took ~25 ms a frame, and even a
    major-only grid slowed a tutorial-sized run in the window by ~15 % on a 2-core machine
    (the GUI thread's painting takes a core from the BLAS threads).
    """
    plot = pg.PlotWidget(axisItems={"left": LogAxis("left"), "bottom": LogAxis("bottom")})
    plot.setBackground("w")
    item = plot.getPlotItem()
    font = QFont()
    font.setPointSize(TICK_POINTS)
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        axis.setStyle(maxTickLevel=0, tickFont=font)
        axis.setTextPen((40, 40, 40))
        axis.setPen((90, 90, 90))
        axis.enableAutoSIPrefix(False)  # no "(x1e+27)" beside a log axis
    style = {"font-size": f"{LABEL_POINTS}pt", "color": "#333"}
    item.setLabel("bottom", x_label, **style)
    item.setLabel("left", y_label, **style)
    plot.setLogMode(x=log_x, y=log_y)
    limit_y_range(plot, log_y)
    plot.setMinimumWidth(300)
    return plot


TICK_POINTS, LABEL_POINTS = 12, 13  # axis fonts at scale 1


def scale_plot_fonts(plot: pg.PlotWidget, scale: float) -> None:
    """A styled plot's tick and axis-title fonts × scale (presentation mode)."""
    item = plot.getPlotItem()
    font = QFont()
    font.setPointSizeF(TICK_POINTS * scale)
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        axis.setStyle(tickFont=font)
        if axis.labelText:
            axis.setLabel(axis.labelText, **{"font-size": f"{LABEL_POINTS * scale:.0f}pt",
                                              "color": "#333"})
    legend = item.legend
    if legend is not None:
        legend.setLabelTextSize(f"{11 * scale:.0f}pt")


def _pen(color, width: float, alpha: int = 255):
    return pg.mkPen((*color, alpha), width=width)


def smooth(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's debiased exponential moving average: last = last·w + (1−w)·y and
    y_smooth = last / (1 − w^k), k counting the finite points so far; non-finite points pass
    through unchanged (and leave `last` as it was)."""
    from scipy.signal import lfilter

    values = np.asarray(values, dtype=np.float64)
    if weight <= 0 or not len(values):
        return values.copy()
    out = values.copy()
    finite = np.isfinite(values)
    y = values[finite]
    if len(y):
        last = lfilter([1 - weight], [1, -weight], y)  # last_k, from last_0 = 0
        k = np.arange(1, len(y) + 1)
        out[finite] = last / (1 - weight ** k)
    return out


class LossPlot:
    """Owns the PlotWidget (object name loss_plot) and the items on it: the current run, and
    every earlier run of the session that the run table keeps (shown or hidden)."""

    def __init__(self, x_label: str = "iteration t"):
        self.widget = styled_plot(x_label, "loss (sum of squares)", False, True)
        self.widget.setObjectName("loss_plot")
        item = self.widget.getPlotItem()
        # Set on the PlotItem, not per curve: PlotItem.addItem imposes its own modes on every
        # curve it receives. Peak downsampling keeps spikes visible in a 2,000,000-point curve.
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        self.legend = item.addLegend(offset=(-10, 10), labelTextSize="11pt",
                                     labelTextColor=(30, 30, 30), brush=(255, 255, 255, 210))
        self.history: list[PlottedRun] = []
        self.current: PlottedRun | None = None
        self._runs_started = 0
        self._dirty = False
        self._y_range: tuple[float, float] | None = None
        self.x_mode = "iteration"  # or "seconds": seconds into the loop
        self.smoothing = 0.0
        self.pen_scale = 1.0
        self.set_log_y(True)
        # Before the first run: the tutorial's iterations and losses, not pyqtgraph's 0..1.
        self.widget.setXRange(0, 500, padding=0.02)
        self.widget.setYRange(-6, 8, padding=0.02)

    def runs(self) -> list[PlottedRun]:
        return [*self.history, *([self.current] if self.current else [])]

    def set_log_y(self, on: bool) -> None:
        self.log_y = on
        self.widget.setLogMode(x=False, y=on)
        limit_y_range(self.widget, on)
        self._y_range = None
        self.fit_y()

    def fit_y(self) -> None:
        """Set the y range from the shown runs' extents (pyqtgraph's auto-range would include
        a diverged run's enormous tail, and hidden runs)."""
        runs = [run for run in self.runs() if run.visible]
        extents = [e for e in (run.y_extent(self.log_y) for run in runs) if e is not None]
        if not extents:
            return
        low, high = min(e[0] for e in extents), max(e[1] for e in extents)
        if self.log_y:
            low, high = np.log10(low), np.log10(high)
        wanted = (low, high)
        if wanted != self._y_range:
            self._y_range = wanted
            self.widget.getPlotItem().getViewBox().enableAutoRange(y=False)
            self.widget.setYRange(low, high, padding=0.05)

    def start_run(self, label: str, iterations: int = 0, number: int = 0) -> None:
        """A new current curve; `iterations` (the run's total) sizes its arrays up front."""
        if self.current is not None:
            self.finish_run(label)
        color = COLORS[self._runs_started % len(COLORS)]
        self._runs_started += 1
        curve = pg.PlotDataItem(pen=_pen(color, 3 * self.pen_scale), name=label)
        # One peak bin (its minimum and maximum) per pixel shows every spike, and draws a fifth
        # of pyqtgraph's default of five bins per pixel: a 2,000,000-point curve paints in a
        # few milliseconds instead of ~25.
        curve.opts["autoDownsampleFactor"] = 1.0
        self.widget.addItem(curve)
        capacity = min(max(iterations, 1024), PREALLOCATED_POINTS)
        self.current = PlottedRun(curve, GrowingSeries(capacity), color,
                                  seconds=GrowingSeries(capacity), number=number)
        self._show_raw(self.current)

    def append(self, iterations: np.ndarray, losses: np.ndarray,
               elapsed: float | None = None) -> None:
        run = self.current
        if run is not None and len(iterations):
            run.series.append(iterations, losses)
            if elapsed is not None:  # a batch's iterations spread evenly over its time
                seconds = np.linspace(run.last_elapsed, elapsed, len(losses) + 1)[1:]
                run.seconds.append(seconds, losses)
                run.last_elapsed = elapsed
            self._dirty = True

    def redraw(self) -> None:
        """Push new points to the curve; called at display rate, not per batch."""
        if self.current is not None and self._dirty:
            self._draw(self.current)
            self._dirty = False
            self.fit_y()

    def _draw(self, run: PlottedRun) -> None:
        series = run.seconds if self.x_mode == "seconds" and run.seconds else run.series
        x, y = series.display()
        if self.smoothing > 0:
            run.curve.setData(x, smooth(y, self.smoothing))
            if run.raw_curve is not None:
                run.raw_curve.setData(x, y)
        else:
            run.curve.setData(x, y)

    def _show_raw(self, run: PlottedRun) -> None:
        """With smoothing on, a faint raw curve under the smoothed one; none without."""
        if self.smoothing > 0 and run.raw_curve is None:
            run.raw_curve = pg.PlotDataItem(pen=_pen(run.color, 1 * self.pen_scale, alpha=60))
            run.raw_curve.opts["autoDownsampleFactor"] = 1.0
            self.widget.addItem(run.raw_curve)
            run.raw_curve.setVisible(run.visible)
        elif self.smoothing <= 0 and run.raw_curve is not None:
            self.widget.removeItem(run.raw_curve)
            run.raw_curve = None

    # --- what the run table and the controls change -----------------------------------------

    def set_x_mode(self, mode: str) -> None:
        """"iteration" or "seconds"; the markers (iteration positions) show in the first only."""
        self.x_mode = mode
        for run in self.runs():
            self._draw(run)
            for marker in run.markers:
                marker.setVisible(run.visible and mode == "iteration")
        self.widget.getPlotItem().setLabel(
            "bottom", "iteration t" if mode == "iteration" else "seconds into the loop",
            **{"font-size": f"{13 * self.pen_scale:.0f}pt", "color": "#333"})
        self.widget.getPlotItem().getViewBox().enableAutoRange(x=True)

    def set_smoothing(self, weight: float) -> None:
        self.smoothing = weight
        for run in self.runs():
            self._show_raw(run)
            self._draw(run)

    def set_pen_scale(self, scale: float) -> None:
        """Thicker curves for a projector (presentation mode)."""
        self.pen_scale = scale
        for run in self.runs():
            width = 3 if run is self.current else 1.5
            run.curve.setPen(_pen(run.color, width * scale, 255 if run is self.current else 150))
            if run.raw_curve is not None:
                run.raw_curve.setPen(_pen(run.color, scale, alpha=60))

    def set_visible(self, run: PlottedRun, visible: bool) -> None:
        run.visible = visible
        for item in (run.curve, run.raw_curve, *run.markers):
            if item is not None:
                item.setVisible(visible and (item in (run.curve, run.raw_curve)
                                             or self.x_mode == "iteration"))
        self.fit_y()

    def set_labels(self, labels: dict[int, str]) -> None:
        """The legend: the shown runs, under the labels given (by run number)."""
        self.legend.clear()
        for run in self.runs():
            if run.visible and run.number in labels:
                self.legend.addItem(run.curve, labels[run.number])

    def remove(self, run: PlottedRun) -> None:
        if run in self.history:
            self.history.remove(run)
        self._remove(run)
        self.fit_y()

    def mark_span(self, first: int, last: int, label: str, brush) -> None:
        """Shade iterations first..last of the current run (the catapult's overshooting steps)."""
        if self.current is None:
            return
        region = pg.LinearRegionItem(values=(first - 0.5, last + 0.5), movable=False,
                                     brush=brush, pen=pg.mkPen(None))
        region.setZValue(-10)
        self.widget.addItem(region)
        self.current.markers.append(region)
        if label:
            text = pg.TextItem(label, color=DIVERGED_COLOR, anchor=(0, 0))
            text.setPos(last + 0.5, self._y_range[1] if self._y_range else 0)
            self.widget.addItem(text)
            self.current.markers.append(text)

    def mark_divergence(self, iteration: int) -> None:
        if self.current is None:
            return
        self.current.diverged = True
        _, y = self.current.series.views()
        if len(y):  # the last finite loss, where the curve ends
            end = pg.PlotDataItem([iteration - 1], [y[-1]], pen=None, symbol="x",
                                  symbolSize=16, symbolPen=pg.mkPen(DIVERGED_COLOR, width=3))
            self.widget.addItem(end)
            self.current.markers.append(end)
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
        run.series.compact()
        if run.seconds is not None:
            run.seconds.compact()
        run.curve.setPen(_pen(run.color, 1.5 * self.pen_scale, alpha=150))
        self.legend.removeItem(run.curve)
        self.legend.addItem(run.curve, label)
        self.history.append(run)
        self.fit_y()

    def discard_run(self) -> None:
        """Remove the current run's curve: a run that was refused or failed has no record."""
        run, self.current = self.current, None
        if run is not None:
            self._remove(run)

    def clear_history(self) -> None:
        for run in self.history:
            self._remove(run)
        self.history.clear()
        self._y_range = None

    def _remove(self, run: PlottedRun) -> None:
        self.legend.removeItem(run.curve)
        self.widget.removeItem(run.curve)
        if run.raw_curve is not None:
            self.widget.removeItem(run.raw_curve)
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
