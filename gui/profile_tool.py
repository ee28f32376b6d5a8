"""The Profile tab: one iteration of the tutorial taken apart, statement by statement, as
horizontal bars per device, at the run's sizes and scaled up, with the GPU's launch floor."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.core.measure import duration, load_sentence
from engine.service.jobs import ProfileJob
from engine.tools.profile import STATEMENTS, DeviceProfile, ProfileColumn, ProfileSettings
from engine.words.explain import explain_profile
from gui.axes import DEVICE_COLORS, TICK_POINTS, styled_plot
from gui.language import QT_TRANSLATE_NOOP, translate
from gui.tool_base import (
    OK_COLOR,
    WARN_COLOR,
    ToolPanel,
    declared_control,
    declared_settings,
)

WHOLE_ROWS = (QT_TRANSLATE_NOOP("profile", "Σ lines"),
              QT_TRANSLATE_NOOP("profile", "iteration, as one piece"),
              QT_TRANSLATE_NOOP("profile", "Python between lines (iteration − Σ)"),
              QT_TRANSLATE_NOOP("profile", "the engine's iteration"))
COLUMNS = ("×", QT_TRANSLATE_NOOP("profile", "statement"), QT_TRANSLATE_NOOP("profile", "device"),
           "MFLOP", QT_TRANSLATE_NOOP("profile", "µs: median (low–high)"), "GFLOP/s", "GB/s",
           QT_TRANSLATE_NOOP("profile", "issue µs"))
BAR = 0.38  # bar height, in rows
VALUE_POINTS = 9  # the bars' value labels at scale 1


def rows_of(device: DeviceProfile) -> list[tuple[str, float]]:
    """(row label, seconds) for every bar of one device: the statements, then the whole."""
    rows = [(line.code, line.seconds.median) for line in device.lines]
    whole = [translate("profile", row) for row in WHOLE_ROWS]
    rows += [(whole[0], device.lines_sum), (whole[1], device.iteration.median),
             (whole[2], device.between_lines), (whole[3], device.engine_iteration.median)]
    return rows


class ProfileTool(ToolPanel):
    object_prefix = "profile"

    def __init__(self, compute, config_source, parent=None):
        super().__init__(translate("tools", "profile"), compute, config_source, parent)
        self.setObjectName("profile_tab")
        scale_label, self.scale_input = declared_control(ProfileSettings, "scale_by")
        self.scale_input.setSuffix("×")
        self.plots = []
        plots = QHBoxLayout()
        for index, name in enumerate(("base", "scaled")):
            plot = styled_plot(translate("axes", "time (log)"), "", True, False)
            plot.setObjectName(f"profile_{name}_plot")
            plot.getPlotItem().getViewBox().setMouseEnabled(x=False, y=False)
            if index:  # the same rows as the first chart: their code is written once
                plot.getPlotItem().getAxis("left").setStyle(showValues=False)
            plots.addWidget(plot, 3 if index == 0 else 2)
            self.plots.append(plot)
        self.titles = [QLabel(""), QLabel("")]
        titles = QHBoxLayout()
        for index, title in enumerate(self.titles):
            title.setObjectName(f"profile_title_{index}")
            title.setWordWrap(True)
            self.style_label(title, 16, "font-weight: bold;")
            titles.addWidget(title, 3 if index == 0 else 2)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("profile_table")
        self.table.setHorizontalHeaderLabels([translate("profile", c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.explanation = QLabel("")
        self.explanation.setObjectName("profile_explanation")
        self.style_label(self.explanation, 17)
        self.explanation.setWordWrap(True)
        self.explanation.setToolTip(translate("profile", "Written from this profile's medians: "
                                                         "every number in it was measured here"))
        # The chart with its explanation on one page, the table on another: at a projector's
        # size the three do not fit one above the other.
        chart = QWidget()
        chart_scroll = QScrollArea()  # a projector's 1280×720 scrolls instead of overlapping
        chart_scroll.setObjectName("profile_chart_scroll")
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setWidget(chart)
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(titles)
        chart_layout.addLayout(plots, 1)
        chart_layout.addWidget(self.explanation)
        self.pages = QTabWidget()
        self.pages.setObjectName("profile_pages")
        self.pages.addTab(chart_scroll, translate("profile", "Chart"))
        self.pages.addTab(self.table, translate("profile", "Table"))
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row(scale_label, self.scale_input))
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status_label)
        self.columns: list[ProfileColumn] = []

    def job_for(self, config):
        settings, error = declared_settings(ProfileSettings,
                                            {"scale_by": self.scale_input.value()})
        if settings is None:
            return translate("profile", "Refused: {reason}.").format(reason=error)
        return ProfileJob(config, settings)

    def cleared_plots(self) -> list:
        return self.plots

    def clear_views(self, job) -> None:
        for title in self.titles:
            title.setText("")
        self.table.setRowCount(0)
        self.explanation.setText("")
        self.columns = []

    def starting_words(self, job) -> str:
        return translate("profile", "Timing every statement of the tutorial's loop…")

    def on_progress(self, column: ProfileColumn) -> None:
        index = len(self.columns)
        self.columns.append(column)
        if index < len(self.plots):
            self._draw(self.plots[index], column)
            c = column.config
            self.titles[index].setText(f"N={c.n} D_in={c.d_in} H={c.hidden} D_out={c.d_out}"
                                       + ("" if column.scale == 1 else f" ({column.scale:g}×)"))
        for device in column.devices.values():
            for line in device.lines:
                s = line.seconds
                self._add_row((f"{column.scale:g}", line.code, line.device,
                               f"{line.flops / 1e6:,.3g}",
                               f"{1e6 * s.median:,.4g} ({1e6 * s.low:,.4g}–{1e6 * s.high:,.4g})",
                               f"{line.gflops:,.1f}", f"{line.gbytes_per_second:,.1f}",
                               f"{1e6 * line.host_seconds.median:,.3g}" if line.host_seconds
                               else "—"))

    def _add_row(self, cells) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate(cells):
            self.table.setItem(row, col, QTableWidgetItem(str(text)))

    def _draw(self, plot: pg.PlotWidget, column: ProfileColumn) -> None:
        """Horizontal bars on a log time axis, one row per statement (CPU above GPU), the
        whole iteration's rows under them, and the GPU's launch floor as a vertical line."""
        item = plot.getPlotItem()
        font = QFont()
        font.setPointSizeF(VALUE_POINTS * self.scale)
        devices = list(column.devices.items())
        values = [abs(v) for _, d in devices for _, v in rows_of(d) if v]
        if not values:
            return
        floor = math.log10(min(values) / 2)  # bars start here: a log axis has no zero
        labels = [code for code, _ in rows_of(devices[0][1])]
        offsets = [0.0] if len(devices) == 1 else [-BAR / 2, BAR / 2]
        for (device, profile), offset in zip(devices, offsets, strict=False):
            rows = rows_of(profile)
            ys = [-i + offset for i in range(len(rows))]
            ends = [math.log10(abs(v)) if v else floor for _, v in rows]
            item.addItem(pg.BarGraphItem(x0=[floor] * len(rows), y=ys, height=BAR,
                                         width=[e - floor for e in ends],
                                         brush=pg.mkBrush(*DEVICE_COLORS[device], 200),
                                         pen=pg.mkPen(None), name=device.upper()))
            for (_code, value), y, end in zip(rows, ys, ends, strict=True):
                sign = "−" if value < 0 else ""
                lead = f"{device.upper()} " if len(devices) > 1 else ""
                text = pg.TextItem(f"{lead}{sign}{duration(abs(value))}",
                                   color=(30, 30, 30), anchor=(0, 0.5))
                text.setFont(font)
                text.setPos(end, y)
                item.addItem(text)
            if profile.launch_floor is not None:
                line = pg.InfiniteLine(pos=math.log10(profile.launch_floor.median), angle=90,
                                       pen=pg.mkPen((214, 39, 40), width=2),
                                       label=translate("profile", "launch floor {time}").format(
                                           time=duration(profile.launch_floor.median)),
                                       labelOpts={"position": 0.97, "color": (214, 39, 40)})
                item.addItem(line)
        # A divider between the statements and the whole iteration's rows.
        item.addItem(pg.InfiniteLine(pos=-len(STATEMENTS) + 0.5, angle=0,
                                     pen=pg.mkPen((150, 150, 150), width=1)))
        item.getAxis("left").setTicks([[(-i, label) for i, label in enumerate(labels)]])
        # Tall enough for every row's code to be read, at this scale: the table gives way.
        tick = QFont()
        tick.setPointSizeF(TICK_POINTS * self.scale)
        metrics = QFontMetrics(tick)
        plot.setMinimumHeight(round((len(labels) + 2) * metrics.height()))
        widest = max(metrics.horizontalAdvance(label) for label in labels)
        shown = plot is self.plots[0]  # the first chart writes the rows' code
        plot.setMinimumWidth(round((widest if shown else 0) + 260 * self.scale))
        # Room on the right for the value labels.
        top = max(math.log10(v) for v in values)
        item.setXRange(floor, top + 0.6 * (top - floor), padding=0)
        item.setYRange(-len(labels) + 0.4, 0.6, padding=0)

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        for plot, column in zip(self.plots, self.columns, strict=False):  # the labels' fonts
            plot.getPlotItem().clear()
            self._draw(plot, column)

    def on_done(self, result) -> None:
        text = explain_profile(result)
        busy = load_sentence(result.load, "profile")
        if busy:
            text += f" {busy}."
        self.explanation.setText(text)
        if result.stopped:
            self.set_status(translate("profile", "Profile stopped: the columns measured so far."),
                            WARN_COLOR)
        elif result.gpu_reason:
            self.set_status(translate("profile", "Profile finished, CPU only: {reason}.").format(
                reason=result.gpu_reason), OK_COLOR)
        else:
            self.set_status(translate("profile", "Profile finished."), OK_COLOR)
