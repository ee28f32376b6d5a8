"""Backprop Lab's engine: the tutorial's two-layer network trained on NumPy or CuPy.

No Qt here: the window and the command line both drive this package.
"""

from engine.config import ConfigError, RunConfig
from engine.memory import InsufficientMemoryError, estimate_memory
from engine.result import COMPLETED, DIVERGED, STOPPED, Progress, RunResult, Status
from engine.train import train

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
