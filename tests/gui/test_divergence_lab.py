
"""The divergence lab in the window: the switches, the diagnostics panel, the catapult marks
and the explanation written from the run."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from engine import RunConfig
from engine.core.result import Outcome, RunResult
from engine.run.train import train
from engine.words.explain import explain_run, next_step
from tests.gui.conftest import SMALL, run_and_wait


def test_switches_are_checkboxes_that_set_the_run(window, qtbot):
    for name in ("diagnostics_checkbox", "train_w1_checkbox", "train_w2_checkbox"):
        box = window.findChild(QCheckBox, name)
        assert box is not None and box.toolTip()
    window.set_values({**SMALL, "iterations": 50, "learning_rate": 1e-3})
    qtbot.mouseClick(window.panel.layer_boxes["w1"], Qt.MouseButton.LeftButton)
    assert window.panel.values()["train"] == "w2"
    record = run_and_wait(window, qtbot)
    assert record["config"]["train"] == "w2"
    expected = train(RunConfig(**SMALL, iterations=50, learning_rate=1e-3, train="w2"))
    assert np.allclose(record["losses"], expected.losses, rtol=1e-12)
    qtbot.mouseClick(window.panel.layer_boxes["w2"], Qt.MouseButton.LeftButton)
    assert "train at least one layer" in window.panel.error_label.text()
    assert not window.run_button.isEnabled()
    qtbot.mouseClick(window.panel.layer_boxes["w1"], Qt.MouseButton.LeftButton)
    assert window.panel.values()["train"] == "w1" and window.run_button.isEnabled()


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_catapult_preset_shows_sharpness_dead_units_and_the_explanation(window, qtbot):
    window.preset_combo.setCurrentText("Catapult")
    assert window.panel.values()["diagnostics"] and window.panel.values()["learning_rate"] == 2e-6
    window.set_values({"iterations": 60})
    record = run_and_wait(window, qtbot, timeout=120_000)
    d = record["diagnostics"]
    panel = window.diagnostics_plot
    assert panel.isVisible()
    x, y = panel.sharpness_curve.xData, panel.sharpness_curve.yData
    assert list(x) == d["sharpness_iterations"]
    assert np.allclose(y, 2e-6 * np.asarray(d["sharpness"]))
    assert list(panel.dead_curve.yData) == d["dead_units"]
    assert panel.limit_line.value() == np.log10(2)  # the line at lr·λ_max = 2 (log axis)
    # The catapult is shaded on the loss plot where lr·λ_max > 2 and the loss rose.
    regions = [m for m in window.plot.markers() if hasattr(m, "getRegion")]
    assert regions and regions[0].getRegion()[0] <= 1 <= regions[0].getRegion()[1]
    text = window.readout.explanation_label.text()
    assert text == explain_run(record) and "rose" in text and "> 2" in text
    # Shared x axis: zooming the loss plot moves the panel's.
    window.loss_plot.setXRange(5, 25, padding=0)
    qtbot.wait(50)
    assert np.allclose(panel.sharpness_plot.getPlotItem().viewRange()[0], (5, 25))


def test_a_run_without_diagnostics_hides_the_panel_and_the_explanation(window, qtbot):
    window.set_values({**SMALL, "iterations": 50, "learning_rate": 1e-3, "diagnostics": True})
    run_and_wait(window, qtbot)
    assert window.diagnostics_plot.isVisible() and window.readout.explanation_label.text()
    window.set_values({"diagnostics": False})
    record = run_and_wait(window, qtbot)
    assert "diagnostics" not in record
    assert not window.diagnostics_plot.isVisible()
    # no paragraph about diagnostics: at most where to look next
    assert window.readout.explanation_label.text() == next_step(RunResult.from_dict(record))


def test_quadratic_preset_trains_w2_only(window, qtbot):
    window.preset_combo.setCurrentText("Quadratic (w1 frozen)")
    values = window.panel.values()
    assert values["train"] == "w2" and values["diagnostics"]
    assert not window.panel.layer_boxes["w1"].isChecked()
    window.set_values({"iterations": 40})
    record = run_and_wait(window, qtbot)
    assert Outcome(record["outcome"]).fell  # 40 iterations: the loss fell (still falling)
    assert "quadratic in w2" in window.readout.explanation_label.text()


def test_unticking_w1_warns_of_the_limit_before_the_run(window, qtbot, monkeypatch):
    import threading

    import engine.numerics.hessian as hessian

    threads = []
    exact = hessian.quadratic_limit

    def recorded(config):
        threads.append(threading.current_thread())
        return exact(config)

    monkeypatch.setattr(hessian, "quadratic_limit", recorded)
    label = window.panel.limit_label
    assert not label.isVisibleTo(window)
    window.panel.layer_boxes["w1"].setChecked(False)  # at the tutorial's lr 1e-6
    qtbot.waitUntil(lambda: label.isVisibleTo(window), timeout=10_000)
    # SciPy's Lanczos ran once, beside the GUI thread, not in it
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert "1e-06 will grow" in label.text()
    assert "lr must stay below 9.18e-07" in label.text()
    window.panel.set_values({"learning_rate": 5e-7})
    assert label.isVisibleTo(window) and "will grow" not in label.text()
    window.panel.layer_boxes["w1"].setChecked(True)
    assert not label.isVisibleTo(window)
    window.panel.layer_boxes["w1"].setChecked(False)  # the same size and seed: known at once
    assert label.isVisibleTo(window) and len(threads) == 1


def test_a_closed_window_computes_no_limit_it_had_asked_for(qtbot, monkeypatch):
    """A Lanczos limits the process's BLAS to one thread while it runs: limits still queued
    when the window closes are dropped, not computed behind it."""
    import threading

    import engine.numerics.hessian as hessian
    from gui.layer_limit import LayerLimitLabel, limit_key

    started, release, asked = threading.Event(), threading.Event(), []

    def held(config):
        asked.append(limit_key(config))
        started.set()
        release.wait(10)
        return 1.0

    monkeypatch.setattr(hessian, "quadratic_limit", held)
    label = LayerLimitLabel()
    qtbot.addWidget(label)
    label.follow(RunConfig(**SMALL, train="w2", seed=1))
    assert started.wait(10)
    label.follow(RunConfig(**SMALL, train="w2", seed=2))  # queued behind the first
    label.shutdown()
    release.set()
    qtbot.wait(300)
    assert asked == [limit_key(RunConfig(**SMALL, train="w2", seed=1))]
