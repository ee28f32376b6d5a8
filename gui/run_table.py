"""The run table: every run of the session, with what it was, how it ended and what it cost;
show or hide it on the plot, delete it, or make it the baseline of a speedup column."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from engine.measure import MIN_PAIRS, Spread, compare
from engine.result import Status

COLUMNS = ("show", "#", "N×D_in×H×D_out", "lr", "device", "dtype", "threads", "seed", "layers",
           "status", "loop time", "final loss", "speedup")
# The fields the legend may name, in this order, when they differ between the shown runs.
LEGEND_FIELDS = (("learning_rate", "lr {:g}"), ("device", "{}"), ("dtype", "{}"),
                 ("gpu_path", "{}"), ("threads", "{} threads"), ("seed", "seed {}"),
                 ("train", "train {}"),
                 ("n", "N={}"), ("d_in", "D_in={}"), ("hidden", "H={}"), ("d_out", "D_out={}"),
                 ("iterations", "{} it"))


def loop_time(record: dict) -> Spread:
    times = record.get("repeat_seconds") or [record["loop_seconds"]]
    return Spread.of(times)


def ending(record: dict) -> str:
    status = record["status"]
    if status == Status.DIVERGED:
        return f"diverged at t={record['diverged_at']}"
    outcome = record.get("outcome")
    return f"{status}, {outcome}" if outcome and status != Status.DIVERGED else status


def speedup(record: dict, baseline: dict) -> str:
    """Baseline loop time over this run's (above 1, this run is faster), by the one measuring
    rule (engine.measure.compare): repeat i of one against repeat i of the other, shown only
    where the verdict is settled. Only for equal work."""
    if record is baseline:
        return "baseline"
    if record["iterations_completed"] != baseline["iterations_completed"]:
        return "— (other work)"
    base, this = loop_time(baseline).samples, loop_time(record).samples
    if min(len(base), len(this)) < MIN_PAIRS:
        return f"— (Repeat ×{MIN_PAIRS} both to compare)"
    comparison = compare(("baseline", "this"), base, this)
    if comparison.winner is None:
        return "—, within noise"
    ratios = comparison.speedup.samples
    low, high = comparison.interval
    agree = sum((r > 1) == (comparison.winner == "this") for r in ratios)
    return (f"{comparison.speedup.median:.3g}× ({low:.3g}–{high:.3g}, {agree} of {len(ratios)} "
            "pairs)")


def run_value(record: dict, name: str):
    """A run's setting; for gpu_path, the path the GPU actually ran (None on a CPU)."""
    if name == "gpu_path":
        return (record.get("device_info") or {}).get("gpu_path")
    return record["config"].get(name)


def legend_labels(records: list[dict]) -> dict[int, str]:
    """Short legend entries: the run number, the fields that differ between these runs, the
    loop time and how it ended."""
    varying = [(name, fmt) for name, fmt in LEGEND_FIELDS
               if len({str(run_value(r, name)) for r in records}) > 1]
    labels = {}
    for record in records:
        parts = [f"#{record['run']}"]
        parts += [fmt.format(run_value(record, name)) for name, fmt in varying
                  if run_value(record, name) is not None]
        parts.append(loop_time(record).format())
        if record["status"] != "completed":
            parts.append(ending(record))
        labels[record["run"]] = ", ".join(parts)
    return labels


class RunTable(QWidget):
    """The table (object name run_table) and its Delete / Use as baseline buttons."""

    visibility_changed = Signal(int, bool)  # run number, shown
    delete_requested = Signal(list)  # run numbers
    baseline_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.records: list[dict] = []
        self.shown: dict[int, bool] = {}  # run number: on the plot
        self.baseline: int | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("run_table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.setToolTip("Every run of this session. Untick a run to hide it from the "
                              "plot; select runs to delete them or to use one as the baseline "
                              "of the speedup column (baseline loop time / this run's).")
        self.table.itemChanged.connect(self._on_item_changed)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("delete_runs_button")
        self.delete_button.setToolTip("Remove the selected runs from the table, the plot and "
                                      "the export (Delete)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.baseline_button = QPushButton("Use as baseline")
        self.baseline_button.setObjectName("baseline_button")
        self.baseline_button.setToolTip("Add a speedup column against the selected run")
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

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Delete:
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    # --- contents ----------------------------------------------------------------------------

    def add(self, record: dict, shown: bool = True) -> None:
        self.shown[record["run"]] = shown
        self.records.append(record)
        self.refresh()

    def remove(self, numbers: list[int]) -> None:
        self.records = [r for r in self.records if r["run"] not in numbers]
        for number in numbers:
            self.shown.pop(number, None)
        if self.baseline in numbers:
            self.baseline = None
        self.refresh()

    def set_shown(self, number: int, shown: bool) -> None:
        self.shown[number] = shown
        self.refresh()

    def shown_records(self) -> list[dict]:
        return [r for r in self.records if self.shown.get(r["run"], True)]

    def refresh(self) -> None:
        self._filling = True
        try:
            baseline = next((r for r in self.records if r["run"] == self.baseline), None)
            self.table.setColumnHidden(COLUMNS.index("speedup"), baseline is None)
            self.table.setRowCount(len(self.records))
            for row, record in enumerate(self.records):
                c = record["config"]
                cells = ("", f"{record['run']}", f"{c['n']}×{c['d_in']}×{c['hidden']}×{c['d_out']}",
                         f"{c['learning_rate']:g}",
                         " ".join(filter(None, (c["device"], run_value(record, "gpu_path")))),
                         c["dtype"],
                         str(record.get("device_info", {}).get("threads", c["threads"])),
                         str(c["seed"]), c.get("train", "both"), ending(record),
                         loop_time(record).format(),
                         f"{record['losses'][-1]:.4g}" if record["losses"] else "—",
                         speedup(record, baseline) if baseline is not None else "")
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if column == 0:
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(Qt.CheckState.Checked
                                           if self.shown.get(record["run"], True)
                                           else Qt.CheckState.Unchecked)
                        item.setToolTip("Show this run on the plot")
                    self.table.setItem(row, column, item)
        finally:
            self._filling = False
        has_rows = bool(self.records)
        self.delete_button.setEnabled(has_rows)
        self.baseline_button.setEnabled(has_rows)

    # --- user actions ------------------------------------------------------------------------

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        record = self.records[item.row()]
        shown = item.checkState() == Qt.CheckState.Checked
        self.shown[record["run"]] = shown
        self.visibility_changed.emit(record["run"], shown)

    def selected_numbers(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.records[row]["run"] for row in rows if row < len(self.records)]

    def delete_selected(self) -> None:
        numbers = self.selected_numbers()
        if numbers:
            self.delete_requested.emit(numbers)

    def use_selected_as_baseline(self) -> None:
        numbers = self.selected_numbers()
        if numbers:
            self.baseline = numbers[0]
            self.refresh()
            self.baseline_changed.emit()
