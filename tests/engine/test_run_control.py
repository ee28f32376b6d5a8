"""Divergence, stop requests and progress batches."""

import threading
import time

import numpy as np

from engine import RunConfig
from engine.run.train import train


class StopAfter:
    """A stop flag that turns on after k checks, i.e. after k iterations."""

    def __init__(self, k: int):
        self.k = k
        self.checks = 0

    def is_set(self) -> bool:
        self.checks += 1
        return self.checks > self.k


def test_divergence_ends_the_run_as_a_result_without_warnings(capfd):
    result = train(RunConfig(learning_rate=1e-4))
    assert result.status == "diverged"
    assert result.diverged_at is not None and 0 < result.diverged_at < 500
    assert result.iterations_completed == result.diverged_at
    assert len(result.losses) == result.diverged_at
    assert np.isfinite(result.losses).all()
    out, err = capfd.readouterr()
    assert "RuntimeWarning" not in out + err
    assert err == ""


def test_stop_after_k_iterations():
    for k in (0, 1, 37):
        result = train(RunConfig(iterations=500), stop=StopAfter(k))
        assert result.status == "stopped"
        assert result.iterations_completed == k
        assert len(result.losses) == k


def test_stop_from_another_thread_takes_effect_quickly():
    stop = threading.Event()
    config = RunConfig(n=8, d_in=16, hidden=8, d_out=2, iterations=50_000_000)
    timer = threading.Timer(0.3, stop.set)
    timer.start()
    started = time.perf_counter()
    result = train(config, stop=stop)
    latency = time.perf_counter() - started - 0.3
    assert result.status == "stopped"
    assert 0 < result.iterations_completed < config.iterations
    assert latency < 1.0  # lenient on a shared machine; the design target is 0.1 s


def test_progress_arrives_in_batches_that_add_up_to_the_result():
    batches = []
    config = RunConfig(n=8, d_in=16, hidden=8, d_out=2, iterations=40_000)
    result = train(config, on_progress=batches.append)
    assert len(batches) >= 2
    indices = np.concatenate([b.iterations for b in batches])
    losses = np.concatenate([b.losses for b in batches])
    assert np.array_equal(indices, np.arange(config.iterations))
    assert np.array_equal(losses, result.losses)
    assert all(isinstance(b.losses, np.ndarray) and b.losses.dtype == np.float64
               for b in batches)
    assert batches[-1].iterations_completed == config.iterations
    # At most about 20 batches a second, never one per iteration.
    assert len(batches) <= result.loop_seconds * 20 + 3
    elapsed = [b.elapsed_seconds for b in batches]
    assert elapsed == sorted(elapsed)


def test_result_record_fields():
    result = train(RunConfig(iterations=50))
    record = result.to_dict()
    for key in ("config", "status", "iterations_completed", "diverged_at", "losses",
                "setup_seconds", "loop_seconds", "iterations_per_second", "gflops",
                "device_info"):
        assert key in record
    assert record["gflops"] > 0
    assert record["iterations_per_second"] > 0
    assert record["device_info"]["device"] == "cpu"
    for key in ("cpu_model", "cores", "blas", "threads"):
        assert key in record["device_info"]
    expected_gflops = result.config.flops_per_iteration * 50 / result.loop_seconds / 1e9
    assert record["gflops"] == expected_gflops
    assert RunConfig().flops_per_iteration == 26_598_400  # 4·N·D_in·H + 6·N·H·D_out, 26.6 MFLOP
