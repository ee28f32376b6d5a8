"""The window, driven as a user drives it (offscreen)."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from engine.machine.devices import probe_gpu
from gui.app import create_main_window
from gui.readout import format_seconds
from tests.gui.conftest import SMALL, records_of, run_and_wait, shut

ROOT = Path(__file__).resolve().parents[2]
OBJECT_NAMES = {
    "run_button": QPushButton, "stop_button": QPushButton, "n_input": QLineEdit,
    "d_in_input": QLineEdit, "hidden_input": QLineEdit, "d_out_input": QLineEdit,
    "lr_input": QLineEdit, "iterations_input": QLineEdit, "device_combo": QComboBox,
    "dtype_combo": QComboBox, "seed_input": QLineEdit, "loss_plot": None,
    "elapsed_label": None, "status_label": None, "log_y_checkbox": None,
    "clear_button": QPushButton, "preset_combo": QComboBox,
}


def find(window, name):
    from PySide6.QtWidgets import QWidget

    widget = window.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def test_object_names_and_tooltips(window):
    for name, kind in OBJECT_NAMES.items():
        widget = find(window, name)
        if kind is not None:
            assert isinstance(widget, kind)
    assert "w1 is D_in×H" in find(window, "hidden_input").toolTip()
    for name in ("n_input", "d_in_input", "d_out_input", "lr_input", "iterations_input",
                 "seed_input", "device_combo", "dtype_combo"):
        assert find(window, name).toolTip()


REPLAY = """
import sys
import numpy as np
from engine import RunConfig
from engine.backends.cpu import CpuTrainer
from engine.core.problem import draw_problem
from engine.machine.threads import controller

threads, switch_at, threads_after = map(int, sys.argv[2:])
config = RunConfig()
trainer = CpuTrainer(config, draw_problem(config))
with controller().limit(limits=threads, user_api="blas"):
    for t in range(config.iterations):
        if t == switch_at:
            controller().limit(limits=threads_after, user_api="blas")
        trainer.advance(t)
np.save(sys.argv[1], trainer.losses(0, config.iterations))
"""


def engine_losses(threads: int, switch_at: int, threads_after: int, folder: Path) -> np.ndarray:
    """The Tutorial's losses from the engine's CPU step, with `threads` BLAS threads before
    iteration `switch_at` and `threads_after` from it on, in a process of its own: OpenBLAS's
    thread count is one per process, and a thread of this one (a window's worker, a test's
    leftover) may set it while the replay runs."""
    path = folder / "losses.npy"
    subprocess.run([sys.executable, "-c", REPLAY, str(path), str(threads), str(switch_at),
                    str(threads_after)], cwd=ROOT, check=True, timeout=120)
    return np.load(path)


def test_tutorial_preset_runs_to_completion_and_plots_the_engines_losses(window, qtbot,
                                                                         tmp_path):
    window.preset_combo.setCurrentText("Tutorial")
    record = run_and_wait(window, qtbot)
    assert record["status"] == "completed"
    x, y = window.plot.current_points()
    assert len(x) == 500 and np.array_equal(x, np.arange(500))
    assert np.array_equal(y, np.asarray(record["losses"]))
    # With as many BLAS threads as the window's run used, iteration by iteration (OpenBLAS
    # rounds by thread count): `auto` may drop to one thread mid-run on a busy machine.
    info = record["device_info"]
    changed = info.get("threads_changed")
    expected = engine_losses(changed["from"] if changed else info["threads"],
                             changed["at_iteration"] if changed else 500, info["threads"],
                             tmp_path)
    assert np.max(np.abs(y - expected) / expected) < 1e-12, changed
    assert window.status_label.text().startswith("Completed in")
    assert window.elapsed_label.text().endswith(" s")
    assert window.run_button.isEnabled() and not window.stop_button.isEnabled()


def test_stop_mid_run(window, qtbot):
    window.set_values({**SMALL, "iterations": 50_000_000})
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    assert window.is_running() and window.stop_button.isEnabled()
    assert not window.run_button.isEnabled() and not find(window, "n_input").isEnabled()
    qtbot.waitUntil(lambda: window.plot.current is not None
                    and window.plot.current.series.size > 0, timeout=10_000)
    with qtbot.waitSignal(window.run_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    record = blocker.args[0]
    assert record["status"] == "stopped"
    assert 0 < record["iterations_completed"] < 50_000_000
    assert "Stopped after" in window.status_label.text()
    qtbot.waitUntil(lambda: window.run_button.isEnabled())


def test_keyboard_runs_and_stops(window, qtbot):
    window.activateWindow()  # shortcuts go to the active window (a real X server asks)
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.set_values({**SMALL, "iterations": 50_000_000})
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.is_running()
    with qtbot.waitSignal(window.run_finished, timeout=10_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert blocker.args[0]["status"] == "stopped"


def test_divergence_preset_ends_diverged_with_a_marker(window, qtbot):
    window.preset_combo.setCurrentText("Divergence")
    record = run_and_wait(window, qtbot)
    assert record["status"] == "diverged"
    t = record["diverged_at"]
    assert f"Diverged at iteration {t}" in window.status_label.text()
    assert "Lower the learning rate" in window.status_label.text()
    markers = window.plot.markers()
    lines = [m for m in markers if hasattr(m, "value")]
    ends = [m for m in markers if not hasattr(m, "value")]
    assert len(lines) == 1 and lines[0].value() == t
    _, y = window.plot.current_points()
    assert np.isfinite(y).all() and len(y) == t
    # The curve is drawn up to its last finite point, marked there.
    assert len(ends) == 1 and list(ends[0].xData) == [t - 1] and list(ends[0].yData) == [y[-1]]


def test_a_diverged_run_does_not_flatten_the_others(window, qtbot):
    """The y range ignores a diverged run's enormous tail: the other runs stay readable."""
    window.set_values({"learning_rate": 1e-6, "iterations": 300})
    run_and_wait(window, qtbot)
    good_range = window.loss_plot.getPlotItem().viewRange()[1]
    window.set_values({"learning_rate": 4e-6})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "diverged" and max(record["losses"]) > 1e100
    low, high = window.loss_plot.getPlotItem().viewRange()[1]
    assert high < 12  # log10: the view stops near 1e11, not at the 1e200 tail
    assert low <= good_range[0] + 0.5  # the converged run's bottom is still in view


@pytest.mark.skipif(probe_gpu().available, reason="a GPU is present here")
def test_gpu_entry_disabled_with_the_reason(window):
    item = window.panel.device_combo.model().item(1)
    assert not item.isEnabled()
    from gui.colab_export import colab_hint

    assert probe_gpu().reason  # the reason first, then the way to see a GPU anyway
    assert item.toolTip() == f"{probe_gpu().reason}. {colab_hint()}"
    window.set_values({"device": "gpu"})
    assert window.panel.values()["device"] == "cpu"


def test_invalid_input_is_refused_at_the_control(window, qtbot):
    n_input = find(window, "n_input")
    n_input.setText("abc")
    assert not window.run_button.isEnabled()
    assert "border" in n_input.styleSheet()
    assert "Invalid" in n_input.toolTip()
    assert "N: must be a whole number" in window.panel.error_label.text()
    assert window.start_run() is False
    n_input.setText("64")
    find(window, "lr_input").setText("-1")
    assert "Learning rate: must be positive" in window.panel.error_label.text()
    find(window, "lr_input").setText("1e-6")
    assert window.run_button.isEnabled() and window.panel.error_label.text() == ""


def test_memory_refusal_is_shown_in_words(window, qtbot):
    window.set_values({"d_in": 10**9})
    with qtbot.waitSignal(window.run_finished, timeout=5_000) as blocker:
        assert window.start_run() is False
    assert blocker.args[0]["status"] == "refused"
    text = window.status_label.text()
    assert "needs" in text and "available" in text and "GB" in text
    assert not window.is_running()


def test_decade_buttons_move_the_learning_rate(window, qtbot):
    window.set_values({"learning_rate": 1e-6})
    qtbot.mouseClick(find(window, "lr_up_button"), Qt.MouseButton.LeftButton)
    assert window.panel.values()["learning_rate"] == pytest.approx(1e-5)
    qtbot.mouseClick(find(window, "lr_down_button"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, "lr_down_button"), Qt.MouseButton.LeftButton)
    assert window.panel.values()["learning_rate"] == pytest.approx(1e-7)


def test_history_and_clear(window, qtbot):
    window.set_values({**SMALL, "iterations": 200, "learning_rate": 1e-3})
    run_and_wait(window, qtbot)
    window.set_values({"learning_rate": 1e-2})
    run_and_wait(window, qtbot)
    assert len(window.plot.finished) == 2 and len(records_of(window)) == 2
    labels = [item[1].text for item in window.plot.legend.items]
    # The legend is short: the run number and only what differs between the shown runs.
    assert labels[0].startswith("#1, lr 0.001, ") and labels[1].startswith("#2, lr 0.01, ")
    assert not any("float64" in label or "cpu" in label for label in labels)
    qtbot.mouseClick(window.clear_button, Qt.MouseButton.LeftButton)
    assert window.plot.finished == [] and records_of(window) == []
    assert window.plot.legend.items == []


def test_log_y_toggle(window, qtbot):
    assert window.log_y_checkbox.isChecked()
    assert window.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    window.log_y_checkbox.setChecked(False)
    assert not window.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()


def test_export_writes_readable_files(window, qtbot, tmp_path):
    window.set_values({**SMALL, "iterations": 150})
    first = run_and_wait(window, qtbot)
    window.set_values({"learning_rate": 1e-3})
    second = run_and_wait(window, qtbot)
    paths = window.export_to(tmp_path)
    assert [p.name for p in paths] == ["loss_plot.png", "losses.csv", "runs.json"]
    assert paths[0].stat().st_size > 1000
    records = json.loads(paths[2].read_text())
    assert records == [first, second]
    with paths[1].open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 300
    run2 = [float(r["loss"]) for r in rows if r["run"] == "2"]
    assert run2 == second["losses"]


def test_export_to_an_unwritable_place_says_so(window, tmp_path):
    assert window.export_to(tmp_path / "missing" / "folder") is None
    assert "Export failed" in window.status_label.text()
    assert window.run_button.isEnabled()


def test_settings_survive_a_new_window(window, qtbot, settings):
    window.set_values({"learning_rate": 2e-6, "iterations": 123, "dtype": "float32"})
    window.save_settings()
    shut(window, qtbot)
    again = create_main_window(settings=settings)
    qtbot.addWidget(again)
    values = again.panel.values()
    assert values["learning_rate"] == 2e-6 and values["iterations"] == 123
    assert values["dtype"] == "float32"
    shut(again, qtbot)


def test_corrupted_settings_fall_back_to_the_tutorial(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    path = tmp_path / "bad.ini"
    path.write_bytes(b"[General]\nconfig=\"{not json\"\ngeometry=@ByteArray(garbage)\n\x00\xff")
    w = create_main_window(settings=QSettings(str(path), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.panel.values()["n"] == 64 and w.panel.errors() == {}
    shut(w, qtbot)


def test_a_refused_run_leaves_no_curve_or_legend_entry(window, qtbot):
    """Refused in the compute process (the panel believes in a GPU that is not there)."""
    if probe_gpu().available:
        pytest.skip("a GPU is present here")
    window.panel.set_gpu_status(True, "Simulated GPU, 80.0 GB")
    window.set_values({**SMALL, "device": "gpu"})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "refused" and record["losses"] == []
    text = window.status_label.text()
    assert text.startswith("Refused: Device: a GPU was asked for")  # the panel's name for it
    assert "device:" not in text
    assert window.plot.finished == [] and window.plot.current is None
    assert window.plot.legend.items == [] and records_of(window) == []
    assert window.elapsed_label.text() == "0.00 s"  # no figures of an earlier run beside it


@pytest.mark.skipif(probe_gpu().available, reason="a GPU is present here")
def test_a_gpu_preset_is_refused_in_words_on_a_machine_without_gpu(window):
    before = window.panel.values()
    window.preset_combo.setCurrentText("GPU showcase")
    assert "needs a GPU" in window.status_label.text() and "not applied" in \
        window.status_label.text()
    assert window.panel.values() == before  # nothing of its GPU sizes reached the panel
    assert window.preset_combo.currentText() == "Tutorial"
    window.preset_combo.setCurrentText("Tutorial")
    assert window.preset_combo.currentText() == "Tutorial"
    assert window.panel.values()["device"] == "cpu"
    window.preset_combo.setCurrentText("Divergence")
    assert window.preset_combo.currentText() == "Divergence"
    find(window, "lr_input").setText("5e-6")
    assert window.preset_combo.currentText() == "Custom"


def test_repeat_runs_the_same_configuration_and_quotes_the_median(window, qtbot):
    window.set_values({**SMALL, "iterations": 2000, "learning_rate": 1e-3})
    window.repeats_input.setValue(3)
    record = run_and_wait(window, qtbot)
    times = record["repeat_seconds"]
    assert len(times) == 3
    assert record["loop_seconds"] == sorted(times)[1]
    assert "the median of 3 repeats" in window.status_label.text()
    from engine.core.measure import Spread

    label = window.plot.legend.items[-1][1].text
    assert Spread.of(times).format() in label  # the median with its spread, in the legend


def test_more_threads_than_physical_cores_are_refused(window):
    from engine.machine.threads import physical_cores

    window.panel.inputs["threads"].setText(str(physical_cores() + 1))
    assert "physical cores" in window.panel.error_label.text()
    assert not window.run_button.isEnabled()
    window.panel.inputs["threads"].setText(str(physical_cores()))
    assert window.run_button.isEnabled()


def test_the_preset_is_named_at_first_start(window):
    assert window.panel.values()["n"] == 64
    assert window.preset_combo.currentText() == "Tutorial"
    window.set_values({"learning_rate": 2e-6, "diagnostics": True})
    assert window.preset_combo.currentText() == "Catapult"


def test_command_line_values_apply_to_that_launch_only(window, qtbot, settings):
    window.set_values({"learning_rate": 1e-6, "iterations": 500})
    window.save_settings()
    shut(window, qtbot)
    launched = create_main_window(settings=settings)
    qtbot.addWidget(launched)
    launched.apply_launch_values({"learning_rate": 4e-6, "iterations": 50})
    assert launched.panel.values()["learning_rate"] == 4e-6
    launched.set_values({"seed": 7})  # a change made in the window is remembered
    launched.save_settings()
    shut(launched, qtbot)
    plain = create_main_window(settings=settings)
    qtbot.addWidget(plain)
    values = plain.panel.values()
    assert values["learning_rate"] == 1e-6 and values["iterations"] == 500
    assert values["seed"] == 7
    shut(plain, qtbot)


def test_the_wall_clock_is_the_loops_clock_and_never_runs_backwards(window, qtbot):
    """Live and final figures come from one clock, the loop's: the final loop time is never
    below what the clock showed during the run (the setup is in neither)."""
    shown: list[float] = []
    original = window.readout.show_elapsed

    def spy(seconds):
        shown.append(seconds)
        original(seconds)

    window.readout.show_elapsed = spy
    window.set_values({**SMALL, "iterations": 60_000, "learning_rate": 1e-3})
    record = run_and_wait(window, qtbot)
    live = [s for s in shown if s > 0]
    assert live, "the clock never moved during the run"
    assert max(live) <= record["loop_seconds"] + 0.01
    assert window.elapsed_label.text() == format_seconds(record["loop_seconds"])


def test_the_preset_is_described_under_the_combo_and_ctrl_q_quits(window, qtbot):
    from session.presets import load_presets

    label = window.findChild(type(window.controls.preset_description), "preset_description_label")
    window.preset_combo.setCurrentText("Catapult")
    assert label.text() == load_presets()["Catapult"]["description"] and label.isVisibleTo(window)
    window.set_values({"learning_rate": 3.3e-6})  # no preset's values: Custom, no description
    assert window.preset_combo.currentText() == "Custom" and not label.isVisibleTo(window)
    quit_action = window.findChild(type(window.quit_action), "quit_action")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)


def test_import_reads_records_into_the_table_and_refuses_foreign_files(window, tmp_path):
    import json

    from engine import RunConfig
    from engine.run.train import train

    result = train(RunConfig(**SMALL, iterations=30, learning_rate=1e-3))
    good = tmp_path / "colab.json"
    good.write_text(json.dumps({**result.to_dict(),
                                "device_info": {**result.device_info, "gpu_present": True}}))
    assert window.import_records(good)
    assert [e.number for e in window.history.entries] == [1]
    assert list(window.history.entries[0].result.losses) == list(result.losses)
    assert window.run_table.table.rowCount() == 1 and len(window.plot.finished) == 1
    assert "GPU present: yes; used by this run: no" in window.status_label.text()
    bad = tmp_path / "other.json"
    bad.write_text('{"foo": 1}')
    assert not window.import_records(bad)
    assert "Import refused" in window.status_label.text()
    assert len(window.history.entries) == 1  # nothing changed
    assert window.findChild(type(window.import_action), "import_action") is not None


def test_a_diverged_run_shown_alone_keeps_its_last_finite_loss_on_screen(window, qtbot):
    import numpy as np

    window.set_values({"n": 64, "d_in": 1024, "hidden": 100, "d_out": 10, "iterations": 500,
                       "learning_rate": 4e-6})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "diverged"
    low, high = window.loss_plot.getPlotItem().getViewBox().viewRange()[1]
    last = np.log10(record["losses"][-1])
    assert low <= last <= high


def test_an_mlx_gpu_is_named_in_the_device_combo_and_not_raced_as_cupy_s(window):
    """The probe's answer on a Mac: MLX's GPU on Metal. The device combo names it and its
    library; the CPU-against-GPU race, which needs CuPy, does not count it as its GPU."""
    from engine.machine.devices import GpuStatus
    from engine.service.jobs import EndKind, JobEnd

    apple = GpuStatus(True, "", {"device": "gpu", "gpu_name": "Apple M2",
                                 "backend": "MLX, Metal"})
    window.gpu_probe._on_probed(JobEnd(EndKind.DONE, result=apple))
    assert window.panel.device_combo.itemText(1) == "GPU — Apple M2 (MLX, Metal)"
    assert window.panel.gpu_enabled() and not window.race_tool.gpu_available()
    nvidia = GpuStatus(True, "", {"device": "gpu", "gpu_name": "NVIDIA H100",
                                  "memory_bytes": 85_000_000_000, "backend": "CuPy"})
    window.gpu_probe._on_probed(JobEnd(EndKind.DONE, result=nvidia))
    assert window.panel.device_combo.itemText(1) == "GPU — NVIDIA H100, 85.0 GB (CuPy)"
    assert window.race_tool.gpu_available()
