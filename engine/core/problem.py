"""The random draw: the product's rule, so that every device starts from the same numbers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from engine.core.config import RunConfig


@dataclass
class Problem:
    """Inputs x, targets y and weights w1, w2 on the host, float64, as drawn."""

    x: np.ndarray
    y: np.ndarray
    w1: np.ndarray
    w2: np.ndarray


def draw_problem(config: RunConfig) -> Problem:
    """x, y, w1, w2 standard normal, in that order, from default_rng(seed), float64."""
    rng = np.random.default_rng(config.seed)
    x = rng.standard_normal((config.n, config.d_in))
    y = rng.standard_normal((config.n, config.d_out))
    w1 = rng.standard_normal((config.d_in, config.hidden))
    w2 = rng.standard_normal((config.hidden, config.d_out))
    return Problem(x, y, w1, w2)


def to_device(problem: Problem, dtype: str, xp=np) -> Problem:
    """Cast to the run's dtype and copy to the run's device (fresh arrays, safe to update)."""
    return Problem(*(xp.array(a, dtype=dtype) for a in (problem.x, problem.y, problem.w1,
                                                          problem.w2)))


def draw_sha256(problem: Problem) -> str:
    """The draw's fingerprint: SHA-256 of x, y, w1, w2 as little-endian float64, in order (an
    exported notebook checks its draw against it; an imported record is compared by it)."""
    digest = hashlib.sha256()
    for array in (problem.x, problem.y, problem.w1, problem.w2):
        digest.update(np.ascontiguousarray(array, dtype="<f8").tobytes())
    return digest.hexdigest()
