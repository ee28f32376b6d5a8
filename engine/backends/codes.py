"""The codes that train (engine.core.config.CODES), as a lecture shows them: the source of the
loop each one runs, and what its backward pass computed.

The source is read from the files that run (engine/numerics/step.py, engine/backends/torch_codes.py,
engine/backends/mlx_code.py) without importing them, so that a front end can show PyTorch's and
MLX's listings where they are not installed, and without PyTorch's seconds of import.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from engine.core.config import Layers
from engine.core.files import project_path
from engine.core.language import QT_TRANSLATE_NOOP, translate

# The code's loop: (file, functions), as the tutorial's listings go.
SOURCES = {
    "numpy": ("engine/numerics/step.py", ("folded_sgd_step", "forward", "folded_backward",
                                          "sgd_step", "forward_backward", "backward")),
    "torch": ("engine/backends/torch_codes.py", ("tensors_iteration",)),
    "autograd": ("engine/backends/torch_codes.py", ("autograd_iteration",)),
    "mlx": ("engine/backends/mlx_code.py", ("mlx_iteration",)),
    # Shown, never trained by the window: the tutorial's own listing, which the tests run as
    # the oracle every code must equal.
    "tutorial": ("engine/numerics/reference.py", ("tutorial_iteration",)),
}
LISTINGS = (*SOURCES,)  # what the Code tab can show: the codes that train, and the tutorial's
# Each code's name, as the race's lanes, the window's combos and the listings' titles say it.
# English here; translate("codes", NAMES[code]) where a user reads it.
NAMES = {"numpy": QT_TRANSLATE_NOOP("codes", "NumPy engine"), "torch": "PyTorch: Tensors",
         "autograd": "PyTorch: Autograd", "mlx": "MLX",
         "tutorial": QT_TRANSLATE_NOOP("codes", "the tutorial's NumPy listing")}
TITLES = {
    "numpy": QT_TRANSLATE_NOOP("codes", "Warm-up: numpy (the engine: NumPy on a CPU, its "
                                        "updates folded into the products; sgd_step with "
                                        "diagnostics and on a GPU's port)"),
    "torch": QT_TRANSLATE_NOOP("codes", "PyTorch: Tensors (gradients written by hand, on torch "
                                        "tensors)"),
    "autograd": QT_TRANSLATE_NOOP("codes", "PyTorch: Autograd (loss.backward() computes the "
                                           "gradients)"),
    "mlx": QT_TRANSLATE_NOOP("codes", "Warm-up: numpy in MLX (the same hand-written gradients "
                                      "on mlx.core arrays, evaluated once per iteration)"),
    "tutorial": QT_TRANSLATE_NOOP("codes", "Warm-up: numpy as the tutorial writes it (the "
                                           "oracle the tests train every code against; it "
                                           "computes every gradient and updates the trained "
                                           "layers)"),
}
# The products a backward pass can need: one per trained weight's gradient, and grad_h_relu,
# which only w1's gradient needs (the tutorial's names).
ALL_PRODUCTS = 3


@dataclass(frozen=True)
class Listing:
    code: str
    title: str
    path: str  # relative to the project
    source: str


def listing(code: str) -> Listing:
    """The functions `code` runs each iteration, as they stand in its file (their docstrings
    left out: the lines are the point)."""
    name, functions = SOURCES[code]
    path = project_path(name)
    text = path.read_text(encoding="utf-8")
    found = {node.name: _without_docstring(text.splitlines(), node)
             for node in ast.parse(text).body if isinstance(node, ast.FunctionDef)}
    missing = [f for f in functions if f not in found]
    if missing:
        raise LookupError(f"{name} has no function {', '.join(missing)}")
    return Listing(code, TITLES[code], name, "\n\n\n".join(found[f]
                                                                      for f in functions))


# A block that runs only while its layer trains: `if layers.w1:` (the engine, the Tensors
# listing) or `if w1.requires_grad:` (Autograd).
LAYER_BLOCK = re.compile(r"^(?P<indent>\s*)if (?:layers\.(?P<layer>w[12])|(?P<grad>w[12])"
                         r"\.requires_grad)\s*:")


def not_run_lines(source: str, layers: Layers) -> dict[int, str]:
    """The lines of a listing that do not run with `layers` (0-based line → the frozen layer):
    the blocks guarded by a frozen layer's switch, their `if` line included."""
    frozen = {name for name in ("w1", "w2") if not getattr(layers, name)}
    lines = source.splitlines()
    skipped: dict[int, str] = {}
    index = 0
    while index < len(lines):
        found = LAYER_BLOCK.match(lines[index])
        layer = found and (found["layer"] or found["grad"])
        if layer in frozen:
            indent = len(found["indent"])
            skipped[index] = layer
            index += 1
            while index < len(lines) and (not lines[index].strip() or
                                          len(lines[index]) - len(lines[index].lstrip()) > indent):
                if lines[index].strip():
                    skipped[index] = layer
                index += 1
            continue
        index += 1
    return skipped


def _without_docstring(lines: list[str], node: ast.FunctionDef) -> str:
    first = node.body[0]
    kept = lines[node.lineno - 1:node.end_lineno]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str):
        start, end = first.lineno - node.lineno, first.end_lineno - node.lineno + 1
        kept = kept[:start] + kept[end:]
    return "\n".join(kept)


class ProductCount:
    """An array namespace that counts its matrix products (matmul, and the folded updates'
    subtract_product) and passes everything to `xp`."""

    def __init__(self, xp):
        self._xp = xp
        self.products = 0

    def matmul(self, *args, **kwargs):
        self.products += 1
        return self._xp.matmul(*args, **kwargs)

    def subtract_product(self, *args, **kwargs):
        self.products += 1
        return self._xp.subtract_product(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._xp, name)


def numpy_backward_products(problem, workspace, layers: Layers, xp,
                            folded_learning_rate: float | None = None) -> int:
    """The matrix products engine.numerics.step's backward pass runs, counted at one iteration: the
    plain one, or with folded_learning_rate the folded one (engine.numerics.step.folded_backward, on
    copies of the weights). The workspace is overwritten; the run's weights are not changed."""
    from engine.core.problem import Problem
    from engine.numerics.step import backward, folded_backward, forward

    forward(problem, workspace, xp)
    counter = ProductCount(xp)
    if folded_learning_rate is None:
        backward(problem, workspace, counter, layers)
    else:
        scratch = Problem(problem.x, problem.y, problem.w1.copy(), problem.w2.copy())
        folded_backward(scratch, workspace, folded_learning_rate, counter, layers)
    return counter.products


def backward_sentence(code: str, products: int | None, layers: Layers) -> str:
    """What the backward pass computed, from its measured count: "autograd ran 1 of 3
    gradient products: w1 is frozen, so nothing needs grad_h_relu"."""
    if products is None:
        return ""
    who = {"numpy": translate("codes", "the hand-written NumPy code"),
           "torch": translate("codes", "the hand-written torch code"), "autograd": "autograd",
           "mlx": translate("codes", "the hand-written MLX code")}[code]
    if layers.both:
        why = (translate("codes", "both layers are trained") if products == ALL_PRODUCTS else
               translate("codes", "both layers are trained, which needs all three"))
    elif layers.frozen == "w1":
        why = (translate("codes", "w1 is frozen, so nothing needs "
                                  "grad_h_relu") if products <= 1 else
               translate("codes", "w1 is frozen, yet more than grad_w2 was computed"))
    else:
        why = (translate("codes", "w2 is frozen, so grad_w2 is skipped") if products <= 2 else
               translate("codes", "w2 is frozen, yet grad_w2 was computed"))
    return translate("codes", "{who} ran {products} of {all} gradient products: {why}").format(
        who=who, products=products, all=ALL_PRODUCTS, why=why)


def backward_line(result) -> str:
    """A run's backward pass in a line, from its record: "Backward pass: autograd ran …"."""
    sentence = backward_sentence(result.config.code, result.backward_products,
                                 result.config.layers)
    return translate("codes", "Backward pass: "
                              "{sentence}.").format(sentence=sentence) if sentence else ""
