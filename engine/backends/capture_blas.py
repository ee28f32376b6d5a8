"""cuBLAS through a binding that CUDA stream capture accepts, on a handle of our own.

CuPy's cuBLAS wrappers refuse to run while a stream is capturing (cupy/cupy#6290), so the
graph path (engine.backends.cuda_step.GraphRunner) makes its products through another binding:
nvmath-python's `nvmath.bindings.cublas` where it is installed, else ctypes on the libcublas
that CuPy already loaded. Both call the same C functions; `open_binding` says which it got,
or why neither works.

From the cuBLAS documentation ("CUDA Graphs Support"): cublasSetStream resets the handle's
workspace, so the workspace is set after the stream; in host pointer mode alpha and beta are
read when the call is captured, so a captured update has its learning rate frozen in.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from typing import Any

OP_N, OP_T = 0, 1
POINTER_MODE_HOST = 0
DEFAULT_MATH = 0
TF32_TENSOR_OP_MATH = 3  # CUBLAS_TF32_TENSOR_OP_MATH: float32 products on TF32 tensor cores
# The workspace cuBLAS recommends for Hopper (32 MiB; 4 MiB before it). Captured products
# may not allocate, so every one of them works in this.
WORKSPACE_BYTES = 32 * 1024 * 1024
BINDING_VARIABLE = "BACKPROP_LAB_CUBLAS"  # nvmath or ctypes: force one (for measuring both)


class CaptureUnavailable(RuntimeError):
    """No capture-safe cuBLAS here; the message says why, for the readout."""


class _Nvmath:
    name = "nvmath-python"

    def __init__(self):
        from nvmath.bindings import cublas

        self._lib = cublas
        self.create = cublas.create
        self.destroy = cublas.destroy
        self.set_stream = cublas.set_stream
        self.set_workspace = cublas.set_workspace
        self.set_pointer_mode = cublas.set_pointer_mode
        self.set_math_mode = cublas.set_math_mode
        self.dgemm = cublas.dgemm
        self.sgemm = cublas.sgemm


def _loaded_cublas_path() -> str | None:
    """The libcublas this process has loaded already (CuPy's), read from /proc/self/maps."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                path = line.split()[-1]
                if "/libcublas.so" in path:
                    return path
    except OSError:
        pass
    return None


def _cublas_path() -> str:
    from cupy.cuda import device

    device.get_cublas_handle()  # makes CuPy load its libcublas, if it has not yet
    path = _loaded_cublas_path()
    if path:
        return path
    try:
        from cuda.pathfinder import load_nvidia_dynamic_lib

        return load_nvidia_dynamic_lib("cublas").abs_path
    except Exception:  # not installed, or no such library: try the system's
        pass
    found = ctypes.util.find_library("cublas")
    if not found:
        raise CaptureUnavailable("libcublas not found")
    return found


class _Ctypes:
    name = "ctypes"

    def __init__(self):
        lib = ctypes.CDLL(_cublas_path())
        p, i, size = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
        gemm_args = [p, i, i, i, i, i, p, p, i, p, i, p, p, i]
        self._functions: dict[str, Any] = {}
        for name, symbol, argtypes in (
            ("create", "cublasCreate_v2", [ctypes.POINTER(p)]),
            ("destroy", "cublasDestroy_v2", [p]),
            ("set_stream", "cublasSetStream_v2", [p, p]),
            ("set_workspace", "cublasSetWorkspace_v2", [p, p, size]),
            ("set_pointer_mode", "cublasSetPointerMode_v2", [p, i]),
            ("set_math_mode", "cublasSetMathMode", [p, i]),
            ("dgemm", "cublasDgemm_v2", gemm_args),
            ("sgemm", "cublasSgemm_v2", gemm_args),
        ):
            function = getattr(lib, symbol)
            function.argtypes, function.restype = argtypes, ctypes.c_int
            self._functions[name] = (symbol, function)

    def _call(self, name: str, *args) -> None:
        symbol, function = self._functions[name]
        status = function(*args)
        if status != 0:
            raise RuntimeError(f"{symbol} returned cuBLAS status {status}")

    def create(self) -> int:
        handle = ctypes.c_void_p()
        self._call("create", ctypes.byref(handle))
        return int(handle.value)

    def destroy(self, handle: int) -> None:
        self._call("destroy", handle)

    def set_stream(self, handle: int, stream: int) -> None:
        self._call("set_stream", handle, stream)

    def set_workspace(self, handle: int, pointer: int, size: int) -> None:
        self._call("set_workspace", handle, pointer, size)

    def set_pointer_mode(self, handle: int, mode: int) -> None:
        self._call("set_pointer_mode", handle, mode)

    def set_math_mode(self, handle: int, mode: int) -> None:
        self._call("set_math_mode", handle, mode)

    def dgemm(self, *args) -> None:
        self._call("dgemm", *args)

    def sgemm(self, *args) -> None:
        self._call("sgemm", *args)


BINDINGS = {"nvmath": _Nvmath, "ctypes": _Ctypes}


def open_binding(prefer: str | None = None):
    """The first binding that loads (nvmath-python, then ctypes), or CaptureUnavailable
    naming why each failed. `prefer` (or $BACKPROP_LAB_CUBLAS) asks for one only."""
    prefer = prefer or os.environ.get(BINDING_VARIABLE) or None
    if prefer is not None and prefer not in BINDINGS:
        raise CaptureUnavailable(f"{BINDING_VARIABLE} must be one of {', '.join(BINDINGS)}, "
                                 f"got {prefer!r}")
    reasons = []
    for name in [prefer] if prefer else list(BINDINGS):
        try:
            return BINDINGS[name]()
        except Exception as exc:  # an import error, a missing library or symbol
            reasons.append(f"{name}: {type(exc).__name__}: {exc}".strip())
    raise CaptureUnavailable("no capture-safe cuBLAS binding (" + "; ".join(reasons) + ")")


class OwnHandle:
    """A cuBLAS handle of our own on `stream`, with its workspace, for captured products."""

    def __init__(self, binding, stream_ptr: int, tf32: bool):
        import cupy

        self.binding = binding
        self.handle = binding.create()
        # 256-byte aligned (CuPy's pool aligns to 512), at least 16 KiB.
        self.workspace = cupy.empty(WORKSPACE_BYTES, dtype=cupy.uint8)
        binding.set_stream(self.handle, stream_ptr)
        binding.set_workspace(self.handle, self.workspace.data.ptr, WORKSPACE_BYTES)
        binding.set_pointer_mode(self.handle, POINTER_MODE_HOST)
        binding.set_math_mode(self.handle, TF32_TENSOR_OP_MATH if tf32 else DEFAULT_MATH)

    def close(self) -> None:
        if self.handle is not None:
            self.binding.destroy(self.handle)
            self.handle = self.workspace = None
