"""Each setting declared once (engine.core.settings): the command line is built from it."""

import dataclasses

import pytest

import main
from cli import parser
from engine import RunConfig
from engine.core.config import ConfigError
from engine.core.settings import defaults_of, format_default, settings_of
from engine.tools.profile import ProfileSettings
from engine.tools.rate_sweep import RateSweepSettings
from engine.tools.size_sweep import SizeSweepSettings

DECLARED = (RunConfig, SizeSweepSettings, RateSweepSettings, ProfileSettings)


def options_of(parser):
    """Every option of the parser and its subcommands: option → (dest, help)."""
    import argparse

    found, parsers = {}, [parser]
    while parsers:
        current = parsers.pop()
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            for option in action.option_strings:
                found[option] = (action.dest, action.help or "")
    return found


@pytest.mark.parametrize("cls", DECLARED)
def test_every_field_is_declared_with_a_distinct_option_and_label(cls):
    declared = settings_of(cls)
    assert list(declared) == [f.name for f in dataclasses.fields(cls)]
    assert len({s.option for s in declared.values()}) == len(declared)
    assert len({s.label for s in declared.values()}) == len(declared)
    assert all(s.help and s.option.startswith("--") for s in declared.values())


@pytest.mark.parametrize("cls", DECLARED)
def test_the_command_line_options_come_from_the_declarations(cls):
    options = options_of(parser.build_parser())
    for name, declared in settings_of(cls).items():
        dest, help_text = options[declared.option]
        assert dest == name
        assert help_text.startswith(declared.help)  # the one help text, and the default
        assert help_text.endswith(f"({format_default(defaults_of(cls)[name])})")


def test_defaults_are_the_classes_own(capsys):
    args = parser.build_parser().parse_args(["sweep-size"])
    assert parser.make_settings(args, SizeSweepSettings) == SizeSweepSettings()
    args = parser.build_parser().parse_args(["sweep-lr", "--count", "4"])
    assert parser.make_settings(args, RateSweepSettings) == RateSweepSettings(count=4)
    assert parser.make_config(parser.build_parser().parse_args(["run"])) == RunConfig()


@pytest.mark.parametrize("cls, values, field", [
    (SizeSweepSettings, {"steps": 0}, "steps"),
    (SizeSweepSettings, {"factor": 1.0}, "factor"),
    (SizeSweepSettings, {"scale": ("n", "width")}, "scale"),
    (SizeSweepSettings, {"budget": float("nan")}, "budget"),
    (RateSweepSettings, {"lr_min": 0.0}, "lr_min"),
    (RateSweepSettings, {"lr_min": 1e-3, "lr_max": 1e-4}, "lr_max"),
    (RateSweepSettings, {"count": 1}, "count"),
    (RateSweepSettings, {"tolerance": 1.5}, "tolerance"),
])
def test_the_sweeps_checks_live_in_their_settings_class(cls, values, field):
    with pytest.raises(ConfigError) as refused:
        cls(**values)
    assert refused.value.field == field


@pytest.mark.parametrize("argv, option", [
    (["sweep-size", "--steps", "0"], "--steps"),
    (["sweep-size", "--factor", "1"], "--factor"),
    (["sweep-size", "--scale", "n,width"], "--scale"),
    (["sweep-lr", "--lr-min", "1e-3", "--lr-max", "1e-4"], "--lr-max"),
    (["sweep-lr", "--tolerance", "2"], "--tolerance"),
    (["run", "--lr", "0"], "--lr"),
])
def test_errors_name_the_option_as_written(argv, option, capsys):
    code = main.main(argv)
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"main.py: error: {option}: ")
    assert "_" not in err.split(":")[2]  # never a field name such as lr_max


def test_one_parser_per_kind_serves_both_front_ends():
    """The window and the command line read "1e3" alike: one parser per kind."""
    from engine.core.settings import parse_or_keep, parse_value

    assert parse_value("whole", "1e3") == 1000 and parse_value("whole", " 1_024 ") == 1024
    for bad in ("1,024", "1.5", "1e999", "nan", "ten", "1\x1f"):
        with pytest.raises(ValueError, match="whole number"):
            parse_value("whole", bad)
    assert parse_value("number", "1e-6") == 1e-6
    with pytest.raises(ValueError, match="finite"):
        parse_value("number", "inf")
    assert parse_value("threads", " AUTO ") == "auto" and parse_value("threads", "2") == 2
    assert parse_or_keep("whole", "ten") == "ten"  # a form keeps what was typed
    args = parser.build_parser().parse_args(["run", "--n", "1e3", "--iterations", "2_000"])
    assert parser.make_config(args).n == 1000 and parser.make_config(args).iterations == 2000
