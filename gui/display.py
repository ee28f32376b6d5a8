"""Can Qt open a window here? Asked before the QApplication exists: without a display, or
without a library Qt's xcb platform needs, creating it aborts the process (exit 134, "Could not
load the Qt platform plugin 'xcb'… Reinstalling the application may fix this problem").

No Qt import here: this runs before Qt loads.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

from engine.core.language import QT_TRANSLATE_NOOP, translate  # no Qt: the engine's reader

# The libraries Qt >= 6.5's xcb plugin loads, with the packages that provide them.
XCB_LIBRARIES = {  # soname stem: (Debian/Ubuntu package, Fedora package)
    "xcb-cursor": ("libxcb-cursor0", "xcb-util-cursor"),
    "xcb-icccm": ("libxcb-icccm4", "xcb-util-wm"),
    "xcb-keysyms": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "xcb-image": ("libxcb-image0", "xcb-util-image"),
    "xcb-render-util": ("libxcb-render-util0", "xcb-util-renderutil"),
    "xkbcommon-x11": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
}
NO_DISPLAY = QT_TRANSLATE_NOOP("display", "no display: use the headless commands, or "
                                          "QT_QPA_PLATFORM=offscreen for screenshots")


def window_problem(environ=os.environ, find_library=ctypes.util.find_library,
                   platform: str = sys.platform) -> str:
    """Why the window cannot open ('' when it can, as far as can be told beforehand)."""
    qpa = environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if not platform.startswith("linux") or qpa in ("offscreen", "minimal", "vnc", "eglfs",
                                                   "linuxfb"):
        return ""
    if qpa.startswith("wayland"):
        return "" if environ.get("WAYLAND_DISPLAY") else translate("display", NO_DISPLAY)
    if not environ.get("DISPLAY"):
        return "" if environ.get("WAYLAND_DISPLAY") and not qpa else translate("display",
                                                                                NO_DISPLAY)
    for stem, (debian, fedora) in XCB_LIBRARIES.items():
        if find_library(stem) is None:
            return translate("display", "Qt's xcb platform needs lib{stem} (missing here): "
                                        "install it with 'sudo apt install {debian}' (Debian, "
                                        "Ubuntu) or 'sudo dnf install {fedora}' (Fedora)").format(
                stem=stem, debian=debian, fedora=fedora)
    return ""
