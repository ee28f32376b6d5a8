"""Shared test set-up. No Qt here: tests/engine must run where PySide6 is absent."""

import os
import re
import string
import subprocess
import sys
from pathlib import Path

# Before any Qt import anywhere in the session: render offscreen, no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# The small run most tests train: fast, and still the tutorial's algorithm.
SMALL = {"n": 8, "d_in": 16, "hidden": 8, "d_out": 2}
SMALL_OPTIONS = ["--n", "8", "--d-in", "16", "--hidden", "8", "--d-out", "2"]


HANGUL = re.compile("[\uac00-\ud7a3]")  # a Korean syllable


def format_fields(text: str) -> list:
    """A template's {fields} with their conversions and format specifications, sorted: a
    translation must carry the same ones as its source."""
    return sorted((f[1], f[2], f[3]) for f in string.Formatter().parse(text) if f[1] is not None)


def loss_differences(losses, reference) -> tuple[float, float]:
    """The equality rule for two trainings of one draw: max over t of |ΔL_t| / max(L_0, |L_t|)
    (late losses, orders of magnitude below L_0, are dominated by cancellation), and the
    largest plain relative difference over the first 100 iterations."""
    import numpy as np

    difference = np.abs(np.asarray(losses) - reference)
    whole = float(np.max(difference / np.maximum(reference[0], np.abs(reference))))
    first = float(np.max(difference[:100] / np.abs(reference[:100])))
    return whole, first


def no_gpu() -> bool:
    """True where CuPy cannot use a GPU here (the probe answers once per process)."""
    from engine.devices import probe_gpu

    return not probe_gpu().available


def main_process(argv: list[str], tmp_path: Path, env: dict | None = None, timeout: float = 120,
                 **options) -> subprocess.CompletedProcess:
    """main.py in a subprocess, offscreen, with settings of its own: XDG_CONFIG_HOME points
    into tmp_path, so that a window started there never reads or writes the user's QSettings."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                   "XDG_CONFIG_HOME": str(tmp_path / "config"), **(env or {})}
    return subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=timeout, **options)
