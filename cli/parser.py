"""The command line's parser: every option from the declarations (engine.core.settings), read by
each kind's one parser, refusals in one line (exit status 2)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from engine.core.config import ConfigError, RunConfig
from engine.core.language import LANGUAGES, QT_TRANSLATE_NOOP, error_line, translate
from engine.core.settings import PARSERS, defaults_of, format_default, option_of, settings_of
from engine.core.target import TargetLoss
from engine.tools.profile import ProfileSettings
from engine.tools.race import COMPARISONS
from engine.tools.rate_sweep import RateSweepSettings
from engine.tools.size_sweep import SizeSweepSettings

# A run's options, as RunConfig declares them (engine.core.settings), in declaration order.
OPTION_OF_FIELD = {name: s.option for name, s in settings_of(RunConfig).items()}
WINDOW_ONLY = ("preset", "tool", "autorun", "exit_when_done", "screenshot", "presentation",
               "import_path")
OUTPUTS = ("json", "csv", "screenshot")
TOOLS = ("race", "sweep-size", "sweep-lr", "profile")


class CliError(Exception):
    """Bad input from the command line: reported in one line, exit status 2."""


# argparse's own refusals (English, from its gettext), as the catalog words them.
ARGPARSE_MESSAGES = (
    (re.compile(r"argument (?P<option>\S+?): invalid choice: (?P<value>'[^']*') \(choose from "
                r"(?P<choices>.*)\)"),
     QT_TRANSLATE_NOOP("cli", "{option}: invalid choice: {value} (choose from {choices})")),
    (re.compile(r"argument (?P<option>\S+?): expected one argument"),
     QT_TRANSLATE_NOOP("cli", "{option}: expected one argument")),
    (re.compile(r"unrecognized arguments: (?P<value>.*)"),
     QT_TRANSLATE_NOOP("cli", "unrecognized arguments: {value}")),
    (re.compile(r"argument (?P<option>\S+?): (?P<value>.*)"),
     QT_TRANSLATE_NOOP("cli", "{option}: {value}")),
)


def argparse_message(message: str) -> str:
    for pattern, template in ARGPARSE_MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            return translate("cli", template).format(**found.groupdict())
    return message


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own: usage block + message; ours: one line
        self.exit(2, error_line(self.prog, translate("cli", "{message} (see {help})").format(
            message=argparse_message(message), help=f"{self.prog} --help")) + "\n")


def language_given(argv: list[str]) -> str | None:
    """The --lang of argv, read before parsing, so that the parser's own refusals are written
    in it ("--lang ko" or "--lang=ko", anywhere; the last one wins, as argparse's does)."""
    chosen = None
    for index, token in enumerate(argv):
        value = (argv[index + 1] if token == "--lang" and index + 1 < len(argv)
                 else token.partition("=")[2] if token.startswith("--lang=") else None)
        if value in LANGUAGES:
            chosen = value
    return chosen



def _typed(kind: str):
    """An argparse type from the kind's one parser (engine.core.settings)."""
    def parse(text: str):
        try:
            return PARSERS[kind](text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    parse.__name__ = kind
    return parse


def whole_number(text: str) -> int:
    return _typed("whole")(text)


def number(text: str) -> float:
    return _typed("number")(text)


def _output_path(text: str) -> Path:
    path = Path(text)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise argparse.ArgumentTypeError(translate("cli", "{path!r} is a folder, not a "
                                                          "file").format(path=text))
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(translate("cli", "folder {path!r} does not "
                                                          "exist").format(path=str(folder)))
    return path


def claim_outputs(args: argparse.Namespace) -> list[Path]:
    """Create every output file before any work starts: `os.access` says yes to root for
    /proc, and a 15 s run must not be lost to a path that cannot be written. Returns the files
    this created (removed again if the command then fails)."""
    created = []
    for name in OUTPUTS:
        path = getattr(args, name, None)
        if path is None:
            continue
        existed = path.exists()
        try:
            with path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            for made in created:
                made.unlink(missing_ok=True)
            option = "--" + name
            raise CliError(translate("cli", "{option}: cannot write {path!r}: {error}").format(
                option=option, path=str(path), error=exc.strerror or exc)) from None
        if not existed:
            created.append(path)
    return created


def add_output(parser: argparse.ArgumentParser, option: str, help_text: str) -> None:
    """--json / --csv: checked before any work starts; left alone when not given, so that one
    written before the subcommand applies."""
    parser.add_argument(option, type=_output_path, default=argparse.SUPPRESS, help=help_text)


def add_declared_options(group, cls, defaults: bool) -> None:
    """One option per declared setting of `cls` (engine.core.settings): its option, kind, choices,
    help and default. With defaults=False an option left out is None (the window's); with
    defaults=True it leaves the namespace alone, so that one written before the subcommand
    applies (`main.py --lr 4e-6 run`); the class fills in the rest."""
    for name, declared in settings_of(cls).items():
        default = argparse.SUPPRESS if defaults else None
        text = f"{declared.help} ({format_default(defaults_of(cls)[name])})"
        if declared.kind == "flag":
            group.add_argument(declared.option, dest=name, action="store_true",
                               default=default, help=text)
        elif declared.kind == "choice":
            group.add_argument(declared.option, dest=name, choices=declared.choices,
                               default=default, help=text)
        else:
            group.add_argument(declared.option, dest=name, type=_typed(declared.kind),
                               default=default, help=text,
                               metavar=declared.option.lstrip("-").replace("-", "_").upper())


def add_run_options(parser: argparse.ArgumentParser, defaults: bool = True) -> None:
    """The options of one run, from RunConfig's declarations."""
    add_declared_options(parser.add_argument_group("run options (defaults: the tutorial's)"),
                         RunConfig, defaults)


def declared_values(args: argparse.Namespace, cls) -> dict[str, Any]:
    """The fields of `cls` given on the command line (None or absent where left out)."""
    return {name: getattr(args, name, None) for name in settings_of(cls)}


def config_values(args: argparse.Namespace) -> dict[str, Any]:
    """RunConfig fields given on the command line (None where an option was left out)."""
    return declared_values(args, RunConfig)


def make_settings(args: argparse.Namespace, cls):
    """An instance of a declared settings class from the options given; an error names the
    option (`--factor: must be a number above 1, got 0.5`)."""
    given = {k: v for k, v in declared_values(args, cls).items() if v is not None}
    try:
        return cls(**given)
    except ConfigError as exc:
        raise CliError(f"{option_of(cls, exc.field)}: {exc.reason}") from None


def make_config(args: argparse.Namespace):
    """The run's settings, refused as in the window (engine.run.checks.run_errors): a PyTorch
    code without PyTorch, more threads than physical cores."""
    from engine.run.checks import run_errors

    config = make_settings(args, RunConfig)
    errors = run_errors(config.to_dict())
    if errors:
        field, reason = next(iter(errors.items()))
        raise CliError(f"{OPTION_OF_FIELD[field]}: {reason}")
    return config


def option_name(field: str) -> str:
    """A refused setting as the command line names it: a run's option, --<field> for another
    setting, and anything else (an environment variable) as it is."""
    if field in OPTION_OF_FIELD:
        return OPTION_OF_FIELD[field]
    return "--" + field.replace("_", "-") if field.islower() else field


def add_language(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """--lang, on main.py and on every command (given after the command, it wins)."""
    parser.add_argument("--lang", choices=LANGUAGES, default=None if top else argparse.SUPPRESS,
                        help="the language of what is printed and shown, for this launch: en or "
                        "ko (default: the window's last choice, else the locale: LC_ALL, "
                        "LC_MESSAGES or LANG starting with ko gives Korean)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="main.py",
        description="Backprop Lab: train the PyTorch tutorial's two-layer network on a CPU "
        "(NumPy) or a GPU (CuPy) and see what it costs. With no command, opens the window.",
    )
    add_run_options(parser, defaults=False)
    window = parser.add_argument_group("window options")
    window.add_argument("--preset", help="start from a preset (Tutorial, Divergence, ...)")
    window.add_argument("--tool", choices=TOOLS,
                        help="open a lecture tool's tab (with --autorun, run the tool)")
    window.add_argument("--autorun", action="store_true", help="start the run at once")
    window.add_argument("--no-restore", action="store_true",
                        help="do not offer the last session back (runs are still kept on disk)")
    window.add_argument("--presentation", action="store_true",
                        help="open in presentation mode (full screen, large fonts; F11)")
    window.add_argument("--exit-when-done", action="store_true",
                        help="close the window when the run ends")
    window.add_argument("--screenshot", type=_output_path, help="save the window as PNG at the end")
    window.add_argument("--import", dest="import_path", type=Path, metavar="PATH",
                        help="read run records (JSON written by this program, here or on "
                        "another machine) into the run table; with --exit-when-done and no "
                        "--autorun, exit 0 when imported and 2 when refused")
    add_output(window, "--json", "save the run record as JSON")

    add_language(parser, top=True)
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    run = commands.add_parser("run", help="train once, headless, and print what it cost")
    add_run_options(run)
    run.add_argument("--repeats", type=whole_number, default=1,
                     help="train the same configuration k times and give the median loop time "
                     "with its spread (1)")
    add_declared_options(run.add_argument_group("target (time to train)"), TargetLoss, True)
    add_output(run, "--json", "write the run record as JSON")
    add_output(run, "--csv", "write iteration,loss as CSV")

    bench = commands.add_parser("bench", help="the engine against the tutorial loop, side by side")
    add_run_options(bench)
    bench.add_argument("--pairs", type=whole_number, default=7,
                       help="alternating engine/reference pairs (7: fewer settle no verdict)")
    bench.add_argument("--matmul-size", type=whole_number, default=0,
                       help="also time one S×S×S matrix product on the device and give the "
                       "engine's rate as a share of it")
    add_output(bench, "--json", "write the measurements as JSON")

    race = commands.add_parser("race", help="one configuration on two or more targets, "
                               "side by side")
    add_run_options(race)
    race.add_argument("--compare", choices=COMPARISONS, default="device",
                      help="device: CPU vs GPU (no GPU: 1 thread vs all threads); dtype: float64 "
                           "vs float32 (and tf32 on a GPU); gpu-path: the tutorial's CuPy port vs "
                           "the fused step vs the CUDA graph (device); code: the NumPy engine vs "
                           "PyTorch: Tensors vs PyTorch: Autograd (the torch extra)")
    race.add_argument("--repeats", type=whole_number, default=7,
                      help="runs per lane at least, alternated A B A B …; more follow until "
                      "the per-pair ratios settle the verdict or --max-seconds are spent (7)")
    race.add_argument("--max-seconds", type=number, default=30.0,
                      help="seconds of racing after which an unsettled verdict is 'no clear "
                      "winner' (30)")
    add_declared_options(race.add_argument_group("target (with --target: the lanes also "
                                                 "compared by their time to it)"),
                         TargetLoss, True)
    add_output(race, "--json", "write both runs as JSON")
    add_output(race, "--csv", "write lane,iteration,seconds,loss")

    # The tools whose own settings are declared (engine.core.settings): one shape for all three.
    for name, about, settings, group, what, rows in (
            ("sweep-size", "seconds per iteration against problem size, per device, with the "
             "CPU/GPU crossover", SizeSweepSettings, "sweep options", "the points",
             "the points"),
            ("sweep-lr", "final loss against learning rate, with the largest stable rate and "
             "the bound 2/λ_max", RateSweepSettings, "sweep options", "the sweep",
             "the points"),
            ("profile", "one iteration of the tutorial taken apart: every statement timed on "
             "its own, on the CPU and the GPU, at the run's sizes and scaled up",
             ProfileSettings, "profile options", "the profile",
             "one row per size, device and statement")):
        tool = commands.add_parser(name, help=about)
        add_run_options(tool)
        add_declared_options(tool.add_argument_group(group), settings, True)
        add_output(tool, "--json", f"write {what} as JSON")
        add_output(tool, "--csv", f"write {rows} as CSV")

    for name, about, suffix in (
            ("export-notebook", "write a Jupyter notebook that reproduces the run on another "
             "machine (Colab's GPU runtime first) and writes its record to --import here",
             ".ipynb"),
            ("export-script", "the same as export-notebook, as one plain Python file", ".py")):
        export = commands.add_parser(name, help=about)
        add_run_options(export)
        export.add_argument("--out", type=Path, default=Path(f"run{suffix}"), metavar="PATH",
                            help=f"where to write it (run{suffix}); refused before any work "
                                 "where it cannot be written")
    window_bench = commands.add_parser(
        "bench-window", help="a run in the window against the same run headless, alternately")
    add_run_options(window_bench)
    window_bench.add_argument("--pairs", type=whole_number, default=3,
                              help="alternating headless/window pairs in one window (3)")
    window_bench.add_argument("--launches", type=whole_number, default=0,
                              help="also: fresh window launches against fresh headless "
                              "processes, alternately, first run each (0)")
    window_bench.add_argument("--keeping", type=whole_number, default=0,
                              help="also: pairs of two-run blocks in one window with the runs "
                              "kept on disk and without, alternately: what keeping costs (0)")
    add_output(window_bench, "--json", "write the measurements as JSON")
    for command in commands.choices.values():
        add_language(command)
    return parser


NEGATIVE_NUMBER = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)



def join_negative_values(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """`--lr -1e-6` as `--lr=-1e-6`: argparse reads '-1e-6' as an option, and says the value
    is missing; joined, the value is parsed and refused as negative, in words."""
    parsers, takes_value = [parser], set()
    while parsers:
        current = parsers.pop()
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            elif action.option_strings and action.nargs is None:
                takes_value.update(action.option_strings)
    joined, index = [], 0
    while index < len(argv):
        token = argv[index]
        if token in takes_value and index + 1 < len(argv) \
                and NEGATIVE_NUMBER.match(argv[index + 1]):
            joined.append(f"{token}={argv[index + 1]}")
            index += 2
        else:
            joined.append(token)
            index += 1
    return joined
