"""Writing what the window shows: the plot as PNG, every run's losses as CSV, records as JSON."""

from __future__ import annotations

from pathlib import Path

from engine.files import write_json, write_rows_csv
from engine.result import Status

PLOT_FILE, LOSSES_FILE, RECORDS_FILE = "loss_plot.png", "losses.csv", "runs.json"


def run_label(record: dict) -> str:
    """A run's legend entry: learning rate, device, dtype, loop time and status."""
    c = record["config"]
    status = record["status"]
    if status == Status.DIVERGED:
        status = f"diverged at t={record['diverged_at']}"
    seconds = f"{record['loop_seconds']:.3g} s"
    repeats = record.get("repeat_seconds") or []
    if len(repeats) > 1:
        seconds += f" ({min(repeats):.3g}–{max(repeats):.3g}, ×{len(repeats)})"
    return f"lr {c['learning_rate']:g}, {c['device']} {c['dtype']}, {seconds}, {status}"


def write_losses_csv(path: Path, records: list[dict]) -> None:
    """Long format, one row per iteration of every run: run, label, iteration, loss."""
    write_rows_csv(path, ["run", "label", "iteration", "loss"],
                   ((record.get("run", index), run_label(record), t, repr(float(loss)))
                    for index, record in enumerate(records, start=1)  # the session's numbers
                    for t, loss in enumerate(record["losses"])))


def export_tool(folder: Path, name: str, widget, header: list[str], rows, record: dict
                ) -> list[Path]:
    """A lecture tool's chart (PNG), table (CSV) and result (JSON) into `folder`."""
    folder = Path(folder)
    if not folder.is_dir():
        raise OSError(f"{folder} is not a folder")
    paths = [folder / f"{name}.png", folder / f"{name}.csv", folder / f"{name}.json"]
    write_rows_csv(paths[1], header, rows)
    write_json(paths[2], record)
    if not widget.grab().save(str(paths[0]), "PNG"):
        raise OSError(f"could not write {paths[0]}")
    return paths


def export_all(folder: Path, records: list[dict], plot_widget) -> list[Path]:
    """Write the three files into `folder`; raises OSError when it cannot."""
    folder = Path(folder)
    if not folder.is_dir():
        raise OSError(f"{folder} is not a folder")
    paths = [folder / PLOT_FILE, folder / LOSSES_FILE, folder / RECORDS_FILE]
    write_losses_csv(paths[1], records)
    write_json(paths[2], records)
    if not plot_widget.grab().save(str(paths[0]), "PNG"):
        raise OSError(f"could not write {paths[0]}")
    return paths
