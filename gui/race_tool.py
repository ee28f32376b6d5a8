"""The device race tab: two or three targets, one draw, loss against wall-clock seconds."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout

from engine.core.config import ConfigError
from engine.core.measure import MIN_PAIRS, load_sentence
from engine.core.result import status_word
from engine.service.jobs import RaceJob
from engine.tools.race import Target, check_targets, codes_race_refusal, race_lanes
from gui.axes import COLORS, styled_plot
from gui.language import translate
from gui.tool_base import OK_COLOR, WARN_COLOR, ToolPanel
from session.history import RunHistory
from session.labels import elsewhere_label, from_elsewhere, machine_label

RACE_REDRAW_SECONDS = 0.25


class RaceTool(ToolPanel):
    object_prefix = "race"

    def __init__(self, compute, config_source, parent=None):
        super().__init__(translate("tools", "race"), compute, config_source, parent)
        self.gpu_available = lambda: None  # the window's probe answer (None: probe here)
        self.target_source = lambda: None  # the window's target loss: lanes timed to it too
        self.compare_combo = QComboBox()
        self.compare_combo.setObjectName("race_compare_combo")
        self.compare_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, compare in (
                (translate("race", "CPU vs GPU (without a GPU: 1 thread vs all)"), "device"),
                (translate("race", "float64 vs float32 (and tf32 on a GPU)"), "dtype"),
                (translate("race", "GPU paths: CuPy port vs fused vs CUDA graph"), "gpu-path"),
                (translate("race", "Codes: NumPy vs PyTorch (Tensors, Autograd) vs MLX"), "code"),
                (translate("race", "This machine's CPU vs a lane from another machine"),
                 "elsewhere")):
            self.compare_combo.addItem(text, compare)
        self.history: RunHistory | None = None  # the window's: runs imported from elsewhere
        self.elsewhere_combo = QComboBox()
        self.elsewhere_combo.setObjectName("race_elsewhere_combo")
        self.elsewhere_combo.setToolTip(translate(
            "race", "A run imported from another machine (an exported notebook's record, from "
                    "Colab say): this machine's CPU trains the same settings, and the two are "
                    "compared by their loop times, measured apart"))
        self.compare_combo.currentIndexChanged.connect(self.list_elsewhere)
        refusal = codes_race_refusal()
        if refusal:
            item = self.compare_combo.model().item(self.compare_combo.findData("code"))
            item.setEnabled(False)
            item.setToolTip(refusal)
        self.compare_combo.setToolTip(translate("race", "What the runs differ in; everything else, "
                                                        "the random draw included, is the same. "
                                                        "The GPU paths need a GPU; the codes need "
                                                        "the torch or the mlx extra."))
        self.plot = styled_plot(translate("axes", "seconds into the training loop"),
                                translate("axes", "loss"), False, True)
        self.plot.setObjectName("race_plot")
        self.add_legend(self.plot)
        self.curves: list[pg.PlotDataItem] = []
        self._points: list[tuple[list, list]] = []
        self._last_draw = 0.0
        self.readout = QLabel("")
        self.readout.setObjectName("race_readout")
        self.style_label(self.readout, 20)
        self.readout.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row(QLabel(translate("race", "Compare")), self.compare_combo))
        layout.addWidget(self.elsewhere_combo)  # its own row: its labels are long
        self.list_elsewhere()
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.status_label)

    def list_elsewhere(self) -> None:
        """The runs from another machine in the history, offered where that race is chosen."""
        chosen = self.elsewhere_combo.currentData()
        self.elsewhere_combo.clear()
        entries = [e for e in (self.history.entries if self.history else [])
                   if from_elsewhere(e.result)]
        for entry in entries:
            self.elsewhere_combo.addItem(f"#{entry.number} {elsewhere_label(entry.result)}",
                                         entry.number)
        if chosen in [e.number for e in entries]:
            self.elsewhere_combo.setCurrentIndex(self.elsewhere_combo.findData(chosen))
        self.elsewhere_combo.setVisible(self.compare_combo.currentData() == "elsewhere")

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name): imports since last shown
        self.list_elsewhere()
        super().showEvent(event)

    def _elsewhere_job(self, config):
        """This machine's CPU on the imported run's settings, beside that run."""
        entry = self.history.get(self.elsewhere_combo.currentData()) if self.history else None
        if entry is None:
            return translate("race", "Refused: no run from another machine to race; import a "
                                     "notebook's record first (File → Export for Colab, then "
                                     "File → Import).")
        run = entry.result
        local = replace(run.config, device="cpu", code="numpy", threads=config.threads,
                        diagnostics=False)
        here = Target(translate("race", "this machine's CPU (NumPy engine)"), "cpu",
                      threads=config.threads, code="numpy")
        return RaceJob(local, (here,), repeats=max(MIN_PAIRS, len(run.repeat_seconds)),
                       elsewhere=(elsewhere_label(run, machine=False), run))

    def job_for(self, config):
        if self.compare_combo.currentData() == "elsewhere":
            return self._elsewhere_job(config)
        try:
            targets = race_lanes(self.compare_combo.currentData(), config,
                                 gpu_available=self.gpu_available())
            check_targets(config, targets)
        except ConfigError as exc:
            return translate("race", "Refused: {reason}.").format(reason=exc.reason)
        return RaceJob(config, targets, target=self.target_source())

    def cleared_plots(self) -> list:
        return [self.plot]

    def clear_views(self, job) -> None:
        self.curves, self._points = [], []
        for index, target in enumerate(job.targets):
            curve = self.plot.plot(pen=pg.mkPen(COLORS[index], width=3), name=target.label)
            self.curves.append(curve)
            self._points.append(([], []))
        if job.elsewhere is not None:  # drawn when the race ends, dash-dotted: from elsewhere
            self.curves.append(self.plot.plot(
                pen=pg.mkPen(COLORS[len(job.targets)], width=3, style=Qt.PenStyle.DashDotLine),
                name=job.elsewhere[0]))
        self.readout.setText("")
        self._last_draw = time.perf_counter()

    def starting_words(self, job) -> str:
        labels = [t.label for t in job.targets] + ([job.elsewhere[0]] if job.elsewhere else [])
        return translate("race", "Racing {lanes}…").format(
            lanes=translate("race", " against ").join(labels))

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
        for curve, lane in zip(self.curves, result.lanes, strict=False):  # stopped: fewer
            curve.setData(lane.seconds, lane.result.losses)
            r = lane.result
            if lane.apart:
                lines.append(translate("race", "<b>{lane}</b>: loop {time} over {count} runs, "
                                               "measured on {machine}, {status}").format(
                    lane=lane.label, time=lane.timing.format(), count=len(lane.loop_seconds),
                    machine=machine_label(r), status=status_word(r.status)))
                continue
            lines.append(translate("race", "<b>{lane}</b>: loop {time} over {count} runs (setup "
                                           "{setup:.3f} s, not in the race; the curve is the "
                                           "median run), {status}").format(
                lane=lane.label, time=lane.timing.format(), count=len(lane.loop_seconds),
                setup=r.setup_seconds, status=status_word(r.status)))
        for verdict in result.verdicts:
            lines.append(f"<b>{verdict}</b>")
        target_verdict = result.target_verdict()
        if target_verdict:
            lines.append(translate("race", "Time to the target: {verdict}").format(
                verdict=target_verdict))
        lines.extend(f"<b style='color:{WARN_COLOR}'>{note}.</b>" for note in result.notes)
        busy = load_sentence(result.load, "race")
        if busy:
            lines.append(f"<b style='color:{WARN_COLOR}'>{busy}.</b>")
        lines.append(describe_difference(result))
        self.readout.setText("<br>".join(lines))
        self.set_status(translate("race", "Race stopped: the rounds measured so "
                                          "far.") if result.stopped
                        else translate("race", "Race finished."),
                        WARN_COLOR if result.stopped else OK_COLOR)



def describe_difference(result) -> str:
    """What differs between the lanes, and what the curves show of it (from the data)."""
    configs = [lane.result.config for lane in result.lanes]
    difference = result.largest_relative_difference

    def varied(values) -> str:
        return (translate("race", " against ").join(str(v) for v in values)
                if len(set(values)) > 1 else "")

    raced = result.raced  # the threads of this machine's lanes
    threads = [lane.result.device_info.get("threads") for lane in raced]
    paths = [lane.result.device_info.get("gpu_path") for lane in result.lanes]
    what = [text for text in (
        varied([c.device.upper() for c in configs]),
        varied([c.dtype for c in configs]),
        translate("race", "{threads} BLAS threads on the same CPU").format(threads=varied(threads))
        if len(raced) > 1 and all(lane.result.config.device == "cpu" for lane in raced)
        and varied(threads) else "",
        translate("race", "the GPU paths {paths}").format(paths=varied(paths))
        if all(c.device == "gpu" for c in configs) and varied(paths) else "",
    ) if text]
    lead = translate("race", "Same draw, same algorithm; {what}. ").format(
        what=", ".join(what) or translate("race", "the same settings"))
    if any(lane.result.device_info.get("different_draw") for lane in result.lanes):
        lead = translate("race", "Not the same draw: a lane from another machine trained on "
                                 "other arrays; {what}. ").format(
            what=", ".join(what) or translate("race", "the same settings"))
    if difference < 1e-6:
        return lead + translate("race", "The loss curves agree to {difference:.1e} (relative): the "
                                      "same arithmetic, rounded in a different order.").format(
            difference=difference)
    rounding = {"float32": translate("race", "float32 keeps about 7 significant digits"),
                "tf32": translate("race", "TF32 products keep about 3")}
    kept = [rounding[d] for d in dict.fromkeys(c.dtype for c in configs) if d in rounding]
    if kept and varied([c.dtype for c in configs]):
        return lead + translate("race", "The loss curves differ by up to {percent:.3g} % "
                                        "(relative): {kept} significant digits, and training "
                                        "amplifies the rounding.").format(
            percent=100 * difference, kept=translate("race", " and ").join(kept))
    return lead + translate("race", "The loss curves differ by up to {percent:.3g} % "
                                  "(relative).").format(percent=100 * difference)
