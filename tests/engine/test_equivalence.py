"""The engine trains exactly like the tutorial loop, from the product's random draw."""

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from engine import RunConfig
from engine.core.problem import draw_problem, to_device
from engine.numerics.reference import tutorial_loop
from engine.numerics.step import Workspace, sgd_step
from engine.run.train import train
from tests.conftest import loss_differences


def reference_losses(config: RunConfig, threads: int) -> np.ndarray:
    """The tutorial loop on the same draw, with as many BLAS threads as the engine used:
    OpenBLAS splits a product by thread count, and a different split rounds differently
    (about 1e-10 relative by the 500th, tiny, loss on a 16-core machine)."""
    p = to_device(draw_problem(config), config.dtype)
    with threadpool_limits(limits=threads, user_api="blas"):
        return tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations)


def test_float64_losses_equal_the_tutorial_loop_at_the_tutorials_sizes():
    config = RunConfig()  # 64, 1024, 100, 10, lr 1e-6, 500 iterations
    result = train(config)
    expected = reference_losses(config, result.device_info["threads"])
    assert result.status == "completed"
    assert result.iterations_completed == 500
    assert result.losses.shape == (500,)
    # The engine folds each update into its product (one rounding where the tutorial has
    # two), so late losses, 13 orders of magnitude below the first and dominated by
    # cancellation, differ in their last digits: the rule is relative to max(L_0, |L_t|), and
    # plain relative over the first 100 iterations.
    whole, first = loss_differences(result.losses, expected)
    assert whole <= 1e-12 and first <= 1e-10
    # The run really learns: the tutorial's loss falls by orders of magnitude.
    assert result.losses[-1] < 1e-3 * result.losses[0]


def test_float32_follows_the_float64_curve_to_single_precision():
    config = RunConfig(dtype="float32", iterations=200)
    result = train(config)
    expected = reference_losses(RunConfig(iterations=200), result.device_info["threads"])
    relative = np.abs(result.losses - expected) / np.abs(expected)
    assert relative[:50].max() < 1e-3


def test_same_seed_same_draw_other_seed_other_draw():
    a, b = draw_problem(RunConfig(seed=3)), draw_problem(RunConfig(seed=3))
    c = draw_problem(RunConfig(seed=4))
    assert np.array_equal(a.w1, b.w1)
    assert not np.array_equal(a.w1, c.w1)


def test_draw_follows_the_product_rule():
    config = RunConfig(n=3, d_in=5, hidden=4, d_out=2, seed=7)
    rng = np.random.default_rng(7)
    expected = [rng.standard_normal(s) for s in ((3, 5), (3, 2), (5, 4), (4, 2))]
    p = draw_problem(config)
    for got, want in zip((p.x, p.y, p.w1, p.w2), expected, strict=True):
        assert got.dtype == np.float64
        assert np.array_equal(got, want)


def _loss(x, y, w1, w2):
    return float(np.square(np.maximum(x @ w1, 0) @ w2 - y).sum())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_finite_differences(seed):
    config = RunConfig(n=5, d_in=7, hidden=6, d_out=3, seed=seed)
    p = to_device(draw_problem(config), "float64")
    start = to_device(p, "float64")  # a copy: the step updates p in place
    ws = Workspace.allocate(p, np)
    loss = sgd_step(p, ws, 1.0, np)  # lr = 1: the workspace keeps the gradients unscaled
    assert float(loss) == pytest.approx(_loss(start.x, start.y, start.w1, start.w2), rel=1e-12)
    eps = 1e-6
    for name, grad in (("w1", ws.grad_w1), ("w2", ws.grad_w2)):
        weights = getattr(start, name)
        numeric = np.zeros_like(weights)
        for index in np.ndindex(weights.shape):
            args = {"x": start.x, "y": start.y, "w1": start.w1.copy(), "w2": start.w2.copy()}
            args[name][index] += eps
            plus = _loss(**args)
            args[name][index] -= 2 * eps
            minus = _loss(**args)
            numeric[index] = (plus - minus) / (2 * eps)
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-5 * np.abs(numeric).max())
    # And the update is plain SGD: w_new = w - lr * grad.
    np.testing.assert_allclose(p.w1, start.w1 - ws.grad_w1, rtol=0, atol=1e-12)
