"""`main.py bench-window`: a run in the window against the same run headless, alternately.

Two measurements:
- in one window (`--pairs`): the window's run (in its compute process) against `train()` in
  this process, alternately, after one untimed round of each;
- fresh launches (`--launches`): the first run after `main.py --autorun` starts a new window,
  against a new `main.py run` process, alternately: what a lecturer sees on the first click.
Before each timed run both sides idle for SETTLE_SECONDS: OpenBLAS's threads spin for a while
after a product before they sleep, and a run must not pay for the other side's spinning.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTemporaryDir, QTimer

from engine import RunConfig
from engine.run.train import train
from gui.app import application, create_main_window

SETTLE_SECONDS = 0.3
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


def _ratios(headless: list[float], windowed: list[float]) -> dict:
    ratios = [w / h for w, h in zip(windowed, headless, strict=True)]
    return {"headless_seconds": headless, "window_seconds": windowed, "ratios": ratios,
            "median_ratio": statistics.median(ratios),
            "ratio_of_medians": statistics.median(windowed) / statistics.median(headless)}


def bench_window(config: RunConfig, pairs: int) -> dict:
    app = application()
    if config.device == "cpu" and config.threads == "auto":
        # Both sides at one thread count: each process calibrates `auto` on its own, and a
        # calibration taken while the other side warmed up can differ.
        config = replace(config, threads=train(config).device_info["threads"])
    folder = QTemporaryDir()
    settings = QSettings(folder.filePath("bench.ini"), QSettings.Format.IniFormat)
    window = create_main_window(settings=settings, probe_gpu=False)
    window.set_values(config.to_dict())
    window.show()
    app.processEvents()
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
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.json"
        for _ in range(launches):
            seconds, status = _loop_seconds(["run", *options], path)
            headless.append(seconds)
            statuses.add(f"headless: {status}")
            seconds, status = _loop_seconds([*options, "--autorun", "--exit-when-done"], path)
            windowed.append(seconds)
            statuses.add(f"window: {status}")
    return {"config": config.to_dict(), **_ratios(headless, windowed),
            "statuses": sorted(statuses)}
