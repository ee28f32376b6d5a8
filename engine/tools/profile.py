"""Where the time goes: every statement of the tutorial's loop, timed on its own.

Each statement is the tutorial's own text, compiled and executed in a namespace that holds the
run's arrays (`np` is NumPy on the CPU, CuPy on a GPU: the tutorial's straight port), warm,
under the one measuring rule (engine.core.measure: the median with its spread). Beside the lines:
the whole tutorial iteration measured as one piece, and the engine's iteration on the same
device. On a GPU each line also has its device time (CUDA events around it) and the host time
to issue it, and an empty kernel gives the launch floor.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from engine.core.config import ConfigError, RunConfig
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.measure import LoadMonitor, Spread, repeat
from engine.core.problem import draw_problem, to_device
from engine.core.settings import setting
from engine.machine.devices import probe_gpu

SAMPLE_SECONDS = 0.002  # one timed sample runs a statement this long at least
LINE_BUDGET_SECONDS = 0.03  # per statement and device
DEFAULT_SCALE_BY = 8
SCALED_FIELDS = ("n", "d_in", "hidden")  # what --scale-by multiplies (as the size sweep does)
ENGINE_ITERATIONS = 200  # the engine's iteration: a run this long (at least), repeated
LOSS_TO_HOST = "loss_list.append(float(loss))"


@dataclass(frozen=True)
class ProfileSettings:
    """What the profile measures, beside the run's own settings."""

    scale_by: float = setting(float(DEFAULT_SCALE_BY), QT_TRANSLATE_NOOP("settings", "Scale by"),
                              "--scale-by",
                              QT_TRANSLATE_NOOP("settings", "the second column multiplies N, D_in "
                                                            "and H by this: where the "
                              "GPU turns from launch-bound to compute-bound"), "number",
                              widget="profile_scale_input", window_range=(1.0, 64.0))

    def __post_init__(self) -> None:
        value = self.scale_by
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value) or value <= 0:
            raise ConfigError("scale_by", translate("profile", "must be a number above 0, got "
                                                    "{value!r}").format(value=value))


@dataclass(frozen=True)
class Statement:
    """One line of the tutorial's loop: its text, and its arithmetic and memory traffic from
    the sizes (n, d_in, hidden, d_out) and the item size s."""

    code: str
    flops: Callable[[int, int, int, int], int]
    bytes: Callable[[int, int, int, int, int], int]


# The tutorial's loop body, statement by statement, as "Tensor Warm-up: numpy" writes it. The
# loss's trip to the host is the one the tutorial's loss_list.append(loss) and print force.
# Bytes count what each NumPy operation reads and writes (temporaries included).
STATEMENTS: tuple[Statement, ...] = (
    Statement("h = x.dot(w1)", lambda n, i, h, o: 2 * n * i * h,
              lambda n, i, h, o, s: s * (n * i + i * h + n * h)),
    Statement("h_relu = np.maximum(h, 0)", lambda n, i, h, o: n * h,
              lambda n, i, h, o, s: s * 2 * n * h),
    Statement("y_pred = h_relu.dot(w2)", lambda n, i, h, o: 2 * n * h * o,
              lambda n, i, h, o, s: s * (n * h + h * o + n * o)),
    Statement("loss = np.square(y_pred - y).sum()", lambda n, i, h, o: 3 * n * o,
              lambda n, i, h, o, s: s * 6 * n * o),
    Statement(LOSS_TO_HOST, lambda n, i, h, o: 0, lambda n, i, h, o, s: s),
    Statement("grad_y_pred = 2.0 * (y_pred - y)", lambda n, i, h, o: 2 * n * o,
              lambda n, i, h, o, s: s * 5 * n * o),
    Statement("grad_w2 = h_relu.T.dot(grad_y_pred)", lambda n, i, h, o: 2 * n * h * o,
              lambda n, i, h, o, s: s * (n * h + n * o + h * o)),
    Statement("grad_h_relu = grad_y_pred.dot(w2.T)", lambda n, i, h, o: 2 * n * o * h,
              lambda n, i, h, o, s: s * (n * o + h * o + n * h)),
    Statement("grad_h = grad_h_relu.copy()", lambda n, i, h, o: 0,
              lambda n, i, h, o, s: s * 2 * n * h),
    Statement("grad_h[h < 0] = 0", lambda n, i, h, o: n * h,
              lambda n, i, h, o, s: s * 2 * n * h + 2 * n * h),
    Statement("grad_w1 = x.T.dot(grad_h)", lambda n, i, h, o: 2 * n * i * h,
              lambda n, i, h, o, s: s * (n * i + n * h + i * h)),
    Statement("w1 -= learning_rate * grad_w1", lambda n, i, h, o: 2 * i * h,
              lambda n, i, h, o, s: s * 5 * i * h),
    Statement("w2 -= learning_rate * grad_w2", lambda n, i, h, o: 2 * h * o,
              lambda n, i, h, o, s: s * 5 * h * o),
)
ITERATION = "\n".join(statement.code for statement in STATEMENTS)
PRODUCTS = tuple(s.code for s in STATEMENTS if ".dot(" in s.code)


@dataclass
class LineTime:
    code: str
    device: str
    flops: int
    bytes: int
    seconds: Spread  # CPU: the line's wall time; GPU: its device time (CUDA events)
    host_seconds: Spread | None = None  # GPU: the host's time to issue it

    @property
    def gflops(self) -> float:
        return self.flops / self.seconds.median / 1e9 if self.seconds.median > 0 else 0.0

    @property
    def gbytes_per_second(self) -> float:
        return self.bytes / self.seconds.median / 1e9 if self.seconds.median > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "device": self.device, "flops": self.flops,
                "bytes": self.bytes, "seconds": _spread(self.seconds),
                "gflops": self.gflops, "gbytes_per_second": self.gbytes_per_second,
                "host_seconds": _spread(self.host_seconds) if self.host_seconds else None}


@dataclass
class DeviceProfile:
    """One device's lines and whole iterations, at one size."""

    device: str
    lines: list[LineTime]
    iteration: Spread  # the tutorial's loop body, measured as one piece
    engine_iteration: Spread  # the engine's iteration (engine.run.train), same device and size
    launch_floor: Spread | None = None  # GPU: an empty kernel's device time
    threads: int | None = None  # CPU: the BLAS threads the lines ran with

    @property
    def lines_sum(self) -> float:
        return sum(line.seconds.median for line in self.lines)

    @property
    def between_lines(self) -> float:
        """The whole iteration less the sum of its lines: Python and the interpreter between
        lines (negative where the lines, timed alone, cost more than in sequence)."""
        return self.iteration.median - self.lines_sum

    def to_dict(self) -> dict[str, Any]:
        return {"lines": [line.to_dict() for line in self.lines],
                "iteration_seconds": _spread(self.iteration),
                "engine_iteration_seconds": _spread(self.engine_iteration),
                "lines_sum_seconds": self.lines_sum,
                "between_lines_seconds": self.between_lines,
                "launch_floor_seconds": (_spread(self.launch_floor) if self.launch_floor
                                         else None),
                "threads": self.threads}


@dataclass
class ProfileColumn:
    """Every device at one size."""

    config: RunConfig
    scale: float
    devices: dict[str, DeviceProfile] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        c = self.config
        return {"scale": self.scale,
                "sizes": {"n": c.n, "d_in": c.d_in, "hidden": c.hidden, "d_out": c.d_out},
                "lines": [line.to_dict() for p in self.devices.values() for line in p.lines],
                "iteration_seconds": {d: _spread(p.iteration) for d, p in self.devices.items()},
                "devices": {d: p.to_dict() for d, p in self.devices.items()}}


@dataclass
class Profile:
    config: RunConfig
    columns: list[ProfileColumn] = field(default_factory=list)
    gpu_reason: str = ""  # why there is no GPU column ("" where there is one)
    load: float = 0.0
    stopped: bool = False

    @property
    def base(self) -> ProfileColumn:
        return self.columns[0]

    def table(self) -> tuple[list[str], list]:
        """CSV: one row per column, device and statement."""
        header = ["scale", "device", "code", "flops", "bytes", "median_seconds", "low_seconds",
                  "high_seconds", "gflops", "gbytes_per_second", "host_median_seconds"]
        rows = []
        for column in self.columns:
            for profile in column.devices.values():
                for line in profile.lines:
                    rows.append([column.scale, line.device, line.code, line.flops, line.bytes,
                                 line.seconds.median, line.seconds.low, line.seconds.high,
                                 line.gflops, line.gbytes_per_second,
                                 line.host_seconds.median if line.host_seconds else None])
        return header, rows

    def to_dict(self) -> dict[str, Any]:
        """The numbers; the explanation is added at the edge (engine.words.explain.record_of)."""
        base = self.base.to_dict() if self.columns else {"lines": [], "iteration_seconds": {}}
        note = ("" if self.config.layers.both else "the tutorial's loop, as written, "
                "trains both layers: the layer switch is not applied to its lines")
        return {"config": self.config.to_dict(), "note": note,
                "lines": base["lines"], "iteration_seconds": base["iteration_seconds"],
                "columns": [column.to_dict() for column in self.columns],
                "gpu_reason": self.gpu_reason, "load": self.load, "stopped": self.stopped}


def _spread(spread: Spread) -> dict[str, float]:
    return {"median": spread.median, "low": spread.low, "high": spread.high}


def scaled_config(config: RunConfig, factor: float) -> RunConfig:
    return replace(config, **{name: max(1, round(getattr(config, name) * factor))
                              for name in SCALED_FIELDS})


def statement_costs(config: RunConfig) -> list[tuple[str, int, int]]:
    """(code, flops, bytes) per statement at the config's sizes and dtype."""
    n, i, h, o, s = config.n, config.d_in, config.hidden, config.d_out, config.itemsize
    return [(st.code, st.flops(n, i, h, o), st.bytes(n, i, h, o, s)) for st in STATEMENTS]


def namespace(config: RunConfig, xp) -> dict[str, Any]:
    """The tutorial's variables after one iteration on the run's draw: every statement can run
    on its own, on the arrays it would see in the loop."""
    problem = to_device(draw_problem(config), config.storage_dtype, xp)
    ns: dict[str, Any] = {"np": xp, "x": problem.x, "y": problem.y, "w1": problem.w1,
                          "w2": problem.w2, "learning_rate": config.learning_rate,
                          "loss_list": []}
    with np.errstate(all="ignore"):
        exec(compile(ITERATION, "<tutorial>", "exec"), ns)
    return ns


def _sampler(run: Callable[[], object], seconds: float = SAMPLE_SECONDS,
             sync: Callable[[], None] = lambda: None) -> Callable[[], float]:
    """A sampler: calls `run` k times (k chosen once, so that a sample lasts `seconds`) and
    returns the seconds per call."""
    started = time.perf_counter()
    run()
    sync()
    once = max(time.perf_counter() - started, 1e-7)
    count = max(1, round(seconds / once))

    def sample() -> float:
        begin = time.perf_counter()
        for _ in range(count):
            run()
        sync()
        return (time.perf_counter() - begin) / count

    return sample


def _statement(code: str, ns: dict) -> Callable[[], None]:
    compiled = compile(code, "<tutorial>", "exec")
    return lambda: exec(compiled, ns)


def _bounded(sample: Callable[[], float], budget: float, stop) -> Spread | None:
    samples = repeat(sample, budget, stop=stop)
    return Spread.of(samples) if len(samples) >= 3 else None


def instrumented() -> Any:
    """The tutorial's loop body with a clock reading between its statements: each statement is
    timed on its own, where it runs in the loop (its caches and thread pool as the line before
    left them), not in a loop of its own that keeps them warmer than the tutorial does."""
    body = ["_mark(0)"]
    for index, statement in enumerate(STATEMENTS, start=1):
        body += [statement.code, f"_mark({index})"]
    return compile("\n".join(body), "<tutorial, timed line by line>", "exec")


def time_lines_in_sequence(ns: dict, budget: float, stop, min_iterations: int = 5,
                           max_iterations: int = 5000) -> list[Spread] | None:
    """Per statement, the spread of its time over iterations of the instrumented loop body,
    less the clock reading's own cost (measured the same way, with nothing between)."""
    stamps = [0.0] * (len(STATEMENTS) + 1)
    clock = time.perf_counter

    def mark(index: int) -> None:
        stamps[index] = clock()

    ns["_mark"] = mark
    empty = compile("\n".join(f"_mark({i})" for i in range(len(stamps))), "<marks>", "exec")
    overhead = []
    for _ in range(200):
        exec(empty, ns)
        overhead.append((stamps[-1] - stamps[0]) / (len(stamps) - 1))
    cost = statistics.median(overhead)
    body = instrumented()
    exec(body, ns)  # warm
    durations: list[list[float]] = [[] for _ in STATEMENTS]
    started = clock()
    while len(durations[0]) < max_iterations:
        if stop is not None and stop.is_set():
            return None
        if len(durations[0]) >= min_iterations and clock() - started >= budget:
            break
        exec(body, ns)
        for index, into in enumerate(durations):
            into.append(max(stamps[index + 1] - stamps[index] - cost, 0.0))
    return [Spread.of(values) for values in durations]


def profile_cpu(config: RunConfig, stop=None, budget: float = LINE_BUDGET_SECONDS
                ) -> DeviceProfile | None:
    """Every statement with NumPy, at the run's threads (`auto`: as a run would choose)."""
    from threadpoolctl import threadpool_limits

    from engine.backends.cpu import CpuTrainer
    from engine.machine.threads import choose

    cpu = replace(config, device="cpu", diagnostics=False)
    ns = namespace(cpu, np)
    trainer = CpuTrainer(cpu, draw_problem(cpu))
    with threadpool_limits(limits=None, user_api="blas"), np.errstate(all="ignore"):
        threads = choose(cpu, trainer.scratch_step()).threads
        spreads = time_lines_in_sequence(ns, budget * len(STATEMENTS), stop)
        if spreads is None:
            return None
        lines = [LineTime(code, "cpu", flops, nbytes, spread)
                 for (code, flops, nbytes), spread in zip(statement_costs(cpu), spreads,
                                                          strict=True)]
        iteration = _bounded(_sampler(_statement(ITERATION, ns)), budget * 4, stop)
        engine = _bounded(_sampler(trainer.scratch_step()), budget * 4, stop)
    if iteration is None or engine is None:
        return None
    return DeviceProfile("cpu", lines, iteration, engine, threads=threads)


def profile_gpu(config: RunConfig, stop=None, budget: float = LINE_BUDGET_SECONDS
                ) -> DeviceProfile | None:
    """Every statement with CuPy (the tutorial's straight port): device time from CUDA events
    around each run of it, host time to issue it; the launch floor from an empty kernel; the
    engine's iteration from a run of the configured GPU path."""
    import cupy

    from engine.run.train import train

    gpu = replace(config, device="gpu", diagnostics=False)
    ns = namespace(gpu, cupy)
    stream = cupy.cuda.get_current_stream()
    lines = []
    for code, flops, nbytes in statement_costs(gpu):
        device, host = _device_and_host(_statement(code, ns), stream, budget, stop)
        if device is None:
            return None
        lines.append(LineTime(code, "gpu", flops, nbytes, device, host))
    iteration = _bounded(_sampler(_statement(ITERATION, ns), sync=stream.synchronize),
                         budget * 2, stop)
    floor = launch_floor(cupy, stream, budget, stop)
    run = replace(gpu, iterations=max(ENGINE_ITERATIONS, 1))
    engine_runs = [train(run, stop=stop) for _ in range(3)]
    del ns
    cupy.get_default_memory_pool().free_all_blocks()
    if iteration is None or floor is None or any(r.iterations_completed == 0
                                                 for r in engine_runs):
        return None
    engine = Spread.of([r.loop_seconds / r.iterations_completed for r in engine_runs])
    return DeviceProfile("gpu", lines, iteration, engine, launch_floor=floor)


def _device_and_host(run: Callable[[], None], stream, budget: float, stop
                     ) -> tuple[Spread | None, Spread | None]:
    """CUDA events around each run of a statement (its device time) and the host clock around
    issuing it (before any synchronisation)."""
    import cupy

    start, end = cupy.cuda.Event(), cupy.cuda.Event()
    run()  # warm: kernels compiled and cached
    stream.synchronize()
    device: list[float] = []
    host: list[float] = []

    def sample() -> float:
        stream.synchronize()
        start.record(stream)
        begin = time.perf_counter()
        run()
        issued = time.perf_counter() - begin
        end.record(stream)
        end.synchronize()
        host.append(issued)
        device.append(cupy.cuda.get_elapsed_time(start, end) / 1000)
        return device[-1]

    repeat(sample, budget, min_repeats=5, max_repeats=200, stop=stop)
    if len(device) < 3:
        return None, None
    return Spread.of(device), Spread.of(host)


def launch_floor(cupy, stream, budget: float, stop) -> Spread | None:
    """The device time of an empty kernel, one block of one thread, on the same stream."""
    kernel = cupy.RawKernel('extern "C" __global__ void empty() {}', "empty")
    kernel((1,), (1,), ())
    stream.synchronize()
    start, end = cupy.cuda.Event(), cupy.cuda.Event()
    samples: list[float] = []

    def sample() -> float:
        start.record(stream)
        kernel((1,), (1,), ())
        end.record(stream)
        end.synchronize()
        samples.append(cupy.cuda.get_elapsed_time(start, end) / 1000)
        return samples[-1]

    repeat(sample, budget, min_repeats=5, max_repeats=200, stop=stop)
    return Spread.of(samples) if len(samples) >= 3 else None


def profile(config: RunConfig, settings: ProfileSettings = ProfileSettings(), devices=None,
            stop=None, on_column: Callable[[ProfileColumn], None] | None = None) -> Profile:
    """The tutorial's statements at the run's sizes and at settings.scale_by times them (N,
    D_in and H), on the CPU and, where CuPy can use one, the GPU."""
    from engine.run.memory import check_memory

    scale_by = settings.scale_by
    gpu = probe_gpu()
    if devices is None:
        devices = ("cpu", "gpu") if gpu.available else ("cpu",)
    if config.device == "gpu" and not gpu.available:
        raise ConfigError("device", f"a GPU was asked for but cannot be used: {gpu.reason}")
    result = Profile(config, gpu_reason="" if "gpu" in devices else
                     (gpu.reason or "no GPU can be used here"))
    with LoadMonitor() as load:
        for scale in (1, scale_by):
            column_config = scaled_config(config, scale) if scale != 1 else config
            check_memory(replace(column_config, iterations=1))
            column = ProfileColumn(column_config, scale)
            for device in devices:
                measure = profile_gpu if device == "gpu" else profile_cpu
                device_profile = measure(column_config, stop)
                if device_profile is None:  # stopped
                    result.stopped = True
                    break
                column.devices[device] = device_profile
            if column.devices:
                result.columns.append(column)
                if on_column is not None:
                    on_column(column)
            if result.stopped or (stop is not None and stop.is_set()):
                result.stopped = True
                break
    result.load = load.other_cores
    return result


def share(profile: DeviceProfile, code: str) -> float:
    """The statement's share of the whole iteration (its median over the iteration's)."""
    line = next(line for line in profile.lines if line.code == code)
    return line.seconds.median / profile.iteration.median


def products_share(profile: DeviceProfile) -> float:
    return sum(share(profile, code) for code in PRODUCTS)


def largest_line(profile: DeviceProfile) -> LineTime:
    return max(profile.lines, key=lambda line: line.seconds.median)


def line_range(profile: DeviceProfile) -> tuple[float, float]:
    medians = [line.seconds.median for line in profile.lines]
    return min(medians), statistics.median(medians)
