"""Whether a would-be run can start: every refused field, by field, for the window and the
command line alike."""

from __future__ import annotations

from typing import Any

from engine.core.config import field_errors
from engine.machine.devices import code_refusal
from engine.machine.threads import oversubscription


def run_errors(values: dict[str, Any]) -> dict[str, str]:
    """Every refused field of a would-be run, by field: RunConfig's own checks, a PyTorch code
    without PyTorch, and more threads than physical cores (the one rule of the window and the
    command line alike)."""
    errors = field_errors(values)
    if "code" not in errors and code_refusal(values.get("code", "numpy")):
        errors["code"] = code_refusal(values["code"])
    if "threads" not in errors:
        too_many = oversubscription(values.get("threads", "auto"))
        if too_many:
            errors["threads"] = too_many
    return errors
