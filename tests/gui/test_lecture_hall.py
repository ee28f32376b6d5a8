"""The lecture hall: the run table, the x axis, smoothing and presentation mode."""

import csv
import json
import statistics

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip

from engine.core.config import RunConfig
from engine.core.measure import MIN_PAIRS
from gui.colab_export import ColabDialog
from session.series import smooth
from tests.gui.conftest import SMALL, records_of, run_and_wait


def three_runs(window, qtbot):
    window.set_values({**SMALL, "iterations": 300})
    records = []
    for lr in (1e-3, 2e-3, 0.5):  # the last one diverges
        window.set_values({"learning_rate": lr})
        records.append(run_and_wait(window, qtbot))
    return records


def test_the_table_lists_every_run_and_shows_or_hides_it(window, qtbot):
    records = three_runs(window, qtbot)
    table = window.run_table.table
    assert table.objectName() == "run_table" and table.rowCount() == 3
    assert [table.item(row, 1).text() for row in range(3)] == ["1", "2", "3"]
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row = {name: table.item(1, header.index(name)).text() for name in header}
    assert row["lr"] == "0.002" and row["layers"] == "both" and row["device"] == "cpu"
    assert row["N×D_in×H×D_out"] == "8×16×8×2" and row["status"].startswith("completed")
    assert row["final loss"] == f"{records[1]['losses'][-1]:.4g}"
    assert table.item(2, header.index("status")).text().startswith("diverged at t=")
    # Untick run 2: its curve leaves the plot and the legend.
    table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    run2 = window.plot.finished[1]
    assert not run2.visible and not run2.curve.isVisible()
    assert [item[1].text.split(",")[0] for item in window.plot.legend.items] == ["#1", "#3"]
    table.item(1, 0).setCheckState(Qt.CheckState.Checked)
    assert run2.curve.isVisible() and len(window.plot.legend.items) == 3


def test_delete_baseline_and_export_of_the_tables_runs(window, qtbot, tmp_path):
    records = three_runs(window, qtbot)
    table = window.run_table
    table.table.selectRow(0)
    qtbot.mouseClick(table.baseline_button, Qt.MouseButton.LeftButton)
    header = [table.table.horizontalHeaderItem(c).text()
              for c in range(table.table.columnCount())]
    column = header.index("speedup")
    assert not table.table.isColumnHidden(column)
    assert table.table.item(0, column).text() == "baseline"
    # One run each settles nothing: the table asks for repeats instead of quoting noise.
    assert table.table.item(1, column).text() == f"— (Repeat ×{MIN_PAIRS} both to compare)"
    assert table.table.item(2, column).text() == "— (other work)"  # it diverged
    table.table.selectRow(1)
    qtbot.mouseClick(table.delete_button, Qt.MouseButton.LeftButton)
    assert [r["run"] for r in records_of(window)] == [1, 3]
    assert [run.number for run in window.plot.finished] == [1, 3]
    paths = window.export_to(tmp_path)
    exported = json.loads(paths[2].read_text())
    assert [r["run"] for r in exported] == [1, 3]
    assert exported[0]["losses"] == records[0]["losses"]
    with paths[1].open() as f:
        rows = list(csv.DictReader(f))
    assert sorted({row["run"] for row in rows}) == ["1", "3"]  # the session's numbers
    assert [float(r["loss"]) for r in rows if r["run"] == "3"] == records[2]["losses"]


def test_the_baseline_speedup_is_shown_only_where_the_verdict_is_settled():
    import numpy as np

    from engine.core.config import RunConfig
    from engine.core.result import RunResult, Status
    from gui.run_table import speedup
    from session.history import Entry

    def entry(number, seconds):
        result = RunResult(RunConfig(), Status.COMPLETED, 500, None, np.ones(500), 0.1,
                           statistics.median(seconds), repeat_seconds=seconds)
        return Entry(number, result)

    base = entry(1, [0.40, 0.41, 0.40, 0.42, 0.40, 0.41, 0.40])
    faster = entry(2, [0.30, 0.31, 0.30, 0.30, 0.31, 0.30, 0.30])
    assert speedup(faster, base) == "1.33× (1.29–1.4, 7 of 7 pairs)"  # 7 pairs: min–max
    assert speedup(base, faster).startswith("0.75× (")
    same = entry(3, [0.40, 0.41, 0.41, 0.41, 0.40, 0.42, 0.40])
    assert speedup(same, base) == "—, within noise"
    assert speedup(base, base) == "baseline"


def test_the_x_axis_switches_to_seconds_into_the_loop(window, qtbot):
    window.set_values({**SMALL, "iterations": 10_000, "learning_rate": 1e-3})
    record = run_and_wait(window, qtbot)
    combo = window.findChild(type(window.x_axis_combo), "x_axis_combo")
    combo.setCurrentIndex(combo.findData("seconds"))
    x = window.plot.finished[-1].curve.xData
    assert x[-1] == pytest.approx(record["loop_seconds"], rel=0.05)
    assert np.all(np.diff(x) >= 0)
    assert "seconds" in window.loss_plot.getPlotItem().getAxis("bottom").labelText
    combo.setCurrentIndex(combo.findData("iteration"))
    assert window.plot.finished[-1].curve.xData[-1] == 9_999


def test_smoothing_is_tensorboards_debiased_ema_and_changes_only_the_drawing(window, qtbot):
    y = np.array([4.0, 2.0, np.nan, 8.0, np.inf, 1.0])
    w = 0.5
    # By hand: last = last·w + (1−w)·y, smoothed = last / (1 − w^k), k = finite points so far.
    last1 = 0.5 * 4.0
    last2 = last1 * 0.5 + 0.5 * 2.0
    last3 = last2 * 0.5 + 0.5 * 8.0
    last4 = last3 * 0.5 + 0.5 * 1.0
    expected = [last1 / 0.5, last2 / 0.75, np.nan, last3 / 0.875, np.inf, last4 / 0.9375]
    np.testing.assert_allclose(smooth(y, w), expected)
    assert np.array_equal(smooth(y, 0.0), y, equal_nan=True)

    window.set_values({**SMALL, "iterations": 300, "learning_rate": 1e-3})
    record = run_and_wait(window, qtbot)
    window.smoothing_slider.setValue(90)
    run = window.plot.finished[-1]
    np.testing.assert_allclose(run.curve.yData, smooth(np.array(record["losses"]), 0.9))
    assert run.raw_curve is not None and np.array_equal(run.raw_curve.yData, record["losses"])
    assert records_of(window)[-1]["losses"] == record["losses"]  # the record is untouched
    window.smoothing_slider.setValue(0)
    assert run.raw_curve is None and np.array_equal(run.curve.yData, record["losses"])


def test_presentation_mode_enlarges_and_restores(window, qtbot, settings):
    readout = window.readout
    clock_before = readout.elapsed_label.font().pixelSize() or \
        readout.elapsed_label.fontInfo().pixelSize()
    stat_before = readout.stat_labels["loss"].fontInfo().pixelSize()
    panel_before = window.panel.inputs["n"].fontInfo().pointSizeF()
    tick_before = window.loss_plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF()
    file_menu = window.menuBar().actions()[0].menu()
    menu_before = file_menu.font().pointSizeF()
    tooltip_before = QToolTip.font().pointSizeF()
    action = window.presentation_action
    assert action.objectName() == "presentation_action" and action.shortcut().toString() == "F11"
    action.trigger()
    screen = window.screen().geometry()
    # Full screen: the window covers the screen (without a window manager, Qt's full-screen
    # state is only a wish, so the window's own geometry is what counts).
    qtbot.waitUntil(lambda: window.geometry().size() == screen.size(), timeout=5_000)
    from gui.presentation import presentation_scale

    scale = presentation_scale(screen.width(), screen.height())  # 1.6 at 1920×1080
    assert readout.stat_labels["loss"].fontInfo().pixelSize() >= (scale - 0.1) * stat_before
    assert readout.elapsed_label.fontInfo().pixelSize() > scale * clock_before
    assert window.panel.inputs["n"].fontInfo().pointSizeF() >= (scale - 0.1) * panel_before
    assert window.loss_plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF() \
        >= (scale - 0.1) * tick_before
    assert window.plot.pen_scale == 2.0
    assert str(settings.value("presentation")).lower() == "true"
    # ...and the windows of its own: its menus, a dialog it opens, the tooltips
    font = window.font().pointSizeF()
    assert font == pytest.approx(scale * menu_before)
    assert file_menu.font().pointSizeF() == font
    assert ColabDialog(RunConfig(), window).font().pointSizeF() == font
    assert QToolTip.font().pointSizeF() == pytest.approx(scale * tooltip_before)
    action.trigger()
    qtbot.waitUntil(lambda: window.geometry().size() != screen.size(), timeout=5_000)
    assert file_menu.font().pointSizeF() == menu_before
    assert ColabDialog(RunConfig(), window).font().pointSizeF() == menu_before
    assert QToolTip.font().pointSizeF() == tooltip_before
    assert readout.stat_labels["loss"].fontInfo().pixelSize() == stat_before
    assert window.panel.inputs["n"].fontInfo().pointSizeF() == panel_before
    assert window.loss_plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF() \
        == tick_before


def test_the_legend_and_table_name_the_gpu_path_a_run_actually_took():
    import numpy as np

    from engine.core.config import RunConfig
    from engine.core.result import RunResult, Status
    from session.history import Entry
    from session.labels import legend_labels, run_value

    def record(run, device_info, device="gpu"):
        config = RunConfig(device=device, gpu_path="graph")
        return Entry(run, RunResult(config, Status.COMPLETED, 10, None, np.ones(10), 0.0, 0.01,
                                    device_info))

    graph = record(1, {"device": "gpu", "gpu_path": "graph"})
    fused = record(2, {"device": "gpu", "gpu_path": "fused", "gpu_path_note": "CUDA graph "
                                                                             "unavailable"})
    cpu = record(3, {"device": "cpu", "threads": 2}, device="cpu")
    assert run_value(fused.result, "gpu_path") == "fused"
    assert run_value(cpu.result, "gpu_path") is None
    labels = legend_labels([graph, fused])
    assert labels[1].startswith("#1, graph") and labels[2].startswith("#2, fused")
    assert "graph" not in legend_labels([cpu, record(4, {"device": "cpu"}, "cpu")])[3]


def test_the_x_axis_fits_each_run(window, qtbot):
    """Issue 19: a 2000-iteration run was cut at 500, seconds showed nothing, and a run that
    diverged at t = 8 was squeezed against t = 0 of a 0–500 axis."""
    def x_range():
        return window.loss_plot.getPlotItem().getViewBox().viewRange()[0]

    for iterations in (500, 2000):
        window.set_values({**SMALL, "iterations": iterations, "learning_rate": 1e-3})
        run_and_wait(window, qtbot)
        window.history.show_at_most(1)  # the latest run alone
        low, high = x_range()
        assert low <= 0 < iterations - 1 <= high <= 1.1 * iterations
    window.x_axis_combo.setCurrentIndex(window.x_axis_combo.findData("seconds"))
    loop = window.history.entries[-1].result.loop_seconds
    low, high = x_range()
    assert low <= 0 and loop <= high <= 1.2 * loop + 1e-3
    window.x_axis_combo.setCurrentIndex(window.x_axis_combo.findData("iteration"))
    window.set_values({"n": 64, "d_in": 1024, "hidden": 100, "d_out": 10, "iterations": 500,
                       "learning_rate": 1e-4})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "diverged"
    window.history.show_at_most(1)
    low, high = x_range()
    assert high <= 1.1 * record["diverged_at"] + 1  # the iterations it lasted, not 0–500


def test_presentation_fonts_are_a_share_of_the_screen():
    """1.6× on a 1920×1080 screen; a 1280×720 projector keeps room for the plots (1.2×)."""
    from gui.presentation import presentation_scale

    assert presentation_scale(1920, 1080) == pytest.approx(1.6)
    assert presentation_scale(3840, 2160) == pytest.approx(1.6)
    assert presentation_scale(1280, 720) == pytest.approx(1.2)
    assert presentation_scale(1600, 900) == pytest.approx(1.6 * 1600 / 1920)


def clipped_headers(table) -> list[str]:
    """The visible run-table headers narrower than their own text."""
    header = table.horizontalHeader()
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())
            if not table.isColumnHidden(c) and header.sectionSize(c) < header.sectionSizeHint(c)]


def test_in_presentation_mode_no_run_table_header_is_clipped(window, qtbot):
    """On a small projector the status and time-to-target columns share what the others
    leave, and wrap; where too little is left the table scrolls sideways instead of
    clipping a header: with no run, and with runs that differ in every setting."""
    window.set_presentation(True, remember=False)
    try:
        table = window.run_table.table
        for width in (1280, 1000, 800):
            window.resize(width, 720)
            qtbot.wait(50)
            assert clipped_headers(table) == [], width
        window.set_values({**SMALL, "iterations": 20})
        run_and_wait(window, qtbot)
        window.set_values({"n": 9, "dtype": "float32", "seed": 4, "threads": 1})
        run_and_wait(window, qtbot)
        qtbot.wait(50)
        assert clipped_headers(table) == []
    finally:
        window.set_presentation(False, remember=False)
    assert clipped_headers(table) == []
