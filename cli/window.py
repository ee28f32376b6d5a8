"""The window's commands as the command line sees them: values checked before it opens (named
by their options), then handed to the window front end, which main.py passes in."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cli.parser import OPTION_OF_FIELD, CliError, config_values, make_config
from engine.core.config import RunConfig
from engine.core.files import write_json
from engine.core.language import translate
from engine.run.checks import run_errors


def given_values(args: argparse.Namespace) -> dict:
    """The run options given for the window: bad ones refused before it opens, naming the
    option as the subcommands do; a scripted run's --json then holds the refusal."""
    given = {name: value for name, value in config_values(args).items() if value is not None}
    errors = run_errors({**RunConfig().to_dict(), **given})
    if errors:
        message = "; ".join(f"{OPTION_OF_FIELD.get(field, field)}: {reason}"
                            for field, reason in errors.items())
        if args.json:
            write_json(args.json, {"status": "refused", "message": message,
                                   "given": {OPTION_OF_FIELD[k]: v for k, v in given.items()}})
        raise CliError(message)
    return given


def command_window(args: argparse.Namespace, front: Callable) -> int:
    return front("window", args, given_values(args))


def command_bench_window(args: argparse.Namespace, front: Callable) -> int:
    config = make_config(args)
    if args.pairs < 1:
        raise CliError(translate("cli", "--pairs: must be at least 1, got {value}").format(
            value=args.pairs))
    for option, value in (("--launches", args.launches), ("--keeping", args.keeping)):
        if value < 0:
            raise CliError(translate("cli", "{option}: must be zero or more, got {value}").format(
                option=option, value=value))
    return front("bench-window", args, config)
