"""A target loss (MLPerf's time to train): a run is timed to the first iteration whose loss is
at or below it. Declared once (engine.core.settings): the command line's --target and
--target-absolute, the window's target controls."""

from __future__ import annotations

from dataclasses import dataclass

from engine.core.config import ConfigError
from engine.core.language import QT_TRANSLATE_NOOP, translate
from engine.core.settings import is_finite_number, setting


@dataclass(frozen=True)
class TargetLoss:
    target: float = setting(1e-3, QT_TRANSLATE_NOOP("settings", "Target loss"), "--target",
                            QT_TRANSLATE_NOOP("settings", "the loss a run is timed to (MLPerf's "
                                                          "time to train): a fraction of the "
                                                          "run's initial loss, or a loss with "
                                                          "--target-absolute"),
                            "number", widget="target_input")
    absolute: bool = setting(False, QT_TRANSLATE_NOOP("settings", "absolute"),
                             "--target-absolute",
                             QT_TRANSLATE_NOOP("settings", "the target is a loss, not a fraction "
                                                           "of the initial loss"),
                             "flag", widget="target_absolute_checkbox")

    def __post_init__(self) -> None:
        if not is_finite_number(self.target) or self.target <= 0:
            raise ConfigError("target", translate("target", "must be a positive number, got "
                                                            "{value!r}").format(value=self.target))
        if not self.absolute and self.target >= 1:
            raise ConfigError("target", translate("target", "as a fraction of the initial loss "
                                                            "it must be below 1, got {value:g} "
                                                            "(a loss is an absolute "
                                                            "target)").format(value=self.target))

    def loss_for(self, initial: float) -> float:
        return self.target if self.absolute else self.target * initial

    def describe(self) -> str:
        """"1e-3 of the initial loss", or "loss 12.5"."""
        if self.absolute:
            return translate("target", "loss {value:g}").format(value=self.target)
        return translate("target", "{value:g} of the initial loss").format(value=self.target)

    def to_dict(self) -> dict:
        return {"target": self.target, "absolute": self.absolute, "words": self.describe()}
