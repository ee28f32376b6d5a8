"""Faults, injected in the compute process through BACKPROP_LAB_FAULT: each ends the run with
a clear message, keeps the history and leaves the window usable."""

import time

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import SMALL, open_window, records_of, run_and_wait, shut

FAULTY_SEED = 13


@pytest.fixture
def faulty_window(qtbot, settings, monkeypatch, request):
    """A window whose compute process injects request.param into runs with seed 13, after
    two good runs (seed 0) in its history."""
    monkeypatch.setenv("BACKPROP_LAB_FAULT", f"{request.param}:seed={FAULTY_SEED}")
    w = open_window(qtbot, settings)
    w.set_values({**SMALL, "iterations": 100, "learning_rate": 1e-3, "seed": 0})
    run_and_wait(w, qtbot)
    run_and_wait(w, qtbot)
    assert len(records_of(w)) == 2
    yield w
    shut(w, qtbot)


def still_usable(window, qtbot, records_before, faulty_record=None):
    """The earlier runs are kept, the faulty one beside them exactly where it has a run number
    (a run that completed no iteration has no record), and a seed-0 run right after
    completes."""
    added = 1 if faulty_record is not None and "run" in faulty_record else 0
    assert records_of(window)[:len(records_before)] == records_before
    assert len(window.plot.finished) == len(records_of(window)) == len(records_before) + added
    assert window.run_button.isEnabled() and not window.is_busy()
    window.set_values({"seed": 0, "iterations": 100})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "completed"


def faulty_run(window, qtbot, iterations=100, timeout=30_000) -> dict:
    window.set_values({"seed": FAULTY_SEED, "iterations": iterations})
    return run_and_wait(window, qtbot, timeout=timeout)


@pytest.mark.parametrize("faulty_window", ["abort@10"], indirect=True)
def test_a_crash_of_the_compute_process_ends_the_run_as_crashed(faulty_window, qtbot):
    window = faulty_window
    before = list(records_of(window))
    pid = window.compute.pid
    record = faulty_run(window, qtbot)
    assert record["status"] == "crashed"
    assert "signal SIGABRT" in record["message"] and "seed 13" in record["message"]
    assert window.status_label.text().startswith("Crashed:")
    assert window.error_dialog is not None and "SIGABRT" in window.error_dialog.text()
    window.error_dialog.close()
    assert window.compute.pid != pid and window.compute.is_alive()
    still_usable(window, qtbot, before, record)


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
@pytest.mark.parametrize("faulty_window", ["hang@10"], indirect=True)
def test_a_hung_run_is_forced_to_stop_within_five_seconds(faulty_window, qtbot):
    window = faulty_window
    before = list(records_of(window))
    pid = window.compute.pid
    window.set_values({"seed": FAULTY_SEED, "iterations": 5_000_000})
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert window.is_running()
    started = time.perf_counter()
    with qtbot.waitSignal(window.run_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert time.perf_counter() - started < 5.0
    record = blocker.args[0]
    assert record["status"] == "stopped" and "compute process was ended" in record["message"]
    assert "Stopped (forced)" in window.status_label.text()
    assert window.compute.pid != pid
    still_usable(window, qtbot, before, record)


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
@pytest.mark.parametrize("faulty_window", ["hang@10"], indirect=True)
def test_a_second_stop_after_the_grace_period_forces_at_once(faulty_window, qtbot):
    window = faulty_window
    window.set_values({"seed": FAULTY_SEED, "iterations": 5_000_000})
    window.start_run()
    qtbot.wait(200)
    window.stop_run()
    qtbot.waitUntil(lambda: "Press Stop again" in window.status_label.text(), timeout=3_000)
    with qtbot.waitSignal(window.run_finished, timeout=1_500) as blocker:
        window.stop_run()
    assert blocker.args[0]["status"] == "stopped"


@pytest.mark.parametrize("faulty_window", ["raise@10"], indirect=True)
def test_an_exception_inside_the_training_step_fails_the_run(faulty_window, qtbot):
    window = faulty_window
    before = list(records_of(window))
    record = faulty_run(window, qtbot)
    assert record["status"] == "failed"
    assert "simulated fault in the training step" in record["message"]
    assert "simulated fault in the training step" in window.error_dialog.text()
    assert "Traceback" in window.error_dialog.detailedText()
    assert window.status_label.text().startswith("Error:")
    window.error_dialog.close()
    still_usable(window, qtbot, before, record)


@pytest.mark.parametrize("faulty_window", ["oom@10"], indirect=True)
def test_out_of_memory_during_a_run_is_refused_in_words(faulty_window, qtbot):
    window = faulty_window
    before = list(records_of(window))
    record = faulty_run(window, qtbot)
    assert record["status"] == "refused"
    text = window.status_label.text()
    assert text.startswith("Refused:") and "ran out of memory" in text and "smaller sizes" in text
    assert window.error_dialog is None
    still_usable(window, qtbot, before, record)


def test_gpu_gone_between_probe_and_run(window, qtbot):
    """The panel believes in a GPU; the compute process finds none and refuses the run."""
    window.set_values({**SMALL, "iterations": 100, "learning_rate": 1e-3})
    run_and_wait(window, qtbot)
    before = list(records_of(window))
    window.panel.set_gpu_status(True, "Simulated GPU, 80.0 GB")
    window.set_values({"device": "gpu"})
    assert window.panel.values()["device"] == "gpu"
    record = run_and_wait(window, qtbot)
    if record["status"] == "completed":
        pytest.skip("a GPU is really present here")
    assert record["status"] == "refused"
    text = window.status_label.text()
    assert text.startswith("Refused:") and "GPU" in text
    window.set_values({"device": "cpu"})
    still_usable(window, qtbot, before, record)


def test_export_to_a_folder_that_cannot_be_written(window, qtbot, tmp_path):
    window.set_values({**SMALL, "iterations": 100, "learning_rate": 1e-3})
    run_and_wait(window, qtbot)
    before = list(records_of(window))
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = window.export_to(locked)
    finally:
        locked.chmod(0o700)
    if result is not None:  # root ignores folder permissions; a file in the way does not
        blocker = tmp_path / "file"
        blocker.write_text("not a folder")
        result = window.export_to(blocker)
    assert result is None
    assert "Export failed" in window.status_label.text()
    still_usable(window, qtbot, before)
