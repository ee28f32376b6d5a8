"""Shared test set-up. No Qt here: tests/engine must run where PySide6 is absent."""

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

# Before any Qt import anywhere in the session: render offscreen, no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# The small run most tests train: fast, and still the tutorial's algorithm.
SMALL = {"n": 8, "d_in": 16, "hidden": 8, "d_out": 2}
SMALL_OPTIONS = ["--n", "8", "--d-in", "16", "--hidden", "8", "--d-out", "2"]
# The packages whose sentences the catalog holds (pyside6-lupdate's folders).
SOURCE_FOLDERS = ("gui", "session", "engine", "cli")


from engine.core.language import LANGUAGE_NAMES  # noqa: E402  (after the path above)
from session.store import DATA_ENV  # noqa: E402


@pytest.fixture(autouse=True)
def kept_sessions_folder(tmp_path_factory, monkeypatch):
    """Every test keeps its windows' sessions in a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("sessions")
    monkeypatch.setenv(DATA_ENV, str(folder))
    return folder

HANGUL = re.compile("[\uac00-\ud7a3]")  # a Korean syllable


# What Korean text keeps in Latin letters: the list (sizes, devices, libraries, dtype
# names, file formats), units and symbols, key names, and proper names of products and of the
# tutorial's listings.
ALLOWED = {
    "N", "H", "D_in", "D_out", "CPU", "GPU", "NumPy", "CuPy", "PyTorch", "ReLU", "BLAS",
    "dtype", "JSON", "CSV", "PNG", "s", "ms", "min", "MFLOP", "GFLOP", "GB", "lr", "x", "y",
    "t", "h", "w", "k", "Ctrl", "Esc", "Delete", "Home", "F", "Backprop", "Lab", "TensorBoard",
    "TensorFloat", "CUDA", "cuBLAS", "Colab", "NVIDIA", "Tensors", "Autograd", "autograd", "torch",
    "numpy", "auto", "port", "fused", "graph", "both", "cpu", "gpu", "grad", "code",
    "MLX", "mlx", "Metal", "MPS", "cuda",  # MLX, its extras (mlx, mlx-cuda), Apple's GPU APIs
    *LANGUAGE_NAMES.values(),  # each language's own name, on the View → Language menu
}
CODE = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|--[\w-]+|\S*[\w)]\.[\w(]\S*|\S*_\S*|\S*\d\S*"
                  r"|\w+\(\)|\S+=\S+|<[^>]+>|\w+\+\w+")
GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])\((learning rate|loss|Backpropagation)\)")


def english_words(text: str) -> list[str]:
    """Latin words a Korean reader would meet untranslated (code, glosses, names allowed)."""
    from engine.machine.devices import MLX_EXTRA, TORCH_EXTRA, cpu_info

    for name in (cpu_info()["cpu_model"], cpu_info()["blas"], cpu_info()["blas"].split()[0],
                 TORCH_EXTRA, MLX_EXTRA):  # this machine's processor and BLAS, commands to type
        text = text.replace(name, "")
    text = GLOSS.sub("", re.sub(r"\(&?[A-Z]\)|&", "", text))  # 파일(&F): the accelerator
    text = CODE.sub(" ", text)
    return [word for word in re.findall(r"[A-Za-z]+", text) if word not in ALLOWED]


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
    from engine.machine.devices import probe_gpu

    return not probe_gpu().available


def main_process(argv: list[str], tmp_path: Path, env: dict | None = None, timeout: float = 120,
                 **options) -> subprocess.CompletedProcess:
    """main.py in a subprocess, offscreen, with settings of its own: XDG_CONFIG_HOME points
    into tmp_path, so that a window started there never reads or writes the user's QSettings."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                   "XDG_CONFIG_HOME": str(tmp_path / "config"), **(env or {})}
    return subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=timeout, **options)
