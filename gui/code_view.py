"""The Code tab: the loop the chosen code runs, from the file that runs it (engine.backends.codes),
beside another code's, so that a lecturer can point at loss.backward() beside the hand-written
grad_w1 = x.T·grad_h. Highlighted: Python's keywords, comments, and the lines of the backward
pass (its products and loss.backward())."""

from __future__ import annotations

import keyword
import re

from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from engine.backends.codes import LISTINGS, NAMES, listing, not_run_lines
from engine.core.config import BOTH, Layers
from gui.language import follow_language, translate

# What the backward pass computes, in each code's words: its products and autograd's call.
BACKWARD = re.compile(r"\bgrad_(?:w1|w2|h_relu)\b\s*=|matmul\(ws\.(?:h_relu\.T|grad_y_pred|x_t)"
                      r"|subtract_product\(p\.|\.backward\(\)")
BASE_POINT_SIZE = 11


def _format(color: str, bold: bool = False, background: str | None = None) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setForeground(QColor(color))
    if bold:
        text_format.setFontWeight(QFont.Weight.Bold)
    if background:
        text_format.setBackground(QColor(background))
    return text_format


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, strings, comments, a band behind each backward-pass line, and grey for the
    lines that do not run (a frozen layer's blocks: `not_run`, by line number)."""

    KEYWORD = _format("#1f4e9c", bold=True)
    STRING = _format("#2e7d32")
    COMMENT = _format("#777777")
    BACKWARD_LINE = _format("#000000", background="#fff1c4")
    NOT_RUN = _format("#9a9a9a", background="#eeeeee")
    WORDS = re.compile(r"\b(?:" + "|".join(keyword.kwlist) + r")\b")
    STRINGS = re.compile(r"\"\"\"[^\"]*(?:\"\"\")?|\"[^\"\n]*\"|'[^'\n]*'")

    def __init__(self, document):
        super().__init__(document)
        self.not_run: dict[int, str] = {}

    def highlightBlock(self, text: str) -> None:
        if self.currentBlock().blockNumber() in self.not_run:
            self.setFormat(0, len(text), self.NOT_RUN)
            return
        if BACKWARD.search(text):
            self.setFormat(0, len(text), self.BACKWARD_LINE)
        for match in self.WORDS.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.KEYWORD)
        for match in self.STRINGS.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.STRING)
        comment = text.find("#")
        if comment >= 0 and text[:comment].count('"') % 2 == 0:
            self.setFormat(comment, len(text) - comment, self.COMMENT)


class ListingPane(QWidget):
    """One code's listing: its title and file above, the source below (read-only)."""

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName(f"{object_name}_title")
        self.title.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName(object_name)
        self.text.setReadOnly(True)
        # Long lines wrap at the pane's edge instead of hiding behind a scroll bar.
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = PythonHighlighter(self.text.document())
        self.code = ""
        self.layers = BOTH
        self.trains = False  # the code that runs when Run is pressed

    def show_code(self, code: str, layers: Layers | None = None,
                  trains: bool | None = None) -> None:
        layers = self.layers if layers is None else layers
        trains = self.trains if trains is None else trains
        if (code, layers, trains) == (self.code, self.layers, self.trains):
            return
        self.code, self.layers, self.trains = code, layers, trains
        shown = listing(code)
        mark = (" · <span style='color:#2e7d32'>" + translate("code_view", "this code trains "
                                                                          "when you press Run")
                + "</span>") if trains else ""
        self.title.setText(f"<b>{translate('codes', shown.title)}</b> — {shown.path}{mark}")
        skipped = not_run_lines(shown.source, layers)
        lines = shown.source.splitlines()
        for index, layer in skipped.items():  # said once, on each skipped block's `if` line
            if index - 1 not in skipped:
                lines[index] += "  ← " + translate("code_view", "not run: {layer} is "
                                                                "frozen").format(layer=layer)
        self.highlighter.not_run = skipped
        self.text.setPlainText("\n".join(lines))


class CodeView(QWidget):
    """The chosen code (the panel's code setting) on the left, another on the right."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("code_view")
        self.chosen = ListingPane("code_listing")
        self.beside = ListingPane("code_beside_listing")
        self.beside_combo = QComboBox()
        self.beside_combo.setObjectName("code_beside_combo")
        for code in LISTINGS:
            self.beside_combo.addItem(translate("codes", NAMES[code]), code)
        self.beside_combo.setToolTip(translate("code_view", "The code shown on the right, to "
                                                            "compare with the one the Code "
                                                            "setting chooses (on the left)"))
        self.beside_combo.currentIndexChanged.connect(self._on_beside_chosen)
        note = QLabel(translate("code_view", "Shaded lines: the backward pass (the gradient "
                                             "products, or loss.backward()); grey lines do not "
                                             "run, their layer being frozen. The source is read "
                                             "from the files that run; the tutorial's listing is "
                                             "the one the tests run as the oracle."))
        note.setObjectName("code_note")
        note.setWordWrap(True)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(translate("code_view", "The code that trains (the Code "
                                                     "setting)")), 0, 0)
        grid.addWidget(self.beside_combo, 0, 1)
        grid.addWidget(self.chosen.title, 1, 0)
        grid.addWidget(self.beside.title, 1, 1)
        grid.addWidget(self.chosen.text, 2, 0)
        grid.addWidget(self.beside.text, 2, 1)
        grid.addWidget(note, 3, 0, 1, 2)
        grid.setRowStretch(2, 1)
        self.follow("numpy")
        self.set_scale(1.0)
        follow_language(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        for pane in (self.chosen, self.beside):
            code, pane.code = pane.code, ""
            pane.show_code(code)

    def _on_beside_chosen(self) -> None:
        code = self.beside_combo.currentData()
        self.beside.show_code(code, self.chosen.layers, code == self.chosen.code)

    def follow(self, code: str, layers: Layers = BOTH) -> None:
        """Show `code` on the left, greyed where `layers` freezes a layer; the right shows the
        hand-written engine beside a PyTorch code, and autograd beside the engine, unless the
        user chose otherwise."""
        self.chosen.show_code(code, layers, trains=True)
        if self.beside.code in ("", self.chosen.code):
            other = "autograd" if code == "numpy" else "numpy"
            self.beside_combo.setCurrentIndex(self.beside_combo.findData(other))
        self.beside.show_code(self.beside_combo.currentData(), layers,
                              self.beside_combo.currentData() == code)

    def set_scale(self, scale: float) -> None:
        for pane in (self.chosen, self.beside):
            font = pane.text.font()
            font.setPointSizeF(BASE_POINT_SIZE * scale)
            pane.text.setFont(font)
        self.setStyleSheet(f"QLabel, QComboBox {{ font-size: {round(13 * scale)}px; }}")


def shaded_lines(text: str) -> list[str]:
    """The lines the view shades as the backward pass (for tests and the README)."""
    return [line.strip() for line in text.splitlines() if BACKWARD.search(line)]

