"""The CPU step's folded updates (engine.cpu_blas, engine.step.folded_sgd_step) against the
plain step: the same algorithm, in place, in both dtypes and for every layer setting."""

import numpy as np
import pytest

from engine.config import Layers, RunConfig
from engine.cpu_blas import CpuBlas
from engine.problem import draw_problem, to_device
from engine.step import Workspace, folded_sgd_step, sgd_step


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_products_are_written_in_place_without_copies(dtype):
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((5, 7)).astype(dtype), rng.standard_normal((7, 3)).astype(dtype)
    out = np.empty((5, 3), dtype)
    blas = CpuBlas(dtype)
    assert blas.matmul(a, b, out=out) is out
    np.testing.assert_allclose(out, a @ b, rtol=1e-5)
    w = rng.standard_normal((7, 3)).astype(dtype)
    expected = w - 0.5 * (a.T @ a[:, :3])
    pointer = w.ctypes.data
    blas.subtract_product(w, 0.5, a.T, np.ascontiguousarray(a[:, :3]))
    assert w.ctypes.data == pointer
    np.testing.assert_allclose(w, expected, rtol=1e-5)


@pytest.mark.parametrize("train", ["both", "w1", "w2"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_folded_step_trains_as_the_plain_step(train, dtype):
    config = RunConfig(n=16, d_in=40, hidden=12, d_out=3, dtype=dtype)
    layers = Layers.of(train)
    plain, folded = (to_device(draw_problem(config), dtype) for _ in range(2))
    plain_ws, folded_ws = Workspace.allocate(plain, np), Workspace.allocate(folded, np)
    blas = CpuBlas(dtype)
    tolerance = 1e-12 if dtype == "float64" else 1e-4
    for _ in range(20):
        expected = sgd_step(plain, plain_ws, 1e-4, np, layers)
        loss = folded_sgd_step(folded, folded_ws, 1e-4, blas, layers)
        assert abs(loss - expected) <= tolerance * abs(expected)
    for ours, theirs in ((folded.w1, plain.w1), (folded.w2, plain.w2)):
        np.testing.assert_allclose(ours, theirs, rtol=tolerance * 10)
    frozen = {"w1": folded.w2, "w2": folded.w1}.get(train)
    if frozen is not None:  # a frozen layer keeps its weights as drawn
        drawn = to_device(draw_problem(config), dtype)
        assert any(np.array_equal(frozen, w) for w in (drawn.w1, drawn.w2))
