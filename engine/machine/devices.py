"""What hardware a run can use: CPU and BLAS facts, and a GPU probe that never raises."""

from __future__ import annotations

import functools
import os
import platform
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from threadpoolctl import threadpool_info

from engine.core.language import QT_TRANSLATE_NOOP, translate


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def scipy_blas_folder() -> str:
    """Where SciPy's wheel keeps the OpenBLAS its gemm calls."""
    import scipy

    return os.path.join(os.path.dirname(os.path.dirname(scipy.__file__)), "scipy.libs")


def blas_library() -> tuple[str, int]:
    """The BLAS the engine's CPU products call (name and version) and its current thread
    count: SciPy's, whose gemm engine.backends.cpu_blas calls, where NumPy and SciPy each bring
    their own (the window's tooltip and the record once named one, once the other)."""
    import scipy.linalg.blas  # noqa: F401  (loads SciPy's BLAS so that threadpoolctl sees it)

    pools = [pool for pool in threadpool_info() if pool.get("user_api") == "blas"]
    pools.sort(key=lambda pool: os.path.dirname(pool.get("filepath", "")) != scipy_blas_folder())
    if not pools:
        return "unknown BLAS", 1
    pool = pools[0]
    name = f"{pool.get('internal_api', 'BLAS')} {pool.get('version') or ''}".strip()
    return name, int(pool.get("num_threads") or 1)


def cpu_info(threads_used: int | None = None) -> dict[str, Any]:
    blas, blas_threads = blas_library()
    return {
        "device": "cpu",
        "cpu_model": cpu_model(),
        "cores": os.cpu_count() or 1,
        "blas": blas,
        "threads": threads_used if threads_used is not None else blas_threads,
        # Whether this machine has a GPU the run did not use (the lecture note's point: NumPy
        # never touches it); None where the system does not say.
        "gpu_present": nvidia_gpu_present(),
    }


def describe_device_facts(device_info: dict[str, Any]) -> str:
    """'GPU present: yes; used by this run: no' for a record, where it says."""
    used = device_info.get("device") == "gpu"
    present = True if used else device_info.get("gpu_present")
    if present is None:
        return ""
    yes, no = translate("devices", "yes"), translate("devices", "no")
    return translate("devices", "GPU present: {present}; used by this run: {used}").format(
        present=yes if present else no, used=yes if used else no)


def describe_threads(device_info: dict[str, Any]) -> str:
    """'threads: 2 (calibrated, …)', and the switch to one thread where the run made one
    ("" for a GPU run)."""
    choice = device_info.get("threads_choice")
    if not choice:
        return ""
    from engine.machine.threads import ThreadChoice, slowdown_reason, thread_count

    try:  # written again from its numbers, in the current language
        sentence = ThreadChoice.from_dict(choice).sentence()
    except (KeyError, TypeError, ValueError):
        sentence = choice.get("sentence", "")
    text = translate("devices", "Trained with {sentence}").format(sentence=sentence)
    changed = device_info.get("threads_changed")
    if changed:
        text += translate("devices", "; from iteration {t} on, {count} ({why})").format(
            t=changed["at_iteration"], count=thread_count(changed["to"]),
            why=slowdown_reason(changed))
    return text


def host_memory_available() -> int:
    return int(psutil.virtual_memory().available)


@dataclass(frozen=True)
class GpuStatus:
    """Whether CuPy can run on a GPU here; `reason` says why not, `info` describes it."""

    available: bool
    reason: str = ""
    info: dict[str, Any] = field(default_factory=dict)


_probe_lock = threading.Lock()


# The probe's fixed reasons (English in records; translate("devices", reason) where shown).
NO_NVIDIA_GPU = QT_TRANSLATE_NOOP("devices", "no NVIDIA GPU found on this machine")
NO_CUPY = QT_TRANSLATE_NOOP("devices", "CuPy is not installed (add the cuda12 or cuda13 extra)")
NO_CUDA_DEVICE = QT_TRANSLATE_NOOP("devices", "no CUDA device found")
WRONG_RESULT = QT_TRANSLATE_NOOP("devices", "the GPU returned a wrong result in a self-test")
TORCH_EXTRA = "uv run --extra torch main.py"
MLX_EXTRA = "uv run --extra mlx main.py"


def installed(module: str) -> bool:
    """Whether `module` can be imported, asked without importing it (PyTorch takes seconds)."""
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def torch_installed() -> bool:
    return installed("torch")


def mlx_installed() -> bool:
    return installed("mlx.core")


def code_refusal(code: str) -> str:
    """Why `code` (engine.core.config.CODES) cannot train here, "" where it can: the PyTorch codes
    need the torch extra, the MLX code the mlx extra."""
    from engine.core.config import TORCH_CODES

    if code in TORCH_CODES and not torch_installed():
        return translate("devices", "{code} needs PyTorch, an optional extra: "
                                    "{extra}").format(code=code, extra=TORCH_EXTRA)
    if code == "mlx" and not mlx_installed():
        return translate("devices", "mlx needs MLX, an optional extra: {extra} (on Linux its "
                                    "CPU build; mlx-cuda for an NVIDIA GPU)").format(
            extra=MLX_EXTRA)
    return ""


def nvidia_gpu_present(root: Path = Path("/")) -> bool | None:
    """Whether the NVIDIA driver shows a GPU: True, False, or None where this system does not
    say (not Linux). Read from the driver's files, without CuPy or CUDA."""
    if sys.platform != "linux":
        return None
    gpus = root / "proc" / "driver" / "nvidia" / "gpus"
    if (gpus.is_dir() and any(gpus.iterdir())) or (root / "dev" / "nvidia0").exists():
        return True
    if (root / "dev" / "dxg").exists():  # WSL: CUDA through /dev/dxg, no NVIDIA files
        return None
    return False


def missing_gpu_reason(cupy_importable: bool, gpu_present: bool | None) -> str:
    """Why no GPU can be used, before CuPy is asked: no GPU at all comes first (installing
    CuPy would not help), then a GPU without CuPy. "" where neither applies."""
    if gpu_present is False:
        return NO_NVIDIA_GPU
    if not cupy_importable:
        return NO_CUPY
    return ""


@functools.cache
def _probe() -> GpuStatus:
    import importlib.util

    reason = missing_gpu_reason(importlib.util.find_spec("cupy") is not None,
                                nvidia_gpu_present())
    if reason:
        return GpuStatus(False, reason)
    try:
        import cupy
    except ImportError:
        return GpuStatus(False, NO_CUPY)
    except Exception as exc:  # a broken install can fail in many ways
        return GpuStatus(False, f"CuPy failed to import: {exc}")
    try:
        count = cupy.cuda.runtime.getDeviceCount()
    except Exception as exc:
        return GpuStatus(False, f"no usable CUDA driver or device ({_short(exc)})")
    if count < 1:
        return GpuStatus(False, NO_CUDA_DEVICE)
    try:
        # A tiny real operation: allocation, an element-wise kernel (NVRTC) and a copy back.
        if int((cupy.arange(4) * 2).sum()) != 12:
            return GpuStatus(False, WRONG_RESULT)
        return GpuStatus(True, "", gpu_info())
    except Exception as exc:
        return GpuStatus(False, f"the GPU failed a self-test ({_short(exc)})")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".strip(": ")


def probe_gpu(refresh: bool = False) -> GpuStatus:
    """Probe once (it can take seconds) and remember; `refresh` probes again."""
    with _probe_lock:
        if refresh:
            _probe.cache_clear()
        return _probe()


def gpu_info() -> dict[str, Any]:
    import cupy

    props = cupy.cuda.runtime.getDeviceProperties(cupy.cuda.Device().id)
    name = props["name"]
    free, total = cupy.cuda.runtime.memGetInfo()
    runtime = cupy.cuda.runtime.runtimeGetVersion()
    driver = cupy.cuda.runtime.driverGetVersion()
    return {
        "device": "gpu",
        "gpu_name": name.decode() if isinstance(name, bytes) else str(name),
        "memory_bytes": int(total),
        "compute_capability": f"{props['major']}.{props['minor']}",
        "cuda_runtime": f"{runtime // 1000}.{runtime % 1000 // 10}",
        "cuda_driver": f"{driver // 1000}.{driver % 1000 // 10}",
        "cupy": cupy.__version__,
    }


def gpu_memory_available(library: str = "cupy") -> int:
    """Free device memory now, counting blocks the library's pool holds but does not use:
    CuPy's (the numpy code), PyTorch's caching allocator on CUDA or MPS, MLX's cache."""
    if library == "torch":
        import torch as pytorch

        if not pytorch.cuda.is_available():  # MPS: the memory Metal recommends, less its use
            mps = pytorch.mps
            return int(mps.recommended_max_memory() - mps.driver_allocated_memory())
        free, _total = pytorch.cuda.mem_get_info()
        return int(free + pytorch.cuda.memory_reserved() - pytorch.cuda.memory_allocated())
    if library == "mlx":
        import mlx.core as mx

        facts = mx.device_info()
        total = int(facts.get("max_recommended_working_set_size") or facts.get("memory_size")
                    or facts.get("total_memory") or host_memory_available())
        return max(0, total - int(mx.get_active_memory()))
    import cupy

    free, _total = cupy.cuda.runtime.memGetInfo()
    pool = cupy.get_default_memory_pool()
    return int(free + pool.free_bytes())


def describe_path(info: dict[str, Any]) -> str:
    """How a run issued its iterations, from its device_info, where it matters: a CuPy run's
    GPU path ("GPU path: graph (169 iterations per replay, cuBLAS through nvmath-python)",
    "GPU path: fused (CUDA graph unavailable: …)"), the GPU an MLX or MPS run used, and MLX's
    CPU build's reference BLAS, whose time is no fair CPU comparison. "" otherwise."""
    if info.get("mlx_blas"):
        return translate("devices", "MLX on the CPU: this MLX build multiplies with reference "
                                    "BLAS ({blas}), not an optimised one: its time is what "
                                    "this build costs, not a fair measure of this CPU").format(
            blas=info["mlx_blas"])
    if info.get("device") == "gpu" and info.get("gpu_backend"):
        return translate("devices", "GPU: {name} ({backend})").format(
            name=info.get("gpu_name") or info.get("name", "GPU"), backend=info["gpu_backend"])
    path = info.get("gpu_path")
    if info.get("device") != "gpu" or not path:
        return ""
    details = []
    if path == "graph":
        details.append(translate("devices", "{count:,} iterations per replay, cuBLAS through "
                                            "{binding}").format(count=info["replay_iterations"],
                                                                binding=info["cublas_binding"]))
    if info.get("gpu_path_note"):
        details.append(info["gpu_path_note"])
    return translate("devices", "GPU path: {path}").format(path=path) + (
        f" ({'; '.join(details)})" if details else "")
