"""The classical stability bound of gradient descent: 2/λ_max of the loss Hessian.

λ_max is found by power iteration on Hessian-vector products, each a central difference of
the engine's own gradients (engine.step.forward_backward): H·v ≈ (g(w + εv) − g(w − εv)) / 2ε.
The loss is piecewise quadratic in (w1, w2) (ReLU), so a small step ε stays on one piece.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.config import RunConfig
from engine.problem import Problem, draw_problem, to_device
from engine.step import Workspace, forward_backward


@dataclass(frozen=True)
class StabilityBound:
    lambda_max: float  # largest eigenvalue of the loss Hessian at the initial weights
    predicted_bound: float  # 2 / lambda_max: the largest learning rate that cannot diverge
    power_iterations: int


class _Gradients:
    """Gradient of the loss at given weights, as one flat vector (w1 then w2)."""

    def __init__(self, problem: Problem):
        self.problem = to_device(problem, "float64")
        self.workspace = Workspace.allocate(self.problem, np)
        self.split = self.problem.w1.size

    def __call__(self, weights: np.ndarray) -> np.ndarray:
        p = self.problem
        p.w1[...] = weights[: self.split].reshape(p.w1.shape)
        p.w2[...] = weights[self.split :].reshape(p.w2.shape)
        forward_backward(p, self.workspace, np)
        return np.concatenate((self.workspace.grad_w1.ravel(), self.workspace.grad_w2.ravel()))


def hessian_vector_product(gradient, weights: np.ndarray, v: np.ndarray) -> np.ndarray:
    # Relative step: small against the weights, large against rounding of the gradient.
    # 1e-5 of |w| already crossed ReLU kinks at the tutorial's size and gave 2.5× too large a λ.
    epsilon = 1e-7 * max(1.0, float(np.linalg.norm(weights))) / float(np.linalg.norm(v))
    return (gradient(weights + epsilon * v) - gradient(weights - epsilon * v)) / (2 * epsilon)


def stability_bound(config: RunConfig, tolerance: float = 1e-6,
                    max_iterations: int = 300) -> StabilityBound:
    """λ_max at the run's initial weights (its seed's draw), float64 on the CPU."""
    problem = draw_problem(config)
    gradient = _Gradients(problem)
    weights = np.concatenate((problem.w1.ravel(), problem.w2.ravel()))
    v = np.random.default_rng(config.seed + 1).standard_normal(weights.size)
    v /= np.linalg.norm(v)
    estimate, iterations = 0.0, 0
    with np.errstate(all="ignore"):
        while iterations < max_iterations:
            iterations += 1
            hv = hessian_vector_product(gradient, weights, v)
            new_estimate = float(v @ hv)  # Rayleigh quotient
            norm = float(np.linalg.norm(hv))
            if norm == 0 or not np.isfinite(norm):
                break
            v = hv / norm
            if abs(new_estimate - estimate) <= tolerance * abs(new_estimate):
                estimate = new_estimate
                break
            estimate = new_estimate
    return StabilityBound(estimate, 2.0 / estimate if estimate > 0 else float("inf"),
                          iterations)


def dense_hessian(config: RunConfig) -> np.ndarray:
    """The whole Hessian by finite differences, column by column: for tiny networks (tests)."""
    problem = draw_problem(config)
    gradient = _Gradients(problem)
    weights = np.concatenate((problem.w1.ravel(), problem.w2.ravel()))
    basis = np.eye(weights.size)
    columns = [hessian_vector_product(gradient, weights, basis[i]) for i in range(weights.size)]
    hessian = np.column_stack(columns)
    return (hessian + hessian.T) / 2
