"""What the window remembers between launches (QSettings): the panel's values as the user
left them, the geometry, log y and presentation mode. Values given on the command line apply
to one launch only: while a field still holds its launch value, the saved one is kept."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSettings

from session.presets import preset_values


class SavedSettings:
    def __init__(self, store: QSettings):
        self.store = store
        self.saved: dict[str, Any] = {}  # the values as restored (what a launch value hides)
        self.launch: dict[str, Any] = {}  # the command line's, for this launch only

    def run_values(self) -> dict[str, Any]:
        """The Tutorial's values, with every saved one that is still a setting; a corrupted
        file gives the Tutorial's."""
        values = dict(preset_values("Tutorial"))
        try:
            saved = json.loads(str(self.store.value("config", "{}")))
        except (TypeError, ValueError):
            return values
        if isinstance(saved, dict):
            values.update({k: v for k, v in saved.items() if k in values})
        return values

    def to_save(self, values: dict[str, Any]) -> dict[str, Any]:
        """The panel's values as they are to be remembered: a field that still holds its
        launch value keeps the saved one."""
        kept = dict(values)
        for name, value in self.launch.items():
            if kept.get(name) == value and name in self.saved:
                kept[name] = self.saved[name]
        return kept

    def save(self, values: dict[str, Any], geometry, log_y: bool) -> None:
        self.store.setValue("config", json.dumps(self.to_save(values)))
        self.store.setValue("geometry", geometry)
        self.store.setValue("log_y", log_y)
        self.store.sync()

    def geometry(self):
        return self.store.value("geometry")

    def log_y(self) -> bool:
        return str(self.store.value("log_y", True)).lower() not in ("false", "0")

    def presentation(self) -> bool:
        return str(self.store.value("presentation", False)).lower() in ("true", "1")
