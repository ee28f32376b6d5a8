"""The error dialog a tab opens when its job failed or crashed (the runner only reports)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from engine.core.result import status_word
from engine.service.jobs import JobEnd
from gui.language import translate


def open_error_dialog(parent: QWidget, title: str, end: JobEnd) -> QMessageBox:
    """Open (not exec: the window keeps running) and return the dialog for a failed or crashed
    job, with the traceback as its details."""
    dialog = QMessageBox(QMessageBox.Icon.Critical, translate("dialogs", "{job}: {ending}").format(
        job=title, ending=status_word(end.kind)), end.message, parent=parent)
    dialog.setObjectName("error_dialog")
    if end.details:
        dialog.setDetailedText(end.details)
    dialog.open()
    return dialog
