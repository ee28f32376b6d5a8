"""Matrix products for the CPU step through one BLAS library's gemm (SciPy's), so that an
update can be folded into its product: w ← w − lr·(a·b) in one call (alpha = −lr, beta = 1),
as the GPU's fused step does, with no gradient array and no extra passes over the weights.

Every product of an iteration goes through the same library: NumPy and SciPy each bring their
own OpenBLAS, and two libraries' thread pools in one iteration fight over the cores (measured:
a 2-thread run 15× slower). gemm is Fortran's: a C-ordered array is passed as its transpose,
which is Fortran-ordered, and out·ᵀ = bᵀ·aᵀ is computed into outᵀ, so nothing is copied.

The two large products of an iteration, x·w1 and the update w1 −= lr·xᵀ·grad_h, are taken in
pieces where that is faster. OpenBLAS multiplies a product of at most 100×100×100 multiply-adds
(M·N·K ≤ 10⁶) with kernels that read the matrices where they lie, while a larger one is first
copied into packed blocks. Only the AVX-512 cores' kernels (OpenBLAS's SkylakeX, and Cooperlake
and SapphireRapids, which use them) have that path: the other x86 cores' build refuses it (its
permit function returns 0). There, on one thread, the pieces skip the packing: at the
tutorial's sizes, x·w1 took about 180–210 µs in 8 pieces against 280–290 µs whole, and the
update 180–200 µs against 220 µs (SciPy's OpenBLAS 0.3.30, a Xeon with AVX-512, one thread,
each product timed on its own). With more threads the whole product is taken: OpenBLAS shares
it among them, and a piece runs on one thread.

- x·w1 is a sum over pieces of the inner dimension D_in: x[:, s]·w1[s, :], accumulated into h
  (beta = 1 after the first). x must be Fortran-ordered, so that its column pieces are
  contiguous (engine.backends.cpu.CpuTrainer stores it so: x is constant, drawn once per run).
- w1 −= lr·xᵀ·grad_h is taken by pieces of w1's rows: w1[s] −= lr·xᵀ[s]·grad_h, each element
  of w1 the same sum as in the whole product.

The sums are the same; their rounding may differ from the whole product's in the last bits, as
it does between thread counts (a run's losses with 1 and with 2 threads already differed there).
For a given thread count it is fixed: the same run gives the same numbers.
"""

from __future__ import annotations

import functools
import itertools
import math
import os

import numpy as np
from scipy.linalg.blas import get_blas_funcs

from engine.machine.devices import scipy_blas_folder
from engine.machine.threads import controller

SMALL_PRODUCT = 100 ** 3  # OpenBLAS's small-matrix kernels: M·N·K at most this
# OpenBLAS's names for the cores whose double-precision gemm has the small-matrix kernels
# (KERNEL.SKYLAKEX, which Cooperlake and SapphireRapids include)
SMALL_KERNEL_CORES = frozenset({"SkylakeX", "Cooperlake", "SapphireRapids"})
# Thinner pieces lost to the whole product: x·w1 in pieces of 10 terms took 293 µs against
# 281 µs whole (64×1000×100), and w1's update in pieces of 37 rows 1,146 µs against 942 µs
# (256×1000×100), one thread
MIN_PIECE_DEPTH = 32  # x·w1: terms of the inner dimension per piece
MIN_PIECE_ROWS = 64  # the update: rows of w1 per piece


def _fortran(array: np.ndarray) -> tuple[np.ndarray, int]:
    """`array`ᵀ as gemm takes it without a copy: (a Fortran-ordered array, its trans flag)."""
    if array.flags.c_contiguous:
        return array.T, 0  # the transpose of a C-ordered array is Fortran-ordered
    if array.flags.f_contiguous:
        return array, 1  # a transposed view: gemm transposes it back
    raise ValueError("gemm needs contiguous arrays")


def _fortran_of(array: np.ndarray) -> tuple[np.ndarray, int]:
    """`array` as gemm takes it without a copy: (a Fortran-ordered array, its trans flag)."""
    transposed, flag = _fortran(array)
    return transposed, 1 - flag


def piece_count(length: int, other: int, minimum: int) -> int:
    """Equal pieces of `length` such that each piece's product (its length × `other`
    multiply-adds) takes the small-matrix kernels, with one piece more than the fewest, which
    measured faster; 1 where the product is small already or the pieces would be too thin."""
    total = length * other
    if total <= SMALL_PRODUCT:
        return 1
    pieces = math.ceil(total / SMALL_PRODUCT) + 1
    return pieces if length // pieces >= minimum else 1


def spans(length: int, pieces: int) -> list[slice]:
    """`pieces` consecutive slices of range(length), as equal as integers allow."""
    edges = [round(i * length / pieces) for i in range(pieces + 1)]
    return [slice(a, b) for a, b in itertools.pairwise(edges)]


@functools.cache
def small_kernel_blas():
    """threadpoolctl's controller of the OpenBLAS that SciPy's gemm calls, where its core has
    the small-matrix kernels; None otherwise (products are then never split). Found once per
    process: the library and its core do not change."""
    libs = [lib for lib in controller().lib_controllers
            if lib.internal_api == "openblas"]
    ours = [lib for lib in libs if os.path.dirname(lib.filepath) == scipy_blas_folder()]
    if not ours and len(libs) == 1:  # SciPy built against the only OpenBLAS loaded
        ours = libs
    if len(ours) != 1 or getattr(ours[0], "architecture", None) not in SMALL_KERNEL_CORES:
        return None
    return ours[0]


class CpuBlas:
    """An array namespace for engine.numerics.step: NumPy for everything, but matrix products by
    gemm."""

    def __init__(self, dtype, split: bool | None = None):
        """`split`: take large products in pieces (True), never (False), or where SciPy's
        OpenBLAS has the small-matrix kernels and runs on one thread (None, the default)."""
        self._gemm = get_blas_funcs("gemm", dtype=np.dtype(dtype))
        self._split = split
        self._openblas = small_kernel_blas() if split is None else None

    def matmul(self, a: np.ndarray, b: np.ndarray, out: np.ndarray) -> np.ndarray:
        """out = a·b: by pieces of the inner dimension where that is faster (see above)."""
        pieces = 1
        if a.flags.f_contiguous and b.flags.c_contiguous:
            pieces = self._pieces(a.shape[1], a.shape[0] * b.shape[1], MIN_PIECE_DEPTH)
        if pieces == 1:
            self._product(1.0, a, b, 0.0, out)
            return out
        beta = 0.0
        for piece in spans(a.shape[1], pieces):
            self._product(1.0, a[:, piece], b[piece], beta, out)
            beta = 1.0
        return out

    def subtract_product(self, w: np.ndarray, scale: float, a: np.ndarray,
                         b: np.ndarray) -> None:
        """w ← w − scale·(a·b), in place: an SGD update folded into its gradient's product;
        by pieces of w's rows where that is faster (see above)."""
        pieces = 1
        if a.flags.c_contiguous and w.flags.c_contiguous:
            pieces = self._pieces(a.shape[0], a.shape[1] * b.shape[1], MIN_PIECE_ROWS)
        for piece in spans(a.shape[0], pieces):
            self._product(-scale, a[piece], b, 1.0, w[piece])

    def _pieces(self, length: int, other: int, minimum: int) -> int:
        """How many pieces a product of `length` × `other` multiply-adds is taken in."""
        pieces = piece_count(length, other, minimum)
        if pieces == 1 or self._split is False:
            return 1
        if self._split is None and (self._openblas is None
                                    or self._openblas.get_num_threads() != 1):
            return 1
        return pieces

    def zero_where_negative(self, values: np.ndarray, h: np.ndarray, bits: np.ndarray) -> None:
        """values[h < 0] = 0, the ReLU's backward pass, in whole-array passes without a branch
        per element: np.copyto(values, 0, where=h < 0) took 26 µs at 64×100 after x·w1, this
        16 µs (one thread). `bits` (unsigned, of values' item size) becomes all ones where
        h < 0 is false and 0 where it is true, and values' bit patterns are ANDed with it: the
        values of the tutorial's line, +0.0 where h < 0, and a NaN in h keeps its gradient as
        there (NaN < 0 is false)."""
        np.less(h, 0, out=bits, casting="unsafe")  # 1 where h < 0
        np.subtract(bits, 1, out=bits)  # 0 there, all ones (wrapped) elsewhere
        pattern = values.view(bits.dtype)
        np.bitwise_and(pattern, bits, out=pattern)

    def _product(self, alpha: float, a, b, beta: float, out: np.ndarray) -> None:
        """out = alpha·a·b + beta·out, into out where it lies (C- or Fortran-ordered)."""
        if out.flags.f_contiguous:
            (left, trans_left), (right, trans_right), target = _fortran_of(a), _fortran_of(b), out
        elif out.flags.c_contiguous:
            (left, trans_left), (right, trans_right) = _fortran(b), _fortran(a)  # outᵀ = bᵀ·aᵀ
            target = out.T
        else:
            raise ValueError("gemm writes into a contiguous array")
        result = self._gemm(alpha, left, right, beta, target, trans_a=trans_left,
                            trans_b=trans_right, overwrite_c=1)
        if result is not target:  # f2py copied: never silently lose the result
            target[...] = result

    def __getattr__(self, name: str):
        return getattr(np, name)
