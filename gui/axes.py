"""Plots readable from the back of a room: styled axes whose every tick has a label, and the
fonts that presentation mode scales."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from gui.hover import HoverReadout

COLORS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189), (140, 86, 75),
          (227, 119, 194), (23, 190, 207), (188, 189, 34)]
DIVERGED_COLOR = (214, 39, 40)
DEVICE_COLORS = {"cpu": COLORS[0], "gpu": COLORS[1]}  # a device's colour in every tool


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


def tick_label(value: float) -> str:
    """A log axis's label in one notation: plain between 0.001 and 1000 ("0.2", "2", "500"),
    powers of ten beyond ("10⁸", "5×10⁸"), never "5e+08" beside "10⁸"."""
    if 1e-3 <= value < 1e3:
        return f"{value:g}"
    exponent = math.floor(math.log10(value) + 1e-9)
    mantissa = round(value / 10.0**exponent, 2)
    if mantissa >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    head = "" if mantissa == 1 else f"{mantissa:g}×"
    return head + (f"10{str(exponent).translate(SUPERSCRIPT)}" if head else
                   power_of_ten(exponent))


def log_ticks(low: float, high: float, most: int = 6, keep: float | None = None
              ) -> list[tuple[float, str]]:
    """Ticks (log10 position, label) for values low..high: a 1-2-5 ladder over a span of under
    2.5 decades, else every k-th decade, at most `most` of them; `keep` (lr·λ_max's 2) is
    always among them."""
    lo, hi = math.log10(low), math.log10(high)
    if hi - lo <= 2.5:  # a ladder: 1-2-5, or finer where the span is under a decade
        steps = (1, 1.5, 2, 3, 5, 7) if hi - lo < 1 else (1, 2, 5)
        values = [m * 10.0**e for e in range(math.floor(lo) - 1, math.ceil(hi) + 1)
                  for m in steps if lo <= math.log10(m) + e <= hi]
        while len(values) > most:
            values = values[::2]
        apart = 0.1
    else:
        step = max(1, math.ceil((hi - lo) / most))
        values = [10.0**e for e in range(math.ceil(lo), math.floor(hi) + 1) if e % step == 0]
        apart = 0.45  # decades: 1 beside 2 would crowd a short axis
    if keep is not None and lo <= math.log10(keep) <= hi:
        values = sorted({*(v for v in values if abs(math.log10(v / keep)) > apart), keep})
    return [(math.log10(v), tick_label(v)) for v in values]


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
                labels.append(tick_label(10.0 ** v))
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
    plot.hover = HoverReadout(plot)
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
    keep_left_title_whole(plot)


def padding_for(plot: pg.PlotWidget, pixels: float, least: float = 0.0) -> float:
    """The share of a y range to pad each side with (pyqtgraph's `padding`) for `pixels` of
    room at the plot's present height (at least `least`)."""
    height = plot.getPlotItem().getViewBox().height()
    return max(least, min(0.4, pixels / max(height - 2 * pixels, 1.0)))


def keep_left_title_whole(plot: pg.PlotWidget) -> None:
    """A plot at least as tall as its left axis title (drawn along the axis) and the bottom
    axis under it: a splitter squeezed "loss (sum of squares)" to "loss (sum of squa" in
    presentation mode."""
    item = plot.getPlotItem()
    left, bottom = item.getAxis("left"), item.getAxis("bottom")
    title = left.label.boundingRect().width() if left.labelText else 0
    under = bottom.height() if bottom.isVisible() else 0
    if not hasattr(plot, "base_minimum_height"):  # what its owner asked for, kept
        plot.base_minimum_height = plot.minimumHeight()
    plot.setMinimumHeight(max(plot.base_minimum_height, round(title + under + 16)))


ANNOTATION_POINTS = 11  # a plot's notes ("diverged at t = 8", "2: stable below") at scale 1


def scale_annotations(items, scale: float) -> None:
    """Text items and line labels on a plot, in presentation mode's size."""
    font = QFont()
    font.setPointSizeF(ANNOTATION_POINTS * scale)
    for item in items:
        if isinstance(item, pg.TextItem):
            item.setFont(font)
        elif isinstance(item, pg.InfiniteLine) and item.label is not None:
            item.label.setFont(font)
