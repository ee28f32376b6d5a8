"""What the commands print and write: a run's summary, CSV rows, and Ctrl+C as a clean stop."""

from __future__ import annotations

import contextlib
import signal
import threading
from pathlib import Path

from engine.core.files import write_rows_csv
from engine.core.language import translate


def write_losses_csv(path: Path, losses) -> None:
    write_rows_csv(path, ["iteration", "loss"],
                   ((t, repr(float(loss))) for t, loss in enumerate(losses)))


def summary_lines(result, target=None) -> list[str]:
    """What a finished run prints: its status, then its cost (the tutorial's closing line),
    its time to `target` (engine.core.target.TargetLoss) where given, its outcome and why."""
    from engine.backends.codes import backward_line
    from engine.core.measure import Spread
    from engine.core.result import Outcome, Status, status_word
    from engine.machine.devices import describe_path, describe_threads
    from engine.words.explain import explain_run

    lines = []
    if result.status == Status.DIVERGED:
        lines.append(translate("cli", "status: diverged at iteration {t} (the loss became "
                                      "non-finite); "
                                       "lower the learning rate").format(t=result.diverged_at))
    else:
        lines.append(translate("cli", "status: {status} after {iterations} iterations").format(
            status=status_word(result.status), iterations=result.iterations_completed))
    lead = (translate("cli", "Completed in {seconds:.3f} "
                             "seconds") if result.status == Status.COMPLETED
            else translate("cli", "Ran for {seconds:.3f} seconds"))
    lines.append(lead.format(seconds=result.loop_seconds) + translate("cli", " (setup {setup:.3f} "
                                                                             "s: draw, "
                                                                       "copy to device, "
                                                                       "warm-up)").format(
        setup=result.setup_seconds))
    if len(result.repeat_seconds) > 1:
        spread = Spread.of(result.repeat_seconds)
        lines.append(translate("cli", "over {count} repeats: median {time}").format(
            count=len(spread.samples), time=spread.format()))
    if result.timing_note:
        lines.append(note_line(result.timing_note))
    threads = describe_threads(result.device_info)
    if threads:
        lines.append(threads)
    path = describe_path(result.device_info)
    if path:
        lines.append(path)
    backward = backward_line(result)
    if backward:
        lines.append(backward)
    lines.append(translate("cli", "iterations per second: {rate:,.0f}").format(
        rate=result.iterations_per_second))
    lines.append(f"GFLOP/s: {result.gflops:.1f}"
                 + (translate("cli", " (the training's own {training:.3f} s; the diagnostics took "
                                 "{diagnostics:.3f} s of the loop)").format(
                     training=result.training_seconds, diagnostics=result.diagnostics_seconds)
                    if result.diagnostics else ""))
    reached = result.time_to_target(target) if target is not None else None
    if reached is not None:
        lines.append(translate("cli", "time to {target}: {reached}").format(
            target=target.describe(), reached=reached.words()))
    if result.outcome == Outcome.DIVERGED:
        lines.append(translate("cli", "outcome: diverged (the last finite loss, at iteration {t}, "
                                      "was {loss:.4g})").format(t=result.diverged_at - 1,
                                                             loss=result.final_loss))
    elif result.outcome is not None:
        lines.append(translate("cli", "outcome: {outcome} (final loss {loss:.4g}, initial "
                                       "{initial:.4g})").format(
            outcome=result.outcome.word, loss=result.final_loss, initial=result.losses[0]))
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
    from engine.core.files import write_json

    if getattr(args, "json", None):
        write_json(args.json, record)
    if getattr(args, "csv", None) and table is not None:
        write_rows_csv(args.csv, *table)


def note_line(note: str) -> str:
    return translate("cli", "note: {note}").format(note=note)


def print_load(sentence: str) -> None:
    """A load sentence (engine.core.measure.load_sentence) as a note; nothing where it is empty."""
    if sentence:
        print(note_line(sentence))
