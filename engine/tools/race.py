"""The device race: one configuration on two or more targets, in turn, from one draw."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from engine.backends.codes import NAMES
from engine.core.config import CODES, GPU_PATHS, ConfigError, RunConfig
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.measure import (
    BUSY_CORES,
    MAX_PAIRS,
    MIN_PAIRS,
    Comparison,
    Settled,
    Spread,
    alternate,
    compare,
    load_figure,
)
from engine.core.result import STOPPED, Progress, RunResult, Status, status_word
from engine.core.target import TargetLoss
from engine.machine.devices import MLX_EXTRA, TORCH_EXTRA, code_refusal, describe_path, probe_gpu
from engine.machine.threads import physical_cores, thread_count
from engine.run.train import train


@dataclass(frozen=True)
class Target:
    """Where a run goes: a label for the audience and the settings that differ."""

    label: str
    device: str = "cpu"
    dtype: str | None = None  # None: the configuration's
    threads: int | str = "auto"
    gpu_path: str | None = None  # None: the configuration's
    code: str | None = None  # None: the configuration's

    def apply(self, config: RunConfig) -> RunConfig:
        """The race times the loop: diagnostics (which multiply its time) stay off."""
        return replace(config, device=self.device, dtype=self.dtype or config.dtype,
                       threads=self.threads, diagnostics=False,
                       gpu_path=self.gpu_path or config.gpu_path,
                       code=self.code or config.code)


# What a race can compare (race --compare, the race tab's combo).
COMPARISONS = ("device", "dtype", "gpu-path", "code")
GPU_PATH_LABELS = {"port": QT_TRANSLATE_NOOP("race", "GPU, the tutorial's CuPy port"),
                   "fused": QT_TRANSLATE_NOOP("race", "GPU, fused step"),
                   "graph": QT_TRANSLATE_NOOP("race", "GPU, CUDA graph")}


def default_targets(compare: str = "device",
                    gpu_available: bool | None = None) -> tuple[Target, ...]:
    """CPU vs GPU where a GPU can be used; else CPU with 1 thread vs all threads.
    compare="dtype": float64 vs float32 (and tf32 on a GPU) on the best device here;
    compare="gpu-path": the three GPU paths (a GPU is needed). `gpu_available`: what a probe
    already said (None: probe now)."""
    gpu = probe_gpu().available if gpu_available is None else gpu_available
    if compare == "gpu-path":
        if not gpu:
            reason = (probe_gpu().reason if gpu_available is None
                      else translate("race", "no GPU can be used here"))
            raise ConfigError("compare", translate("race", "racing the GPU paths needs a GPU "
                                                         "({reason})").format(reason=reason))
        return tuple(Target(translate("race", GPU_PATH_LABELS[path]), "gpu", gpu_path=path)
                     for path in GPU_PATHS)
    if compare == "dtype":
        device = "gpu" if gpu else "cpu"
        name = device.upper()
        dtypes = ("float64", "float32", "tf32") if gpu else ("float64", "float32")
        return tuple(Target(f"{name} {dtype}", device, dtype) for dtype in dtypes)
    if gpu:
        return Target("CPU (NumPy)", "cpu"), Target("GPU (CuPy)", "gpu")
    # One thread against every physical core, both counts named: what two BLAS threads gain,
    # or lose where another program holds a core (the verdict then says so).
    cores = physical_cores()
    if cores == 1:
        raise ConfigError("compare", translate("race", "this machine has one physical core and no "
                                                       "GPU: there are no two CPU configurations "
                                                       "to race"))
    return (Target(translate("race", "CPU, 1 thread"), threads=1),
            Target(translate("race", "CPU, {cores} threads (all physical "
                                     "cores)").format(cores=cores),
                   threads=cores))


def race_lanes(compare: str, config: RunConfig, threads=None, device=None, gpu_path=None,
               gpu_available: bool | None = None) -> tuple[Target, ...]:
    """The lanes of a race, with the settings given (None: not given) applied or refused,
    never silently dropped: with compare="dtype" all lanes use the given device and threads;
    with compare="device" and no GPU, threads K makes the second lane K threads (against 1);
    device "gpu" needs a GPU; compare="gpu-path" races the three GPU paths, which gpu_path and
    threads cannot set. The command line and the race tab share this policy; a refusal is a
    ConfigError naming the setting."""
    from engine.run.train import check_device

    if compare == "code":  # each code's lane on the GPU where that code can use it
        return code_targets(config, threads, device)
    if device == "gpu":
        check_device(config)  # refused in words where no GPU can be used
    if compare == "gpu-path":
        for name, given in (("device", device not in (None, "gpu")),
                            ("threads", threads not in (None, "auto")),
                            ("gpu_path", gpu_path is not None)):
            if given:
                raise ConfigError(name, translate("race", "race --compare gpu-path runs the three "
                                                          "GPU paths on the GPU; leave it out"))
    targets = default_targets(compare, gpu_available)
    if compare == "gpu-path":
        return targets
    if compare == "dtype":
        return tuple(Target(t.label if device is None and threads is None else
                            f"{config.device.upper()} {t.dtype}"
                            + (f", {thread_count(threads)}"
                               if threads not in (None, "auto") else ""),
                            config.device if device is not None else t.device, t.dtype,
                            threads if threads is not None else t.threads) for t in targets
                     if not (t.dtype == "tf32" and device == "cpu"))  # tf32 needs a GPU
    if device is not None:
        raise ConfigError("device", translate("race", "race --compare device runs both CPU and GPU "
                                                      "(or, without a GPU, two CPU thread counts); "
                                                      "leave the device out, or compare dtypes"))
    if threads not in (None, "auto"):
        gpu = probe_gpu().available if gpu_available is None else gpu_available
        if gpu:
            return (Target(translate("race", "CPU, {threads} threads").format(threads=threads),
                           threads=threads), targets[1])
        if threads == 1:
            raise ConfigError("threads", translate("race", "1 is the first lane's count already; "
                                                           "give the second lane's, for example 2"))
        return (targets[0], Target(translate("race", "CPU, {threads} "
                                                     "threads").format(threads=threads),
                                   threads=threads))
    return targets


def code_targets(config: RunConfig, threads=None, device=None) -> tuple[Target, ...]:
    """race --compare code: the codes installed here as lanes on one device with one thread
    setting, so that the code is all that differs (MLX chooses its own CPU threads: its lane
    is named without a count). The NumPy engine and at least one of PyTorch's codes (the
    torch extra) or MLX's (the mlx extra); on a GPU, the codes that can use it."""
    from engine.run.train import check_device

    device = device or config.device
    threads = threads if threads is not None else config.threads
    codes = [code for code in CODES if not code_refusal(code)]
    if device == "gpu":
        codes = [code for code in codes if _can_use_gpu(replace(config, code=code, device="gpu"),
                                                        check_device)]
    if len(codes) < 2:
        raise ConfigError("compare", codes_race_refusal() or translate(
            "race", "only one code can use the GPU here; race the codes on the CPU"))

    def where(code: str) -> str:
        if device == "gpu":
            return "GPU"
        return "CPU" + (f", {thread_count(threads)}" if threads != "auto" and code != "mlx"
                        else "")

    return tuple(Target(f"{translate('codes', NAMES[code])} ({where(code)})", device,
                        threads=threads, code=code) for code in codes)


def codes_race_refusal() -> str:
    """Why the codes cannot be raced here ("" where they can): the NumPy engine needs a
    second code, PyTorch's or MLX's."""
    if code_refusal("autograd") and code_refusal("mlx"):
        return translate("race", "racing the codes needs PyTorch or MLX, optional extras: "
                                 "{torch}, or {mlx}").format(torch=TORCH_EXTRA, mlx=MLX_EXTRA)
    return ""


def _can_use_gpu(config: RunConfig, check_device) -> bool:
    try:
        check_device(config)
    except ConfigError:
        return False
    return True


@dataclass
class Lane:
    """One target: every round's run, in race order. The curve is the median round's."""

    target: Target
    runs: list[RunResult] = field(default_factory=list)
    # A lane brought from another machine (a notebook's record): measured there, apart from
    # this race's rounds; its loop times are its record's repeats.
    apart: bool = False

    @property
    def loop_seconds(self) -> list[float]:
        if self.apart:
            run = self.runs[0]
            return list(run.repeat_seconds) or [run.loop_seconds]
        return [run.loop_seconds for run in self.runs]

    @property
    def result(self) -> RunResult:
        """The round whose loop time is the median (the lower one of an even count): the
        curve drawn and the record kept, not the first round, which may be an outlier."""
        order = sorted(range(len(self.runs)), key=lambda i: self.runs[i].loop_seconds)
        return self.runs[order[(len(order) - 1) // 2]]

    @property
    def seconds(self) -> np.ndarray:
        """Wall-clock seconds into the loop, one per loss, of the median round."""
        return self.result.iteration_seconds()

    @property
    def label(self) -> str:
        """The target's label; an `auto` lane says which count it trained with."""
        threads = self.result.device_info.get("threads")
        if self.target.threads == "auto" and self.target.device == "cpu" and threads:
            return f"{self.target.label} ({threads})"
        return self.target.label

    @property
    def timing(self) -> Spread:
        return Spread.of(self.loop_seconds)

    @property
    def load(self) -> float:
        """Other processes' cores during this lane's loops: the median over its rounds."""
        loads = [run.load for run in self.runs if run.load is not None]
        return float(np.median(loads)) if loads else 0.0


@dataclass
class RaceResult:
    lanes: list[Lane] = field(default_factory=list)
    stopped: bool = False
    target: TargetLoss | None = None  # also compared: the time each lane took to reach it

    def target_comparison(self) -> Comparison | None:
        """The first lane against the second by their time to the target, round by round
        (the same alternated pairs and rule as the loop times); None without a target."""
        found = self._target_times()
        return found[0] if found is not None else None

    def _target_times(self) -> tuple[Comparison, dict[str, list[float]]] | None:
        """The target comparison, and the first two lanes' seconds to the target per round
        (by label; empty where a lane did not reach it in every round): each run scanned once."""
        raced = self.raced
        if self.target is None or len(raced) < 2:
            return None
        first, second = raced[:2]
        labels = (first.label, second.label)
        times: dict[str, list[float]] = {}
        for lane in (first, second):
            reached = [run.time_to_target(self.target) for run in lane.runs]
            if any(r is None or not r.reached for r in reached):
                return Comparison(labels, None, None, translate(
                    "race", "{lane} did not reach {target}").format(
                    lane=lane.label, target=self.target.describe())), {}
            times[lane.label] = [r.seconds for r in reached]
        rounds = min(len(t) for t in times.values())
        return compare(labels, times[first.label][:rounds],
                       times[second.label][:rounds]), times

    def target_verdict(self, found: tuple | None = None) -> str:
        """"GPU reached 1e-3 of the initial loss first: 0.04 s against 0.21 s (5.3× …)", or
        why there is no such verdict; "" without a target. `found`: _target_times(), where
        already known."""
        found = found if found is not None else self._target_times()
        if found is None:
            return ""
        comparison, times = found
        target = self.target.describe()
        if comparison.speedup is None or comparison.winner is None:
            return translate("race", "to {target}: {verdict}").format(target=target,
                                                                      verdict=comparison.verdict)
        loser = next(label for label in comparison.labels if label != comparison.winner)
        return translate("race", "{winner} reached {target} first: {fast:.3g} s against "
                                 "{slow:.3g} s ({factor})").format(
            winner=comparison.winner, target=target,
            fast=statistics.median(times[comparison.winner]),
            slow=statistics.median(times[loser]), factor=comparison.factor())

    @property
    def raced(self) -> list[Lane]:
        """The lanes of this race's alternated rounds (not those from another machine)."""
        return [lane for lane in self.lanes if not lane.apart]

    @property
    def notes(self) -> list[str]:
        """What a lane's time is not, where its record says so: "MLX on the CPU: this MLX
        build multiplies with reference BLAS …"."""
        return [describe_path(lane.result.device_info)
                for lane in self.lanes if lane.result.device_info.get("mlx_blas")]

    @property
    def comparisons(self) -> list[Comparison]:
        """The first lane's loop time over each other lane's, pair by pair (alternated); a lane
        from another machine is not among them (apart_verdicts)."""
        raced = self.raced
        return [self._compare(raced[0], lane) for lane in raced[1:]]

    @property
    def apart_verdicts(self) -> list[str]:
        """The first lane against each lane from another machine: measured apart, so their
        loop times only (engine.tools.race.measured_apart)."""
        raced = self.raced
        return [measured_apart(raced[0], lane) for lane in self.lanes
                if lane.apart and raced]

    @property
    def verdicts(self) -> list[str]:
        """Every verdict a race says: its pairs', then its lanes from elsewhere."""
        said = [c.verdict for c in self.comparisons] + self.apart_verdicts
        return said or [self.comparison.verdict]

    def _compare(self, first: Lane, second: Lane) -> Comparison:
        why = ""
        if first.result.iterations_completed != second.result.iterations_completed:
            why = "; ".join(f"{lane.label} {_ended(lane.result)}" for lane in (first, second))
            why = translate("race", "the lanes did not complete the same iterations "
                                    "({why})").format(
                why=why)
        comparison = compare((first.label, second.label), first.loop_seconds,
                             second.loop_seconds, why)
        return _with_load_reason(comparison, first, second)

    @property
    def load(self) -> float:
        """Other processes' cores during the race: the busiest lane's median."""
        return max((lane.load for lane in self.lanes), default=0.0)

    @property
    def comparison(self) -> Comparison:
        """The first lane against the second."""
        raced = self.raced
        if len(raced) < 2:
            labels = tuple(lane.label for lane in self.lanes) + ("", "")
            if len(self.lanes) > len(raced) and raced:  # a lane from elsewhere: apart_verdicts
                return Comparison(labels[:2], None, None, translate(
                    "race", "the lanes ran on different machines, measured apart"))
            return Comparison(labels[:2], None, None, translate("race", "the race was stopped "
                                                                        "before every lane had "
                                                                        "run"))
        return self.comparisons[0]

    @property
    def speedup(self) -> float:
        """The median of first/second per pair: above 1, the second is faster."""
        comparison = self.comparison
        return comparison.speedup.median if comparison.speedup else float("nan")

    @property
    def largest_relative_difference(self) -> float:
        """Between the first lane's loss curve and each other's, over the iterations both
        completed: the largest."""
        if not self.lanes:
            return 0.0
        first = self.lanes[0].result.losses
        differences = [0.0]
        for lane in self.lanes[1:]:
            other = lane.result.losses
            common = min(len(first), len(other))
            if common:
                differences.append(float(np.max(np.abs(other[:common] - first[:common])
                                                / np.abs(first[:common]))))
        return max(differences)

    def table(self) -> tuple[list[str], list]:
        """CSV: one row per lane and iteration of the first round."""
        return (["lane", "iteration", "seconds", "loss"],
                [(lane.label, t, lane.seconds[t], lane.result.losses[t])
                 for lane in self.lanes for t in range(len(lane.result.losses))])

    def to_dict(self) -> dict[str, Any]:
        """winner, speedup and verdict: the first lane against the second; `comparisons`:
        the first against each other lane."""
        comparisons = [_comparison_dict(c) for c in self.comparisons] or \
            [_comparison_dict(self.comparison)]
        if not self.comparisons and self.apart_verdicts:  # one local lane, one from elsewhere
            comparisons = [{"winner": None, "speedup": None, "verdict": self.apart_verdicts[0]}]
        found = self._target_times()
        return {
            "lanes": [{"label": lane.label, "seconds": lane.seconds.tolist(),
                       "loop_seconds_repeats": lane.loop_seconds,
                       "loop_seconds_spread": lane.timing.to_dict(),
                       **lane.result.to_dict(), "load": lane.load} for lane in self.lanes],
            "load": self.load,
            "stopped": self.stopped,
            **{k: v for k, v in comparisons[0].items() if k != "labels"},
            "comparisons": comparisons,
            "largest_relative_difference": self.largest_relative_difference,
            "notes": self.notes,
            "measured_apart": self.apart_verdicts,
            **({"time_to_target": {
                **self.target.to_dict(),
                "lanes": [{"label": lane.label,
                           "reached": [r.to_dict() for r in (run.time_to_target(self.target)
                                                             for run in lane.runs) if r]}
                          for lane in self.lanes],
                "comparison": _comparison_dict(found[0]),
                "verdict": self.target_verdict(found)}} if found is not None else {}),
        }


def measured_apart(here: Lane, elsewhere: Lane) -> str:
    """A lane of this machine against one from another machine: they were not alternated, so
    no per-pair ratio; their medians where their ranges do not overlap, else no winner. The
    sentence says that they ran on different machines, measured apart."""
    machine = elsewhere.runs[0].device_info.get("machine_label") or \
        translate("race", "another machine")
    lead = translate("race", "{there} ran on {machine} and {here} on this machine, measured "
                             "apart: their loop times only, not alternated pairs").format(
        there=elsewhere.label, machine=machine, here=here.label)
    if here.result.iterations_completed != elsewhere.result.iterations_completed:
        why = "; ".join(f"{lane.label} {_ended(lane.result)}" for lane in (here, elsewhere))
        return lead + translate("race", "; not compared: they did not complete the same "
                                        "iterations ({why})").format(why=why)
    a, b = here.timing, elsewhere.timing
    if a.high < b.low or b.high < a.low:
        fast, slow = (here, elsewhere) if a.median < b.median else (elsewhere, here)
        return lead + translate("race", "; {fast} was faster: {fast_time} against {slow_time}, "
                                        "{ratio:.3g}× by the medians").format(
            fast=fast.label, fast_time=fast.timing.format(), slow_time=slow.timing.format(),
            ratio=slow.timing.median / fast.timing.median)
    return lead + translate("race", "; no clear winner: their ranges overlap ({first} against "
                                    "{second})").format(first=a.format(), second=b.format())


def _comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """Comparison.to_dict without the speedup's samples (the lanes' repeats have them)."""
    record = comparison.to_dict()
    if record["speedup"] is not None:
        record["speedup"] = {k: v for k, v in record["speedup"].items() if k != "samples"}
    return record


def _ended(result: RunResult) -> str:
    if result.status == Status.DIVERGED:
        return translate("race", "diverged at iteration {t}").format(t=result.diverged_at)
    return translate("race", "{status} after {iterations} iterations").format(
        status=status_word(result.status), iterations=result.iterations_completed)


def _with_load_reason(comparison: Comparison, first: Lane, second: Lane) -> Comparison:
    """Where the lane with more CPU threads lost while other programs held cores, the verdict
    names that as the reason: a real effect, worth showing, as long as it is named."""
    threads = {lane.label: lane.result.device_info.get("threads") for lane in (first, second)}
    loser = next((lane for lane in (first, second)
                  if comparison.winner is not None and lane.label != comparison.winner), None)
    if loser is None or any(lane.target.device != "cpu" for lane in (first, second)):
        return comparison
    winner = first if loser is second else second
    if (threads[loser.label] or 0) <= (threads[winner.label] or 0) or loser.load <= BUSY_CORES:
        return comparison
    return replace(comparison, reason=translate(
        "race", "{figure}, so {threads} BLAS threads waited for a core at every "
                "product").format(figure=load_figure(loser.load, "lane", physical_cores()),
                                  threads=threads[loser.label]))


def check_targets(config: RunConfig, targets: tuple[Target, ...]) -> None:
    """A race never puts a configuration against itself: refused, naming the two lanes."""
    applied = [target.apply(config) for target in targets]
    for i, one in enumerate(applied):
        for j in range(i + 1, len(applied)):
            if one == applied[j]:
                raise ConfigError("compare", (
                    f"{targets[i].label!r} and {targets[j].label!r} would train the same "
                    "configuration: a race of a configuration against itself says nothing"))


def race(config: RunConfig, targets: tuple[Target, ...] | None = None,
         repeats: int = MIN_PAIRS, budget_seconds: float = 30.0, max_rounds: int = MAX_PAIRS,
         on_progress: Callable[[int, Progress], None] | None = None, stop=None,
         target: TargetLoss | None = None,
         elsewhere: tuple[str, RunResult] | None = None) -> RaceResult:
    """Every target trains `config` (same seed, so the same draw), in turn: A B A B …, at
    least `repeats` rounds, then on until every verdict is settled (engine.core.measure's rule),
    `budget_seconds` of racing are spent or `max_rounds` are done. The first round's progress
    is reported (tagged by lane); the median round gives each lane's curve. With a `target`,
    the lanes are also compared by their time to it (the rounds stay those of the loop
    times' rule). `elsewhere`: (label, run) of a lane from another machine (a notebook's
    record), put beside the raced lanes and compared by its loop times only."""
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    targets = targets or default_targets()
    check_targets(config, targets)
    result = RaceResult([Lane(lane) for lane in targets], target=target)

    def runner(index: int) -> Callable[[], float]:
        def one() -> float:
            lane = result.lanes[index]
            first = not lane.runs
            def progress(p: Progress) -> None:
                if on_progress is not None:
                    on_progress(index, p)

            run = train(lane.target.apply(config), on_progress=progress if first else None,
                        stop=stop)
            if first:
                lane.runs.append(run)
            elif run.status == STOPPED:
                result.stopped = True
            elif run.iterations_completed == lane.runs[0].iterations_completed:
                if np.array_equal(run.losses, lane.runs[0].losses):
                    run = replace(run, losses=lane.runs[0].losses)  # one copy in memory
                lane.runs.append(run)
            return run.loop_seconds
        return one

    def settled(_samples) -> bool:
        """The lanes' own runs decide (a round with unequal work is not among them)."""
        rounds = min(len(lane.runs) for lane in result.lanes)
        return rounds >= repeats and all(c.speedup is None or c.settled != Settled.UNDECIDED
                                         for c in result.comparisons)

    alternate([runner(i) for i in range(len(targets))], min_pairs=repeats,
              max_pairs=max(repeats, max_rounds), budget_seconds=budget_seconds, stop=stop,
              settled=settled)
    if stop is not None and stop.is_set():
        result.stopped = True
    result.lanes = [lane for lane in result.lanes if lane.runs]  # stopped before they ran
    if elsewhere is not None:
        label, run = elsewhere
        result.lanes.append(Lane(Target(label, run.config.device), [run], apart=True))
    return result
