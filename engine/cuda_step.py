"""The fused GPU step: the same algorithm as engine.step, shaped for CuPy's costs.

At the tutorial's sizes a GPU iteration is bound by launch and Python overhead, not
arithmetic, so this step
- calls cuBLAS directly with arguments prepared once (no per-call checks or allocations),
- folds each SGD update into its gradient product: w ← w − lr·(aᵀ·b) is one GEMM with
  alpha = −lr and beta = 1,
- computes grad_y_pred and the loss in one kernel that writes the loss into a device buffer
  (no host synchronisation per iteration), and
- masks grad_h with a kernel instead of boolean-mask assignment (which synchronises).
It is checked against sgd_step(xp=cupy) and the tutorial loop by tests/engine/test_gpu.py.
"""

from __future__ import annotations

import functools

import cupy
import numpy as np
from cupy.cuda import device
from cupy_backends.cuda.libs import cublas

from engine.problem import Problem
from engine.step import Workspace

_SOURCE = r"""
extern "C" __global__ void relu(const T* h, T* h_relu, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
         i += (long long)blockDim.x * gridDim.x) {
        h_relu[i] = h[i] > (T)0 ? h[i] : (T)0;
    }
}

// grad_h = grad_h_relu with the entries where h < 0 set to 0 (in place).
extern "C" __global__ void mask_negative(const T* h, T* grad_h, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
         i += (long long)blockDim.x * gridDim.x) {
        if (h[i] < (T)0) grad_h[i] = (T)0;
    }
}

// One block: grad_y_pred = 2 (y_pred - y) and losses[t] = sum (y_pred - y)^2,
// accumulated in double in a fixed order, so the result is deterministic.
extern "C" __global__ void loss_and_grad(const T* y_pred, const T* y, T* grad_y_pred,
                                         double* losses, long long t, long long n) {
    __shared__ double partial[LOSS_THREADS];
    double sum = 0.0;
    for (long long i = threadIdx.x; i < n; i += LOSS_THREADS) {
        T diff = y_pred[i] - y[i];
        grad_y_pred[i] = (T)2 * diff;
        sum += (double)diff * (double)diff;
    }
    partial[threadIdx.x] = sum;
    __syncthreads();
    for (int stride = LOSS_THREADS / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
        __syncthreads();
    }
    if (threadIdx.x == 0) losses[t] = partial[0];
}
"""

LOSS_THREADS = 1024
ELEMENTWISE_THREADS = 256


@functools.cache
def _module(ctype: str) -> cupy.RawModule:
    header = f"typedef {ctype} T;\n#define LOSS_THREADS {LOSS_THREADS}\n"
    return cupy.RawModule(code=header + _SOURCE)


def _row_major_gemm(gemm, handle, a, trans_a, b, trans_b, c, alpha, beta):
    """Arguments for c = alpha·op(a)·op(b) + beta·c on C-ordered arrays.

    cuBLAS is column-major, where a C-ordered matrix reads as its transpose, so it is asked
    for cᵀ = op(b)ᵀ·op(a)ᵀ; the transpose flags carry over unchanged.
    """
    m, n = c.shape
    k = a.shape[0] if trans_a else a.shape[1]
    op_a = cublas.CUBLAS_OP_T if trans_a else cublas.CUBLAS_OP_N
    op_b = cublas.CUBLAS_OP_T if trans_b else cublas.CUBLAS_OP_N
    for arr in (a, b, c):
        assert arr.flags.c_contiguous
    return (gemm, (handle, op_b, op_a, n, m, k, alpha.ctypes.data, b.data.ptr, b.shape[1],
                   a.data.ptr, a.shape[1], beta.ctypes.data, c.data.ptr, n))


class FusedCupyStep:
    """Prepared once per run for its arrays; `step(t)` enqueues iteration t, syncing nothing."""

    def __init__(self, p: Problem, ws: Workspace, learning_rate: float, losses: cupy.ndarray,
                 train: str = "both"):
        dtype = p.x.dtype
        module = _module("double" if dtype == np.float64 else "float")
        gemm = cublas.dgemm if dtype == np.float64 else cublas.sgemm
        handle = device.get_cublas_handle()
        self._handle = handle
        # Host scalars for cuBLAS's host pointer mode; kept alive with the step.
        self._one = np.array(1, dtype)
        self._zero = np.array(0, dtype)
        self._minus_lr = np.array(-learning_rate, dtype)
        self._arrays = (p, ws, losses)
        one, zero, minus_lr = self._one, self._zero, self._minus_lr

        nh = ws.h.size
        blocks = min(65535, (nh + ELEMENTWISE_THREADS - 1) // ELEMENTWISE_THREADS)
        self._forward_h = _row_major_gemm(gemm, handle, p.x, False, p.w1, False, ws.h, one, zero)
        self._relu = (module.get_function("relu"), (blocks,), (ELEMENTWISE_THREADS,),
                      (ws.h, ws.h_relu, np.int64(nh)))
        self._forward_y = _row_major_gemm(gemm, handle, ws.h_relu, False, p.w2, False,
                                          ws.y_pred, one, zero)
        self._loss_and_grad = module.get_function("loss_and_grad")
        self._loss_args = (ws.y_pred, p.y, ws.grad_y_pred, losses)
        self._n_out = np.int64(ws.y_pred.size)
        self._grad_h_relu = _row_major_gemm(gemm, handle, ws.grad_y_pred, False, p.w2, True,
                                            ws.grad_h, one, zero)
        self._update_w2 = _row_major_gemm(gemm, handle, ws.h_relu, True, ws.grad_y_pred, False,
                                          p.w2, minus_lr, one)
        self._mask = (module.get_function("mask_negative"), (blocks,), (ELEMENTWISE_THREADS,),
                      (ws.h, ws.grad_h, np.int64(nh)))
        self._update_w1 = _row_major_gemm(gemm, handle, p.x, True, ws.grad_h, False, p.w1,
                                          minus_lr, one)
        self._trains_w1, self._trains_w2 = train != "w2", train != "w1"

    def __enter__(self) -> FusedCupyStep:
        self._saved_mode = cublas.getPointerMode(self._handle)
        cublas.setPointerMode(self._handle, cublas.CUBLAS_POINTER_MODE_HOST)
        cublas.setStream(self._handle, cupy.cuda.get_current_stream().ptr)
        return self

    def __exit__(self, *exc) -> None:
        cublas.setPointerMode(self._handle, self._saved_mode)

    def step(self, t: int) -> None:
        gemm, args = self._forward_h
        gemm(*args)                                       # h = x·w1
        kernel, grid, block, args = self._relu
        kernel(grid, block, args)                         # h_relu = max(h, 0)
        gemm, args = self._forward_y
        gemm(*args)                                       # y_pred = h_relu·w2
        self._loss_and_grad((1,), (LOSS_THREADS,),        # grad_y_pred, losses[t]
                            (*self._loss_args, np.int64(t), self._n_out))
        if self._trains_w1:
            gemm, args = self._grad_h_relu
            gemm(*args)                                   # grad_h_relu = grad_y_pred·w2ᵀ
        if self._trains_w2:
            gemm, args = self._update_w2
            gemm(*args)                                   # w2 −= lr·h_reluᵀ·grad_y_pred
        if self._trains_w1:
            kernel, grid, block, args = self._mask
            kernel(grid, block, args)                     # grad_h = grad_h_relu, 0 where h < 0
            gemm, args = self._update_w1
            gemm(*args)                                   # w1 −= lr·xᵀ·grad_h
