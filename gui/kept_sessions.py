"""Nothing lost when the window closes: the window's side of session.store. Every run the
history keeps, and every lecture tool's result, goes into this start's session file as it
ends; at start a bar above the plot offers the last session back; File → Recent sessions
lists the last few (reopen or delete), and the sessions beyond the disk limit are offered for
deletion, never deleted in silence."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from engine.core.result import RecordError
from engine.run.memory import format_bytes
from engine.words.explain import record_of
from gui.language import translate
from gui.loss_plot import VISIBLE_LIMIT
from gui.presentation import follows_window_font
from gui.tool_base import ERROR_COLOR, OK_COLOR, WARN_COLOR
from session.history import Change, RunHistory
from session.store import (
    DATA_ENV,
    DEFAULT_LIMIT_BYTES,
    SessionInfo,
    SessionStore,
    describe,
    over_limit,
    read_session,
    session_files,
)

RECENT = 5  # sessions in File → Recent sessions
# How long the window waits for a run's write before it goes on: a Tutorial session's write and
# fsync take 2-11 ms here, so its runs are on disk before the run is reported finished. The
# writer keeps about 4.5 M losses a second here (2,000,000 in 0.44 s): a run of more losses
# than the wait covers is not waited for, and goes on disk in the background.
KEEP_WAIT_SECONDS = 0.05
KEEP_WAIT_LOSSES = 200_000


def sessions_folder() -> Path:
    """Where sessions are kept: $BACKPROP_LAB_DATA (tests, scripts) or the user's data folder
    (QStandardPaths.AppDataLocation: XDG_DATA_HOME on Linux)."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / "sessions"


def when(started: datetime | None) -> str:
    """"today 09:14", "yesterday 21:14", or the date."""
    if started is None:
        return "?"
    days = (date.today() - started.date()).days
    clock = started.strftime("%H:%M")
    if days == 0:
        return translate("sessions", "today {time}").format(time=clock)
    if days == 1:
        return translate("sessions", "yesterday {time}").format(time=clock)
    return started.strftime("%Y-%m-%d %H:%M")


def summary(info: SessionInfo) -> str:
    """"10 runs, yesterday 21:14" (and the tools' results where there are some)."""
    runs = (translate("sessions", "{count} runs") if info.runs != 1
            else translate("sessions", "{count} run")).format(count=info.runs)
    tools = (translate("sessions", ", {count} tool results").format(count=info.tools)
             if info.tools else "")
    return f"{runs}{tools}, {when(info.started)}"


class SessionBar(QFrame):
    """The bar above the plot: one question (reopen, or delete old sessions), its action and
    Dismiss. Not a dialog: the window works while it is shown."""

    def __init__(self):
        super().__init__()
        self.setObjectName("session_bar")
        self.setStyleSheet("#session_bar { background: #fff7d6; border: 1px solid #e0c060; }")
        self.label = QLabel()
        self.label.setObjectName("session_bar_label")
        self.label.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.setObjectName("session_bar_button")
        self.dismiss_button = QPushButton(translate("sessions", "Dismiss"))
        self.dismiss_button.setObjectName("session_bar_dismiss")
        self.dismiss_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.action_button)
        row.addWidget(self.dismiss_button)
        self._action: Callable | None = None
        self.action_button.clicked.connect(self._act)
        self.hide()

    def offer(self, text: str, button: str, tip: str, action: Callable) -> None:
        self.label.setText(text)
        self.action_button.setText(button)
        self.action_button.setToolTip(tip)
        self._action = action
        self.show()

    def _act(self) -> None:
        self.hide()
        if self._action is not None:
            self._action()


class KeptSessions(QObject):
    """This window start's session on disk, and the earlier ones."""

    _written = Signal(object)  # from the store's writer thread: an OSError, or None

    def __init__(self, history: RunHistory, tools, bar: SessionBar, settings: QSettings,
                 next_number: Callable[[], int], set_status: Callable[[str, str], None],
                 parent: QWidget, folder: Path | None = None):
        super().__init__(parent)
        self.history, self.bar, self.settings = history, bar, settings
        self.next_number, self.set_status, self.parent_widget = next_number, set_status, parent
        self.folder = folder if folder is not None else sessions_folder()
        self.store = SessionStore(self.folder, self._written.emit)
        self._failing = False  # a write failed, and it was said: said once until one works
        self.keeping = True  # False: runs that end are not kept (bench-window --keeping)
        self._written.connect(self._on_written)
        history.subscribe(self._on_history)
        for tool in tools:
            tool.finished.connect(lambda result, tool=tool: self.store.keep_tool(
                {"tool": tool.object_prefix, **record_of(result)}))

    @property
    def limit(self) -> int:
        try:
            return int(self.settings.value("kept_sessions_limit", DEFAULT_LIMIT_BYTES))
        except (TypeError, ValueError):
            return DEFAULT_LIMIT_BYTES

    def set_limit(self, limit: int) -> None:
        self.settings.setValue("kept_sessions_limit", int(limit))
        self.offer_cleanup()

    def earlier(self) -> list[Path]:
        """The earlier sessions' files, newest first (this start's own left out)."""
        return [p for p in session_files(self.folder) if p != self.store.path]

    # --- keeping ------------------------------------------------------------------------------

    def _on_history(self, change: Change, numbers: list[int]) -> None:
        if self.keeping and change in (Change.ADDED, Change.REMOVED):
            self.store.keep_runs([(entry.number, entry.result) for entry in self.history.entries])
            entries = [self.history.get(n) for n in numbers] if change == Change.ADDED else []
            added = sum(len(entry.result.losses) for entry in entries if entry is not None)
            if added <= KEEP_WAIT_LOSSES:
                self.store.flush(KEEP_WAIT_SECONDS)

    def _on_written(self, error: OSError | None) -> None:
        if error is None:
            self._failing = False
        elif not self._failing:
            self._failing = True
            reason = error.strerror or str(error)
            self.set_status(translate("sessions", "Could not keep the runs on disk ({reason}): "
                                                  "runs go on, and the next one tries "
                                                  "again.").format(reason=reason), WARN_COLOR)

    def close(self) -> None:
        self.store.close()

    # --- earlier sessions ---------------------------------------------------------------------

    def offer_last(self) -> None:
        """At start: the last session offered back in the bar, where it holds runs."""
        for path in self.earlier()[:1]:
            info = describe(path)
            if info.readable and info.runs:
                self.bar.offer(translate("sessions", "Reopen the last session ({summary})?").format(
                    summary=summary(info)), translate("sessions", "Reopen"),
                    str(path), lambda path=path: self.reopen(path))
                return
        self.offer_cleanup()

    def offer_cleanup(self) -> None:
        """Sessions beyond the disk limit, offered for deletion (never deleted unasked)."""
        old = over_limit(self.folder, self.limit, keep=self.store.path)
        if not old:
            return
        total = sum(p.stat().st_size for p in session_files(self.folder))
        self.bar.offer(translate("sessions", "Kept sessions take {total}, over the limit of "
                                             "{limit}: delete the {count} oldest?").format(
            total=format_bytes(total), limit=format_bytes(self.limit), count=len(old)),
            translate("sessions", "Delete them"), "\n".join(str(p) for p in old),
            lambda: self.delete(*old))

    def reopen(self, path: Path) -> bool:
        """An earlier session's runs back in the run table and on the plot, their losses bit
        for bit. Into a session that has no runs yet, the reopened one goes on being written
        in its own file; otherwise its runs join this one. Unreadable: refused whole."""
        try:
            session = read_session(path)
        except RecordError as exc:
            self.set_status(translate("sessions", "Cannot reopen {path}: {reason}").format(
                path=path, reason=exc), ERROR_COLOR)
            return False
        if not self.history.entries:
            self.store.adopt(path)
        for _number, result in session.runs:
            self.history.add(self.next_number(), result)
        self.history.show_at_most(VISIBLE_LIMIT)
        self.set_status(translate("sessions", "Reopened {count} runs from {when}").format(
            count=len(session.runs), when=when(session.started)), OK_COLOR)
        return True

    def delete(self, *paths: Path) -> None:
        for path in paths:
            Path(path).unlink(missing_ok=True)
        self.set_status(translate("sessions", "Deleted {count} kept sessions").format(
            count=len(paths)) if len(paths) != 1 else translate(
            "sessions", "Deleted the kept session {path}").format(path=paths[0]))

    # --- File → Recent sessions ---------------------------------------------------------------

    def fill_menu(self, menu: QMenu) -> None:
        """The last few sessions, each with Reopen and Delete; unreadable ones named with
        their path and reason, and only Delete; then the disk limit."""
        menu.clear()
        paths = self.earlier()[:RECENT]
        if not paths:
            menu.addAction(translate("sessions", "No kept sessions yet")).setEnabled(False)
        for path in paths:
            info = describe(path)
            title = (summary(info) if info.readable else translate(
                "sessions", "unreadable: {path} ({reason})").format(path=path,
                                                                   reason=info.problem))
            sub = follows_window_font(menu.addMenu(title))
            sub.setToolTip(str(path))
            reopen = sub.addAction(translate("sessions", "Reopen"))
            reopen.setEnabled(info.readable and info.runs > 0)
            reopen.triggered.connect(lambda _=False, path=path: self.reopen(path))
            sub.addAction(translate("sessions", "Delete…")).triggered.connect(
                lambda _=False, path=path: self.ask_delete(path))
        menu.addSeparator()
        menu.addAction(translate("sessions", "Disk limit: {limit}…").format(
            limit=format_bytes(self.limit))).triggered.connect(self.ask_limit)

    def ask_delete(self, path: Path) -> None:
        box = follows_window_font(QMessageBox(
            QMessageBox.Icon.Question, translate("sessions", "Delete a kept session"),
            translate("sessions", "Delete {path}? Its runs cannot be reopened "
                                  "afterwards.").format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.parent_widget))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.delete(path)

    def ask_limit(self) -> None:
        box = follows_window_font(QInputDialog(self.parent_widget))
        box.setWindowTitle(translate("sessions", "Disk limit of kept sessions"))
        box.setLabelText(translate("sessions", "Gigabytes (beyond it, the oldest sessions are "
                                               "offered for deletion):"))
        box.setInputMode(QInputDialog.InputMode.DoubleInput)
        box.setDoubleRange(0.01, 1000.0)
        box.setDoubleDecimals(2)
        box.setDoubleValue(self.limit / 2**30)
        if box.exec() == QDialog.DialogCode.Accepted:
            self.set_limit(round(box.doubleValue() * 2**30))
