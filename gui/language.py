"""The window's language: Qt's translators, the View → Language switch, and retranslating what
is already on screen.

Every text the window writes goes through translate(context, source), which lupdate finds in
the sources (a literal context and a literal source: numbers go in with .format() after it).
The result is a Text, a str that remembers its source and its numbers, so that a switch rewrites
it wherever a widget shows it: each widget's texts are reached by text_slots(), the same walk
the tests use to find English left in Korean. What a view composes from several pieces (the
readout, the tools' charts and explanations) it redraws itself on Language.changed."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QObject,
    QSettings,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from engine.core import language as engine_language
from engine.core.language import LANGUAGE_NAMES, LANGUAGES, catalog_path, system_language

__all__ = ["QT_TRANSLATE_NOOP", "Language", "follow_language", "language", "language_menu",
           "retranslated", "text_slots", "translate"]

SETTING_KEY = "language"
FONT_PACKAGE = "fonts-nanum"  # Debian and Ubuntu; Fedora: google-noto-sans-cjk-fonts
REMEMBERED = 20000  # texts kept for a switch to rewrite (oldest forgotten first)

_sources: OrderedDict[str, tuple] = OrderedDict()  # text on screen -> (context, source, args)


class Text(str):
    """A translated text that remembers what it was made from."""

    key: tuple = ()

    def format(self, *args, **kwargs) -> str:  # noqa: A003 - str.format, remembered
        if not self.key or self.key[2] or self.key[3]:  # not a template: a text made already
            return str.format(self, *args, **kwargs)
        return _remember(str.format(self, *args, **kwargs), (*self.key[:2], args, kwargs))


def _remember(text: str, key: tuple) -> Text:
    made = Text(text)
    made.key = key
    _sources[text] = key
    _sources.move_to_end(text)
    if len(_sources) > REMEMBERED:
        _sources.popitem(last=False)
    return made


def translate(context: str, source: str) -> Text:
    """The source in the window's language (Qt's translators), remembered for a switch."""
    return _remember(QCoreApplication.translate(context, source), (context, source, (), {}))


def _render(key: tuple) -> str:
    context, source, args, kwargs = key
    text = translate(context, source)
    if not args and not kwargs:
        return text
    again = [_again(a) for a in args]
    return text.format(*again, **{k: _again(v) for k, v in kwargs.items()})


def _again(value):
    """A value that was itself a translated text, in the new language."""
    return _render(value.key) if isinstance(value, Text) and value.key else value


def retranslated(text: str) -> str | None:
    """A text on screen in the current language, or None where it was not made by translate()
    (a number, a name, or a view's own composition, which that view redraws)."""
    key = _sources.get(text)
    try:
        return None if key is None else _render(key)
    except (IndexError, KeyError, ValueError):  # a catalog entry whose fields do not match
        return None


# --- every text a widget shows -------------------------------------------------------------

@dataclass
class Slot:
    """One text a user reads: where it is, how to read it and how to rewrite it."""

    where: str
    get: Callable[[], str]
    set: Callable[[str], None] | None  # None: its owner redraws it


def _item_slots(combo: QComboBox) -> Iterator[Slot]:
    tip = Qt.ItemDataRole.ToolTipRole
    for i in range(combo.count()):
        yield Slot(f"item {i}", lambda i=i: combo.itemText(i),
                   lambda t, i=i: combo.setItemText(i, t))
        yield Slot(f"item {i} tooltip", lambda i=i: combo.itemData(i, tip) or "",
                   lambda t, i=i: combo.setItemData(i, t, tip))


def _widget_slots(widget: QWidget) -> Iterator[Slot]:
    yield Slot("tooltip", widget.toolTip, widget.setToolTip)
    if widget.isWindow():
        yield Slot("title", widget.windowTitle, widget.setWindowTitle)
    if isinstance(widget, QLabel):
        yield Slot("text", widget.text, widget.setText)
    elif isinstance(widget, QAbstractButton):
        yield Slot("text", widget.text, widget.setText)
    elif isinstance(widget, QGroupBox):
        yield Slot("title", widget.title, widget.setTitle)
    elif isinstance(widget, QLineEdit):
        yield Slot("placeholder", widget.placeholderText, widget.setPlaceholderText)
    elif isinstance(widget, QAbstractSpinBox):
        for name in ("prefix", "suffix", "specialValueText"):
            if hasattr(widget, name):
                setter = "set" + name[0].upper() + name[1:]
                yield Slot(name, getattr(widget, name), getattr(widget, setter))
    elif isinstance(widget, QComboBox):
        yield from _item_slots(widget)
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield Slot(f"tab {i}", lambda i=i: widget.tabText(i),
                       lambda t, i=i: widget.setTabText(i, t))
            yield Slot(f"tab {i} tooltip", lambda i=i: widget.tabToolTip(i),
                       lambda t, i=i: widget.setTabToolTip(i, t))
    elif isinstance(widget, QTableWidget):
        for i in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(i)
            if item is not None:
                yield Slot(f"header {i}", item.text, item.setText)
                yield Slot(f"header {i} tooltip", item.toolTip, item.setToolTip)
    elif isinstance(widget, QMenu):
        yield Slot("title", widget.title, widget.setTitle)
    elif isinstance(widget, pg.PlotWidget):
        yield from _plot_slots(widget)
    for action in widget.actions():
        if not action.isSeparator():
            yield Slot("action", action.text, action.setText)
            yield Slot("action tooltip", action.toolTip, action.setToolTip)


def _plot_slots(plot: pg.PlotWidget) -> Iterator[Slot]:
    item = plot.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        if axis.isVisible() and axis.labelText:
            yield Slot(f"{name} axis title", lambda a=axis: a.labelText,
                       lambda t, a=axis: a.setLabel(t))
    if item.titleLabel.isVisible() and item.titleLabel.text:
        yield Slot("chart title", lambda: item.titleLabel.text, item.setTitle)
    if item.legend is not None:
        for _sample, label in item.legend.items:
            yield Slot("legend", lambda label=label: label.text, label.setText)
    for child in item.items:
        if isinstance(child, pg.InfiniteLine) and getattr(child, "label", None) is not None:
            yield Slot("line label", lambda c=child: c.label.format, child.label.setFormat)
        elif isinstance(child, pg.TextItem):
            yield Slot("annotation", child.toPlainText, child.setText)


def text_slots(root: QWidget) -> Iterator[tuple[QWidget, Slot]]:
    """Every text under a window: widgets, menus and their actions, combo items, tabs, table
    headers, chart axes, legends and annotations."""
    for widget in [root, *root.findChildren(QWidget)]:
        for slot in _widget_slots(widget):
            yield widget, slot


def retranslate(root: QWidget) -> None:
    for _widget, slot in list(text_slots(root)):
        if slot.set is None:
            continue
        text = slot.get()
        new = retranslated(text) if text else None
        if new is not None and new != text:
            slot.set(new)


# --- the switch ------------------------------------------------------------------------------

def hangul_font_missing() -> bool:
    return not QFontDatabase.families(QFontDatabase.WritingSystem.Korean)


class Language(QObject):
    """The window's language; one per application (language())."""

    changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.code = "en"
        self._translators: list[QTranslator] = []
        self.font_warning = ""
        # The engine's sentences, made in this process, through Qt's translators too: the same
        # catalog, and remembered for a switch like the window's own texts.
        engine_language.install(translate)

    def start(self, settings: QSettings | None, asked: str | None = None) -> str:
        """The launch's language: --lang (asked), else the one chosen before, else the
        system locale's."""
        saved = settings.value(SETTING_KEY, "") if settings is not None else ""
        choice = asked or (saved if saved in LANGUAGES else system_language())
        self.set(choice)
        return choice

    def set(self, code: str, settings: QSettings | None = None) -> None:
        """Switch at once: Qt's and our catalogs, the engine's sentences, every text on
        screen; remembered in settings when given."""
        if code not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {code!r}")
        if settings is not None:
            settings.setValue(SETTING_KEY, code)
        if code == "ko" and hangul_font_missing() and not self.font_warning:
            self.font_warning = (f"No installed font covers Korean (Hangul): its letters would "
                                 f"show as boxes. Install one (Debian/Ubuntu: {FONT_PACKAGE}) "
                                 "or choose View → Language → English.")
        app = QCoreApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        if code != "en":
            for name, folder in ((catalog_path(code, ".qm").stem, str(catalog_path(code).parent)),
                                 (f"qtbase_{code}", QLibraryInfo.path(
                                     QLibraryInfo.LibraryPath.TranslationsPath))):
                translator = QTranslator(app)
                if translator.load(name, folder):
                    app.installTranslator(translator)
                    self._translators.append(translator)
        self.code = code
        engine_language.use(code)
        if isinstance(app, QApplication):
            for window in app.topLevelWidgets():
                retranslate(window)
        self.changed.emit(code)


_language: Language | None = None


def language() -> Language:
    global _language
    if _language is None:
        _language = Language(QCoreApplication.instance())
    return _language


def language_menu(menu: QMenu, settings: QSettings) -> dict[str, QAction]:
    """View → Language: one checkable action per language, named in its own language."""
    submenu = menu.addMenu(translate("language", "&Language"))
    submenu.setObjectName("language_menu")
    group = QActionGroup(submenu)
    actions = {}
    for code in LANGUAGES:
        action = QAction(LANGUAGE_NAMES[code], submenu)
        action.setObjectName(f"language_{code}_action")
        action.setCheckable(True)
        action.setChecked(language().code == code)
        action.triggered.connect(lambda _on=False, c=code: language().set(c, settings))
        group.addAction(action)
        submenu.addAction(action)
        actions[code] = action
    follow_language(submenu, lambda: [a.setChecked(k == language().code)
                                      for k, a in actions.items()])
    return actions


def follow_language(owner: QObject, redraw: Callable[[], None]) -> None:
    """Call redraw after every switch while owner lives (a view's own compositions)."""
    def call(_code: str) -> None:
        if shiboken6.isValid(owner):
            redraw()

    language().changed.connect(call)
    owner.destroyed.connect(lambda *_: _disconnect(call))


def _disconnect(call) -> None:
    try:
        language().changed.disconnect(call)
    except (RuntimeError, TypeError, SystemError):
        pass
