"""The dialogs a window opens: the error of a job that failed or crashed (the runner only
reports), and the missing Hangul font."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from engine.core.result import status_word
from engine.service.jobs import JobEnd
from gui.language import language, translate
from gui.presentation import follows_window_font


def open_error_dialog(parent: QWidget, title: str, end: JobEnd) -> QMessageBox:
    """Open (not exec: the window keeps running) and return the dialog for a failed or crashed
    job, with the traceback as its details."""
    dialog = QMessageBox(QMessageBox.Icon.Critical, translate("dialogs", "{job}: {ending}").format(
        job=title, ending=status_word(end.kind)), end.message, parent=parent)
    follows_window_font(dialog)
    dialog.setObjectName("error_dialog")
    if end.details:
        dialog.setDetailedText(end.details)
    dialog.open()
    return dialog


def open_font_warning(parent: QWidget, settings) -> QMessageBox | None:
    """Korean without a font that covers Hangul: said once, in English (the Korean words would
    be boxes), naming the package, with English offered. None where nothing is to be said."""
    warning = language().font_warning
    if language().code != "ko" or not warning:
        return None
    dialog = QMessageBox(QMessageBox.Icon.Warning, "No Korean font", warning, parent=parent)
    follows_window_font(dialog)
    dialog.setObjectName("font_dialog")
    english = dialog.addButton("Switch to English", QMessageBox.ButtonRole.AcceptRole)
    dialog.addButton("Keep Korean", QMessageBox.ButtonRole.RejectRole)
    english.clicked.connect(lambda: language().set("en", settings))
    dialog.open()
    return dialog
