"""`main.py bench-window`: a run in the window against the same run headless, alternately."""

from __future__ import annotations

import statistics

from PySide6.QtCore import QEventLoop, QSettings, QTemporaryDir, QTimer

from engine import RunConfig, train
from gui.app import application, create_main_window


def window_loop_seconds(window, app) -> float:
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
    return records[0]["loop_seconds"]


def bench_window(config: RunConfig, pairs: int) -> dict:
    app = application()
    folder = QTemporaryDir()
    settings = QSettings(folder.filePath("bench.ini"), QSettings.Format.IniFormat)
    window = create_main_window(settings=settings, probe_gpu=False)
    window.set_values(config.to_dict())
    window.show()
    app.processEvents()
    train(config)  # warm-up, untimed
    window_loop_seconds(window, app)
    headless, windowed = [], []
    for _ in range(pairs):
        headless.append(train(config).loop_seconds)
        windowed.append(window_loop_seconds(window, app))
    window.close()
    ratios = [w / h for w, h in zip(windowed, headless, strict=True)]
    return {"config": config.to_dict(), "headless_seconds": headless,
            "window_seconds": windowed, "ratios": ratios,
            "median_ratio": statistics.median(ratios)}
