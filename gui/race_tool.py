"""The device race tab: two targets, one draw, loss against wall-clock seconds."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout

from engine.jobs import RaceJob
from engine.race import default_targets
from gui.plot import COLORS, styled_plot
from gui.tool_base import OK_COLOR, ToolPanel

RACE_REDRAW_SECONDS = 0.25


class RaceTool(ToolPanel):
    object_prefix = "race"

    def __init__(self, compute, config_source, parent=None):
        super().__init__("race", compute, config_source, parent)
        self.gpu_available = lambda: None  # the window's probe answer (None: probe here)
        self.compare_combo = QComboBox()
        self.compare_combo.setObjectName("race_compare_combo")
        self.compare_combo.addItem("CPU vs GPU (without a GPU: 1 thread vs all)", "device")
        self.compare_combo.addItem("float64 vs float32", "dtype")
        self.compare_combo.setToolTip("What the two runs differ in; everything else, the random "
                                      "draw included, is the same")
        self.plot = styled_plot("seconds into the training loop", "loss", False, True)
        self.plot.setObjectName("race_plot")
        self.legend = self.plot.getPlotItem().addLegend(offset=(-10, 10), labelTextSize="12pt",
                                                        labelTextColor=(30, 30, 30))
        self.curves: list[pg.PlotDataItem] = []
        self._points: list[tuple[list, list]] = []
        self._last_draw = 0.0
        self.readout = QLabel("")
        self.readout.setObjectName("race_readout")
        self.readout.setStyleSheet("font-size: 20px;")
        self.readout.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row(QLabel("Compare"), self.compare_combo))
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.status_label)

    def prepare(self, config):
        targets = default_targets(self.compare_combo.currentData(), self.gpu_available())
        self.plot.getPlotItem().clear()
        self.legend.clear()
        self.curves, self._points = [], []
        for index, target in enumerate(targets):
            curve = self.plot.plot(pen=pg.mkPen(COLORS[index], width=3), name=target.label)
            self.curves.append(curve)
            self._points.append(([], []))
        self.readout.setText("")
        self.set_status(f"Racing {targets[0].label} against {targets[1].label}…")
        self.repaint()  # paint the cleared race now, before the lanes run
        self._last_draw = time.perf_counter()
        return RaceJob(config, targets)

    def on_progress(self, item) -> None:
        index, progress = item
        xs, ys = self._points[index]
        start = xs[-1] if xs else 0.0
        # Within a batch, iterations are spread evenly between the batch's two clock readings.
        xs.extend(np.linspace(start, progress.elapsed_seconds, len(progress.losses) + 1)[1:])
        ys.extend(progress.losses)
        # Repaint a few times a second, not per batch: on a 2-core laptop every repaint takes
        # CPU from the lane that is racing, and a race must be fair to both lanes.
        now = time.perf_counter()
        if now - self._last_draw >= RACE_REDRAW_SECONDS:
            self._last_draw = now
            self.curves[index].setData(xs, ys)

    def on_done(self, result) -> None:
        lines = []
        for curve, lane in zip(self.curves, result.lanes, strict=True):
            curve.setData(lane.seconds, lane.result.losses)
            r = lane.result
            lines.append(f"<b>{lane.target.label}</b>: loop {r.loop_seconds:.3f} s "
                         f"(setup {r.setup_seconds:.3f} s, not in the race), {r.status}")
        fast = result.lanes[1 if result.speedup >= 1 else 0].target.label
        factor = result.speedup if result.speedup >= 1 else 1 / result.speedup
        lines.append(f"<b>{fast}</b> is <b>{factor:.2f}×</b> faster; the loss curves differ by "
                     f"at most {result.largest_relative_difference:.1e} (relative): same "
                     "numbers, different hardware.")
        self.readout.setText("<br>".join(lines))
        self.set_status("Race finished.", OK_COLOR)
