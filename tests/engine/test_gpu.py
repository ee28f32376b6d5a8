"""The same runs on CuPy: skipped where no GPU can be used (the probe says why)."""

import numpy as np
import pytest

from engine import RunConfig, train
from engine.devices import probe_gpu
from engine.problem import draw_problem, to_device
from engine.reference import tutorial_loop
from engine.step import Workspace, sgd_step

GPU = probe_gpu()
pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not GPU.available, reason=f"no GPU: {GPU.reason}"),
]


def relative_difference(a, b):
    """Largest entry-wise relative difference (for losses, which are never near zero)."""
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b)) / np.abs(np.asarray(b))))


def scaled_difference(a, b):
    """Largest difference relative to the largest entry (for weights, which cross zero)."""
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))) / np.max(np.abs(np.asarray(b))))


def test_gpu_float64_run_matches_the_cpu_run():
    cpu = train(RunConfig())
    gpu = train(RunConfig(device="gpu"))
    assert gpu.status == "completed" and gpu.iterations_completed == 500
    difference = relative_difference(gpu.losses, cpu.losses)
    assert difference < 1e-9, f"largest relative difference {difference:.3g}"
    assert gpu.device_info["device"] == "gpu" and gpu.device_info["gpu_name"]


def test_gpu_float32_run_follows_the_cpu_curve():
    cpu = train(RunConfig(iterations=100))
    gpu = train(RunConfig(device="gpu", dtype="float32", iterations=100))
    assert relative_difference(gpu.losses[:50], cpu.losses[:50]) < 1e-3


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_fused_step_equals_the_plain_step_on_cupy(dtype):
    import cupy

    from engine.cuda_step import FusedCupyStep

    config = RunConfig(n=37, d_in=300, hidden=70, d_out=9, dtype=dtype, learning_rate=1e-5)
    plain = to_device(draw_problem(config), dtype, cupy)
    fused = to_device(draw_problem(config), dtype, cupy)
    ws_plain, ws_fused = Workspace.allocate(plain, cupy), Workspace.allocate(fused, cupy)
    losses = cupy.zeros(20, dtype=cupy.float64)
    plain_losses = []
    with FusedCupyStep(fused, ws_fused, config.learning_rate, losses) as step:
        for t in range(20):
            plain_losses.append(float(sgd_step(plain, ws_plain, config.learning_rate, cupy)))
            step.step(t)
    tol = 1e-10 if dtype == "float64" else 1e-4
    assert relative_difference(losses.get(), plain_losses) < tol
    assert scaled_difference(fused.w1.get(), plain.w1.get()) < tol
    assert scaled_difference(fused.w2.get(), plain.w2.get()) < tol


def test_straight_cupy_port_matches_numpy():
    import cupy

    config = RunConfig(iterations=50)
    host = to_device(draw_problem(config), "float64")
    dev = to_device(draw_problem(config), "float64", cupy)
    expected = tutorial_loop(host.x, host.y, host.w1, host.w2, 1e-6, 50)
    got = tutorial_loop(dev.x, dev.y, dev.w1, dev.w2, 1e-6, 50, xp=cupy)
    assert relative_difference(got, expected) < 1e-9


def test_gpu_divergence_stop_and_memory_release():
    import cupy

    pool = cupy.get_default_memory_pool()
    used_before = pool.used_bytes()
    diverged = train(RunConfig(device="gpu", learning_rate=1e-4))
    assert diverged.status == "diverged"
    assert diverged.diverged_at == train(RunConfig(learning_rate=1e-4)).diverged_at
    assert np.isfinite(diverged.losses).all()

    class StopAfter:
        checks = 0

        def is_set(self):
            self.checks += 1
            return self.checks > 25

    stopped = train(RunConfig(device="gpu"), stop=StopAfter())
    assert stopped.status == "stopped" and stopped.iterations_completed == 25
    assert pool.used_bytes() <= used_before  # every run's arrays are released
    assert pool.free_bytes() == 0  # and handed back to the driver
