"""A run exported for another machine: a Jupyter notebook (Colab's GPU runtime first) or a
plain script that reproduces it there and writes its record to bring home.

The cells are the tutorial's own code with the run's settings filled in, not a call into a
hidden library: the same draw (recreated from the seed and checked against a SHA-256 of the
arrays; where this NumPy draws otherwise, the arrays embedded in the notebook), the tutorial's
NumPy loop on the CPU, its CuPy port on a GPU and PyTorch's Tensors and Autograd listings on
CUDA, each warmed up and timed in alternated rounds (medians and spreads, the race's rule),
then `backprop_lab_record.json` (engine.core.result.NOTEBOOK_FORMAT), which Import reads.
The markdown and what the cells print are in the language the app runs in.
"""

from __future__ import annotations

import base64
import json
import os
import pprint
import textwrap
import zlib
from pathlib import Path

import numpy as np

from engine.core.config import RunConfig
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.measure import MIN_PAIRS
from engine.core.problem import Problem, draw_problem, draw_sha256
from engine.core.result import NOTEBOOK_FORMAT, NOTEBOOK_VERSION

RECORD_FILE = "backprop_lab_record.json"
ROUNDS = MIN_PAIRS  # alternated rounds of every lane: the race's least
# The largest draw a notebook carries (float64 bytes): the Tutorial's is 1.3 MB; 16 MB makes a
# notebook of about 21 MB, written in about a second.
EMBED_LIMIT = 16_000_000
# Colab's menu path to a GPU (in the language the app runs in: Colab's menus are translated too)
GPU_RUNTIME_HINT = QT_TRANSLATE_NOOP("notebook", "Runtime → Change runtime type → GPU")


def runtime_hint() -> str:
    """Colab's menu path to a GPU runtime, in the app's language."""
    return translate("notebook", GPU_RUNTIME_HINT)


def next_steps(choice: str, file: str) -> str:
    """What to do with the file written (`choice`: "notebook" or "script"), in a sentence."""
    if choice == "notebook":
        return translate("notebook", "Wrote {file}. On Colab: File → Upload notebook, {hint}, "
                                     "Run all; then import the {record} it downloads (File → "
                                     "Import, or main.py --import {record}).").format(
            file=file, hint=runtime_hint(), record=RECORD_FILE)
    return translate("notebook", "Wrote {file}. Run it with python3 where a GPU is (CuPy, or "
                                 "PyTorch with CUDA); then import the {record} it writes beside "
                                 "it (File → Import, or main.py --import {record}).").format(
        file=file, record=RECORD_FILE)


def embedded_draw(problem: Problem, limit: int | None = None) -> str:
    """x, y, w1, w2 as one zlib-compressed, base64 string (the fallback where the seed draws
    other numbers: NumPy promises the same stream only on the same build); "" for a draw of
    more than `limit` bytes (EMBED_LIMIT), which would make a notebook too large to open."""
    arrays = (problem.x, problem.y, problem.w1, problem.w2)
    if sum(8 * a.size for a in arrays) > (EMBED_LIMIT if limit is None else limit):
        return ""
    raw = b"".join(np.ascontiguousarray(a, dtype="<f8").tobytes() for a in arrays)
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def _words() -> dict[str, str]:
    """What the notebook says, in the app's language."""
    return {
        "title": translate("notebook", "# Backprop Lab: a run to reproduce on another machine\n\n"
                   "This notebook trains the two-layer network of the PyTorch tutorial "
                   "*Learning PyTorch with Examples* (\"Warm-up: numpy\") with the settings "
                   "exported from Backprop Lab, from the same random numbers. It runs the "
                   "tutorial's NumPy loop on the CPU, then, where a GPU is attached, its CuPy "
                   "port and PyTorch's Tensors and Autograd listings on the GPU. Every lane is "
                   "warmed up, then timed in alternated rounds: medians and spreads, as the "
                   "app's race measures.\n\n"
                   "**On Colab:** {hint}, then Runtime → Run all. The last cell downloads "
                   "`{record}`: import it in Backprop Lab (File → Import) to see these lanes "
                   "beside the runs of your own machine."),
        "settings": translate(
            "notebook", "## The settings\n\nAs exported. The draw's check below holds for "
                      "these settings only."),
        "draw": translate("notebook", "## The same draw\n\nx, y, w1 and w2 are drawn from "
                  "`numpy.random.default_rng(seed)` in that order, as the app draws them, and "
                  "checked against the SHA-256 of the app's arrays. NumPy promises the same "
                  "numbers only on the same build: where they differ, the arrays embedded in "
                  "this notebook are used instead. The cell says which."),
        "other_draw": translate(
            "notebook", "The draw: this NumPy draws other numbers from the seed, and the app's "
                        "arrays were too large to carry in this notebook: the lanes train on "
                        "this NumPy's draw, and the record says so (a different draw)."),
        "hash_used": translate(
            "notebook", "The draw: recreated from the seed; its SHA-256 equals the app's."),
        "embedded_used": translate(
            "notebook", "The draw: this NumPy draws other numbers from the seed, so the "
                           "arrays embedded in this notebook are used (the same as the app's)."),
        "loops": translate(
            "notebook", "## The tutorial's code\n\nThe NumPy loop as the tutorial writes it: with "
                   "`xp = numpy` on the CPU, and with `xp = cupy` it is the tutorial's port to "
                   "the GPU, the plain code a student would write. Then PyTorch's two listings: "
                   "gradients by hand on tensors, and `loss.backward()`. A loss that is not "
                   "finite ends a lane, as the app counts divergence."),
        "lanes": translate("notebook", "## The lanes this runtime can run"),
        "no_gpu": translate(
            "notebook", "No GPU is attached, so only the CPU lane runs. For the GPU lanes: {hint}, "
                    "then run all cells again."),
        "measure": translate(
            "notebook", "## Measured in alternated rounds\n\nOne short warm-up per lane, then "
                     "{rounds} rounds of every lane in turn: the median loop time and its "
                     "spread (lowest–highest), and each lane against the CPU lane, round by "
                     "round."),
        "record": translate(
            "notebook", "## The record to bring home\n\n`{record}` holds every lane's losses and "
                    "times and this machine's facts (GPU, driver, CUDA, CPU, library "
                    "versions). On Colab the cell downloads it; elsewhere it is written beside "
                    "the notebook. Import it in Backprop Lab with File → Import, or "
                    "`main.py --import {record}`."),
        "written": translate("notebook", "Written: {path}"),
        "agree": translate(
            "notebook", "largest difference from the CPU lane's losses, max |ΔL_t| / max(L_0, "
                   "|L_t|): {difference:.2e}"),
        "faster": translate(
            "notebook", "{lane}: {ratio:.3g}× the CPU lane's speed (median of {rounds} rounds)"),
        "lane_cpu": translate("notebook", "CPU (NumPy, the tutorial's loop)"),
        "lane_cupy": translate("notebook", "GPU (CuPy, the tutorial's port)"),
        "lane_tensors": translate("notebook", "GPU (PyTorch: Tensors)"),
        "lane_autograd": translate("notebook", "GPU (PyTorch: Autograd)"),
    }


def cells(config: RunConfig, force_embedded: bool = False,
          embed_limit: int | None = None) -> list[tuple[str, str]]:
    """The notebook's cells, ("markdown" | "code", source), in order. `force_embedded`: the
    stored fingerprint is one no draw has (tests: the embedded arrays' path); `embed_limit`:
    the largest draw carried (EMBED_LIMIT)."""
    problem = draw_problem(config)
    words = _words()
    hint = runtime_hint()
    fingerprint = "0" * 64 if force_embedded else draw_sha256(problem)
    settings = pprint.pformat({**config.to_dict(), "diagnostics": False}, sort_dicts=False,
                              width=90)
    say = {key: json.dumps(value, ensure_ascii=False) for key, value in words.items()}
    return [
        ("markdown", words["title"].format(hint=hint, record=RECORD_FILE)),
        ("markdown", words["settings"]),
        ("code", f"""CONFIG = {settings}
N, D_in, H, D_out = CONFIG["n"], CONFIG["d_in"], CONFIG["hidden"], CONFIG["d_out"]
learning_rate, iterations, seed = CONFIG["learning_rate"], CONFIG["iterations"], CONFIG["seed"]
train_w1, train_w2 = CONFIG["train"] in ("both", "w1"), CONFIG["train"] in ("both", "w2")
dtype = "float32" if CONFIG["dtype"] == "tf32" else CONFIG["dtype"]
ROUNDS = {ROUNDS}
DRAW_SHA256 = "{fingerprint}"
"""),
        ("markdown", words["draw"]),
        ("code", f"""import base64, hashlib, math, zlib
import numpy as np


def draw(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, D_in))
    y = rng.standard_normal((N, D_out))
    w1 = rng.standard_normal((D_in, H))
    w2 = rng.standard_normal((H, D_out))
    return x, y, w1, w2


def sha256(arrays):
    digest = hashlib.sha256()
    for a in arrays:
        digest.update(np.ascontiguousarray(a, dtype="<f8").tobytes())
    return digest.hexdigest()


def embedded():
    raw = np.frombuffer(zlib.decompress(base64.b64decode(EMBEDDED_DRAW)), dtype="<f8")
    arrays, start = [], 0
    for rows, columns in ((N, D_in), (N, D_out), (D_in, H), (H, D_out)):
        arrays.append(raw[start:start + rows * columns].reshape(rows, columns).copy())
        start += rows * columns
    return arrays


EMBEDDED_DRAW = "{embedded_draw(problem, embed_limit)}"
x, y, w1, w2 = draw(seed)
if sha256((x, y, w1, w2)) == DRAW_SHA256:
    DRAW = "hash"
    print({say["hash_used"]})
elif EMBEDDED_DRAW:
    x, y, w1, w2 = embedded()
    DRAW = "embedded"
    print({say["embedded_used"]})
else:  # too large to carry: this NumPy's own draw, and the record says so
    DRAW = "other"
    print({say["other_draw"]})
DRAW_USED_SHA256 = sha256((x, y, w1, w2))
x, y, w1, w2 = (a.astype(dtype) for a in (x, y, w1, w2))
"""),
        ("markdown", words["loops"]),
        ("code", '''def tutorial_loop(x, y, w1, w2, iterations, xp=np):
    """Warm-up: numpy, as the tutorial writes it: trains w1 and w2 in place."""
    losses = []
    for t in range(iterations):
        # Forward pass: compute predicted y
        h = x.dot(w1)
        h_relu = xp.maximum(h, 0)
        y_pred = h_relu.dot(w2)

        # Compute and record loss
        loss = float(xp.square(y_pred - y).sum())
        if not math.isfinite(loss):
            break  # diverged
        losses.append(loss)

        # Backprop to compute gradients of w1 and w2 with respect to loss
        grad_y_pred = 2.0 * (y_pred - y)
        grad_w2 = h_relu.T.dot(grad_y_pred)
        grad_h_relu = grad_y_pred.dot(w2.T)
        grad_h = grad_h_relu.copy()
        grad_h[h < 0] = 0
        grad_w1 = x.T.dot(grad_h)

        # Update weights
        if train_w1:
            w1 -= learning_rate * grad_w1
        if train_w2:
            w2 -= learning_rate * grad_w2
    return losses


def until_not_finite(losses):
    """The losses before the first one that is not finite (a diverged lane ends there)."""
    losses = [float(v) for v in losses]
    return next((losses[:t] for t, v in enumerate(losses) if not math.isfinite(v)), losses)


def tensors_loop(x, y, w1, w2, iterations):
    """PyTorch: Tensors: the same hand-written gradients on torch tensors."""
    losses = torch.empty(iterations, dtype=torch.float64, device=x.device)
    for t in range(iterations):
        # Forward pass: compute predicted y
        h = x.mm(w1)
        h_relu = h.clamp(min=0)
        y_pred = h_relu.mm(w2)

        # Compute and record loss (kept on the GPU: no synchronisation per iteration)
        loss = (y_pred - y).pow(2).sum()
        losses[t] = loss

        # Backprop to compute gradients of w1 and w2 with respect to loss
        grad_y_pred = 2.0 * (y_pred - y)
        grad_w2 = h_relu.t().mm(grad_y_pred)
        grad_h_relu = grad_y_pred.mm(w2.t())
        grad_h = grad_h_relu.clone()
        grad_h[h < 0] = 0
        grad_w1 = x.t().mm(grad_h)

        # Update weights using gradient descent
        if train_w1:
            w1 -= learning_rate * grad_w1
        if train_w2:
            w2 -= learning_rate * grad_w2
    return until_not_finite(losses.cpu().tolist())


def autograd_loop(x, y, w1, w2, iterations):
    """PyTorch: Autograd: loss.backward() computes the gradients; a frozen layer is a
    weight with requires_grad=False."""
    w1.requires_grad_(train_w1)
    w2.requires_grad_(train_w2)
    losses = torch.empty(iterations, dtype=torch.float64, device=x.device)
    for t in range(iterations):
        # Forward pass: compute predicted y using operations on Tensors
        y_pred = x.mm(w1).clamp(min=0).mm(w2)

        # Compute and record loss
        loss = (y_pred - y).pow(2).sum()
        losses[t] = loss.detach()

        # Use autograd to compute the backward pass
        loss.backward()

        # Update weights using gradient descent, then zero the gradients
        with torch.no_grad():
            if train_w1:
                w1 -= learning_rate * w1.grad
                w1.grad.zero_()
            if train_w2:
                w2 -= learning_rate * w2.grad
                w2.grad.zero_()
    return until_not_finite(losses.cpu().tolist())
'''),
        ("markdown", words["lanes"]),
        ("code", f"""import importlib.util


def nothing():
    pass


LANES = [dict(label={say["lane_cpu"]}, code="numpy", device="cpu",
              arrays=lambda: [a.copy() for a in (x, y, w1, w2)], loop=tutorial_loop,
              sync=nothing)]
GPU = False
try:
    import cupy as cp
    GPU = cp.cuda.runtime.getDeviceCount() > 0
except Exception:
    cp = None
if GPU:
    def cupy_loop(x, y, w1, w2, iterations):
        return tutorial_loop(x, y, w1, w2, iterations, xp=cp)

    LANES.append(dict(label={say["lane_cupy"]}, code="numpy", device="gpu",
                      gpu_path="port", arrays=lambda: [cp.asarray(a) for a in (x, y, w1, w2)],
                      loop=cupy_loop, sync=cp.cuda.Device().synchronize))
torch = None
if importlib.util.find_spec("torch") is not None:
    import torch
    if torch.cuda.is_available():
        def on_cuda():
            return [torch.from_numpy(a).to("cuda") for a in (x, y, w1, w2)]

        torch.backends.cuda.matmul.allow_tf32 = CONFIG["dtype"] == "tf32"
        LANES.append(dict(label={say["lane_tensors"]}, code="torch", device="gpu",
                          arrays=on_cuda, loop=tensors_loop, sync=torch.cuda.synchronize))
        LANES.append(dict(label={say["lane_autograd"]}, code="autograd", device="gpu",
                          arrays=on_cuda, loop=autograd_loop, sync=torch.cuda.synchronize))
if len(LANES) == 1:
    print({say["no_gpu"]}.format(hint="{hint}"))
for lane in LANES:
    print(lane["label"])
"""),
        ("markdown", words["measure"].format(rounds=ROUNDS)),
        ("code", f"""import statistics, time


def timed(lane, iterations):
    arrays = lane["arrays"]()
    lane["sync"]()
    start = time.perf_counter()
    losses = lane["loop"](*arrays, iterations)
    lane["sync"]()
    return time.perf_counter() - start, losses


for lane in LANES:  # warm-up: kernels compiled, caches and pools warm (untimed)
    timed(lane, min(3, iterations))
    lane["seconds"] = []
for _round in range(ROUNDS):  # A B C A B C ...: a slow moment hits every lane alike
    for lane in LANES:
        seconds, losses = timed(lane, iterations)
        lane["seconds"].append(seconds)
        lane["losses"] = losses
cpu = LANES[0]
for lane in LANES:
    s = lane["seconds"]
    print(f"{{lane['label']}}: {{statistics.median(s):.4g}} s "
          f"({{min(s):.4g}}–{{max(s):.4g}}), {{len(lane['losses'])}} iterations")
for lane in LANES[1:]:
    ratios = [c / g for c, g in zip(cpu["seconds"], lane["seconds"])]
    print({say["faster"]}.format(lane=lane["label"], ratio=statistics.median(ratios),
                                 rounds=len(ratios)))
    common = min(len(cpu["losses"]), len(lane["losses"]))
    if common:
        first = cpu["losses"][0]
        difference = max(abs(a - b) / max(first, abs(b))
                         for a, b in zip(lane["losses"][:common], cpu["losses"][:common]))
        print({say["agree"]}.format(difference=difference))
"""),
        ("markdown", words["record"].format(record=RECORD_FILE)),
        ("code", f"""import json, os, platform, subprocess, sys


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def nvidia_smi(field):
    try:
        return subprocess.run(["nvidia-smi", f"--query-gpu={{field}}", "--format=csv,noheader"],
                              capture_output=True, text=True, timeout=10).stdout.split("\\n")[0]
    except (OSError, subprocess.SubprocessError):
        return ""


try:
    from google.colab import files
    colab = True
except ImportError:
    colab = False
place = "Colab" if colab else "Jupyter" if "ipykernel" in sys.modules else "Python"
machine = dict(place=place, host=platform.node(), cpu_model=cpu_model(), cores=os.cpu_count(),
               python=platform.python_version(), numpy=np.__version__)
if GPU:
    props = cp.cuda.runtime.getDeviceProperties(0)
    runtime = cp.cuda.runtime.runtimeGetVersion()
    machine.update(gpu_name=props["name"].decode(), cupy=cp.__version__,
                   cuda=f"{{runtime // 1000}}.{{runtime % 1000 // 10}}",
                   driver=nvidia_smi("driver_version"))
elif torch is not None and torch.cuda.is_available():
    machine.update(gpu_name=torch.cuda.get_device_name(0), cuda=torch.version.cuda,
                   driver=nvidia_smi("driver_version"))
if torch is not None:
    machine["torch"] = torch.__version__
machine["label"] = " · ".join(filter(None, (machine["place"], machine.get("gpu_name")
                                            or machine["cpu_model"])))
PRODUCTS = {{"both": 3, "w1": 2, "w2": 1}}[CONFIG["train"]]
runs = []
for lane in LANES:
    losses = lane["losses"]
    diverged = len(losses) < iterations
    # tf32 is PyTorch's products on CUDA only; NumPy and CuPy ran float32
    config = dict(CONFIG, code=lane["code"], device=lane["device"],
                  dtype=CONFIG["dtype"] if lane["code"] != "numpy" else dtype,
                  gpu_path=lane.get("gpu_path", CONFIG["gpu_path"]), threads="auto")
    runs.append(dict(config=config, status="diverged" if diverged else "completed",
                     iterations_completed=len(losses),
                     diverged_at=len(losses) if diverged else None, losses=losses,
                     setup_seconds=0.0, loop_seconds=statistics.median(lane["seconds"]),
                     repeat_seconds=lane["seconds"], checkpoints=[],
                     backward_products=PRODUCTS,
                     device_info=dict(device=lane["device"], lane=lane["label"],
                                      gpu_name=machine.get("gpu_name", ""),
                                      **({{"gpu_path": "port"}} if "gpu_path" in lane else {{}}))))
record = dict(format="{NOTEBOOK_FORMAT}", version={NOTEBOOK_VERSION}, machine=machine,
              draw=dict(method=DRAW, sha256=DRAW_USED_SHA256), runs=runs)
with open("{RECORD_FILE}", "w") as f:
    json.dump(record, f)
print({say["written"]}.format(path=os.path.abspath("{RECORD_FILE}")))
if colab:
    files.download("{RECORD_FILE}")
"""),
    ]


def notebook(config: RunConfig, force_embedded: bool = False, embed_limit: int | None = None):
    """The run as an nbformat v4 notebook, validated; Colab's metadata asks for a GPU."""
    import nbformat
    from nbformat import v4

    made = v4.new_notebook()
    made.cells = [v4.new_markdown_cell(source) if kind == "markdown" else v4.new_code_cell(source)
                  for kind, source in cells(config, force_embedded, embed_limit)]
    made.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "accelerator": "GPU",
        "colab": {"provenance": [], "gpuType": "T4"},
    })
    nbformat.validate(made)
    return made


def script(config: RunConfig, force_embedded: bool = False,
           embed_limit: int | None = None) -> str:
    """The same cells as one plain Python file (the markdown as comments)."""
    parts = ["#!/usr/bin/env python3"]
    for kind, source in cells(config, force_embedded, embed_limit):
        if kind == "markdown":
            lines = [wrapped for line in source.splitlines()
                     for wrapped in (textwrap.wrap(line, 96) or [""])]
            parts.append("\n".join(f"# {line}".rstrip() for line in lines))
        else:
            parts.append(source.rstrip("\n"))
    return "\n\n".join(parts) + "\n"


def check_writable(path: Path) -> None:
    """Refuse, before any work, a path that cannot be written: OSError with the reason."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(translate("notebook", "{path} is a folder").format(path=path))
    if not folder.is_dir():
        raise FileNotFoundError(translate("notebook", "the folder {folder} does not "
                                                      "exist").format(folder=folder))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PermissionError(translate("notebook", "{path} cannot be written here "
                                                    "(permission denied)").format(path=path))


def write_notebook(config: RunConfig, path: Path, force_embedded: bool = False) -> Path:
    check_writable(path)
    import nbformat

    nbformat.write(notebook(config, force_embedded), str(path))
    return path


def write_script(config: RunConfig, path: Path, force_embedded: bool = False,
                 embed_limit: int | None = None) -> Path:
    check_writable(path)
    path.write_text(script(config, force_embedded, embed_limit), encoding="utf-8")
    return path
