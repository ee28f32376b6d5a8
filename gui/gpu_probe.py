"""The GPU probe's state in the window: asked once at start in the compute process; until it
answers, a GPU asked for by the settings is remembered, and applied or refused in words then."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from engine.run.memory import format_bytes
from engine.service.jobs import EndKind, JobEnd, ProbeJob
from gui.compute import ComputeProcess, JobRunner
from gui.language import translate
from gui.params import ParameterPanel
from gui.tool_base import WARN_COLOR


def unavailable_words(reason: str) -> str:
    """The status line where the settings ask for a GPU that cannot be used."""
    return translate("MainWindow", "GPU unavailable ({reason}): this run would use the "
                                   "CPU.").format(reason=reason)


class GpuProbe(QObject):
    """The probe's answer (`reason`: why the GPU cannot be used, "" while it can or before the
    answer), and the device the settings asked for before it came."""

    def __init__(self, compute: ComputeProcess, panel: ParameterPanel,
                 set_status: Callable[[str, str], None], training: Callable[[], bool],
                 answered: Callable[[], None], parent: QObject):
        """set_status(text, colour): the readout's status line; training(): a run is going
        (its own status line is not overwritten); answered(): called once the probe ends."""
        super().__init__(parent)
        self.panel, self.set_status, self.training = panel, set_status, training
        self.answered = answered
        self.runner = JobRunner(compute, "GPU probe", parent)
        self.runner.ended.connect(self._on_probed)
        self.reason = ""
        self.backend = ""  # the library that reaches the GPU: "CuPy", "MLX, Metal", …
        self.wanted_device: str | None = None

    def start(self) -> None:
        self.runner.start(ProbeJob())

    def is_running(self) -> bool:
        return self.runner.is_running()

    def waiting(self) -> bool:
        """The settings ask for the GPU and the probe has not answered yet."""
        return self.is_running() and self.wanted_device == "gpu"

    def cupy_gpu(self) -> bool:
        """The GPU is CuPy's: the numpy code's GPU paths and the CPU-against-GPU race."""
        return not self.reason and self.backend == "CuPy"

    def want_gpu(self) -> None:
        """The settings ask for the GPU, which the panel does not offer (yet)."""
        if self.is_running():
            self.wanted_device = "gpu"  # applied when the probe answers
        elif self.reason:
            self.set_status(unavailable_words(self.reason), WARN_COLOR)

    def _on_probed(self, end: JobEnd) -> None:
        status = end.result
        if end.kind == EndKind.DONE and status.available:
            info = status.info
            self.reason, self.backend = "", info.get("backend", "CuPy")
            memory = info.get("memory_bytes")
            self.panel.set_gpu_status(True, info.get("gpu_name", "GPU")
                                      + (f", {format_bytes(memory)}" if memory else "")
                                      + f" ({self.backend})")
            if self.wanted_device == "gpu":
                self.panel.set_values({"device": "gpu"})
        else:
            reason = translate("devices", status.reason) if end.kind == EndKind.DONE else translate(
                "MainWindow", "the probe {kind}: {message}").format(kind=end.kind,
                                                                    message=end.message)
            self.reason = reason
            self.panel.set_gpu_status(False, reason)
            if self.wanted_device == "gpu" and not self.training():
                self.set_status(unavailable_words(reason), WARN_COLOR)
        self.wanted_device = None
        self.answered()
