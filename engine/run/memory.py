"""How many bytes a run needs, checked against what is free before anything is allocated."""

from __future__ import annotations

from dataclasses import dataclass

from engine.backends.capture_blas import WORKSPACE_BYTES as CUBLAS_WORKSPACE
from engine.core.config import TORCH_CODES, RunConfig
from engine.core.language import translate
from engine.machine.devices import gpu_memory_available, host_memory_available
from engine.numerics.step import Workspace


class InsufficientMemoryError(MemoryError):
    """The run cannot fit; carries both numbers, and what takes most of the memory."""

    def __init__(self, where: str, needed: int, available: int, losses: int = 0,
                 iterations: int = 0):
        if losses * 2 > needed:  # the losses of the iterations dominate, not the arrays
            cause = translate("memory", "most of it is the losses of {iterations:,} iterations "
                                        "({size}, 8 bytes each); reduce the iterations").format(
                iterations=iterations, size=format_bytes(losses))
        else:
            cause = translate("memory", "reduce N, D_in, H or D_out")
        super().__init__(translate("memory", "this run needs {needed} of {where} memory, but only "
                                             "{available} is available now; {cause}").format(
            needed=format_bytes(needed), where=where, available=format_bytes(available),
            cause=cause))
        self.where = where
        self.needed = needed
        self.available = available


def format_bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if unit == "TB" and abs(count) >= 1000:
            return f"{count:.2g} {unit}"  # absurd sizes stay short: 3.2e+30 TB
        if abs(count) < 1000 or unit == "TB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class MemoryEstimate:
    host_bytes: int
    device_bytes: int  # GPU bytes; 0 for a CPU run


def estimate_memory(config: RunConfig) -> MemoryEstimate:
    n, d_in, hidden, d_out = config.n, config.d_in, config.hidden, config.d_out
    problem_elements = n * d_in + n * d_out + d_in * hidden + hidden * d_out
    workspace_elements = Workspace.element_count(n, d_in, hidden, d_out)
    drawn = 8 * problem_elements  # the float64 draw on the host
    losses = 8 * config.iterations
    weights = d_in * hidden + hidden * d_out
    if config.code in (*TORCH_CODES, "mlx"):
        # The PyTorch and MLX listings allocate their intermediates each iteration (the workspace's
        # worth), the scaled updates and, under autograd, the gradients (two weights' worth);
        # the tensors start as a cast copy of the draw on the host.
        arrays = config.itemsize * (problem_elements + workspace_elements + 2 * weights)
        cast = config.itemsize * problem_elements
        if config.device == "cpu":
            return MemoryEstimate(host_bytes=drawn + cast + arrays + losses, device_bytes=0)
        return MemoryEstimate(host_bytes=drawn + cast + losses, device_bytes=arrays + losses)
    if config.device == "cpu":
        cast = config.itemsize * problem_elements if config.dtype != "float64" else 0
        host = drawn + cast + config.itemsize * workspace_elements + losses
        return MemoryEstimate(host_bytes=host, device_bytes=0)
    # The GPU holds the problem, the workspace, a scratch copy of the weights for warm-up and
    # the losses; the host holds the draw and the losses copied back.
    device = (config.itemsize * (problem_elements + workspace_elements + weights) + losses
              + CUBLAS_WORKSPACE)
    return MemoryEstimate(host_bytes=drawn + losses, device_bytes=device)


def check_memory(config: RunConfig) -> MemoryEstimate:
    """Raise InsufficientMemoryError if the run cannot fit in the memory free now."""
    estimate = estimate_memory(config)
    host_free = host_memory_available()
    losses = 8 * config.iterations
    if estimate.host_bytes > host_free:
        raise InsufficientMemoryError("CPU", estimate.host_bytes, host_free, losses,
                                      config.iterations)
    if estimate.device_bytes:
        device_free = gpu_memory_available(library="torch" if config.code in TORCH_CODES
                                           else config.code)
        if estimate.device_bytes > device_free:
            raise InsufficientMemoryError("GPU", estimate.device_bytes, device_free, losses,
                                          config.iterations)
    return estimate
