"""What the commands print and write: a run's summary, CSV rows, and Ctrl+C as a clean stop."""

from __future__ import annotations

import contextlib
import signal
import threading
from pathlib import Path

from engine.files import write_rows_csv


def write_losses_csv(path: Path, losses) -> None:
    write_rows_csv(path, ["iteration", "loss"],
                   ((t, repr(float(loss))) for t, loss in enumerate(losses)))


def summary_lines(result) -> list[str]:
    """What a finished run prints: its status, then its cost (the tutorial's closing line)."""
    from engine.codes import backward_line
    from engine.devices import describe_gpu_path, describe_threads
    from engine.explain import explain_run
    from engine.measure import Spread
    from engine.result import Outcome, Status

    lines = []
    if result.status == Status.DIVERGED:
        lines.append(f"status: diverged at iteration {result.diverged_at} (the loss became "
                     "non-finite); lower the learning rate")
    else:
        lines.append(f"status: {result.status} after {result.iterations_completed} iterations")
    lead = "Completed in" if result.status == Status.COMPLETED else "Ran for"
    lines.append(f"{lead} {result.loop_seconds:.3f} seconds"
                 f" (setup {result.setup_seconds:.3f} s: draw, copy to device, warm-up)")
    if len(result.repeat_seconds) > 1:
        spread = Spread.of(result.repeat_seconds)
        lines.append(f"over {len(spread.samples)} repeats: median {spread.format()}")
    if result.timing_note:
        lines.append(f"note: {result.timing_note}")
    threads = describe_threads(result.device_info)
    if threads:
        lines.append(threads)
    path = describe_gpu_path(result.device_info)
    if path:
        lines.append(path)
    backward = backward_line(result)
    if backward:
        lines.append(backward)
    lines.append(f"iterations per second: {result.iterations_per_second:,.0f}")
    lines.append(f"GFLOP/s: {result.gflops:.1f}"
                 + (f" (the training's own {result.training_seconds:.3f} s; the diagnostics took "
                    f"{result.diagnostics_seconds:.3f} s of the loop)" if result.diagnostics
                    else ""))
    if result.outcome == Outcome.DIVERGED:
        lines.append(f"outcome: diverged (the last finite loss, at iteration "
                     f"{result.diverged_at - 1}, was {result.final_loss:.4g})")
    elif result.outcome is not None:
        lines.append(f"outcome: {result.outcome} (final loss {result.final_loss:.4g}, initial "
                     f"{result.losses[0]:.4g})")
    explanation = explain_run(result)
    if explanation:
        lines.append(explanation)
    return lines


@contextlib.contextmanager
def interrupt_sets(stop: threading.Event):
    """Ctrl+C sets `stop` (the run ends as stopped, with its record) while inside; the
    previous handler is restored on the way out."""
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)



def write_outputs(args, record: dict, table: tuple[list[str], list] | None = None) -> None:
    """--json (the record) and --csv (the table), where given: the tail of every command."""
    from engine.files import write_json

    if getattr(args, "json", None):
        write_json(args.json, record)
    if getattr(args, "csv", None) and table is not None:
        write_rows_csv(args.csv, *table)
