"""Words about runs, for every view of the history: legend entries, table cells, loop times
and endings, from the typed results, in the window's language."""

from __future__ import annotations

from engine.core.config import RunConfig
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.measure import Spread
from engine.core.result import RunResult, Status, status_word
from engine.core.settings import label_of
from session.history import Entry

# The fields the legend may name, in this order, when they differ between the shown runs.
LEGEND_FIELDS = (("learning_rate", "lr {:g}"), ("code", "{}"), ("device", "{}"), ("dtype", "{}"),
                 ("gpu_path", "{}"), ("threads", QT_TRANSLATE_NOOP("labels", "{} threads")),
                 ("seed", QT_TRANSLATE_NOOP("labels", "seed {}")),
                 ("train", QT_TRANSLATE_NOOP("labels", "train {}")),
                 ("n", "N={}"), ("d_in", "D_in={}"), ("hidden", "H={}"), ("d_out", "D_out={}"),
                 ("iterations", "{:,} it"), ("machine", "{}"))
# A thread setting in the legend where it is not a count above one ("{} threads" is).
THREADS_WORDS = {"auto": QT_TRANSLATE_NOOP("labels", "auto threads"),
                 1: QT_TRANSLATE_NOOP("labels", "1 thread")}
# The facts of another machine a run's tooltip names, in this order (a notebook's record).
MACHINE_FACTS = (("gpu_name", "GPU"), ("driver", QT_TRANSLATE_NOOP("labels", "driver")),
                 ("cuda", "CUDA"), ("cpu_model", "CPU"),
                 ("cores", QT_TRANSLATE_NOOP("labels", "cores")), ("numpy", "NumPy"),
                 ("cupy", "CuPy"), ("torch", "PyTorch"), ("python", "Python"),
                 ("host", QT_TRANSLATE_NOOP("labels", "host")))


def from_elsewhere(result: RunResult) -> bool:
    """Whether a run was trained on another machine (imported from a notebook's record)."""
    return "machine_label" in result.device_info


def machine_label(result: RunResult) -> str:
    """Where a run trained: "Colab · Tesla T4" (another machine's, marked "different draw"
    where its arrays are not this machine's draw), or "this machine"."""
    if not from_elsewhere(result):
        return translate("labels", "this machine")
    label = result.device_info["machine_label"] or translate("labels", "another machine")
    if result.device_info.get("different_draw"):
        label += translate("labels", ", different draw")
    return label


def elsewhere_label(result: RunResult, machine: bool = True) -> str:
    """A run from another machine as a race lane: "GPU (CuPy, the tutorial's port), Colab ·
    Tesla T4" (without `machine`, its lane alone: where a sentence names the machine)."""
    lane = result.device_info.get("lane") or result.config.device.upper()
    lane = translate("notebook", lane)  # an English notebook's lane, in the window's language
    return f"{lane}, {machine_label(result)}" if machine else lane


def machine_facts(result: RunResult) -> str:
    """A run from another machine, for its tooltip: that it was measured apart, and the
    machine's facts ("" for a run of this machine)."""
    if not from_elsewhere(result):
        return ""
    facts = result.device_info.get("machine", {})
    lines = [translate("labels", "Trained on another machine ({machine}), measured there: its "
                                 "times are that machine's.").format(
        machine=machine_label(result))]
    lines += [f"{translate('labels', name)}: {facts[key]}" for key, name in MACHINE_FACTS
              if facts.get(key) not in (None, "")]
    if result.device_info.get("different_draw"):
        lines.append(translate("labels", "Its arrays are not this machine's draw for its "
                                         "settings: its curve is another problem's."))
    elif result.device_info.get("different_draw", False) is None:
        lines.append(translate("labels", "Its draw was not compared with this machine's: too "
                                         "large to draw again here."))
    return "\n".join(lines)


def loop_time(result: RunResult) -> Spread:
    return Spread.of(result.repeat_seconds or [result.loop_seconds])


def ending(result: RunResult) -> str:
    if result.status == Status.DIVERGED:
        return translate("labels", "diverged at t={t}").format(t=result.diverged_at)
    outcome = result.outcome
    status = status_word(result.status)
    return f"{status}, {outcome.word}" if outcome else status


def run_value(result: RunResult, name: str):
    """A run's setting; for gpu_path, the path the GPU actually ran (None on a CPU)."""
    if name == "gpu_path":
        return result.device_info.get("gpu_path")
    if name == "machine":
        return machine_label(result)
    return getattr(result.config, name)


def legend_part(value, name: str, fmt: str) -> str:
    """One field of a legend entry: "lr 1e-06", "float32", "1 thread", "auto threads"."""
    if name == "threads" and value in THREADS_WORDS:
        return translate("labels", THREADS_WORDS[value])
    return translate("labels", fmt).format(value)


def legend_labels(entries: list[Entry]) -> dict[int, str]:
    """Short legend entries: the run number, the fields that differ between these runs, the
    loop time and how it ended."""
    varying = [(name, fmt) for name, fmt in LEGEND_FIELDS
               if len({str(run_value(e.result, name)) for e in entries}) > 1]
    labels = {}
    for entry in entries:
        result = entry.result
        parts = [f"#{entry.number}"]
        parts += [legend_part(run_value(result, name), name, fmt) for name, fmt in varying
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
    status = ending(result) if result.status == Status.DIVERGED else status_word(result.status)
    return f"lr {c.learning_rate:g}, {c.device} {c.dtype}, {seconds}, {status}"


def field_label(field: str) -> str:
    """A run's setting as the window names it ("Learning rate", not learning_rate)."""
    return label_of(RunConfig, field)
