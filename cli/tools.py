"""The lecture tools headless: `race`, `sweep-size`, `sweep-lr` and `profile`. Ctrl+C stops
each cleanly; what was measured is printed and written, marked stopped."""

from __future__ import annotations

import argparse
import threading

from cli.output import interrupt_sets, note_line, print_load, write_outputs
from cli.parser import CliError, make_config, make_settings, option_name
from engine.core.config import ConfigError
from engine.core.language import translate
from engine.core.measure import difference_duration, duration, load_sentence
from engine.core.result import LEARNED_SHARE_WORDS
from engine.core.target import TargetLoss
from engine.machine.threads import ThreadChoice
from engine.tools.profile import ProfileSettings
from engine.tools.rate_sweep import RateSweepSettings
from engine.tools.size_sweep import SizeSweepSettings


def command_race(args: argparse.Namespace) -> int:
    from engine.tools.race import check_targets, race, race_lanes

    config = make_config(args)
    # with --target (or --target-absolute), the lanes are also compared by their time to it
    target = (make_settings(args, TargetLoss)
              if {"target", "absolute"} & set(vars(args)) else None)
    if args.repeats < 1:
        raise CliError(translate("cli", "--repeats: must be at least 1, got {value}").format(
            value=args.repeats))
    if args.max_seconds <= 0:
        raise CliError(translate("cli", "--max-seconds: must be above 0, got {value:g}").format(
            value=args.max_seconds))
    try:
        targets = race_lanes(args.compare, config, args.threads, args.device, args.gpu_path)
        check_targets(config, targets)
    except ConfigError as exc:
        name = f"--compare {args.compare}" if exc.field == "compare" else option_name(exc.field)
        raise CliError(f"{name}: {exc.reason}") from None
    print(translate("cli", "race: {lanes}, N={n} D_in={d_in} H={hidden} D_out={d_out}, "
                           "{iterations} iterations, at least {repeats} rounds, alternated, until "
                           "the verdict is settled or {seconds:g} s are spent").format(
        lanes=" vs ".join(t.label for t in targets), n=config.n, d_in=config.d_in,
        hidden=config.hidden, d_out=config.d_out, iterations=config.iterations,
        repeats=args.repeats, seconds=args.max_seconds), flush=True)
    with interrupt_sets(threading.Event()) as stop:
        result = race(config, targets, repeats=args.repeats, budget_seconds=args.max_seconds,
                      stop=stop, target=target)
    if result.stopped:
        print(translate("cli", "status: stopped (Ctrl+C); what was measured so far follows"))
    width = max((len(lane.label) for lane in result.lanes), default=6) + 2
    print(f"{'target':<{width}}{'status':<12}{'setup s':>9}  {'loop s: median (low–high)':<28}"
          f"{'final loss':>12}")
    for lane in result.lanes:
        r = lane.result
        final = f"{r.final_loss:.4g}" if r.final_loss is not None else "-"
        print(f"{lane.label:<{width}}{r.status:<12}{r.setup_seconds:>9.3f}  "
              f"{lane.timing.format(''):<28}{final:>12}")
    for verdict in result.verdicts:
        print(translate("cli", "verdict: {verdict}").format(verdict=verdict))
    target_verdict = result.target_verdict()
    if target_verdict:
        print(translate("cli", "time to target: {verdict}").format(verdict=target_verdict))
    for note in result.notes:
        print(note_line(note))
    for lane in result.lanes:
        choice = lane.result.device_info.get("threads_choice")
        if choice:
            print(translate("cli", "threads ({lane}): {sentence}").format(
                lane=lane.label, sentence=ThreadChoice.from_dict(choice).sentence()))
    print_load(load_sentence(result.load, "race"))
    print(translate("cli", "largest relative difference between the loss curves: "
                           "{difference:.3g}").format(
        difference=result.largest_relative_difference))
    write_outputs(args, result.to_dict(), result.table())
    return 0


def command_sweep_size(args: argparse.Namespace) -> int:
    from engine.tools.size_sweep import PointStatus, sweep_sizes

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
        print(translate("cli", "status: stopped (Ctrl+C); the points measured so far follow"))
    print_load(result.load_note())
    crossover, best = result.crossover, result.largest_speedup
    if result.speedups():
        print(translate("cli", "crossover: the GPU is faster from {mflop:.1f} MFLOP per "
                        "iteration").format(mflop=crossover.config.flops_per_iteration / 1e6)
              if crossover else translate("cli", "crossover: the GPU is faster from no size in "
                                                 "this sweep"))
        print(translate("cli", "largest speedup: {speedup} at {mflop:.1f} MFLOP per iteration (the "
                        "ratio of the medians; the range: the fastest and slowest "
                        "repeats)").format(speedup=best[1].format("×"),
                                           mflop=best[0].config.flops_per_iteration / 1e6))
    write_outputs(args, result.to_dict(), result.table())
    return 0


def command_sweep_lr(args: argparse.Namespace) -> int:
    from engine.tools.rate_sweep import sweep_learning_rates
    from engine.words.explain import record_of

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
        print(translate("cli", "status: stopped (Ctrl+C); the rates measured so far follow"))
    stable, best, learned = result.largest_stable_lr, result.best(), result.largest_learned()
    if best is not None:
        print(translate("cli", "lowest final loss: {loss:.4g} at learning rate {lr:.4g}").format(
            loss=best.final_loss, lr=best.learning_rate))
    print(translate("cli", "largest learning rate that learned (final loss below {share} of the "
                    "initial): {lr:.4g}").format(share=translate("outcome", LEARNED_SHARE_WORDS),
                                                 lr=learned.learning_rate)
          if learned else translate("cli", "no learning rate in the range learned"))
    print(translate("cli", "largest learning rate whose loss fell at all: "
                           "{lr:.4g}").format(lr=stable)
          if stable else translate("cli", "no learning rate in the range lowered the loss"))
    print(translate("cli", "λ_max = {lambda_max:.4g} at the initial weights; predicted bound "
                           "2/λ_max = {bound:.4g}").format(lambda_max=result.lambda_max,
                                          bound=result.predicted_bound)
          + (translate("cli", "; the largest rate whose loss fell is {ratio:.3g}× it").format(
              ratio=stable / result.predicted_bound) if stable else ""))
    record = record_of(result)
    print(record["explanation"])
    write_outputs(args, record, result.table())
    return 0


def command_profile(args: argparse.Namespace) -> int:
    from engine.tools.profile import profile
    from engine.words.explain import record_of

    config = make_config(args)
    settings = make_settings(args, ProfileSettings)

    def show(column) -> None:
        c = column.config
        print(f"\nN={c.n} D_in={c.d_in} H={c.hidden} D_out={c.d_out} ({column.scale:g}×), "
              f"{c.dtype}", flush=True)
        print(f"{'statement':<38}{'device':<7}{'MFLOP':>9}{'median (low–high)':>32}"
              f"{'GFLOP/s':>9}{'GB/s':>8}{'issue':>10}")
        for device, device_profile in column.devices.items():
            for line in device_profile.lines:
                s = line.seconds
                timing = f"{duration(s.median)} ({duration(s.low)}–{duration(s.high)})"
                issue = duration(line.host_seconds.median) if line.host_seconds else "-"
                print(f"{line.code:<38}{device:<7}{line.flops / 1e6:>9.3g}{timing:>32}"
                      f"{line.gflops:>9.1f}{line.gbytes_per_second:>8.1f}{issue:>10}")
            print(f"  {device}: lines add up to {duration(device_profile.lines_sum)}; the "
                  f"tutorial's iteration {device_profile.iteration.format(' s')}; Python "
                  f"between the lines {difference_duration(device_profile.between_lines)}; the "
                  f"engine's iteration {device_profile.engine_iteration.format(' s')}"
                  + (f"; launch floor {duration(device_profile.launch_floor.median)}"
                     if device_profile.launch_floor else "")
                  + (f"; {device_profile.threads} BLAS thread(s)" if device_profile.threads
                     else ""), flush=True)

    try:
        with interrupt_sets(threading.Event()) as stop:
            result = profile(config, settings, stop=stop, on_column=show)
    except ConfigError as exc:
        raise CliError(f"{option_name(exc.field)}: {exc.reason}") from None
    record = record_of(result)
    print()
    if result.stopped:
        print(translate("cli", "status: stopped (Ctrl+C); what was measured so far follows"))
    if result.gpu_reason:
        print(translate("cli", "no GPU column: {reason}").format(reason=result.gpu_reason))
    if record["note"]:
        print(note_line(record["note"]))
    print_load(load_sentence(result.load, "profile"))
    print(record["explanation"])
    write_outputs(args, record, result.table())
    return 0
