"""The code setting in the window: the code combo, the Code tab, the run table's column and the
readout's backward-pass line."""

import importlib.util

import pytest

from engine.core.config import CODES
from engine.machine import devices
from gui.code_view import shaded_lines
from gui.params import ParameterPanel
from gui.run_table import COLUMNS
from tests.conftest import SMALL
from tests.gui.conftest import run_and_wait

HAS_TORCH = importlib.util.find_spec("torch") is not None


def test_the_code_tab_shows_the_chosen_code_beside_another(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Code" in titles
    view = window.code_view
    assert "out=ws.grad_w1" in view.chosen.text.toPlainText()
    assert "loss.backward()" in view.beside.text.toPlainText()
    combo = window.panel.code_combo
    assert [combo.itemData(i) for i in range(combo.count())] == list(CODES)
    combo.setCurrentIndex(combo.findData("autograd"))
    assert "loss.backward()" in view.chosen.text.toPlainText()
    assert "out=ws.grad_w1" in view.beside.text.toPlainText()  # the hand-written one beside
    view.beside_combo.setCurrentIndex(view.beside_combo.findData("torch"))
    assert "grad_w1 = x.t().mm(grad_h)" in view.beside.text.toPlainText()


def test_the_shaded_lines_are_the_backward_pass():
    from engine.backends.codes import listing

    assert shaded_lines(listing("autograd").source) == ["loss.backward()"]
    assert shaded_lines(listing("torch").source) == [
        "grad_w2 = h_relu.t().mm(grad_y_pred)", "grad_h_relu = grad_y_pred.mm(w2.t())",
        "grad_w1 = x.t().mm(grad_h)"]
    assert len(shaded_lines(listing("numpy").source)) == 6  # folded (3) and plain (3)


def test_without_pytorch_its_codes_are_disabled_and_say_why(qtbot, monkeypatch):
    monkeypatch.setattr(devices, "torch_installed", lambda: False)
    panel = ParameterPanel()
    qtbot.addWidget(panel)
    combo = panel.code_combo
    for code in ("torch", "autograd"):
        index = combo.findData(code)
        assert not combo.model().item(index).isEnabled()
        assert "uv run --extra torch main.py" in combo.itemData(index, 3)  # ToolTipRole
    panel.set_values({"code": "autograd"})
    assert combo.currentData() == "numpy"


def test_the_run_table_has_a_code_column():
    assert "code" in COLUMNS


@pytest.mark.torch
@pytest.mark.skipif(not HAS_TORCH, reason="PyTorch (the torch extra) is not installed")
def test_an_autograd_run_says_what_its_backward_pass_skipped(window, qtbot):
    window.set_values({**SMALL, "iterations": 200, "code": "autograd", "train": "w2",
                       "threads": 1})
    record = run_and_wait(window, qtbot)
    assert record["status"] == "completed" and record["backward_products"] == 1
    assert window.readout.backward_label.text() == (
        "Backward pass: autograd ran 1 of 3 gradient products: w1 is frozen, so nothing "
        "needs grad_h_relu.")
    table = window.run_table.table
    assert table.item(table.rowCount() - 1, COLUMNS.index("code")).text() == "autograd"


def test_the_tutorials_listing_is_offered_beside_any_code_and_the_trained_one_is_marked(window):
    """Beside loss.backward(), a student expects the tutorial's grad_w2 = h_relu.T.dot(...),
    not the engine's blas.subtract_product(...)."""
    from engine.backends.codes import listing

    view = window.code_view
    window.panel.code_combo.setCurrentIndex(window.panel.code_combo.findData("autograd"))
    view.beside_combo.setCurrentIndex(view.beside_combo.findData("tutorial"))
    text = view.beside.text.toPlainText()
    assert "grad_w2 = h_relu.T.dot(grad_y_pred)" in text and text == listing("tutorial").source
    assert "engine/numerics/reference.py" in view.beside.title.text()
    assert "this code trains when you press Run" in view.chosen.title.text()
    assert "this code trains" not in view.beside.title.text()


def test_with_w1_frozen_its_lines_are_grey_and_say_they_did_not_run(window):
    view = window.code_view
    window.panel.code_combo.setCurrentIndex(window.panel.code_combo.findData("numpy"))
    view.beside_combo.setCurrentIndex(view.beside_combo.findData("torch"))
    window.panel.layer_boxes["w1"].setChecked(False)
    beside = view.beside.text.toPlainText().splitlines()
    grey = view.beside.highlighter.not_run
    assert sorted(beside[i].split("  ←")[0].strip() for i in grey) == sorted([
        "if layers.w1:", "grad_h_relu = grad_y_pred.mm(w2.t())", "grad_h = grad_h_relu.clone()",
        "grad_h[h < 0] = 0", "grad_w1 = x.t().mm(grad_h)", "if layers.w1:",
        "w1 -= learning_rate * grad_w1"])
    assert sum("← not run: w1 is frozen" in line for line in beside) == 2
    document = view.beside.text.document()
    block = document.findBlockByNumber(min(grey))
    formats = block.layout().formats()
    assert formats and all(f.format.foreground().color().name() == "#9a9a9a" for f in formats)
    window.panel.layer_boxes["w1"].setChecked(True)
    assert view.beside.highlighter.not_run == {}
    assert "not run" not in view.beside.text.toPlainText()


def test_long_lines_wrap_instead_of_scrolling(window):
    from PySide6.QtWidgets import QPlainTextEdit

    for pane in (window.code_view.chosen, window.code_view.beside):
        assert pane.text.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
