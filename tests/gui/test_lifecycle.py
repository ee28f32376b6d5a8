"""Closing during a run, and responsiveness during a very long one."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SMALL_OPTIONS, main_process, no_gpu
from tests.gui.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]

CLOSE_MID_RUN = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from gui.app import application, create_main_window
app = application()
w = create_main_window(settings=QSettings({ini!r}, QSettings.Format.IniFormat))
w.set_values(dict(n=8, d_in=16, hidden=8, d_out=2, iterations=50_000_000))
w.show()
QTimer.singleShot({start_ms}, w.start_run)
QTimer.singleShot({close_ms}, w.close)
app.exec()
print("running at exit:", w.is_running())
"""


@pytest.mark.slow  # a window in a subprocess
@pytest.mark.parametrize(("start_ms", "close_ms"), [(0, 300), (0, 0), (200, 201)])
def test_closing_mid_run_exits_cleanly(tmp_path, start_ms, close_ms):
    code = CLOSE_MID_RUN.format(root=str(ROOT), ini=str(tmp_path / "s.ini"),
                                start_ms=start_ms, close_ms=close_ms)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**__import__("os").environ,
                                            "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert "QThread: Destroyed" not in done.stderr
    assert "running at exit: False" in done.stdout


@pytest.mark.slow
def test_two_million_iterations_keep_the_window_responsive(window, qtbot):
    """A GUI-thread timer's worst gap stays under 100 ms while the run goes, and while its
    16 MB of losses go on disk in the background afterwards; the whole curve is drawn."""
    from gui.bench_window import GapWatch

    window.set_values({**SMALL, "iterations": 2_000_000, "learning_rate": 1e-3})
    watch = GapWatch()  # a 10 ms GUI-thread timer
    watch.start()
    with qtbot.waitSignal(window.run_finished, timeout=600_000) as blocker:
        window.start_run()
    during = watch.worst()
    watch.start()  # ...and while the run goes on disk (kept sessions: its losses compressed)
    qtbot.waitUntil(lambda: len(watch.ticks) > 0, timeout=5_000)
    qtbot.waitUntil(lambda: window.kept.store.flush(0), timeout=30_000)
    qtbot.wait(200)
    watch.stop()
    record = blocker.args[0]
    assert record["status"] == "completed"
    for (worst, at, count), name in ((during, "during the run"),
                                     (watch.worst(), "while it was kept")):
        assert count > 10, name
        assert worst < 0.100, f"{name}: worst gap {worst * 1000:.0f} ms at {at:.2f} s"
    x, y = window.plot.current_points()
    assert len(x) == 2_000_000 and x[-1] == 1_999_999
    curve = window.plot.finished[-1].curve
    assert curve.opts["autoDownsample"] and curve.opts["clipToView"]
    assert curve.opts["downsampleMethod"] == "peak"


def broken_serve(connection, parent_pid):
    """A compute process that dies at once (imported by name in the spawned process)."""
    raise SystemExit(7)


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_a_compute_process_that_cannot_start_is_not_restarted_forever(qtbot, settings,
                                                                     monkeypatch):
    """Its start fails three times: the window stops trying and says so at the next Run."""
    import gui.compute
    from gui.app import create_main_window

    monkeypatch.setattr(gui.compute, "serve", broken_serve)
    window = create_main_window(settings=settings, probe_gpu=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.compute.start_failure != "", timeout=60_000)
    assert "exit status 7" in window.compute.start_failure
    window.set_values({**SMALL, "iterations": 10})
    with qtbot.waitSignal(window.run_finished, timeout=5_000) as blocker:
        window.start_run()
    assert blocker.args[0]["status"] == "crashed"
    assert "3 times while starting" in window.status_label.text()
    window.error_dialog.close()
    window.close()


@pytest.mark.slow  # a window in a subprocess
@pytest.mark.parametrize(("fault", "extra", "code", "status"), [
    ("abort@10", [], 3, "crashed"),
    ("raise@10", [], 3, "failed"),
    ("", ["--d-in", "1000000000"], 2, "refused"),
    ("", [], 0, "completed"),
])
def test_scripted_window_runs_exit_with_their_status_and_write_json(tmp_path, fault, extra,
                                                                    code, status):
    import json

    path = tmp_path / "r.json"
    done = main_process([*SMALL_OPTIONS, "--iterations", "100", *extra, "--autorun",
                         "--exit-when-done", "--json", str(path)], tmp_path,
                        env={"BACKPROP_LAB_FAULT": fault})
    assert done.returncode == code, done.stderr[-2000:]
    record = json.loads(path.read_text())
    assert record["status"] == status
    if status != "completed":
        assert record["message"] and status in done.stderr


@pytest.mark.slow  # a window in a subprocess
@pytest.mark.skipif(not no_gpu(), reason="a GPU is present here")
@pytest.mark.parametrize("asked", [["--device", "gpu"], ["--preset", "GPU showcase"]])
def test_a_window_asked_for_a_missing_gpu_refuses_instead_of_using_the_cpu(tmp_path, asked):
    """--device gpu, or the GPU showcase (which ran its GPU sizes on the CPU for 51 s, in
    silence): refused in words where no GPU can be used."""
    import json

    path = tmp_path / "r.json"
    done = main_process([*asked, "--autorun", "--exit-when-done", "--json", str(path)],
                        tmp_path)
    assert done.returncode == 2, done.stderr[-2000:]
    record = json.loads(path.read_text())
    assert record["status"] == "refused" and "no GPU can be used" in record["message"]
    assert record["message"].startswith(" ".join(asked))


@pytest.mark.slow  # a window in a subprocess
def test_a_scripted_import_exits_0_when_imported_and_2_when_refused(tmp_path):
    import json

    from engine import RunConfig
    from engine.run.train import train

    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(train(RunConfig(n=8, d_in=16, hidden=8, d_out=2,
                                               iterations=20)).to_dict()))
    bad.write_text("[1, 2]")
    assert main_process(["--import", str(good), "--exit-when-done"], tmp_path).returncode == 0
    refused = main_process(["--import", str(bad), "--exit-when-done"], tmp_path)
    assert refused.returncode == 2 and "Import refused" in refused.stderr


def test_a_screenshot_without_autorun_is_the_idle_window_and_it_exits(tmp_path):
    """`main.py --exit-when-done --screenshot x.png` without --autorun never exited and left a
    0-byte PNG."""
    shot = tmp_path / "idle.png"
    done = main_process(["--exit-when-done", "--screenshot", str(shot)], tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
