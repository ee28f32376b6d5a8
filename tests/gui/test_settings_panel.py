"""The window's controls come from the settings' declarations (engine.core.settings)."""

import pytest
from PySide6.QtWidgets import QLabel

from engine import RunConfig
from engine.core.settings import defaults_of, settings_of
from engine.machine.devices import probe_gpu
from engine.tools.rate_sweep import RateSweepSettings
from engine.tools.size_sweep import SizeSweepSettings
from gui.readout import Readout

NO_GPU = pytest.mark.skipif(probe_gpu().available, reason="a GPU is present here")


def test_every_declared_control_has_its_label_tooltip_and_default(window):
    for cls in (RunConfig, SizeSweepSettings, RateSweepSettings):
        for name, declared in settings_of(cls).items():
            if not declared.widget:
                continue  # train: the two layer checkboxes
            control = window.findChild(object, declared.widget)
            assert control is not None, declared.widget
            assert control.toolTip().startswith(declared.sentence), name
    labels = {label.text() for label in window.findChildren(QLabel)}
    for cls in (RunConfig, SizeSweepSettings, RateSweepSettings):
        shown = {s.label for n, s in settings_of(cls).items() if n != "diagnostics"}
        assert shown <= labels, shown - labels
    assert window.size_sweep_tool.steps_input.value() == defaults_of(SizeSweepSettings)["steps"]
    assert window.lr_sweep_tool.min_input.text() == "1e-08"
    assert [window.panel.dtype_combo.itemData(i) for i in range(3)] == \
        ["float64", "float32", "tf32"]


def test_the_gpu_path_combo_offers_the_three_paths_and_applies_to_gpu_runs(window):
    combo = window.findChild(object, "gpu_path_combo")
    assert [combo.itemData(i) for i in range(combo.count())] == ["port", "fused", "graph"]
    assert combo.currentData() == "graph"
    window.panel.set_values({"device": "cpu"})
    assert not combo.isEnabled()  # greyed out: a CPU run has no GPU path
    window.panel.set_values({"gpu_path": "fused"})
    assert window.panel.values()["gpu_path"] == "fused"


def test_tf32_on_the_cpu_is_refused_in_the_windows_words(window):
    window.panel.set_values({"device": "cpu", "dtype": "tf32"})
    text = window.panel.error_label.text()
    assert text.startswith("dtype: tf32 runs only on a GPU")
    assert not window.run_button.isEnabled()


@NO_GPU
def test_racing_the_gpu_paths_without_a_gpu_says_why(window):
    tool = window.race_tool
    tool.compare_combo.setCurrentIndex(tool.compare_combo.findData("gpu-path"))
    assert tool.start() is False
    assert tool.status_label.text().startswith("Refused: racing the GPU paths needs a GPU")


def test_the_readout_names_the_gpu_path_and_why(qtbot):
    readout = Readout()
    qtbot.addWidget(readout)
    from dataclasses import replace

    import numpy as np

    from engine.core.result import RunResult, Status

    result = RunResult(RunConfig(iterations=5), Status.COMPLETED, 5, None, np.ones(5), 0.1, 0.01,
                       {"device": "gpu", "gpu_path": "fused",
                        "gpu_path_note": "CUDA graph unavailable: no libcublas"})
    readout.show_result(result)
    assert not readout.gpu_path_label.isHidden()
    assert readout.gpu_path_label.text() == \
        "GPU path: fused (CUDA graph unavailable: no libcublas)"
    readout.show_result(replace(result, device_info={"device": "cpu", "threads": 2}))
    assert readout.gpu_path_label.isHidden()


def test_at_the_minimum_size_the_device_entry_and_the_legend_fit(window, qtbot):
    """Issue 9, item 15: the device entry was cut to "2 core" and the legend covered most of
    the plot at the minimum window size."""
    from tests.gui.conftest import SMALL, run_and_wait

    window.resize(window.minimumSize())
    window.show()
    qtbot.waitExposed(window)
    combo = window.panel.device_combo
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
    assert needed <= combo.width() - 20, (combo.currentText(), needed, combo.width())
    window.set_values({**SMALL, "iterations": 30})
    for lr in (1e-6, 2e-6, 3e-6):  # three runs: three legend entries that differ in lr
        window.set_values({"learning_rate": lr})
        run_and_wait(window, qtbot)
    qtbot.wait(50)
    legend = window.plot.legend
    view = window.plot.widget.getPlotItem().getViewBox()
    legend_area = legend.sceneBoundingRect().width() * legend.sceneBoundingRect().height()
    view_area = view.sceneBoundingRect().width() * view.sceneBoundingRect().height()
    assert len(legend.items) == 3
    assert legend_area < 0.25 * view_area, (legend_area, view_area)


def test_at_the_minimum_size_the_tools_rows_are_not_cut(window, qtbot):
    window.resize(window.minimumSize())
    window.show()
    qtbot.waitExposed(window)
    for tool in (window.race_tool, window.size_sweep_tool, window.lr_sweep_tool):
        window.tabs.setCurrentWidget(tool)
        qtbot.wait(20)
        for button in (tool.run_button, tool.stop_button, tool.export_button):
            assert button.width() >= button.sizeHint().width(), button.text()
    for edit in (window.lr_sweep_tool.min_input, window.lr_sweep_tool.max_input):
        text = edit.fontMetrics().horizontalAdvance(edit.text())
        assert text <= edit.width() - 8, (edit.text(), text, edit.width())
