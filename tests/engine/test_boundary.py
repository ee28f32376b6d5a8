"""engine/ never imports Qt: the window and the command line depend on it, not the reverse."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[2] / "engine"
QT_FREE = (ENGINE, ENGINE.parent / "session")  # the engine, and the window's session models
GUI_MODULES = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "superqt", "qtpy")


def test_no_engine_or_session_source_imports_qt():
    pattern = re.compile(r"^\s*(from|import)\s+(" + "|".join(GUI_MODULES) + r")\b", re.M)
    offenders = [p.name for folder in QT_FREE for p in folder.rglob("*.py")
                 if pattern.search(p.read_text())]
    assert offenders == []


def test_importing_every_engine_and_session_module_loads_no_qt():
    needs = {"cuda_step": "cupy", "gpu": "cupy", "torch_codes": "torch", "mlx_code": "mlx"}
    modules = [".".join(p.relative_to(folder.parent).with_suffix("").parts)
               for folder in QT_FREE for p in folder.rglob("*.py") if p.stem != "__init__"
               and (p.stem not in needs or importlib.util.find_spec(needs[p.stem]))]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = [m for m in sys.modules if m.split('.')[0] in {GUI_MODULES!r}]\n"
        "print(bad)\nsys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ENGINE.parent,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_imports_run_one_way_and_never_in_a_circle():
    """main.py → cli/ and gui/ → session/ → engine/; cli/ and gui/ never import each other,
    the engine neither, and no module-level import cycle (the CPU and GPU trainers had one)."""
    import ast

    root = Path(__file__).resolve().parents[2]
    packages = ("engine", "session", "gui", "cli")
    imports = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if path.stem == "__init__" else parts)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imports[name] = {node.module for node in tree.body
                             if isinstance(node, ast.ImportFrom) and node.module
                             and node.module.split(".")[0] in packages}
    for module, used in imports.items():
        for other in used:
            assert not (module.startswith("engine") and not other.startswith("engine")), \
                (module, other)
            assert not (module.startswith("cli") and other.startswith("gui")), (module, other)
            assert not (module.startswith("gui") and other.startswith("cli")), (module, other)
            assert not (module.startswith("session") and other.split(".")[0] in ("gui", "cli")), \
                (module, other)

    def reaches(start, goal, seen):
        return any(other == goal or (other not in seen and reaches(other, goal, seen | {other}))
                   for other in imports.get(start, ()) if other in imports)

    assert not [m for m in imports if reaches(m, m, {m})]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import "
                           "lint_imports_command; sys.exit(lint_imports_command())"],
                          cwd=tree, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("engine/core/config.py", "import gui.app", "Two front ends over one engine"),
    ("engine/core/result.py", "from engine.tools import race", "The engine in floors"),
    ("engine/numerics/step.py", "import engine.backends.cpu_blas", "The engine in floors"),
    ("gui/compute.py", "import gui.params", "The pipe to the compute process"),
    ("cli/output.py", "import gui.readout", "Two front ends over one engine"),
    ("session/history.py", "import gui.loss_plot", "Two front ends over one engine"),
    ("engine/core/result.py", "import PySide6.QtCore", "The engine and the session import no Qt"),
    ("session/labels.py", "import pyqtgraph", "The engine and the session import no Qt"),
])
def test_the_import_contracts_hold_and_fail_on_an_upward_import(tmp_path, module, line, broken):
    """pyproject's import-linter contracts: kept on the tree as it is, broken by one import
    against them, even one inside a function (where a circle used to hide)."""
    pytest.importorskip("importlinter")
    import shutil

    root = ENGINE.parent
    for name in ("engine", "session", "gui", "cli"):
        shutil.copytree(root / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "pyproject.toml", tmp_path)
    kept = _lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    with open(tmp_path / module, "a", encoding="utf-8") as source:
        source.write(f"\n\ndef _upward():\n    {line}  # noqa\n")
    failed = _lint_imports(tmp_path)
    assert failed.returncode != 0 and broken in failed.stdout and "BROKEN" in failed.stdout


def test_no_import_circle_even_through_imports_inside_functions():
    """backends ↔ torch_codes (watch_threads), devices ↔ threads (run_errors) and explain ↔
    profile (records that embedded prose) were circles hidden in functions' imports."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("engine", "session", "gui", "cli")
    modules = sorted(graph.modules)
    circles = sorted({tuple(sorted((a, b))) for a in modules
                      for b in graph.find_modules_directly_imported_by(a)
                      if b in graph.modules and b != a
                      and graph.chain_exists(importer=b, imported=a)})
    assert circles == []


def test_the_engine_stands_in_at_most_seven_floors():
    """Floors: the longest chain of the engine's subpackages each importing the next (13 floors
    of modules in one flat folder before)."""
    grimp = pytest.importorskip("grimp")
    import functools

    graph = grimp.build_graph("engine")
    packages = {m.split(".")[1] for m in graph.modules if m.count(".") >= 1}
    below = {p: set() for p in packages}
    for module in graph.modules:
        if module.count(".") < 2:
            continue
        for used in graph.find_modules_directly_imported_by(module):
            if used.count(".") >= 1 and used.split(".")[1] != module.split(".")[1]:
                below[module.split(".")[1]].add(used.split(".")[1])

    @functools.cache
    def floor(package: str) -> int:
        return 1 + max((floor(other) for other in below[package]), default=0)

    assert max(floor(p) for p in packages) <= 7, {p: floor(p) for p in packages}
