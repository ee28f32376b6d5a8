"""What leaves the engine: progress batches during a run, a result record after it."""

from __future__ import annotations

import base64
import math
import zlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from engine.core.config import RunConfig
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.target import TargetLoss


class Status(StrEnum):
    """How a run ended. A StrEnum: records and JSON carry the plain word."""

    COMPLETED = "completed"
    STOPPED = "stopped"  # by the user (or, with a message, forced: the process was ended)
    DIVERGED = "diverged"  # the loss became non-finite
    REFUSED = "refused"  # never started: bad settings, no GPU, not enough memory
    FAILED = "failed"  # an unexpected error inside the run
    CRASHED = "crashed"  # the process running it died


COMPLETED, STOPPED, DIVERGED = Status.COMPLETED, Status.STOPPED, Status.DIVERGED
# The words a user reads for the statuses and outcomes (records keep the English values).
WORDS = (QT_TRANSLATE_NOOP("status", "completed"), QT_TRANSLATE_NOOP("status", "stopped"),
         QT_TRANSLATE_NOOP("status", "diverged"), QT_TRANSLATE_NOOP("status", "refused"),
         QT_TRANSLATE_NOOP("status", "failed"), QT_TRANSLATE_NOOP("status", "crashed"),
         QT_TRANSLATE_NOOP("outcome", "learned"), QT_TRANSLATE_NOOP("outcome", "still falling"),
         QT_TRANSLATE_NOOP("outcome", "plateaued"), QT_TRANSLATE_NOOP("outcome", "unstable"),
         QT_TRANSLATE_NOOP("outcome", "diverged"))


def status_word(status: Status | str) -> str:
    """A status in the current language."""
    return translate("status", str(status))


# What the outcome words mean, measured on the tutorial's sizes (seed 0, 500 iterations): its
# own lr 1e-6 ends at 6e-14 of the initial loss (learned); the catapult's 2e-6 at 1.7e-5,
# falling 0.003 % over its last fifth (plateaued); lr 1e-8 at 0.11, still falling 25 % over
# its last fifth. A problem that cannot be fitted exactly (N=4096, D_in=8, H=4, lr 1e-5, 2000
# iterations) plateaus at 0.056 of its initial loss: its best fit, not a failure.
LEARNED_SHARE = 1e-6  # the final loss below this share of the initial: learned (near zero)
LEARNED_SHARE_WORDS = QT_TRANSLATE_NOOP("outcome", "a millionth")  # LEARNED_SHARE, in words
FLAT_SHARE = 0.2  # the last fifth of the run...
FLAT_CHANGE = 0.05  # ...falling by less than 5 %: plateaued


class Outcome(StrEnum):
    """What the run learned, whatever stopped it (from its losses alone)."""

    LEARNED = "learned"  # fell to near zero: below LEARNED_SHARE of the initial loss
    STILL_FALLING = "still falling"  # fell, and still falling over its last fifth
    PLATEAUED = "plateaued"  # fell, then flat, well above zero: a catapult's, or a best fit
    UNSTABLE = "unstable"  # finite, but the final loss is at least the initial one
    DIVERGED = "diverged"  # the loss became non-finite (at diverged_at)

    @property
    def word(self) -> str:
        """The outcome in the current language (the value stays the record's identifier)."""
        return translate("outcome", self.value)

    @property
    def fell(self) -> bool:
        """The final loss is below the initial one (learned, still falling or plateaued)."""
        return self in (Outcome.LEARNED, Outcome.STILL_FALLING, Outcome.PLATEAUED)


def classify(losses: np.ndarray, diverged: bool) -> Outcome | None:
    """The outcome of a run from its finite losses; None where no iteration completed."""
    if diverged:
        return Outcome.DIVERGED
    if not len(losses):
        return None
    first, last = float(losses[0]), float(losses[-1])
    if not last < first:
        return Outcome.UNSTABLE
    if last < LEARNED_SHARE * first:
        return Outcome.LEARNED
    earlier = float(losses[int((1 - FLAT_SHARE) * (len(losses) - 1))])
    if earlier > 0 and (earlier - last) / earlier >= FLAT_CHANGE:
        return Outcome.STILL_FALLING
    return Outcome.PLATEAUED


@dataclass(frozen=True)
class Progress:
    """A batch of finished iterations: host arrays, never device arrays."""

    first_iteration: int  # index t of losses[0] (0-based, as the tutorial counts)
    losses: np.ndarray  # float64, one per iteration from first_iteration on
    elapsed_seconds: float  # loop time so far
    iterations_completed: int
    iterations_total: int
    # engine.numerics.diagnostics.Diagnostics.since: the same iterations
    diagnostics: dict | None = None

    @property
    def iterations(self) -> np.ndarray:
        """The iteration indices t of the losses (made on demand: not sent between processes)."""
        return np.arange(self.first_iteration, self.first_iteration + len(self.losses))


# Losses stored compressed (a kept session's runs): float64 little-endian bytes, zlib, base64.
LOSSES_ENCODING = "float64-zlib-base64"


def encode_losses(losses: np.ndarray) -> dict[str, Any]:
    """The losses as a compact JSON value; decode_losses gives them back bit for bit."""
    data = np.ascontiguousarray(losses, dtype="<f8").tobytes()
    return {"encoding": LOSSES_ENCODING, "count": len(data) // 8,
            "data": base64.b64encode(zlib.compress(data, 1)).decode("ascii")}


def decode_losses(value: Any) -> np.ndarray:
    """A record's losses: a list of numbers (Export, --json) or encode_losses' value."""
    if isinstance(value, dict):
        if value.get("encoding") != LOSSES_ENCODING:
            raise ValueError(f"losses encoded as {value.get('encoding')!r}, not "
                             f"{LOSSES_ENCODING}")
        raw = zlib.decompress(base64.b64decode(value["data"], validate=True))
        losses = np.frombuffer(raw, dtype="<f8").astype(np.float64)
        if len(losses) != int(value["count"]):
            raise ValueError(f"{len(losses)} losses where the record says {value['count']}")
        return losses
    return np.asarray(value, dtype=np.float64)


@dataclass(frozen=True)
class Reached:
    """When a run first reached its target: the iteration t and the seconds into the loop at
    its end; `iteration` None: never reached (a diverged run counts as never)."""

    iteration: int | None
    seconds: float | None
    loss: float  # the target, as a loss

    @property
    def reached(self) -> bool:
        return self.iteration is not None

    def words(self) -> str:
        """"t = 123, 0.045 s", or "not reached"."""
        if self.iteration is None:
            return translate("target", "not reached")
        return f"t = {self.iteration}, {self.seconds:.3g} s"

    def to_dict(self) -> dict:
        return {"loss": self.loss, "iteration": self.iteration, "seconds": self.seconds}


@dataclass
class RunResult:
    config: RunConfig
    status: Status
    iterations_completed: int
    diverged_at: int | None
    losses: np.ndarray
    setup_seconds: float
    loop_seconds: float
    device_info: dict[str, Any] = field(default_factory=dict)
    message: str = ""  # why it ended so, where the status alone does not say (forced, crashed)
    diagnostics: dict | None = None  # engine.numerics.diagnostics record, when the run asked for it
    timing_note: str = ""  # set when other programs loaded the machine during the loop
    repeat_seconds: list[float] = field(default_factory=list)  # every repeat's loop time
    # (iterations done, loop seconds) at each progress batch: when each loss was known
    checkpoints: list[tuple[int, float]] = field(default_factory=list)
    load: float | None = None  # other programs' CPU (cores) during the loop; None: too short
    # The matrix products one backward pass ran, counted at one iteration (engine.backends.codes)
    backward_products: int | None = None

    def iteration_seconds(self, at: np.ndarray | None = None) -> np.ndarray:
        """Seconds into the loop at which each iteration ended (or iterations `at` only),
        interpolated between the progress batches (the x axis of a race, and of the Training
        plot in seconds)."""
        count = self.iterations_completed
        done = np.array([0] + [c[0] for c in self.checkpoints] + [count], dtype=np.float64)
        elapsed = np.array([0.0] + [c[1] for c in self.checkpoints] + [self.loop_seconds])
        order = np.argsort(done, kind="stable")
        ended = np.arange(1, count + 1) if at is None else np.asarray(at) + 1
        return np.interp(ended, done[order], elapsed[order])

    @property
    def outcome(self) -> Outcome | None:
        """learned, still falling, plateaued, unstable or diverged (engine.core.result.classify);
        None where no iteration completed."""
        return classify(self.losses, self.status == Status.DIVERGED)

    @property
    def iterations_per_second(self) -> float:
        if self.loop_seconds <= 0:
            return 0.0
        return self.iterations_completed / self.loop_seconds

    @property
    def diagnostics_seconds(self) -> float:
        """The loop time the diagnostics took (0 without them)."""
        return float((self.diagnostics or {}).get("seconds", 0.0))

    @property
    def training_seconds(self) -> float:
        """The loop time less the diagnostics': the training's own arithmetic."""
        return max(self.loop_seconds - self.diagnostics_seconds, 0.0)

    @property
    def gflops(self) -> float:
        """The training's arithmetic per second of its own time (diagnostics' time apart)."""
        if self.training_seconds <= 0:
            return 0.0
        work = self.config.flops_per_iteration * self.iterations_completed
        return work / self.training_seconds / 1e9

    @property
    def final_loss(self) -> float | None:
        return float(self.losses[-1]) if len(self.losses) else None

    def time_to_target(self, target: TargetLoss) -> Reached | None:
        """The first iteration whose loss is at or below the target, and the seconds into the
        loop when it ended; never reached where no loss got there or the run diverged (a
        divergence is not a way to a low loss). None where the run has no loss at all."""
        if not len(self.losses) or not math.isfinite(float(self.losses[0])):
            return None
        goal = target.loss_for(float(self.losses[0]))
        if self.status == Status.DIVERGED:
            return Reached(None, None, goal)
        hits = np.flatnonzero(self.losses <= goal)
        if not len(hits):
            return Reached(None, None, goal)
        t = int(hits[0])
        return Reached(t, float(self.iteration_seconds(np.array([t]))[0]), goal)

    def to_dict(self, compressed: bool = False, arrays: bool = True) -> dict[str, Any]:
        """The record as JSON-ready plain values; `compressed`: the losses as encode_losses
        gives them (a kept session's), not a list; `arrays=False`: without the fields that
        grow with the iterations, the losses and the checkpoints (90 ms of lists at 2,000,000
        iterations)."""
        return {
            "config": self.config.to_dict(),
            "status": str(self.status),
            "outcome": str(self.outcome) if self.outcome is not None else None,
            "iterations_completed": self.iterations_completed,
            "diverged_at": self.diverged_at,
            **({"losses": encode_losses(self.losses) if compressed  # a list: at C speed
                else np.asarray(self.losses, dtype=np.float64).tolist()} if arrays else {}),
            "setup_seconds": self.setup_seconds,
            "loop_seconds": self.loop_seconds,
            "iterations_per_second": self.iterations_per_second,
            "gflops": self.gflops,
            "device_info": dict(self.device_info),
            "message": self.message,
            "timing_note": self.timing_note,
            "load": self.load,
            "repeat_seconds": list(self.repeat_seconds),
            **({"checkpoints": [list(c) for c in self.checkpoints]} if arrays else {}),
            "backward_products": self.backward_products,
            **({"diagnostics": self.diagnostics} if self.diagnostics is not None else {}),
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> RunResult:
        return cls(
            config=RunConfig.from_dict(record["config"]),
            status=Status(record["status"]),
            iterations_completed=int(record["iterations_completed"]),
            diverged_at=record.get("diverged_at"),
            losses=decode_losses(record.get("losses", [])),
            setup_seconds=float(record["setup_seconds"]),
            loop_seconds=float(record["loop_seconds"]),
            device_info=dict(record.get("device_info", {})),
            message=str(record.get("message", "")),
            diagnostics=record.get("diagnostics"),
            timing_note=str(record.get("timing_note", "")),
            load=record.get("load"),
            repeat_seconds=[float(v) for v in record.get("repeat_seconds", [])],
            checkpoints=[(int(d), float(e)) for d, e in record.get("checkpoints", [])],
            backward_products=record.get("backward_products"),
        )

    @classmethod
    def cut_short(cls, config: RunConfig, status: Status, losses: np.ndarray,
                  loop_seconds: float, message: str) -> RunResult:
        """The record of a run whose process ended mid-run (crashed, or stopped by force): the
        losses that had arrived, and the loop time of the last progress report."""
        return cls(config=config, status=status, iterations_completed=len(losses),
                   diverged_at=None, losses=losses, setup_seconds=0.0,
                   loop_seconds=loop_seconds, message=message)

    @classmethod
    def not_run(cls, config: RunConfig, status: Status, message: str) -> RunResult:
        """The record of a run that never trained (refused) or left nothing (failed)."""
        return cls(config, status, 0, None, np.empty(0), 0.0, 0.0, message=message)



class RecordError(ValueError):
    """A file that holds no run records of this program: the reason, in one line."""


SESSION_FORMAT, SESSION_VERSION = "backprop-lab-session", 1  # a kept session's file
# The record an exported notebook or script writes on another machine (engine.tools.notebook):
# its lanes' runs, that machine's facts and the draw it trained on.
NOTEBOOK_FORMAT, NOTEBOOK_VERSION = "backprop-lab-notebook", 1
FORMATS = {SESSION_FORMAT: SESSION_VERSION, NOTEBOOK_FORMAT: NOTEBOOK_VERSION}
# The largest draw an import redoes to compare with a record's (bytes): a record's settings
# are not trusted to make the importer draw gigabytes.
DRAW_CHECK_LIMIT = 256_000_000


def read_records(text: str) -> list[RunResult]:
    """Run records from JSON as this program writes them: one record (`run --json`, a window's
    --json), a list of them (the window's runs.json), or a kept session (its runs). Anything
    else is refused whole, in one line."""
    import json

    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RecordError(translate("records", "not JSON ({error})").format(error=exc)) from None
    elsewhere = None  # a notebook's record: the machine and the draw of its runs
    if isinstance(data, dict) and "format" in data:
        if data.get("format") not in FORMATS:
            raise RecordError(translate("records", "its format {format} is not one this program "
                                                   "writes").format(format=data.get("format")))
        if data.get("version") != FORMATS[data["format"]]:
            raise RecordError(translate("records", "it is version {version} of the {format} "
                                                   "format; this program reads version "
                                                   "{known}").format(
                version=data.get("version"), format=data["format"],
                known=FORMATS[data["format"]]))
        if data["format"] == NOTEBOOK_FORMAT:
            elsewhere = _from_elsewhere(data)
        data = data.get("runs")
        if not isinstance(data, list):
            raise RecordError(translate("records", "it holds no run records"))
    records = data if isinstance(data, list) else [data]
    if not records:
        raise RecordError(translate("records", "it holds no run records"))
    results = []
    for index, record in enumerate(records, start=1):
        where = (translate("records", "record {index}").format(index=index) if len(records) > 1
                 else translate("records", "the record"))
        if not isinstance(record, dict) or not {"config", "status", "losses",
                                                "loop_seconds"} <= set(record):
            raise RecordError(translate("records", "{where} is not a run record of this program "
                                                   "(it needs config, status, losses and "
                                                   "loop_seconds)").format(where=where))
        try:
            result = RunResult.from_dict(record)
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordError(translate("records", "{where} does not read as a run record: "
                                                   "{error}").format(where=where,
                                                                     error=exc)) from None
        times = [result.loop_seconds, result.setup_seconds, *result.repeat_seconds]
        if not all(math.isfinite(v) and v >= 0 for v in times) or \
                result.iterations_completed < 0:
            raise RecordError(translate("records", "{where} has a negative or non-finite time or "
                                                   "iteration count").format(where=where))
        if len(result.losses) != result.iterations_completed:
            raise RecordError(translate("records", "{where} has {losses} losses for {iterations} "
                                                   "iterations").format(
                where=where, losses=len(result.losses), iterations=result.iterations_completed))
        if elsewhere is not None:
            result.device_info.update(elsewhere)
        results.append(result)
    if elsewhere is not None:
        _mark_draw(results)
    return results


def _from_elsewhere(data: dict[str, Any]) -> dict[str, Any]:
    """What a notebook's record says of where its runs trained: the machine's facts and
    label ("Colab · Tesla T4"), and the draw's method and fingerprint."""
    machine, draw = data.get("machine"), data.get("draw")
    if not isinstance(machine, dict) or not isinstance(draw, dict) or \
            not isinstance(draw.get("sha256"), str):
        raise RecordError(translate("records", "the notebook's record has no machine or draw"))
    label = str(machine.get("label") or machine.get("place") or "")
    return {"machine": {str(k): v for k, v in machine.items()}, "machine_label": label,
            "draw": {"method": str(draw.get("method", "")), "sha256": draw["sha256"]}}


def _mark_draw(results: list[RunResult]) -> None:
    """A run from elsewhere whose arrays are not this machine's draw for its settings is
    marked different_draw (it still imports: its curve is another problem's)."""
    from engine.core.problem import draw_problem, draw_sha256

    local: dict[tuple, str | None] = {}
    for result in results:
        c = result.config
        key = (c.n, c.d_in, c.hidden, c.d_out, c.seed)
        if key not in local:  # a draw too large to redo here is not checked (None)
            elements = c.n * (c.d_in + c.d_out) + c.hidden * (c.d_in + c.d_out)
            local[key] = draw_sha256(draw_problem(c)) if 8 * elements <= DRAW_CHECK_LIMIT \
                else None
        result.device_info["different_draw"] = (
            None if local[key] is None else result.device_info["draw"]["sha256"] != local[key])

