"""How divergences are drawn: a diverging run shaded as diverging (never as a catapult), each
diverged run's own label, a legend that covers none of them, zoom to a divergence and back,
and the hover readout on every plot."""

import json

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF

from engine import RunConfig
from engine.run.train import train
from tests.gui.conftest import SMALL, run_and_wait

DIVERGING_LR, CATAPULT_LR = 0.01, 0.00578  # at SMALL's sizes, seed 0 (the sweep's fates)


def labels_of(window, kind):
    return [m for m in window.plot.markers() if isinstance(m, kind)]


def span_words(window) -> list[str]:
    return [m.toPlainText() for m in labels_of(window, pg.TextItem) if m.toPlainText()]


def test_a_diverging_run_is_shaded_as_diverging_and_a_catapult_as_one(window, qtbot):
    window.resize(1460, 780)  # the window's first size on a 1920×1080 screen
    window.set_values({**SMALL, "iterations": 300, "learning_rate": DIVERGING_LR,
                       "diagnostics": True})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "diverged"
    words = span_words(window)
    assert words and all(w.startswith("diverging") for w in words), words
    assert not [w for w in words if "catapult" in w]
    qtbot.wait(50)
    legend = window.plot.legend.sceneBoundingRect()
    for label in labels_of(window, pg.TextItem):  # the legend covers none of the words
        assert not legend.intersects(label.sceneBoundingRect())
    window.clear_history()
    window.set_values({"learning_rate": CATAPULT_LR})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "completed"
    words = span_words(window)
    assert any(w.startswith("catapult") and "then below 2 from t = " in w for w in words), words


@pytest.fixture
def two_diverged_beside_a_learned_one(window, tmp_path):
    runs = [train(RunConfig(**SMALL, iterations=500, learning_rate=2e-3, threads=1)),
            train(RunConfig(**SMALL, iterations=500, learning_rate=DIVERGING_LR, threads=1)),
            train(RunConfig(**SMALL, iterations=500, learning_rate=0.02, seed=1, threads=1))]
    assert [r.status for r in runs] == ["completed", "diverged", "diverged"]
    path = tmp_path / "three.json"
    path.write_text(json.dumps([r.to_dict() for r in runs]), encoding="utf-8")
    assert window.import_records(path)
    return runs


def test_each_diverged_run_keeps_its_label_and_the_legend_covers_none(
        window, qtbot, two_diverged_beside_a_learned_one):
    lines = labels_of(window, pg.InfiniteLine)
    assert sorted(line.label.toPlainText() for line in lines) == [
        f"#2 diverged at t = {two_diverged_beside_a_learned_one[1].diverged_at}",
        f"#3 diverged at t = {two_diverged_beside_a_learned_one[2].diverged_at}"]
    qtbot.wait(50)
    view = window.plot.widget.getPlotItem().getViewBox().sceneBoundingRect()
    boxes = [line.label.sceneBoundingRect() for line in lines]
    assert not boxes[0].intersects(boxes[1])
    for box in boxes:  # whole, inside the plot, and not under the legend
        assert view.contains(box), (view, box)
        assert not window.plot.legend.sceneBoundingRect().intersects(box)


def test_a_divergence_zooms_on_double_click_and_home_shows_every_run(
        window, qtbot, two_diverged_beside_a_learned_one):
    diverged = two_diverged_beside_a_learned_one[1]
    box = window.plot.widget.getPlotItem().getViewBox()
    assert box.viewRange()[0][1] > 400  # every run: the learned one's 500 iterations
    window.run_table.run_activated.emit(2)  # a row double-clicked
    (left, right), (bottom, top) = box.viewRange()
    assert left <= 0 and diverged.diverged_at < right < 2 * diverged.diverged_at + 2
    last_finite = np.log10(diverged.losses[np.isfinite(diverged.losses)][-1])
    assert bottom < last_finite < top  # the whole rise, up to its last finite loss
    window.plot.reset_view()  # Home
    assert box.viewRange()[0][1] > 400

    class Click:  # a double-click on the label of #3's line
        def __init__(self, position):
            self.position, self.accepted = position, False

        def double(self):
            return True

        def scenePos(self):  # noqa: N802 (pyqtgraph's name)
            return self.position

        def accept(self):
            self.accepted = True

    line = next(m for m in labels_of(window, pg.InfiniteLine) if "#3" in m.label.toPlainText())
    click = Click(line.label.sceneBoundingRect().center())
    window.loss_plot.scene().sigMouseClicked.emit(click)  # as pyqtgraph's scene sends it
    assert click.accepted and box.viewRange()[0][1] < 2 * line.value() + 2
    assert window.plot.zoom_to_divergence(1) is False  # #1 learned: nothing to zoom to


def test_the_hover_readout_names_the_nearest_point(window, qtbot,
                                                   two_diverged_beside_a_learned_one):
    learned = two_diverged_beside_a_learned_one[0]
    hover = window.plot.widget.hover
    box = window.plot.widget.getPlotItem().getViewBox()
    t = 120
    hover.moved(box.mapViewToScene(QPointF(t + 0.3, np.log10(learned.losses[t]))))
    assert hover.label.isVisible() and hover.found[1] == t
    seconds = learned.iteration_seconds()[t]
    assert hover.label.toPlainText() == (f"#1: t = {t}, {seconds:.4g} s, loss "
                                         f"{learned.losses[t]:.4g}")
    hover.moved(box.mapViewToScene(QPointF(250, 300)))  # far from every curve: nothing
    assert not hover.label.isVisible()


def test_every_plot_has_a_hover_readout(window):
    """The race, the sweeps and the diagnostics answer a hover as the loss plot does."""
    plot = window.race_tool.plot
    curve = plot.plot([0.0, 1.0, 2.0], [5.0, 4.0, 3.0], name="lane")
    plot.getPlotItem().getViewBox().setRange(xRange=(0, 2), yRange=(0, 1))
    hover = plot.hover
    box = plot.getPlotItem().getViewBox()
    hover.moved(box.mapViewToScene(QPointF(1.02, np.log10(4.0))))
    assert hover.found == (curve, 1) and "lane" in hover.label.toPlainText()
    for other in (window.size_sweep_tool.time_plot, window.lr_sweep_tool.plot,
                  window.diagnostics_plot.sharpness_plot, window.diagnostics_plot.dead_plot):
        assert other.hover.plot is other


def test_the_end_marker_and_the_sharpness_axis_ticks_are_whole(window, qtbot):
    """The end marker was cut in half at the top edge, and lr·λ_max's top tick label clipped."""
    from PySide6.QtGui import QFontMetrics

    window.resize(1460, 780)
    window.set_values({**SMALL, "iterations": 300, "learning_rate": DIVERGING_LR,
                       "diagnostics": True})
    run_and_wait(window, qtbot)
    qtbot.wait(50)
    view = window.plot.widget.getPlotItem().getViewBox()
    ends = [m for m in labels_of(window, pg.PlotDataItem) if m.opts.get("symbol") == "x"]
    assert len(ends) == 1
    end = ends[0].scatter.mapRectToScene(ends[0].scatter.boundingRect())
    assert view.sceneBoundingRect().contains(end), (view.sceneBoundingRect(), end)
    plot = window.diagnostics_plot.sharpness_plot
    axis = plot.getPlotItem().getAxis("left")
    (_left, _right), (bottom, top) = plot.getPlotItem().getViewBox().viewRange()
    height = plot.getPlotItem().getViewBox().height()
    half_label = QFontMetrics(axis.style["tickFont"]).height() / 2
    ticks = [value for value, _label in axis._tickLevels[0]]
    pixels = [(top - value) / (top - bottom) * height for value in ticks]
    assert min(pixels) >= half_label and max(pixels) <= height - half_label, (pixels, height)
