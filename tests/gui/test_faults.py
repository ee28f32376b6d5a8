"""Faults: each gives a clear message, leaves the window usable and keeps the history."""

import importlib

import pytest
from PySide6.QtCore import Qt

import engine.backends
from engine.devices import GpuStatus
from tests.gui.conftest import SMALL, run_and_wait

# engine/__init__ re-exports the function train, which hides the module of that name.
train_module = importlib.import_module("engine.train")


@pytest.fixture
def with_history(window, qtbot):
    window.set_values({**SMALL, "iterations": 100, "learning_rate": 1e-3})
    run_and_wait(window, qtbot)
    run_and_wait(window, qtbot)
    assert len(window.records) == 2
    return window


def still_usable(window, qtbot, records_before):
    assert window.records[:len(records_before)] == records_before
    assert len(window.plot.history) == len(records_before)
    assert window.run_button.isEnabled()
    record = run_and_wait(window, qtbot)
    assert record["status"] == "completed"


def click_run_and_wait_idle(window, qtbot):
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=20_000)


def test_exception_inside_the_training_step(with_history, qtbot, monkeypatch):
    window = with_history
    before = list(window.records)
    calls = {"n": 0}
    real_step = engine.backends.sgd_step

    def failing_step(*args):
        calls["n"] += 1
        if calls["n"] > 10:
            raise FloatingPointError("simulated fault in the training step")
        return real_step(*args)

    monkeypatch.setattr(engine.backends, "sgd_step", failing_step)
    click_run_and_wait_idle(window, qtbot)
    assert "simulated fault in the training step" in window.error_dialog.text()
    assert window.status_label.text().startswith("Error:")
    window.error_dialog.close()
    monkeypatch.setattr(engine.backends, "sgd_step", real_step)
    still_usable(window, qtbot, before)


def test_out_of_memory_during_a_run(with_history, qtbot, monkeypatch):
    """CuPy's OutOfMemoryError is a MemoryError; on a machine without a GPU, a plain
    MemoryError from the trainer stands in for it."""
    window = with_history
    before = list(window.records)

    class FakeOutOfMemory(MemoryError):
        pass

    def out_of_memory(*args, **kwargs):
        raise FakeOutOfMemory("Out of memory allocating 8,589,934,592 bytes")

    monkeypatch.setattr(engine.backends, "CpuTrainer", out_of_memory)
    click_run_and_wait_idle(window, qtbot)
    text = window.status_label.text()
    assert text.startswith("Refused:") and "ran out of memory" in text
    assert "8,589,934,592 bytes" in text and "smaller sizes" in text
    monkeypatch.undo()
    still_usable(window, qtbot, before)


def test_gpu_gone_between_probe_and_run(with_history, qtbot, monkeypatch):
    window = with_history
    before = list(window.records)
    window.panel.set_gpu_status(True, "Simulated GPU, 80.0 GB")
    window.set_values({"device": "gpu"})
    assert window.panel.values()["device"] == "gpu"
    monkeypatch.setattr(train_module, "probe_gpu",
                        lambda: GpuStatus(False, "the CUDA driver stopped answering"))
    click_run_and_wait_idle(window, qtbot)
    text = window.status_label.text()
    assert text.startswith("Refused:") and "the CUDA driver stopped answering" in text
    window.set_values({"device": "cpu"})
    still_usable(window, qtbot, before)


def test_export_to_a_folder_that_cannot_be_written(with_history, qtbot, tmp_path):
    window = with_history
    before = list(window.records)
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
