"""The live loss plot, a view of the session's RunHistory: the current run grows in place;
the history's runs stay as fainter curves, shown or hidden as the history says."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui.axes import COLORS, DIVERGED_COLOR, limit_y_range, scale_annotations, styled_plot
from gui.history import Change, RunHistory
from gui.labels import legend_labels
from gui.language import follow_language, translate
from gui.series import PREALLOCATED_POINTS, GrowingSeries, smooth, y_extent

VISIBLE_LIMIT = 8  # runs shown at once by default: a new run hides the oldest shown one


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
    planned: int = 0  # the iterations the run was started for
    diverged_at: int | None = None

    def y_extent(self, log_y: bool) -> tuple[float, float] | None:
        return y_extent(self.series, log_y, self.diverged)

    def x_extent(self, mode: str, running: bool) -> float:
        """How far the x axis must reach for this run: while it runs, the iterations it was
        started for; once done, those it lasted (a diverged run, to its last finite loss); in
        seconds, the loop time so far."""
        if mode == "seconds":
            return self.last_elapsed
        if self.diverged_at is not None:
            return float(max(self.diverged_at, 1))
        done = self.series.size
        return float(max(self.planned if running else done, done, 1))


def _pen(color, width: float, alpha: int = 255):
    return pg.mkPen((*color, alpha), width=width)


class LossPlot:
    """Owns the PlotWidget (object name loss_plot) and the items on it: the current run, and
    a curve for every run the history keeps (shown or hidden, as the history says)."""

    def __init__(self, history: RunHistory):
        self.history = history
        history.subscribe(self._on_history)
        self.widget = styled_plot(translate("axes", "iteration t"),
                                  translate("axes", "loss (sum of squares)"), False, True)
        self.widget.setObjectName("loss_plot")
        follow_language(self.widget, self.relabel)  # the legend's words
        item = self.widget.getPlotItem()
        # Set on the PlotItem, not per curve: PlotItem.addItem imposes its own modes on every
        # curve it receives. Peak downsampling keeps spikes visible in a 2,000,000-point curve.
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        self.legend = item.addLegend(offset=(-10, 10), labelTextSize="11pt",
                                     labelTextColor=(30, 30, 30), brush=(255, 255, 255, 210))
        self._finished: dict[int, PlottedRun] = {}  # by run number, as the history numbers
        self.current: PlottedRun | None = None
        self._runs_started = 0
        self._dirty = False
        self._y_range: tuple[float, float] | None = None
        self.x_mode = "iteration"  # or "seconds": seconds into the loop
        self.smoothing = 0.0
        self.pen_scale = 1.0
        self.text_scale = 1.0
        self.set_log_y(True)
        # Before the first run: the tutorial's iterations and losses, not pyqtgraph's 0..1.
        self.widget.setXRange(0, 500, padding=0.02)
        self.widget.setYRange(-6, 8, padding=0.02)

    @property
    def finished(self) -> list[PlottedRun]:
        """The curves of the history's runs, oldest first."""
        return list(self._finished.values())

    def runs(self) -> list[PlottedRun]:
        return [*self._finished.values(), *([self.current] if self.current else [])]

    def _on_history(self, change: Change, numbers: list[int]) -> None:
        """What the history changed, drawn: removed runs' curves go, shown or hidden runs
        follow their entries, and the legend names what differs between the shown runs."""
        if change == Change.REMOVED:
            for number in numbers:
                run = self._finished.pop(number, None)
                if run is not None:
                    self._remove(run)
            if not self._finished:
                self._y_range = None
        elif change == Change.SHOWN:
            for number in numbers:
                entry, run = self.history.get(number), self._finished.get(number)
                if entry is not None and run is not None:
                    self.set_visible(run, entry.shown)
        self.relabel()
        self.fit_y()
        self.fit_x()

    def relabel(self) -> None:
        """The legend names only what differs between the shown runs."""
        self.set_labels(legend_labels(self.history.shown()))

    def set_log_y(self, on: bool) -> None:
        self.log_y = on
        self.widget.setLogMode(x=False, y=on)
        limit_y_range(self.widget, on)
        self._y_range = None
        self.fit_y()

    def fit_y(self) -> None:
        """Set the y range from the shown runs' extents (pyqtgraph's auto-range would include
        a diverged run's enormous tail, and hidden runs). A diverged run shown alone keeps its
        whole curve, its last finite loss on screen; beside others its tail is left out."""
        runs = [run for run in self.runs() if run.visible]
        alone = len(runs) == 1
        extents = [e for e in (y_extent(run.series, self.log_y, run.diverged and not alone)
                               for run in runs) if e is not None]
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
            self.discard_run()
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
                                  seconds=GrowingSeries(capacity), number=number,
                                  planned=iterations)
        self._show_raw(self.current)
        self.fit_x()

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
            if self.x_mode == "seconds":
                self.fit_x()

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
            "bottom", translate("axes", "iteration t") if mode == "iteration"
            else translate("axes", "seconds into the loop"),
            **{"font-size": f"{13 * self.pen_scale:.0f}pt", "color": "#333"})
        self.fit_x()

    def set_smoothing(self, weight: float) -> None:
        self.smoothing = weight
        for run in self.runs():
            self._show_raw(run)
            self._draw(run)

    def set_text_scale(self, scale: float) -> None:
        """The plot's notes (catapult, divergence) in presentation mode's size."""
        self.text_scale = scale
        scale_annotations(self.markers(), scale)

    def set_pen_scale(self, scale: float) -> None:
        """Thicker curves for a projector (presentation mode)."""
        self.pen_scale = scale
        for run in self.runs():
            width = 3 if run is self.current else 1.5
            run.curve.setPen(_pen(run.color, width * scale, 255 if run is self.current else 150))
            if run.raw_curve is not None:
                run.raw_curve.setPen(_pen(run.color, scale, alpha=60))

    def fit_x(self) -> None:
        """The x axis fits the shown runs: their iterations (or seconds), from 0 (a range set
        once, with clipping to the view, cut a 2000-iteration run at 500)."""
        extents = [run.x_extent(self.x_mode, run is self.current) for run in self.runs()
                   if run.visible]
        if extents:
            self.widget.getPlotItem().getViewBox().enableAutoRange(x=False)
            self.widget.setXRange(0, max(max(extents), 1e-6), padding=0.02)

    def set_visible(self, run: PlottedRun, visible: bool) -> None:
        run.visible = visible
        for item in (run.curve, run.raw_curve, *run.markers):
            if item is not None:
                item.setVisible(visible and (item in (run.curve, run.raw_curve)
                                             or self.x_mode == "iteration"))
        self.fit_y()
        self.fit_x()

    def set_labels(self, labels: dict[int, str]) -> None:
        """The legend: the shown runs, under the labels given (by run number)."""
        self.legend.clear()
        for run in self.runs():
            if run.visible and run.number in labels:
                self.legend.addItem(run.curve, labels[run.number])

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
            scale_annotations([text], self.text_scale)
            text.setPos(last + 0.5, self._y_range[1] if self._y_range else 0)
            self.widget.addItem(text)
            self.current.markers.append(text)

    def mark_divergence(self, iteration: int) -> None:
        if self.current is None:
            return
        self.current.diverged = True
        self.current.diverged_at = iteration
        _, y = self.current.series.views()
        if len(y):  # the last finite loss, where the curve ends
            end = pg.PlotDataItem([iteration - 1], [y[-1]], pen=None, symbol="x",
                                  symbolSize=16, symbolPen=pg.mkPen(DIVERGED_COLOR, width=3))
            self.widget.addItem(end)
            self.current.markers.append(end)
        line = pg.InfiniteLine(
            pos=iteration, angle=90,
            pen=pg.mkPen(DIVERGED_COLOR, width=2, style=Qt.PenStyle.DashLine),
            label=translate("axes", "diverged at t = {t}").format(t=iteration),
            labelOpts={"position": 0.9, "color": DIVERGED_COLOR, "fill": (255, 255, 255, 200)},
        )
        scale_annotations([line], self.text_scale)
        self.widget.addItem(line)
        self.current.markers.append(line)
        self.fit_x()

    def finish_run(self) -> None:
        """The current run becomes a finished curve, fainter, under its run number: the
        history's entry of that number decides from now on whether it shows."""
        self.redraw()
        run, self.current = self.current, None
        if run is None:
            return
        run.series.compact()
        if run.seconds is not None:
            run.seconds.compact()
        run.curve.setPen(_pen(run.color, 1.5 * self.pen_scale, alpha=150))
        self._finished[run.number] = run
        self.fit_y()
        self.fit_x()

    def add_finished(self, number: int, result) -> None:
        """A finished run's curve from its record (an imported run), under its number."""
        losses = np.asarray(result.losses, dtype=np.float64)
        self.start_run(f"#{number}", len(losses), number)
        run = self.current
        iterations = np.arange(len(losses), dtype=np.float64)
        run.series.append(iterations, losses)
        run.seconds.append(result.iteration_seconds(), losses)
        run.last_elapsed = result.loop_seconds
        if result.diverged_at is not None:
            run.diverged, run.diverged_at = True, result.diverged_at
        self._dirty = True
        self.finish_run()

    def discard_run(self) -> None:
        """Remove the current run's curve: a run that was refused or failed has no record."""
        run, self.current = self.current, None
        if run is not None:
            self._remove(run)

    def _remove(self, run: PlottedRun) -> None:
        self.legend.removeItem(run.curve)
        self.widget.removeItem(run.curve)
        if run.raw_curve is not None:
            self.widget.removeItem(run.raw_curve)
        for marker in run.markers:
            self.widget.removeItem(marker)

    def markers(self) -> list:
        return [m for run in self.runs() for m in run.markers]

    def current_points(self) -> tuple[np.ndarray, np.ndarray]:
        finished = self.finished
        run = self.current or (finished[-1] if finished else None)
        if run is None:
            return np.empty(0), np.empty(0)
        return run.series.views()
