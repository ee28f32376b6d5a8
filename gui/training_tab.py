"""The Training tab's views, laid out: the loss plot over the diagnostics, the readout beside
them (scrolling rather than cut), the explanation and the run table under both. Every view
reads the one RunHistory made here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from gui.diagnostics_plot import DiagnosticsPlot
from gui.kept_sessions import SessionBar
from gui.language import translate
from gui.loss_plot import LossPlot
from gui.readout import Readout
from gui.run_table import RunTable
from session.history import RunHistory


class TrainingTab(QSplitter):
    def __init__(self):
        super().__init__(Qt.Orientation.Vertical)
        self.history = RunHistory()  # the session's runs: every view below reads this one
        self.plot = LossPlot(self.history)
        self.readout = Readout()
        self.diagnostics_plot = DiagnosticsPlot(self.plot.widget)
        self.diagnostics_plot.hide()
        self.run_table = RunTable(self.history)
        self.run_table.run_activated.connect(self.plot.zoom_to_divergence)
        self.run_table.delete_requested.connect(self.delete_runs)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.plot.widget)
        plots.addWidget(self.diagnostics_plot)
        plots.setStretchFactor(0, 3)
        plots.setStretchFactor(1, 2)
        plots.setChildrenCollapsible(False)  # the diagnostics keep their axes' labels
        # A long explanation scrolls rather than being cut; the readout's own width is kept.
        self.readout_scroll = QScrollArea()
        self.readout_scroll.setWidgetResizable(True)
        self.readout_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.readout_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.readout_scroll.setWidget(self.readout)
        self.fit_readout()
        self.session_bar = SessionBar()  # above the plot: reopen the last session, or clean up
        plots_column = QWidget()
        column = QVBoxLayout(plots_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.session_bar)
        column.addWidget(plots, 1)
        top = QSplitter()
        top.addWidget(plots_column)
        top.addWidget(self.readout_scroll)
        top.setStretchFactor(0, 1)
        top.setSizes([760, 320])
        # The explanation and the run table span the plots and the readout: a paragraph and
        # the table's columns need the width (in presentation mode above all), and wide, the
        # paragraph takes few lines of the plots' height.
        self.addWidget(top)
        self.addWidget(self.readout.explanation_panel)
        self.addWidget(self.run_table)
        self.setStretchFactor(0, 4)
        self.setStretchFactor(1, 0)  # the explanation: its paragraph's height, no more
        self.setStretchFactor(2, 1)

    def fit_readout(self) -> None:
        """The readout's column as wide as the readout needs, its scroll bar beside it."""
        scrollbar = self.readout_scroll.verticalScrollBar().sizeHint().width()
        self.readout_scroll.setMinimumWidth(self.readout.minimumWidth() + scrollbar + 4)

    def set_scale(self, scale: float) -> None:
        """Presentation mode: the readout's texts, the curves' pens, the notes, the table."""
        self.readout.set_scale(scale)
        self.fit_readout()
        self.diagnostics_plot.set_axis_scale(self.plot.widget, scale)
        self.plot.set_pen_scale(2.0 if scale > 1 else 1.0)
        self.plot.set_text_scale(scale)
        self.plot.relabel()  # the legend's entries in the new size
        self.run_table.set_scale(scale)

    def set_x_mode(self, mode: str) -> None:
        """"iteration" or "seconds"; the diagnostics share the iteration axis, and in seconds
        they would not line up: they show in the first only."""
        self.plot.set_x_mode(mode)
        self.diagnostics_plot.setVisible(mode == "iteration"
                                         and bool(self.diagnostics_plot.ratios))

    def delete_runs(self, numbers: list[int]) -> None:
        self.history.remove(numbers)
        runs = ", ".join(f"#{n}" for n in numbers)
        self.readout.set_status((translate("MainWindow", "Deleted runs {runs}") if len(numbers) > 1
                                 else translate("MainWindow", "Deleted run {runs}")).format(
                                     runs=runs))

    def clear_history(self) -> None:
        self.history.clear()
        self.readout.set_status(translate("MainWindow", "History cleared"))
