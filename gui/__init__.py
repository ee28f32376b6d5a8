"""Backprop Lab's window. PySide6 is imported before pyqtgraph so that pyqtgraph binds to it."""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
import PySide6  # noqa: E402,F401
