"""The loss plot as a view of the history: the history alone decides which curves there are,
in which order, and which show; no call order is to be kept by its callers."""

from __future__ import annotations

import numpy as np

from engine import RunConfig, train
from gui.loss_plot import LossPlot
from session.history import RunHistory
from tests.conftest import SMALL


def test_the_current_curve_is_taken_over_when_the_history_adds_its_run(qapp):
    history = RunHistory()
    plot = LossPlot(history)
    result = train(RunConfig(**SMALL, iterations=20))
    plot.start_run("#1 running", 20, number=1)
    plot.append(np.arange(20), result.losses, 0.01)
    curve = plot.current.curve
    history.add(1, result)
    assert plot.current is None and [run.curve for run in plot.finished] == [curve]
    assert np.array_equal(plot.finished[0].series.views()[1], result.losses)


def test_a_run_added_without_a_current_curve_is_drawn_from_its_result(qapp):
    history = RunHistory()
    plot = LossPlot(history)
    first = train(RunConfig(**SMALL, iterations=15, seed=1))
    second = train(RunConfig(**SMALL, iterations=25, seed=2))
    plot.start_run("#7 running", 25, number=7)  # a run going while two records come in
    history.add(3, first)
    history.add(5, second, shown=False)
    assert plot.current is not None and plot.current.number == 7
    assert [run.number for run in plot.finished] == [3, 5]
    assert [run.visible for run in plot.finished] == [True, False]
    assert np.array_equal(plot.finished[1].curve.yData, second.losses)
    history.remove([3])
    history.set_shown(5, True)
    assert [(run.number, run.visible) for run in plot.finished] == [(5, True)]


def test_a_legend_too_wide_at_its_least_size_wraps_its_labels_inside_the_plot(qtbot):
    """Three runs that differ in six settings, on a plot 330 px wide (a 1280×720 projector
    in presentation mode): the labels' starts ran off the left edge at the least text size;
    now each label goes on more lines, and the legend fits inside the plot."""
    from gui.loss_plot import in_lines

    history = RunHistory()
    plot = LossPlot(history)
    plot.set_text_scale(1.2)
    plot.widget.resize(330, 400)
    plot.widget.show()
    qtbot.waitExposed(plot.widget)
    for number, extra in enumerate(({}, {"n": 9, "dtype": "float32", "threads": 1},
                                    {"learning_rate": 1e-3, "seed": 4, "iterations": 12}), 1):
        history.add(number, train(RunConfig(**{**SMALL, "iterations": 10, **extra})))
    qtbot.wait(50)
    view = plot.widget.getPlotItem().getViewBox().sceneBoundingRect()
    legend = plot.legend.sceneBoundingRect()
    assert len(plot.legend.items) == 3
    assert view.left() <= legend.left() and legend.right() <= view.right(), (legend, view)
    assert any("<br>" in label.text for _sample, label in plot.legend.items)
    plot.widget.hide()  # not closed: a closed PlotWidget has no PlotItem to relabel
    label = "#3, lr 0.001, float64, auto threads, seed 4, N=8, 12 it, 0.00101 s"
    assert in_lines(label, 1) == label
    assert in_lines(label, 2).replace(",<br>", ", ") == label
    assert in_lines(label, 2).count("<br>") == 1 and in_lines(label, 3).count("<br>") == 2
