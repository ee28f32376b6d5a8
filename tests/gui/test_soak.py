"""200 short runs in one window: memory, threads and plot items stay bounded."""

import threading

import psutil
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThread

from gui.loss_plot import VISIBLE_LIMIT
from tests.gui.conftest import SMALL, records_of


def run_once(window, qtbot):
    with qtbot.waitSignal(window.run_finished, timeout=30_000):
        assert window.start_run()
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)


def settle():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.mark.slow
def test_two_hundred_runs(window, qtbot):
    window.set_values({**SMALL, "iterations": 300})
    process = psutil.Process()
    rss, python_threads, os_threads, children = {}, {}, {}, {}
    for run in range(1, 201):
        window.set_values({"learning_rate": 1e-3 if run % 3 else 0.5})  # some diverge
        run_once(window, qtbot)
        if run in (10, 200):
            # Idle values after the first runs, when BLAS and Qt have made their pools.
            settle()
            rss[run] = process.memory_info().rss
            python_threads[run] = threading.active_count()
            os_threads[run] = process.num_threads()
            # (multiprocessing's resource tracker, a helper of the spawn method, is not ours)
            children[run] = [child.pid for child in process.children(recursive=True)
                             if "resource_tracker" not in " ".join(child.cmdline())]
    growth = rss[200] - rss[10]
    print(f"soak: resident memory grew {growth / 1e6:.1f} MB from run 10 to run 200")
    # The session's runs are all kept (the run table), each with its curve: memory grows by
    # what a kept run costs, bounded per run (and by KEPT_RUNS / KEPT_LOSSES in all).
    assert growth / 190 < 300e3
    assert python_threads[200] == python_threads[10]
    assert os_threads[200] == os_threads[10]
    # One compute process serves every run: none accumulates, and it is the window's.
    assert children[10] == children[200] == [window.compute.pid]
    assert window.findChildren(QThread) == []
    # The whole session is kept (its losses are far below the memory bound), 8 runs shown.
    assert len(window.plot.finished) == len(records_of(window)) == 200
    assert sum(run.visible for run in window.plot.finished) == VISIBLE_LIMIT
    # The plot holds the history's curves and their own markers (a diverged run's end mark),
    # nothing of the runs that left it.
    items = window.loss_plot.getPlotItem().listDataItems()
    curves = [run.curve for run in window.plot.finished]
    assert [item for item in items if item not in window.plot.markers()] == curves
    assert len(window.plot.legend.items) == VISIBLE_LIMIT
