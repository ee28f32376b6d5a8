"""Backprop Lab: with no subcommand, the window; `run` and `bench` work headless."""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import re
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from engine.config import RunConfig
from engine.files import write_json, write_rows_csv
from engine.profile import ProfileSettings
from engine.race import COMPARISONS
from engine.settings import format_default, option_of, settings_of
from engine.sweep import RateSweepSettings, SizeSweepSettings

# A run's options, as RunConfig declares them (engine.settings), in declaration order.
OPTION_OF_FIELD = {name: s.option for name, s in settings_of(RunConfig).items()}


class CliError(Exception):
    """Bad input from the command line: reported in one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own: usage block + message; ours: one line
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number such as 1e-6, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be finite, got {text!r}")
    return value


def _threads(text: str) -> int | str:
    return "auto" if text == "auto" else _whole_number(text)


def _output_path(text: str) -> Path:
    path = Path(text)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder, not a file")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"folder {str(folder)!r} does not exist")
    return path


OUTPUTS = ("json", "csv", "screenshot")


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
            raise CliError(f"{option}: cannot write {str(path)!r}: "
                           f"{exc.strerror or exc}") from None
        if not existed:
            created.append(path)
    return created


def add_output(parser: argparse.ArgumentParser, option: str, help_text: str) -> None:
    """--json / --csv: checked before any work starts; left alone when not given, so that one
    written before the subcommand applies."""
    parser.add_argument(option, type=_output_path, default=argparse.SUPPRESS, help=help_text)


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


PARSERS = {"whole": _whole_number, "number": _number, "threads": _threads, "names": _names}


def add_declared_options(group, cls, defaults: bool) -> None:
    """One option per declared setting of `cls` (engine.settings): its option, kind, choices,
    help and default. With defaults=False an option left out is None (the window's); with
    defaults=True it leaves the namespace alone, so that one written before the subcommand
    applies (`main.py --lr 4e-6 run`); the class fills in the rest."""
    from engine.settings import defaults_of

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
            group.add_argument(declared.option, dest=name, type=PARSERS[declared.kind],
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
    from engine.config import ConfigError

    given = {k: v for k, v in declared_values(args, cls).items() if v is not None}
    try:
        return cls(**given)
    except ConfigError as exc:
        raise CliError(f"{option_of(cls, exc.field)}: {exc.reason}") from None


def make_config(args: argparse.Namespace):
    """The run's settings; more threads than physical cores are refused, as in the window."""
    from engine.threads import oversubscription

    config = make_settings(args, RunConfig)
    refusal = oversubscription(config.threads)
    if refusal:
        raise CliError(f"--threads: {refusal}")
    return config


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="main.py",
        description="Backprop Lab: train the PyTorch tutorial's two-layer network on a CPU "
        "(NumPy) or a GPU (CuPy) and see what it costs. With no command, opens the window.",
    )
    add_run_options(parser, defaults=False)
    window = parser.add_argument_group("window options")
    window.add_argument("--preset", help="start from a preset (Tutorial, Divergence, ...)")
    window.add_argument("--tool", choices=("race", "sweep-size", "sweep-lr", "profile"),
                        help="open a lecture tool's tab (with --autorun, run the tool)")
    window.add_argument("--autorun", action="store_true", help="start the run at once")
    window.add_argument("--presentation", action="store_true",
                        help="open in presentation mode (full screen, large fonts; F11)")
    window.add_argument("--exit-when-done", action="store_true",
                        help="close the window when the run ends")
    window.add_argument("--screenshot", type=_output_path, help="save the window as PNG at the end")
    add_output(window, "--json", "save the run record as JSON")

    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    run = commands.add_parser("run", help="train once, headless, and print what it cost")
    add_run_options(run)
    run.add_argument("--repeats", type=_whole_number, default=1,
                     help="train the same configuration k times and give the median loop time "
                     "with its spread (1)")
    add_output(run, "--json", "write the run record as JSON")
    add_output(run, "--csv", "write iteration,loss as CSV")

    bench = commands.add_parser("bench", help="the engine against the tutorial loop, side by side")
    add_run_options(bench)
    bench.add_argument("--pairs", type=_whole_number, default=7,
                       help="alternating engine/reference pairs (7: fewer settle no verdict)")
    bench.add_argument("--matmul-size", type=_whole_number, default=0,
                       help="also time one S×S×S matrix product on the device and give the "
                       "engine's rate as a share of it")
    add_output(bench, "--json", "write the measurements as JSON")

    race = commands.add_parser("race", help="one configuration on two or more targets, "
                               "side by side")
    add_run_options(race)
    race.add_argument("--compare", choices=COMPARISONS, default="device",
                      help="device: CPU vs GPU (no GPU: 1 thread vs all threads); "
                      "dtype: float64 vs float32 (and tf32 on a GPU); gpu-path: the "
                      "tutorial's CuPy port vs the fused step vs the CUDA graph (device)")
    race.add_argument("--repeats", type=_whole_number, default=7,
                      help="runs per lane at least, alternated A B A B …; more follow until "
                      "the per-pair ratios settle the verdict or --max-seconds are spent (7)")
    race.add_argument("--max-seconds", type=_number, default=30.0,
                      help="seconds of racing after which an unsettled verdict is 'no clear "
                      "winner' (30)")
    add_output(race, "--json", "write both runs as JSON")
    add_output(race, "--csv", "write lane,iteration,seconds,loss")

    sizes = commands.add_parser("sweep-size", help="seconds per iteration against problem size, "
                                "per device, with the CPU/GPU crossover")
    add_run_options(sizes)
    add_declared_options(sizes.add_argument_group("sweep options"), SizeSweepSettings, True)
    add_output(sizes, "--json", "write the points as JSON")
    add_output(sizes, "--csv", "write the points as CSV")

    rates = commands.add_parser("sweep-lr", help="final loss against learning rate, with the "
                                "largest stable rate and the bound 2/λ_max")
    add_run_options(rates)
    add_declared_options(rates.add_argument_group("sweep options"), RateSweepSettings, True)
    add_output(rates, "--json", "write the sweep as JSON")
    add_output(rates, "--csv", "write the points as CSV")

    profile = commands.add_parser(
        "profile", help="one iteration of the tutorial taken apart: every statement timed on "
        "its own, on the CPU and the GPU, at the run's sizes and scaled up")
    add_run_options(profile)
    add_declared_options(profile.add_argument_group("profile options"), ProfileSettings, True)
    add_output(profile, "--json", "write the profile as JSON")
    add_output(profile, "--csv", "write one row per size, device and statement")

    window_bench = commands.add_parser(
        "bench-window", help="a run in the window against the same run headless, alternately")
    add_run_options(window_bench)
    window_bench.add_argument("--pairs", type=_whole_number, default=3,
                              help="alternating headless/window pairs in one window (3)")
    window_bench.add_argument("--launches", type=_whole_number, default=0,
                              help="also: fresh window launches against fresh headless "
                              "processes, alternately, first run each (0)")
    add_output(window_bench, "--json", "write the measurements as JSON")
    return parser


def write_losses_csv(path: Path, losses) -> None:
    write_rows_csv(path, ["iteration", "loss"],
                   ((t, repr(float(loss))) for t, loss in enumerate(losses)))


def summary_lines(result) -> list[str]:
    """What a finished run prints: its status, then its cost (the tutorial's closing line)."""
    from engine.devices import describe_gpu_path, describe_threads
    from engine.explain import explain_run
    from engine.measure import Spread
    from engine.result import Outcome, Status

    lines = []
    if result.status == Status.DIVERGED:
        lines.append(f"status: diverged at iteration {result.diverged_at} (the loss became "
                     "non-finite); lower the learning rate")
    else:
        lines.append(f"status: {result.status} after {result.iterations_completed} iterations")
    lead = "Completed in" if result.status == Status.COMPLETED else "Ran for"
    lines.append(f"{lead} {result.loop_seconds:.3f} seconds"
                 f" (setup {result.setup_seconds:.3f} s: draw, copy to device, warm-up)")
    if len(result.repeat_seconds) > 1:
        spread = Spread.of(result.repeat_seconds)
        lines.append(f"over {len(spread.samples)} repeats: median {spread.format()}")
    if result.timing_note:
        lines.append(f"note: {result.timing_note}")
    threads = describe_threads(result.device_info)
    if threads:
        lines.append(threads)
    path = describe_gpu_path(result.device_info)
    if path:
        lines.append(path)
    lines.append(f"iterations per second: {result.iterations_per_second:,.0f}")
    lines.append(f"GFLOP/s: {result.gflops:.1f}")
    if result.outcome == Outcome.DIVERGED:
        lines.append(f"outcome: diverged (the last finite loss, at iteration "
                     f"{result.diverged_at - 1}, was {result.final_loss:.4g})")
    elif result.outcome is not None:
        lines.append(f"outcome: {result.outcome} (final loss {result.final_loss:.4g}, initial "
                     f"{result.losses[0]:.4g})")
    explanation = explain_run(result.to_dict())
    if explanation:
        lines.append(explanation)
    return lines


@contextlib.contextmanager
def interrupt_sets(stop: threading.Event):
    """Ctrl+C sets `stop` (the run ends as stopped, with its record) while inside; the
    previous handler is restored on the way out."""
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def command_run(args: argparse.Namespace) -> int:
    from engine.train import train_repeated

    config = make_config(args)

    def print_progress(progress) -> None:
        for t, loss in zip(progress.iterations, progress.losses, strict=True):
            if t % 100 == 99:
                print(t, loss, flush=True)

    if args.repeats < 1:
        raise CliError(f"--repeats: must be at least 1, got {args.repeats}")
    with interrupt_sets(threading.Event()) as stop:
        result = train_repeated(config, args.repeats, on_progress=print_progress, stop=stop)
    print("\n".join(summary_lines(result)))
    if args.json:
        write_json(args.json, result.to_dict())
    if args.csv:
        write_losses_csv(args.csv, result.losses)
    return 0


def command_bench(args: argparse.Namespace) -> int:
    from engine.bench import bench, matmul_gflops
    from engine.measure import BUSY_CORES, Spread

    config = make_config(args)
    if args.pairs < 3:
        raise CliError(f"--pairs: must be at least 3 (a median needs repeats), got {args.pairs}")
    baseline = "straight CuPy port" if config.device == "gpu" else "tutorial loop (NumPy)"
    print(f"bench: N={config.n} D_in={config.d_in} H={config.hidden} D_out={config.d_out}, "
          f"{config.dtype} on {config.device}, {config.iterations} iterations, "
          f"{args.pairs} pairs; baseline: {baseline}", flush=True)
    result = bench(config, pairs=args.pairs)
    record = result.to_dict()
    engine, reference = (Spread.of(result.engine_seconds), Spread.of(result.reference_seconds))
    print(f"engine     loop {engine.format()}  ({record['engine_gflops']:.1f} GFLOP/s over "
          f"{result.engine_iterations} iterations, status {result.engine_status})")
    print(f"reference  loop {reference.format()}")
    if record["median_ratio"] is None:
        print(f"no ratio: {result.comparison.reason}")
    else:
        print(f"median ratio engine/reference: {record['median_ratio']:.3f}  (per pair: "
              + ", ".join(f"{r:.3f}" for r in result.ratios) + ")")
    for path, row in record["gpu_paths"].items():
        ratio = row["median_ratio_to_reference"]
        ran = row["ran"] if row["ran"] == path else f"{row['ran']}: {row['note']}"
        print(f"GPU path {path:<6} loop {Spread.of(result.path_seconds[path]).format()}  "
              + (f"{1 / ratio:.1f}× the reference" if ratio else "no ratio (unequal work)")
              + (f"  [ran {ran}]" if row["ran"] != path else ""))
    print(f"verdict: {result.comparison.verdict}")
    for note in sorted(set(result.timing_notes)):
        print(f"note: {note}")
    if result.load > BUSY_CORES:
        print(f"load: other programs used {result.load:.1f} cores during the pairs: these "
              "times are not the quiet machine's")
    if args.matmul_size > 0:
        peak = matmul_gflops(config.device, config.dtype, args.matmul_size)
        record["matmul_size"] = args.matmul_size
        record["matmul_gflops"] = peak
        record["engine_share_of_matmul"] = record["engine_gflops"] / peak
        print(f"one {args.matmul_size}³ product: {peak:.1f} GFLOP/s; the engine reaches "
              f"{100 * record['engine_share_of_matmul']:.1f} % of it")
    print("device:", json.dumps(result.device_info))
    if args.json:
        write_json(args.json, record)
    return 0


def command_bench_window(args: argparse.Namespace) -> int:
    config = make_config(args)
    if args.pairs < 1:
        raise CliError(f"--pairs: must be at least 1, got {args.pairs}")
    if args.launches < 0:
        raise CliError(f"--launches: must be zero or more, got {args.launches}")
    refuse_without_window()
    from gui.bench_window import bench_fresh_launches, bench_window

    record = bench_window(config, args.pairs)
    print_window_ratios("in one window", record)
    if args.launches:
        options = command_line_options(config)
        record["fresh_launches"] = bench_fresh_launches(config, options, args.launches)
        print_window_ratios("first run after launch", record["fresh_launches"])
    if args.json:
        write_json(args.json, record)
    return 0


def command_line_options(config) -> list[str]:
    """The options that give `config` on this command line (a flag only when it is on)."""
    options = []
    for name, option in OPTION_OF_FIELD.items():
        value = getattr(config, name)
        if isinstance(value, bool):
            options += [option] if value else []
        else:
            options += [option, str(value)]
    return options


def print_window_ratios(title: str, record: dict) -> None:
    print(f"{title}: " + ", ".join(record["statuses"]))
    print("  headless loop: " + ", ".join(f"{s:.4f}" for s in record["headless_seconds"]) + " s")
    print("  window loop:   " + ", ".join(f"{s:.4f}" for s in record["window_seconds"]) + " s")
    print(f"  median ratio window/headless: {record['median_ratio']:.3f}  (per pair: "
          + ", ".join(f"{r:.3f}" for r in record["ratios"]) + "); ratio of the medians: "
          f"{record['ratio_of_medians']:.3f}")


def race_targets(compare: str, config, threads, device, gpu_path=None):
    """The lanes, with the options given applied or refused, never silently dropped: with
    --compare dtype all lanes use --device and --threads; with --compare device and no GPU,
    --threads K makes the second lane K threads (against 1); --device gpu needs a GPU;
    --compare gpu-path races the three GPU paths, which --gpu-path and --threads cannot set."""
    from engine.config import ConfigError
    from engine.devices import probe_gpu
    from engine.race import Target, default_targets
    from engine.train import check_device

    if device == "gpu":
        check_device(config)  # refused in words where no GPU can be used
    if compare == "gpu-path":
        for option, given in (("--device", device not in (None, "gpu")),
                              ("--threads", threads not in (None, "auto")),
                              ("--gpu-path", gpu_path is not None)):
            if given:
                raise CliError(f"{option}: race --compare gpu-path runs the three GPU paths "
                               "on the GPU; leave it out")
    try:
        targets = default_targets(compare)
    except ConfigError as exc:
        raise CliError(f"--compare {compare}: {exc.reason}") from None
    if compare == "gpu-path":
        return targets
    if compare == "dtype":
        return tuple(Target(t.label if device is None and threads is None else
                            f"{config.device.upper()} {t.dtype}"
                            + (f", {threads} thread{'s' if threads != 1 else ''}"
                               if threads not in (None, "auto") else ""),
                            config.device if device is not None else t.device, t.dtype,
                            threads if threads is not None else t.threads) for t in targets
                     if not (t.dtype == "tf32" and device == "cpu"))  # tf32 needs a GPU
    if device is not None:
        raise CliError("--device: race --compare device runs both CPU and GPU (or, without "
                       "a GPU, two CPU thread counts); leave --device out, or use "
                       "--compare dtype")
    if threads not in (None, "auto"):
        if probe_gpu().available:
            return (Target(f"CPU, {threads} threads", threads=threads), targets[1])
        if threads == 1:
            raise CliError("--threads: 1 is the first lane's count already; give the second "
                           "lane's, for example --threads 2")
        return (targets[0], Target(f"CPU, {threads} threads", threads=threads))
    return targets


def command_race(args: argparse.Namespace) -> int:
    from engine.measure import BUSY_CORES
    from engine.race import race

    config = make_config(args)
    if args.repeats < 1:
        raise CliError(f"--repeats: must be at least 1, got {args.repeats}")
    if args.max_seconds <= 0:
        raise CliError(f"--max-seconds: must be above 0, got {args.max_seconds:g}")
    targets = race_targets(args.compare, config, args.threads, args.device,
                           args.gpu_path)
    print(f"race: {' vs '.join(t.label for t in targets)}, N={config.n} D_in={config.d_in} "
          f"H={config.hidden} D_out={config.d_out}, {config.iterations} iterations, "
          f"at least {args.repeats} rounds, alternated, until the verdict is settled or "
          f"{args.max_seconds:g} s are spent", flush=True)
    from engine.config import ConfigError
    from engine.race import check_targets

    try:
        check_targets(config, targets)
    except ConfigError as exc:
        raise CliError(f"--compare {args.compare}: {exc.reason}") from None
    with interrupt_sets(threading.Event()) as stop:
        result = race(config, targets, repeats=args.repeats, budget_seconds=args.max_seconds,
                      stop=stop)
    if result.stopped:
        print("status: stopped (Ctrl+C); what was measured so far follows")
    width = max((len(lane.label) for lane in result.lanes), default=6) + 2
    print(f"{'target':<{width}}{'status':<12}{'setup s':>9}  {'loop s: median (low–high)':<28}"
          f"{'final loss':>12}")
    for lane in result.lanes:
        r = lane.result
        final = f"{r.final_loss:.4g}" if r.final_loss is not None else "-"
        print(f"{lane.label:<{width}}{r.status:<12}{r.setup_seconds:>9.3f}  "
              f"{lane.timing.format(''):<28}{final:>12}")
    for comparison in result.comparisons or [result.comparison]:
        print(f"verdict: {comparison.verdict}")
    for lane in result.lanes:
        choice = lane.result.device_info.get("threads_choice")
        if choice:
            print(f"threads ({lane.label}): {choice['sentence']}")
    if result.load > BUSY_CORES:
        print(f"load: other programs used {result.load:.1f} cores during the race: its times "
              "are not the quiet machine's")
    print(f"largest relative difference between the loss curves: "
          f"{result.largest_relative_difference:.3g}")
    if args.json:
        write_json(args.json, result.to_dict())
    if args.csv:
        write_rows_csv(args.csv, *result.table())
    return 0


def command_sweep_size(args: argparse.Namespace) -> int:
    from engine.sweep import PointStatus, sweep_sizes

    config = make_config(args)
    settings = make_settings(args, SizeSweepSettings)
    print(f"{'step':>4} {'device':<6}{'N':>7}{'D_in':>8}{'H':>7}{'D_out':>7}{'MFLOP/it':>12}"
          f"  {'ms/it: median (low–high)':<28}{'GFLOP/s':>9}  note", flush=True)

    def show(p) -> None:
        c = p.config
        if p.status == PointStatus.MEASURED:
            ms = (f"{1000 * p.seconds_per_iteration:.4g} ({1000 * p.low:.4g}–"
                  f"{1000 * p.high:.4g})")
            figures = f"  {ms:<28}{p.gflops:>9.1f}  {p.repeats} repeats, {p.iterations} it"
        else:
            figures = f"  {'-':<28}{'-':>9}  skipped: {p.reason}"
        sizes = (f"{c.n:>7}{c.d_in:>8}{c.hidden:>7}{c.d_out:>7}"
                 f"{c.flops_per_iteration / 1e6:>12.4g}" if p.sizes_shown
                 else f"{'-':>7}{'-':>8}{'-':>7}{'-':>7}{'-':>12}")
        print(f"{p.step:>4} {p.device:<6}{sizes}{figures}", flush=True)

    with interrupt_sets(threading.Event()) as stop:
        result = sweep_sizes(config, settings, on_point=show, stop=stop)
    if stop.is_set():
        result.stopped = True
        print("status: stopped (Ctrl+C); the points measured so far follow")
    if result.load_note():
        print(f"load: {result.load_note()}")
    crossover, best = result.crossover, result.largest_speedup
    if result.speedups():
        print("crossover: the GPU is faster from "
              + (f"{crossover.config.flops_per_iteration / 1e6:.1f} MFLOP per iteration"
                 if crossover else "no size in this sweep"))
        print(f"largest speedup: {best[1].format('×')} at "
              f"{best[0].config.flops_per_iteration / 1e6:.1f} MFLOP per iteration (the ratio "
              "of the medians; the range: the fastest and slowest repeats)")
    if args.json:
        write_json(args.json, result.to_dict())
    if args.csv:
        write_rows_csv(args.csv, *result.table())
    return 0


def command_sweep_lr(args: argparse.Namespace) -> int:
    from engine.explain import explain_sweep
    from engine.sweep import sweep_learning_rates

    config = make_config(args)
    settings = make_settings(args, RateSweepSettings)
    print(f"{'learning rate':>14}  {'outcome':<10}{'final loss':>14}{'diverged at':>13}",
          flush=True)

    def show(p) -> None:
        final = f"{p.final_loss:.4g}" if p.final_loss is not None else "-"
        diverged = str(p.diverged_at) if p.diverged_at is not None else "-"
        print(f"{p.learning_rate:>14.4g}  {p.outcome or '-':<10}{final:>14}{diverged:>13}"
              + ("  (bisection)" if p.refined else ""), flush=True)

    with interrupt_sets(threading.Event()) as stop:
        result = sweep_learning_rates(config, settings, on_point=show, stop=stop)
    if stop.is_set():
        result.stopped = True
        print("status: stopped (Ctrl+C); the rates measured so far follow")
    stable = result.largest_stable_lr
    print(f"largest converged learning rate: {stable:.4g}" if stable else
          "no learning rate in the range converged")
    print(f"λ_max = {result.lambda_max:.4g}; predicted bound 2/λ_max = "
          f"{result.predicted_bound:.4g}"
          + (f"; the largest converged rate is {stable / result.predicted_bound:.3g}× it"
             if stable else ""))
    print(explain_sweep(result))
    if args.json:
        write_json(args.json, result.to_dict())
    if args.csv:
        write_rows_csv(args.csv, *result.table())
    return 0


def command_profile(args: argparse.Namespace) -> int:
    from engine.config import ConfigError
    from engine.measure import BUSY_CORES
    from engine.profile import profile

    config = make_config(args)
    settings = make_settings(args, ProfileSettings)

    def show(column) -> None:
        c = column.config
        print(f"\nN={c.n} D_in={c.d_in} H={c.hidden} D_out={c.d_out} ({column.scale:g}×), "
              f"{c.dtype}", flush=True)
        print(f"{'statement':<38}{'device':<7}{'MFLOP':>9}{'µs: median (low–high)':>28}"
              f"{'GFLOP/s':>9}{'GB/s':>8}{'issue µs':>10}")
        for device, device_profile in column.devices.items():
            for line in device_profile.lines:
                s = line.seconds
                timing = f"{1e6 * s.median:.4g} ({1e6 * s.low:.4g}–{1e6 * s.high:.4g})"
                issue = (f"{1e6 * line.host_seconds.median:.3g}" if line.host_seconds
                         else "-")
                print(f"{line.code:<38}{device:<7}{line.flops / 1e6:>9.3g}{timing:>28}"
                      f"{line.gflops:>9.1f}{line.gbytes_per_second:>8.1f}{issue:>10}")
            print(f"  {device}: lines add up to {1e6 * device_profile.lines_sum:.4g} µs; the "
                  f"tutorial's iteration {device_profile.iteration.format(' s')}; Python "
                  f"between the lines {1e6 * device_profile.between_lines:.4g} µs; the "
                  f"engine's iteration {device_profile.engine_iteration.format(' s')}"
                  + (f"; launch floor {1e6 * device_profile.launch_floor.median:.3g} µs"
                     if device_profile.launch_floor else "")
                  + (f"; {device_profile.threads} BLAS thread(s)" if device_profile.threads
                     else ""), flush=True)

    try:
        with interrupt_sets(threading.Event()) as stop:
            result = profile(config, settings, stop=stop, on_column=show)
    except ConfigError as exc:
        raise CliError(f"{OPTION_OF_FIELD.get(exc.field, '--' + exc.field.replace('_', '-'))}: "
                       f"{exc.reason}") from None
    record = result.to_dict()
    print()
    if result.stopped:
        print("status: stopped (Ctrl+C); what was measured so far follows")
    if result.gpu_reason:
        print(f"no GPU column: {result.gpu_reason}")
    if record["note"]:
        print(f"note: {record['note']}")
    if result.load > BUSY_CORES:
        print(f"load: other programs used {result.load:.1f} cores during the profile: these "
              "times are not the quiet machine's")
    print(record["explanation"])
    if args.json:
        write_json(args.json, record)
    if args.csv:
        write_rows_csv(args.csv, *result.table())
    return 0


def refuse_without_window() -> None:
    """One line naming the fix, instead of Qt's abort (exit 134), before Qt loads."""
    from gui.display import window_problem

    problem = window_problem()
    if problem:
        raise CliError(problem)


def command_window(args: argparse.Namespace) -> int:
    """The window. Bad values given on the command line are refused before it opens, naming
    the option as the subcommands do; a scripted run's --json then holds the refusal."""
    from engine.config import field_errors

    given = {name: value for name, value in config_values(args).items() if value is not None}
    errors = field_errors({**RunConfig().to_dict(), **given})
    from engine.threads import oversubscription

    if "threads" in given and oversubscription(given["threads"]):
        errors["threads"] = oversubscription(given["threads"])
    if errors:
        message = "; ".join(f"{OPTION_OF_FIELD.get(field, field)}: {reason}"
                            for field, reason in errors.items())
        if args.json:
            write_json(args.json, {"status": "refused", "message": message,
                                   "given": {OPTION_OF_FIELD[k]: v for k, v in given.items()}})
        raise CliError(message)
    refuse_without_window()
    from gui.app import run_app

    return run_app(args, given)


COMMANDS = {
    "run": command_run, "bench": command_bench, "bench-window": command_bench_window,
    "race": command_race, "sweep-size": command_sweep_size, "sweep-lr": command_sweep_lr,
    "profile": command_profile,
}


NEGATIVE_NUMBER = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)
WINDOW_ONLY = ("preset", "tool", "autorun", "exit_when_done", "screenshot", "presentation")


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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(join_negative_values(argv, parser))
    for name in ("json", "csv"):  # a subcommand's, when given before it, stay given
        if not hasattr(args, name):
            setattr(args, name, None)
    from engine import ConfigError, InsufficientMemoryError

    if args.command is not None:
        given = [name for name in WINDOW_ONLY if getattr(args, name, None) not in (None, False)]
        if given:
            option = "--" + given[0].replace("_", "-")
            print(f"{parser.prog}: error: {option} is a window option; it does nothing for "
                  f"'{args.command}' (see {parser.prog} --help)", file=sys.stderr)
            return 2

    created: list[Path] = []
    status = 1
    try:
        created = claim_outputs(args)
        status = COMMANDS.get(args.command, command_window)(args)
        return status
    except CliError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        status = 2
        return 2
    except ConfigError as exc:
        option = OPTION_OF_FIELD.get(exc.field, exc.field)
        print(f"{parser.prog}: error: {option}: {exc.reason}", file=sys.stderr)
        status = 2
        return 2
    except (InsufficientMemoryError, MemoryError) as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        status = 2
        return 2
    except OSError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 1
    finally:
        if status != 0:  # nothing was written: the files claimed for it go again
            for path in created:
                if path.exists() and path.stat().st_size == 0:
                    path.unlink()


if __name__ == "__main__":
    sys.exit(main())
