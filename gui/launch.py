"""The window front end's entry for main.py: the window itself, and bench-window."""

from __future__ import annotations

import statistics
import sys


def can_open_window() -> bool:
    """Where no window can open: one line naming the fix, instead of Qt's abort (exit 134),
    before Qt loads."""
    from engine.core.language import error_line
    from gui.display import window_problem

    problem = window_problem()
    if problem:
        print(error_line("main.py", problem), file=sys.stderr)
        return False
    return True



def open_front(command: str, args, values) -> int:
    """main.py's window front end: the window (values: the run options given) or bench-window
    (values: the config)."""
    if not can_open_window():
        return 2
    if command == "bench-window":
        return bench_window_command(args, values)
    from gui.app import run_app

    return run_app(args, values)


def bench_window_command(args, config) -> int:
    from engine.core.files import write_json
    from engine.core.settings import command_line_options
    from gui.bench_window import bench_fresh_launches, bench_keeping, bench_window

    record = bench_window(config, args.pairs)
    print_window_ratios("in one window", record)
    if args.launches:
        options = command_line_options(config)
        record["fresh_launches"] = bench_fresh_launches(config, options, args.launches)
        print_window_ratios("first run after launch", record["fresh_launches"])
    if args.keeping:
        record["keeping"] = bench_keeping(config, args.keeping)
        print_keeping(record["keeping"])
    if args.json:
        write_json(args.json, record)
    return 0


def print_window_ratios(title: str, record: dict) -> None:
    print(f"{title}: " + ", ".join(record["statuses"]))
    print("  headless loop: " + ", ".join(f"{s:.4f}" for s in record["headless_seconds"]) + " s")
    print("  window loop:   " + ", ".join(f"{s:.4f}" for s in record["window_seconds"]) + " s")
    print(f"  median ratio window/headless: {record['median_ratio']:.3f}  (per pair: "
          + ", ".join(f"{r:.3f}" for r in record["ratios"]) + "); ratio of the medians: "
          f"{record['ratio_of_medians']:.3f}")


def print_keeping(record: dict) -> None:
    def spread(values: list[float], scale: float = 1.0, digits: int = 4) -> str:
        return (f"median {statistics.median(values) * scale:.{digits}f} "
                f"({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})")

    print("keeping runs on disk: " + ", ".join(record["statuses"]) +
          "; on disk at the end: " + (", ".join(f"#{n}" for n in record["runs_on_disk"])
                                      or "no run"))
    print(f"  second run's loop, kept:     {spread(record['kept_seconds'])} s")
    print(f"  second run's loop, not kept: {spread(record['not_kept_seconds'])} s")
    print(f"  ratio kept/not kept, per pair: {spread(record['ratios'], digits=3)}")
    print(f"  the write, after the run was reported finished: "
          f"{spread(record['write_after_finish_seconds'], 1000, 1)} ms")
    print(f"  GUI thread's worst gap, kept:     {spread(record['kept_worst_gaps'], 1000, 0)} ms")
    print(f"  GUI thread's worst gap, not kept: "
          f"{spread(record['not_kept_worst_gaps'], 1000, 0)} ms")
