"""The MLX code (--code mlx): the tutorial's loop in MLX, from the engine's draw, against the
NumPy oracle (engine.numerics.reference). Skipped where MLX is absent; CI installs the mlx extra
(on Linux, MLX's CPU build) and runs them. MLX's GPU (Metal, or CUDA with mlx-cuda) is tested
where one is present."""

import json
import signal
import threading
import time

import numpy as np
import pytest

from engine.core.config import ConfigError, RunConfig
from engine.core.problem import draw_problem
from engine.numerics.reference import tutorial_loop
from tests.conftest import SMALL, SMALL_OPTIONS, loss_differences

mx = pytest.importorskip("mlx.core")
pytestmark = pytest.mark.mlx

from engine.backends import mlx_code  # noqa: E402  (after the skip)
from engine.backends.mlx_code import MlxTrainer  # noqa: E402
from engine.run.train import train  # noqa: E402

TUTORIAL = {"n": 64, "d_in": 1000, "hidden": 100, "d_out": 10}  # the listing's sizes
OTHER = {"n": 32, "d_in": 300, "hidden": 40, "d_out": 7}
# MLX's Linux CPU build multiplies with reference BLAS (about 11 ms an iteration at the
# tutorial's sizes here): fewer iterations there than the tutorial's 500, past the steep part.
ITERATIONS = {"tutorial": 150, "other": 500}
MLX_GPU = mlx_code.gpu_backend()


def oracle(config: RunConfig) -> np.ndarray:
    p = draw_problem(config)
    return tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations,
                         layers=config.layers)


@pytest.mark.parametrize("sizes", [TUTORIAL, OTHER], ids=["tutorial", "other"])
@pytest.mark.parametrize("train_layers", ["both", "w1", "w2"])
def test_losses_agree_with_the_numpy_oracle_float64_cpu(sizes, train_layers, request):
    size_id = request.node.callspec.id.split("-")[-1]
    config = RunConfig(**sizes, code="mlx", train=train_layers, iterations=ITERATIONS[size_id],
                       learning_rate=1e-6 if train_layers != "w2" else 1e-7)
    result = train(config)
    assert result.status == "completed" and result.device_info["mlx_device"] == "cpu"
    whole, first = loss_differences(result.losses, oracle(config))
    assert whole <= 1e-12, whole
    assert first <= 1e-10, first


def test_the_draw_keeps_its_dtype():
    """mx.array of a float64 array is float32 unless a dtype is given: the trainer gives one."""
    assert mx.array(np.ones(2)).dtype == mx.float32  # MLX's own default, which we avoid
    for dtype in ("float64", "float32"):
        trainer = MlxTrainer(RunConfig(**SMALL, code="mlx", dtype=dtype), draw_problem(
            RunConfig(**SMALL)))
        assert {a.dtype for a in (trainer.x, trainer.y, trainer.w1, trainer.w2)} == \
            {getattr(mx, dtype)}


def test_float32_stays_as_close_to_float64_as_the_float32_engine():
    config = RunConfig(**OTHER, iterations=200, dtype="float32")
    reference = oracle(RunConfig(**OTHER, iterations=200))
    engine = train(config)
    mlx_run = train(RunConfig(**OTHER, iterations=200, dtype="float32", code="mlx"))
    engine_error = np.max(np.abs(engine.losses - reference) / reference[0])
    mlx_error = np.max(np.abs(mlx_run.losses - reference) / reference[0])
    assert mlx_run.status == "completed"
    assert mlx_error <= max(10 * engine_error, 1e-6), (mlx_error, engine_error)


def test_divergence_is_caught_at_the_engine_s_iteration():
    config = RunConfig(**TUTORIAL, learning_rate=4e-6, iterations=200, threads=1)
    engine = train(config)
    mlx_run = train(RunConfig(**TUTORIAL, learning_rate=4e-6, iterations=200, code="mlx"))
    assert engine.status == mlx_run.status == "diverged"
    assert mlx_run.diverged_at == engine.diverged_at
    assert np.isfinite(mlx_run.losses).all() and len(mlx_run.losses) == mlx_run.diverged_at


def test_backward_products_are_counted_three_one_and_two():
    counts = {layers: train(RunConfig(**SMALL, iterations=3, code="mlx",
                                      train=layers)).backward_products
              for layers in ("both", "w2", "w1")}
    assert counts == {"both": 3, "w2": 1, "w1": 2}


def test_a_frozen_layer_keeps_its_drawn_weights():
    config = RunConfig(**SMALL, code="mlx", train="w2")
    trainer = MlxTrainer(config, draw_problem(config))
    before = np.array(trainer.w1)
    for t in range(3):
        trainer.advance(t)
    assert np.array_equal(np.array(trainer.w1), before)
    assert not np.array_equal(np.array(trainer.w2), draw_problem(config).w2)


def test_stop_ends_an_mlx_run_within_a_tenth_of_a_second():
    stop = threading.Event()
    stopped_at = []

    def stop_now():
        stopped_at.append(time.perf_counter())
        stop.set()

    timer = threading.Timer(0.5, stop_now)
    timer.start()
    result = train(RunConfig(**TUTORIAL, iterations=5_000_000, code="mlx"), stop=stop)
    ended = time.perf_counter()
    assert result.status == "stopped" and 0 < result.iterations_completed < 5_000_000
    assert ended - stopped_at[0] < 0.1, ended - stopped_at[0]


def test_diagnostics_of_an_mlx_run_equal_the_engine_s():
    runs = {code: train(RunConfig(**OTHER, iterations=30, code=code, diagnostics=True,
                                  threads=1)) for code in ("numpy", "mlx")}
    engine, mlx_run = (runs[c].diagnostics for c in ("numpy", "mlx"))
    assert engine["sharpness_iterations"] == mlx_run["sharpness_iterations"]
    np.testing.assert_allclose(mlx_run["sharpness"], engine["sharpness"], rtol=1e-6)
    np.testing.assert_allclose(mlx_run["gradient_norm"], engine["gradient_norm"], rtol=1e-6)
    assert mlx_run["dead_units"] == engine["dead_units"]


def test_the_memory_check_counts_mlx_s_arrays(monkeypatch):
    from engine.run import memory
    from engine.run.memory import InsufficientMemoryError, check_memory, estimate_memory

    numpy_run, mlx_run = (RunConfig(**TUTORIAL, code=c) for c in ("numpy", "mlx"))
    assert estimate_memory(mlx_run).host_bytes > estimate_memory(numpy_run).host_bytes
    monkeypatch.setattr(memory, "host_memory_available", lambda: 10_000)
    with pytest.raises(InsufficientMemoryError):
        check_memory(mlx_run)


def test_json_csv_and_import_keep_an_mlx_run(tmp_path):
    from cli.main import main
    from engine.core.result import RunResult, read_records

    out, csv = tmp_path / "run.json", tmp_path / "run.csv"
    assert main(["run", "--code", "mlx", *SMALL_OPTIONS, "--iterations", "20",
                 "--json", str(out), "--csv", str(csv)]) == 0
    record = json.loads(out.read_text())
    assert record["config"]["code"] == "mlx" and record["backward_products"] == 3
    assert record["device_info"]["mlx"] == mx.__version__
    config = RunConfig(**SMALL, iterations=20, code="mlx")
    whole, _first = loss_differences(np.array(record["losses"]), oracle(config))
    assert whole <= 1e-12
    assert len(csv.read_text().splitlines()) == 21
    (again,) = read_records(out.read_text())
    assert isinstance(again, RunResult) and again.config.code == "mlx"
    assert np.array_equal(again.losses, np.array(record["losses"]))


def test_the_cpu_build_s_reference_blas_is_said_where_it_is_used(capsys):
    from cli.main import main

    assert main(["run", "--code", "mlx", *SMALL_OPTIONS, "--iterations", "3"]) == 0
    out = capsys.readouterr().out
    blas = mlx_code.reference_blas()
    if blas:  # Linux's CPU wheel
        assert f"MLX on the CPU: this MLX build multiplies with reference BLAS ({blas})" in out
    else:
        assert "reference BLAS" not in out


def test_an_mlx_run_that_crashes_takes_only_the_compute_process_down(monkeypatch):
    from engine.service.jobs import TrainingJob
    from tests.engine.test_compute_process import Compute

    monkeypatch.setenv("BACKPROP_LAB_FAULT", "abort@3")  # the spawned process inherits it
    compute = Compute()
    assert compute.receive()[0] == "ready"
    compute.connection.send(("job", 1, TrainingJob(RunConfig(**SMALL, code="mlx"))))
    compute.process.join(60)
    assert compute.process.exitcode == -signal.SIGABRT  # and this process goes on


def test_race_compare_code_has_an_mlx_lane_and_says_what_its_time_is(tmp_path):
    from cli.main import main

    out = tmp_path / "race.json"
    assert main(["race", "--compare", "code", *SMALL_OPTIONS, "--iterations", "300",
                 "--threads", "1", "--repeats", "3", "--max-seconds", "10",
                 "--json", str(out)]) == 0
    record = json.loads(out.read_text())
    lanes = {lane["config"]["code"]: lane for lane in record["lanes"]}
    assert "mlx" in lanes and "numpy" in lanes
    assert lanes["mlx"]["label"] == "MLX (CPU)"  # MLX picks its own threads: no count
    assert record["largest_relative_difference"] < 1e-10
    assert bool(record["notes"]) == bool(mlx_code.reference_blas())


# --- the GPU: refused in float64, by a stand-in where none is here ---------------------------


def test_float64_on_an_mlx_gpu_is_refused_in_one_line_offering_float32(monkeypatch):
    def metal_float64():  # what MLX's Metal backend raises for a float64 product
        raise ValueError("[matmul] float64 is not supported on the GPU")

    monkeypatch.setattr(mlx_code, "gpu_backend", lambda: "Metal")
    monkeypatch.setattr(mlx_code, "_float64_on_gpu", metal_float64)
    with pytest.raises(ConfigError) as refused:
        train(RunConfig(**SMALL, code="mlx", device="gpu", dtype="float64"))
    words = str(refused.value)
    assert "\n" not in words and "float64" in words and "float32" in words
    assert refused.value.field == "device"
    assert mlx_code.device_refusal(RunConfig(**SMALL, code="mlx", device="gpu",
                                             dtype="float32")) == ""


def test_no_mlx_gpu_is_refused_naming_it(monkeypatch):
    monkeypatch.setattr(mlx_code, "gpu_backend", lambda: "")
    with pytest.raises(ConfigError, match="MLX has no GPU backend here"):
        train(RunConfig(**SMALL, code="mlx", device="gpu", dtype="float32"))


@pytest.mark.gpu
@pytest.mark.skipif(not MLX_GPU, reason="MLX has no GPU here (no Metal, no CUDA)")
@pytest.mark.parametrize("train_layers", ["both", "w2"])
def test_mlx_on_its_gpu_agrees_with_the_oracle_in_float32(train_layers):
    config = RunConfig(**TUTORIAL, code="mlx", device="gpu", dtype="float32", train=train_layers,
                       learning_rate=1e-6 if train_layers == "both" else 1e-7)
    result = train(config)
    reference = oracle(RunConfig(**TUTORIAL, train=train_layers,
                                 learning_rate=config.learning_rate))
    assert result.status == "completed" and result.device_info["gpu_backend"] == MLX_GPU
    assert np.max(np.abs(result.losses - reference) / reference[0]) < 1e-4
