"""The session's runs, held once: every view (the loss plot, the run table, the legend, export)
reads this one list of typed results, and hears of its changes. No Qt here: it is tested
without a window, and nothing keeps a second list in sync by run number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from engine.core.result import RunResult

# What one kept loss costs, all views together: the record's float64 (8 bytes), and the loss
# plot's two series of it, against the iteration and against seconds, x and y each as
# float64 (32 bytes). 25 M losses are then about 1 GB.
BYTES_PER_LOSS = 40
KEPT_LOSSES = 25_000_000
KEPT_RUNS = 500  # ...and at most this many runs (each costs ~0.2 MB of plot and table besides)


class Change(StrEnum):
    """What a listener hears, with the run numbers concerned."""

    ADDED = "added"
    REMOVED = "removed"
    SHOWN = "shown"  # shown or hidden on the plot: read `Entry.shown`
    BASELINE = "baseline"  # the speedup column's baseline changed


@dataclass
class Entry:
    """One run of the session: its number (as the session counts), its result, and whether the
    plot shows it."""

    number: int
    result: RunResult
    shown: bool = True

    def record(self, arrays: bool = True) -> dict:
        """The run as a record for files and scripts (the edge where dicts are made);
        `arrays=False`: without the losses and checkpoints (RunResult.to_dict)."""
        return {**self.result.to_dict(arrays=arrays), "run": self.number}


class RunRecord(Mapping):
    """A finished run's record as the window announces it: Entry.record(), read as a mapping,
    whose lists of losses and checkpoints are made only when something reads them (90 ms of
    the GUI thread at 2,000,000 iterations, for a record a window without --json never reads
    whole). dict(record) is the whole record."""

    def __init__(self, entry: Entry):
        self._entry = entry
        self._fields = entry.record(arrays=False)
        self._whole: dict | None = None

    def _record(self) -> dict:
        if self._whole is None:
            self._whole = self._entry.record()
        return self._whole

    def __getitem__(self, key: str) -> Any:
        if key in self._fields:
            return self._fields[key]
        return self._record()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._record())

    def __len__(self) -> int:
        return len(self._record())


Listener = Callable[[Change, list[int]], None]


class RunHistory:
    def __init__(self, kept_runs: int = KEPT_RUNS, kept_losses: int = KEPT_LOSSES):
        self.entries: list[Entry] = []
        self.baseline: int | None = None
        self.kept_runs, self.kept_losses = kept_runs, kept_losses
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _tell(self, change: Change, numbers: list[int]) -> None:
        for listener in self._listeners:
            listener(change, numbers)

    # --- reading ---------------------------------------------------------------------------

    def get(self, number: int) -> Entry | None:
        return next((entry for entry in self.entries if entry.number == number), None)

    def numbers(self) -> list[int]:
        return [entry.number for entry in self.entries]

    def shown(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.shown]

    @property
    def loss_count(self) -> int:
        return sum(len(entry.result.losses) for entry in self.entries)

    @property
    def bytes(self) -> int:
        """What the kept losses cost, every view together."""
        return BYTES_PER_LOSS * self.loss_count

    def baseline_entry(self) -> Entry | None:
        return self.get(self.baseline) if self.baseline is not None else None

    # --- changing ----------------------------------------------------------------------------

    def add(self, number: int, result: RunResult, shown: bool = True) -> list[int]:
        """Keep a finished run; the oldest go where the bounds are passed (their numbers are
        returned, and removed as any removal is)."""
        self.entries.append(Entry(number, result, shown))
        self._tell(Change.ADDED, [number])
        dropped = []
        while len(self.entries) > self.kept_runs or (
                len(self.entries) > 1 and self.loss_count > self.kept_losses):
            dropped.append(self.entries[0].number)
            self.remove([self.entries[0].number])
        return dropped

    def remove(self, numbers: list[int]) -> None:
        numbers = [n for n in numbers if self.get(n) is not None]
        if not numbers:
            return
        self.entries = [entry for entry in self.entries if entry.number not in numbers]
        if self.baseline in numbers:
            self.baseline = None
        self._tell(Change.REMOVED, numbers)

    def clear(self) -> None:
        self.remove(self.numbers())

    def set_shown(self, number: int, shown: bool) -> None:
        entry = self.get(number)
        if entry is not None and entry.shown != shown:
            entry.shown = shown
            self._tell(Change.SHOWN, [number])

    def show_at_most(self, limit: int) -> list[int]:
        """Hide the oldest shown runs beyond `limit`, so that the plot stays readable (the
        table still lists them, and a tick brings them back); returns their numbers."""
        hidden = [entry.number for entry in self.shown()[:-limit]] if limit > 0 else []
        for number in hidden:
            self.set_shown(number, False)
        return hidden

    def set_baseline(self, number: int | None) -> None:
        if number is None or self.get(number) is not None:
            self.baseline = number
            self._tell(Change.BASELINE, [] if number is None else [number])
