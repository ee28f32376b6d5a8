"""Which GPU the window offers, whatever its maker: CuPy's (NVIDIA), else MLX's (Metal on Apple
silicon, or CUDA), else PyTorch's MPS. The probe says no GPU only where none of them can be
used; the device combo names the GPU and the library that reaches it."""

from __future__ import annotations

import sys
from dataclasses import replace

from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.machine.devices import GpuStatus, installed, mlx_installed, probe_gpu

NO_APPLE_GPU_BACKEND = QT_TRANSLATE_NOOP("gpus", "no GPU library found: on Apple silicon, "
                                                 "install the mlx extra (MLX on Metal) or the "
                                                 "torch extra (PyTorch's MPS)")


def mlx_gpu() -> GpuStatus:
    if not mlx_installed():
        return GpuStatus(False, "MLX is not installed")
    from engine.backends.mlx_code import gpu_status

    available, reason, info = gpu_status()
    return GpuStatus(available, reason, {**info, "backend": f"MLX, {info.get('gpu_backend')}"}
                     if available else {})


def mps_gpu(platform: str = sys.platform) -> GpuStatus:
    """PyTorch's MPS device, asked only on a Mac with PyTorch (its import takes seconds)."""
    if platform != "darwin" or not installed("torch"):
        return GpuStatus(False, "no MPS here")
    from engine.backends.torch_codes import mps_available

    if not mps_available():
        return GpuStatus(False, "torch.backends.mps.is_available() is False")
    return GpuStatus(True, "", {"device": "gpu", "gpu_name": "Apple GPU",
                                "backend": "PyTorch, MPS"})


def probe_gpus(cupy=probe_gpu, mlx=mlx_gpu, mps=mps_gpu,
               platform: str = sys.platform) -> GpuStatus:
    """The first usable GPU of CuPy, MLX and PyTorch's MPS, its `info` naming the library
    (`backend`); where none is usable, CuPy's reason (on a Mac, which extras would reach its
    GPU)."""
    status = cupy()
    if status.available:
        return replace(status, info={**status.info, "backend": "CuPy"})
    for other in (mlx, mps):
        found = other()
        if found.available:
            return found
    if platform == "darwin":
        return GpuStatus(False, NO_APPLE_GPU_BACKEND)
    return status


def other_gpu_hint(code: str) -> str:
    """Where the numpy code cannot reach a GPU that another code can: which code to choose."""
    if code != "numpy" or not mlx_installed():
        return ""
    if mlx_gpu().available:
        return translate("gpus", "; MLX can use this machine's GPU: choose the mlx code "
                                 "(--code mlx) with float32")
    return ""
