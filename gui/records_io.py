"""The run table's files: Export (the plot, the losses and the records into a folder), Import
(records written by this program, here or on another machine, into the history), and Export
for Colab (gui.colab_export)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from engine.core.result import RecordError, read_records
from engine.machine.devices import describe_device_facts
from gui.colab_export import ColabExport
from gui.export import export_all
from gui.language import translate
from gui.loss_plot import VISIBLE_LIMIT
from gui.tool_base import ERROR_COLOR, OK_COLOR
from session.history import RunHistory


class RunRecords:
    """Export and Import for the window: their dialogs, their work, and the status line that
    says how they went (set_status(text, colour))."""

    def __init__(self, parent: QWidget, history: RunHistory, plot_widget: QWidget,
                 next_number: Callable[[], int], set_status: Callable[[str, str], None],
                 values: Callable[[], dict[str, Any]]):
        """`values`: the settings as typed (the run that Export for Colab writes out)."""
        self.parent, self.history, self.plot_widget = parent, history, plot_widget
        self.next_number, self.set_status = next_number, set_status
        self.colab = ColabExport(parent, values, set_status)

    def export_to(self, folder: str | Path) -> list[Path] | None:
        """Write loss_plot.png, losses.csv and runs.json; None (and the reason shown) on error."""
        try:
            paths = export_all(Path(folder), self.history.entries, self.plot_widget)
        except OSError as exc:
            self.set_status(translate("MainWindow", "Export failed: {error}").format(error=exc),
                            ERROR_COLOR)
            return None
        self.set_status(translate("MainWindow", "Exported {count} runs to {folder}").format(
            count=len(self.history.entries), folder=folder), OK_COLOR)
        return paths

    def import_records(self, path: str | Path) -> bool:
        """Run records from a JSON file into the history (with new session numbers); a file
        that holds none, or a malformed one, is refused in one line with nothing changed."""
        try:
            results = read_records(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, RecordError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.set_status(translate("MainWindow", "Import refused: {file}: {reason}").format(
                file=Path(path).name, reason=reason), ERROR_COLOR)
            return False
        for result in results:
            self.history.add(self.next_number(), result)
        self.history.show_at_most(VISIBLE_LIMIT)
        facts = sorted({describe_device_facts(r.device_info) for r in results} - {""})
        imported = (translate("MainWindow", "Imported {count} runs from {file}") if len(results) > 1
                    else translate("MainWindow", "Imported {count} run from {file}"))
        self.set_status(imported.format(count=len(results), file=Path(path).name)
                        + (f" ({'; '.join(facts)})" if facts else ""), OK_COLOR)
        return True

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, translate("MainWindow", "Import run records"), "", "JSON (*.json)")
        if path:
            self.import_records(path)

    def export_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.parent, translate("MainWindow", "Export plot, losses and records into"))
        if folder:
            self.export_to(folder)
