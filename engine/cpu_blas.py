"""Matrix products for the CPU step through one BLAS library's gemm (SciPy's), so that an
update can be folded into its product: w ← w − lr·(a·b) in one call (alpha = −lr, beta = 1),
as the GPU's fused step does, with no gradient array and no extra passes over the weights.

Every product of an iteration goes through the same library: NumPy and SciPy each bring their
own OpenBLAS, and two libraries' thread pools in one iteration fight over the cores (measured:
a 2-thread run 15× slower). gemm is Fortran's: a C-ordered array is passed as its transpose,
which is Fortran-ordered, and out·ᵀ = bᵀ·aᵀ is computed into outᵀ, so nothing is copied.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg.blas import get_blas_funcs


def _fortran(array: np.ndarray) -> tuple[np.ndarray, int]:
    """`array`ᵀ as gemm takes it without a copy: (a Fortran-ordered array, its trans flag)."""
    if array.flags.c_contiguous:
        return array.T, 0  # the transpose of a C-ordered array is Fortran-ordered
    if array.flags.f_contiguous:
        return array, 1  # a transposed view: gemm transposes it back
    raise ValueError("gemm needs contiguous arrays")


class CpuBlas:
    """An array namespace for engine.step: NumPy for everything, but matrix products by gemm."""

    def __init__(self, dtype):
        self._gemm = get_blas_funcs("gemm", dtype=np.dtype(dtype))

    def matmul(self, a: np.ndarray, b: np.ndarray, out: np.ndarray) -> np.ndarray:
        """out = a·b."""
        self._product(1.0, a, b, 0.0, out)
        return out

    def subtract_product(self, w: np.ndarray, scale: float, a: np.ndarray,
                         b: np.ndarray) -> None:
        """w ← w − scale·(a·b), in place: an SGD update folded into its gradient's product."""
        self._product(-scale, a, b, 1.0, w)

    def _product(self, alpha: float, a, b, beta: float, out: np.ndarray) -> None:
        left, trans_left = _fortran(b)  # outᵀ = bᵀ·aᵀ
        right, trans_right = _fortran(a)
        if not out.flags.c_contiguous:
            raise ValueError("gemm writes into a C-ordered array")
        result = self._gemm(alpha, left, right, beta, out.T, trans_a=trans_left,
                            trans_b=trans_right, overwrite_c=1)
        if not np.shares_memory(result, out):  # f2py copied: never silently lose the result
            out[...] = result.T

    def __getattr__(self, name: str):
        return getattr(np, name)
