"""The window in Korean: Qt's catalog complete and built, every text on screen translated (at
start and after a switch), the switch remembered, and the missing-font warning."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from engine.core.language import catalog_path
from gui import language as gui_language
from gui.language import language, text_slots
from session.presets import PRESET_TEXTS, PRESETS_FILE
from tests.conftest import HANGUL, SOURCE_FOLDERS, english_words, format_fields
from tests.gui.conftest import SMALL, open_window, run_and_wait, shut

ROOT = Path(__file__).resolve().parents[2]
def untranslated(window) -> list[str]:
    found = []
    for widget, slot in text_slots(window):
        text = slot.get()
        words = english_words(text) if text else []
        if words:
            found.append(f"{type(widget).__name__} {widget.objectName()} {slot.where}: "
                         f"{words} in {text[:80]!r}")
    return found


def test_english_words_are_found_and_code_is_not():
    assert english_words("학습률(learning rate), w ← w − lr·grad; loss.backward()") == []
    assert english_words("requires_grad=False, `auto`, --lr, engine/numerics/step.py, H100") == []
    assert english_words("<b>완료</b> in 0.3 s") == ["in"]
    assert english_words("Run 실행") == ["Run"]


# --- the catalog ---------------------------------------------------------------------------

def _entries(path: Path) -> dict[tuple[str, str], ElementTree.Element]:
    root = ElementTree.parse(path).getroot()
    return {(c.findtext("name"), m.findtext("source")): m.find("translation")
            for c in root.iter("context") for m in c.iter("message")
            if m.find("translation").get("type") not in ("vanished", "obsolete")}



@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="no pyside6-lupdate")
def test_the_korean_catalog_holds_every_marked_string_finished(tmp_path):
    """lupdate, run afresh on gui/, session/, engine/ and cli/, finds exactly the catalog's
    strings, and each has a finished, non-empty translation with the same fields."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", "-extensions", "py", *SOURCE_FOLDERS, "-ts",
                    str(fresh)], cwd=ROOT, check=True, capture_output=True)
    committed = _entries(catalog_path("ko"))
    assert set(_entries(fresh)) == set(committed)
    for (context, source), translation in committed.items():
        assert translation.get("type") is None and translation.text, (context, source)
        assert format_fields(translation.text) == format_fields(source), source


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="no pyside6-lrelease")
def test_the_committed_qm_is_the_catalog_compiled(tmp_path):
    built = tmp_path / "built.qm"
    subprocess.run(["pyside6-lrelease", str(catalog_path("ko")), "-qm", str(built)],
                   check=True, capture_output=True)
    assert built.read_bytes() == catalog_path("ko", ".qm").read_bytes(), \
        "run pyside6-lrelease (resources/i18n/README.md)"


def test_the_presets_texts_are_marked_as_the_file_has_them():
    presets = json.loads(PRESETS_FILE.read_text(encoding="utf-8"))
    assert list(PRESET_TEXTS) == [t for n, p in presets.items() for t in (n, p["description"])]


# --- the window ----------------------------------------------------------------------------

@pytest.fixture
def english_again():
    yield
    language().set("en")


@pytest.fixture
def hangul(qapp):
    """The Korean walks need a font for Hangul (Qt asks fontconfig once an application
    exists); without one the window warns instead (a test of its own)."""
    if gui_language.hangul_font_missing():
        pytest.skip("no font covers Hangul here (CI installs fonts-nanum)")


def test_a_window_opened_in_korean_shows_no_english(qtbot, settings, shared_compute,
                                                    english_again, hangul):
    window = open_window(qtbot, settings, shared_compute, lang="ko")
    try:
        assert window.run_button.text() == "실행"
        assert window.tabs.tabText(4) == "학습률 스윕"
        assert untranslated(window) == []
    finally:
        shut(window, qtbot)


def test_switching_at_runtime_retranslates_everything_and_back(window, qtbot, english_again,
                                                              hangul):
    """A run with diagnostics first (readout, legend, diagnostics plots, the explanation),
    then View → Language → 한국어, then English again."""
    window.set_values({**SMALL, "learning_rate": 0.02, "iterations": 40, "diagnostics": True})
    run_and_wait(window, qtbot)
    explanation = window.readout.explanation_label.text()
    assert explanation and not HANGUL.search(explanation)
    window.language_ko_action.trigger()
    assert window.language_ko_action.isChecked() and not window.language_en_action.isChecked()
    assert untranslated(window) == []
    korean = window.readout.explanation_label.text()
    assert HANGUL.search(korean)
    # The same numbers, in the order each language's sentences put them.
    assert sorted(re.findall(r"\d+(?:\.\d+)?", korean)) == \
        sorted(re.findall(r"\d+(?:\.\d+)?", explanation))
    assert HANGUL.search(window.status_label.text())
    window.language_en_action.trigger()
    shown = [slot.get() for _w, slot in text_slots(window)]
    assert not [t for t in shown if HANGUL.search(t) and t != "한국어"]
    assert window.readout.explanation_label.text() == explanation


def test_the_choice_is_remembered_and_lang_applies_to_one_launch(qtbot, tmp_path,
                                                                 shared_compute, english_again,
                                                                 hangul):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = open_window(qtbot, settings, shared_compute, lang=None)
    first.language_ko_action.trigger()
    shut(first, qtbot)
    assert settings.value("language") == "ko"
    second = open_window(qtbot, settings, shared_compute, lang=None)
    assert second.run_button.text() == "실행" and second.language_ko_action.isChecked()
    shut(second, qtbot)
    third = open_window(qtbot, settings, shared_compute, lang="en")  # --lang en: this launch
    assert third.run_button.text() == "Run"
    shut(third, qtbot)
    assert settings.value("language") == "ko"


def test_without_a_hangul_font_the_window_warns_once_in_english(qapp, monkeypatch,
                                                              english_again):
    monkeypatch.setattr(gui_language, "hangul_font_missing", lambda: True)
    chosen = language()
    chosen.font_warning = ""
    chosen.set("ko")
    warning = chosen.font_warning
    assert "fonts-nanum" in warning and "English" in warning and not HANGUL.search(warning)
    chosen.set("en")
    chosen.set("ko")
    assert chosen.font_warning == warning  # once: the same words, not a second one


def test_the_window_offers_english_where_no_font_covers_hangul(qtbot, settings, shared_compute,
                                                               monkeypatch, english_again):
    monkeypatch.setattr(gui_language, "hangul_font_missing", lambda: True)
    language().font_warning = ""
    window = open_window(qtbot, settings, shared_compute, lang="ko")
    try:
        qtbot.waitUntil(lambda: window.font_dialog is not None and window.font_dialog.isVisible())
        assert "fonts-nanum" in window.font_dialog.text()
        english = next(b for b in window.font_dialog.buttons() if b.text() == "Switch to English")
        english.click()
        assert language().code == "en" and window.run_button.text() == "Run"
        assert settings.value("language") == "en"
    finally:
        window.font_dialog.close()
        shut(window, qtbot)


def test_qts_own_dialogs_speak_korean_too(qapp, english_again):
    """qtbase_ko.qm: the standard buttons and the file dialog."""
    from PySide6.QtCore import QCoreApplication

    language().set("ko")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    assert QCoreApplication.translate("QFileDialog", "File &name:").startswith("파일 이름")
    language().set("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
