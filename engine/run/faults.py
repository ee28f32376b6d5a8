"""Fault injection for reliability tests: BACKPROP_LAB_FAULT="<kind>@<iteration>[:seed=<s>]".

The run loop (engine.run.train) asks `fault_for(config)` once per run and calls `trigger()` just
before the faulty iteration. Kinds:
- raise: an exception inside the training step (the run fails);
- abort: os.abort(), as a native crash or a fatal CUDA error ends a process;
- hang: the step never returns (sleeps), as a stuck driver call would;
- oom: the device's out-of-memory error (CuPy's OutOfMemoryError on a GPU run, NumPy's
  MemoryError on the CPU).
With `:seed=<s>` the fault applies only to runs with that seed.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass

from engine.core.config import ConfigError, RunConfig

VARIABLE = "BACKPROP_LAB_FAULT"
KINDS = ("raise", "abort", "hang", "oom")
_PATTERN = re.compile(r"^(?P<kind>[a-z]+)@(?P<iteration>\d+)(?::seed=(?P<seed>\d+))?$")


class InjectedFault(RuntimeError):
    """The `raise` fault: an unexpected error inside the training step."""


class InjectedOutOfMemory(MemoryError):
    """The `oom` fault on the CPU, where NumPy reports exhausted memory as a MemoryError."""


@dataclass(frozen=True)
class Fault:
    kind: str
    iteration: int
    seed: int | None = None

    def applies_to(self, config: RunConfig) -> bool:
        return self.seed is None or self.seed == config.seed

    def trigger(self, device: str) -> None:
        """Fail as this kind fails; `hang` never returns, `abort` ends the process."""
        where = f"injected by {VARIABLE} at iteration {self.iteration}"
        if self.kind == "raise":
            raise InjectedFault(f"simulated fault in the training step ({where})")
        if self.kind == "abort":
            os.abort()
        if self.kind == "hang":
            while True:
                time.sleep(3600)
        if self.kind == "oom":
            if device == "gpu":
                from cupy.cuda.memory import OutOfMemoryError

                raise OutOfMemoryError(0, 0)  # CuPy's own error, as a real exhaustion gives
            raise InjectedOutOfMemory(f"out of memory in the training step ({where})")
        raise AssertionError(self.kind)


def parse_fault(text: str) -> Fault:
    """'abort@10:seed=13' → Fault('abort', 10, 13); ConfigError, in words, for anything else."""
    match = _PATTERN.match(text.strip())
    if match is None or match["kind"] not in KINDS:
        raise ConfigError(VARIABLE, f"expected <kind>@<iteration>[:seed=<s>] with kind one of "
                          f"{', '.join(KINDS)}, got {text!r}")
    seed = match["seed"]
    return Fault(match["kind"], int(match["iteration"]), int(seed) if seed is not None else None)


def fault_for(config: RunConfig) -> Fault | None:
    """The fault the environment asks for in this run, if any (read at each run)."""
    text = os.environ.get(VARIABLE, "").strip()
    if not text:
        return None
    fault = parse_fault(text)
    return fault if fault.applies_to(config) else None
