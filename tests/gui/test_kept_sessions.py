"""Nothing lost when the window closes: runs kept on disk as they end, the last session
offered back in a bar, File → Recent sessions, a full disk, the disk bound."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from gui.app import create_main_window
from session import store as store_module
from session.store import DATA_ENV, SUFFIX, read_session, session_files, write_atomic
from tests.conftest import ROOT
from tests.gui.conftest import SMALL, run_and_wait, shut

CHILD = """
import hashlib, sys
from PySide6.QtCore import QSettings
from gui.app import application, create_main_window
app = application()
window = create_main_window(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat),
                            restore=False)
window.show()
seeds = iter(range(5))

def start():
    seed = next(seeds, None)
    if seed is None:
        return  # five runs finished: wait here to be killed
    window.set_values({"n": 8, "d_in": 16, "hidden": 8, "d_out": 2, "iterations": 300,
                       "seed": seed})
    window.start_run()

def finished(record):
    print(record["run"], hashlib.sha256(window.history.get(record["run"]).result.losses
                                        .tobytes()).hexdigest(), flush=True)
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, start)

window.run_finished.connect(finished)
from PySide6.QtCore import QTimer
QTimer.singleShot(0, lambda: window.gpu_probe.runner.ended.connect(lambda _e: start())
                  if window.gpu_probe.is_running() else start())
app.exec()
"""


def digest(result) -> str:
    return hashlib.sha256(result.losses.tobytes()).hexdigest()


@pytest.mark.slow
def test_a_window_killed_after_five_runs_is_reopened_whole(tmp_path, qtbot,
                                                           kept_sessions_folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "child.ini")],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        while len(lines) < 5:
            line = child.stdout.readline()
            assert line, child.stderr.read()
            lines.append(line.split())
    finally:
        child.send_signal(signal.SIGKILL)  # at once after the fifth run's record
        child.communicate(timeout=30)
    assert [int(n) for n, _ in lines] == [1, 2, 3, 4, 5]
    settings = QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat)
    window = create_main_window(settings=settings, restore=True)
    qtbot.addWidget(window)
    window.show()
    bar = window.training.session_bar
    assert bar.isVisible() and "5 runs" in bar.label.text()
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert [digest(entry.result) for entry in window.history.entries] == [d for _, d in lines]
    assert len(window.plot.finished) == 5 and window.run_table.table.rowCount() == 5
    shut(window, qtbot)


def test_a_reopened_session_goes_on_in_its_own_file(window, qtbot, kept_sessions_folder):
    window.set_values({**SMALL, "iterations": 30})
    run_and_wait(window, qtbot)
    run_and_wait(window, qtbot)
    first = window.kept.store.path
    window.kept.store.flush(10)
    assert len(read_session(first).runs) == 2
    other = create_main_window(settings=QSettings(str(kept_sessions_folder / "o.ini"),
                                                  QSettings.Format.IniFormat),
                               compute=window.compute, restore=True)
    qtbot.addWidget(other)
    other.show()
    assert other.training.session_bar.isVisible()
    assert other.kept.reopen(first)
    other.set_values({**SMALL, "iterations": 30})
    run_and_wait(other, qtbot)
    other.kept.store.flush(10)
    assert other.kept.store.path == first and len(read_session(first).runs) == 3
    assert session_files(kept_sessions_folder) == [first]  # no second file for the same runs
    shut(other, qtbot)


def test_no_restore_offers_nothing(window, qtbot, kept_sessions_folder):
    window.set_values({**SMALL, "iterations": 20})
    run_and_wait(window, qtbot)
    window.kept.store.flush(10)
    quiet = create_main_window(settings=QSettings(str(kept_sessions_folder / "q.ini"),
                                                  QSettings.Format.IniFormat),
                               compute=window.compute, restore=False)
    qtbot.addWidget(quiet)
    quiet.show()
    assert not quiet.training.session_bar.isVisible() and quiet.history.entries == []
    shut(quiet, qtbot)


def test_a_full_disk_is_said_once_and_the_next_run_tries_again(window, qtbot, monkeypatch):
    real = store_module.write_atomic

    def full(path, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_module, "write_atomic", full)
    window.set_values({**SMALL, "iterations": 20})
    run_and_wait(window, qtbot)
    qtbot.waitUntil(lambda: "Could not keep" in window.status_label.text(), timeout=5000)
    assert "No space left on device" in window.status_label.text()
    run_and_wait(window, qtbot)  # the runs go on
    qtbot.wait(200)
    assert window.status_label.text().startswith("Completed")  # said once, not again
    monkeypatch.setattr(store_module, "write_atomic", real)
    run_and_wait(window, qtbot)
    window.kept.store.flush(10)
    assert len(read_session(window.kept.store.path).runs) == 3


def test_sessions_over_the_limit_are_offered_for_deletion_never_deleted_unasked(
        qtbot, shared_compute, kept_sessions_folder, tmp_path):
    old = []
    for day in range(3):
        path = kept_sessions_folder / f"2026110{day + 1}-090000-1{SUFFIX}"
        write_atomic(path, "x" * 50_000)
        old.append(path)
    settings = QSettings(str(tmp_path / "l.ini"), QSettings.Format.IniFormat)
    settings.setValue("kept_sessions_limit", 60_000)
    window = create_main_window(settings=settings, compute=shared_compute, restore=True)
    qtbot.addWidget(window)
    window.show()
    bar = window.training.session_bar
    assert bar.isVisible() and "delete the 2 oldest" in bar.label.text()
    assert all(p.exists() for p in old)
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    assert [p.exists() for p in old] == [False, False, True]
    shut(window, qtbot)


def test_recent_sessions_lists_an_unreadable_file_with_its_path(window, kept_sessions_folder):
    broken = kept_sessions_folder / f"20261130-210000-1{SUFFIX}"
    broken.write_text('{"format": "backprop-lab-session", "version": 1, "runs": [{"co')
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "recent_sessions_menu")
    window.kept.fill_menu(menu)
    titles = [action.text() for action in menu.actions()]
    assert any(t.startswith("unreadable: ") and str(broken) in t for t in titles), titles
    entry = next(a.menu() for a in menu.actions() if a.menu() is not None)
    reopen = entry.actions()[0]
    assert not reopen.isEnabled()  # never loaded in part
    assert Path(broken).exists()


def test_the_run_table_times_each_run_to_the_target(window, qtbot):
    from gui.run_table import COLUMNS

    window.set_values({"iterations": 60})
    run_and_wait(window, qtbot)
    window.set_values({"iterations": 60, "learning_rate": 1e-4})
    run_and_wait(window, qtbot)  # diverges: never reaches it
    table, column = window.run_table.table, COLUMNS.index("to target")
    window.controls.target_input.setText("1e-2")
    learned = window.history.entries[0].result
    scan = next(t for t, loss in enumerate(learned.losses) if loss <= 1e-2 * learned.losses[0])
    assert table.item(0, column).text() == \
        f"t = {scan}, {learned.iteration_seconds()[scan]:.3g} s"
    assert table.item(1, column).text() == "not reached"
    window.controls.target_input.setText("2")  # not a fraction: refused, outlined, kept
    assert "border" in window.controls.target_input.styleSheet()
    assert "below 1" in window.controls.target_input.toolTip()
    assert window.run_table.target.target == 1e-2
    window.controls.target_absolute_checkbox.setChecked(True)  # a loss of 2: valid
    assert window.controls.target_input.styleSheet() == ""
    assert window.run_table.target.absolute and window.run_table.target.target == 2.0
    assert "loss 2" in table.horizontalHeaderItem(column).toolTip()


@pytest.mark.slow  # eight small runs in a window
def test_bench_window_measures_keeping_against_not_keeping_in_a_folder_of_its_own(
        kept_sessions_folder):
    """bench-window --keeping: a block kept and a block not kept; only the kept block's runs
    are on disk, in the bench's own folder, never among the sessions it found."""
    from engine import RunConfig
    from gui.bench_window import bench_keeping

    record = bench_keeping(RunConfig(**SMALL, iterations=200, threads=1), pairs=1)
    # Run 1 warms up; the first pair's kept block runs #2 and #3, then #4 and #5 are not kept.
    assert record["runs_on_disk"] == [2, 3]
    assert record["statuses"] == ["kept: completed", "not kept: completed"]
    assert Path(record["sessions_folder"]) != kept_sessions_folder
    assert not Path(record["sessions_folder"]).exists()  # removed when the bench ended
    assert session_files(kept_sessions_folder) == []
    assert os.environ[DATA_ENV] == str(kept_sessions_folder)  # the caller's folder again
    assert len(record["ratios"]) == 1 and record["ratios"][0] > 0
    assert all(gap > 0 for gap in record["kept_worst_gaps"] + record["not_kept_worst_gaps"])


def answer_next_dialog(qtbot, answer) -> None:
    """Call `answer(dialog)` on the next modal dialog, once it is open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def reply():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, reply)
        else:
            answer(dialog)

    QTimer.singleShot(0, reply)


def test_delete_asks_first_and_the_disk_limit_is_set_in_a_dialog(window, qtbot,
                                                                  kept_sessions_folder):
    """Recent sessions → Delete… deletes only on Yes; Disk limit… sets the limit in GB. Both
    dialogs take the window's font: in presentation mode they grow with it."""
    from PySide6.QtWidgets import QMessageBox

    desktop = window.font().pointSizeF()
    window.set_presentation(True, remember=False)
    path = kept_sessions_folder / f"20261130-210000-1{SUFFIX}"
    write_atomic(path, "{}")
    fonts = []

    def press(button):
        def answer(dialog):
            fonts.append(dialog.font().pointSizeF())
            dialog.button(button).click()
        return answer

    answer_next_dialog(qtbot, press(QMessageBox.StandardButton.No))
    window.kept.ask_delete(path)
    assert path.exists()
    answer_next_dialog(qtbot, press(QMessageBox.StandardButton.Yes))
    window.kept.ask_delete(path)
    assert not path.exists()

    def two_and_a_half(dialog):
        fonts.append(dialog.font().pointSizeF())
        dialog.setDoubleValue(2.5)
        dialog.accept()

    answer_next_dialog(qtbot, two_and_a_half)
    window.kept.ask_limit()
    assert window.kept.limit == round(2.5 * 2**30)
    answer_next_dialog(qtbot, lambda dialog: dialog.reject())
    window.kept.ask_limit()
    assert window.kept.limit == round(2.5 * 2**30)  # Cancel changes nothing
    assert window.font().pointSizeF() > desktop
    assert fonts == [window.font().pointSizeF()] * 3
    window.set_presentation(False, remember=False)
