"""`export-notebook` and `export-script`: the run, to reproduce on another machine (Colab's
GPU first), whose record comes back through --import."""

from __future__ import annotations

import argparse

from cli.parser import CliError, make_config
from engine.core.language import translate


def command_export(args: argparse.Namespace) -> int:
    from engine.tools.notebook import next_steps, write_notebook, write_script

    config = make_config(args)
    writer = write_notebook if args.command == "export-notebook" else write_script
    try:
        path = writer(config, args.out)
    except OSError as exc:  # refused before any work: the path cannot be written
        reason = exc.args[0] if len(exc.args) == 1 else str(exc)
        raise CliError(translate("cli", "--out: {reason}").format(reason=reason)) from None
    print(next_steps("notebook" if args.command == "export-notebook" else "script", str(path)))
    return 0
