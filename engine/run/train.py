"""A training run: a frozen config in, a result record out, progress in batches meanwhile."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from engine.backends.cpu import open_trainer
from engine.core.config import TORCH_CODES, ConfigError, RunConfig
from engine.core.language import translate
from engine.core.measure import LoadMonitor, Spread
from engine.core.problem import draw_problem
from engine.core.result import COMPLETED, DIVERGED, STOPPED, Progress, RunResult
from engine.machine.devices import code_refusal, probe_gpu
from engine.numerics.diagnostics import Diagnostics
from engine.run.faults import fault_for
from engine.run.gpus import other_gpu_hint
from engine.run.memory import check_memory

PROGRESS_INTERVAL = 0.05  # seconds: at most ~20 progress batches a second
MONITORED_SECONDS = 0.1  # shorter loops: the load counters (10 ms ticks) say too little


def check_device(config: RunConfig) -> None:
    """Refuse, in words, a code or device that cannot be used here (before any allocation)."""
    refusal = code_refusal(config.code)
    if refusal:
        raise ConfigError("code", refusal)
    reason = ""
    if config.code in TORCH_CODES:  # PyTorch's seconds of import, before the run's setup
        from engine.backends.torch_codes import gpu_refusal

        reason = gpu_refusal(config.dtype) if config.device == "gpu" else ""
    elif config.code == "mlx":
        from engine.backends.mlx_code import device_refusal

        reason = device_refusal(config)
    elif config.device == "gpu":
        gpu = probe_gpu()
        if not gpu.available:
            reason = translate("devices", gpu.reason) + other_gpu_hint(config.code)
    if reason:
        raise ConfigError("device", translate("train", "a GPU was asked for but cannot be "
                                                       "used: {reason}").format(reason=reason))


def train(
    config: RunConfig,
    on_progress: Callable[[Progress], None] | None = None,
    stop=None,
    progress_interval: float = PROGRESS_INTERVAL,
) -> RunResult:
    """Run the tutorial's training loop as configured.

    Raises ConfigError (the GPU is unavailable) or InsufficientMemoryError (the run cannot
    fit) before allocating anything. `stop` (anything with is_set(), such as a
    threading.Event) is checked before every iteration.
    """
    check_device(config)
    check_memory(config)
    fault = fault_for(config)

    setup_start = time.perf_counter()
    problem = draw_problem(config)
    with open_trainer(config, problem) as trainer:
        del problem
        setup_seconds = time.perf_counter() - setup_start

        total = config.iterations
        diagnostics = Diagnostics(config, trainer.xp) if config.diagnostics else None
        losses = np.empty(total, dtype=np.float64)
        checkpoints: list[tuple[int, float]] = []
        status, diverged_at = COMPLETED, None
        t = flushed = 0
        loop_start = last_flush = time.perf_counter()

        def flush() -> bool:
            """Copy losses [flushed, t) to the host and report them; False on divergence."""
            nonlocal flushed, diverged_at
            chunk = trainer.losses(flushed, t)
            non_finite = np.flatnonzero(~np.isfinite(chunk))
            if non_finite.size:
                diverged_at = flushed + int(non_finite[0])
                chunk = chunk[: non_finite[0]]
            start = flushed
            losses[start : start + len(chunk)] = chunk
            flushed = start + len(chunk)
            elapsed = time.perf_counter() - loop_start
            if len(chunk):
                checkpoints.append((flushed, elapsed))
            if on_progress is not None and (len(chunk) or diverged_at is not None):
                on_progress(Progress(
                    first_iteration=start,
                    losses=chunk.copy(),
                    elapsed_seconds=elapsed,
                    iterations_completed=flushed,
                    iterations_total=total,
                    diagnostics=diagnostics.since(start, flushed) if diagnostics else None,
                ))
            return diverged_at is None

        # Overflow is how divergence looks; it is detected by isfinite, not by warnings.
        with np.errstate(all="ignore"), LoadMonitor() as load:
            while t < total:
                if stop is not None and stop.is_set():
                    status = STOPPED
                    break
                if fault is not None and t >= fault.iteration:  # a replay may step over it
                    fault.trigger(config.device)
                if diagnostics is not None:
                    diagnostics.before_step(t, trainer.problem,
                                            trainer.losses(max(0, t - 2), t))
                issued, finite = trainer.advance(t)
                if diagnostics is not None:
                    diagnostics.after_step(trainer.workspace, trainer.trained_gradients())
                t += issued
                now = time.perf_counter()
                if not finite or t == total or now - last_flush >= progress_interval:
                    if not flush():
                        status = DIVERGED
                        break
                    last_flush = time.perf_counter()
            if status == STOPPED and flushed < t and not flush():
                status = DIVERGED
        trainer.synchronize()
        loop_seconds = time.perf_counter() - loop_start
        device_info = dict(trainer.device_info)
        backward_products = trainer.backward_products
        record = diagnostics.to_dict(flushed) if diagnostics is not None else None

    return RunResult(
        config=config,
        status=status,
        iterations_completed=flushed,
        diverged_at=diverged_at,
        losses=losses[:flushed].copy(),
        setup_seconds=setup_seconds,
        loop_seconds=loop_seconds,
        device_info=device_info,
        diagnostics=record,
        checkpoints=checkpoints,
        timing_note=load.note() if loop_seconds >= MONITORED_SECONDS else "",
        load=load.other_cores if loop_seconds >= MONITORED_SECONDS else None,
        backward_products=backward_products,
    )


def train_repeated(config: RunConfig, repeats: int = 1,
                   on_progress: Callable[[Progress], None] | None = None,
                   stop=None) -> RunResult:
    """The same run `repeats` times (engine.core.measure's rule for a quotable time): the first
    streams its progress and gives the record; every repeat's loop time is kept in
    repeat_seconds, and loop_seconds is their median. Repeats end early when one is stopped."""
    if repeats < 1:
        raise ConfigError("repeats", translate("config", "must be at least 1, got "
                                                         "{value}").format(value=repeats))
    first = train(config, on_progress=on_progress, stop=stop)
    if repeats == 1:
        return first
    seconds, worst = [first.loop_seconds], first
    while len(seconds) < repeats and first.status != STOPPED:
        again = train(config, stop=stop)
        if again.status != first.status or again.iterations_completed != \
                first.iterations_completed:
            break  # stopped midway: not the same work
        seconds.append(again.loop_seconds)
        if (again.load or 0.0) > (worst.load or 0.0):
            worst = again
    # The busiest repeat's load and note: one busy repeat makes the spread one not to quote.
    return replace(first, loop_seconds=Spread.of(seconds).median, repeat_seconds=seconds,
                   load=worst.load, timing_note=worst.timing_note)
