"""The live loss plot, a view of the session's RunHistory: the current run grows in place;
every run the history keeps is a fainter curve, made, shown, hidden and removed as the history
says (a run added to the history under the current run's number takes over its curve)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from gui.axes import (
    COLORS,
    DIVERGED_COLOR,
    limit_y_range,
    padding_for,
    scale_annotations,
    styled_plot,
)
from gui.language import follow_language, translate
from session.history import Change, RunHistory
from session.labels import from_elsewhere, legend_labels
from session.series import PREALLOCATED_POINTS, GrowingSeries, smooth, y_extent

VISIBLE_LIMIT = 8  # runs shown at once by default: a new run hides the oldest shown one
DIVERGED_LABEL_HEIGHTS = (0.55, 0.43, 0.31, 0.19)  # "diverged at" labels, one height per run
ZOOM_REACH_PIXELS = 30  # a double-click this near a divergence's line zooms to it
LEGEND_CORNERS = ((1, 0), (0, 0), (1, 1), (0, 1))  # top right, top left, bottom right, left
LEGEND_SHARE = (0.45, 0.35)  # the share of the view's width and height a corner's legend takes
LEGEND_SAMPLES = 400  # points per curve at which the corners' crowding is counted
END_MARKER_PIXELS = 16  # the × at a divergence's last finite loss
LABEL_WEIGHT = 25  # a label's sample point counts as this many of a curve's
LEGEND_POINTS, LEGEND_SMALLEST_POINTS = 11, 7  # the legend's text size at scale 1, and its least
LEGEND_MOST_LINES = 3  # a legend label too wide at the least size wraps onto this many lines
LEGEND_ATTEMPTS = 8  # sizes and wraps tried before the legend is left as it is


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
    style: Qt.PenStyle = Qt.PenStyle.SolidLine  # dash-dotted: a run from another machine
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


def line_labels(run: PlottedRun) -> list:
    """The labels on a run's lines (its "diverged at t = …")."""
    return [m.label for m in run.markers if isinstance(m, pg.InfiniteLine) and m.label is not None]


def _pen(color, width: float, alpha: int = 255, style=Qt.PenStyle.SolidLine):
    return pg.mkPen((*color, alpha), width=width, style=style)


def in_lines(label: str, lines: int) -> str:
    """A legend label ("#3, lr 0.0001, float32, …") on `lines` lines of about equal length,
    broken after its commas (the legend's labels are HTML)."""
    parts = label.split(", ")
    if lines <= 1 or len(parts) < 2:
        return label
    length = len(label) / lines
    rows, row = [], []
    for part in parts:  # a line ends where going on would overshoot more than stopping falls short
        now, then = len(", ".join(row)), len(", ".join([*row, part]))
        if row and then - length > length - now and len(rows) < lines - 1:
            rows.append(", ".join(row))
            row = []
        row.append(part)
    return ",<br>".join([*rows, ", ".join(row)])


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
        # The drawn items of the history's entries, by run number: the history decides which
        # there are, in which order, and which show.
        self._curves: dict[int, PlottedRun] = {}
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
        self.widget.hover.curves = self._hover_curves
        self.widget.hover.describe = self._hover_words
        self.widget.scene().sigMouseClicked.connect(self._on_click)
        self.home_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Home), self.widget,
                                       self.reset_view)
        self.zoomed = False  # a divergence zoomed to: kept until Home or the next run
        self.widget.getPlotItem().getViewBox().sigResized.connect(self._on_resized)

    @property
    def finished(self) -> list[PlottedRun]:
        """The curves of the history's runs, in the history's order."""
        return [self._curves[number] for number in self.history.numbers()
                if number in self._curves]

    def runs(self) -> list[PlottedRun]:
        return [*self.finished, *([self.current] if self.current else [])]

    def _on_history(self, change: Change, numbers: list[int]) -> None:
        """What the history changed, drawn: an added run gets its curve (the current one where
        it was that run, else one made from its result), removed runs' curves go, shown or
        hidden runs follow their entries, and the legend names what differs between the shown
        runs."""
        if change == Change.ADDED:
            for number in numbers:
                self._adopt(number)
        elif change == Change.REMOVED:
            for number in numbers:
                run = self._curves.pop(number, None)
                if run is not None:
                    self._remove(run)
            if not self._curves:
                self._y_range = None
        elif change == Change.SHOWN:
            for number in numbers:
                entry, run = self.history.get(number), self._curves.get(number)
                if entry is not None and run is not None:
                    self.set_visible(run, entry.shown)
        self.relabel()
        self.fit_y()
        self.fit_x()
        self.place_legend()

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
            # A divergence's end marker sits at the top: room for its whole symbol.
            padding = (padding_for(self.widget, END_MARKER_PIXELS, 0.05)
                       if any(run.diverged for run in runs) else 0.05)
            self.widget.setYRange(low, high, padding=padding)
            self._place_annotations()

    def start_run(self, label: str, iterations: int = 0, number: int = 0) -> None:
        """A new current curve; `iterations` (the run's total) sizes its arrays up front."""
        if self.current is not None:
            self.discard_run()
        self.zoomed = False
        self.current = self._new_curve(label, iterations, number)
        self.fit_x()

    def _new_curve(self, label: str, iterations: int, number: int) -> PlottedRun:
        color = COLORS[self._runs_started % len(COLORS)]
        self._runs_started += 1
        curve = pg.PlotDataItem(pen=_pen(color, 3 * self.pen_scale), name=label)
        # One peak bin (its minimum and maximum) per pixel shows every spike, and draws a fifth
        # of pyqtgraph's default of five bins per pixel: a 2,000,000-point curve paints in a
        # few milliseconds instead of ~25.
        curve.opts["autoDownsampleFactor"] = 1.0
        self.widget.addItem(curve)
        capacity = min(max(iterations, 1024), PREALLOCATED_POINTS)
        run = PlottedRun(curve, GrowingSeries(capacity), color, seconds=GrowingSeries(capacity),
                         number=number, planned=iterations)
        self._show_raw(run)
        return run

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
        scale_annotations([*self.markers(), self.widget.hover.label], scale)
        self._place_annotations()

    def set_pen_scale(self, scale: float) -> None:
        """Thicker curves for a projector (presentation mode)."""
        self.pen_scale = scale
        for run in self.runs():
            width = 3 if run is self.current else 1.5
            run.curve.setPen(_pen(run.color, width * scale, 255 if run is self.current else 150,
                                  run.style))
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
        self._place_annotations()

    def _place_annotations(self) -> None:
        """Each "diverged at" label on the side of its line with room: left of a line in the
        right half of the view, right of one in the left half (t = 8 of 500 ran off the left
        edge); a span's words along the top, after the span but never past the right edge
        (presentation mode's larger words were cut there)."""
        (left, right), (_bottom, top) = self.widget.getPlotItem().getViewBox().viewRange()
        middle = (left + right) / 2
        for run in self.runs():
            for marker in run.markers:
                if isinstance(marker, pg.InfiniteLine) and marker.label is not None:
                    side = (1.05, 0.5) if marker.value() > middle else (-0.05, 0.5)
                    marker.label.anchors = [side, side]
                    marker.label.updatePosition()
                elif isinstance(marker, pg.TextItem) and hasattr(marker, "span_end"):
                    marker.setTextWidth(-1)  # its natural width, then wrapped to the view's
                    room = 0.9 * self.widget.getPlotItem().getViewBox().width()
                    if marker.textItem.boundingRect().width() > room > 0:
                        marker.setTextWidth(room)
                    width = marker.mapRectToView(marker.boundingRect()).width()
                    marker.setPos(max(left, min(marker.span_end, right - width)), top)

    def set_visible(self, run: PlottedRun, visible: bool) -> None:
        run.visible = visible
        for item in (run.curve, run.raw_curve, *run.markers):
            if item is not None:
                item.setVisible(visible and (item in (run.curve, run.raw_curve)
                                             or self.x_mode == "iteration"))
        self.fit_y()
        self.fit_x()

    def set_labels(self, labels: dict[int, str]) -> None:
        """The legend: the shown runs, under the labels given (by run number), in the text
        size of the plot's scale, or smaller where that would be wider than the plot (a
        1280×720 projector in presentation mode cut the labels' starts); where even the least
        size is too wide, each label goes on two lines, then three."""
        points, lines = LEGEND_POINTS * self.text_scale, 1
        for _attempt in range(LEGEND_ATTEMPTS):
            self.legend.clear()
            self.legend.setLabelTextSize(f"{points:.1f}pt")
            for run in self.runs():
                if run.visible and run.number in labels:
                    self.legend.addItem(run.curve, in_lines(labels[run.number], lines))
            room = self.widget.getPlotItem().getViewBox().width() - 30
            width = self.legend.boundingRect().width()
            if width <= room or room <= 0:
                break
            if points > LEGEND_SMALLEST_POINTS:
                points = max(LEGEND_SMALLEST_POINTS, points * room / width)
            elif lines < LEGEND_MOST_LINES:
                lines += 1
            else:
                break

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
            text.span_end = last + 0.5  # where its words start, room allowing
            scale_annotations([text], self.text_scale)
            self.widget.addItem(text)
            self.current.markers.append(text)
            self._place_annotations()

    def mark_divergence(self, iteration: int) -> None:
        if self.current is not None:
            self._mark_divergence(self.current, iteration)
            self.fit_x()

    def _mark_divergence(self, run: PlottedRun, iteration: int) -> None:
        """The end marker at the last finite loss, and the line at the iteration with its own
        label: each diverged run's at a height of its own, so that none hides another's."""
        others = sum(1 for other in self.runs() if other.diverged and other is not run)
        run.diverged, run.diverged_at = True, iteration
        x, y = run.series.views()
        finite = np.flatnonzero(np.isfinite(y))
        if len(finite):  # the last finite loss, where the curve ends
            end = pg.PlotDataItem([x[finite[-1]]], [y[finite[-1]]], pen=None, symbol="x",
                                  symbolSize=END_MARKER_PIXELS,
                                  symbolPen=pg.mkPen(DIVERGED_COLOR, width=3))
            self.widget.addItem(end)
            run.markers.append(end)
        line = pg.InfiniteLine(
            pos=iteration, angle=90,
            pen=pg.mkPen(DIVERGED_COLOR, width=2, style=Qt.PenStyle.DashLine),
            label=translate("axes", "#{number} diverged at t = {t}").format(number=run.number,
                                                                            t=iteration),
            labelOpts={"position": DIVERGED_LABEL_HEIGHTS[others % len(DIVERGED_LABEL_HEIGHTS)],
                       "color": DIVERGED_COLOR, "fill": (255, 255, 255, 220),
                       "anchors": [(1.05, 0.5), (1.05, 0.5)]},
        )
        line.label.setToolTip(translate("axes", "Double-click to zoom to this divergence; Home "
                                                "shows every run again"))
        scale_annotations([line], self.text_scale)
        self.widget.addItem(line)
        run.markers.append(line)
        self._place_annotations()

    # --- looking closer ----------------------------------------------------------------------

    def zoom_to_divergence(self, number: int) -> bool:
        """The diverged run `number` alone in view: its iterations up to the divergence and
        its whole rise (beside others its tail is left out of the y range). False where that
        run did not diverge or is not shown."""
        run = self._curves.get(number)
        if run is None or run.diverged_at is None or not run.visible:
            return False
        extent = y_extent(run.series, self.log_y, diverged=False)  # the whole rise
        if extent is not None:
            low, high = (np.log10(extent[0]), np.log10(extent[1])) if self.log_y else extent
            self.widget.setYRange(low, high,
                                  padding=padding_for(self.widget, END_MARKER_PIXELS, 0.05))
        self.widget.setXRange(0, run.diverged_at + max(1.0, 0.1 * run.diverged_at), padding=0)
        self._place_annotations()
        self._y_range = None
        self.zoomed = True  # the next fit (Home, a run, a change of the table) refits
        self.place_legend()
        return True

    def reset_view(self) -> None:
        """Home: every shown run again, as the plot fits them."""
        self.zoomed = False
        self._y_range = None
        self.fit_y()
        self.fit_x()
        self.place_legend()

    def _on_resized(self) -> None:
        """Taller or shorter (the diagnostics panel shown, a splitter moved): the padding in
        pixels again, for the end marker and the notes; the legend's size for the new width."""
        if not self.zoomed:
            self._y_range = None
            self.fit_y()
        self.relabel()

    def _on_click(self, event) -> None:
        """A double-click on (or beside) a divergence's line or its label zooms to it."""
        if not event.double():
            return
        box = self.widget.getPlotItem().getViewBox()
        clicked = event.scenePos()
        best, reach = None, float(ZOOM_REACH_PIXELS)
        for run in self.finished:
            if run.diverged_at is None or not run.visible:
                continue
            if any(label.sceneBoundingRect().contains(clicked) for label in line_labels(run)):
                best, reach = run.number, 0.0
                break
            at = box.mapViewToScene(QPointF(run.diverged_at, box.viewRange()[1][0]))
            if abs(at.x() - clicked.x()) < reach:
                best, reach = run.number, abs(at.x() - clicked.x())
        if best is not None and self.zoom_to_divergence(best):
            event.accept()

    def place_legend(self) -> None:
        """The legend in the corner the shown curves leave most empty (top right where they
        tie): a diverging run rises into the top right, a learned one falls into the bottom
        right, and a zoomed divergence fills both."""
        box = self.widget.getPlotItem().getViewBox()
        (left, right), (bottom, top) = box.viewRange()
        xs, ys = [], []
        for run in self.runs():
            if not run.visible:
                continue
            series = run.seconds if self.x_mode == "seconds" and run.seconds else run.series
            x, y = series.display()
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.log10(y) if self.log_y else y
            keep = np.isfinite(y)
            if keep.sum() >= 2:  # the segments, not only the points (8 points of a divergence)
                grid = np.linspace(left, right, LEGEND_SAMPLES)
                inside = (grid >= x[keep][0]) & (grid <= x[keep][-1])
                xs.append(grid[inside])
                ys.append(np.interp(grid[inside], x[keep], y[keep]))
        weights = [np.ones(len(part)) for part in xs]
        for label in self._annotation_labels():  # words hidden are worse than a line crossed
            area = label.mapRectToView(label.boundingRect())
            grid_x, grid_y = np.meshgrid(np.linspace(area.left(), area.right(), 12),
                                         np.linspace(area.top(), area.bottom(), 4))
            xs.append(grid_x.ravel())
            ys.append(grid_y.ravel())
            weights.append(np.full(grid_x.size, LABEL_WEIGHT))
        x = np.concatenate(xs) if xs else np.empty(0)
        y = np.concatenate(ys) if ys else np.empty(0)
        weight = np.concatenate(weights) if weights else np.empty(0)
        # The legend's own size where it has one (its entries are set), else a share.
        size = box.mapSceneToView(self.legend.sceneBoundingRect()).boundingRect()
        width = abs(size.width()) if self.legend.items else LEGEND_SHARE[0] * (right - left)
        height = abs(size.height()) if self.legend.items else LEGEND_SHARE[1] * (top - bottom)

        def crowd(corner: tuple[int, int]) -> float:
            in_x = x >= right - width if corner[0] else x <= left + width
            in_y = y <= bottom + height if corner[1] else y >= top - height
            return float(weight[in_x & in_y].sum())

        corner = min(LEGEND_CORNERS, key=crowd)  # the first of the emptiest: top right first
        self.legend.anchor(itemPos=corner, parentPos=corner,
                           offset=(-10 if corner[0] else 10, -10 if corner[1] else 10))

    def _annotation_labels(self) -> list:
        """The shown runs' notes: the spans' words and the divergences' labels."""
        return [label for run in self.runs() if run.visible
                for label in (*(m for m in run.markers if isinstance(m, pg.TextItem)),
                              *line_labels(run))]

    def _hover_curves(self):
        for run in self.runs():
            if run.visible:
                x, y = run.series.views()
                if self.x_mode == "seconds" and run.seconds:
                    x = run.seconds.views()[0]
                yield run, x, y

    def _hover_words(self, run: PlottedRun, index: int) -> str:
        seconds = run.seconds.views()[0] if run.seconds else None
        loss = float(run.series.views()[1][index])
        at = (f", {seconds[index]:.4g} s" if seconds is not None and index < len(seconds)
              else "")
        return translate("axes", "#{number}: t = {t}{seconds}, loss {loss:.4g}").format(
            number=run.number, t=int(run.series.views()[0][index]), seconds=at, loss=loss)

    def _adopt(self, number: int) -> None:
        """The curve of a run the history has just added: the current curve, where the run
        that drew it is the one added; otherwise (an imported run, perhaps while another runs)
        one drawn from its result. Either way it becomes fainter, and the history's entry
        decides from now on whether it shows."""
        entry = self.history.get(number)
        if entry is None or number in self._curves:
            return
        if self.current is not None and self.current.number == number:
            self.redraw()
            run, self.current = self.current, None
            # the seconds axis reaches the loop time the readout says, past the last batch's
            # clock reading (the loop ends with a final flush and a synchronisation)
            run.last_elapsed = max(run.last_elapsed, entry.result.loop_seconds)
        else:
            run = self._drawn_result(number, entry.result)
        run.series.compact()
        if run.seconds is not None:
            run.seconds.compact()
        run.curve.setPen(_pen(run.color, 1.5 * self.pen_scale, alpha=150, style=run.style))
        self._curves[number] = run
        if not entry.shown:
            self.set_visible(run, False)

    def _drawn_result(self, number: int, result) -> PlottedRun:
        """A curve drawn whole from a finished run's result (an imported run)."""
        losses = np.asarray(result.losses, dtype=np.float64)
        run = self._new_curve(f"#{number}", len(losses), number)
        run.series.append(np.arange(len(losses), dtype=np.float64), losses)
        run.seconds.append(result.iteration_seconds(), losses)
        run.last_elapsed = result.loop_seconds
        if from_elsewhere(result):
            run.style = Qt.PenStyle.DashDotLine
        self._draw(run)
        if result.diverged_at is not None:
            self._mark_divergence(run, result.diverged_at)
        return run

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
