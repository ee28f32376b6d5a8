"""The wall-clock readout: a clock large enough for the back of a lecture hall, and the cost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from engine.backends.codes import backward_line
from engine.core.result import RunResult, Status
from engine.machine.devices import describe_path, describe_threads
from engine.words.explain import explain_run
from gui.language import follow_language, translate


def hold_size(label: QLabel, widest: str) -> None:
    """Fix the label's size to fit `widest`. Qt re-lays out the window at every setText of a
    label whose size can change (1.6 ms a tick instead of 0.13 ms for the clock), and during a
    run that CPU comes from the run; a label of fixed size skips it."""
    label.setMinimumSize(0, 0)
    label.setMaximumSize(16777215, 16777215)
    label.ensurePolished()  # the style sheet's font, not the default one
    metrics = label.fontMetrics()
    label.setFixedSize(metrics.horizontalAdvance(widest) + 8, metrics.height() + 4)


def format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.2f} s"
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)} min {rest:04.1f} s"


# Font sizes (px) at scale 1; presentation mode multiplies them, and the clock once more.
SIZES = {"caption": 14, "clock": 52, "status": 18, "stat": 16, "explanation": 15}
CLOCK_EXTRA = 1.3  # the wall clock grows this much more than the rest in presentation mode
STAT_SAMPLE = "2,000,000 / 2,000,000"  # the widest value a stat label is sized for
BUSY_COLOR = "#b8860b"  # amber: the tools' warning colour


# The notes panel grows to this many lines, then scrolls: fewer in presentation mode, whose
# larger lines would otherwise take the plots' height.
EXPLANATION_LINES, PRESENTATION_LINES = 8, 5


class ExplanationPanel(QScrollArea):
    """A finished run's notes and explanation, under the plots and the readout, as tall as
    its lines at its width (up to EXPLANATION_LINES lines), so that neither the splitter nor
    the readout's narrow column hides them behind a scroll bar; hidden while it has none."""

    def __init__(self):
        super().__init__()
        self.setObjectName("explanation_panel")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inside = QWidget()
        self.lines = QVBoxLayout(inside)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.setWidget(inside)
        self.most_lines = EXPLANATION_LINES
        self.hide()

    def labels(self) -> list[QLabel]:
        return [self.lines.itemAt(i).widget() for i in range(self.lines.count())]

    def fit(self) -> None:
        """Shown where a line has something to say, and as tall as what it says."""
        shown = [label for label in self.labels() if label.text() and not label.isHidden()]
        self.setVisible(bool(shown))
        if not shown:
            return
        width = max(self.viewport().width(), 200)
        needed = sum(label.heightForWidth(width) for label in shown) \
            + self.lines.spacing() * (len(shown) - 1)
        most = self.most_lines * shown[0].fontMetrics().lineSpacing()
        self.setMinimumHeight(min(needed, most) + 2 * self.frameWidth() + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit()


class Readout(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.scale = 1.0
        self._status_color = "#000"
        layout = QVBoxLayout(self)
        self.caption = caption = QLabel(translate("readout", "wall clock"))
        layout.addWidget(caption)
        self.elapsed_label = QLabel("0.00 s")
        self.elapsed_label.setObjectName("elapsed_label")
        self.elapsed_label.setToolTip(translate("readout", "The training loop's time, live and "
                                                           "after the run (the tutorial's "
                                                           "'Completed in X seconds'); setup (the "
                                                           "draw, the copy to the device, the "
                                                           "warm-up) is not in it."))
        self.elapsed_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.elapsed_label)
        self.status_label = QLabel(translate("readout", "Ready"))
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        layout.addWidget(self.progress_bar)

        stats = QFormLayout()
        self.stat_labels: dict[str, QLabel] = {}
        self.stat_names: list[QLabel] = []
        for key, caption_text, tip in (
            ("iteration", translate("readout", "Iteration"), translate("readout", "Iterations done "
                                                                                  "of the total")),
            ("rate", translate("readout", "Iterations/s"), translate("readout", "Iterations per "
                                                                                "second of loop "
                                                                                "time")),
            ("eta", translate("readout", "Time "
                                         "left"), translate("readout", "Time left at the current "
                                                                       "rate")),
            ("gflops", "GFLOP/s", translate("readout", "4·N·D_in·H + 6·N·H·D_out operations per "
                                                       "iteration, per second of the training's "
                                                       "own time (diagnostics' time apart)")),
            ("loss", translate("readout", "Loss"), translate("readout", "The latest loss, Σ "
                                                                        "(y_pred − y)²")),
            ("setup", translate("readout", "Setup"), translate("readout", "Random draw, copy to "
                                                                          "the device and GPU "
                                                      "warm-up, outside the loop time")),
            ("diagnostics", translate("readout", "Diagnostics"), translate("readout", "The loop "
                                                                                      "time the "
                                                                                      "diagnostics "
                                                                  "took (sharpness, dead units), "
                                                                  "shown apart from the "
                                                                  "training's")),
        ):
            label = QLabel("—")
            label.setObjectName(f"{key}_value_label")
            label.setToolTip(tip)
            name = QLabel(caption_text)
            name.setToolTip(tip)
            self.stat_names.append(name)
            stats.addRow(name, label)
            self.stat_labels[key] = label
        layout.addLayout(stats)
        # A busy machine is said in the clock's own size and colour: a small line under a big
        # green time was easy to miss.
        self.busy_label = QLabel(translate("readout", "CPU busy"))
        self.busy_label.setObjectName("busy_label")
        self.busy_label.setToolTip(translate("readout", "Other programs used the CPU while this "
                                                        "run was timed: its time is not one to "
                                                        "quote"))
        self.busy_label.hide()
        layout.insertWidget(layout.indexOf(self.elapsed_label) + 1, self.busy_label)
        # Lines shown only when a run has something to say in them: under the plots and this
        # column, across their width (the window places explanation_panel).
        self.explanation_panel = ExplanationPanel()
        notes = self.explanation_panel.lines
        self.timing_note_label = self._note_line(notes, "timing_note_label", translate("readout",
            "Other programs used the CPU while this run was timed: its time is not one to quote"))
        self.gpu_path_label = self._note_line(notes, "gpu_path_label", translate("readout",
            "How the GPU issued this run's iterations (the GPU path setting), and why, where it "
            "is not the one chosen"))
        self.threads_label = self._note_line(notes, "threads_label", translate("readout",
            "How many BLAS threads this CPU run trained with, and why: `auto` measures the "
            "counts on the run's own arrays and leaves the cores other programs use alone"))
        self.backward_label = self._note_line(notes, "backward_label", translate("readout",
            "The matrix products one backward pass of this run actually ran, counted at one "
            "iteration (for autograd, by PyTorch's dispatcher): a frozen layer's are skipped"))
        self.explanation_label = QLabel("")
        self.explanation_label.setObjectName("explanation_label")
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation_label.setToolTip(translate("readout", "Written from this run's "
                                                               "diagnostics: every "
                                                            "number in it was measured in the run"))
        notes.addWidget(self.explanation_label)
        layout.addStretch(1)
        self._result: RunResult | None = None  # the last finished run shown
        self.set_scale(1.0)  # the fonts and the fixed label sizes: declared once, there
        follow_language(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        """The last run's lines and explanation written again, and the sizes fitted to the
        new words."""
        self.set_scale(self.scale)
        if self._result is not None:
            self.show_result(self._result)
            if self.explanation_label.text():
                self.show_explanation(explain_run(self._result))

    @staticmethod
    def _note_line(layout, name: str, tip: str) -> QLabel:
        label = QLabel("")
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setToolTip(tip)
        label.hide()
        layout.addWidget(label)
        return label

    def show_explanation(self, text: str) -> None:
        self.explanation_label.setText(text)
        self.explanation_panel.fit()

    def reset(self) -> None:
        self._result = None
        self.explanation_label.setText("")
        self.timing_note_label.hide()
        self.set_busy(False)
        for label in (self.gpu_path_label, self.threads_label, self.backward_label):
            label.hide()
        self.explanation_panel.fit()
        self.elapsed_label.setText(format_seconds(0))
        self.progress_bar.setValue(0)
        for label in self.stat_labels.values():
            label.setText("—")

    def set_status(self, text: str, color: str = "#000") -> None:
        self._status_color = color
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"font-size: {self._px('status')}px; color: {color};")

    def _px(self, name: str) -> int:
        extra = CLOCK_EXTRA if name == "clock" and self.scale > 1 else 1.0
        return round(SIZES[name] * self.scale * extra)

    def set_scale(self, scale: float) -> None:
        """Every font of the readout × scale (presentation mode), the clock more still."""
        self.scale = scale
        self.caption.setStyleSheet(f"color: #666; font-size: {self._px('caption')}px;")
        self._style_clock()
        hold_size(self.elapsed_label, "00 min 00.0 s")
        hold_size(self.busy_label, self.busy_label.text())
        self.status_label.setStyleSheet(f"font-size: {self._px('status')}px; "
                                        f"color: {self._status_color};")
        for label in self.stat_labels.values():
            label.setStyleSheet(f"font-size: {self._px('stat')}px;")
            hold_size(label, STAT_SAMPLE)
        for name in self.stat_names:
            name.setStyleSheet(f"font-size: {self._px('stat')}px; color: #444;")
        # Wide enough for the longest caption beside the widest value: nothing is cut.
        name = self.stat_names[0]
        name.ensurePolished()
        captions = max(name.fontMetrics().horizontalAdvance(n.text()) for n in self.stat_names)
        value = next(iter(self.stat_labels.values())).width()
        self.setMinimumWidth(max(round(300 * scale), captions + value + 40))
        for label, color in ((self.explanation_label, "#333"),
                             (self.timing_note_label, BUSY_COLOR),
                             (self.gpu_path_label, "#333"), (self.threads_label, "#333"),
                             (self.backward_label, "#333")):
            label.setStyleSheet(f"font-size: {self._px('explanation')}px; color: {color};")
        self.explanation_panel.most_lines = EXPLANATION_LINES if scale <= 1 else PRESENTATION_LINES
        self.explanation_panel.fit()

    def _style_clock(self) -> None:
        color = BUSY_COLOR if self.busy_label.isVisibleTo(self) else "#000"
        for label in (self.elapsed_label, self.busy_label):
            label.setStyleSheet(f"font-size: {self._px('clock')}px; font-weight: bold; "
                                f"color: {color};")

    def set_busy(self, busy: bool) -> None:
        """The clock amber, and 'CPU busy' under it in the same size, when other programs
        used the CPU during the measurement."""
        self.busy_label.setVisible(busy)
        self._style_clock()

    def show_elapsed(self, seconds: float) -> None:
        self.elapsed_label.setText(format_seconds(seconds))

    def show_progress(self, done: int, total: int, loop_seconds: float, loss: float | None,
                      flops_per_iteration: int) -> None:
        self.progress_bar.setValue(int(1000 * done / total) if total else 0)
        self.stat_labels["iteration"].setText(f"{done:,} / {total:,}")
        if loop_seconds > 0 and done:
            rate = done / loop_seconds
            self.stat_labels["rate"].setText(f"{rate:,.0f}")
            self.stat_labels["eta"].setText(format_seconds((total - done) / rate))
            # 0 flops: a run with diagnostics, whose rate is known only at its end
            self.stat_labels["gflops"].setText(f"{flops_per_iteration * rate / 1e9:,.1f}"
                                               if flops_per_iteration else "—")
        if loss is not None:
            self.stat_labels["loss"].setText(f"{loss:.4g}")

    def show_result(self, result: RunResult) -> None:
        """The finished run's own figures (loop time alone, as the engine measured it)."""
        self._result = result
        done, total = result.iterations_completed, result.config.iterations
        self.elapsed_label.setText(format_seconds(result.loop_seconds))
        self.progress_bar.setValue(1000 if result.status == Status.COMPLETED
                                   else int(1000 * done / total))
        self.stat_labels["iteration"].setText(f"{done:,} / {total:,}")
        self.stat_labels["rate"].setText(f"{result.iterations_per_second:,.0f}")
        self.stat_labels["eta"].setText("—")
        self.stat_labels["gflops"].setText(f"{result.gflops:,.1f}")
        final = result.final_loss
        self.stat_labels["loss"].setText(f"{final:.4g}" if final is not None else "—")
        self.stat_labels["setup"].setText(format_seconds(result.setup_seconds))
        self.stat_labels["diagnostics"].setText(format_seconds(result.diagnostics_seconds)
                                                if result.diagnostics else "—")
        note = result.timing_note
        self.timing_note_label.setText(note)
        self.timing_note_label.setVisible(bool(note))
        self.set_busy(bool(note))
        threads = describe_threads(result.device_info)
        self.threads_label.setText(threads)
        self.threads_label.setVisible(bool(threads))
        path = describe_path(result.device_info)
        self.gpu_path_label.setText(path)
        self.gpu_path_label.setVisible(bool(path))
        backward = backward_line(result)
        self.backward_label.setText(backward)
        self.backward_label.setVisible(bool(backward))
        self.explanation_panel.fit()
