"""The GPU paths' choices, refusals and fallback reasons, on any machine (no GPU needed)."""

import pytest

import main
from engine import RunConfig
from engine.backends.capture_blas import BINDING_VARIABLE, CaptureUnavailable, open_binding
from engine.core.config import GPU_PATHS, ConfigError
from engine.machine.devices import describe_path, probe_gpu
from engine.tools.race import default_targets

NO_GPU = pytest.mark.skipif(probe_gpu().available, reason="a GPU is present here")


def call(argv, capsys):
    try:
        code = main.main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_graph_path_is_the_default_and_every_path_is_a_choice():
    assert RunConfig().gpu_path == "graph"
    assert GPU_PATHS == ("port", "fused", "graph")
    for path in GPU_PATHS:
        assert RunConfig(device="gpu", gpu_path=path).gpu_path == path
    with pytest.raises(ConfigError) as refused:
        RunConfig(gpu_path="eager")
    assert refused.value.field == "gpu_path" and "port, fused, graph" in refused.value.reason


def test_tf32_is_float32_storage_and_refused_on_a_cpu_with_the_reason():
    config = RunConfig(device="gpu", dtype="tf32")
    assert config.storage_dtype == "float32" and config.itemsize == 4
    with pytest.raises(ConfigError) as refused:
        RunConfig(dtype="tf32")
    assert refused.value.field == "dtype"
    assert "only on a GPU" in refused.value.reason and "tensor cores" in refused.value.reason


def test_the_command_line_names_the_option_in_every_refusal(capsys):
    code, _, err = call(["run", "--dtype", "tf32"], capsys)
    assert code == 2 and err.startswith("main.py: error: --dtype: tf32 runs only on a GPU")
    code, _, err = call(["run", "--gpu-path", "eager"], capsys)
    assert code == 2 and "--gpu-path" in err and "invalid choice" in err
    code, _, err = call(["race", "--compare", "gpu-path", "--threads", "2"], capsys)
    assert code == 2 and "--threads: race --compare gpu-path" in err
    code, _, err = call(["race", "--compare", "gpu-path", "--gpu-path", "fused"], capsys)
    assert code == 2 and "--gpu-path: race --compare gpu-path" in err


@NO_GPU
def test_racing_the_gpu_paths_without_a_gpu_is_refused_with_the_reason(capsys):
    code, _, err = call(["race", "--compare", "gpu-path"], capsys)
    assert code == 2 and "--compare gpu-path: racing the GPU paths needs a GPU (" in err
    with pytest.raises(ConfigError):
        default_targets("gpu-path", gpu_available=False)
    # float64 vs float32 on the CPU: no tf32 lane without a GPU.
    assert [t.dtype for t in default_targets("dtype", gpu_available=False)] == \
        ["float64", "float32"]


def test_with_a_gpu_the_races_have_every_gpu_path_and_tf32():
    paths = default_targets("gpu-path", gpu_available=True)
    assert [(t.device, t.gpu_path) for t in paths] == [("gpu", p) for p in GPU_PATHS]
    assert [t.dtype for t in default_targets("dtype", gpu_available=True)] == \
        ["float64", "float32", "tf32"]
    applied = paths[0].apply(RunConfig(diagnostics=True))
    assert applied.gpu_path == "port" and applied.device == "gpu" and not applied.diagnostics


def test_a_binding_that_cannot_load_says_why(monkeypatch):
    monkeypatch.setenv(BINDING_VARIABLE, "fortran")
    with pytest.raises(CaptureUnavailable) as refused:
        open_binding()
    assert BINDING_VARIABLE in str(refused.value) and "nvmath, ctypes" in str(refused.value)
    monkeypatch.delenv(BINDING_VARIABLE)
    try:
        binding = open_binding()
    except CaptureUnavailable as exc:  # the fallback's reason names each binding tried
        assert str(exc).startswith("no capture-safe cuBLAS binding (nvmath: ")
        assert "; ctypes: " in str(exc)
    else:
        assert binding.name in ("nvmath-python", "ctypes")


def test_the_readout_line_follows_the_device_info():
    assert describe_path({"device": "cpu", "threads": 2}) == ""
    assert describe_path({"device": "gpu", "gpu_path": "graph", "replay_iterations": 169,
                              "cublas_binding": "nvmath-python"}) == \
        "GPU path: graph (169 iterations per replay, cuBLAS through nvmath-python)"
    assert describe_path({"device": "gpu", "gpu_path": "fused",
                              "gpu_path_note": "CUDA graph unavailable: no libcublas"}) == \
        "GPU path: fused (CUDA graph unavailable: no libcublas)"
