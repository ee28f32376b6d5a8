"""The fused GPU step: the same algorithm as engine.numerics.step, shaped for CuPy's costs.

At the tutorial's sizes a GPU iteration is bound by launch and Python overhead, not
arithmetic, so this step
- calls cuBLAS directly with arguments prepared once (no per-call checks or allocations),
- folds each SGD update into its gradient product: w ← w − lr·(aᵀ·b) is one GEMM with
  alpha = −lr and beta = 1,
- computes grad_y_pred and the loss in one kernel that writes the loss into a device buffer
  (no host synchronisation per iteration), and
- masks grad_h with a kernel instead of boolean-mask assignment (which synchronises).
The graph path captures this same step, K iterations at a time, as a CUDA graph and replays
it (GraphRunner): the launches cost one graph launch per K iterations instead of eight each.
It is checked against sgd_step(xp=cupy) and the tutorial loop by tests/engine/test_gpu.py.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import time
from collections.abc import Iterator

import cupy
import numpy as np
from cupy.cuda import device
from cupy_backends.cuda.libs import cublas

from engine.backends.capture_blas import DEFAULT_MATH, OP_N, OP_T, TF32_TENSOR_OP_MATH, OwnHandle
from engine.core.config import BOTH, Layers
from engine.core.problem import Problem
from engine.numerics.step import Workspace

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

__device__ double warp_sum(double v) {
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

// The sum of v over the block, in a fixed order; valid in thread 0.
__device__ double block_sum(double v) {
    __shared__ double warp_sums[LOSS_THREADS / 32];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_sum(v);
    if (lane == 0) warp_sums[warp] = v;
    __syncthreads();
    v = 0.0;
    if (warp == 0) {
        if (lane < LOSS_THREADS / 32) v = warp_sums[lane];
        v = warp_sum(v);
    }
    return v;
}

// grad_y_pred = 2 (y_pred - y) and losses[*t] = sum (y_pred - y)^2, accumulated in double in
// a fixed order (deterministic for a given n and grid); then *t += 1. The iteration's index
// lives on the device, so that one captured launch serves every replay of a CUDA graph.
// With several blocks, each writes its partial sum and the last to arrive adds them up in
// block order (and re-arms the arrival counter).
extern "C" __global__ void loss_and_grad(const T* y_pred, const T* y, T* grad_y_pred,
                                         double* partials, unsigned int* arrived,
                                         double* losses, long long* t, long long n) {
    double sum = 0.0;
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
         i += (long long)blockDim.x * gridDim.x) {
        T diff = y_pred[i] - y[i];
        grad_y_pred[i] = (T)2 * diff;
        sum += (double)diff * (double)diff;
    }
    sum = block_sum(sum);
    if (gridDim.x == 1) {
        if (threadIdx.x == 0) {
            losses[*t] = sum;
            *t += 1;
        }
        return;
    }
    __shared__ bool last;
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = sum;
        __threadfence();
        last = atomicAdd(arrived, 1u) == gridDim.x - 1;
    }
    __syncthreads();
    if (!last) return;
    __threadfence();
    double total = 0.0;
    for (unsigned int b = threadIdx.x; b < gridDim.x; b += blockDim.x) {
        total += ((volatile double*)partials)[b];
    }
    total = block_sum(total);
    if (threadIdx.x == 0) {
        losses[*t] = total;
        *t += 1;
        *arrived = 0;
    }
}
"""

LOSS_THREADS = 256  # a multiple of 32 (block_sum)
LOSS_ELEMENTS_PER_THREAD = 8  # the loss kernel's grid: one block up to 2048 outputs
MAX_LOSS_BLOCKS = 264  # two per multiprocessor on an H100
ELEMENTWISE_THREADS = 256
# The graph path: each replay runs about this long (a few milliseconds), so that progress
# (every 50 ms) and Stop (checked before each replay) stay prompt, and at most this many
# replays are queued ahead of the GPU.
REPLAY_SECONDS = 0.004
MAX_REPLAY_ITERATIONS = 1000  # capture costs host time per captured iteration
PROBE_ITERATIONS = 8
MAX_IN_FLIGHT = 2
COMPUTE_TYPE_TF32 = 7  # CuPy's compute-type code for TF32 products (cupy._core)


@functools.cache
def _module(ctype: str) -> cupy.RawModule:
    header = f"typedef {ctype} T;\n#define LOSS_THREADS {LOSS_THREADS}\n"
    return cupy.RawModule(code=header + _SOURCE)


@contextlib.contextmanager
def tf32_products(enabled: bool = True) -> Iterator[None]:
    """CuPy's own float32 products (matmul, dot) on TF32 tensor cores, restored afterwards."""
    if not enabled:
        yield
        return
    from cupy._core import _routines_linalg as linalg

    saved = linalg.get_compute_type(np.float32)
    linalg.set_compute_type(np.float32, getattr(linalg, "COMPUTE_TYPE_TF32", COMPUTE_TYPE_TF32))
    try:
        yield
    finally:
        linalg.set_compute_type(np.float32, saved)


def _row_major_gemm(gemm, handle, a, trans_a, b, trans_b, c, alpha, beta):
    """Arguments for c = alpha·op(a)·op(b) + beta·c on C-ordered arrays.

    cuBLAS is column-major, where a C-ordered matrix reads as its transpose, so it is asked
    for cᵀ = op(b)ᵀ·op(a)ᵀ; the transpose flags carry over unchanged.
    """
    m, n = c.shape
    k = a.shape[0] if trans_a else a.shape[1]
    op_a = OP_T if trans_a else OP_N
    op_b = OP_T if trans_b else OP_N
    for arr in (a, b, c):
        assert arr.flags.c_contiguous
    return (gemm, (handle, op_b, op_a, n, m, k, alpha.ctypes.data, b.data.ptr, b.shape[1],
                   a.data.ptr, a.shape[1], beta.ctypes.data, c.data.ptr, n))


class CupyHandle:
    """CuPy's own cuBLAS handle and binding: the fastest eager calls, but not capturable.
    While entered it is in host pointer mode on the current stream (TF32 math if asked)."""

    def __init__(self, tf32: bool = False):
        self.handle = device.get_cublas_handle()
        self.dgemm, self.sgemm = cublas.dgemm, cublas.sgemm
        self._math = TF32_TENSOR_OP_MATH if tf32 else DEFAULT_MATH

    def __enter__(self) -> CupyHandle:
        self._saved = (cublas.getPointerMode(self.handle), cublas.getMathMode(self.handle))
        cublas.setPointerMode(self.handle, cublas.CUBLAS_POINTER_MODE_HOST)
        cublas.setMathMode(self.handle, self._math)
        cublas.setStream(self.handle, cupy.cuda.get_current_stream().ptr)
        return self

    def __exit__(self, *exc) -> None:
        pointer_mode, math_mode = self._saved
        cublas.setPointerMode(self.handle, pointer_mode)
        cublas.setMathMode(self.handle, math_mode)


class CapturableHandle:
    """A handle of our own through a capture-safe binding (engine.backends.capture_blas), set up
    once on `stream` with its workspace; closed with the run."""

    def __init__(self, binding, stream, tf32: bool = False):
        self.binding = binding
        self._own = OwnHandle(binding, stream.ptr, tf32)
        self.handle = self._own.handle
        self.dgemm, self.sgemm = binding.dgemm, binding.sgemm

    def __enter__(self) -> CapturableHandle:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def close(self) -> None:
        self._own.close()


class FusedCupyStep:
    """Prepared once per run for its arrays; `step()` enqueues the next iteration (its loss
    goes to losses[t], t counted on the device from `reset(t)`), syncing nothing."""

    def __init__(self, p: Problem, ws: Workspace, learning_rate: float, losses: cupy.ndarray,
                 layers: Layers = BOTH,
                 blas: CupyHandle | CapturableHandle | None = None):
        dtype = p.x.dtype
        module = _module("double" if dtype == np.float64 else "float")
        self.blas = blas = blas if blas is not None else CupyHandle()
        gemm = blas.dgemm if dtype == np.float64 else blas.sgemm
        handle = blas.handle
        # Host scalars for cuBLAS's host pointer mode; kept alive with the step.
        self._one = np.array(1, dtype)
        self._zero = np.array(0, dtype)
        self._minus_lr = np.array(-learning_rate, dtype)
        self._t = cupy.zeros(1, dtype=cupy.int64)
        self._arrays = (p, ws, losses)
        one, zero, minus_lr = self._one, self._zero, self._minus_lr

        nh = ws.h.size
        blocks = min(65535, (nh + ELEMENTWISE_THREADS - 1) // ELEMENTWISE_THREADS)
        self._forward_h = _row_major_gemm(gemm, handle, p.x, False, p.w1, False, ws.h, one, zero)
        self._relu = (module.get_function("relu"), (blocks,), (ELEMENTWISE_THREADS,),
                      (ws.h, ws.h_relu, np.int64(nh)))
        self._forward_y = _row_major_gemm(gemm, handle, ws.h_relu, False, p.w2, False,
                                          ws.y_pred, one, zero)
        n_out = ws.y_pred.size
        loss_blocks = min(MAX_LOSS_BLOCKS, -(-n_out // (LOSS_THREADS * LOSS_ELEMENTS_PER_THREAD)))
        self._partials = cupy.empty(loss_blocks, dtype=cupy.float64)
        self._arrived = cupy.zeros(1, dtype=cupy.uint32)
        self._loss_and_grad = (module.get_function("loss_and_grad"), (loss_blocks,),
                               (LOSS_THREADS,),
                               (ws.y_pred, p.y, ws.grad_y_pred, self._partials, self._arrived,
                                losses, self._t, np.int64(n_out)))
        self._grad_h_relu = _row_major_gemm(gemm, handle, ws.grad_y_pred, False, p.w2, True,
                                            ws.grad_h, one, zero)
        self._update_w2 = _row_major_gemm(gemm, handle, ws.h_relu, True, ws.grad_y_pred, False,
                                          p.w2, minus_lr, one)
        self._mask = (module.get_function("mask_negative"), (blocks,), (ELEMENTWISE_THREADS,),
                      (ws.h, ws.grad_h, np.int64(nh)))
        self._update_w1 = _row_major_gemm(gemm, handle, p.x, True, ws.grad_h, False, p.w1,
                                          minus_lr, one)
        self._trains_w1, self._trains_w2 = layers.w1, layers.w2

    def __enter__(self) -> FusedCupyStep:
        self.blas.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.blas.__exit__(*exc)

    def reset(self, t: int = 0) -> None:
        """The next step's loss goes to losses[t] (enqueued on the current stream)."""
        self._t.fill(t)

    def step(self) -> None:
        gemm, args = self._forward_h
        gemm(*args)                                       # h = x·w1
        kernel, grid, block, args = self._relu
        kernel(grid, block, args)                         # h_relu = max(h, 0)
        gemm, args = self._forward_y
        gemm(*args)                                       # y_pred = h_relu·w2
        kernel, grid, block, args = self._loss_and_grad
        kernel(grid, block, args)                         # grad_y_pred, losses[t]; t += 1
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


def capture(step: FusedCupyStep, stream: cupy.cuda.Stream, iterations: int) -> cupy.cuda.Graph:
    """`iterations` of `step` captured on `stream` as one CUDA graph, uploaded for replay.
    The step's products must go through a CapturableHandle on that stream."""
    with stream:
        stream.begin_capture()
        try:
            for _ in range(iterations):
                step.step()
        except BaseException:
            try:
                stream.end_capture()
            except Exception:  # the capture is invalid already; the first error is the one
                pass
            raise
        graph = stream.end_capture()
    graph.upload(stream)
    return graph


def replay_seconds_per_iteration(step: FusedCupyStep, stream: cupy.cuda.Stream) -> float:
    """One iteration's time when replayed from a graph: PROBE_ITERATIONS captured, the
    fastest of three replays (for choosing how many iterations one replay holds)."""
    graph = capture(step, stream, PROBE_ITERATIONS)
    times = []
    for _ in range(3):
        with stream:
            step.reset(0)
        stream.synchronize()
        start = time.perf_counter()
        graph.launch(stream)
        stream.synchronize()
        times.append(time.perf_counter() - start)
    return min(times) / PROBE_ITERATIONS


def replay_iterations(seconds_per_iteration: float, total: int) -> int:
    """Iterations per replay: about REPLAY_SECONDS' worth, at least 1, at most the run."""
    wanted = round(REPLAY_SECONDS / max(seconds_per_iteration, 1e-9))
    return max(1, min(wanted, MAX_REPLAY_ITERATIONS, total))


class GraphRunner:
    """The run's iterations as replays of captured graphs: one of `block` iterations, and
    one of the remainder when `total` is not a multiple of it. At most MAX_IN_FLIGHT
    replays are queued ahead of the GPU."""

    def __init__(self, step: FusedCupyStep, stream: cupy.cuda.Stream, block: int, total: int):
        self.block, self.total = block, total
        self.step = step
        self._stream = stream
        self._graphs = {count: capture(step, stream, count)
                        for count in sorted({block, total % block} - {0})}
        self._in_flight: collections.deque = collections.deque()

    def replay(self, t: int) -> int:
        """Enqueue the iterations from t on (a whole block, or the remainder); their count."""
        count = min(self.block, self.total - t)
        if len(self._in_flight) >= MAX_IN_FLIGHT:
            event = self._in_flight.popleft()
            event.synchronize()
        else:
            event = cupy.cuda.Event(block=False, disable_timing=True)
        self._graphs[count].launch(self._stream)
        event.record(self._stream)
        self._in_flight.append(event)
        return count

    def close(self) -> None:
        self._graphs.clear()
        self._in_flight.clear()
