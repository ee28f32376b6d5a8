"""The PyTorch codes (--code torch|autograd): the tutorial's next two listings, from the engine's
draw, against the NumPy oracle (engine.numerics.reference). Skipped where PyTorch is absent; CI
installs the torch extra and runs them."""

import json
import signal
import threading

import numpy as np
import pytest

from engine.core.config import CODES, RunConfig
from engine.core.problem import draw_problem, to_device
from engine.machine.devices import code_refusal
from engine.numerics.reference import tutorial_loop
from engine.numerics.step import Workspace, forward_backward
from tests.conftest import SMALL, SMALL_OPTIONS, loss_differences

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.torch

from engine.backends.torch_codes import TorchTrainer  # noqa: E402  (after the skip)
from engine.run.train import train  # noqa: E402

TUTORIAL = {"n": 64, "d_in": 1000, "hidden": 100, "d_out": 10}  # the listings' sizes
INSTALLED = [code for code in CODES if not code_refusal(code)]  # mlx: where its extra is too
OTHER = {"n": 32, "d_in": 300, "hidden": 40, "d_out": 7}


def oracle(config: RunConfig) -> np.ndarray:
    p = draw_problem(config)
    return tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations,
                         layers=config.layers)


@pytest.mark.parametrize("code", ["torch", "autograd"])
@pytest.mark.parametrize("sizes", [TUTORIAL, OTHER], ids=["tutorial", "other"])
@pytest.mark.parametrize("train_layers", ["both", "w1", "w2"])
def test_losses_agree_with_the_numpy_oracle_float64_cpu(code, sizes, train_layers):
    config = RunConfig(**sizes, code=code, train=train_layers, threads=1,
                       learning_rate=1e-6 if train_layers != "w2" else 1e-7)
    result = train(config)
    reference = oracle(config)
    assert result.status == "completed"
    whole, first = loss_differences(result.losses, reference)
    assert whole <= 1e-12, whole
    assert first <= 1e-10, first


@pytest.mark.parametrize("code", INSTALLED)
def test_backward_products_are_counted_three_one_and_two(code):
    counts = {layers: train(RunConfig(**SMALL, iterations=3, code=code, train=layers,
                                      threads=1)).backward_products
              for layers in ("both", "w2", "w1")}
    # both trained: grad_w2, grad_h_relu, grad_w1; w1 frozen: grad_w2 only; w2 frozen: two
    assert counts == {"both": 3, "w2": 1, "w1": 2}


def test_the_readout_sentence_says_what_autograd_skipped():
    from engine.backends.codes import backward_line

    result = train(RunConfig(**SMALL, iterations=3, code="autograd", train="w2", threads=1))
    assert backward_line(result) == ("Backward pass: autograd ran 1 of 3 gradient products: "
                                     "w1 is frozen, so nothing needs grad_h_relu.")


def test_autograd_gradients_at_t0_equal_the_hand_written_ones():
    config = RunConfig(**TUTORIAL, code="autograd", learning_rate=1.0, diagnostics=True)
    trainer = TorchTrainer(config, draw_problem(config))
    trainer.advance(0)
    grad_w1, grad_w2 = trainer.trained_gradients()  # lr·grad with lr = 1: the step taken
    p = to_device(draw_problem(config), "float64")
    ws = Workspace.allocate(p, np)
    forward_backward(p, ws, np)
    for autograd, by_hand in ((grad_w1, ws.grad_w1), (grad_w2, ws.grad_w2)):
        assert np.linalg.norm(autograd - by_hand) <= 1e-12 * np.linalg.norm(by_hand)


def test_a_frozen_weight_is_requires_grad_false_under_autograd():
    config = RunConfig(**SMALL, code="autograd", train="w2")
    trainer = TorchTrainer(config, draw_problem(config))
    assert not trainer.w1.requires_grad and trainer.w2.requires_grad
    before = trainer.w1.detach().clone()
    trainer.advance(0)
    assert torch.equal(before, trainer.w1) and trainer.w1.grad is None


def test_divergence_is_caught_at_the_same_iteration_on_every_code():
    ends = {code: train(RunConfig(**TUTORIAL, learning_rate=4e-6, code=code, threads=1))
            for code in INSTALLED}
    assert {r.status for r in ends.values()} == {"diverged"}
    assert len({r.diverged_at for r in ends.values()}) == 1, {
        code: r.diverged_at for code, r in ends.items()}
    assert all(np.isfinite(r.losses).all() for r in ends.values())


@pytest.mark.parametrize("code", ["torch", "autograd"])
def test_float32_runs_and_stays_close_to_float64(code):
    result = train(RunConfig(**SMALL, iterations=50, code=code, dtype="float32", threads=1))
    reference = oracle(RunConfig(**SMALL, iterations=50))
    assert result.status == "completed"
    assert np.max(np.abs(result.losses - reference) / reference[0]) < 1e-4


@pytest.mark.parametrize("code", ["torch", "autograd"])
def test_stop_ends_a_pytorch_run_between_iterations(code):
    stop = threading.Event()
    timer = threading.Timer(0.5, stop.set)
    timer.start()
    result = train(RunConfig(**SMALL, iterations=50_000_000, code=code, threads=1), stop=stop)
    assert result.status == "stopped"
    assert 0 < result.iterations_completed < 50_000_000


@pytest.mark.parametrize("threads", [1, 2])
def test_the_run_s_threads_are_pytorch_s_intra_op_threads(threads):
    during = []
    result = train(RunConfig(**SMALL, iterations=5, code="torch", threads=threads),
                   on_progress=lambda _: during.append(torch.get_num_threads()))
    assert result.device_info["threads"] == threads and set(during) == {threads}


def test_diagnostics_of_a_pytorch_run_equal_the_engine_s():
    runs = {code: train(RunConfig(**OTHER, iterations=30, code=code, diagnostics=True,
                                  threads=1)) for code in ("numpy", "autograd")}
    engine, autograd = (runs[c].diagnostics for c in ("numpy", "autograd"))
    assert engine["sharpness_iterations"] == autograd["sharpness_iterations"]
    np.testing.assert_allclose(autograd["sharpness"], engine["sharpness"], rtol=1e-6)
    np.testing.assert_allclose(autograd["gradient_norm"], engine["gradient_norm"], rtol=1e-6)
    assert autograd["dead_units"] == engine["dead_units"]


def test_the_memory_check_counts_pytorch_s_allocations(monkeypatch):
    from engine.run import memory
    from engine.run.memory import InsufficientMemoryError, check_memory, estimate_memory

    numpy_run, torch_run = (RunConfig(**TUTORIAL, code=c) for c in ("numpy", "autograd"))
    assert estimate_memory(torch_run).host_bytes > estimate_memory(numpy_run).host_bytes
    monkeypatch.setattr(memory, "host_memory_available", lambda: 10_000)
    with pytest.raises(InsufficientMemoryError):
        check_memory(torch_run)


def test_the_record_keeps_the_code_and_the_count_through_json():
    from engine.core.result import RunResult

    result = train(RunConfig(**SMALL, iterations=5, code="autograd", threads=1))
    again = RunResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again.config.code == "autograd" and again.backward_products == 3


def test_a_pytorch_run_that_crashes_takes_only_the_compute_process_down(monkeypatch):
    from engine.service.jobs import TrainingJob
    from tests.engine.test_compute_process import Compute

    monkeypatch.setenv("BACKPROP_LAB_FAULT", "abort@3")  # the spawned process inherits it
    compute = Compute()
    assert compute.receive()[0] == "ready"
    compute.connection.send(("job", 1, TrainingJob(RunConfig(**SMALL, code="autograd"))))
    compute.process.join(60)
    assert compute.process.exitcode == -signal.SIGABRT  # and this process goes on


def test_race_compare_code_races_every_installed_code(tmp_path):
    from cli.main import main

    out = tmp_path / "race.json"
    status = main(["race", "--compare", "code", *SMALL_OPTIONS, "--iterations", "2000",
                   "--threads", "1", "--repeats", "7", "--max-seconds", "20",
                   "--json", str(out)])
    assert status == 0
    record = json.loads(out.read_text())
    assert [lane["config"]["code"] for lane in record["lanes"]] == INSTALLED
    assert {lane["config"]["threads"] for lane in record["lanes"]} == {1}
    assert record["verdict"] and record["largest_relative_difference"] < 1e-10


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="PyTorch sees no CUDA GPU here")
@pytest.mark.parametrize("code", ["torch", "autograd"])
@pytest.mark.parametrize("train_layers", ["both", "w2"])
def test_the_pytorch_codes_on_a_gpu_agree_with_the_oracle(code, train_layers):
    config = RunConfig(**TUTORIAL, code=code, device="gpu", train=train_layers,
                       learning_rate=1e-6 if train_layers == "both" else 1e-7)
    result = train(config)
    assert result.status == "completed" and result.device_info["device"] == "gpu"
    whole, first = loss_differences(result.losses, oracle(config))
    assert whole <= 1e-12 and first <= 1e-10
    assert result.backward_products == (3 if train_layers == "both" else 1)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="PyTorch sees no CUDA GPU here")
def test_a_diverging_pytorch_gpu_run_ends_at_the_engine_s_iteration():
    cpu = train(RunConfig(**TUTORIAL, learning_rate=4e-6, threads=1))
    gpu = train(RunConfig(**TUTORIAL, learning_rate=4e-6, code="autograd", device="gpu"))
    assert gpu.status == "diverged" and gpu.diverged_at == cpu.diverged_at
