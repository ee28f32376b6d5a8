"""Presets: named run settings kept in resources/presets.json."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from engine.config import RunConfig

PRESETS_FILE = Path(__file__).resolve().parents[1] / "resources" / "presets.json"


@cache
def load_presets() -> dict[str, dict[str, Any]]:
    with PRESETS_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def preset_values(name: str) -> dict[str, Any]:
    """The RunConfig fields of a preset (its description left out); a field it does not name
    has RunConfig's default, so that an older preset still names a whole run."""
    given = {k: v for k, v in load_presets()[name].items() if k != "description"}
    return {**RunConfig().to_dict(), **given}


def matching_preset(values: dict, gpu_enabled: bool, current: str, custom: str) -> str:
    """The preset the panel's values are (the current one first), or `custom`. Where no GPU
    can be used, a GPU preset running on the CPU is still that preset."""
    def matches(name: str) -> bool:
        preset = preset_values(name)
        if not gpu_enabled:
            preset = {**preset, "device": values["device"]}
        return preset == values

    if current != custom and current in load_presets() and matches(current):
        return current
    return next((name for name in load_presets() if matches(name)), custom)
