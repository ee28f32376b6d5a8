"""Closing the window at random moments: during the GPU probe, runs, tools and export.
Each in its own process, since a Qt fatal error would end pytest itself."""

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("CLOSE_SEED", "20261126"))

SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
import engine.devices
from engine.devices import GpuStatus

def slow_probe(refresh=False):
    time.sleep(0.4)  # a probe that takes a while, as CuPy's can
    return GpuStatus(False, "simulated: no GPU")

import gui.worker
gui.worker.probe_gpu = slow_probe
from PySide6.QtCore import QSettings, QTimer
from gui.app import application, create_main_window
app = application()
w = create_main_window(settings=QSettings({ini!r}, QSettings.Format.IniFormat))
w.set_values(dict(n=8, d_in=16, hidden=8, d_out=2, iterations=2_000_000))
w.show()
QTimer.singleShot({run_ms}, {starter})
QTimer.singleShot({export_ms}, lambda: w.export_to({folder!r}))
QTimer.singleShot({close_ms}, w.close)
app.exec()
print("busy at exit:", w.is_busy(), "probing:", w.probe_thread is not None)
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
    assert "busy at exit: False probing: False" in done.stdout
