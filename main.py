"""Backprop Lab. With no command, the window (gui/); `run`, `bench`, `race`, `sweep-size`,
`sweep-lr` and `profile` work headless (cli/); `bench-window` measures the window."""

from __future__ import annotations

import sys

from cli.main import main as command_line


def open_window(command: str, args, values) -> int:
    from gui.launch import open_front  # Qt only where a window is wanted

    return open_front(command, args, values)


def main(argv: list[str] | None = None) -> int:
    return command_line(argv, window=open_window)


if __name__ == "__main__":
    sys.exit(main())
