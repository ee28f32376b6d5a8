"""Shared test set-up. No Qt here: tests/engine must run where PySide6 is absent."""

import os
import sys
from pathlib import Path

# Before any Qt import anywhere in the session: render offscreen, no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
