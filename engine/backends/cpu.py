"""Where a run's arrays live and how its iterations are issued: NumPy on the CPU, CuPy on a GPU.

Both trainers offer the same three calls to engine.run.train: `advance(t)` issues the iterations
from t on (one, or a graph replay's worth) and returns how many, and False when it already
knows a loss is non-finite; `losses(start, stop)` returns the
losses of those iterations as a float64 host array (on a GPU: one copy, which synchronises);
`synchronize()` waits for all issued work.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from engine.backends.codes import numpy_backward_products
from engine.backends.cpu_blas import CpuBlas
from engine.core.config import TORCH_CODES, RunConfig
from engine.core.problem import Problem, to_device
from engine.machine.devices import cpu_info
from engine.machine.threads import Governor, choose, watch_threads
from engine.numerics.step import Workspace, folded_sgd_step, sgd_step, trained_gradients

WARM_UP_ITERATIONS = 2
WARM_UP_SECONDS = 0.03


class CpuTrainer:
    xp = np

    def __init__(self, config: RunConfig, problem: Problem):
        self.problem = to_device(problem, config.storage_dtype, np)
        # x is constant: Fortran order serves both of its large products by pieces, x·w1 by
        # column pieces and xᵀ·grad_h by row pieces of xᵀ (engine.backends.cpu_blas)
        self.problem.x = np.asfortranarray(self.problem.x)
        # Diagnostics read each layer's gradient: the plain step keeps them. Otherwise the
        # updates are folded into the products (engine.numerics.step.folded_sgd_step).
        self.folded = not config.diagnostics
        self.workspace = Workspace.allocate(self.problem, np, folded=self.folded)
        self.learning_rate = config.learning_rate
        self.layers = config.layers
        self.blas = CpuBlas(config.storage_dtype)
        self.backward_products = numpy_backward_products(
            self.problem, self.workspace, self.layers, self.blas if self.folded else np,
            self.learning_rate if self.folded else None)
        self._losses = np.empty(config.iterations, dtype=np.float64)
        self.device_info: dict[str, Any] = {}
        self.governor: Governor | None = None  # `auto` threads: watches for a busy machine

    def step(self, problem: Problem) -> float:
        if self.folded:
            return folded_sgd_step(problem, self.workspace, self.learning_rate, self.blas,
                                   self.layers)
        return sgd_step(problem, self.workspace, self.learning_rate, np, self.layers)

    def advance(self, t: int) -> tuple[int, bool]:
        loss = float(self.step(self.problem))
        self._losses[t] = loss
        watch_threads(self, t)
        return 1, math.isfinite(loss)

    def trained_gradients(self) -> list:
        return trained_gradients(self.workspace, self.layers)

    def rewind(self) -> None:
        """The next iteration's loss goes to index 0 again (timing loops that outrun the
        run's iterations)."""

    def losses(self, start: int, stop: int) -> np.ndarray:
        return self._losses[start:stop]

    def synchronize(self) -> None:
        pass

    def scratch_step(self):
        """One iteration on copies of the run's weights, for warm-up and calibration: the
        run's own products, sizes and workspace, without touching its first iterations."""
        p = self.problem
        scratch = Problem(p.x, p.y, p.w1.copy(), p.w2.copy())

        def step() -> None:
            self.step(scratch)

        return step


@contextlib.contextmanager
def open_trainer(config: RunConfig, problem: Problem) -> Iterator[Any]:
    """Set up the run's trainer (timed as setup by the caller) and clean up after it."""
    if config.code in TORCH_CODES:
        from engine.backends.torch_codes import TorchTrainer

        trainer = TorchTrainer(config, problem)
        if config.device == "cpu":
            with cpu_session(config, trainer):
                yield trainer
        else:
            with trainer.running():
                yield trainer
                trainer.synchronize()
        return
    if config.code == "mlx":  # MLX picks its own CPU threads: no BLAS limit to choose
        from engine.backends.mlx_code import MlxTrainer

        trainer = MlxTrainer(config, problem)
        with trainer.running():
            yield trainer
            trainer.synchronize()
        return
    if config.device == "cpu":
        trainer = CpuTrainer(config, problem)
        with cpu_session(config, trainer):
            yield trainer
        return
    import cupy

    from engine.backends.gpu import GpuTrainer

    trainer = None
    try:
        trainer = GpuTrainer(config, problem)
        with trainer.running():
            yield trainer
            trainer.synchronize()
    finally:
        if trainer is not None:
            trainer.close()
        # The pool keeps freed blocks; give them back so the next run (or app) can use them.
        cupy.get_default_memory_pool().free_all_blocks()


@contextlib.contextmanager
def cpu_session(config: RunConfig, trainer) -> Iterator[None]:
    """A CPU run's threads, chosen (engine.machine.threads) and warmed up, for any code's trainer:
    the limit covers NumPy's BLAS and PyTorch's intra-op pool alike
    (engine.machine.threads.blas_limit) and is restored when the run ends."""
    warm_step = trainer.scratch_step()
    # threadpoolctl limits are per process and meant for the thread that calls BLAS:
    # set here, in the thread that trains, and restored when the run ends.
    with threadpool_limits(limits=None, user_api="blas"), np.errstate(all="ignore"):
        choice = choose(config, warm_step)
        # Untimed: the pool's threads awake, the caches and pages warm. At least a few
        # iterations, and at least WARM_UP_SECONDS: a pool that slept while another
        # lane ran one-threaded takes a while to spin up again.
        started, done = time.perf_counter(), 0
        while done < WARM_UP_ITERATIONS or time.perf_counter() - started < WARM_UP_SECONDS:
            warm_step()
            done += 1
        trainer.device_info = {**cpu_info(threads_used=choice.threads), **trainer.device_info}
        trainer.device_info["threads_choice"] = choice.to_dict()
        if config.threads == "auto" and choice.threads > 1 and choice.seconds \
                and not config.diagnostics:  # diagnostics slow iterations on purpose
            trainer.governor = Governor(choice, config)
        yield
