"""The command line's outputs and interruptions: bench's reference on the same layers, a bad
value refused before the window opens, outputs claimed before any work and removed when the
command fails, Ctrl+C as a clean stop that writes what was measured."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import main
from tests.conftest import SMALL_OPTIONS

ROOT = Path(__file__).resolve().parents[2]
UNWRITABLE = "/proc/backprop-lab-cannot-write-here"


def test_bench_trains_the_reference_on_the_same_layers(tmp_path):
    path = tmp_path / "b.json"
    for train in ("w2", "w1", "both"):
        assert main.main(["bench", *SMALL_OPTIONS, "--lr", "1e-3", "--iterations", "50", "--train",
                          train, "--pairs", "3", "--json", str(path)]) == 0
        record = json.loads(path.read_text())
        assert record["engine_final_loss"] == pytest.approx(record["reference_final_loss"],
                                                            rel=1e-9), train


def test_a_window_given_a_bad_value_names_the_option_and_never_opens(tmp_path, capsys):
    assert main.main(["--lr", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--lr:" in err and "learning_rate" not in err
    path = tmp_path / "w.json"
    assert main.main(["--lr", "0", "--autorun", "--exit-when-done", "--json", str(path)]) == 2
    record = json.loads(path.read_text())
    assert record["status"] == "refused" and record["message"].startswith("--lr:")
    assert main.main(["--threads", "999"]) == 2
    assert "--threads: 999 is more than" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc, which no one can write")
@pytest.mark.parametrize("argv", [
    ["run", "--iterations", "20000", "--csv", UNWRITABLE + ".csv"],
    ["run", "--iterations", "20000", "--json", UNWRITABLE + ".json"],
    ["sweep-lr", "--json", UNWRITABLE + ".json"],
    ["race", "--csv", UNWRITABLE + ".csv"],
    ["sweep-size", "--json", UNWRITABLE + ".json"],
    ["profile", "--csv", UNWRITABLE + ".csv"],
    ["--autorun", "--exit-when-done", "--json", UNWRITABLE + ".json"],
    ["--autorun", "--exit-when-done", "--screenshot", UNWRITABLE + ".png"],
])
def test_an_output_that_cannot_be_written_is_refused_before_any_work(argv, capsys):
    started = time.perf_counter()
    assert main.main(argv) == 2
    assert time.perf_counter() - started < 5  # refused at once, not after the whole job
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err


def test_a_claimed_output_is_removed_when_the_command_then_fails(tmp_path):
    from engine.machine.devices import probe_gpu

    if probe_gpu().available:
        pytest.skip("needs a machine where --device gpu is refused")
    path, kept = tmp_path / "r.json", tmp_path / "kept.json"
    kept.write_text("{}")
    assert main.main(["run", "--device", "gpu", "--json", str(path)]) == 2
    assert not path.exists()  # created to claim it, removed when the run was refused
    assert main.main(["run", "--device", "gpu", "--json", str(kept)]) == 2
    assert kept.read_text() == "{}"  # a file that was there before is left alone


@pytest.mark.slow
@pytest.mark.parametrize("command, ready", [
    (["race", "--iterations", "3000"], "race:"),
    (["sweep-lr", "--iterations", "2000"], "learning rate"),
    (["sweep-size", "--budget", "2"], "step"),
])
def test_ctrl_c_stops_a_tool_cleanly_and_writes_what_was_measured(command, ready, tmp_path):
    path = tmp_path / "t.json"
    process = subprocess.Popen([sys.executable, "main.py", *command, "--json", str(path)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    lines = []
    while True:  # the header, then a moment of work
        line = process.stdout.readline()
        lines.append(line)
        if ready in line or not line:
            break
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "stopped" in out
    assert json.loads(path.read_text())["stopped"] is True
