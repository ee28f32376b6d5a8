"""Edges of the command line a new user hits: each refused in one line with exit 2, or done as
asked, nothing silently dropped; run records read back, the BLAS and the presets' words."""

import json
from pathlib import Path

import pytest

import main
from engine.machine.devices import probe_gpu
from tests.conftest import SMALL_OPTIONS

ROOT = Path(__file__).resolve().parents[2]
NO_GPU = pytest.mark.skipif(probe_gpu().available, reason="a GPU is present here")


def call(argv, capsys):
    try:
        code = main.main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@NO_GPU
@pytest.mark.parametrize("command", ["sweep-lr", "race", "run"])
def test_a_gpu_asked_for_without_one_is_refused_in_one_line(command, capsys):
    code, _, err = call([command, "--device", "gpu", *SMALL_OPTIONS, "--iterations", "10"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "--device" in err and "Traceback" not in err


def test_negative_numbers_are_values_refused_as_negative(capsys):
    code, _, err = call(["run", "--lr", "-1e-6"], capsys)
    assert code == 2 and "--lr: must be positive, got -1e-06" in err
    code, _, err = call(["run", "--n", "-5"], capsys)
    assert code == 2 and "--n: must be at least 1, got -5" in err


def test_options_before_the_subcommand_apply(tmp_path, capsys):
    path = tmp_path / "r.json"
    code, _, _ = call(["--lr", "1e-3", "--json", str(path), "run", *SMALL_OPTIONS, "--iterations",
                       "20"], capsys)
    assert code == 0
    record = json.loads(path.read_text())
    assert record["config"]["learning_rate"] == 1e-3 and record["config"]["iterations"] == 20
    code, _, err = call(["--autorun", "run"], capsys)
    assert code == 2 and "--autorun is a window option" in err


def test_a_run_too_long_to_store_names_the_iterations(capsys):
    # 800 GB of losses: more memory than any machine here has (80 GB fit on a GPU host).
    code, _, err = call(["run", "--iterations", "100000000000"], capsys)
    assert code == 2 and "losses of 100,000,000,000 iterations" in err
    assert "reduce the iterations" in err and "D_in" not in err
    code, _, err = call(["run", "--d-in", "1000000000"], capsys)
    assert code == 2 and "reduce N, D_in, H or D_out" in err


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
@NO_GPU
def test_race_applies_or_refuses_threads(capsys):
    code, _, err = call(["race", "--threads", "1", *SMALL_OPTIONS], capsys)
    assert code == 2 and "--threads" in err
    code, out, _ = call(["race", "--threads", "2", *SMALL_OPTIONS, "--iterations", "30",
                         "--repeats", "3"], capsys)
    assert code == 0 and "CPU, 2 threads" in out
    code, out, _ = call(["race", "--compare", "dtype", "--threads", "1", *SMALL_OPTIONS,
                         "--iterations", "30"], capsys)
    assert code == 0 and "CPU float64, 1 thread" in out and "CPU float32, 1 thread" in out


def test_a_sweep_where_nothing_diverges_says_so(capsys):
    code, out, _ = call(["sweep-lr", *SMALL_OPTIONS, "--iterations", "50", "--lr-min", "1e-10",
                         "--lr-max", "1e-9", "--count", "2"], capsys)
    assert code == 0
    assert "No rate up to 1e-09 diverged: the threshold lies above the range" in out
    assert "0.00×" not in out and "below the observed threshold" not in out


def test_no_gpu_at_all_is_said_before_a_missing_cupy(tmp_path):
    """Issue 19: on a machine with no GPU the reason was "CuPy is not installed"."""
    from engine.machine.devices import (
        NO_CUPY,
        NO_NVIDIA_GPU,
        missing_gpu_reason,
        nvidia_gpu_present,
    )

    assert missing_gpu_reason(cupy_importable=False, gpu_present=False) == NO_NVIDIA_GPU
    assert missing_gpu_reason(cupy_importable=True, gpu_present=False) == NO_NVIDIA_GPU
    assert missing_gpu_reason(cupy_importable=False, gpu_present=True) == NO_CUPY
    assert missing_gpu_reason(cupy_importable=False, gpu_present=None) == NO_CUPY
    assert missing_gpu_reason(cupy_importable=True, gpu_present=True) == ""
    import sys

    if sys.platform != "linux":
        return
    assert nvidia_gpu_present(tmp_path) is False  # nothing of NVIDIA's here
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "dxg").touch()
    assert nvidia_gpu_present(tmp_path) is None  # WSL: the driver's files do not say
    gpus = tmp_path / "proc" / "driver" / "nvidia" / "gpus" / "0000:01:00.0"
    gpus.mkdir(parents=True)
    assert nvidia_gpu_present(tmp_path) is True


def test_run_records_are_read_back_and_foreign_files_refused():
    """Issue 19's Import: our records (one, or the window's list) read back typed; anything
    else is refused whole, in one line."""
    import json

    import pytest

    from engine import RunConfig
    from engine.core.result import RecordError, read_records
    from engine.run.train import train

    record = train(RunConfig(n=8, d_in=16, hidden=8, d_out=2, iterations=20)).to_dict()
    (one,) = read_records(json.dumps(record))
    assert one.config.n == 8 and list(one.losses) == record["losses"]
    assert "gpu_present" in one.device_info
    assert len(read_records(json.dumps([{**record, "run": 1}, {**record, "run": 2}]))) == 2
    for text, reason in (("{", "not JSON"), ("[]", "no run records"),
                         ('{"foo": 1}', "not a run record"),
                         (json.dumps([record, {"status": "completed"}]), "record 2"),
                         (json.dumps({**record, "losses": [1.0]}), "1 losses for 20"),
                         (json.dumps({**record, "config": {**record["config"], "n": -1}}),
                          "does not read")):
        with pytest.raises(RecordError, match=reason):
            read_records(text)


def test_a_record_says_whether_a_gpu_was_there_and_used():
    from engine.machine.devices import describe_device_facts

    assert describe_device_facts({"device": "cpu", "gpu_present": True}) == \
        "GPU present: yes; used by this run: no"
    assert describe_device_facts({"device": "gpu"}) == "GPU present: yes; used by this run: yes"
    assert describe_device_facts({"device": "cpu", "gpu_present": False}).startswith(
        "GPU present: no")
    assert describe_device_facts({"device": "cpu"}) == ""  # an older record does not say


def test_a_millionth_is_said_in_words_where_two_1e_06_meant_different_things(capsys):
    """'final loss below 1e-06 of the initial: 1e-06': a share and a learning rate alike."""
    code, out, _ = call(["sweep-lr", *SMALL_OPTIONS, "--iterations", "2000", "--lr-min", "1e-3",
                         "--lr-max", "3e-3", "--count", "3"], capsys)
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("largest learning rate that"))
    assert line == "largest learning rate that learned (final loss below a millionth of the " \
                   "initial): 0.003"
    assert "below a millionth of the initial) is 0.003" in out.splitlines()[-1]


def test_the_blas_is_named_from_one_source():
    """The window's device tooltip said 'openblas 0.3.31.188.0' (NumPy's own OpenBLAS) where
    the record said 'openblas 0.3.30' (SciPy's, whose gemm the engine calls)."""
    import os

    from threadpoolctl import threadpool_info

    from engine.machine.devices import blas_library, cpu_info, scipy_blas_folder

    scipy_pools = [p for p in threadpool_info() if p.get("user_api") == "blas"
                   and os.path.dirname(p["filepath"]) == scipy_blas_folder()]
    if not scipy_pools:
        pytest.skip("SciPy brings no BLAS of its own here")
    pool = scipy_pools[0]
    assert blas_library()[0] == f"{pool['internal_api']} {pool['version']}"
    assert cpu_info()["blas"] == blas_library()[0]


def test_the_presets_say_the_outcome_their_run_ends_in():
    """'At 9e-7 … it converges', while the run ended 'still falling' at 3955: a preset's
    description uses the outcome words (engine.core.result.classify) of its own run."""
    from engine.core.config import RunConfig
    from engine.core.result import Outcome
    from engine.run.train import train

    presets = json.loads((ROOT / "resources" / "presets.json").read_text(encoding="utf-8"))
    words = [outcome.value for outcome in Outcome]
    assert not [name for name, p in presets.items() if "converge" in p["description"]]
    quadratic = presets["Quadratic (w1 frozen)"]
    fields = {k: v for k, v in quadratic.items() if k != "description"}
    result = train(RunConfig(**{**fields, "threads": 1, "diagnostics": False}))
    named = [w for w in words if w in quadratic["description"]]
    assert named[0] == result.outcome.value, (named, result.outcome)
    faster = train(RunConfig(**{**fields, "threads": 1, "diagnostics": False,
                                "learning_rate": 9.3e-7}))
    assert named[1] == faster.outcome.value
