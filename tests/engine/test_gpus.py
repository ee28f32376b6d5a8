"""Which GPU the window offers, whatever its maker (engine.run.gpus), and the refusals of GPUs
that are not NVIDIA's: PyTorch's MPS (Apple silicon) and the missing extras. Stand-ins play
the libraries: none of this needs a GPU, MLX or PyTorch."""

import pytest

from engine.core.config import ConfigError, RunConfig
from engine.machine import devices
from engine.machine.devices import NO_NVIDIA_GPU, GpuStatus
from engine.run import gpus
from engine.run.gpus import NO_APPLE_GPU_BACKEND, probe_gpus
from engine.run.train import train
from tests.conftest import SMALL, SMALL_OPTIONS

NVIDIA = GpuStatus(True, "", {"device": "gpu", "gpu_name": "NVIDIA H100"})
APPLE = GpuStatus(True, "", {"device": "gpu", "gpu_name": "Apple M2", "backend": "MLX, Metal"})
MPS = GpuStatus(True, "", {"device": "gpu", "gpu_name": "Apple GPU", "backend": "PyTorch, MPS"})


def none(reason="not here"):
    return lambda: GpuStatus(False, reason)


def test_cupy_s_gpu_comes_first_and_is_named_with_its_library():
    found = probe_gpus(cupy=lambda: NVIDIA, mlx=lambda: APPLE, mps=lambda: MPS)
    assert found.available and found.info["backend"] == "CuPy"


def test_an_mlx_gpu_is_found_where_cupy_has_none():
    found = probe_gpus(cupy=none(NO_NVIDIA_GPU), mlx=lambda: APPLE, mps=lambda: MPS,
                       platform="darwin")
    assert found.available and found.info["backend"] == "MLX, Metal"
    assert probe_gpus(cupy=none(NO_NVIDIA_GPU), mlx=none(), mps=lambda: MPS,
                      platform="darwin").info["backend"] == "PyTorch, MPS"


def test_no_nvidia_gpu_is_said_only_where_no_gpu_library_can_be_used():
    linux = probe_gpus(cupy=none(NO_NVIDIA_GPU), mlx=none(), mps=none(), platform="linux")
    assert not linux.available and linux.reason == NO_NVIDIA_GPU
    mac = probe_gpus(cupy=none(devices.NO_CUPY), mlx=none(), mps=none(), platform="darwin")
    assert not mac.available and mac.reason == NO_APPLE_GPU_BACKEND


def test_mps_is_not_asked_for_outside_a_mac():
    assert not gpus.mps_gpu(platform="linux").available


def test_mlx_without_its_extra_is_refused_naming_it(monkeypatch, capsys):
    from cli.main import main
    from engine.run.checks import run_errors

    monkeypatch.setattr(devices, "mlx_installed", lambda: False)
    assert main(["run", "--code", "mlx", *SMALL_OPTIONS]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("main.py: error: --code: mlx needs MLX, an optional extra: uv run --extra "
                   "mlx main.py (on Linux its CPU build; mlx-cuda for an NVIDIA GPU)")
    assert run_errors({**RunConfig().to_dict(), "code": "mlx"})["code"] == \
        devices.code_refusal("mlx")
    with pytest.raises(ConfigError, match="needs MLX"):
        train(RunConfig(**SMALL, code="mlx"))
    assert not gpus.mlx_gpu().available


def test_the_numpy_code_on_a_gpu_that_only_mlx_reaches_names_the_mlx_code(monkeypatch):
    from engine.run import train as train_module

    monkeypatch.setattr(train_module, "probe_gpu", lambda: GpuStatus(False, devices.NO_CUPY))
    monkeypatch.setattr(gpus, "mlx_installed", lambda: True)
    monkeypatch.setattr(gpus, "mlx_gpu", lambda: APPLE)
    with pytest.raises(ConfigError) as refused:
        train(RunConfig(**SMALL, device="gpu"))
    assert str(refused.value).endswith("CuPy is not installed (add the cuda12 or cuda13 extra); "
                                       "MLX can use this machine's GPU: choose the mlx code "
                                       "(--code mlx) with float32")


@pytest.mark.torch
def test_pytorch_s_mps_refusals():
    pytest.importorskip("torch")
    from engine.backends.torch_codes import gpu_refusal

    # As on Linux: neither CUDA nor MPS
    assert "no CUDA GPU and no MPS device" in gpu_refusal("float32", cuda=False, mps=False)
    # Apple silicon: float32 only
    assert gpu_refusal("float32", cuda=False, mps=True) == ""
    for dtype in ("float64", "tf32"):
        words = gpu_refusal(dtype, cuda=False, mps=True)
        assert f"MPS device (Apple silicon) has no {dtype}" in words and "float32" in words
    assert gpu_refusal("float64", cuda=True, mps=True) == ""  # CUDA comes first


@pytest.mark.torch
def test_a_pytorch_gpu_run_without_cuda_or_mps_is_refused_before_it_starts():
    torch = pytest.importorskip("torch")
    from engine.backends.torch_codes import mps_available

    if torch.cuda.is_available() or mps_available():
        pytest.skip("this machine has a GPU PyTorch can use")
    with pytest.raises(ConfigError, match="no CUDA GPU and no MPS device"):
        train(RunConfig(**SMALL, code="torch", device="gpu", dtype="float32"))


@pytest.mark.gpu
@pytest.mark.torch
@pytest.mark.parametrize("code", ["torch", "autograd"])
def test_pytorch_on_apple_s_mps_agrees_with_the_oracle_in_float32(code):
    """Runs on a Mac with Apple silicon (skipped elsewhere): the codes on MPS, float32."""
    pytest.importorskip("torch")
    import numpy as np

    from engine.backends.torch_codes import mps_available
    from engine.core.problem import draw_problem
    from engine.numerics.reference import tutorial_loop

    if not mps_available():
        pytest.skip("no MPS device here (Apple silicon only)")
    config = RunConfig(n=64, d_in=1000, hidden=100, d_out=10, code=code, device="gpu",
                       dtype="float32")
    result = train(config)
    p = draw_problem(config)
    reference = tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations)
    assert result.status == "completed" and result.device_info["gpu_backend"] == "MPS"
    assert np.max(np.abs(result.losses - reference) / reference[0]) < 1e-4


def test_the_race_of_codes_on_a_gpu_keeps_the_codes_that_can_use_it(monkeypatch):
    """On a Mac, CuPy (the numpy code) cannot reach the GPU that MPS and MLX can."""
    from engine.run import train as train_module
    from engine.tools import race as race_module

    def check_device(config):
        if config.code not in usable:
            raise ConfigError("device", "a GPU was asked for but cannot be used")

    monkeypatch.setattr(race_module, "code_refusal", lambda code: "")
    monkeypatch.setattr(train_module, "check_device", check_device)
    config = RunConfig(**SMALL, device="gpu", dtype="float32")
    usable = {"torch", "autograd", "mlx"}
    lanes = race_module.race_lanes("code", config, device="gpu")
    assert [(t.code, t.device) for t in lanes] == [("torch", "gpu"), ("autograd", "gpu"),
                                                   ("mlx", "gpu")]
    assert [t.label for t in lanes] == ["PyTorch: Tensors (GPU)", "PyTorch: Autograd (GPU)",
                                        "MLX (GPU)"]
    usable = {"mlx"}
    with pytest.raises(ConfigError, match="only one code can use the GPU here"):
        race_module.race_lanes("code", config, device="gpu")
