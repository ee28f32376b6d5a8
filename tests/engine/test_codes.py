"""The code setting without PyTorch: refusals, the listings' source, and the NumPy engine's
backward-product count (no torch import here)."""

import subprocess
import sys

import pytest

from engine.backends.codes import ALL_PRODUCTS, backward_sentence, listing
from engine.core.config import CODES, ConfigError, Layers, RunConfig
from engine.machine import devices
from engine.run.checks import run_errors
from engine.run.train import train
from tests.conftest import ROOT, SMALL, SMALL_OPTIONS


@pytest.fixture
def without_torch(monkeypatch):
    monkeypatch.setattr(devices, "torch_installed", lambda: False)


@pytest.mark.parametrize("code", ["torch", "autograd"])
def test_a_pytorch_code_without_pytorch_is_refused_naming_the_extra(without_torch, code,
                                                                   capsys):
    from cli.main import main

    assert main(["run", "--code", code, *SMALL_OPTIONS]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err == (f"main.py: error: --code: {code} needs PyTorch, an optional extra: "
                   "uv run --extra torch main.py")
    assert run_errors({**RunConfig().to_dict(), "code": code})["code"] == \
        devices.code_refusal(code)
    with pytest.raises(ConfigError, match="needs PyTorch"):
        train(RunConfig(**SMALL, code=code))


def test_the_race_of_codes_without_pytorch_or_mlx_is_refused(without_torch, monkeypatch,
                                                               capsys):
    from cli.main import main

    monkeypatch.setattr(devices, "mlx_installed", lambda: False)
    assert main(["race", "--compare", "code", *SMALL_OPTIONS]) == 2
    assert capsys.readouterr().err.strip() == (
        "main.py: error: --compare code: racing the codes needs PyTorch or MLX, optional extras: "
        "uv run --extra torch main.py, or uv run --extra mlx main.py")


def test_an_unknown_code_is_refused_in_one_line():
    result = subprocess.run([sys.executable, "main.py", "run", "--code", "jax"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--code" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_numpy_engine_counts_its_backward_products():
    counts = {layers: train(RunConfig(**SMALL, iterations=2, train=layers)).backward_products
              for layers in ("both", "w1", "w2")}
    assert counts == {"both": 3, "w1": 2, "w2": 1}


def test_the_listings_are_the_source_that_runs():
    import inspect

    from engine.numerics import step

    numpy_listing = listing("numpy")
    body = inspect.getsource(step.backward).split('"""')[-1].strip()  # after the docstring
    assert body in numpy_listing.source
    assert "loss.backward()" in listing("autograd").source
    assert "grad_w1 = x.t().mm(grad_h)" in listing("torch").source
    assert "requires_grad" in listing("autograd").source
    assert [listing(code).code for code in CODES] == list(CODES)


@pytest.mark.parametrize(("products", "layers", "expected"), [
    (3, "both", "autograd ran 3 of 3 gradient products: both layers are trained"),
    (1, "w2", "autograd ran 1 of 3 gradient products: w1 is frozen, so nothing needs "
              "grad_h_relu"),
    (2, "w1", "autograd ran 2 of 3 gradient products: w2 is frozen, so grad_w2 is skipped"),
    (3, "w2", "autograd ran 3 of 3 gradient products: w1 is frozen, yet more than grad_w2 "
              "was computed"),
])
def test_the_sentence_follows_the_measured_count(products, layers, expected):
    assert backward_sentence("autograd", products, Layers.of(layers)) == expected
    assert ALL_PRODUCTS == 3


def test_pytorch_is_not_imported_to_start_a_numpy_run_or_show_a_listing():
    code = ("import sys; from engine.run.train import train; "
            "from engine.core.config import RunConfig;"
            "from engine.backends.codes import listing; listing('autograd');"
            "train(RunConfig(n=8, d_in=16, hidden=8, d_out=2, iterations=3));"
            "print('torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_a_frozen_layers_blocks_are_the_lines_that_do_not_run():
    from engine.backends.codes import listing, not_run_lines
    from engine.core.config import Layers

    def skipped(code, layers):
        lines = listing(code).source.splitlines()
        return [lines[i].strip() for i in sorted(not_run_lines(listing(code).source, layers))]

    assert skipped("autograd", Layers(w1=False)) == [
        "if w1.requires_grad:", "w1 -= learning_rate * w1.grad", "w1.grad.zero_()"]
    assert skipped("torch", Layers(w2=False)) == [
        "if layers.w2:", "grad_w2 = h_relu.t().mm(grad_y_pred)", "if layers.w2:",
        "w2 -= learning_rate * grad_w2"]
    # The tutorial computes every gradient; only its update of a frozen layer does not run.
    assert skipped("tutorial", Layers(w1=False)) == ["if layers.w1:",
                                                      "w1 -= learning_rate * grad_w1"]
    assert not_run_lines(listing("numpy").source, Layers()) == {}
