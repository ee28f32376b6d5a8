"""Explanations written from a run's or a sweep's own numbers: every clause reports a measured
quantity, and a clause whose measurement is missing or points the other way is left out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.config import Layers
from engine.result import FLAT_CHANGE, FLAT_SHARE, LEARNED_SHARE, Outcome, RunResult, Status

SIZE_LABELS = {"n": "N", "d_in": "D_in", "hidden": "H"}


def _block(layers: Layers) -> str:
    return "" if layers.both else f" of {layers.block}"


def explain_run(result: RunResult | dict[str, Any]) -> str:
    """What the run's diagnostics show, in one paragraph ("" without diagnostics). A record
    read from a file (a dict, as RunResult.to_dict writes it) is read as a RunResult."""
    if isinstance(result, dict):
        result = RunResult.from_dict(result)
    diagnostics = result.diagnostics
    losses = np.asarray(result.losses, dtype=np.float64)
    if not diagnostics or not diagnostics.get("sharpness") or not len(losses):
        return ""
    diverged = result.status == Status.DIVERGED
    lr, hidden = result.config.learning_rate, result.config.hidden
    layers = result.config.layers
    measured = np.isfinite(np.asarray(diagnostics["sharpness"], dtype=np.float64))
    times = np.asarray(diagnostics["sharpness_iterations"])[measured]
    ratios = lr * np.asarray(diagnostics["sharpness"], dtype=np.float64)[measured]
    if not len(ratios):
        return ""
    clauses = []
    if ratios[0] > 2:
        opening = (f"lr·λ_max{_block(layers)} started at {ratios[0]:.3g} > 2, so the first steps "
                   "overshoot along the sharpest direction")
        above = np.flatnonzero(ratios <= 2)
        horizon = int(times[above[0]]) + 1 if above.size else len(losses)
        peak = int(np.argmax(losses[:horizon]))
        if losses[peak] > losses[0]:
            opening += f": the loss rose {losses[peak] / losses[0]:.3g}× in {peak} iterations"
        clauses.append(opening)
        settled = [i for i in range(len(ratios)) if (ratios[i:] < 2).all()]
        if settled and not diverged:
            i = settled[0]
            lowest = i + int(np.argmin(ratios[i:]))
            clause = (f"sharpness fell {ratios[0] / ratios[i]:.2g}× to lr·λ_max = "
                      f"{ratios[i]:.3g} by t = {int(times[i])} and stayed below 2, so "
                      "training settled")
            if ratios[lowest] < 0.8 * ratios[i]:
                clause += f" (lr·λ_max {ratios[lowest]:.3g} at t = {int(times[lowest])})"
            clauses.append(clause)
        elif not diverged:
            clauses.append(f"lr·λ_max was still {ratios[-1]:.3g} at t = {int(times[-1])}")
        if diverged and len(ratios) > 1 and ratios[-1] > ratios[0]:
            # The contrast with the catapult: the sharpness grew instead of falling below 2.
            lead = ("sharpness never fell below 2 and grew" if min(ratios) >= 2
                    else "sharpness grew")
            clauses.append(f"{lead}: lr·λ_max {_steps(list(ratios))} by t = {int(times[-1])}")
    else:
        clauses.append(f"lr·λ_max{_block(layers)} started at {ratios[0]:.3g}, below 2: every "
                       "step is stable along the sharpest direction")
        if layers.frozen == "w1" and np.ptp(ratios) <= 1e-6 * ratios[0]:
            clauses.append("with w1 frozen the loss is a quadratic in w2 and its curvature "
                           "never changed, so lr < 2/λ_max is the exact limit")
    if diverged:
        clauses.append(f"the loss became non-finite at iteration {result.diverged_at}")
    dead = diagnostics.get("dead_units") or []
    if dead:
        first, last = int(dead[0]), int(dead[-1])
        if last > first:
            clause = (f"{last} of {hidden} hidden units died (h ≤ 0 for every sample, so no "
                      "gradient reaches their weights)")
            if first:
                clause += f", {first} of them from the start"
            clauses.append(clause)
        elif last:
            clauses.append(f"{last} of {hidden} hidden units were dead from the start")
    if not diverged and len(losses) >= 10:
        earlier = losses[int((1 - FLAT_SHARE) * (len(losses) - 1))]
        change = (earlier - losses[-1]) / earlier
        if abs(change) < FLAT_CHANGE:
            clauses.append(f"the loss stalls near {losses[-1]:.3g}")
        elif change > 0:
            clauses.append(f"the loss kept falling, to {losses[-1]:.3g}")
    text = "; ".join(clauses)
    return (text if text.startswith("lr") else text[0].upper() + text[1:]) + "."


def explain_sweep(sweep) -> str:
    """What a learning-rate sweep measured, in a few sentences."""
    config, sentences = sweep.config, []
    if sweep.stopped:
        sentences.append(f"Stopped after {len(sweep.points)} rates: what follows covers only "
                         "those.")
    block = config.layers.block
    if sweep.predicted_bound:
        sentences.append(f"The bound 2/λ_max = {sweep.predicted_bound:.3g}, with λ_max = "
                         f"{sweep.lambda_max:.3g} the largest eigenvalue of the Hessian of "
                         f"{block} at the initial weights.")
    stable, bound = sweep.largest_stable_lr, sweep.predicted_bound
    best, learned = sweep.best(), sweep.largest_learned()
    if best is not None and best.outcome and best.outcome.fell:
        sentence = (f"The lowest final loss, {best.final_loss:.3g}, came at "
                    f"{best.learning_rate:.3g}")
        if learned is not None:
            sentence += (f"; the largest rate that learned (its loss fell below "
                         f"{LEARNED_SHARE:g} of the initial) is {learned.learning_rate:.3g}")
        sentences.append(sentence + ".")
    if stable and bound:
        ratio = stable / bound
        if config.layers.frozen == "w1":
            sentences.append(f"With w1 frozen the loss is a quadratic in w2, where theory makes "
                             f"the bound exact; measured: the largest rate whose loss fell, "
                             f"{stable:.4g}, is {ratio:.3f}× it.")
        else:
            sentences.append(f"The largest rate whose loss fell at all is {stable:.3g}, "
                             f"{ratio:.3g}× the bound: the bound holds for the initial weights, "
                             "and training moves away from them.")
            above = [p for p in sweep.ordered() if p.outcome and p.outcome.fell
                     and p.learning_rate > bound]
            flat = [p for p in above if p.outcome == Outcome.PLATEAUED]
            if above:
                sentence = (f"{len(above)} rate(s) above the bound still lowered the loss, "
                            f"{sum(p.outcome == Outcome.LEARNED for p in above)} of them to "
                            "near zero")
                if flat:
                    sentence += (f"; from {flat[0].learning_rate:.3g} to "
                                 f"{flat[-1].learning_rate:.3g} the runs plateaued at "
                                 f"{min(p.final_loss for p in flat):.3g}–"
                                 f"{max(p.final_loss for p in flat):.3g}: the catapult (a run "
                                 "with diagnostics shows what happens at such a rate)")
                sentences.append(sentence + ".")
    elif not stable and sweep.points:
        sentences.append("No rate in the range lowered the loss.")
    if {"survived", "diverged"} <= set(sweep.contrast):
        sentences.append(_contrast(sweep.contrast["survived"], sweep.contrast["diverged"]))
    unstable = [p for p in sweep.points if p.outcome == Outcome.UNSTABLE]
    if unstable:
        sentences.append(f"{len(unstable)} rate(s) kept a finite loss that ended no lower than "
                         "it began (unstable).")
    if sweep.smallest_diverging_lr:
        sentences.append(f"From {sweep.smallest_diverging_lr:.3g} on, the loss became "
                         "non-finite.")
    elif sweep.points:
        top = max(p.learning_rate for p in sweep.points)
        sentences.append(f"No rate up to {top:.3g} diverged: the threshold lies above the "
                         "range.")
    if sweep.size_effect and sweep.lambda_max:
        growth = {name: value / sweep.lambda_max for name, value in sweep.size_effect.items()}
        parts = ", ".join(f"{SIZE_LABELS[name]} ×2 gives λ_max ×{factor:.2f}"
                          for name, factor in growth.items())
        grows = [SIZE_LABELS[name] for name, factor in growth.items() if factor > 1]
        sentence = f"Measured at doubled sizes: {parts}"
        if grows:
            sentence += (f"; the bound falls as {', '.join(grows)} grow"
                         + ("s" if len(grows) == 1 else "")
                         + " (the loss sums N·D_out squared errors, each hidden unit sums D_in "
                         "inputs, and the output sums H hidden units)")
        sentences.append(sentence + ".")
    return " ".join(sentences)


def _duration(seconds: float) -> str:
    if abs(seconds) < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if abs(seconds) < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def explain_profile(profile) -> str:
    """Where the iteration's time went, per device and size, from the profile's own medians:
    the costliest line and the products' share on the CPU; on a GPU, the lines' range against
    the launch floor (launch-bound where the lines sit near it, compute-bound where the
    products rise far above it)."""
    from engine.profile import PRODUCTS, largest_line, products_share

    sentences = []
    for column in profile.columns:
        where = "" if column.scale == 1 else f"At {column.scale:g}× N, D_in and H, "
        cpu = column.devices.get("cpu")
        if cpu is not None:
            top = largest_line(cpu)
            lead = f"{where}on the CPU" if where else "On the CPU"
            sentences.append(
                f"{lead} `{top.code}` took {100 * top.seconds.median / cpu.iteration.median:.0f} %"
                f" of the iteration, and the {len(PRODUCTS)} matrix products together "
                f"{100 * products_share(cpu):.0f} %.")
            sentences.append(_between_lines(cpu))
            sentences.append(f"The engine's iteration takes "
                             f"{_duration(cpu.engine_iteration.median)}.")
        gpu = column.devices.get("gpu")
        if gpu is not None and gpu.launch_floor is not None:
            medians = [line.seconds.median for line in gpu.lines]
            floor = gpu.launch_floor.median
            top = largest_line(gpu)
            lead = f"{where}on the GPU" if where else "On the GPU"
            if top.seconds.median < 3 * floor:
                sentences.append(
                    f"{lead} every line took {_duration(min(medians))}–"
                    f"{_duration(max(medians))} whatever its FLOPs: the launch floor is "
                    f"{_duration(floor)}, so launching a line costs more than computing it.")
            else:
                sentences.append(
                    f"{lead} `{top.code}` took {_duration(top.seconds.median)}, "
                    f"{top.seconds.median / floor:.0f}× the launch floor of {_duration(floor)}: "
                    "the arithmetic, not the launch, sets its cost.")
    if not any(c.devices.get("gpu") for c in profile.columns) and profile.gpu_reason:
        sentences.append(f"No GPU column: {profile.gpu_reason}.")
    return " ".join(sentences)


def _between_lines(device) -> str:
    """The sum of the lines against the iteration measured as one piece, and what the
    difference is, as far as the two measurements say."""
    total, whole = device.lines_sum, device.iteration
    text = (f"The lines, timed one by one inside the loop, add up to {_duration(total)}; the "
            f"iteration measured as one piece took {_duration(whole.median)}")
    if whole.low <= total <= whole.high:
        return text + (", and the sum lies within the spread of the iteration's own repeats "
                       f"({_duration(whole.low)}–{_duration(whole.high)}).")
    difference = whole.median - total
    if difference > 0:
        return text + (f", {_duration(difference)} more: Python and the interpreter between "
                       "the lines.")
    return text + (f", {_duration(-difference)} less than the lines' sum (the lines were "
                   "timed in other iterations than the whole).")


def quadratic_warning(learning_rate: float, limit: float | None) -> str:
    """Before a run with w1 frozen: the exact limit of the learning rate, and whether this rate
    is above it ("" where there is no such limit)."""
    if limit is None:
        return ""
    text = f"With w1 frozen the loss is quadratic: lr must stay below {limit:.3g}"
    if learning_rate >= limit:
        return text + f"; {learning_rate:g} will grow."
    return text + "."


def _steps(ratios: list[float]) -> str:
    shown = [f"{r:.3g}" for r in ratios[:4]]
    if len(ratios) > 5:
        shown.append("…")
    shown += [f"{r:.3g}" for r in ratios[max(4, len(ratios) - 1):]]
    return " → ".join(shown)


def _contrast(survived: dict, diverged: dict) -> str:
    """What decided the fate of the largest surviving and the smallest diverging rate, from
    their own sharpness (lr·λ_max at the measured iterations)."""
    ratios, times = survived["ratios"], survived["sharpness_iterations"]
    below = [i for i, r in enumerate(ratios) if r < 2]
    if below and ratios[0] > 2:
        fate = (f"at {survived['learning_rate']:.3g} the sharpness fell below 2 by t = "
                f"{times[below[0]]} (lr·λ_max {ratios[0]:.3g} → {ratios[below[0]]:.3g})")
    elif ratios[0] <= 2:
        fate = (f"at {survived['learning_rate']:.3g} lr·λ_max started at {ratios[0]:.3g}, "
                "below 2")
    else:
        fate = (f"at {survived['learning_rate']:.3g} lr·λ_max was still {ratios[-1]:.3g} at "
                f"t = {times[-1]}")
    grown, last_t = diverged["ratios"], diverged["sharpness_iterations"][-1]
    lr = f"{diverged['learning_rate']:.3g}"
    if max(grown) <= 1.01 * min(grown):  # a quadratic's curvature: it never changes
        return (f"What decided their fate: {fate}; at {lr} lr·λ_max stayed at {grown[0]:.3g}, "
                f"above 2, until the loss became non-finite at t = {last_t + 1}.")
    how = "it never fell below 2 and grew" if min(grown) >= 2 else "it grew"
    return (f"What decided their fate: {fate}; at {lr} {how}, lr·λ_max {_steps(grown)} by "
            f"t = {last_t}, until the loss became non-finite.")
