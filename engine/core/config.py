"""The run configuration: a frozen value, validated field by field."""

from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass
from typing import Any

from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.settings import is_whole, setting

DEVICES = ("cpu", "gpu")
# tf32: float32 storage, products on TensorFloat-32 tensor cores (a GPU's; a CPU has none)
DTYPES = ("float64", "float32", "tf32")
# How a GPU run issues its iterations: the tutorial's straight CuPy port, the fused step
# (engine.backends.cuda_step), or the fused step captured once as a CUDA graph and replayed.
GPU_PATHS = ("port", "fused", "graph")
# Which layers SGD trains; a frozen layer's gradient is neither computed nor applied, as with
# PyTorch's requires_grad=False.
TRAINED_LAYERS = ("both", "w1", "w2")
# The code that trains: the engine (NumPy on a CPU, CuPy on a GPU), or the tutorial's next two
# listings on PyTorch: "PyTorch: Tensors" (hand-written gradients on torch tensors) and
# "PyTorch: Autograd" (loss.backward()), or the NumPy listing's lines in MLX (Apple silicon's
# GPU, CUDA or the CPU). All start from the same draw.
CODES = ("numpy", "torch", "autograd", "mlx")
TORCH_CODES = ("torch", "autograd")
SIZE_FIELDS = ("n", "d_in", "hidden", "d_out")
MAX_THREADS = 1024  # BLAS libraries take a C int; more threads than this is a typo


@dataclass(frozen=True)
class Layers:
    """Which layers SGD trains: the one reading of the `train` setting's words ("both", "w1",
    "w2"). A frozen layer's gradient is neither computed nor applied."""

    w1: bool = True
    w2: bool = True

    @classmethod
    def of(cls, train: str) -> Layers:
        """From the setting's word; "none" (both boxes unticked in the window) trains nothing,
        which RunConfig refuses."""
        if train not in (*TRAINED_LAYERS, "none"):
            raise ValueError(f"train must be one of {', '.join(TRAINED_LAYERS)}, got {train!r}")
        return cls(train in ("both", "w1"), train in ("both", "w2"))

    @property
    def both(self) -> bool:
        return self.w1 and self.w2

    @property
    def frozen(self) -> str | None:
        """The frozen layer's name ("w1" or "w2"), None when both train."""
        return None if self.both else ("w2" if self.w1 else "w1")

    @property
    def word(self) -> str:
        """The setting's word for these layers: "both", "w1" or "w2" ("none": nothing)."""
        return {(True, True): "both", (True, False): "w1", (False, True): "w2"}.get(
            (self.w1, self.w2), "none")

    @property
    def block(self) -> str:
        """The trained block in words: 'both layers', 'the w1 block' or 'the w2 block'."""
        return (translate("config", "both layers") if self.both
                else translate("config", "the {layer} block").format(layer=self.word))


BOTH = Layers()  # both layers trained: the tutorial's


class ConfigError(ValueError):
    """An invalid run setting; `field` names the RunConfig field at fault."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def one_of(choices: tuple[str, ...], value: Any) -> str:
    return translate("config", "must be one of {choices}, got {value!r}").format(
        choices=", ".join(choices), value=value)


def field_errors(values: dict[str, Any]) -> dict[str, str]:
    """Every invalid field of a would-be RunConfig, mapped to the reason (empty when valid)."""
    errors: dict[str, str] = {}
    for name in (*SIZE_FIELDS, "iterations"):
        value = values.get(name)
        if not is_whole(value):
            errors[name] = translate("config", "must be a whole number, got "
                                               "{value!r}").format(value=value)
        elif value < 1:
            errors[name] = translate("config", "must be at least 1, got "
                                               "{value}").format(value=value)
    lr = values.get("learning_rate")
    if not isinstance(lr, numbers.Real) or isinstance(lr, bool):
        errors["learning_rate"] = translate("config", "must be a number, got "
                                                      "{value!r}").format(value=lr)
    elif not math.isfinite(lr):
        errors["learning_rate"] = translate("config", "must be finite, got "
                                                      "{value}").format(value=lr)
    elif lr <= 0:
        errors["learning_rate"] = translate("config", "must be positive, got "
                                                      "{value}").format(value=lr)
    if values.get("device") not in DEVICES:
        errors["device"] = one_of(DEVICES, values.get("device"))
    if values.get("dtype") not in DTYPES:
        errors["dtype"] = one_of(DTYPES, values.get("dtype"))
    elif values.get("dtype") == "tf32" and values.get("device") == "cpu":
        errors["dtype"] = translate("config", "tf32 runs only on a GPU: its products use "
                                              "TensorFloat-32 tensor cores, which a CPU does not "
                                              "have; use float32 on a CPU")
    if values.get("code", "numpy") not in CODES:
        errors["code"] = one_of(CODES, values.get("code"))
    if values.get("gpu_path", "graph") not in GPU_PATHS:
        errors["gpu_path"] = one_of(GPU_PATHS, values.get("gpu_path"))
    if values.get("train", "both") not in TRAINED_LAYERS:
        errors["train"] = one_of(TRAINED_LAYERS, values.get("train"))
    if not isinstance(values.get("diagnostics", False), bool):
        errors["diagnostics"] = translate("config", "must be true or false, got {value!r}").format(
            value=values.get("diagnostics"))
    seed = values.get("seed")
    if not is_whole(seed):
        errors["seed"] = translate("config", "must be a whole number, got "
                                             "{value!r}").format(value=seed)
    elif seed < 0:
        errors["seed"] = translate("config", "must be zero or positive, got "
                                             "{value}").format(value=seed)
    threads = values.get("threads")
    if threads != "auto":
        if not is_whole(threads):
            errors["threads"] = translate("config", "must be 'auto' or a whole number, got "
                                          "{value!r}").format(value=threads)
        elif threads < 1:
            errors["threads"] = translate("config", "must be at least 1, got "
                                                    "{value}").format(value=threads)
        elif threads > MAX_THREADS:
            errors["threads"] = translate("config", "must be at most {limit}, got {value}").format(
                limit=MAX_THREADS, value=threads)
    return errors


@dataclass(frozen=True)
class RunConfig:
    """One training run of the tutorial's two-layer network (defaults: the tutorial's).
    Each field is declared once, with its label, option and help (engine.core.settings)."""

    n: int = setting(64, QT_TRANSLATE_NOOP("settings", "N"), "--n",
                     QT_TRANSLATE_NOOP("settings", "batch size N: the rows of x (N×D_in) and y "
                                                   "(N×D_out). Tutorial: "
                                                   "64"), "whole", widget="n_input")
    d_in: int = setting(1024, QT_TRANSLATE_NOOP("settings", "D_in"), "--d-in",
                        QT_TRANSLATE_NOOP("settings", "input size D_in: x is N×D_in and w1 is "
                        "D_in×H. Tutorial: 1024 (32×32 pixels)"), "whole", widget="d_in_input")
    hidden: int = setting(100, QT_TRANSLATE_NOOP("settings", "H"), "--hidden",
                          QT_TRANSLATE_NOOP("settings", "hidden units H: w1 is D_in×H, w2 is "
                          "H×D_out. Tutorial: 100"), "whole", widget="hidden_input")
    d_out: int = setting(10, QT_TRANSLATE_NOOP("settings", "D_out"), "--d-out",
                         QT_TRANSLATE_NOOP("settings", "output size D_out: y and y_pred are "
                         "N×D_out. Tutorial: 10"), "whole", widget="d_out_input")
    learning_rate: float = setting(
        1e-6, QT_TRANSLATE_NOOP("settings", "Learning rate"), "--lr",
        QT_TRANSLATE_NOOP("settings", "learning rate of plain SGD: w ← w − lr·grad. "
                                      "Tutorial: 1e-6; above about 3e-6 it diverges"),
        "number", widget="lr_input")
    iterations: int = setting(500, QT_TRANSLATE_NOOP("settings", "Iterations"), "--iterations",
                              QT_TRANSLATE_NOOP("settings", "training iterations t: "
                              "forward pass, loss, backward pass, update. Tutorial: 500"),
                              "whole", widget="iterations_input")
    device: str = setting("cpu", QT_TRANSLATE_NOOP("settings", "Device"), "--device",
                          QT_TRANSLATE_NOOP("settings", "where the same algorithm runs: NumPy "
                          "on the CPU or CuPy on a GPU"), "choice", choices=DEVICES,
                          widget="device_combo")
    code: str = setting("numpy", QT_TRANSLATE_NOOP("settings", "Code"), "--code",
                        QT_TRANSLATE_NOOP("settings", "the code that trains: numpy (the "
                        "engine: the tutorial's NumPy lines, CuPy on a GPU), torch (the "
                        "tutorial's \"PyTorch: Tensors\": the same hand-written gradients on "
                        "torch tensors) or autograd (\"PyTorch: Autograd\": loss.backward() "
                        "computes them; a frozen layer is requires_grad=False) or mlx (the "
                        "NumPy lines in MLX: Apple silicon's GPU, CUDA or the CPU). All start "
                        "from the same draw; torch and autograd need the torch extra, mlx the "
                        "mlx extra"),
                        "choice", choices=CODES, widget="code_combo")
    dtype: str = setting("float64", QT_TRANSLATE_NOOP("settings", "dtype"), "--dtype",
                         QT_TRANSLATE_NOOP("settings", "floating-point type of x, y, w1, w2: "
                         "float64 (the tutorial's), float32, or tf32: float32 arrays whose "
                         "products run on a GPU's TensorFloat-32 tensor cores (10-bit "
                         "mantissa; GPU only)"), "choice", choices=DTYPES, widget="dtype_combo")
    seed: int = setting(0, QT_TRANSLATE_NOOP("settings", "Seed"), "--seed",
                        QT_TRANSLATE_NOOP("settings", "seed of numpy.random.default_rng: x, y, w1, "
                                                      "w2 are drawn in that order, so every device "
                                                      "starts from the same numbers. Tutorial: "
                                                      "0"), "whole", widget="seed_input")
    threads: int | str = setting("auto", QT_TRANSLATE_NOOP("settings", "CPU threads"), "--threads",
                                 QT_TRANSLATE_NOOP("settings", "BLAS threads for CPU "
                                 "runs: auto picks by the work per iteration (small products "
                                 "run faster on fewer threads), or a count"), "threads",
                                 widget="threads_input")
    # Which layers SGD trains: a frozen layer's gradient is neither computed nor applied.
    train: str = setting("both", QT_TRANSLATE_NOOP("settings", "Layers"), "--train",
                         QT_TRANSLATE_NOOP("settings", "the layers SGD trains; the other is "
                         "frozen, its gradient neither computed nor applied, as with "
                         "PyTorch's requires_grad=False"), "choice", choices=TRAINED_LAYERS)
    diagnostics: bool = setting(False, QT_TRANSLATE_NOOP("settings", "Diagnostics"),
                                "--diagnostics",
                                QT_TRANSLATE_NOOP("settings", "record dead hidden "
                                "units, norms and the sharpness λ_max every iteration, and "
                                "explain the run from them (slows a run several times)"), "flag",
                                widget="diagnostics_checkbox")
    gpu_path: str = setting("graph", QT_TRANSLATE_NOOP("settings", "GPU path"), "--gpu-path",
                            QT_TRANSLATE_NOOP("settings", "how a GPU run issues its "
                            "iterations: port (the tutorial's lines on CuPy, which wait for "
                            "the GPU every iteration), fused (one prepared step, eight "
                            "launches, no waiting), graph (the fused step captured as a CUDA "
                            "graph and replayed: one launch per few milliseconds; fused where "
                            "capture is unavailable)"), "choice", choices=GPU_PATHS,
                            widget="gpu_path_combo")

    def __post_init__(self) -> None:
        errors = field_errors(asdict(self))
        if errors:
            name, reason = next(iter(errors.items()))
            raise ConfigError(name, reason)
        # Normalise numpy scalars so that the record serialises as plain JSON.
        for name in (*SIZE_FIELDS, "iterations", "seed"):
            object.__setattr__(self, name, int(getattr(self, name)))
        object.__setattr__(self, "learning_rate", float(self.learning_rate))
        if self.threads != "auto":
            object.__setattr__(self, "threads", int(self.threads))

    @property
    def flops_per_iteration(self) -> int:
        """Five matrix products: 4·N·D_in·H + 6·N·H·D_out floating-point operations, less the
        products of a frozen layer's gradient (w1: grad_h_relu and grad_w1; w2: grad_w2)."""
        n, d_in, hidden, d_out = self.n, self.d_in, self.hidden, self.d_out
        forward = 2 * n * d_in * hidden + 2 * n * hidden * d_out
        w2_gradient = 2 * n * hidden * d_out if self.trains_w2 else 0
        w1_gradient = 2 * n * hidden * d_out + 2 * n * d_in * hidden if self.trains_w1 else 0
        return forward + w2_gradient + w1_gradient

    @property
    def layers(self) -> Layers:
        return Layers.of(self.train)

    @property
    def trains_w1(self) -> bool:
        return self.layers.w1

    @property
    def trains_w2(self) -> bool:
        return self.layers.w2

    @property
    def storage_dtype(self) -> str:
        """The arrays' NumPy dtype: tf32 stores float32."""
        return "float32" if self.dtype == "tf32" else self.dtype

    @property
    def itemsize(self) -> int:
        return 8 if self.dtype == "float64" else 4

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> RunConfig:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)
