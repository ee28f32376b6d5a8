"""Presets: named run settings kept in resources/presets.json."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from engine.core.config import RunConfig
from engine.core.files import project_path
from engine.core.language import QT_TRANSLATE_NOOP

PRESETS_FILE = project_path("resources", "presets.json")
# The presets' names and descriptions, marked for the catalog (lupdate reads code, not JSON);
# the window shows translate("presets", text). A test keeps them equal to the file's.
PRESET_TEXTS = (
    QT_TRANSLATE_NOOP("presets", "Tutorial"),
    QT_TRANSLATE_NOOP("presets", "The PyTorch tutorial's sizes and learning rate: the loss falls "
                                 "from about 3e7 to near 0."),
    QT_TRANSLATE_NOOP("presets", "Divergence"),
    QT_TRANSLATE_NOOP("presets", "The tutorial at 4e-6, four times its learning rate: lr·λ_max "
                                 "starts near 9.4, "
                      "the loss grows for 7 iterations and becomes non-finite at iteration 8 (seed "
                      "0). Rates up to about 3.1e-6 stay finite, but from 1.8e-6 on they stall at "
                      "losses of 200-600 (see the Catapult preset)."),
    QT_TRANSLATE_NOOP("presets", "Catapult"),
    QT_TRANSLATE_NOOP("presets", "lr 2e-6 with diagnostics: lr·λ_max starts at 4.7 > 2, the loss "
                                 "climbs 23× in 2 iterations, the sharpness falls until lr·λ_max < "
                                 "1, and 75 of 100 hidden units die, so the loss stalls near 560 "
                                 "(seed 0)."),
    QT_TRANSLATE_NOOP("presets", "Quadratic (w1 frozen)"),
    QT_TRANSLATE_NOOP("presets", "Only w2 is trained: the loss is a quadratic in w2, and 2/λ_max = "
                                 "9.18e-7 is an exact bound. At 9e-7 (lr·λ_max = 1.96) it is "
                                 "still falling after 500 iterations; try 9.3e-7 to see it turn "
                                 "unstable."),
    QT_TRANSLATE_NOOP("presets", "GPU showcase"),
    QT_TRANSLATE_NOOP("presets", "512×4096×1024×10: 8.6 GFLOP per iteration, where an H100 ran "
                                 "about 140× faster "
                      "than 16 CPU cores, at 3e-9 (1e-8 diverges)."),
)


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
