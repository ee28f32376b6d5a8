"""A GPU run's trainer (engine.backends.cpu's interface): its stream, its path, its losses."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

import cupy
import numpy as np

from engine.backends.capture_blas import CaptureUnavailable, open_binding
from engine.backends.codes import numpy_backward_products
from engine.backends.cuda_step import (
    MAX_REPLAY_ITERATIONS,
    PROBE_ITERATIONS,
    CapturableHandle,
    CupyHandle,
    FusedCupyStep,
    GraphRunner,
    replay_iterations,
    replay_seconds_per_iteration,
    tf32_products,
)
from engine.core.config import RunConfig
from engine.core.language import translate
from engine.core.problem import Problem, to_device
from engine.machine.devices import gpu_info
from engine.numerics.reference import tutorial_iteration
from engine.numerics.step import Workspace, sgd_step, trained_gradients


class GpuTrainer:
    """A GPU run on its own CUDA stream, by one of three paths (config.gpu_path):
    - port: the tutorial's lines on CuPy (engine.numerics.reference), which synchronise every
      iteration;
    - fused: engine.backends.cuda_step's fused step, eight launches an iteration, none
      synchronising;
    - graph: the fused step captured as CUDA graphs and replayed (falls back to fused, saying
      why, where capture cannot work here).
    With diagnostics on, the plain step (engine.numerics.step on CuPy) runs instead, whose workspace
    keeps each layer's gradient for ‖grad‖ and whose weights are read between iterations."""

    def __init__(self, config: RunConfig, problem: Problem):
        self._cupy = self.xp = cupy
        self.layers = config.layers
        self.learning_rate = config.learning_rate
        self.total = config.iterations
        self.stream = cupy.cuda.Stream(non_blocking=False)
        self.fused_step = self._graph = self._blas = None
        self._tf32 = config.dtype == "tf32"
        with self.stream, tf32_products(self._tf32):
            p = self.problem = to_device(problem, config.storage_dtype, cupy)
            self.workspace = Workspace.allocate(p, cupy)
            # What the hand-written backward pass computes (the fused step issues the same
            # products, the updates folded into them)
            self.backward_products = numpy_backward_products(p, self.workspace, self.layers,
                                                             cupy)
            self._device_losses = cupy.empty(config.iterations, dtype=cupy.float64)
            self._host_losses = np.empty(config.iterations, dtype=np.float64)
            self.path, note, block = self._prepare(config)
            self.stream.synchronize()
        self.device_info = gpu_info()
        self.device_info["gpu_path"] = self.path
        if note:
            self.device_info["gpu_path_note"] = note
        if block:
            self.device_info["replay_iterations"] = block
            self.device_info["cublas_binding"] = self._blas.binding.name

    def _scratch(self):
        """Copies of the run's weights: warm-up without touching its first iterations."""
        p = self.problem
        return Problem(p.x, p.y, p.w1.copy(), p.w2.copy())

    def _prepare(self, config: RunConfig) -> tuple[str, str, int]:
        """Warm the chosen path up and set it up; (path used, why another, iterations per
        replay)."""
        cupy, p, ws = self._cupy, self.problem, self.workspace
        if config.diagnostics:
            sgd_step(self._scratch(), ws, config.learning_rate, cupy, config.layers)
            return "plain", "diagnostics read the weights between iterations", 0
        if config.gpu_path == "port":
            scratch = self._scratch()
            tutorial_iteration(scratch.x, scratch.y, scratch.w1, scratch.w2,
                               config.learning_rate, cupy, config.layers)
            return "port", "", 0
        note = ""
        if config.gpu_path == "graph":
            try:
                block, seconds = self._prepare_graph(config)
                if block:
                    return "graph", "", block
                # Measured on an H100 at 2048·8192·4096·100: the fused step on CuPy's handle
                # 0.103 s, the graph 0.107 s. Launches are a graph's only saving.
                note = translate("gpu", "one iteration takes {ms:.1f} ms, so a CUDA graph saves "
                                        "nothing on launches").format(ms=1000 * seconds)
            except Exception as exc:  # no binding, or capture refused: run eagerly instead
                reason = str(exc) if isinstance(exc, CaptureUnavailable) else \
                    f"{type(exc).__name__}: {exc}"
                note = translate("gpu", "CUDA graph unavailable: {reason}").format(reason=reason)
            self._close_graph()
        scratch_losses = cupy.empty(2, dtype=cupy.float64)
        with FusedCupyStep(self._scratch(), ws, config.learning_rate, scratch_losses,
                           config.layers, CupyHandle(self._tf32)) as warm_up:
            warm_up.step()
            warm_up.step()
        self.fused_step = FusedCupyStep(p, ws, config.learning_rate, self._device_losses,
                                        config.layers, CupyHandle(self._tf32))
        return "fused", note, 0

    def _prepare_graph(self, config: RunConfig) -> tuple[int, float]:
        """Capture the run as replays; (iterations per replay, seconds per iteration). Where
        an iteration outlasts a replay's few milliseconds, nothing is captured (0)."""
        cupy = self._cupy
        self._blas = CapturableHandle(open_binding(), self.stream, self._tf32)
        scratch_losses = cupy.empty(max(2, PROBE_ITERATIONS), dtype=cupy.float64)
        warm_up = FusedCupyStep(self._scratch(), self.workspace, config.learning_rate,
                                scratch_losses, config.layers, self._blas)
        warm_up.step()  # compiles and loads the kernels: they must exist before a capture
        warm_up.reset(0)
        seconds = replay_seconds_per_iteration(warm_up, self.stream)
        del warm_up
        if replay_iterations(seconds, MAX_REPLAY_ITERATIONS) == 1:
            return 0, seconds
        block = replay_iterations(seconds, config.iterations)
        step = FusedCupyStep(self.problem, self.workspace, config.learning_rate,
                             self._device_losses, config.layers, self._blas)
        self._graph = GraphRunner(step, self.stream, block, config.iterations)
        return block, seconds

    def _close_graph(self) -> None:
        if self._graph is not None:
            self._graph.close()
        if self._blas is not None:
            self._blas.close()
        self._graph = self._blas = None

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """The loop's context: the run's stream current, the path's cuBLAS state set."""
        with self.stream, tf32_products(self._tf32):
            if self.fused_step is not None:
                with self.fused_step:
                    yield
            else:
                yield

    def advance(self, t: int) -> tuple[int, bool]:
        if self.path == "graph":
            return self._graph.replay(t), True
        if self.path == "fused":
            self.fused_step.step()
            return 1, True
        if self.path == "port":
            p = self.problem
            loss = tutorial_iteration(p.x, p.y, p.w1, p.w2, self.learning_rate, self._cupy,
                                      self.layers)
            self._host_losses[t] = loss
            return 1, math.isfinite(loss)
        loss = sgd_step(self.problem, self.workspace, self.learning_rate, self._cupy, self.layers)
        self._device_losses[t] = loss
        return 1, True

    def trained_gradients(self) -> list:
        return trained_gradients(self.workspace, self.layers)

    def rewind(self) -> None:
        """The next iteration's loss goes to index 0 again (on the run's stream)."""
        step = self._graph.step if self._graph is not None else self.fused_step
        if step is not None:
            with self.stream:
                step.reset(0)

    def losses(self, start: int, stop: int) -> np.ndarray:
        if self.path == "port":
            return self._host_losses[start:stop]
        with self.stream:
            return self._device_losses[start:stop].get()

    def synchronize(self) -> None:
        self.stream.synchronize()

    def close(self) -> None:
        """Drop every device array of the run (a caller may still hold the trainer)."""
        self._close_graph()
        self.fused_step = self._device_losses = self.problem = self.workspace = None
