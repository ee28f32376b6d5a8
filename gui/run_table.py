"""The run table, a view of the session's RunHistory: every run, with what it was, how it
ended and what it cost; show or hide it on the plot, delete it, or make it the baseline of a
speedup column."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.core.measure import MIN_PAIRS, compare
from engine.core.target import TargetLoss
from gui.language import QT_TRANSLATE_NOOP, follow_language, translate
from session.history import Change, Entry, RunHistory
from session.labels import (
    ending,
    from_elsewhere,
    loop_time,
    machine_facts,
    machine_label,
    run_value,
)

COLUMNS = ("show", "#", "N×D_in×H×D_out", "lr", "code", "machine", "device", "dtype", "threads",
           "seed", "layers", "status", "loop time", "final loss", "to target", "speedup")
# The columns of a run's settings: in presentation mode only those where the runs differ show.
SETTINGS_COLUMNS = ("N×D_in×H×D_out", "code", "device", "dtype", "threads", "seed", "layers")
# In presentation mode these share the width the others leave, and wrap.
WRAPPED_COLUMNS = ("status", "to target")
# The headers a user reads, in the order of COLUMNS (the keys above stay the code's).
HEADERS = (QT_TRANSLATE_NOOP("run_table", "show"), "#", "N×D_in×H×D_out", "lr",
           QT_TRANSLATE_NOOP("run_table", "code"), QT_TRANSLATE_NOOP("run_table", "machine"),
           QT_TRANSLATE_NOOP("run_table", "device"),
           "dtype", QT_TRANSLATE_NOOP("run_table", "threads"),
           QT_TRANSLATE_NOOP("run_table", "seed"), QT_TRANSLATE_NOOP("run_table", "layers"),
           QT_TRANSLATE_NOOP("run_table", "status"), QT_TRANSLATE_NOOP("run_table", "loop time"),
           QT_TRANSLATE_NOOP("run_table", "final loss"),
           QT_TRANSLATE_NOOP("run_table", "to target"),
           QT_TRANSLATE_NOOP("run_table", "speedup"))


def speedup(entry: Entry, baseline: Entry) -> str:
    """Baseline loop time over this run's (above 1, this run is faster), by the one measuring
    rule (engine.core.measure.compare): repeat i of one against repeat i of the other, shown only
    where the verdict is settled. Only for equal work."""
    if entry is baseline:
        return translate("run_table", "baseline")
    if entry.result.iterations_completed != baseline.result.iterations_completed:
        return translate("run_table", "— (other work)")
    base, this = loop_time(baseline.result).samples, loop_time(entry.result).samples
    if min(len(base), len(this)) < MIN_PAIRS:
        return translate("run_table", "— (Repeat ×{pairs} both to compare)").format(pairs=MIN_PAIRS)
    comparison = compare(("baseline", "this"), base, this)
    if comparison.winner is None:
        return translate("run_table", "—, within noise")
    ratios = comparison.speedup.samples
    low, high = comparison.interval
    agree = sum((r > 1) == (comparison.winner == "this") for r in ratios)
    return translate("run_table", "{speedup:.3g}× ({low:.3g}–{high:.3g}, {agree} of {pairs} "
                                  "pairs)").format(
        speedup=comparison.speedup.median, low=low, high=high, agree=agree, pairs=len(ratios))


def cells(entry: Entry, baseline: Entry | None, target: TargetLoss) -> tuple[str, ...]:
    """A row of the table (the show column's text is empty: it is a checkbox)."""
    result, c = entry.result, entry.result.config
    reached = result.time_to_target(target)
    return ("", f"{entry.number}", f"{c.n}×{c.d_in}×{c.hidden}×{c.d_out}",
            f"{c.learning_rate:g}", c.code, machine_label(result),
            " ".join(filter(None, (c.device, run_value(result, "gpu_path")))), c.dtype,
            "—" if from_elsewhere(result) else str(result.device_info.get("threads", c.threads)),
            str(c.seed),
            translate("run_table", "both") if c.train == "both" else c.train,
            ending(result), loop_time(result).format(),
            f"{result.final_loss:.4g}" if result.final_loss is not None else "—",
            reached.words() if reached is not None else "—",
            speedup(entry, baseline) if baseline is not None else "")


STATUS_TIP = QT_TRANSLATE_NOOP("run_table", "How the run ended, and what it learned: learned "
                               "(the loss fell below a millionth of its initial value), still "
                               "falling (by 5 % or more over its last fifth), plateaued (flat, "
                               "well above zero: a catapult's, or the best fit of a problem that "
                               "cannot be fitted exactly), unstable (finite, but no lower than "
                               "it began), diverged (non-finite, at iteration t)")
TARGET_TIP = QT_TRANSLATE_NOOP("run_table", "Time to the target ({target}), MLPerf's time to "
                               "train: the first iteration t whose loss was at or below it, and "
                               "the seconds into the loop when it ended; a diverged run never "
                               "reaches it. Set the target under the controls on the left.")


MACHINE_TIP = QT_TRANSLATE_NOOP("run_table", "Where the run trained: this machine, or another "
                                "one whose record was imported (an exported notebook run on "
                                "Colab, say). Times from another machine were measured there, "
                                "apart from this machine's: hover a row for its facts.")


class RunTable(QWidget):
    """The table (object name run_table) and its Delete / Use as baseline buttons: a view of
    the history, which it changes only through the history's own calls."""

    delete_requested = Signal(list)  # run numbers: the window deletes them (and says so)
    run_activated = Signal(int)  # a row double-clicked: its run number

    def __init__(self, history: RunHistory, parent=None):
        super().__init__(parent)
        self.history = history
        self.target = TargetLoss()
        self.scale = 1.0
        history.subscribe(self._on_history)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("run_table")
        self.table.viewport().installEventFilter(self)  # presentation mode: _share_width
        self._set_headers()
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.setToolTip(translate("run_table", "Every run of this session. Untick a run to "
                                                     "hide it from the plot; select runs to delete "
                                                     "them or to use one as the baseline of the "
                                                     "speedup column (baseline loop time / this "
                                                     "run's). Double-click a diverged run to zoom "
                                                     "to its divergence; Home on the plot shows "
                                                     "every run again."))
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        self.delete_button = QPushButton(translate("run_table", "Delete"))
        self.delete_button.setObjectName("delete_runs_button")
        self.delete_button.setToolTip(translate("run_table", "Remove the selected runs from the "
                                                             "table, the plot and the export "
                                                             "(Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.baseline_button = QPushButton(translate("run_table", "Use as baseline"))
        self.baseline_button.setObjectName("baseline_button")
        self.baseline_button.setToolTip(translate("run_table", "Add a speedup column against the "
                                                               "selected run"))
        self.baseline_button.clicked.connect(self.use_selected_as_baseline)
        buttons = QHBoxLayout()
        buttons.addWidget(self.baseline_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._filling = False
        self.refresh()
        follow_language(self, self._on_language_changed)

    def _set_headers(self) -> None:
        self.table.setHorizontalHeaderLabels([translate("run_table", h) for h in HEADERS])
        self.table.horizontalHeaderItem(COLUMNS.index("status")).setToolTip(
            translate("run_table", STATUS_TIP))
        self.table.horizontalHeaderItem(COLUMNS.index("machine")).setToolTip(
            translate("run_table", MACHINE_TIP))
        self.table.horizontalHeaderItem(COLUMNS.index("to target")).setToolTip(
            translate("run_table", TARGET_TIP).format(target=self.target.describe()))

    def _hide_equal_settings(self) -> None:
        """In presentation mode, a settings column whose every row says the same is hidden,
        and so is every settings column of an empty table (a lone run's show)."""
        rows = self.table.rowCount()
        for name in SETTINGS_COLUMNS:
            column = COLUMNS.index(name)
            texts = {self.table.item(row, column).text() for row in range(rows)
                     if self.table.item(row, column) is not None}
            self.table.setColumnHidden(column, self.scale > 1 and rows != 1
                                       and len(texts) <= 1)

    def set_target(self, target: TargetLoss) -> None:
        """The target loss the "to target" column times each run to."""
        self.target = target
        self._set_headers()
        self.refresh()

    def _on_language_changed(self) -> None:
        self._set_headers()
        self.refresh()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Delete:
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    # --- contents ----------------------------------------------------------------------------

    def _on_history(self, _change: Change, _numbers: list[int]) -> None:
        self.refresh()

    def set_scale(self, scale: float) -> None:
        """Presentation mode: at least four rows in view, columns that share the width, their
        text wrapped, instead of running off the right edge, and the settings' columns only
        where the runs differ (as the legend names only what differs)."""
        self.scale = scale
        self._hide_equal_settings()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for name in WRAPPED_COLUMNS:
            header.setSectionResizeMode(COLUMNS.index(name), QHeaderView.ResizeMode.Interactive
                                        if scale > 1 else QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self._share_width()
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header.sizeHint().height() + 4 * rows + 8 if scale > 1
                                    else 0)

    def _share_width(self) -> None:
        """In presentation mode the status column ("completed, plateaued") and the time to
        target share what the other columns leave, and wrap; each keeps at least its header's
        width, so that where too little is left the table scrolls sideways instead of clipping
        a header (a Stretch column would shrink below its header)."""
        if self.scale > 1:
            header = self.table.horizontalHeader()
            header.resizeSections()  # the other columns at their contents' width first
            wrapped = [COLUMNS.index(name) for name in WRAPPED_COLUMNS]
            others = sum(header.sectionSize(c) for c in range(len(COLUMNS))
                         if c not in wrapped and not self.table.isColumnHidden(c))
            share = (self.table.viewport().width() - others) // len(wrapped)
            for column in wrapped:
                header.resizeSection(column, max(share, header.sectionSizeHint(column)))
        self.table.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (self.scale > 1 and watched is self.table.viewport()
                and event.type() == QEvent.Type.Resize):  # the desktop's columns size themselves
            self._share_width()
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        self._filling = True
        entries, baseline = self.history.entries, self.history.baseline_entry()
        try:
            self.table.setColumnHidden(COLUMNS.index("speedup"), baseline is None)
            self.table.setRowCount(len(entries))
            for row, entry in enumerate(entries):
                for column, text in enumerate(cells(entry, baseline, self.target)):
                    item = QTableWidgetItem(text)
                    if column == 0:
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(Qt.CheckState.Checked if entry.shown
                                           else Qt.CheckState.Unchecked)
                        item.setToolTip(translate("run_table", "Show this run on the plot"))
                    elif from_elsewhere(entry.result):  # measured apart: said on every cell
                        item.setToolTip(machine_facts(entry.result))
                    self.table.setItem(row, column, item)
        finally:
            self._filling = False
        # The machine column shows where a run came from elsewhere (a notebook's record).
        self.table.setColumnHidden(COLUMNS.index("machine"),
                                   not any(from_elsewhere(e.result) for e in entries))
        self._hide_equal_settings()
        self._share_width()
        has_rows = bool(entries)
        self.delete_button.setEnabled(has_rows)
        self.baseline_button.setEnabled(has_rows)

    # --- user actions ------------------------------------------------------------------------

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        entry = self.history.entries[item.row()]
        self.history.set_shown(entry.number, item.checkState() == Qt.CheckState.Checked)

    def _on_double_click(self, row: int, _column: int) -> None:
        entries = self.history.entries
        if row < len(entries):
            self.run_activated.emit(entries[row].number)

    def selected_numbers(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        entries = self.history.entries
        return [entries[row].number for row in rows if row < len(entries)]

    def delete_selected(self) -> None:
        numbers = self.selected_numbers()
        if numbers:
            self.delete_requested.emit(numbers)

    def use_selected_as_baseline(self) -> None:
        numbers = self.selected_numbers()
        if numbers:
            self.history.set_baseline(numbers[0])
