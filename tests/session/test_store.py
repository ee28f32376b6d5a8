"""Kept sessions on disk (session.store), without Qt: bit-for-bit runs, atomic writes under
SIGKILL, corrupt and foreign files refused whole, a full disk, and the disk bound."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import numpy as np
import pytest

from engine import RunConfig, train
from engine.core.result import RecordError, read_records
from session import store as store_module
from session.store import (
    SUFFIX,
    SessionStore,
    describe,
    over_limit,
    read_session,
    session_files,
    write_atomic,
)
from tests.conftest import ROOT, SMALL


def runs(count: int, iterations: int = 40) -> list:
    return [(i + 1, train(RunConfig(**SMALL, iterations=iterations, seed=i)))
            for i in range(count)]


def test_kept_runs_read_back_bit_for_bit_with_the_tools_records(tmp_path):
    kept = runs(3)
    store = SessionStore(tmp_path)
    store.keep_runs(kept)
    store.keep_tool({"tool": "race", "verdict": "CPU, 2 threads is faster"})
    assert store.flush(10)
    session = read_session(store.path)
    assert [n for n, _ in session.runs] == [1, 2, 3]
    for (_, back), (_, original) in zip(session.runs, kept, strict=True):
        assert back.losses.tobytes() == original.losses.tobytes()
        assert back.to_dict() == original.to_dict()
    assert session.tools == [{"tool": "race", "verdict": "CPU, 2 threads is faster"}]
    # the same record format Import reads: the session file imports as it is
    assert len(read_records(store.path.read_text())) == 3
    info = describe(store.path)
    assert (info.runs, info.tools, info.readable) == (3, 1, True)
    store.close()


def test_the_losses_are_stored_compressed(tmp_path):
    store = SessionStore(tmp_path)
    store.keep_runs(runs(1, iterations=20_000))
    store.flush(10)
    as_text = len(json.dumps(runs(1, iterations=20_000)[0][1].to_dict()["losses"]))
    assert store.path.stat().st_size < 0.6 * as_text
    store.close()


def test_a_removed_run_leaves_the_file_at_the_next_write(tmp_path):
    kept = runs(3)
    store = SessionStore(tmp_path)
    store.keep_runs(kept)
    store.keep_runs([kept[0], kept[2]])
    store.flush(10)
    assert [n for n, _ in read_session(store.path).runs] == [1, 3]
    store.close()


WRITER = """
import sys
from pathlib import Path
from session.store import session_text, write_atomic
from datetime import datetime
path = Path(sys.argv[1])
for count in range(1, 10_000):
    # each state: `count` runs of 3 MB each
    blob = '"' + 'x' * 3_000_000 + '"'
    text = session_text(datetime(2026, 12, 3), [blob] * count, [])
    write_atomic(path, text)
    print(count, flush=True)
"""


@pytest.mark.slow
def test_a_kill_in_the_middle_of_a_write_leaves_the_last_complete_file(tmp_path):
    path = tmp_path / f"s{SUFFIX}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.0, 0.13, 0.29):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env,
                                 stdout=subprocess.PIPE, text=True)
        printed = [child.stdout.readline()]  # the first state is written
        time.sleep(delay)  # writes of 3-30 MB and more: the kill lands inside one
        child.send_signal(signal.SIGKILL)
        printed += child.communicate()[0].split()
        data = json.loads(path.read_text())  # whole, never half-written
        written = int(printed[-1]) if printed else 0
        # the file holds the last state reported written, or the one being renamed into place
        assert len(data["runs"]) in (written, written + 1)
        assert all(len(run) == 3_000_000 for run in data["runs"])


def test_a_corrupt_or_foreign_file_is_listed_unreadable_and_never_loaded_in_part(tmp_path):
    good = SessionStore(tmp_path, started=datetime(2026, 12, 1, 21, 14))
    good.keep_runs(runs(2))
    good.flush(10)
    text = good.path.read_text()
    cut = tmp_path / f"20261202-000000-1{SUFFIX}"
    cut.write_text(text[: len(text) // 2])
    foreign = tmp_path / f"20261202-000001-1{SUFFIX}"
    foreign.write_text(json.dumps({"format": "someone-else", "runs": []}))
    tampered = tmp_path / f"20261202-000002-1{SUFFIX}"
    record = json.loads(text)
    record["runs"][1]["loop_seconds"] = float("inf")
    tampered.write_text(json.dumps(record))
    for path in (cut, foreign, tampered):
        assert not describe(path).readable and describe(path).problem
        with pytest.raises(RecordError):
            read_session(path)
    assert session_files(tmp_path)[-1] == good.path  # newest first; all four are listed
    assert len(session_files(tmp_path)) == 4
    good.close()


def test_a_full_disk_is_reported_and_the_next_write_tries_again(tmp_path, monkeypatch):
    errors = []
    store = SessionStore(tmp_path, errors.append)
    real = store_module.write_atomic

    def full(path, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_module, "write_atomic", full)
    store.keep_runs(runs(1))
    store.flush(10)
    assert isinstance(errors[-1], OSError) and errors[-1].errno == errno.ENOSPC
    assert not store.path.exists()
    monkeypatch.setattr(store_module, "write_atomic", real)
    store.keep_runs(runs(2))
    store.flush(10)
    assert errors[-1] is None and len(read_session(store.path).runs) == 2
    store.close()


def test_the_disk_bound_offers_the_oldest_sessions_and_never_the_current_one(tmp_path):
    paths = []
    for day in range(4):
        path = tmp_path / f"2026110{day + 1}-120000-1{SUFFIX}"
        write_atomic(path, "x" * 1000)
        paths.append(path)
    current = SessionStore(tmp_path, started=datetime(2026, 12, 3) + timedelta(hours=1))
    current.keep_runs(runs(1))
    current.flush(10)
    size = current.path.stat().st_size
    assert over_limit(tmp_path, 10**9, keep=current.path) == []
    assert over_limit(tmp_path, 2000 + size, keep=current.path) == paths[:2]
    assert current.path not in over_limit(tmp_path, 0, keep=current.path)
    assert all(p.exists() for p in paths)  # offered, not deleted
    current.close()


def test_tests_keep_their_sessions_in_a_folder_of_their_own(kept_sessions_folder):
    assert os.environ[store_module.DATA_ENV] == str(kept_sessions_folder)
    home = os.path.expanduser("~")
    assert not str(kept_sessions_folder).startswith(os.path.join(home, ".local"))


def test_an_unknown_session_version_is_refused_naming_it(tmp_path):
    store = SessionStore(tmp_path)
    store.keep_runs(runs(1))
    store.flush(10)
    data = json.loads(store.path.read_text())
    data["version"] = 7
    with pytest.raises(RecordError, match="version 7"):
        read_records(json.dumps(data))
    store.close()


def test_time_to_target_equals_an_independent_scan():
    from engine.core.target import TargetLoss

    result = train(RunConfig(iterations=300))
    losses, seconds = result.losses, result.iteration_seconds()
    for target in (TargetLoss(0.5), TargetLoss(1e-2), TargetLoss(1e-9),
                   TargetLoss(5000.0, absolute=True)):
        goal = target.target if target.absolute else target.target * losses[0]
        scan = next((t for t in range(len(losses)) if losses[t] <= goal), None)
        reached = result.time_to_target(target)
        assert reached.iteration == scan and reached.loss == goal
        assert reached.seconds == (None if scan is None else seconds[scan])
    diverged = train(RunConfig(iterations=50, learning_rate=1e-3))
    assert diverged.status == "diverged"
    lowest = float(np.nanmin(diverged.losses[np.isfinite(diverged.losses)]))
    # a loss it did reach on its way up counts as never: a divergence is no way to a target
    assert not diverged.time_to_target(TargetLoss(lowest, absolute=True)).reached


def test_two_stores_started_in_the_same_second_keep_two_files(tmp_path):
    first = SessionStore(tmp_path, started=datetime(2026, 12, 3, 9, 0, 0, 1))
    second = SessionStore(tmp_path, started=datetime(2026, 12, 3, 9, 0, 0, 2))
    assert first.path != second.path
    first.close()
    second.close()


def test_a_session_is_described_once_per_version_of_its_file(tmp_path, monkeypatch):
    """File → Recent sessions asks each time it opens: an unchanged file is not read again,
    and a file written since is."""
    store = SessionStore(tmp_path)
    store.keep_runs(runs(2))
    assert store.flush(10)
    reads = []
    real_read = store_module.read_session
    monkeypatch.setattr(store_module, "read_session", lambda p: reads.append(p) or real_read(p))
    assert describe(store.path).runs == 2 and describe(store.path).runs == 2
    assert len(reads) == 1
    store.keep_runs(runs(3))
    assert store.flush(10)
    assert describe(store.path).runs == 3 and len(reads) == 2
    store.close()
