"""Words about runs, for every view of the history: legend entries, table cells, loop times
and endings, from the typed results. No Qt."""

from __future__ import annotations

from engine.measure import Spread
from engine.result import RunResult, Status
from gui.history import Entry

# The fields the legend may name, in this order, when they differ between the shown runs.
LEGEND_FIELDS = (("learning_rate", "lr {:g}"), ("code", "{}"), ("device", "{}"), ("dtype", "{}"),
                 ("gpu_path", "{}"), ("threads", "{} threads"), ("seed", "seed {}"),
                 ("train", "train {}"),
                 ("n", "N={}"), ("d_in", "D_in={}"), ("hidden", "H={}"), ("d_out", "D_out={}"),
                 ("iterations", "{} it"))


def loop_time(result: RunResult) -> Spread:
    return Spread.of(result.repeat_seconds or [result.loop_seconds])


def ending(result: RunResult) -> str:
    if result.status == Status.DIVERGED:
        return f"diverged at t={result.diverged_at}"
    outcome = result.outcome
    return f"{result.status}, {outcome}" if outcome else str(result.status)


def run_value(result: RunResult, name: str):
    """A run's setting; for gpu_path, the path the GPU actually ran (None on a CPU)."""
    if name == "gpu_path":
        return result.device_info.get("gpu_path")
    return getattr(result.config, name)


def legend_labels(entries: list[Entry]) -> dict[int, str]:
    """Short legend entries: the run number, the fields that differ between these runs, the
    loop time and how it ended."""
    varying = [(name, fmt) for name, fmt in LEGEND_FIELDS
               if len({str(run_value(e.result, name)) for e in entries}) > 1]
    labels = {}
    for entry in entries:
        result = entry.result
        parts = [f"#{entry.number}"]
        parts += [fmt.format(run_value(result, name)) for name, fmt in varying
                  if run_value(result, name) is not None]
        parts.append(loop_time(result).format())
        if result.status != Status.COMPLETED:
            parts.append(ending(result))
        labels[entry.number] = ", ".join(parts)
    return labels


def run_label(result: RunResult) -> str:
    """A run's full label (a lone curve's legend, the export's CSV): learning rate, device,
    dtype, loop time and how it ended."""
    c = result.config
    seconds = f"{result.loop_seconds:.3g} s"
    repeats = result.repeat_seconds
    if len(repeats) > 1:
        seconds += f" ({min(repeats):.3g}–{max(repeats):.3g}, ×{len(repeats)})"
    status = (f"diverged at t={result.diverged_at}" if result.status == Status.DIVERGED
              else str(result.status))
    return f"lr {c.learning_rate:g}, {c.device} {c.dtype}, {seconds}, {status}"
