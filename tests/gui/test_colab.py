"""Export for Colab in the window: the dialog, the files it writes, and a notebook's record
brought home, marked as from another machine (a machine column, a dash-dotted curve and a
tooltip with that machine's facts)."""

import json
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from engine.core.config import RunConfig
from engine.tools.notebook import RECORD_FILE, write_script
from gui.colab_export import ColabDialog, config_of
from gui.run_table import COLUMNS
from tests.conftest import SMALL, main_process


@pytest.fixture(scope="module")
def record_path(tmp_path_factory):
    """A record as an exported script writes it on another machine (here: this one)."""
    folder = tmp_path_factory.mktemp("elsewhere")
    script = write_script(RunConfig(**SMALL, iterations=50), folder / "run.py")
    subprocess.run([sys.executable, str(script)], cwd=folder, check=True, capture_output=True,
                   timeout=120)
    return folder / RECORD_FILE


def test_export_for_colab_writes_the_notebook_of_the_settings(window, qtbot, tmp_path,
                                                             monkeypatch):
    import nbformat

    from gui import colab_export

    window.set_values({**SMALL, "iterations": 77, "seed": 5})
    action = window.findChild(type(window.import_action), "export_colab_action")
    assert action is not None and "Colab" in action.toolTip()
    target = tmp_path / "run.ipynb"
    monkeypatch.setattr(colab_export.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), ""))

    def press_save():
        box = QApplication.activeModalWidget()
        assert isinstance(box, ColabDialog) and box.objectName() == "colab_dialog"
        box.findChild(QPushButton, "save_notebook_button").click()

    QTimer.singleShot(200, press_save)
    with qtbot.waitSignal(window.records.colab.written, timeout=30_000) as blocker:
        action.trigger()
    assert blocker.args == [True]
    made = nbformat.read(str(target), as_version=4)
    assert "'iterations': 77" in made.cells[2].source and "'seed': 5" in made.cells[2].source
    assert window.status_label.text().startswith("Wrote run.ipynb")


def test_export_as_script_to_an_unwritable_place_is_refused_in_the_status_line(
        window, tmp_path, monkeypatch):
    from gui import colab_export

    monkeypatch.setattr(colab_export.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no" / "run.py"), ""))
    window.findChild(type(window.import_action), "export_script_action").trigger()
    assert window.status_label.text().startswith("Not exported: the folder")
    assert not (tmp_path / "no").exists()


def test_the_dialog_says_what_it_will_train(qtbot):
    box = ColabDialog(config_of({**RunConfig().to_dict(), "dtype": "tf32", "device": "gpu"}))
    text = box.findChild(QLabel, "colab_dialog_text")
    c = RunConfig()
    assert f"{c.n}×{c.d_in}×{c.hidden}×{c.d_out}" in text.text() and "float32" in text.text()
    assert "Runtime → Change runtime type → GPU" in text.text()
    box.deleteLater()


def test_a_notebook_s_record_comes_home_marked_as_from_another_machine(window, record_path):
    from engine.run.train import train

    train_local = train(RunConfig(**SMALL, iterations=50))
    local = window.runs.next_number()
    window.history.add(local, train_local)  # a run of this machine beside it
    assert window.run_table.table.isColumnHidden(COLUMNS.index("machine"))
    assert window.import_records(record_path)
    table = window.run_table.table
    machine = COLUMNS.index("machine")
    assert not table.isColumnHidden(machine)
    label = json.loads(record_path.read_text())["machine"]["label"]
    assert [table.item(row, machine).text() for row in range(2)] == ["this machine", label]
    assert table.item(1, COLUMNS.index("loop time")).toolTip().startswith(
        f"Trained on another machine ({label}), measured there")
    assert "CPU: " in table.item(1, machine).toolTip()
    assert table.item(0, machine).toolTip() == ""
    curves = {run.number: run for run in window.plot.finished}
    imported = window.history.entries[1].number
    assert curves[imported].curve.opts["pen"].style() == Qt.PenStyle.DashDotLine
    assert curves[local].curve.opts["pen"].style() == Qt.PenStyle.SolidLine
    assert list(window.history.entries[1].result.losses) == \
        json.loads(record_path.read_text())["runs"][0]["losses"]


def test_a_record_of_a_newer_version_is_refused_with_nothing_changed(window, record_path,
                                                                      tmp_path):
    record = json.loads(record_path.read_text())
    record["version"] = 9
    newer = tmp_path / RECORD_FILE
    newer.write_text(json.dumps(record))
    assert not window.import_records(newer)
    assert window.status_label.text() == (
        f"Import refused: {RECORD_FILE}: it is version 9 of the backprop-lab-notebook format; "
        "this program reads version 1")
    assert window.history.entries == []


@pytest.mark.slow
def test_main_py_imports_a_notebook_s_record(record_path, tmp_path):
    assert main_process(["--import", str(record_path), "--exit-when-done"],
                        tmp_path).returncode == 0


def test_without_a_gpu_the_gpu_entry_and_presets_say_how_to_see_one_anyway(window):
    from engine.machine.devices import probe_gpu

    if probe_gpu().available:
        pytest.skip("a GPU is present here")
    window.panel.set_gpu_status(False, "no NVIDIA GPU found on this machine")
    tip = window.panel.device_combo.itemData(1, Qt.ItemDataRole.ToolTipRole)
    assert tip == ("no NVIDIA GPU found on this machine. To see a GPU anyway: File → Export for "
                   "Colab, run it there, and import the record.")
    window.preset_combo.setCurrentText("GPU showcase")
    assert window.status_label.text().endswith("not applied. To see a GPU anyway: File → "
                                               "Export for Colab, run it there, and import the "
                                               "record.")


def test_the_race_puts_this_machine_s_cpu_beside_an_imported_lane(window, qtbot, record_path):
    from tests.gui.test_tools import run_tool

    race = window.race_tool
    window.tabs.setCurrentWidget(race)
    race.compare_combo.setCurrentIndex(race.compare_combo.findData("elsewhere"))
    assert race.elsewhere_combo.isVisible() and race.elsewhere_combo.count() == 0
    assert race.start() is False
    assert "no run from another machine to race" in race.status_label.text()
    assert window.import_records(record_path)
    race.list_elsewhere()
    assert race.elsewhere_combo.count() == 1
    result = run_tool(race, qtbot)
    assert [lane.apart for lane in result.lanes] == [False, True]
    imported = window.history.entries[0].result
    assert result.lanes[0].result.config.iterations == imported.config.iterations
    (verdict,) = result.verdicts
    assert "on this machine, measured apart: their loop times only" in verdict
    assert verdict in race.readout.text()
    _x, y = race.curves[1].getData()  # the race's loss axis is logarithmic
    assert len(y) == len(imported.losses)
    assert max(abs(10 ** y / imported.losses - 1)) < 1e-12
    assert race.curves[1].opts["pen"].style() == Qt.PenStyle.DashDotLine


def test_the_file_is_written_off_the_gui_thread(window, qtbot, tmp_path, monkeypatch):
    import threading

    from gui import colab_export

    threads = []

    def recording(config, path):
        threads.append(threading.current_thread())
        path.write_text("#")

    monkeypatch.setattr(colab_export, "write_script", recording)
    monkeypatch.setattr(colab_export.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "run.py"), ""))
    with qtbot.waitSignal(window.records.colab.written, timeout=10_000):
        window.findChild(type(window.import_action), "export_script_action").trigger()
    assert threads and threads[0] is not threading.main_thread()
    assert window.status_label.text().startswith("Wrote run.py")
