"""Backprop Lab's engine: the tutorial's two-layer network trained on NumPy or CuPy.

No Qt here: the window and the command line both drive this package.
"""

from engine.core.config import ConfigError, RunConfig
from engine.core.result import COMPLETED, DIVERGED, STOPPED, Progress, RunResult, Status
from engine.run.memory import InsufficientMemoryError, estimate_memory
from engine.run.train import train

__all__ = [
    "COMPLETED",
    "DIVERGED",
    "STOPPED",
    "ConfigError",
    "InsufficientMemoryError",
    "Progress",
    "RunConfig",
    "RunResult",
    "Status",
    "estimate_memory",
    "train",
]
