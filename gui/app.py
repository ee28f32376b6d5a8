"""Starting the window: create_main_window() for tests, run_app() for main.py."""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from gui.presets import load_presets, preset_values

# At small sizes NumPy never releases the GIL, so the training thread holds it nearly all the
# time, and the GUI thread waits out the switch interval (5 ms by default) at each of the
# many GIL acquisitions one repaint makes: the window froze for half-second stretches.
# A short interval costs nothing while the GUI thread is idle (no thread asks for the GIL).
GIL_SWITCH_INTERVAL = 0.0002


def application() -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Backprop Lab")
        app.setOrganizationName("BackpropLab")
    return app


def create_main_window(settings: QSettings | None = None, probe_gpu: bool = True) -> MainWindow:
    """The main window, not yet shown. `settings` defaults to the user's QSettings."""
    application()
    return MainWindow(settings=settings, probe_gpu=probe_gpu)


def run_app(args, overrides: dict[str, Any]) -> int:
    """main.py with no command: `overrides` are the run options given (RunConfig fields), and
    args carries --preset, --autorun, --exit-when-done, --screenshot and --json."""
    app = application()
    if args.preset is not None and args.preset not in load_presets():
        names = ", ".join(load_presets())
        print(f"main.py: error: --preset: unknown preset {args.preset!r} (choose from {names})",
              file=sys.stderr)
        return 2
    window = create_main_window()
    if args.preset:
        window.preset_combo.setCurrentText(args.preset)
        window.set_values(preset_values(args.preset))
    if overrides:
        window.set_values(overrides)
    errors = window.panel.errors()
    if errors:
        for field, reason in errors.items():
            print(f"main.py: error: {field}: {reason}", file=sys.stderr)
        if args.autorun:
            return 2

    def on_finished(record: dict) -> None:
        """Save what was asked for (the run's or the tool's record), then close if asked."""
        if args.json:
            args.json.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        if args.screenshot:
            app.processEvents()
            window.grab().save(str(args.screenshot), "PNG")
        if args.exit_when_done:
            QTimer.singleShot(0, window.close)

    window.run_finished.connect(on_finished)
    tool = None
    if args.tool:
        tool = {"race": window.race_tool, "sweep-size": window.size_sweep_tool,
                "sweep-lr": window.lr_sweep_tool}[args.tool]
        window.tabs.setCurrentWidget(tool)
        tool.finished.connect(lambda result: on_finished(result.to_dict()))
    window.show()
    if args.autorun:
        def autorun() -> None:
            # A preset that wants the GPU waits for the probe to answer first.
            if window.waiting_for_gpu_probe():
                QTimer.singleShot(50, autorun)
                return
            started = tool.start() if tool is not None else window.start_run()
            if not started and args.exit_when_done:
                print(f"main.py: error: {window.status_label.text()}", file=sys.stderr)
                window.close()
        QTimer.singleShot(0, autorun)
    app.exec()
    return 0
