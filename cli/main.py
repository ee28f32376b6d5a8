"""The command line's entry: parse, claim the outputs, run the command, turn refusals into one
line and exit status 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from cli.export import command_export
from cli.parser import (
    WINDOW_ONLY,
    CliError,
    build_parser,
    claim_outputs,
    join_negative_values,
    language_given,
    option_name,
)
from cli.run import command_bench, command_run
from cli.tools import command_profile, command_race, command_sweep_lr, command_sweep_size
from cli.window import command_bench_window, command_window
from engine.core import language
from engine.core.config import ConfigError
from engine.core.language import error_line, system_language, translate
from engine.run.memory import InsufficientMemoryError

COMMANDS = {
    "run": command_run, "bench": command_bench, "race": command_race,
    "sweep-size": command_sweep_size, "sweep-lr": command_sweep_lr, "profile": command_profile,
    "export-notebook": command_export, "export-script": command_export,
}


def main(argv: list[str] | None = None, window: Callable | None = None) -> int:
    """The command line. `window(command, args, values)` opens the window front end (for no
    command and for bench-window); main.py passes it in, so that cli/ never imports gui/."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language.use(language_given(argv) or system_language())
    parser = build_parser()
    args = parser.parse_args(join_negative_values(argv, parser))
    for name in ("json", "csv"):  # a subcommand's, when given before it, stay given
        if not hasattr(args, name):
            setattr(args, name, None)

    if args.command is not None:
        given = [name for name in WINDOW_ONLY if getattr(args, name, None) not in (None, False)]
        if given:
            option = "--" + given[0].replace("_", "-")
            print(error_line(parser.prog, translate(
                "cli", "{option} is a window option; it does nothing for '{command}' (see "
                       "{prog} --help)").format(option=option, command=args.command,
                                                prog=parser.prog)), file=sys.stderr)
            return 2

    created: list[Path] = []
    status = 1
    try:
        created = claim_outputs(args)
        if args.command in COMMANDS:
            status = COMMANDS[args.command](args)
        else:
            if window is None:
                raise CliError("this front end has no window")
            opener = command_bench_window if args.command == "bench-window" else command_window
            status = opener(args, window)
        return status
    except CliError as exc:
        print(error_line(parser.prog, str(exc)), file=sys.stderr)
        status = 2
        return 2
    except ConfigError as exc:
        print(error_line(parser.prog, f"{option_name(exc.field)}: {exc.reason}"),
              file=sys.stderr)
        status = 2
        return 2
    except (InsufficientMemoryError, MemoryError) as exc:
        print(error_line(parser.prog, str(exc)), file=sys.stderr)
        status = 2
        return 2
    except OSError as exc:
        print(error_line(parser.prog, str(exc)), file=sys.stderr)
        return 1
    finally:
        if status != 0:  # nothing was written: the files claimed for it go again
            for path in created:
                if path.exists() and path.stat().st_size == 0:
                    path.unlink()
