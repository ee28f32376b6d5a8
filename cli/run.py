"""`run` and `bench`: one configuration trained headless, and the engine against the tutorial."""

from __future__ import annotations

import argparse
import json
import threading

from cli.output import (
    interrupt_sets,
    print_load,
    summary_lines,
    write_losses_csv,
    write_outputs,
)
from cli.parser import CliError, make_config, make_settings
from engine.core.language import translate
from engine.core.target import TargetLoss


def command_run(args: argparse.Namespace) -> int:
    from engine.run.train import train_repeated

    config = make_config(args)
    target = make_settings(args, TargetLoss)

    def print_progress(progress) -> None:
        for t, loss in zip(progress.iterations, progress.losses, strict=True):
            if t % 100 == 99:
                print(t, loss, flush=True)

    if args.repeats < 1:
        raise CliError(translate("cli", "--repeats: must be at least 1, got {value}").format(
            value=args.repeats))
    with interrupt_sets(threading.Event()) as stop:
        result = train_repeated(config, args.repeats, on_progress=print_progress, stop=stop)
    print("\n".join(summary_lines(result, target)))
    record = result.to_dict()
    reached = result.time_to_target(target)
    if reached is not None:
        record["time_to_target"] = {**target.to_dict(), **reached.to_dict()}
    write_outputs(args, record)
    if args.csv:
        write_losses_csv(args.csv, result.losses)
    return 0


def command_bench(args: argparse.Namespace) -> int:
    from engine.core.measure import Spread, load_sentence
    from engine.tools.bench import bench, matmul_gflops

    config = make_config(args)
    if args.pairs < 3:
        raise CliError(translate("cli", "--pairs: must be at least 3 (a median needs repeats), got "
                                 "{value}").format(value=args.pairs))
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
    print(translate("cli", "verdict: {verdict}").format(verdict=result.comparison.verdict))
    for note in sorted(set(result.timing_notes)):
        print_load(note)
    print_load(load_sentence(result.load, "pairs"))
    if args.matmul_size > 0:
        peak = matmul_gflops(config.device, config.dtype, args.matmul_size)
        record["matmul_size"] = args.matmul_size
        record["matmul_gflops"] = peak
        record["engine_share_of_matmul"] = record["engine_gflops"] / peak
        print(f"one {args.matmul_size}³ product: {peak:.1f} GFLOP/s; the engine reaches "
              f"{100 * record['engine_share_of_matmul']:.1f} % of it")
    print("device:", json.dumps(result.device_info))
    write_outputs(args, record)
    return 0
