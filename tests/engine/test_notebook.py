"""Export for Colab: the notebook and the script reproduce the run on another machine and
write a record that imports here. Executed headless on this CPU-only machine (nbclient and a
kernel are dev dependencies); the GPU lanes run where a GPU is (tests marked gpu)."""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from engine.core.config import RunConfig
from engine.core.measure import MIN_PAIRS
from engine.core.problem import draw_problem, draw_sha256
from engine.core.result import RecordError, read_records
from engine.numerics.reference import tutorial_loop
from engine.tools.notebook import RECORD_FILE, notebook, write_notebook, write_script
from tests.conftest import SMALL, loss_differences

CONFIG = RunConfig(**SMALL, iterations=60, seed=3)
# The notebook needs nbformat, and running it nbclient and a kernel (dev dependencies). Where
# they are absent (the GPU machine), the script's tests still run: the same cells, plain Python.
needs_nbformat = pytest.mark.skipif(importlib.util.find_spec("nbformat") is None,
                                    reason="nbformat is not installed")
needs_jupyter = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("nbformat", "nbclient",
                                                            "ipykernel")),
    reason="nbformat, nbclient or ipykernel is not installed")


def oracle(config: RunConfig) -> np.ndarray:
    p = draw_problem(config)
    return tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations,
                         layers=config.layers)


def execute(path, folder) -> str:
    """Run the notebook headless in `folder`; what its cells printed."""
    import nbformat
    from nbclient import NotebookClient

    made = nbformat.read(str(path), as_version=4)
    NotebookClient(made, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return "".join(output.get("text", "") for cell in made.cells if cell.cell_type == "code"
                   for output in cell.get("outputs", []))


def record_of(folder) -> dict:
    return json.loads((folder / RECORD_FILE).read_text())


def check_cpu_lane(folder, config: RunConfig, method: str) -> list:
    record = record_of(folder)
    assert record["draw"] == {"method": method, "sha256": draw_sha256(draw_problem(config))}
    results = read_records((folder / RECORD_FILE).read_text())
    cpu = results[0]
    assert (cpu.config.code, cpu.config.device) == ("numpy", "cpu")
    assert cpu.status == "completed" and cpu.iterations_completed == config.iterations
    whole, first = loss_differences(cpu.losses, oracle(config))
    assert whole <= 1e-12 and first <= 1e-10
    assert len(cpu.repeat_seconds) == MIN_PAIRS and all(s > 0 for s in cpu.repeat_seconds)
    assert cpu.device_info["machine_label"] and cpu.device_info["different_draw"] is False
    assert cpu.device_info["machine"]["cores"] >= 1
    return results


@needs_nbformat
def test_the_notebook_validates_and_asks_colab_for_a_gpu(tmp_path):
    import nbformat

    path = write_notebook(CONFIG, tmp_path / "run.ipynb")
    made = nbformat.read(str(path), as_version=4)
    nbformat.validate(made)
    assert made.metadata["accelerator"] == "GPU"
    sources = "\n".join(cell.source for cell in made.cells)
    # the tutorial's own lines, not a call into a hidden library
    assert "grad_h[h < 0] = 0" in sources and "loss.backward()" in sources
    assert "engine" not in sources.replace("Backprop Lab", "")


@needs_jupyter
def test_the_notebook_runs_headless_and_its_cpu_lane_equals_the_oracle(tmp_path):
    printed = execute(write_notebook(CONFIG, tmp_path / "run.ipynb"), tmp_path)
    assert "its SHA-256 equals the app's" in printed
    results = check_cpu_lane(tmp_path, CONFIG, "hash")
    assert [r.config.device for r in results] == ["cpu"]  # no GPU here


@needs_jupyter
def test_where_the_seed_draws_otherwise_the_embedded_arrays_are_used(tmp_path):
    """A fingerprint no draw has stands for another NumPy build: the notebook says so and
    trains on the arrays it carries, which are the app's."""
    printed = execute(write_notebook(CONFIG, tmp_path / "run.ipynb", force_embedded=True),
                      tmp_path)
    assert "the arrays embedded in this notebook are used" in printed
    check_cpu_lane(tmp_path, CONFIG, "embedded")


@needs_jupyter
def test_a_gpu_run_s_notebook_without_a_gpu_says_so_in_one_line_and_runs_the_cpu_lane(
        tmp_path):
    gpu = RunConfig(**SMALL, iterations=40, device="gpu", dtype="tf32")  # a GPU-only dtype
    printed = execute(write_notebook(gpu, tmp_path / "run.ipynb"), tmp_path)
    hints = [line for line in printed.splitlines() if "Change runtime type" in line]
    assert hints == ["No GPU is attached, so only the CPU lane runs. For the GPU lanes: "
                     "Runtime → Change runtime type → GPU, then run all cells again."]
    (cpu,) = read_records((tmp_path / RECORD_FILE).read_text())
    assert cpu.config.device == "cpu" and cpu.config.dtype == "float32"
    reference = oracle(RunConfig(**SMALL, iterations=40))
    assert np.max(np.abs(cpu.losses - reference) / reference[0]) < 1e-4


@pytest.mark.parametrize("embedded", [False, True], ids=["hash", "embedded"])
def test_the_script_does_the_same_without_jupyter(tmp_path, embedded):
    path = write_script(CONFIG, tmp_path / "run.py", force_embedded=embedded)
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = check_cpu_lane(tmp_path, CONFIG, "embedded" if embedded else "hash")
    assert results[0].device_info["machine"]["place"] == "Python"


def test_a_diverging_run_ends_at_the_engine_s_iteration(tmp_path):
    from engine.run.train import train

    config = RunConfig(n=64, d_in=1000, hidden=100, d_out=10, learning_rate=4e-6,
                       iterations=100)
    done = subprocess.run([sys.executable, str(write_script(config, tmp_path / "run.py"))],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (cpu,) = read_records((tmp_path / RECORD_FILE).read_text())
    engine = train(config)
    assert cpu.status == engine.status == "diverged" and cpu.diverged_at == engine.diverged_at


@needs_nbformat
def test_the_korean_notebook_speaks_korean():
    from engine.core import language

    language.use("ko")
    try:
        made = notebook(CONFIG)
    finally:
        language.use("en")
    markdown = [cell.source for cell in made.cells if cell.cell_type == "markdown"]
    assert all(any("\uac00" <= ch <= "\ud7a3" for ch in text) for text in markdown)


# --- the record, brought home ------------------------------------------------------------


@pytest.fixture(scope="module")
def record_text(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("notebook")
    path = write_script(CONFIG, folder / "run.py")
    subprocess.run([sys.executable, str(path)], cwd=folder, check=True, capture_output=True,
                   timeout=120)
    return (folder / RECORD_FILE).read_text()


def test_a_record_of_another_draw_still_imports_marked(record_text):
    record = json.loads(record_text)
    record["draw"]["sha256"] = "f" * 64
    (result,) = read_records(json.dumps(record))
    assert result.device_info["different_draw"] is True


@pytest.mark.parametrize("version", [2, 0, "1"])
def test_a_record_of_another_version_is_refused_naming_it(record_text, version):
    record = json.loads(record_text)
    record["version"] = version
    with pytest.raises(RecordError) as refused:
        read_records(json.dumps(record))
    words = str(refused.value)
    assert "\n" not in words and f"version {version} of the backprop-lab-notebook" in words


@pytest.mark.parametrize(("field", "value", "words"), [
    ("loop_seconds", float("inf"), "negative or non-finite time"),
    ("repeat_seconds", [0.1, float("nan")], "negative or non-finite time"),
    ("iterations_completed", -3, "negative or non-finite"),
    ("losses", [1.0, 2.0], "2 losses for 60 iterations"),
])
def test_a_tampered_record_is_refused_in_one_line(record_text, field, value, words):
    record = json.loads(record_text)
    record["runs"][0][field] = value
    with pytest.raises(RecordError) as refused:
        read_records(json.dumps(record))
    assert words in str(refused.value) and "\n" not in str(refused.value)


def test_an_unwritable_path_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    from cli.main import main
    from engine.tools import notebook as module

    monkeypatch.setattr(module, "notebook", lambda *a, **k: pytest.fail("work was done"))
    assert main(["export-notebook", "--out", str(tmp_path / "missing" / "run.ipynb")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("main.py: error: --out: the folder") and "\n" not in err
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not os.access(locked, os.W_OK):  # root writes anyway
            assert main(["export-notebook", "--out", str(locked / "run.ipynb")]) == 2
            assert "permission denied" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)
    assert main(["export-script", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


# --- a lane from another machine in the race -----------------------------------------------


def elsewhere_run(seconds, iterations=60, label="Colab · Tesla T4"):
    from dataclasses import replace

    from engine.run.train import train

    run = train(RunConfig(**SMALL, iterations=iterations))
    return replace(run, loop_seconds=float(np.median(seconds)), repeat_seconds=list(seconds),
                   device_info={"device": "gpu", "lane": "GPU (CuPy, the tutorial's port)",
                                "machine_label": label, "machine": {}})


def test_a_race_beside_a_lane_from_elsewhere_says_it_was_measured_apart():
    from engine.tools.race import Target, race

    run = elsewhere_run([1e-6, 2e-6, 3e-6])  # far faster than any CPU here: no overlap
    result = race(RunConfig(**SMALL, iterations=60), (Target("this machine's CPU", "cpu"),),
                  repeats=3, elsewhere=("GPU, Colab · Tesla T4", run))
    assert [lane.apart for lane in result.lanes] == [False, True]
    assert result.comparisons == []
    (verdict,) = result.verdicts
    here, label = result.lanes[0].timing, result.lanes[0].label  # "… CPU (1)": its threads
    assert verdict == (
        f"GPU, Colab · Tesla T4 ran on Colab · Tesla T4 and {label} on this machine, "
        "measured apart: their loop times only, not alternated pairs; GPU, Colab · Tesla T4 was "
        f"faster: 2e-06 s (1e-06–3e-06) against {here.format()}, "
        f"{here.median / 2e-6:.3g}× by the medians")
    record = result.to_dict()
    assert record["verdict"] == verdict and record["measured_apart"] == [verdict]
    assert result.largest_relative_difference < 1e-12  # the same curve: the same draw


def test_overlapping_times_from_elsewhere_give_no_winner_and_unequal_work_no_comparison():
    from engine.run.train import train
    from engine.tools.race import Lane, Target, measured_apart

    here_run = train(RunConfig(**SMALL, iterations=60))
    here = Lane(Target("here", "cpu"), [here_run])
    wide = elsewhere_run([here_run.loop_seconds / 10, here_run.loop_seconds * 10])
    assert "no clear winner: their ranges overlap" in measured_apart(
        here, Lane(Target("there", "gpu"), [wide], apart=True))
    short = elsewhere_run([1.0], iterations=30)
    assert "not compared: they did not complete the same iterations" in measured_apart(
        here, Lane(Target("there", "gpu"), [short], apart=True))


# --- on a GPU (as on Colab's GPU runtime): the CuPy and PyTorch lanes -----------------------


def _gpu_here() -> bool:
    from engine.machine.devices import probe_gpu

    return probe_gpu().available


def run_script(config: RunConfig, folder) -> str:
    """The exported script run with plain Python in `folder`; what it printed."""
    done = subprocess.run([sys.executable, str(write_script(config, folder / "run.py"))],
                          cwd=folder, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.gpu
@pytest.mark.skipif(not _gpu_here(), reason="no GPU CuPy can use here")
@pytest.mark.parametrize("form", [
    pytest.param("notebook", marks=needs_jupyter),
    "script",  # needs no Jupyter: it runs on the GPU machine as it stands
])
def test_on_a_gpu_the_notebook_runs_every_lane_equal_to_the_oracle(tmp_path, form):
    config = RunConfig(n=64, d_in=1000, hidden=100, d_out=10, iterations=500)
    printed = (execute(write_notebook(config, tmp_path / "run.ipynb"), tmp_path)
               if form == "notebook" else run_script(config, tmp_path))
    assert "Change runtime type" not in printed
    results = read_records((tmp_path / RECORD_FILE).read_text())
    lanes = {(r.config.code, r.config.device) for r in results}
    assert ("numpy", "gpu") in lanes  # CuPy's port; PyTorch's where it has CUDA
    reference = oracle(config)
    for result in results:
        assert result.status == "completed"
        whole, _first = loss_differences(result.losses, reference)
        assert whole <= 1e-9, (result.device_info["lane"], whole)
        assert result.device_info["machine"]["gpu_name"]
    print("\n" + printed)  # the lanes' times, for the note (pytest -s)


def test_a_draw_too_large_to_carry_trains_on_that_numpy_s_draw_and_says_so(tmp_path):
    """Past the limit the notebook carries no arrays: where the seed draws otherwise there,
    it trains on its own draw, says so, and the record imports marked 'different draw'."""
    path = write_script(CONFIG, tmp_path / "run.py", force_embedded=True, embed_limit=100)
    assert 'EMBEDDED_DRAW = ""' in path.read_text()
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "too large to carry in this notebook" in done.stdout
    (cpu,) = read_records((tmp_path / RECORD_FILE).read_text())
    assert record_of(tmp_path)["draw"]["method"] == "other"
    # the stand-in fingerprint forced the fallback; the arrays are this NumPy's own draw, which
    # here is the app's: its hash matches, so no 'different draw'
    assert cpu.device_info["different_draw"] is False
    assert loss_differences(cpu.losses, oracle(CONFIG))[0] <= 1e-12


def test_a_record_whose_draw_is_too_large_to_redo_is_not_checked(record_text, monkeypatch):
    from engine.core import result as result_module

    monkeypatch.setattr(result_module, "DRAW_CHECK_LIMIT", 100)
    (result,) = read_records(record_text)
    assert result.device_info["different_draw"] is None
