"""How a setting is declared, once: on its dataclass field, as metadata.

RunConfig (engine.core.config) and the tools' settings (engine.tools.size_sweep,
engine.tools.rate_sweep, engine.tools.profile) declare each field with `setting(...)`: its default,
the name the window shows, the option the command line takes, one help text (the window's tooltip
and the option's --help) and the kind of value. The checks live in the class (a ConfigError naming
the field). cli/ builds its options from these declarations and gui/ its controls, and both read and
write values with the one parser and formatter of each kind below ("1e3" means the same in both), so
that an error names the setting as the user wrote it: `--lr` on the command line, "Learning rate" in
the window.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from dataclasses import dataclass
from typing import Any

from engine.core.language import translate

# What kind of value a setting takes: the parser on the command line, the control in the
# window. whole: an integer; number: a float; threads: "auto" or an integer; choice: one of
# `choices`; flag: on or off; names: a comma-separated list drawn from `choices`.
KINDS = ("whole", "number", "threads", "choice", "flag", "names")


@dataclass(frozen=True)
class Setting:
    label: str  # as the window names it (English; `title` in the current language)
    option: str  # as the command line names it
    help: str  # in the tutorial's terms: the tooltip and the --help text (English)
    kind: str
    choices: tuple[str, ...] = ()
    widget: str = ""  # the window control's objectName
    window_range: tuple[float, float] | None = None  # a spin box's range in the window

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind

    @property
    def title(self) -> str:
        """The label in the current language (engine.core.language; the catalog's "settings")."""
        return translate("settings", self.label)

    @property
    def sentence(self) -> str:
        """The help as a sentence in the current language, for a tooltip: "Batch size N: …"
        (a translation is used as written: its first word may be a symbol, such as x)."""
        text = translate("settings", self.help)
        return text if text != self.help else text[0].upper() + text[1:]


def is_whole(value: Any) -> bool:
    """An integer, and not a bool (True is an int to Python, not a count to a user)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_finite_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isfinite(value)


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
    """The window's name of a field ("Learning rate", in the current language); the field
    itself if undeclared."""
    found = settings_of(cls).get(field)
    return found.title if found else field


def option_of(cls, field: str) -> str:
    """The command line's name of a field ("--lr"); the field itself if undeclared."""
    found = settings_of(cls).get(field)
    return found.option if found else field


# --- one parser and one formatter per kind: the command line and the window use these -------

SPACE = " \t\n\r"  # what a field may have around its value (int() and float() agree on it)


def parse_whole(text: str) -> int:
    """'1024', '1_024' or '1e3' as an int (what Python's float reads, when whole); a comma is
    refused, since '1,024' is 1.024 in much of the world. ValueError (in words) otherwise."""
    cleaned = str(text).strip(SPACE)
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(translate("settings", "must be a whole number, got {text!r}").format(
            text=text)) from None
    if not math.isfinite(value) or not value.is_integer():
        raise ValueError(translate("settings", "must be a whole number, got {text!r}").format(
            text=text))
    return int(value)


def parse_number(text: str) -> float:
    """'1e-6', '0.000001': a finite float; ValueError (in words) otherwise."""
    try:
        value = float(str(text).strip(SPACE))
    except ValueError:
        raise ValueError(translate("settings", "must be a number such as 1e-6, got "
                                   "{text!r}").format(text=text)) from None
    if not math.isfinite(value):
        raise ValueError(translate("settings", "must be finite, got {text!r}").format(text=text))
    return value


def parse_threads(text: str) -> int | str:
    """'auto' (or nothing) or a whole number of threads."""
    cleaned = str(text).strip(SPACE).lower()
    return "auto" if cleaned in ("auto", "") else parse_whole(text)


def parse_names(text: str) -> tuple[str, ...]:
    """'n,d_in,hidden' as a tuple of names."""
    return tuple(name.strip() for name in str(text).split(",") if name.strip())


PARSERS = {"whole": parse_whole, "number": parse_number, "threads": parse_threads,
           "names": parse_names}


def parse_value(kind: str, text: str) -> Any:
    """The value of a setting of this kind typed as `text`; ValueError says why not."""
    return PARSERS[kind](text)


def parse_or_keep(kind: str, text: str) -> Any:
    """parse_value, or the text itself where it does not parse: a form keeps what was typed,
    and the settings class words the refusal (naming the field as its front end does)."""
    try:
        return parse_value(kind, text)
    except ValueError:
        return text


def format_value(kind: str, value: Any) -> str:
    """How a value of this kind is written, so that parse_value gives it back."""
    if kind == "names" or isinstance(value, tuple):
        return ",".join(value)
    if kind == "number" or isinstance(value, float):
        return f"{value:g}"
    return str(value)


def command_line_options(config) -> list[str]:
    """The options that give `config` (any declared settings class) on the command line (a
    flag only when it is on)."""
    options = []
    for name, declared in settings_of(type(config)).items():
        value = getattr(config, name)
        if declared.kind == "flag":
            options += [declared.option] if value else []
        else:
            options += [declared.option, format_value(declared.kind, value)]
    return options


def format_default(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
