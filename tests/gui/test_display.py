"""A fresh Linux desktop: no display, or no libxcb-cursor0, gives one line and exit 2 instead
of Qt's abort (exit 134)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.display import NO_DISPLAY, window_problem

ROOT = Path(__file__).resolve().parents[2]


def every_library(stem):
    return f"lib{stem}.so.0"


def test_no_display_is_named():
    assert window_problem({}, every_library, "linux") == NO_DISPLAY
    assert window_problem({"QT_QPA_PLATFORM": "offscreen"}, every_library, "linux") == ""
    assert window_problem({"DISPLAY": ":0"}, every_library, "linux") == ""
    assert window_problem({"WAYLAND_DISPLAY": "wayland-0"}, every_library, "linux") == ""
    assert window_problem({}, every_library, "darwin") == ""


def test_a_missing_xcb_library_is_named_with_its_packages():
    def no_cursor(stem):
        return None if stem == "xcb-cursor" else every_library(stem)

    problem = window_problem({"DISPLAY": ":0"}, no_cursor, "linux")
    assert "libxcb-cursor" in problem
    assert "apt install libxcb-cursor0" in problem and "dnf install xcb-util-cursor" in problem


@pytest.mark.slow  # main.py in a subprocess
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")
@pytest.mark.parametrize("command", [[], ["bench-window"], ["--autorun", "--exit-when-done"]])
def test_the_window_without_a_display_exits_2_with_one_line(command):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "main.py", *command], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "offscreen" in lines[0]
