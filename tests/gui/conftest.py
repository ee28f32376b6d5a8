"""Window fixtures: offscreen, isolated settings, and no thread left running after a test."""

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")

from PySide6.QtCore import QSettings  # noqa: E402

from gui.app import create_main_window  # noqa: E402
from tests.conftest import SMALL  # noqa: E402,F401  (one small run: the tests' own)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def shut(window, qtbot) -> None:
    window.stop_run()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=60_000)
    window.close()
    if window._owns_compute:
        assert not window.compute.is_alive()


def open_window(qtbot, settings, compute=None, lang="en"):
    """A shown window whose compute process has warmed up and answered the GPU probe; with
    `compute`, the window uses that process and leaves it running when it closes. In English
    unless `lang` says otherwise, whatever the machine's locale."""
    w = create_main_window(settings=settings, compute=compute, lang=lang, restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.gpu_probe.is_running(), timeout=60_000)
    return w


@pytest.fixture(scope="session")
def shared_compute(qapp):
    """One compute process for the plain window tests: starting one (spawn, imports, warm-up)
    costs each window about a second. Tests of the process's own life (faults, crashes,
    closing) open windows of their own with `open_window`."""
    from gui.compute import ComputeProcess

    compute = ComputeProcess()
    yield compute
    compute.shutdown()


@pytest.fixture
def window(qtbot, settings, shared_compute):
    w = open_window(qtbot, settings, shared_compute)
    yield w
    shut(w, qtbot)


def run_and_wait(window, qtbot, timeout=60_000) -> dict:
    with qtbot.waitSignal(window.run_finished, timeout=timeout) as blocker:
        qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_running())
    return blocker.args[0]


from PySide6.QtCore import Qt  # noqa: E402


def records_of(window) -> list[dict]:
    """The window's history as records (the dicts run_finished emits, with their numbers)."""
    return [entry.record() for entry in window.history.entries]
