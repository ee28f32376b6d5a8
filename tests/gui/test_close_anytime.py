"""Closing the window at random moments: during the GPU probe, runs, tools and export.
Each in its own process, since a Qt fatal error would end pytest itself."""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("CLOSE_SEED", "20261126"))

SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from gui.app import application, create_main_window
app = application()
w = create_main_window(settings=QSettings({ini!r}, QSettings.Format.IniFormat))
w.set_values(dict(n=8, d_in=16, hidden=8, d_out=2, iterations=2_000_000))
print("compute pid:", w.compute.pid, flush=True)
w.show()
QTimer.singleShot({run_ms}, {starter})
QTimer.singleShot({export_ms}, lambda: w.export_to({folder!r}))
QTimer.singleShot({close_ms}, w.close)
app.exec()
print("busy at exit:", w.is_busy(), "compute process alive:", w.compute.is_alive())
"""
STARTERS = ["w.start_run", "w.race_tool.start", "w.size_sweep_tool.start",
            "w.lr_sweep_tool.start"]


def cases():
    rng = random.Random(SEED)
    for _ in range(20):
        yield (rng.choice(STARTERS), rng.randrange(0, 600), rng.randrange(0, 900),
               rng.randrange(0, 900))


@pytest.mark.slow
@pytest.mark.parametrize(("starter", "run_ms", "export_ms", "close_ms"), list(cases()))
def test_close_at_a_random_moment(tmp_path, starter, run_ms, export_ms, close_ms):
    code = SCRIPT.format(root=str(ROOT), ini=str(tmp_path / "s.ini"), folder=str(tmp_path),
                         starter=starter, run_ms=run_ms, export_ms=export_ms,
                         close_ms=close_ms)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=180, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QThread: Destroyed" not in done.stderr and "Fatal" not in done.stderr
    assert "busy at exit: False compute process alive: False" in done.stdout
    assert_gone(int(done.stdout.split("compute pid:")[1].split()[0]))


def assert_gone(pid: int, within: float = 5.0) -> None:
    """No compute process is left behind (a zombie awaiting its reaper counts as gone)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(0.1)
    raise AssertionError(f"compute process {pid} still runs {within} s after the window ended")


KILLED_WINDOW = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from gui.app import application, create_main_window
app = application()
w = create_main_window(settings=QSettings({ini!r}, QSettings.Format.IniFormat))
w.set_values(dict(n=8, d_in=16, hidden=8, d_out=2, iterations=50_000_000))
w.show()
def started():
    print("compute pid:", w.compute.pid, flush=True)
QTimer.singleShot(100, w.start_run)
QTimer.singleShot(600, started)
app.exec()
"""


@pytest.mark.slow  # a window in a subprocess
@pytest.mark.parametrize("mid_run", [False, True])
def test_the_compute_process_ends_when_the_window_process_is_killed(tmp_path, mid_run):
    code = KILLED_WINDOW.format(root=str(ROOT), ini=str(tmp_path / "s.ini"))
    if not mid_run:
        code = code.replace("QTimer.singleShot(100, w.start_run)\n", "")
    window = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        line = window.stdout.readline()
        pid = int(line.split("compute pid:")[1])
        assert psutil.Process(pid).is_running()
    finally:
        window.kill()  # SIGKILL: the window gets no chance to say goodbye
        window.wait(10)
        window.stdout.close()
    assert_gone(pid)
