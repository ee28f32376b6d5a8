"""The window's menus and shortcuts: File (Import, Export for Colab, Export as script, Recent
sessions, Quit), Run (Run, Export), View (presentation mode, language). The window gives the
slots; each action has its objectName and tooltip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu

from gui.language import language_menu, translate


@dataclass
class Menus:
    import_action: QAction
    recent_menu: QMenu
    quit_action: QAction
    presentation_action: QAction
    language_actions: dict[str, QAction]


def _action(window: QMainWindow, text: str, name: str, keys, tip: str,
            slot: Callable | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(keys))
    action.setToolTip(tip)
    if slot is not None:
        action.triggered.connect(slot)
    return action


def build_menus(window: QMainWindow, settings: QSettings, start_run: Callable,
                stop_run: Callable, records) -> Menus:
    """`records`: gui.records_io.RunRecords (Import, Export, and its `colab`: Export for
    Colab, Export as script)."""
    file_menu = window.menuBar().addMenu(translate("MainWindow", "&File"))
    import_action = _action(window, translate("MainWindow", "&Import…"), "import_action",
                            "Ctrl+O", translate("MainWindow", "Read run records (JSON written by "
                                                              "this program, on this machine or "
                                                              "another, such as Colab) into the "
                                                              "run table"), records.import_dialog)
    file_menu.addAction(import_action)
    file_menu.addAction(_action(window, translate("MainWindow", "Export for &Colab…"),
                                "export_colab_action", "Ctrl+Shift+C",
                                translate("MainWindow", "A notebook that reproduces this run on "
                                                        "Colab's free GPU (or any Jupyter), "
                                                        "and writes a record to import here"),
                                lambda: records.colab.dialog()))
    file_menu.addAction(_action(window, translate("MainWindow", "Export as &script…"),
                                "export_script_action", "",
                                translate("MainWindow", "The same as one plain Python file, for "
                                                        "a machine without Jupyter"),
                                lambda: records.colab.dialog("script")))
    recent_menu = file_menu.addMenu(translate("MainWindow", "Recent &sessions"))
    recent_menu.setObjectName("recent_sessions_menu")
    recent_menu.setToolTipsVisible(True)
    recent_menu.setToolTip(translate("MainWindow", "Every run is kept on disk as it ends: reopen "
                                                   "or delete an earlier session"))
    quit_action = _action(window, translate("MainWindow", "&Quit"), "quit_action", "Ctrl+Q",
                          translate("MainWindow", "Close the window (a running job is stopped "
                                                  "first)"), window.close)
    file_menu.addAction(quit_action)
    window.addAction(quit_action)  # Ctrl+Q with the menu closed
    run_menu = window.menuBar().addMenu(translate("MainWindow", "&Run"))
    run_menu.addAction(_action(window, translate("MainWindow", "&Run"), "run_action", "Ctrl+R",
                               "", start_run))
    run_menu.addAction(_action(window, translate("MainWindow", "&Export…"), "export_action",
                               "Ctrl+S", "", records.export_dialog))
    QShortcut(QKeySequence(Qt.Key.Key_Escape), window, activated=stop_run)
    view = window.menuBar().addMenu(translate("MainWindow", "&View"))
    presentation_action = _action(
        window, translate("MainWindow", "&Presentation mode"), "presentation_action",
        Qt.Key.Key_F11, translate("MainWindow", "Full screen, fonts 1.6× larger, thicker curves "
                                                "and a larger wall clock: for the back of a "
                                                "lecture hall"))
    presentation_action.setCheckable(True)
    view.addAction(presentation_action)
    window.addAction(presentation_action)  # F11 works with the menu closed
    return Menus(import_action, recent_menu, quit_action, presentation_action,
                 language_menu(view, settings))
