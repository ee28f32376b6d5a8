"""The headless command line: exit codes, printed lines, JSON and CSV."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import main
from cli import parser
from engine.core.settings import command_line_options
from tests.conftest import SMALL_OPTIONS

ROOT = Path(__file__).resolve().parents[2]


def test_run_prints_like_the_tutorial_and_writes_json_and_csv(tmp_path, capsys):
    json_path, csv_path = tmp_path / "r.json", tmp_path / "r.csv"
    code = main.main(["run", "--iterations", "300", "--json", str(json_path),
                      "--csv", str(csv_path)])
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[:3]] == ["99", "199", "299"]
    assert any(line.startswith("Completed in ") for line in out)
    assert any(line.startswith("GFLOP/s:") for line in out)
    record = json.loads(json_path.read_text())
    assert record["status"] == "completed" and len(record["losses"]) == 300
    assert record["config"]["iterations"] == 300
    with csv_path.open() as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["iteration", "loss"]
    assert len(rows) == 301
    assert [float(r[1]) for r in rows[1:]] == record["losses"]


def test_diverged_run_exits_zero_and_says_so(capsys):
    assert main.main(["run", "--lr", "1e-4"]) == 0
    out = capsys.readouterr().out
    assert "diverged at iteration" in out and "lower the learning rate" in out


@pytest.mark.parametrize("argv", [
    ["run", "--n", "abc"], ["run", "--n", "0"], ["run", "--lr", "-1"], ["run", "--lr", "nan"],
    ["run", "--lr", "inf"], ["run", "--iterations", "-5"], ["run", "--device", "tpu"],
    ["run", "--threads", "zero"], ["run", "--d-in", "1000000000000"],
    ["run", "--json", "/no/such/folder/r.json"], ["bench", "--pairs", "2"],
])
def test_bad_input_exits_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as info:
        sys.exit(main.main(argv))
    assert info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "error" in err
    assert "Traceback" not in err


def test_bench_reports_medians_and_ratio(tmp_path, capsys):
    path = tmp_path / "b.json"
    assert main.main(["bench", *SMALL_OPTIONS, "--iterations", "200", "--pairs", "3",
                      "--json", str(path)]) == 0
    out = capsys.readouterr().out
    assert "median ratio engine/reference" in out
    record = json.loads(path.read_text())
    assert len(record["ratios"]) == 3
    assert record["median_ratio"] > 0


def test_the_real_entry_point_in_a_subprocess(tmp_path):
    done = subprocess.run([sys.executable, "main.py", "run", *SMALL_OPTIONS, "--iterations", "100"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "99 " in done.stdout and done.stderr == ""
    bad = subprocess.run([sys.executable, "main.py", "run", "--hidden", "x"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr



@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_fault_injection_on_the_command_line(tmp_path):
    """BACKPROP_LAB_FAULT reaches the headless run loop too; a seed filter spares other seeds."""
    import os

    env = {**os.environ, "BACKPROP_LAB_FAULT": "raise@5:seed=13"}
    spared = subprocess.run([sys.executable, "main.py", "run", *SMALL_OPTIONS, "--iterations",
                             "20"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert spared.returncode == 0, spared.stderr
    hit = subprocess.run([sys.executable, "main.py", "run", *SMALL_OPTIONS, "--iterations", "20",
                          "--seed", "13"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env=env)
    assert hit.returncode != 0 and "simulated fault in the training step" in hit.stderr
    aborted = subprocess.run([sys.executable, "main.py", "run", *SMALL_OPTIONS], cwd=ROOT,
                             capture_output=True, text=True, timeout=120,
                             env={**os.environ, "BACKPROP_LAB_FAULT": "abort@3"})
    assert aborted.returncode == -6  # SIGABRT
    bad = subprocess.run([sys.executable, "main.py", "run", *SMALL_OPTIONS], cwd=ROOT,
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "BACKPROP_LAB_FAULT": "explode@3"})
    assert bad.returncode == 2 and "BACKPROP_LAB_FAULT" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_config_round_trips_through_its_command_line_options():
    from engine import RunConfig

    for config in (RunConfig(), RunConfig(learning_rate=2e-6, diagnostics=True, train="w2",
                                          threads=1, n=8)):
        args = parser.build_parser().parse_args(["run", *command_line_options(config)])
        assert parser.make_config(args) == config


def test_run_reports_the_time_to_the_target(tmp_path, capsys):
    json_path = tmp_path / "r.json"
    assert main.main(["run", "--iterations", "200", "--target", "1e-2", "--json",
                      str(json_path)]) == 0
    out = capsys.readouterr().out
    record = json.loads(json_path.read_text())
    reached, losses = record["time_to_target"], record["losses"]
    scan = next(t for t, loss in enumerate(losses) if loss <= 1e-2 * losses[0])
    assert reached["iteration"] == scan and reached["words"] == "0.01 of the initial loss"
    assert f"time to 0.01 of the initial loss: t = {scan}, " in out
    assert main.main(["run", "--target", "2"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "--target: as a fraction of the initial loss it must be below 1" in err
