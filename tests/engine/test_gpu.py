"""The same runs on CuPy: skipped where no GPU can be used (the probe says why)."""

import numpy as np
import pytest

from engine import RunConfig
from engine.core.problem import draw_problem, to_device
from engine.machine.devices import probe_gpu
from engine.numerics.reference import tutorial_loop
from engine.numerics.step import Workspace, sgd_step
from engine.run.train import train

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

    from engine.backends.cuda_step import FusedCupyStep

    config = RunConfig(n=37, d_in=300, hidden=70, d_out=9, dtype=dtype, learning_rate=1e-5)
    plain = to_device(draw_problem(config), dtype, cupy)
    fused = to_device(draw_problem(config), dtype, cupy)
    ws_plain, ws_fused = Workspace.allocate(plain, cupy), Workspace.allocate(fused, cupy)
    losses = cupy.zeros(20, dtype=cupy.float64)
    plain_losses = []
    with FusedCupyStep(fused, ws_fused, config.learning_rate, losses) as step:
        for _t in range(20):
            plain_losses.append(float(sgd_step(plain, ws_plain, config.learning_rate, cupy)))
            step.step()
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

    # The fused path checks Stop before every iteration (the graph path before every replay).
    stopped = train(RunConfig(device="gpu", gpu_path="fused"), stop=StopAfter())
    assert stopped.status == "stopped" and stopped.iterations_completed == 25
    assert pool.used_bytes() <= used_before  # every run's arrays are released
    assert pool.free_bytes() == 0  # and handed back to the driver


# --- the three GPU paths (issue 13) ------------------------------------------------------

PATHS = ("port", "fused", "graph")


def run_on(path, **fields):
    return train(RunConfig(device="gpu", gpu_path=path, **fields))


def test_every_gpu_path_equals_the_cpu_oracle_and_the_others():
    oracle = train(RunConfig())
    runs = {path: run_on(path) for path in PATHS}
    for path, run in runs.items():
        assert run.status == "completed" and run.iterations_completed == 500, path
        assert run.device_info["gpu_path"] == path, run.device_info
        assert relative_difference(run.losses, oracle.losses) < 1e-9, path
    assert relative_difference(runs["graph"].losses, runs["fused"].losses) < 1e-12
    assert runs["graph"].device_info["replay_iterations"] >= 1


@pytest.mark.parametrize("train_layers", ["w1", "w2"])
def test_graph_path_trains_only_the_chosen_layer(train_layers):
    oracle = train(RunConfig(train=train_layers, iterations=60))
    graph = run_on("graph", train=train_layers, iterations=60)
    assert graph.device_info["gpu_path"] == "graph"
    assert relative_difference(graph.losses, oracle.losses) < 1e-9


def test_graph_replays_and_a_remainder_give_the_eager_losses():
    import cupy

    from engine.backends.capture_blas import open_binding
    from engine.backends.cuda_step import CapturableHandle, FusedCupyStep, GraphRunner

    config = RunConfig(n=37, d_in=300, hidden=70, d_out=9, learning_rate=1e-5, iterations=30)
    stream = cupy.cuda.Stream(non_blocking=False)
    with stream:
        eager_p = to_device(draw_problem(config), "float64", cupy)
        graph_p = to_device(draw_problem(config), "float64", cupy)
        eager_losses = cupy.zeros(30, dtype=cupy.float64)
        graph_losses = cupy.zeros(30, dtype=cupy.float64)
        blas = CapturableHandle(open_binding(), stream)
        eager = FusedCupyStep(eager_p, Workspace.allocate(eager_p, cupy), 1e-5, eager_losses,
                              blas=blas)
        for _ in range(30):
            eager.step()
        graph_step = FusedCupyStep(graph_p, Workspace.allocate(graph_p, cupy), 1e-5,
                                   graph_losses, blas=blas)
        runner = GraphRunner(graph_step, stream, block=7, total=30)  # 4 × 7, then 2
        t = 0
        while t < 30:
            t += runner.replay(t)
        stream.synchronize()
    assert t == 30
    assert relative_difference(graph_losses.get(), eager_losses.get()) < 1e-13
    assert scaled_difference(graph_p.w1.get(), eager_p.w1.get()) < 1e-13
    runner.close()
    blas.close()


@pytest.mark.parametrize("path", PATHS)
def test_divergence_is_caught_at_the_first_non_finite_loss_on_every_path(path):
    oracle = train(RunConfig(learning_rate=1e-4))
    run = run_on(path, learning_rate=1e-4)
    assert run.status == "diverged" and run.diverged_at == oracle.diverged_at
    assert run.iterations_completed == oracle.diverged_at
    assert np.isfinite(run.losses).all()


def test_stop_during_a_graph_run_takes_effect_within_50_ms():
    import threading
    import time

    stop = threading.Event()
    ended = {}

    def work():
        ended["result"] = train(RunConfig(device="gpu", gpu_path="graph",
                                          iterations=2_000_000, learning_rate=1e-7), stop=stop)
        ended["at"] = time.perf_counter()

    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(3.0)  # setup (capture) and well into the loop
    stopped_at = time.perf_counter()
    stop.set()
    thread.join(10)
    result = ended["result"]
    latency = ended["at"] - stopped_at
    print(f"stop latency on the graph path: {1000 * latency:.1f} ms")
    assert result.status == "stopped" and 0 < result.iterations_completed < 2_000_000
    assert result.device_info["gpu_path"] == "graph"
    assert latency < 0.05


def test_graph_path_releases_its_memory():
    import cupy

    pool = cupy.get_default_memory_pool()
    run_on("graph", iterations=50)
    before = pool.used_bytes()
    run = run_on("graph", iterations=50)
    assert run.device_info["gpu_path"] == "graph"
    assert pool.used_bytes() <= before
    assert pool.free_bytes() == 0


def test_graph_falls_back_to_the_fused_step_and_says_why(monkeypatch):
    from engine.backends import gpu as gpu_trainer
    from engine.backends.capture_blas import CaptureUnavailable

    def unavailable():
        raise CaptureUnavailable("no capture-safe cuBLAS binding (test)")

    monkeypatch.setattr(gpu_trainer, "open_binding", unavailable)
    run = run_on("graph", iterations=40)
    assert run.device_info["gpu_path"] == "fused"
    assert run.device_info["gpu_path_note"] == \
        "CUDA graph unavailable: no capture-safe cuBLAS binding (test)"
    assert relative_difference(run.losses, train(RunConfig(iterations=40)).losses) < 1e-9


@pytest.mark.parametrize("binding", ["nvmath", "ctypes"])
def test_each_cublas_binding_captures_the_same_run(binding, monkeypatch):
    from engine.backends.capture_blas import CaptureUnavailable, open_binding

    try:
        open_binding(binding)
    except CaptureUnavailable as exc:
        pytest.skip(str(exc))
    monkeypatch.setenv("BACKPROP_LAB_CUBLAS", binding)
    run = run_on("graph", iterations=100)
    assert run.device_info["gpu_path"] == "graph", run.device_info
    assert run.device_info["cublas_binding"] == open_binding(binding).name
    assert relative_difference(run.losses, train(RunConfig(iterations=100)).losses) < 1e-9


@pytest.mark.parametrize("path", PATHS)
def test_tf32_runs_on_every_path_and_follows_the_float32_curve(path):
    float32 = run_on(path, dtype="float32", iterations=30)
    tf32 = run_on(path, dtype="tf32", iterations=30)
    assert tf32.status == "completed" and np.isfinite(tf32.losses).all()
    # TF32 keeps 10 mantissa bits in the products: the first losses agree to about 1e-3.
    assert relative_difference(tf32.losses[:3], float32.losses[:3]) < 2e-2


def test_race_of_the_gpu_paths():
    from engine.tools.race import default_targets, race

    result = race(RunConfig(iterations=100), default_targets("gpu-path"), repeats=2)
    assert [lane.result.device_info["gpu_path"] for lane in result.lanes] == list(PATHS)
    assert len(result.comparisons) == 2
    assert result.largest_relative_difference < 1e-9


def test_a_size_sweep_point_on_the_graph_path_outruns_the_run_safely():
    from engine.tools.size_sweep import _measure_point

    spread, per_sample = _measure_point(RunConfig(device="gpu", iterations=50), 0.3, None)
    assert spread.median > 0 and per_sample >= 1


def test_an_iteration_longer_than_a_replay_runs_the_fused_step_and_says_why(monkeypatch):
    from engine.backends import gpu as gpu_trainer

    monkeypatch.setattr(gpu_trainer, "replay_iterations", lambda seconds, total: 1)
    run = run_on("graph", iterations=40)
    assert run.device_info["gpu_path"] == "fused"
    assert "saves nothing on launches" in run.device_info["gpu_path_note"]
    assert relative_difference(run.losses, train(RunConfig(iterations=40)).losses) < 1e-9
