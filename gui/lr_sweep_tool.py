"""The learning-rate sweep tab: final loss against learning rate, the observed threshold
beside the predicted bound 2/λ_max."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout

from engine.core.result import Outcome
from engine.core.settings import parse_or_keep
from engine.service.jobs import RateSweepJob
from engine.tools.rate_sweep import RateSweepSettings
from engine.words.explain import explain_sweep
from gui.axes import COLORS, DIVERGED_COLOR, scale_annotations, styled_plot
from gui.language import translate
from gui.tool_base import (
    OK_COLOR,
    WARN_COLOR,
    ToolPanel,
    declared_control,
    declared_settings,
)

BOUND_COLOR = (44, 160, 44)
STABLE_COLOR = (255, 127, 14)
UNSTABLE_COLOR = (188, 189, 34)
BEST_COLOR = (23, 190, 207)
CEILING = 1e3
EXPLANATION_HEIGHT = 150  # px at scale 1 before the explanation scrolls
DIVERGED_ROW_HEIGHT = 100  # px at scale 1: its title, written upwards, fits whole
LABEL_WIDTH_PX = 190  # "loss fell up to 3.13e-06" at the label font
LABEL_CLEARANCE = 0.1  # share of the chart's height kept between a label and a point


class LearningRateSweepTool(ToolPanel):
    object_prefix = "lr_sweep"

    def __init__(self, compute, config_source, parent=None):
        super().__init__(translate("tools", "learning-rate sweep"), compute, config_source, parent)
        min_label, self.min_input = declared_control(RateSweepSettings, "lr_min")
        max_label, self.max_input = declared_control(RateSweepSettings, "lr_max")
        count_label, self.count_input = declared_control(RateSweepSettings, "count")
        tolerance_label, self.tolerance_input = declared_control(RateSweepSettings, "tolerance")
        self.plot = styled_plot(translate("axes", "learning rate"),
                                translate("axes", "final loss"), True, True)
        self.plot.setObjectName("lr_sweep_plot")
        # Bottom right: large rates diverge (drawn on their own row), so no point lies there,
        # and the lines' labels keep the top of the chart.
        self.add_legend(self.plot, offset=(-10, -10))
        # Diverged rates have no final loss: they sit on a row of their own above the chart.
        self.diverged_row = styled_plot("", translate("axes", "diverged"), True, False)
        self.diverged_row.setObjectName("lr_sweep_diverged_row")
        self.diverged_row.setFixedHeight(DIVERGED_ROW_HEIGHT)
        self.diverged_row.setXLink(self.plot)
        self.diverged_row.getPlotItem().hideAxis("bottom")
        self.diverged_row.getPlotItem().getAxis("left").setTicks([[]])
        self.diverged_row.setYRange(0, 1)
        self.diverged_row.getPlotItem().getAxis("left").setWidth(
            self.plot.getPlotItem().getAxis("left").width())
        self.summary = QLabel("")
        self.summary.setObjectName("lr_sweep_summary")
        self.style_label(self.summary, 20)
        self.summary.setWordWrap(True)
        self.explanation = explanation = QLabel("")
        explanation.setObjectName("lr_sweep_explanation")
        explanation.setWordWrap(True)
        self.style_label(explanation, 15, "color: #333;")
        explanation.setToolTip(translate("lr_sweep", "Written from this sweep's own measurements"))
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row(min_label, self.min_input, max_label,
                                         self.max_input, count_label, self.count_input,
                                         tolerance_label, self.tolerance_input))
        layout.addWidget(self.diverged_row)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.summary)
        # The explanation scrolls past a few lines: the chart keeps its height on a projector.
        self.explanation_scroll = QScrollArea()
        self.explanation_scroll.setWidgetResizable(True)
        self.explanation_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.explanation_scroll.setWidget(explanation)
        self.explanation_scroll.setMaximumHeight(EXPLANATION_HEIGHT)
        layout.addWidget(self.explanation_scroll)
        layout.addWidget(self.status_label)
        self.points = []
        self._range = (RateSweepSettings().lr_min, RateSweepSettings().lr_max)
        self.markers = []

    def job_for(self, config):
        settings, refusal = declared_settings(RateSweepSettings, {
            "lr_min": parse_or_keep("number", self.min_input.text()),
            "lr_max": parse_or_keep("number", self.max_input.text()),
            "count": self.count_input.value(), "tolerance": self.tolerance_input.value()})
        return refusal if settings is None else RateSweepJob(config, settings)

    def cleared_plots(self) -> list:
        return [self.plot, self.diverged_row]

    def clear_views(self, job) -> None:
        self.summary.setText("")
        self.explanation.setText("")
        self.points, self.markers = [], []
        self._range = (job.settings.lr_min, job.settings.lr_max)

    def starting_words(self, job) -> str:
        return translate("lr_sweep", "Training at {count} learning rates, {iterations} "
                                     "iterations each, then bisecting…").format(
            count=job.settings.count, iterations=job.config.iterations)

    def on_progress(self, point) -> None:
        self.points.append(point)
        self._draw()

    def set_scale(self, scale: float) -> None:
        """Presentation mode: the lines' labels grow, and the diverged row with its title."""
        super().set_scale(scale)
        self.diverged_row.setFixedHeight(round(DIVERGED_ROW_HEIGHT * scale))
        self.explanation_scroll.setMaximumHeight(round(EXPLANATION_HEIGHT * scale))
        scale_annotations([m for m in self.markers if isinstance(m, pg.InfiniteLine)], scale)

    def _draw(self) -> None:
        self.plot.getPlotItem().clear()
        self.diverged_row.getPlotItem().clear()
        self.legend.clear()
        ordered = sorted(self.points, key=lambda p: p.learning_rate)
        if not ordered:
            return
        # Unstable runs can end at 1e70: they are drawn no higher than CEILING × the initial
        # loss, so that the curve of the rates whose loss fell keeps its detail.
        ceiling = CEILING * max(p.initial_loss for p in ordered if p.initial_loss)
        fell = [p for p in ordered if p.outcome and p.outcome.fell and p.final_loss]
        if fell:  # one line through every rate whose loss fell; the marks say what it learned
            self.plot.plot([p.learning_rate for p in fell], [p.final_loss for p in fell],
                           pen=pg.mkPen(COLORS[0], width=2))
        for outcome, color, symbol, name in (
            (Outcome.LEARNED, COLORS[0], "o", translate("lr_sweep", "learned (near zero)")),
            (Outcome.STILL_FALLING, COLORS[2], "s", Outcome.STILL_FALLING.word),
            (Outcome.PLATEAUED, COLORS[3], "d", Outcome.PLATEAUED.word),
            (Outcome.UNSTABLE, UNSTABLE_COLOR, "t1", translate("lr_sweep", "unstable (final ≥ "
                                                                           "initial; "
                                                                         "drawn ≤ {ceiling:g}× "
                                                                         "initial)").format(
                ceiling=CEILING)),
        ):
            chosen = [p for p in ordered if p.outcome == outcome and p.final_loss]
            if chosen:
                self.plot.plot([p.learning_rate for p in chosen],
                               [min(p.final_loss, ceiling) for p in chosen], pen=None,
                               symbol=symbol, symbolSize=12, symbolBrush=color, symbolPen=None,
                               name=name)
        diverged = [p for p in ordered if p.outcome == Outcome.DIVERGED]
        if diverged:
            self.diverged_row.plot([p.learning_rate for p in diverged], [0.5] * len(diverged),
                                   pen=None, symbol="x", symbolSize=14,
                                   symbolPen=pg.mkPen(DIVERGED_COLOR, width=3))
        # The whole range swept, on both rows (linked): the diverged rates are part of it.
        low, high = self._range
        self.plot.setXRange(math.log10(low), math.log10(high), padding=0.04)

    def _free_height(self, x: float, leftwards: bool) -> float:
        """A height (share of the chart, from the bottom) where a line's label, beside the
        line at log-x `x`, covers none of the points drawn."""
        (x_low, x_high), (y_low, y_high) = self.plot.getPlotItem().viewRange()
        width = max(self.plot.width(), 1)
        span = LABEL_WIDTH_PX * (x_high - x_low) / width
        left, right = (x - span, x) if leftwards else (x, x + span)
        heights = [(math.log10(p.final_loss) - y_low) / (y_high - y_low)
                   for p in self.points if p.final_loss and p.final_loss > 0
                   and p.outcome != Outcome.DIVERGED
                   and left <= math.log10(p.learning_rate) <= right]
        for height in (0.85, 0.7, 0.55, 0.4, 0.25, 0.1):
            if all(abs(height - h) > LABEL_CLEARANCE for h in heights):
                return height
        return 0.85

    def on_done(self, sweep) -> None:
        self.points = list(sweep.points)
        self._range = (min(self._range[0], *(p.learning_rate for p in sweep.points)),
                       max(self._range[1], *(p.learning_rate for p in sweep.points))) \
            if sweep.points else self._range
        self._draw()
        self.markers = []
        lines = []
        best = sweep.best()
        if best is not None:
            star = pg.PlotDataItem([best.learning_rate], [best.final_loss], pen=None,
                                   symbol="star", symbolSize=22, symbolBrush=BEST_COLOR,
                                   symbolPen=pg.mkPen((40, 40, 40)),
                                   name=translate("lr_sweep", "lowest final loss: lr "
                                                              "{lr:.3g}").format(
                                       lr=best.learning_rate))
            self.plot.addItem(star)
            self.markers.append(star)
        # The bound's label left of its line, the threshold's right of it: the two lines can
        # be a hair apart (with w1 frozen, 0.5 %), and their labels must not collide.
        bound_left = not sweep.largest_stable_lr or sweep.predicted_bound is None or \
            sweep.predicted_bound <= sweep.largest_stable_lr
        for value, color, text, anchor in (
            (sweep.predicted_bound, BOUND_COLOR, "2/λ_max = {:.3g}",
             (1, 1) if bound_left else (0, 1)),
            (sweep.largest_stable_lr, STABLE_COLOR, translate("lr_sweep", "loss fell up to {:.3g}"),
             (0, 1) if bound_left else (1, 1)),
        ):
            if value:
                line = pg.InfiniteLine(pos=math.log10(value), angle=90,
                                       pen=pg.mkPen(color, width=2, style=(
                                           Qt.PenStyle.DashLine if color == BOUND_COLOR
                                           else Qt.PenStyle.SolidLine)),
                                       label=text.format(value),
                                       labelOpts={"position": self._free_height(
                                           math.log10(value), anchor[0] == 1),
                                                  "color": color,
                                                  "fill": (255, 255, 255, 230),
                                                  "anchors": [anchor, anchor]})
                scale_annotations([line], self.scale)
                self.plot.addItem(line)
                self.markers.append(line)
        best, learned = sweep.best(), sweep.largest_learned()
        if best is not None and best.outcome and best.outcome.fell:
            lines.append(translate("lr_sweep", "Lowest final loss <b>{loss:.3g}</b> at "
                                               "<b>{lr:.3g}</b>").format(
                loss=best.final_loss, lr=best.learning_rate)
                + (translate("lr_sweep", "; largest rate that learned <b>{lr:.3g}</b>.").format(
                    lr=learned.learning_rate) if learned
                   else translate("lr_sweep", "; no rate learned (fell to near zero).")))
        if sweep.largest_stable_lr and sweep.predicted_bound:
            ratio = sweep.largest_stable_lr / sweep.predicted_bound
            meaning = (translate("lr_sweep", "the exact limit of a quadratic, whose curvature "
                                             "never changes")
                       if sweep.config.layers.frozen == "w1" else
                       translate("lr_sweep", "a bound for the initial weights, which training "
                                             "moves away from"))
            lines.append(translate("lr_sweep", "The loss fell at all rates up to {lr:.3g}, "
                                               "{ratio:.3g}× 2/λ_max = {bound:.3g} (λ_max = "
                                               "{lambda_max:.3g}): {meaning}.").format(
                lr=sweep.largest_stable_lr, ratio=ratio, bound=sweep.predicted_bound,
                lambda_max=sweep.lambda_max, meaning=meaning))
        elif sweep.predicted_bound:
            lines.append(translate("lr_sweep", "No rate lowered the loss; 2/λ_max = "
                                               "{bound:.3g}.").format(
                bound=sweep.predicted_bound))
        self.summary.setText(" ".join(lines))
        self.explanation.setText(explain_sweep(sweep))
        if sweep.stopped:
            self.set_status(translate("lr_sweep", "Stopped after {count} rates.").format(
                count=len(sweep.points)), WARN_COLOR)
        else:
            self.set_status(translate("lr_sweep", "Sweep finished."), OK_COLOR)
