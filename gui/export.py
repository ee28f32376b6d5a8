"""Writing what the window shows: the plot as PNG, every run's losses as CSV, records as JSON."""

from __future__ import annotations

from pathlib import Path

from engine.core.files import write_json, write_rows_csv
from session.history import Entry
from session.labels import run_label

PLOT_FILE, LOSSES_FILE, RECORDS_FILE = "loss_plot.png", "losses.csv", "runs.json"


def write_losses_csv(path: Path, entries: list[Entry]) -> None:
    """Long format, one row per iteration of every run: run (the session's number), label,
    iteration, loss."""
    write_rows_csv(path, ["run", "label", "iteration", "loss"],
                   ((entry.number, run_label(entry.result), t, repr(float(loss)))
                    for entry in entries for t, loss in enumerate(entry.result.losses)))


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


def export_all(folder: Path, entries: list[Entry], plot_widget) -> list[Path]:
    """Write the three files into `folder` (the records as JSON: the edge where the typed
    results become dicts); raises OSError when it cannot."""
    folder = Path(folder)
    if not folder.is_dir():
        raise OSError(f"{folder} is not a folder")
    paths = [folder / PLOT_FILE, folder / LOSSES_FILE, folder / RECORDS_FILE]
    write_losses_csv(paths[1], entries)
    write_json(paths[2], [entry.record() for entry in entries])
    if not plot_widget.grab().save(str(paths[0]), "PNG"):
        raise OSError(f"could not write {paths[0]}")
    return paths
