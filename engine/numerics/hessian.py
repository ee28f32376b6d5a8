"""The sharpness λ_max, the loss Hessian's largest eigenvalue, and the classical stability
bound of gradient descent, 2/λ_max.

Hessian-vector products are exact: the loss is piecewise quadratic in (w1, w2), one piece per
ReLU mask, and with the mask held fixed its Hessian is that piece's. No finite differences (a
step across a ReLU kink overestimated λ_max 2.2× at the tutorial's sizes). The largest
eigenvalue comes from Lanczos (scipy.sparse.linalg.eigsh, which='LA'; cupyx's on a GPU), which
separates nearly equal top eigenvalues that power iteration converges on slowly.

Only the trained block counts: with w1 frozen the loss is a quadratic in w2 and 2/λ_max of
the w2 block is the exact bound.

Where N < D_in (the tutorial: 64 < 1024), the products run on the subspace that holds the
Hessian's whole range: w1's part of H·v is always xᵀ·M, so it lies in the column space of xᵀ.
With xᵀ = Q·R (Q orthonormal, D_in × N), w1's directions are written v1 = Q·U, and H restricted
to (U, v2) has the same nonzero eigenvalues (the rest of the space is H's null space): 7,400
dimensions instead of 103,400 at the tutorial's sizes, x·v1 = Rᵀ·U and xᵀ·M = Q·(R·M), so that
a product and ARPACK's reorthogonalisation each cost a fourteenth.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from engine.core.config import BOTH, Layers, RunConfig
from engine.core.problem import draw_problem
from engine.machine.threads import controller

LANCZOS_TOLERANCE = 1e-6  # relative accuracy of λ_max
# Lanczos vectors kept: ARPACK's default (20 for one eigenvalue) from a random start; from an
# earlier eigenvector, 8 converge in a third of the products (tutorial sizes: 9-15 against 31).
WARM_LANCZOS_VECTORS = 8
DENSE_BELOW = 16  # blocks this small: the whole Hessian, then eigvalsh (ARPACK needs room)


def row_factor(x, xp=np):
    """R of xᵀ = Q·R (N × N), where the column space of xᵀ is smaller than w1's rows (N <
    D_in); None where it is not (nothing to gain)."""
    n, d_in = x.shape
    if n >= d_in:
        return None
    return xp.linalg.qr(xp.asarray(x, dtype=xp.float64).T, mode="r")


class Curvature:
    """Hessian-vector products of the loss at fixed weights (float64, on xp's device) for the
    trained block: a flat vector holds w1's part then w2's, as `layers` has them. With
    `row_factor` (row_factor(x)), w1's part is given as U, its coordinates in the column space
    of xᵀ (v1 = Q·U): the same nonzero eigenvalues, in far fewer dimensions."""

    def __init__(self, x, y, w1, w2, layers: Layers = BOTH, xp=np, row_factor=None):
        self.xp = xp
        as64 = lambda a: xp.asarray(a, dtype=xp.float64)  # noqa: E731
        self.x, self.y, self.w1, self.w2 = as64(x), as64(y), as64(w1), as64(w2)
        self.row_factor = row_factor
        if row_factor is None:  # x·v1 and xᵀ·M as they are
            self.x_part, self.x_t = self.x, xp.ascontiguousarray(self.x.T)
            self.w1_shape = self.w1.shape
        else:  # x·(Q·U) = Rᵀ·U, and Qᵀ·(xᵀ·M) = R·M
            self.x_part, self.x_t = xp.ascontiguousarray(row_factor.T), row_factor
            self.w1_shape = (row_factor.shape[0], self.w1.shape[1])
        h = self.x @ self.w1
        self.mask = (h > 0).astype(xp.float64)  # the ReLU piece, held fixed
        self.h_relu = h * self.mask
        self.grad_y_pred = 2 * (self.h_relu @ self.w2 - self.y)
        self.trains_w1, self.trains_w2 = layers.w1, layers.w2
        self.split = self.w1_shape[0] * self.w1_shape[1] if self.trains_w1 else 0
        self.size = self.split + (self.w2.size if self.trains_w2 else 0)
        self.products = 0

    def __call__(self, v, out=None):
        """H·v for the trained block (the directional derivative of its gradient), written
        into `out` where given (Lanczos reuses one: a fresh 0.8 MB result each product cost
        page faults worth a third of the product at the tutorial's sizes)."""
        xp = self.xp
        self.products += 1
        v = xp.asarray(v, dtype=xp.float64).ravel()
        out = xp.empty(self.size, dtype=xp.float64) if out is None else out
        d_y_pred = xp.zeros_like(self.grad_y_pred)
        if self.trains_w1:
            v1 = v[: self.split].reshape(self.w1_shape)
            d_h_relu = self.mask * (self.x_part @ v1)
            d_y_pred += d_h_relu @ self.w2
        if self.trains_w2:
            v2 = v[self.split :].reshape(self.w2.shape)
            d_y_pred += self.h_relu @ v2
        if self.trains_w1:
            d_grad_h_relu = 2 * d_y_pred @ self.w2.T
            if self.trains_w2:
                d_grad_h_relu += self.grad_y_pred @ v2.T
            xp.matmul(self.x_t, self.mask * d_grad_h_relu,
                      out=out[: self.split].reshape(self.w1_shape))
        if self.trains_w2:
            d_grad_w2 = 2 * self.h_relu.T @ d_y_pred
            if self.trains_w1:
                d_grad_w2 += d_h_relu.T @ self.grad_y_pred
            out[self.split :] = d_grad_w2.ravel()
        return out

    def dense(self):
        """The whole Hessian of the trained block, column by column (small blocks, tests)."""
        xp = self.xp
        basis = xp.eye(self.size)
        hessian = xp.stack([self(basis[i]) for i in range(self.size)], axis=1)
        return (hessian + hessian.T) / 2


def largest_eigenvalue(curvature: Curvature, start=None,
                       tolerance: float = LANCZOS_TOLERANCE) -> tuple[float, object]:
    """λ_max and its eigenvector (in the curvature's coordinates); `start` (an earlier
    eigenvector, in the same coordinates) warm-starts Lanczos. Where the curvature works in
    part of the space (row_factor), the rest is its null space: λ_max is at least 0."""
    value, vector = _largest_eigenvalue(curvature, start, tolerance)
    if curvature.row_factor is not None and curvature.trains_w1 and value < 0:
        return 0.0, vector  # every eigenvalue of the part below 0: the null space's 0 is largest
    return value, vector


def _largest_eigenvalue(curvature: Curvature, start, tolerance: float) -> tuple[float, object]:
    xp = curvature.xp
    if curvature.size < DENSE_BELOW:
        values, vectors = xp.linalg.eigh(curvature.dense())
        return float(values[-1]), vectors[:, -1]
    if start is not None and not bool(xp.isfinite(start).all()):
        start = None
    lanczos_vectors = min(WARM_LANCZOS_VECTORS, curvature.size - 1) if start is not None else None
    if xp is np:
        from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, LinearOperator, eigsh

        # SciPy's ARPACK brings its own OpenBLAS, whose threads spin between its calls and
        # NumPy's: 0.5 s a call at the tutorial's sizes on 2 cores, against 0.1 s with one
        # BLAS thread for the duration (the limits are restored on the way out).
        result = np.empty(curvature.size)  # ARPACK copies each product out of it
        limiter = controller().limit(limits=1, user_api="blas")
        try:
            operator = LinearOperator((curvature.size, curvature.size),
                                      matvec=lambda v: curvature(v, out=result),
                                      dtype=np.float64)
            try:
                values, vectors = eigsh(operator, k=1, which="LA", v0=start, tol=tolerance,
                                        ncv=lanczos_vectors)
            except ArpackNoConvergence as exc:
                if not len(exc.eigenvalues):
                    raise
                values, vectors = exc.eigenvalues, exc.eigenvectors
            except ArpackError:
                if start is None:
                    raise
                # A stale start can break the factorization: once more from a random one.
                return _largest_eigenvalue(curvature, None, tolerance)
        finally:
            limiter.restore_original_limits()
    else:
        from cupyx.scipy.sparse.linalg import LinearOperator, eigsh

        operator = LinearOperator((curvature.size, curvature.size), matvec=curvature,
                                  dtype=np.float64)
        values, vectors = eigsh(operator, k=1, which="LA", v0=start, tol=tolerance,
                                ncv=lanczos_vectors)
    return float(values[0]), vectors[:, 0]


@dataclass(frozen=True)
class StabilityBound:
    lambda_max: float  # largest eigenvalue of the trained block's Hessian at the initial weights
    predicted_bound: float  # 2 / lambda_max: the largest learning rate that cannot diverge
    hessian_vector_products: int


def stability_bound(config: RunConfig) -> StabilityBound:
    """λ_max at the run's initial weights (its seed's draw), float64 on the CPU."""
    p = draw_problem(config)
    curvature = Curvature(p.x, p.y, p.w1, p.w2, config.layers, row_factor=row_factor(p.x))
    lambda_max, _ = largest_eigenvalue(curvature)
    bound = 2.0 / lambda_max if lambda_max > 0 else float("inf")
    return StabilityBound(lambda_max, bound, curvature.products)


QUADRATIC_LIMIT_MAX_WORK = 2e8  # N·D_in·H beyond this: too slow to compute as a panel is edited


def quadratic_limit(config: RunConfig) -> float | None:
    """With w1 frozen the loss is a quadratic in w2, whose curvature never changes: 2/λ_max of
    the w2 block at the drawn weights is then the exact limit of the learning rate, known
    before the run starts. None where w1 trains, or where the sizes make it slow to compute."""
    if config.layers.frozen != "w1" or \
            config.n * config.d_in * config.hidden > QUADRATIC_LIMIT_MAX_WORK:
        return None
    return _quadratic_limit(config.n, config.d_in, config.hidden, config.d_out, config.seed)


@functools.lru_cache(maxsize=32)
def _quadratic_limit(n: int, d_in: int, hidden: int, d_out: int, seed: int) -> float:
    config = RunConfig(n=n, d_in=d_in, hidden=hidden, d_out=d_out, seed=seed, train="w2")
    return stability_bound(config).predicted_bound


def dense_hessian(config: RunConfig) -> np.ndarray:
    """The trained block's whole Hessian at the initial weights: for tiny networks (tests)."""
    p = draw_problem(config)
    return Curvature(p.x, p.y, p.w1, p.w2, config.layers).dense()
