"""The project's files: where they are (project_path, the one helper for every module that reads
a file of the project: the codes' sources, the catalogs, the presets), and writing results, JSON
records and CSV rows, for the command line and the window alike."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]  # engine/core/files.py → the project's folder


def project_path(*parts: str) -> Path:
    """A file or folder of the project, by its path from the project's folder."""
    return PROJECT.joinpath(*parts)


def write_json(path: Path, data: Any) -> None:
    Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def write_rows_csv(path: Path, header: list[str], rows: Iterable) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
