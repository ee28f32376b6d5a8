"""The tutorial's two PyTorch listings, trained from the engine's draw: the `torch` and
`autograd` codes (engine.core.config.CODES).

"PyTorch: Tensors" is the NumPy loop on torch tensors, gradients still written by hand;
"PyTorch: Autograd" lets loss.backward() compute them, and a frozen layer is a weight with
requires_grad=False. Both run on the CPU or on a CUDA GPU. This module imports torch, so it is
imported only in the process that trains, and only when a PyTorch code is chosen: PyTorch is
an optional extra and takes seconds to import. The window shows these functions' source
(engine.backends.codes reads it without importing this module).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import numpy as np
import torch
from torch.utils._python_dispatch import TorchDispatchMode

from engine.core.config import Layers, RunConfig
from engine.core.problem import Problem, to_device
from engine.machine.threads import watch_threads

# The matrix products of aten, as the dispatcher sees them (torch.matmul arrives as mm).
PRODUCTS = frozenset({"mm", "addmm", "bmm", "matmul", "mv", "dot"})


def tensors_iteration(x, y, w1, w2, learning_rate: float, layers: Layers):
    """One pass of "PyTorch: Tensors": returns the loss (a 0-d tensor) and h."""
    # Forward pass: compute predicted y
    h = x.mm(w1)
    h_relu = h.clamp(min=0)
    y_pred = h_relu.mm(w2)

    # Compute loss
    loss = (y_pred - y).pow(2).sum()

    # Backprop to compute gradients of w1 and w2 with respect to loss (trained layers only)
    grad_y_pred = 2.0 * (y_pred - y)
    if layers.w2:
        grad_w2 = h_relu.t().mm(grad_y_pred)
    if layers.w1:
        grad_h_relu = grad_y_pred.mm(w2.t())
        grad_h = grad_h_relu.clone()
        grad_h[h < 0] = 0
        grad_w1 = x.t().mm(grad_h)

    # Update weights using gradient descent
    if layers.w1:
        w1 -= learning_rate * grad_w1
    if layers.w2:
        w2 -= learning_rate * grad_w2
    return loss, h


def autograd_iteration(x, y, w1, w2, learning_rate: float):
    """One pass of "PyTorch: Autograd": returns the loss (detached) and h. A frozen weight has
    requires_grad=False: autograd computes nothing for it."""
    # Forward pass: compute predicted y using operations on Tensors
    h = x.mm(w1)
    y_pred = h.clamp(min=0).mm(w2)

    # Compute loss using operations on Tensors
    loss = (y_pred - y).pow(2).sum()

    # Use autograd to compute the backward pass
    loss.backward()

    # Update weights using gradient descent, then zero the gradients
    with torch.no_grad():
        if w1.requires_grad:
            w1 -= learning_rate * w1.grad
            w1.grad.zero_()
        if w2.requires_grad:
            w2 -= learning_rate * w2.grad
            w2.grad.zero_()
    return loss.detach(), h.detach()


class OperatorLog(TorchDispatchMode):
    """Every aten operator that runs while it is active, in order (autograd's backward
    included: the dispatcher sees what the engine actually computes)."""

    def __init__(self):
        super().__init__()
        self.names: list[str] = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.names.append(func.overloadpacket.__name__)
        return func(*args, **(kwargs or {}))


def _first_use() -> None:
    """The dispatcher's Python mode costs seconds the first time in a process (PyTorch imports
    more of itself): paid here, with the import, not in a run's setup."""
    with OperatorLog():
        torch.zeros(1).sum()


_first_use()


def products_after_loss(names: list[str]) -> int:
    """The matrix products run after the loss (its sum): the backward pass's."""
    start = names.index("sum") + 1 if "sum" in names else len(names)
    return sum(name in PRODUCTS for name in names[start:])


def weight(array: np.ndarray, device: torch.device, requires_grad: bool) -> torch.Tensor:
    return torch.from_numpy(array).to(device).requires_grad_(requires_grad)


class TorchTrainer:
    """A run of a PyTorch code (engine.backends.cpu' trainer interface), on the CPU or a GPU."""

    xp = np  # diagnostics read the weights as NumPy arrays (host copies on a GPU)

    def __init__(self, config: RunConfig, problem: Problem):
        self.config = config
        self.code = config.code
        self.layers = config.layers
        self.learning_rate = config.learning_rate
        self.device = gpu_device() if config.device == "gpu" else torch.device("cpu")
        self.on_gpu = config.device == "gpu"
        host = to_device(problem, config.storage_dtype, np)  # fresh arrays of the run's dtype
        self.x, self.y = (torch.from_numpy(a).to(self.device) for a in (host.x, host.y))
        self.w1, self.w2 = self._weights(host.w1, host.w2)
        self._host_losses = np.empty(config.iterations, dtype=np.float64)
        # MPS has no float64: its losses are kept as computed, in float32
        self._device_losses = (torch.empty(config.iterations, device=self.device,
                                           dtype=torch.float32 if self.device.type == "mps"
                                           else torch.float64) if self.on_gpu else None)
        self._h = None
        self._before: tuple[torch.Tensor, torch.Tensor] | None = None
        self.governor = None  # `auto` threads on a CPU: engine.backends.cpu.cpu_session sets it
        self.keep_steps = config.diagnostics  # diagnostics read each step's update
        self.backward_products = self.count_backward_products()
        self.device_info: dict[str, Any] = {"code": self.code, "torch": torch.__version__}

    def _weights(self, w1: np.ndarray, w2: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        """Weights on the device: under autograd, a frozen one has requires_grad=False."""
        autograd = self.code == "autograd"
        return (weight(w1, self.device, autograd and self.layers.w1),
                weight(w2, self.device, autograd and self.layers.w2))

    def iterate(self, w1: torch.Tensor, w2: torch.Tensor):
        if self.code == "autograd":
            return autograd_iteration(self.x, self.y, w1, w2, self.learning_rate)
        return tensors_iteration(self.x, self.y, w1, w2, self.learning_rate, self.layers)

    def _scratch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Copies of the run's weights: warm-up and counting leave its first iterations."""
        with torch.no_grad():
            return self._weights(self.w1.detach().cpu().numpy().copy(),
                                 self.w2.detach().cpu().numpy().copy())

    def count_backward_products(self) -> int:
        """The matrix products one backward pass runs, counted by the dispatcher at one
        iteration on scratch weights."""
        w1, w2 = self._scratch()
        with OperatorLog() as log:
            self.iterate(w1, w2)
        return products_after_loss(log.names)

    def advance(self, t: int) -> tuple[int, bool]:
        if self.keep_steps:
            self._before = (self.w1.detach().clone(), self.w2.detach().clone())
        loss, self._h = self.iterate(self.w1, self.w2)
        if self.on_gpu:  # kept on the GPU: no synchronisation per iteration
            self._device_losses[t] = loss
            return 1, True
        value = loss.item()
        self._host_losses[t] = value
        watch_threads(self, t)
        return 1, math.isfinite(value)

    def losses(self, start: int, stop: int) -> np.ndarray:
        if self.on_gpu:
            self._host_losses[start:stop] = self._device_losses[start:stop].cpu().numpy()
        return self._host_losses[start:stop]

    def synchronize(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
        elif self.device.type == "mps":  # before every clock reading, as on CUDA
            torch.mps.synchronize()

    def scratch_step(self):
        """One iteration on copies of the run's weights (warm-up and thread calibration)."""
        w1, w2 = self._scratch()

        def step() -> None:
            self.iterate(w1, w2)

        return step

    # --- what diagnostics read (NumPy views on the CPU, copies from a GPU) ------------------

    @property
    def problem(self) -> Problem:
        return Problem(*(t.detach().cpu().numpy() for t in (self.x, self.y, self.w1, self.w2)))

    @property
    def workspace(self) -> SimpleNamespace:
        return SimpleNamespace(h=self._h.cpu().numpy())

    def trained_gradients(self) -> list[np.ndarray]:
        """The last step's updates, lr·grad, of the trained layers (before − after)."""
        before = self._before
        return [(b - w.detach()).cpu().numpy() for b, w, trained in
                ((before[0], self.w1, self.layers.w1), (before[1], self.w2, self.layers.w2))
                if trained]

    @contextlib.contextmanager
    def running(self) -> Iterator[TorchTrainer]:
        """On a GPU: TF32 products as the dtype says, warmed up, restored afterwards."""
        if not self.on_gpu:
            yield self
            return
        if self.device.type == "mps":
            step = self.scratch_step()
            for _ in range(3):
                step()
            self.synchronize()
            self.device_info.update(device="gpu", name="Apple GPU", gpu_backend="MPS")
            yield self
            return
        saved = torch.backends.cuda.matmul.allow_tf32
        torch.backends.cuda.matmul.allow_tf32 = self.config.dtype == "tf32"
        try:
            step = self.scratch_step()
            for _ in range(3):
                step()
            self.synchronize()
            self.device_info.update(device="gpu", name=torch.cuda.get_device_name(self.device))
            yield self
        finally:
            torch.backends.cuda.matmul.allow_tf32 = saved


def mps_available() -> bool:
    """Apple silicon's GPU through PyTorch's Metal Performance Shaders."""
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def gpu_device() -> torch.device:
    """The GPU a PyTorch code trains on: CUDA where there is one, else Apple's MPS."""
    return torch.device("cuda" if torch.cuda.is_available() or not mps_available() else "mps")


def gpu_refusal(dtype: str = "float32", cuda=None, mps=None) -> str:
    """Why PyTorch cannot use a GPU here for `dtype` ("" where it can). MPS has float32 only.
    `cuda`, `mps`: whether each is available (None: ask PyTorch; tests give stand-ins)."""
    cuda = torch.cuda.is_available() if cuda is None else cuda
    mps = mps_available() if mps is None else mps
    if cuda:
        return ""
    if not mps:
        return ("PyTorch sees no CUDA GPU and no MPS device here (torch.cuda.is_available() "
                "and torch.backends.mps.is_available() are False)")
    if dtype != "float32":
        return (f"PyTorch's MPS device (Apple silicon) has no {dtype}: "
                "it computes in float32; choose float32")
    return ""
