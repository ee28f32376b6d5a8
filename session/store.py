"""Kept sessions: every run a window keeps goes on disk as it ends, one session file per window
start, so that a closed window or a dead battery loses nothing. No Qt here.

A session file is the record format that Export and Import use (engine.core.result), in a
wrapper that names its format and version, with the losses compressed (encode_losses) and the
lecture tools' records beside the runs. Every write is atomic: a temporary file beside it,
fsync, then rename over the old one; a power cut leaves the previous file whole. Writes are
made by one background thread, latest state first (a write asked for while one is going
replaces any that waits), so that neither a run's loop nor the window waits for the disk.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from engine.core.result import (
    SESSION_FORMAT,
    SESSION_VERSION,
    RecordError,
    RunResult,
    read_records,
)

DATA_ENV = "BACKPROP_LAB_DATA"  # a folder for kept sessions instead of the user's (tests)
SUFFIX = ".session.json"
DEFAULT_LIMIT_BYTES = 1 << 30  # beyond this, the oldest sessions are offered for deletion
STAMP = "%Y%m%d-%H%M%S"


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader (or a power cut) sees the old file or the new
    one, never part of one: a temporary file in the same folder, fsync, rename, fsync of the
    folder."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def run_text(number: int, result: RunResult) -> str:
    """One kept run as JSON: its record (as Export writes it) with the losses compressed."""
    return json.dumps({**result.to_dict(compressed=True), "run": number})


def session_text(started: datetime, runs: list[str], tools: list[str]) -> str:
    return (f'{{"format": "{SESSION_FORMAT}", "version": {SESSION_VERSION}, '
            f'"started": "{started.isoformat(timespec="seconds")}",\n'
            f'"runs": [{",".join(runs)}],\n"tools": [{",".join(tools)}]}}\n')


@dataclass
class SessionInfo:
    """A kept session as the window lists it; `problem` says why an unreadable one is."""

    path: Path
    started: datetime | None
    runs: int = 0
    tools: int = 0
    size: int = 0
    problem: str = ""

    @property
    def readable(self) -> bool:
        return not self.problem


@dataclass
class Session:
    """A kept session read whole: its runs (numbers as they were) and tools' records."""

    started: datetime | None
    runs: list[tuple[int, RunResult]]
    tools: list[dict]


def read_session(path: Path) -> Session:
    """A kept session, or RecordError (one line) where any part of it does not read: never
    loaded in part."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RecordError(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise RecordError("not a session file of this program")
    runs = data.get("runs")
    results = read_records(text) if runs else []
    numbers = [r.get("run") if isinstance(r, dict) else None for r in runs or []]
    tools = data.get("tools", [])
    if not isinstance(tools, list) or not all(isinstance(t, dict) for t in tools):
        raise RecordError("its tools' records are not a list of records")
    try:
        started = datetime.fromisoformat(str(data.get("started")))
    except ValueError:
        started = None
    return Session(started, [(n if isinstance(n, int) else i + 1, r)
                             for i, (n, r) in enumerate(zip(numbers, results, strict=True))],
                   tools)


def session_files(folder: Path) -> list[Path]:
    """The folder's session files, newest first (by the start in their names)."""
    if not Path(folder).is_dir():
        return []
    return sorted(Path(folder).glob(f"*{SUFFIX}"), key=lambda p: p.name, reverse=True)


def describe(path: Path) -> SessionInfo:
    """A kept session as the window lists it, read whole (so that an unreadable one is listed
    so) once per version of the file: File → Recent sessions asks each time it opens, and an
    earlier session does not change."""
    try:
        stat = Path(path).stat()
    except OSError:
        return _describe(Path(path), (), 0)
    return _describe(Path(path), (stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns), stat.st_size)


@lru_cache(maxsize=64)
def _describe(path: Path, _version: tuple, size: int) -> SessionInfo:
    try:
        session = read_session(path)
    except RecordError as exc:
        return SessionInfo(path, None, size=size, problem=str(exc) or "unreadable")
    return SessionInfo(path, session.started, len(session.runs), len(session.tools), size)


def over_limit(folder: Path, limit: int, keep: Path | None = None) -> list[Path]:
    """The oldest session files whose deletion brings the folder under `limit` bytes (the
    one being written, `keep`, never among them)."""
    files = [p for p in session_files(folder) if p != keep]
    total = sum(p.stat().st_size for p in files) + (keep.stat().st_size
                                                    if keep is not None and keep.exists() else 0)
    chosen = []
    for path in reversed(files):  # oldest first
        if total <= limit:
            break
        chosen.append(path)
        total -= path.stat().st_size
    return chosen


class SessionStore:
    """The session file of one window start. `keep_runs` and `keep_tool` ask for a write;
    `written(error)` is called from the writer thread after each (None where it went well)."""

    def __init__(self, folder: Path, written: Callable[[OSError | None], None] | None = None,
                 started: datetime | None = None):
        self.folder = Path(folder)
        self.started = started or datetime.now()
        # Unique even for two windows of one process started in the same second (tests do).
        self.path = self.folder / (f"{self.started.strftime(STAMP)}-{self.started.microsecond:06d}"
                                   f"-{os.getpid()}{SUFFIX}")
        self.written = written
        self._runs: list[tuple[int, RunResult]] = []
        self._tools: list[str] = []
        self._texts: dict[tuple[int, int], str] = {}  # (number, id(result)) → run_text
        self._condition = threading.Condition()
        self._asked = self._done = 0  # writes asked for, and the last one finished
        self._closed = False
        self._thread = threading.Thread(target=self._write_loop, name="session-store",
                                        daemon=True)
        self._thread.start()

    # --- asked by the window ---------------------------------------------------------------

    def keep_runs(self, runs: list[tuple[int, RunResult]]) -> None:
        """The session's runs as they now are (numbers and results), written soon."""
        with self._condition:
            self._runs = list(runs)
            self._ask()

    def keep_tool(self, record: dict) -> None:
        """A lecture tool's record (numbers, as record_of gives it), kept beside the runs."""
        text = json.dumps(record)
        with self._condition:
            self._tools.append(text)
            self._ask()

    def adopt(self, path: Path) -> None:
        """Go on writing into an earlier session's file (the window reopened it while its own
        session had nothing yet): this start's own file is not made."""
        with self._condition:
            if self._done == self._asked and self.path.exists() and not self._runs:
                self.path.unlink(missing_ok=True)
            self.path = Path(path)
            self._tools = [json.dumps(t) for t in read_session(path).tools]

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write asked for is done; False where `timeout` passed first."""
        with self._condition:
            return self._condition.wait_for(lambda: self._done >= self._asked, timeout)

    def close(self, timeout: float | None = 10.0) -> None:
        self.flush(timeout)
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    # --- the writer thread -------------------------------------------------------------------

    def _ask(self) -> None:
        self._asked += 1
        self._condition.notify_all()

    def _write_loop(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._closed or self._done < self._asked)
                if self._closed:
                    return
                asked, runs, tools, path = self._asked, list(self._runs), list(self._tools), \
                    self.path
            error = None
            try:
                texts = []
                for number, result in runs:  # each run encoded once, however often written
                    key = (number, id(result))
                    if key not in self._texts:
                        self._texts[key] = run_text(number, result)
                    texts.append(self._texts[key])
                live = {(n, id(r)) for n, r in runs}
                for key in [k for k in self._texts if k not in live]:
                    del self._texts[key]
                self.folder.mkdir(parents=True, exist_ok=True)
                write_atomic(path, session_text(self.started, texts, tools))
            except OSError as exc:
                error = exc
            with self._condition:
                self._done = asked
                self._condition.notify_all()
            if self.written is not None:
                self.written(error)
