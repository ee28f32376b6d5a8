"""`main.py bench-window`: a run in the window against the same run headless, alternately.

Two measurements:
- in one window (`--pairs`): the window's run (in its compute process) against `train()` in
  this process, alternately, after one untimed round of each;
- fresh launches (`--launches`): the first run after `main.py --autorun` starts a new window,
  against a new `main.py run` process, alternately: what a lecturer sees on the first click.
Before each timed run both sides idle for SETTLE_SECONDS: OpenBLAS's threads spin for a while
after a product before they sleep, and a run must not pay for the other side's spinning.

A third (`--keeping`) measures what keeping runs on disk costs (gui.kept_sessions): runs with
it against runs without, in one window. Every window of a bench keeps its runs in a temporary
folder, never among the user's sessions.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer

from engine import RunConfig
from engine.run.train import train
from gui.app import application, create_main_window
from session.store import DATA_ENV, read_session

SETTLE_SECONDS = 0.3
TICK_MS = 10  # the GUI-thread timer whose worst gap says how long the window did not respond
TAIL_SECONDS = 0.2  # ...watched on after a record is on disk, as the 2M-iteration test does
ROOT = Path(__file__).resolve().parents[1]


def window_run(window) -> dict:
    """Run once through the Run button's slot; wait in the event loop as a user would."""
    loop = QEventLoop()
    records: list[dict] = []

    def finished(record: dict) -> None:
        records.append(record)
        loop.quit()

    window.run_finished.connect(finished)
    QTimer.singleShot(0, window.start_run)
    loop.exec()
    window.run_finished.disconnect(finished)
    return records[0]


def wait_until(done, poll_ms: int = TICK_MS) -> None:
    """Serve the event loop until `done()` is true."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(lambda: loop.quit() if done() else None)
    timer.start()
    if not done():
        loop.exec()
    timer.stop()


class GapWatch:
    """A GUI-thread timer that ticks every TICK_MS: the longest gap between two ticks is the
    longest the window did not respond (as tests/gui/test_lifecycle.py's 2M-iteration test
    measures it)."""

    def __init__(self):
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        """Watch from now on (again)."""
        self.ticks.clear()
        self.timer.start()

    def worst(self) -> tuple[float, float, int]:
        """The worst gap since start() in seconds, when it began (seconds after the first
        tick), and how many gaps there were."""
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        if not gaps:
            return 0.0, 0.0, 0
        at = max(range(len(gaps)), key=gaps.__getitem__)
        return gaps[at], self.ticks[at] - self.ticks[0], len(gaps)

    def stop(self) -> float:
        """Stop; the worst gap in seconds since start()."""
        self.timer.stop()
        return self.worst()[0]


def _ratios(headless: list[float], windowed: list[float]) -> dict:
    ratios = [w / h for w, h in zip(windowed, headless, strict=True)]
    return {"headless_seconds": headless, "window_seconds": windowed, "ratios": ratios,
            "median_ratio": statistics.median(ratios),
            "ratio_of_medians": statistics.median(windowed) / statistics.median(headless)}


def one_thread_count(config: RunConfig) -> RunConfig:
    """Every side of a bench at one thread count: each process calibrates `auto` on its own,
    and a calibration taken while another side warmed up can differ."""
    if config.device == "cpu" and config.threads == "auto":
        return replace(config, threads=train(config).device_info["threads"])
    return config


@contextmanager
def bench_folder() -> Iterator[Path]:
    """A temporary folder for the bench's settings and kept sessions, removed when the bench
    ends: windows started inside, and `main.py` launches, keep their runs there. The folder
    they kept their runs in before is theirs again afterwards."""
    before = os.environ.get(DATA_ENV)
    with tempfile.TemporaryDirectory() as folder:
        os.environ[DATA_ENV] = str(Path(folder) / "sessions")
        try:
            yield Path(folder)
        finally:
            if before is None:
                os.environ.pop(DATA_ENV, None)
            else:
                os.environ[DATA_ENV] = before


def bench_window_of(config: RunConfig, folder: Path):
    settings = QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat)
    window = create_main_window(settings=settings, probe_gpu=False, restore=False)
    window.set_values(config.to_dict())
    window.show()
    application().processEvents()
    return window


def bench_window(config: RunConfig, pairs: int) -> dict:
    application()
    config = one_thread_count(config)
    with bench_folder() as folder:
        window = bench_window_of(config, folder)
        train(config)  # warm-up, untimed
        window_run(window)
        headless, windowed, statuses = [], [], set()
        for _ in range(pairs):
            time.sleep(SETTLE_SECONDS)
            run = train(config)
            headless.append(run.loop_seconds)
            statuses.add(("headless", str(run.status)))
            time.sleep(SETTLE_SECONDS)
            record = window_run(window)
            windowed.append(record["loop_seconds"])
            statuses.add(("window", record["status"]))
        window.close()
    return {"config": config.to_dict(), **_ratios(headless, windowed),
            "statuses": sorted(f"{side}: {status}" for side, status in statuses)}


def _loop_seconds(argv: list[str], json_path: Path) -> tuple[float, str]:
    env = {**os.environ}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv, "--json",
                           str(json_path)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"main.py {' '.join(argv)} exited {done.returncode}: "
                           f"{done.stderr.strip()[-500:]}")
    record = json.loads(json_path.read_text())
    return float(record["loop_seconds"]), str(record["status"])


def bench_fresh_launches(config: RunConfig, options: list[str], launches: int) -> dict:
    """The first run of a new window against a new headless process, alternately; `options`
    are the run options that give `config` on main.py's command line."""
    headless, windowed, statuses = [], [], set()
    with bench_folder() as folder:
        path = folder / "record.json"
        for _ in range(launches):
            seconds, status = _loop_seconds(["run", *options], path)
            headless.append(seconds)
            statuses.add(f"headless: {status}")
            seconds, status = _loop_seconds([*options, "--autorun", "--exit-when-done"], path)
            windowed.append(seconds)
            statuses.add(f"window: {status}")
    return {"config": config.to_dict(), **_ratios(headless, windowed),
            "statuses": sorted(statuses)}


def bench_keeping(config: RunConfig, pairs: int) -> dict:
    """Keeping runs on disk against not keeping them, in one window. Each pair is a block of
    two runs back to back with keeping on and a block with it off (which goes first
    alternates), each block from an empty run table, so that a kept run's write in the
    background overlaps the next run's loop as when a user clicks Run again at once. Measured
    per block: the second run's loop time, the GUI thread's worst gap from the first run's
    start until the second's record is on disk (and TAIL_SECONDS after), and, kept, how long
    the write went on after the run was reported finished."""
    application()
    config = one_thread_count(config)
    with bench_folder() as folder:
        window = bench_window_of(config, folder)
        kept = window.kept
        window_run(window)  # warm-up, untimed
        watch = GapWatch()
        seconds: dict[bool, list[float]] = {True: [], False: []}
        gaps: dict[bool, list[float]] = {True: [], False: []}
        writes: list[float] = []  # from a kept block's last run reported finished to its write done
        statuses = set()
        for pair in range(pairs):
            for keeping in ((True, False) if pair % 2 == 0 else (False, True)):
                kept.keeping = False
                window.history.clear()
                kept.keeping = keeping
                watch.start()
                window_run(window)
                record = window_run(window)
                finished = time.perf_counter()
                wait_until(lambda: kept.store.flush(0), poll_ms=1)
                if keeping:
                    writes.append(time.perf_counter() - finished)
                end = time.perf_counter() + TAIL_SECONDS
                wait_until(lambda end=end: time.perf_counter() >= end)
                gaps[keeping].append(watch.stop())
                seconds[keeping].append(record["loop_seconds"])
                statuses.add(f"{'kept' if keeping else 'not kept'}: {record['status']}")
        kept.store.flush()
        on_disk = ([number for number, _ in read_session(kept.store.path).runs]
                   if kept.store.path.exists() else [])
        window.close()
    ratios = [k / n for k, n in zip(seconds[True], seconds[False], strict=True)]
    return {"config": config.to_dict(), "kept_seconds": seconds[True],
            "not_kept_seconds": seconds[False], "ratios": ratios,
            "median_ratio": statistics.median(ratios),
            "kept_worst_gaps": gaps[True], "not_kept_worst_gaps": gaps[False],
            "write_after_finish_seconds": writes, "runs_on_disk": on_disk,
            "sessions_folder": str(kept.folder),  # the bench's own, removed when it ends
            "statuses": sorted(statuses)}
