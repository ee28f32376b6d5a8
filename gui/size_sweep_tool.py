"""The size sweep tab: seconds per iteration and GFLOP/s against work, per device."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from engine.core.config import RunConfig
from engine.core.settings import label_of, settings_of
from engine.service.jobs import SizeSweepJob
from engine.tools.size_sweep import SCALED_FIELDS, PointStatus, SizeSweepSettings
from gui.axes import DEVICE_COLORS, styled_plot
from gui.language import translate
from gui.tool_base import (
    OK_COLOR,
    WARN_COLOR,
    ToolPanel,
    declared_control,
    declared_label,
    declared_settings,
)


def headers() -> list[str]:
    """The table's headers in the current language."""
    return [*(label_of(RunConfig, name) for name in SCALED_FIELDS),
            translate("size_sweep", "device"), translate("size_sweep", "MFLOP/it"),
            translate("size_sweep", "ms/it (low–high)"),
            "GFLOP/s", translate("size_sweep", "note")]


class SizeSweepTool(ToolPanel):
    object_prefix = "size_sweep"

    def __init__(self, compute, config_source, parent=None):
        super().__init__(translate("tools", "size sweep"), compute, config_source, parent)
        steps_label, self.steps_input = declared_control(SizeSweepSettings, "steps")
        factor_label, self.factor_input = declared_control(SizeSweepSettings, "factor")
        budget_label, self.budget_input = declared_control(SizeSweepSettings, "budget")
        self.budget_input.setSuffix(" s")
        self.scale_boxes = {}
        scale_row = QHBoxLayout()
        scale = settings_of(SizeSweepSettings)["scale"]
        scale_row.addWidget(declared_label(scale))
        for name in scale.choices:
            box = QCheckBox(label_of(RunConfig, name))
            box.setObjectName(f"size_sweep_scale_{name}")
            box.setChecked(name in SizeSweepSettings().scale)
            self.scale_boxes[name] = box
            scale_row.addWidget(box)
        scale_row.addStretch(1)
        self.time_plot = styled_plot(translate("axes", "work per iteration (MFLOP)"),
                                     translate("axes", "seconds per iteration"), True, True)
        self.time_plot.setObjectName("size_sweep_time_plot")
        self.rate_plot = styled_plot(translate("axes", "work per iteration (MFLOP)"), "GFLOP/s",
                                     True, False)
        self.rate_plot.setObjectName("size_sweep_rate_plot")
        self.add_legend(self.time_plot)
        self.table = QTableWidget(0, len(headers()))
        self.table.setObjectName("size_sweep_table")
        self.table.setHorizontalHeaderLabels(headers())
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)  # a skipped point's reason wraps in its note, not cut
        self.summary = QLabel("")
        self.summary.setObjectName("size_sweep_summary")
        self.style_label(self.summary, 20)
        self.summary.setWordWrap(True)
        plots = QHBoxLayout()
        plots.addWidget(self.time_plot, 1)
        plots.addWidget(self.rate_plot, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row(steps_label, self.steps_input, factor_label,
                                         self.factor_input, budget_label, self.budget_input))
        layout.addLayout(scale_row)
        layout.addLayout(plots, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.status_label)
        self.points = []
        self.markers = []

    def job_for(self, config):
        settings, refusal = declared_settings(SizeSweepSettings, {
            "steps": self.steps_input.value(), "factor": self.factor_input.value(),
            "budget": self.budget_input.value(),
            "scale": tuple(name for name, box in self.scale_boxes.items() if box.isChecked())})
        return refusal if settings is None else SizeSweepJob(config, settings)

    def cleared_plots(self) -> list:
        return [self.time_plot, self.rate_plot]

    def clear_views(self, job) -> None:
        self.table.setRowCount(0)
        self.summary.setText("")
        self.points, self.markers = [], []

    def starting_words(self, job) -> str:
        return translate("size_sweep", "Sweeping {steps} sizes, about {budget:g} s per point and "
                                       "device…").format(steps=job.settings.steps,
                                                         budget=job.settings.budget)

    def on_progress(self, point) -> None:
        self.points.append(point)
        c = point.config
        measured = point.status == PointStatus.MEASURED
        sizes = ((c.n, c.d_in, c.hidden, c.d_out) if point.sizes_shown else ("—",) * 4)
        cells = (*sizes, point.device,
                 f"{c.flops_per_iteration / 1e6:,.1f}" if point.sizes_shown else "—",
                 f"{1000 * point.seconds_per_iteration:,.4g} ({1000 * point.low:,.4g}–"
                 f"{1000 * point.high:,.4g})" if measured else "—",
                 f"{point.gflops:,.1f}" if measured else "—",
                 translate("size_sweep", "{repeats} repeats, {iterations} iterations").format(
                     repeats=point.repeats, iterations=point.iterations) if measured
                 else translate("size_sweep", "skipped: {reason}").format(reason=point.reason))
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(cells):
            self.table.setItem(row, column, QTableWidgetItem(str(value)))
        for column in range(self.table.columnCount() - 1):  # the note takes the rest, wraps
            self.table.resizeColumnToContents(column)
        self.table.resizeRowsToContents()
        self._draw()

    def _draw(self) -> None:
        for plot in (self.time_plot, self.rate_plot):
            plot.getPlotItem().clear()
        self.legend.clear()
        for device in ("cpu", "gpu"):
            measured = [p for p in self.points if p.device == device
                        and p.status == PointStatus.MEASURED]
            if not measured:
                continue
            work = [p.config.flops_per_iteration / 1e6 for p in measured]
            style = dict(pen=pg.mkPen(DEVICE_COLORS[device], width=3), symbol="o",
                         symbolBrush=DEVICE_COLORS[device], symbolSize=9)
            self.time_plot.plot(work, [p.seconds_per_iteration for p in measured],
                                name=device.upper(), **style)
            self.rate_plot.plot(work, [p.gflops for p in measured], **style)

    def on_done(self, sweep) -> None:
        self._draw()
        lines = []
        crossover, best = sweep.crossover, sweep.largest_speedup
        if crossover is not None:
            mflop = crossover.config.flops_per_iteration / 1e6
            for plot in (self.time_plot, self.rate_plot):
                # Log axes take log10 positions for items added to the view.
                line = pg.InfiniteLine(
                    pos=math.log10(mflop), angle=90, pen=pg.mkPen((214, 39, 40), width=2),
                    label=translate("size_sweep", "GPU faster from {mflop:,.0f} "
                                                  "MFLOP").format(mflop=mflop),
                    labelOpts={"position": 0.9, "color": (214, 39, 40)})
                plot.addItem(line)
                self.markers.append(line)
            lines.append(translate("size_sweep", "The GPU wins from <b>{mflop:,.1f} MFLOP</b> per "
                                                 "iteration on.").format(mflop=mflop))
        if best is not None:
            point, speedup = best
            label = pg.TextItem(translate("size_sweep", "{speedup:,.0f}× faster").format(
                speedup=speedup.median), color=(214, 39, 40),
                                anchor=(0.5, 1.2))
            label.setPos(math.log10(point.config.flops_per_iteration / 1e6),
                         math.log10(point.seconds_per_iteration))
            self.time_plot.addItem(label)
            self.markers.append(label)
            lines.append(translate("size_sweep", "Largest speedup: <b>{speedup}</b> (the ratio of "
                                                 "the medians; in brackets, the range the repeats "
                                                 "allow) at {mflop:,.0f} MFLOP per "
                                                 "iteration.").format(
                speedup=speedup.format("×"), mflop=point.config.flops_per_iteration / 1e6))
        elif not any(p.device == "gpu" for p in sweep.points):
            lines.append(translate("size_sweep", "CPU only here: no GPU to compare with."))
        if sweep.load_note():
            lines.append(f"<b style='color:{WARN_COLOR}'>{sweep.load_note()}.</b>")
        skipped = sum(p.status == PointStatus.SKIPPED for p in sweep.points)
        if skipped:
            lines.append(translate("size_sweep", "{count} point(s) skipped (see the "
                                                 "table).").format(
                count=skipped))
        self.summary.setText(" ".join(lines))
        self.set_status(translate("size_sweep", "Sweep finished."), OK_COLOR)
