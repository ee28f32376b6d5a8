"""A seeded monkey: 1,000 random user actions, with the window checked after each one.

Replay a failure with MONKEY_SEED=<seed printed in the failure> uv run pytest -k monkey.
"""

import os
import random

import pytest
from PySide6.QtCore import Qt

from gui.loss_plot import VISIBLE_LIMIT
from gui.readout import format_seconds
from session.presets import load_presets
from tests.gui.conftest import SMALL, records_of

ACTIONS_COUNT = 1000
SEED = int(os.environ.get("MONKEY_SEED", "20261126"))
VALID = {
    "n": ["1", "4", "8", "16"], "d_in": ["2", "16", "32"], "hidden": ["1", "8", "12"],
    "d_out": ["1", "2", "3"], "iterations": ["1", "50", "500", "3000"],
    "learning_rate": ["1e-6", "1e-3", "0.01", "0.5"],  # 0.5 diverges at once
    "seed": ["0", "1", "42"], "threads": ["auto", "1", "2"],
}
INVALID = ["", "abc", "-1", "0", "nan", "inf", "1e999", "2.5", "1e40"]


def edit_field(window, rng, qtbot, folder):
    name = rng.choice(list(VALID))
    widget = window.panel.inputs[name]
    if widget.isEnabled():
        widget.setText(rng.choice(VALID[name] if rng.random() < 0.7 else INVALID))


def pick_preset(window, rng, qtbot, folder):
    if window.preset_combo.isEnabled():
        window.preset_combo.setCurrentText(rng.choice(list(load_presets())))
        # Presets hold the tutorial's sizes and more: keep the monkey fast.
        window.set_values({**SMALL, "iterations": rng.choice([50, 500, 3000])})


def click(name):
    def action(window, rng, qtbot, folder):
        qtbot.mouseClick(getattr(window, name), Qt.MouseButton.LeftButton)
    action.__name__ = f"click_{name}"
    return action


def shortcut(window, rng, qtbot, folder):
    key, modifier = rng.choice([(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier),
                                (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)])
    qtbot.keyClick(window, key, modifier)


def toggle_log_y(window, rng, qtbot, folder):
    window.log_y_checkbox.setChecked(not window.log_y_checkbox.isChecked())


def export(window, rng, qtbot, folder):
    target = folder if rng.random() < 0.7 else folder / "missing" / "folder"
    window.export_to(target)


def switch_device_or_dtype(window, rng, qtbot, folder):
    if window.panel.device_combo.isEnabled():
        window.panel.set_values(rng.choice([{"device": "cpu"}, {"device": "gpu"},
                                            {"dtype": "float64"}, {"dtype": "float32"}]))


def use_a_tool(window, rng, qtbot, folder):
    tool = rng.choice(window.tools)
    window.tabs.setCurrentWidget(tool)
    button = tool.run_button if rng.random() < 0.6 else tool.stop_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait(window, rng, qtbot, folder):
    qtbot.wait(rng.choice([1, 10, 50]))


ACTIONS = [edit_field, edit_field, pick_preset, click("run_button"), click("run_button"),
           click("stop_button"), click("clear_button"), shortcut, toggle_log_y, export,
           switch_device_or_dtype, use_a_tool, wait]


def check_consistent(window):
    busy, running = window.is_busy(), window.is_running()
    errors = window.panel.errors()
    assert window.run_button.isEnabled() == (not busy and not errors)
    assert window.stop_button.isEnabled() == running
    for tool in window.tools:
        assert tool.run_button.isEnabled() == (not busy and not errors)
        assert tool.stop_button.isEnabled() == tool.is_running()
    assert window.panel.inputs["n"].isEnabled() == (not busy)
    # Every run of the session is in the table and on the plot; at most VISIBLE_LIMIT shown.
    assert [run.number for run in window.plot.finished] == [r["run"] for r in records_of(window)]
    shown = sum(run.visible for run in window.plot.finished)
    assert shown <= VISIBLE_LIMIT
    assert len(window.plot.legend.items) == shown + (window.plot.current is not None)
    assert window.run_table.table.rowCount() == len(records_of(window))
    assert window.compute.is_alive()


@pytest.mark.slow
def test_monkey(window, qtbot, tmp_path):
    rng = random.Random(SEED)
    window.set_values({**SMALL, "iterations": 500})
    window.size_sweep_tool.steps_input.setValue(2)
    window.size_sweep_tool.budget_input.setValue(0.05)
    window.lr_sweep_tool.count_input.setValue(3)
    window.lr_sweep_tool.tolerance_input.setValue(0.5)
    finished = []

    def on_finished(record):
        # The readout and status describe the run that just ended.
        finished.append(record)
        status = window.status_label.text()
        expected = {"completed": "Completed in", "diverged": "Diverged at iteration",
                    "stopped": "Stopped after", "refused": "Refused:"}[record["status"]]
        # ...unless a later action has already put its own message there.
        later = ("Exported", "Export failed", "History cleared")
        assert status.startswith((expected, *later)), status
        if record["iterations_completed"]:
            assert window.elapsed_label.text() == format_seconds(record["loop_seconds"])

    window.run_finished.connect(on_finished)
    step, action = 0, None
    try:
        while step < ACTIONS_COUNT:
            step += 1
            action = rng.choice(ACTIONS)
            action(window, rng, qtbot, tmp_path)
            qtbot.wait(rng.choice([0, 0, 1, 5]))
            check_consistent(window)
        window.stop_run()
        qtbot.waitUntil(lambda: not window.is_busy(), timeout=60_000)
        check_consistent(window)
    except BaseException as exc:
        exc.add_note(f"monkey seed {SEED}, action {step}: {action.__name__}; replay with "
                     f"MONKEY_SEED={SEED}")
        raise
    assert finished, "the monkey never finished a run"
    print(f"monkey seed {SEED}: {ACTIONS_COUNT} actions, {len(finished)} runs finished")
