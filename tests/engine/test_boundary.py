"""engine/ never imports Qt: the window and the command line depend on it, not the reverse."""

import re
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "engine"
GUI_MODULES = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "superqt", "qtpy")


def test_no_engine_source_imports_qt():
    pattern = re.compile(r"^\s*(from|import)\s+(" + "|".join(GUI_MODULES) + r")\b", re.M)
    offenders = [p.name for p in ENGINE.glob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_importing_every_engine_module_loads_no_qt():
    modules = [f"engine.{p.stem}" for p in ENGINE.glob("*.py")
               if p.stem not in ("__init__", "cuda_step", "gpu_trainer")]  # these need CuPy
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = [m for m in sys.modules if m.split('.')[0] in {GUI_MODULES!r}]\n"
        "print(bad)\nsys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ENGINE.parent,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
