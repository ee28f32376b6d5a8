"""How a setting is declared, once: on its dataclass field, as metadata.

RunConfig (engine.config) and the two sweeps' settings (engine.sweep) declare each field with
`setting(...)`: its default, the name the window shows, the option the command line takes,
one help text (the window's tooltip and the option's --help) and the kind of value. The
checks live in the class (a ConfigError naming the field); main.py builds its options from
these declarations and gui/ its controls, so that an error names the setting as the user
wrote it: `--lr` on the command line, "Learning rate" in the window.
"""

from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass
from typing import Any

# What kind of value a setting takes: the parser on the command line, the control in the
# window. whole: an integer; number: a float; threads: "auto" or an integer; choice: one of
# `choices`; flag: on or off; names: a comma-separated list drawn from `choices`.
KINDS = ("whole", "number", "threads", "choice", "flag", "names")


@dataclass(frozen=True)
class Setting:
    label: str  # as the window names it
    option: str  # as the command line names it
    help: str  # in the tutorial's terms: the tooltip and the --help text
    kind: str
    choices: tuple[str, ...] = ()
    widget: str = ""  # the window control's objectName
    window_range: tuple[float, float] | None = None  # a spin box's range in the window

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind

    @property
    def sentence(self) -> str:
        """The help as a sentence, for a tooltip: "Batch size N: …"."""
        return self.help[0].upper() + self.help[1:]


def is_whole(value: Any) -> bool:
    """An integer, and not a bool (True is an int to Python, not a count to a user)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def setting(default: Any, label: str, option: str, help: str, kind: str, **extra: Any):
    """A dataclass field declared with its Setting (see the module's docstring)."""
    return dataclasses.field(default=default, metadata={
        "setting": Setting(label, option, help, kind, **extra)})


def settings_of(cls) -> dict[str, Setting]:
    """The declared settings of a dataclass, by field name, in declaration order."""
    return {f.name: f.metadata["setting"] for f in dataclasses.fields(cls)
            if "setting" in f.metadata}


def defaults_of(cls) -> dict[str, Any]:
    return {f.name: f.default for f in dataclasses.fields(cls) if "setting" in f.metadata}


def label_of(cls, field: str) -> str:
    """The window's name of a field ("Learning rate"); the field itself if undeclared."""
    found = settings_of(cls).get(field)
    return found.label if found else field


def option_of(cls, field: str) -> str:
    """The command line's name of a field ("--lr"); the field itself if undeclared."""
    found = settings_of(cls).get(field)
    return found.option if found else field


def format_default(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
