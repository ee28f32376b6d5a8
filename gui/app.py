"""Starting the window: create_main_window() for tests, run_app() for main.py."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from engine.core import language as engine_language
from engine.core.config import RunConfig
from engine.core.files import project_path
from engine.core.language import error_line
from engine.core.result import RunResult, Status
from engine.service.jobs import EndKind
from engine.words.explain import record_of
from gui.language import language, translate
from gui.main_window import MainWindow
from session.presets import load_presets, preset_values

# A scripted window run (--autorun --exit-when-done) exits with the status of what it ran.
EXIT_CODES = {Status.COMPLETED: 0, Status.STOPPED: 0, Status.DIVERGED: 0, Status.REFUSED: 2,
              Status.FAILED: 3, Status.CRASHED: 3}


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Backprop Lab")
        app.setOrganizationName("BackpropLab")
        app.setDesktopFileName("backprop-lab")  # resources/backprop-lab.desktop
        app.setWindowIcon(QIcon(str(project_path("resources", "icon.svg"))))
    return app


def create_main_window(settings: QSettings | None = None, probe_gpu: bool = True,
                       compute=None, lang: str | None = None, restore: bool = True
                       ) -> MainWindow:
    """The main window, not yet shown, in its language (`lang`: --lang, for this launch; else
    the one chosen in the window before, else the locale's). `settings` defaults to the user's
    QSettings; `compute` (tests) is a compute process the window uses but does not own, nor
    end when it closes."""
    application()
    if settings is None:
        settings = QSettings("BackpropLab", "Backprop Lab")
    language().start(settings, lang)
    if language().font_warning:
        print(f"main.py: warning: {language().font_warning}", file=sys.stderr)
    return MainWindow(settings=settings, probe_gpu=probe_gpu, compute=compute, restore=restore)


def run_app(args, overrides: dict[str, Any]) -> int:
    """main.py with no command: `overrides` are the run options given (RunConfig fields), and
    args carries --preset, --autorun, --exit-when-done, --screenshot and --json."""
    app = application()
    if args.preset is not None and args.preset not in load_presets():
        names = ", ".join(load_presets())
        unknown = engine_language.translate("app", "--preset: unknown preset {preset!r} (choose "
                                                   "from {names})")
        print(error_line("main.py", unknown.format(preset=args.preset, names=names)),
              file=sys.stderr)
        return 2
    window = create_main_window(lang=getattr(args, "lang", None),
                                restore=not getattr(args, "no_restore", False))
    launch = {**(preset_values(args.preset) if args.preset else {}), **overrides}
    if launch:
        window.apply_launch_values(launch)  # for this launch; the saved settings stay
    errors = window.panel.errors()
    if errors:
        for field, reason in errors.items():
            print(error_line("main.py", f"{field}: {reason}"), file=sys.stderr)
        if args.autorun:
            window.compute.shutdown()
            return 2

    outcome: dict = {}

    def on_finished(record: Mapping, status: Status | None = None) -> None:
        """Save what was asked for (the run's or the tool's record), then close if asked."""
        outcome["status"] = status if status is not None else Status(record["status"])
        if outcome["status"] in (Status.REFUSED, Status.FAILED, Status.CRASHED):
            print(f"main.py: {outcome['status']}: {record.get('message', '')}", file=sys.stderr)
        if args.json:
            args.json.write_text(json.dumps(dict(record), indent=1) + "\n", encoding="utf-8")
        screenshot_and_close()

    def screenshot_and_close() -> None:
        if args.screenshot:
            app.processEvents()
            window.grab().save(str(args.screenshot), "PNG")
        if args.exit_when_done:
            QTimer.singleShot(0, window.close)

    def on_tool_ended(end) -> None:
        if end.kind == EndKind.DONE:
            on_finished(record_of(end.result), Status.COMPLETED)
        else:
            on_finished({"status": str(end.status), "message": end.message})

    tool = None
    if args.tool:
        tool = {"race": window.race_tool, "sweep-size": window.size_sweep_tool,
                "sweep-lr": window.lr_sweep_tool, "profile": window.profile_tool}[args.tool]
        window.tabs.setCurrentWidget(tool)
        tool.ended.connect(on_tool_ended)
    else:
        window.run_finished.connect(on_finished)
    window.show()
    if getattr(args, "presentation", False):
        window.set_presentation(True, remember=False)  # for this launch only
    import_path = getattr(args, "import_path", None)
    if import_path is not None:
        imported = window.import_records(import_path)
        if not imported:
            print(error_line("main.py", f"--import: {window.status_label.text()}"),
                  file=sys.stderr)
        if not args.autorun:
            outcome["status"] = Status.COMPLETED if imported else Status.REFUSED
            screenshot_and_close()
    if args.autorun:
        def autorun() -> None:
            # A preset that wants the GPU waits for the probe to answer first.
            if window.gpu_probe.waiting():
                QTimer.singleShot(50, autorun)
                return
            if launch.get("device") == "gpu" and not window.panel.gpu_enabled():
                # --device gpu, or a GPU preset, where none can be used: refused, not run on
                # the CPU instead.
                asked = "--device gpu" if overrides.get("device") == "gpu" else \
                    f"--preset {args.preset}"
                config = RunConfig(**{**window.panel.values(), "device": "gpu"})
                on_finished(RunResult.not_run(
                    config, Status.REFUSED, translate("app", "{asked}: no GPU can be used here: "
                                                             "{reason}").format(
                        asked=asked, reason=window.gpu_reason or "GPU")).to_dict())
            elif tool is None:
                window.start_run()  # a refusal comes back through run_finished
            elif not tool.start():  # refused before starting; the reason is on its status line
                on_finished({"status": str(Status.REFUSED), "message": tool.status_label.text()})
        QTimer.singleShot(0, autorun)
    elif import_path is None:  # nothing to wait for: the idle window, as it opened
        QTimer.singleShot(0, screenshot_and_close)
    app.exec()
    return EXIT_CODES[outcome["status"]] if "status" in outcome else 0
