"""The three lecture tools, driven from the window's tabs."""

import pytest
from PySide6.QtCore import Qt

from engine.core.measure import MIN_PAIRS
from engine.machine.devices import probe_gpu
from engine.words.explain import record_of
from tests.gui.conftest import SMALL


def run_tool(tool, qtbot, timeout=120_000):
    with qtbot.waitSignal(tool.finished, timeout=timeout) as blocker:
        qtbot.mouseClick(tool.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tool.is_running())
    return blocker.args[0]


def test_tools_are_tabs_of_the_window(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Training", "Code", "Device race", "Size sweep", "Learning-rate sweep",
                      "Profile"]
    assert all(tool.run_button.isEnabled() for tool in window.tools)


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_race_draws_two_curves_against_seconds(window, qtbot):
    window.set_values({"iterations": 200})
    window.tabs.setCurrentWidget(window.race_tool)
    result = run_tool(window.race_tool, qtbot)
    assert len(result.lanes) == 2
    for curve, lane in zip(window.race_tool.curves, result.lanes, strict=True):
        x, y = curve.getData()
        assert len(x) == 200 and x[-1] == pytest.approx(lane.result.loop_seconds)
    text = window.race_tool.readout.text()
    assert result.comparison.verdict in text and "setup" in text
    assert f"over {len(result.lanes[0].loop_seconds)} runs" in text
    assert len(result.lanes[0].loop_seconds) >= MIN_PAIRS
    assert result.largest_relative_difference < 1e-8
    # What differs is said from the data: the threads on one CPU (or nothing, where the
    # calibration found one thread fastest), the curves equal to rounding.
    threads = [lane.result.device_info.get("threads") for lane in result.lanes]
    if probe_gpu().available:
        assert "CPU against GPU" in text
    elif threads[0] != threads[1]:
        assert f"{threads[0]} against {threads[1]} BLAS threads on the same CPU" in text
    else:
        assert "the same settings" in text
    assert f"agree to {result.largest_relative_difference:.1e}" in text
    if not probe_gpu().available:
        assert [lane.target.label for lane in result.lanes][0] == "CPU, 1 thread"


def test_busy_tool_disables_every_run_button(window, qtbot):
    window.set_values({**SMALL, "iterations": 20_000_000})
    qtbot.mouseClick(window.race_tool.run_button, Qt.MouseButton.LeftButton)
    assert window.is_busy()
    assert not window.run_button.isEnabled()
    assert all(not tool.run_button.isEnabled() for tool in window.tools)
    assert window.start_run() is False
    qtbot.mouseClick(window.race_tool.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20_000)
    assert window.run_button.isEnabled()


def test_size_sweep_fills_the_table_and_the_charts(window, qtbot):
    tool = window.size_sweep_tool
    tool.steps_input.setValue(3)
    tool.budget_input.setValue(0.1)
    sweep = run_tool(tool, qtbot)
    assert tool.table.rowCount() == len(sweep.points) >= 3
    measured = sweep.measured("cpu")
    curve = tool.time_plot.getPlotItem().listDataItems()[0]
    assert list(curve.yData) == [p.seconds_per_iteration for p in measured]
    assert list(curve.xData) == [p.config.flops_per_iteration / 1e6 for p in measured]
    assert "Sweep finished" in tool.status_label.text()


def test_size_sweep_needs_a_size_to_scale(window, qtbot):
    tool = window.size_sweep_tool
    for box in tool.scale_boxes.values():
        box.setChecked(False)
    assert tool.start() is False
    assert "at least one size" in tool.status_label.text()


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_learning_rate_sweep_marks_bound_threshold_and_best(window, qtbot):
    window.set_values({"iterations": 200})
    tool = window.lr_sweep_tool
    tool.min_input.setText("1e-7")
    tool.count_input.setValue(4)
    sweep = run_tool(tool, qtbot)
    assert sweep.predicted_bound < sweep.largest_stable_lr < 10 * sweep.predicted_bound
    labels = [m.label.toPlainText() for m in tool.markers if hasattr(m, "label")]
    assert any("2/λ_max" in text for text in labels)
    assert any("loss fell up to" in text for text in labels)
    best = sweep.best()
    stars = [m for m in tool.markers if not hasattr(m, "label")]
    assert len(stars) == 1 and list(stars[0].xData) == [best.learning_rate]
    assert "a bound for the initial weights" in tool.summary.text()
    assert "Lowest final loss" in tool.summary.text()
    # The explanation is this sweep's, written from its numbers; no fixed paragraph.
    explanation = tool.explanation.text()
    assert f"{sweep.predicted_bound:.3g}" in explanation
    assert f"{sweep.largest_stable_lr:.3g}" in explanation
    # Diverged rates sit on their own row above the chart, not at a made-up loss.
    diverged = [p.learning_rate for p in sweep.points if p.outcome == "diverged"]
    row = tool.diverged_row.getPlotItem().listDataItems()
    assert diverged and list(row[0].xData) == sorted(diverged)


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_learning_rate_sweep_stopped_midway_says_so(window, qtbot):
    tool = window.lr_sweep_tool
    window.set_values({"iterations": 3000})
    tool.count_input.setValue(9)
    qtbot.mouseClick(tool.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tool.points) >= 2, timeout=60_000)
    with qtbot.waitSignal(tool.finished, timeout=30_000) as blocker:
        qtbot.mouseClick(tool.stop_button, Qt.MouseButton.LeftButton)
    sweep = blocker.args[0]
    assert sweep.stopped
    assert "Stopped after" in tool.status_label.text()
    assert "Sweep finished" not in tool.status_label.text()
    assert tool.explanation.text().startswith("Stopped after")
    # Every point it shows ran to the end: none is a run cut short.
    assert all(p.outcome is not None for p in sweep.points)


def test_learning_rate_sweep_refuses_a_bad_range(window):
    tool = window.lr_sweep_tool
    tool.min_input.setText("1e-3")
    tool.max_input.setText("1e-5")
    assert tool.start() is False
    # In the window's words: the control's label, not --lr-max or lr_max.
    assert tool.status_label.text().startswith(
        "To: must be a number above the smallest rate (0.001), got 1e-05")


def test_tools_refuse_invalid_settings(window):
    window.panel.inputs["n"].setText("zero")
    assert window.race_tool.start() is False
    assert "Fix the highlighted settings" in window.race_tool.status_label.text()


def test_a_tool_refused_for_memory_says_so_and_ends(window, qtbot):
    window.set_values({"d_in": 10**9})
    with qtbot.waitSignal(window.race_tool.ended, timeout=20_000) as blocker:
        qtbot.mouseClick(window.race_tool.run_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].kind == "refused"
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=10_000)
    text = window.race_tool.status_label.text()
    assert text.startswith("Refused:") and "needs" in text and "available" in text
    assert window.race_tool.error_dialog is None
    assert window.run_button.isEnabled()


def test_each_tool_exports_its_chart_table_and_result(window, qtbot, tmp_path):
    import csv
    import json

    tool = window.size_sweep_tool
    assert not tool.export_button.isEnabled()  # nothing to export yet
    tool.steps_input.setValue(2)
    tool.budget_input.setValue(0.05)
    sweep = run_tool(tool, qtbot)
    assert tool.export_button.isEnabled()
    paths = tool.export_to(tmp_path)
    assert [p.name for p in paths] == ["size_sweep.png", "size_sweep.csv", "size_sweep.json"]
    assert paths[0].stat().st_size > 1000
    with paths[1].open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(sweep.points)
    assert float(rows[0]["seconds_per_iteration"]) == sweep.points[0].seconds_per_iteration
    assert json.loads(paths[2].read_text())["points"][0]["repeats"] == sweep.points[0].repeats
    assert tool.export_to(tmp_path / "missing") is None
    assert "Export failed" in tool.status_label.text()


def test_the_profile_tab_draws_every_statement_and_explains_it(window, qtbot, tmp_path):
    import json

    from engine.tools.profile import STATEMENTS

    window.set_values(SMALL)
    tool = window.findChild(type(window.profile_tool), "profile_tab")
    assert tool is window.profile_tool
    window.tabs.setCurrentWidget(tool)
    tool.scale_input.setValue(2.0)
    result = run_tool(tool, qtbot)
    devices = len(result.base.devices)
    assert [c.scale for c in result.columns] == [1, 2]
    assert tool.table.rowCount() == 2 * devices * len(STATEMENTS)
    codes = {tool.table.item(row, 1).text() for row in range(tool.table.rowCount())}
    assert codes == {s.code for s in STATEMENTS}
    for plot in tool.plots:  # one bar item per device, and a value label per bar
        items = plot.getPlotItem().items
        assert sum(type(i).__name__ == "BarGraphItem" for i in items) == devices
    ticks = tool.plots[0].getPlotItem().getAxis("left")._tickLevels[0]
    assert [label for _, label in ticks][:len(STATEMENTS)] == [s.code for s in STATEMENTS]
    assert tool.explanation.text() == record_of(result)["explanation"] or \
        tool.explanation.text().startswith(record_of(result)["explanation"])
    assert "On the CPU" in tool.explanation.text()
    if not probe_gpu().available:
        assert "CPU only" in tool.status_label.text()
    paths = tool.export_to(tmp_path)
    assert [p.name for p in paths] == ["profile.png", "profile.csv", "profile.json"]
    assert json.loads(paths[2].read_text())["columns"][1]["scale"] == 2
