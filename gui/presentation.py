"""Presentation mode, for the back of a lecture hall: full screen, every font larger (the
window's menus, dialogs and tooltips too), thicker curves, the wall clock larger still;
remembered between sessions unless asked for one launch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMenu, QToolTip, QWidget

PRESENTATION_SCALE = 1.6  # on a 1920×1080 screen
SMALLEST_SCALE = 1.2  # a 1280×720 projector: fonts grow less, so that the plots keep room
FULL_HD = (1920, 1080)
_tooltip_font: list[QFont] = []  # the tooltips' font before any window scaled it (one per process)


def presentation_scale(width: int, height: int) -> float:
    """How much larger every font is in presentation mode on a screen of this size: 1.6× at
    1920×1080, in proportion below it (the same share of the screen), never under 1.2×."""
    share = min(1.0, width / FULL_HD[0], height / FULL_HD[1])
    return max(SMALLEST_SCALE, PRESENTATION_SCALE * share)


def follows_window_font(widget: QWidget) -> QWidget:
    """A window of its own (a dialog, a menu) that takes its parent's font as a child widget
    does, so that it grows in presentation mode with the window it belongs to."""
    widget.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)
    return widget


def first_size() -> tuple[int, int]:
    """The window's first size: 1460×780, or the screen's room where it is smaller (a 1280×720
    projector gets the whole window)."""
    screen = QGuiApplication.primaryScreen()
    room = screen.availableGeometry() if screen is not None else None
    return (min(1460, room.width()) if room else 1460, min(780, room.height()) if room else 780)


class PresentationMode:
    """Owns the action's state, the window's full-screen geometry and the remembered choice;
    `rescale(scale)` is the window's own list of what grows."""

    def __init__(self, window: QMainWindow, action: QAction, settings: QSettings,
                 rescale: Callable[[float], None]):
        self.window, self.action, self.settings, self.rescale = window, action, settings, rescale
        self.on = False
        self.normal_geometry = None  # the desktop geometry to come back to
        self._remember = True
        self._base_font = QFont(window.font())
        if not _tooltip_font:
            _tooltip_font.append(QFont(QToolTip.font()))
        action.toggled.connect(self._apply)

    def set(self, on: bool, remember: bool = True) -> None:
        """Turn it on or off; remember=False applies to this launch only."""
        if self.action.isChecked() != on:
            self._remember = remember
            self.action.setChecked(on)  # comes back through `toggled`
        else:
            self._apply(on)

    def desktop_geometry(self):
        """The geometry to save: the desktop one, also while in full screen."""
        if self.on and self.normal_geometry is not None:
            return self.normal_geometry
        return self.window.saveGeometry()

    def _apply(self, on: bool) -> None:
        screen = self.window.screen()
        size = screen.geometry().size() if screen is not None else None
        scale = (presentation_scale(size.width(), size.height()) if size is not None
                 else PRESENTATION_SCALE) if on else 1.0
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * scale)
        for menu in self.window.findChildren(QMenu):
            follows_window_font(menu)
        self.window.setFont(font)
        tooltip = QFont(_tooltip_font[0])
        tooltip.setPointSizeF(_tooltip_font[0].pointSizeF() * scale)
        QToolTip.setFont(tooltip)
        self.rescale(scale)
        if on and not self.on:
            self.normal_geometry = self.window.saveGeometry()
            self.window.showFullScreen()
            screen = self.window.screen()
            if screen is not None:  # without a window manager, full screen is only a wish
                self.window.setGeometry(screen.geometry())
        elif not on and self.on:
            self.window.showNormal()
            if self.normal_geometry is not None:
                self.window.restoreGeometry(self.normal_geometry)
        self.on = on
        if self._remember:
            self.settings.setValue("presentation", on)
        self._remember = True
