"""The tutorial's loop in MLX (the `mlx` code, engine.core.config.CODES): the NumPy listing's
hand-written gradients on mlx.core arrays, from the engine's draw, on MLX's GPU (Metal on Apple
silicon, CUDA with the mlx-cuda extra) or on its CPU.

MLX is lazy: an expression is a graph until it is evaluated. Each iteration is evaluated once
(mx.eval(loss, w1, w2)), so the loop's clock times work that ran, not work that was queued.
MLX's GPU has no float64; engine.run.train refuses such a run before it starts (device_refusal).
This module imports mlx, so it is imported only in the process that trains, and only when the
MLX code is chosen (engine.backends.codes reads its source without importing it).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import mlx.core as mx
import numpy as np

from engine.backends.codes import ProductCount
from engine.core.config import Layers, RunConfig
from engine.core.problem import Problem

WARM_UP_ITERATIONS = 3


def mlx_iteration(x, y, w1, w2, learning_rate: float, layers: Layers, mx=mx):
    """One pass of the tutorial's loop in MLX: returns the loss (a 0-d array), h and the
    updated weights (MLX updates by making new arrays; nothing is evaluated here)."""
    # Forward pass: compute predicted y
    h = mx.matmul(x, w1)
    h_relu = mx.maximum(h, 0)
    y_pred = mx.matmul(h_relu, w2)

    # Compute loss
    loss = mx.square(y_pred - y).sum()

    # Backprop to compute gradients of w1 and w2 with respect to loss (trained layers only)
    grad_y_pred = 2.0 * (y_pred - y)
    if layers.w2:
        grad_w2 = mx.matmul(h_relu.T, grad_y_pred)
    if layers.w1:
        grad_h_relu = mx.matmul(grad_y_pred, w2.T)
        grad_h = mx.where(h < 0, 0, grad_h_relu)
        grad_w1 = mx.matmul(x.T, grad_h)

    # Update weights using gradient descent
    if layers.w1:
        w1 = w1 - learning_rate * grad_w1
    if layers.w2:
        w2 = w2 - learning_rate * grad_w2
    return loss, h, w1, w2


def gpu_backend() -> str:
    """Which GPU MLX can use here: "Metal", "CUDA", or "" for none."""
    for backend, name in (("metal", "Metal"), ("cuda", "CUDA")):  # mx.cuda: MLX 0.28 on
        module = getattr(mx, backend, None)
        if module is not None and module.is_available():
            return name
    return ""


def reference_blas() -> str:
    """The reference (netlib) BLAS that Linux's MLX CPU wheel bundles beside itself in
    mlx_cpu.libs, by its file name ("" where MLX multiplies with another BLAS, such as Apple's
    Accelerate on a Mac)."""
    folder = Path(mx.__file__).resolve().parents[1] / "mlx_cpu.libs"
    found = sorted(folder.glob("libblas*.so*")) if folder.is_dir() else []
    return found[0].name if found else ""


def device_info(device: str) -> dict[str, Any]:
    """What the record says of MLX's device: its name, and on the CPU the BLAS it uses."""
    facts = mx.device_info()
    info: dict[str, Any] = {"mlx": mx.__version__, "mlx_device": device}
    if device == "gpu":
        info.update(device="gpu", gpu_name=str(facts.get("device_name", "GPU")),
                    gpu_backend=gpu_backend())
        memory = facts.get("memory_size") or facts.get("total_memory")
        if memory:
            info["memory_bytes"] = int(memory)
    else:
        blas = reference_blas()
        if blas:
            info["mlx_blas"] = blas
    return info


def gpu_status() -> tuple[bool, str, dict[str, Any]]:
    """Whether MLX has a GPU here: (available, reason, facts)."""
    backend = gpu_backend()
    if not backend:
        return False, "MLX has no GPU backend here (no Metal, no CUDA)", {}
    return True, "", device_info("gpu")


def device_refusal(config: RunConfig, float64_on_gpu=None) -> str:
    """Why MLX cannot run `config` on its device ("" where it can). MLX's GPU has no float64:
    asked for, the run is refused, never converted. `float64_on_gpu` (tests: a stand-in)
    tries a float64 product on MLX's GPU and raises as MLX does."""
    if config.device == "gpu":
        if not gpu_backend():
            return "MLX has no GPU backend here (no Metal, no CUDA)"
        if config.dtype == "tf32":
            return "tf32 is CUDA's tensor-core mode, which MLX does not offer; use float32"
        if config.dtype == "float64":
            try:
                (float64_on_gpu or _float64_on_gpu)()
            except (ValueError, RuntimeError) as exc:
                return (f"MLX's GPU has no float64 ({str(exc).strip().splitlines()[0]}); "
                        "use float32, or the CPU")
    return ""


def _float64_on_gpu() -> None:
    a = mx.ones((2, 2), dtype=mx.float64)
    mx.eval(mx.matmul(a, a, stream=mx.gpu))


def backward_products(layers: Layers) -> int:
    """The matrix products one backward pass runs, counted at one iteration on tiny arrays:
    the listing's own calls, through a counting namespace."""
    tiny = [mx.ones(shape, dtype=mx.float32) for shape in ((2, 3), (2, 1), (3, 2), (2, 1))]
    counter = ProductsAfterLoss(mx)
    mlx_iteration(*tiny, 1e-3, layers, mx=counter)
    return counter.products - counter.before_loss


class ProductsAfterLoss(ProductCount):
    """Counts the products, and how many ran before the loss (mx.square): the forward's."""

    before_loss = 0

    def square(self, *args, **kwargs):
        self.before_loss = self.products
        return mx.square(*args, **kwargs)


class MlxTrainer:
    """A run of the MLX code (engine.backends.cpu's trainer interface), on MLX's GPU or CPU."""

    xp = np  # diagnostics read the weights as NumPy arrays (copies)

    def __init__(self, config: RunConfig, problem: Problem):
        self.config = config
        self.layers = config.layers
        self.learning_rate = config.learning_rate
        self.on_gpu = config.device == "gpu"
        self.stream = mx.gpu if self.on_gpu else mx.cpu
        # An explicit dtype: mx.array of a float64 array would otherwise become float32.
        self.dtype = getattr(mx, config.storage_dtype)
        self.x, self.y, self.w1, self.w2 = (self.array(a) for a in
                                            (problem.x, problem.y, problem.w1, problem.w2))
        self._losses = np.empty(config.iterations, dtype=np.float64)
        self._h = None
        self._before: tuple[Any, Any] | None = None
        self.governor = None
        self.keep_steps = config.diagnostics
        self.backward_products = backward_products(self.layers)
        self.device_info: dict[str, Any] = device_info(config.device)

    def array(self, values: np.ndarray):
        return mx.array(np.asarray(values), dtype=self.dtype)

    def iterate(self, w1, w2):
        with mx.stream(self.stream):
            return mlx_iteration(self.x, self.y, w1, w2, self.learning_rate, self.layers)

    def advance(self, t: int) -> tuple[int, bool]:
        if self.keep_steps:
            self._before = (self.w1, self.w2)  # MLX arrays are not changed in place
        loss, self._h, self.w1, self.w2 = self.iterate(self.w1, self.w2)
        mx.eval(loss, self.w1, self.w2)  # once per iteration: the clock times work that ran
        value = loss.item()
        self._losses[t] = value
        return 1, math.isfinite(value)

    def losses(self, start: int, stop: int) -> np.ndarray:
        return self._losses[start:stop]

    def synchronize(self) -> None:
        mx.synchronize()

    def scratch_step(self):
        """One evaluated iteration from the run's weights, its results dropped: MLX's arrays
        are immutable, so the run's weights stay as they are."""

        def step() -> None:
            loss, _h, w1, w2 = self.iterate(self.w1, self.w2)
            mx.eval(loss, w1, w2)

        return step

    # --- what diagnostics read (NumPy copies) ------------------------------------------------

    @property
    def problem(self) -> Problem:
        return Problem(*(np.array(a, copy=True) for a in (self.x, self.y, self.w1, self.w2)))

    @property
    def workspace(self) -> SimpleNamespace:
        return SimpleNamespace(h=np.array(self._h))

    def trained_gradients(self) -> list[np.ndarray]:
        """The last step's updates, lr·grad, of the trained layers (before − after)."""
        before = self._before
        return [np.array(b) - np.array(w) for b, w, trained in
                ((before[0], self.w1, self.layers.w1), (before[1], self.w2, self.layers.w2))
                if trained]

    @contextlib.contextmanager
    def running(self) -> Iterator[MlxTrainer]:
        """Warmed up (MLX compiles its kernels on first use), untimed."""
        step = self.scratch_step()
        for _ in range(WARM_UP_ITERATIONS):
            step()
        self.synchronize()
        yield self
