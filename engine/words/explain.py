"""Explanations written from a run's or a sweep's own numbers: every clause reports a measured
quantity, and a clause whose measurement is missing or points the other way is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.core.config import Layers
from engine.core.language import translate
from engine.core.measure import duration
from engine.core.result import (
    FLAT_CHANGE,
    FLAT_SHARE,
    LEARNED_SHARE_WORDS,
    Outcome,
    RunResult,
    Status,
)
from engine.tools.profile import PRODUCTS, Profile, largest_line, products_share
from engine.tools.rate_sweep import LearningRateSweep

SIZE_LABELS = {"n": "N", "d_in": "D_in", "hidden": "H"}


def _block(layers: Layers) -> str:
    return "" if layers.both else translate("explain", " of {block}").format(block=layers.block)


def _sentence(clauses: list[str]) -> str:
    """Clauses joined into one sentence: a capital first letter (unless it opens with lr, a
    symbol) and a full stop."""
    text = translate("explain", "; ").join(clauses)
    return (text if text.startswith("lr") else text[0].upper() + text[1:]) + "."


def explain_run(result: RunResult | Mapping[str, Any]) -> str:
    """What the run's diagnostics show, in one paragraph, and where to look next for a run that
    stopped short of learning ("" where there is neither), in the current language. A record
    read from a file (a mapping, as RunResult.to_dict writes it) is read as a RunResult."""
    if isinstance(result, Mapping):
        result = RunResult.from_dict(result)
    return " ".join(part for part in (_explain_diagnostics(result), next_step(result)) if part)


def next_step(result: RunResult) -> str:
    """Where to look next, from the run's outcome: a plateau without diagnostics, or a loss
    still falling at the end ("" for any other run)."""
    ask = translate("explain", "run it with diagnostics (tick Diagnostics, or --diagnostics)")
    if result.outcome == Outcome.PLATEAUED and not result.diagnostics:
        return translate("explain", "The loss plateaued: {ask} to see why it stopped learning "
                                    "(dead hidden units, and lr·λ_max against 2).").format(ask=ask)
    if result.outcome == Outcome.STILL_FALLING:
        more = translate("explain", "The loss was still falling at the end: more iterations "
                                    "would take it further")
        if result.diagnostics:
            return more + translate("explain", ".")
        return more + translate("explain", "; {ask} to see how far lr·λ_max is from "
                                           "2.").format(ask=ask)
    return ""


def _explain_diagnostics(result: RunResult) -> str:
    """The diagnostics' paragraph ("" without them)."""
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
        opening = translate("explain", "lr·λ_max{block} started at {ratio:.3g} > 2, so the first "
                                       "steps overshoot along the sharpest direction").format(
            block=_block(layers), ratio=ratios[0])
        above = np.flatnonzero(ratios <= 2)
        horizon = int(times[above[0]]) + 1 if above.size else len(losses)
        peak = int(np.argmax(losses[:horizon]))
        if losses[peak] > losses[0]:
            opening += translate("explain", ": the loss rose {factor:.3g}× in {count} "
                                            "iterations").format(
                factor=losses[peak] / losses[0], count=peak)
        clauses.append(opening)
        settled = [i for i in range(len(ratios)) if (ratios[i:] < 2).all()]
        if settled and not diverged:
            i = settled[0]
            lowest = i + int(np.argmin(ratios[i:]))
            clause = translate("explain", "sharpness fell {factor:.2g}× to lr·λ_max = "
                                          "{ratio:.3g} by t = {t} and stayed below 2, so "
                                          "training settled").format(
                factor=ratios[0] / ratios[i], ratio=ratios[i], t=int(times[i]))
            if ratios[lowest] < 0.8 * ratios[i]:
                clause += translate("explain", " (lr·λ_max {ratio:.3g} at t = {t})").format(
                    ratio=ratios[lowest], t=int(times[lowest]))
            clauses.append(clause)
        elif not diverged:
            clauses.append(translate("explain", "lr·λ_max was still {ratio:.3g} at t = "
                                                "{t}").format(ratio=ratios[-1], t=int(times[-1])))
        if diverged and len(ratios) > 1 and ratios[-1] > ratios[0]:
            # The contrast with the catapult: the sharpness grew instead of falling below 2.
            lead = (translate("explain", "sharpness never fell below 2 and grew")
                    if min(ratios) >= 2 else translate("explain", "sharpness grew"))
            clauses.append(translate("explain", "{lead}: lr·λ_max {steps} by t = {t}").format(
                lead=lead, steps=_steps(list(ratios)), t=int(times[-1])))
    else:
        clauses.append(translate("explain", "lr·λ_max{block} started at {ratio:.3g}, below 2: "
                                            "every step is stable along the sharpest "
                                            "direction").format(block=_block(layers),
                                                                ratio=ratios[0]))
        if layers.frozen == "w1" and np.ptp(ratios) <= 1e-6 * ratios[0]:
            clauses.append(translate("explain", "with w1 frozen the loss is a quadratic in w2 "
                                                "and its curvature never changed, so lr < "
                                                "2/λ_max is the exact limit"))
    if diverged:
        clauses.append(translate("explain", "the loss became non-finite at iteration "
                                            "{t}").format(t=result.diverged_at))
    dead = diagnostics.get("dead_units") or []
    if dead:
        first, last = int(dead[0]), int(dead[-1])
        if last > first:
            clause = translate("explain", "{dead} of {hidden} hidden units died (h ≤ 0 for "
                                          "every sample, so no gradient reaches their "
                                          "weights)").format(dead=last, hidden=hidden)
            if first:
                clause += translate("explain", ", {first} of them from the start").format(
                    first=first)
            clauses.append(clause)
        elif last:
            clauses.append(translate("explain", "{dead} of {hidden} hidden units were dead from "
                                                "the start").format(dead=last, hidden=hidden))
    if not diverged and len(losses) >= 10:
        earlier = losses[int((1 - FLAT_SHARE) * (len(losses) - 1))]
        change = (earlier - losses[-1]) / earlier
        if abs(change) < FLAT_CHANGE:
            clauses.append(translate("explain", "the loss stalls near {loss:.3g}").format(
                loss=losses[-1]))
        elif change > 0:
            clauses.append(translate("explain", "the loss kept falling, to {loss:.3g}").format(
                loss=losses[-1]))
    return _sentence(clauses)


def explain_sweep(sweep) -> str:
    """What a learning-rate sweep measured, in a few sentences, in the current language."""
    config, sentences = sweep.config, []
    if sweep.stopped:
        sentences.append(translate("explain", "Stopped after {count} rates: what follows covers "
                                              "only those.").format(count=len(sweep.points)))
    block = config.layers.block
    if sweep.predicted_bound:
        sentences.append(translate("explain", "The bound 2/λ_max = {bound:.3g}, with λ_max = "
                                              "{lambda_max:.3g} the largest eigenvalue of the "
                                              "Hessian of {block} at the initial weights.").format(
            bound=sweep.predicted_bound, lambda_max=sweep.lambda_max, block=block))
    stable, bound = sweep.largest_stable_lr, sweep.predicted_bound
    best, learned = sweep.best(), sweep.largest_learned()
    if best is not None and best.outcome and best.outcome.fell:
        sentence = translate("explain", "The lowest final loss, {loss:.3g}, came at "
                                        "{lr:.3g}").format(loss=best.final_loss,
                                                           lr=best.learning_rate)
        if learned is not None:
            sentence += translate("explain", "; the largest rate that learned (its loss fell "
                                             "below {share} of the initial) is "
                                             "{lr:.3g}").format(
                share=translate("outcome", LEARNED_SHARE_WORDS), lr=learned.learning_rate)
        sentences.append(sentence + translate("explain", "."))
    if stable and bound:
        ratio = stable / bound
        if config.layers.frozen == "w1":
            sentences.append(translate("explain", "With w1 frozen the loss is a quadratic in "
                                                  "w2, where theory makes the bound exact; "
                                                  "measured: the largest rate whose loss fell, "
                                                  "{lr:.4g}, is {ratio:.3f}× it.").format(
                lr=stable, ratio=ratio))
        else:
            sentences.append(translate("explain", "The largest rate whose loss fell at all is "
                                                  "{lr:.3g}, {ratio:.3g}× the bound: the bound "
                                                  "holds for the initial weights, and training "
                                                  "moves away from them.").format(
                lr=stable, ratio=ratio))
            above = [p for p in sweep.ordered() if p.outcome and p.outcome.fell
                     and p.learning_rate > bound]
            flat = [p for p in above if p.outcome == Outcome.PLATEAUED]
            if above:
                sentence = translate("explain", "{count} rate(s) above the bound still lowered the "
                                                "loss, {learned} of them to near zero").format(
                    count=len(above), learned=sum(p.outcome == Outcome.LEARNED for p in above))
                if flat:
                    sentence += translate("explain", "; from {low:.3g} to {high:.3g} the runs "
                                                     "plateaued at {least:.3g}–{most:.3g}: the "
                                                     "catapult (a run with diagnostics shows "
                                                     "what happens at such a rate)").format(
                        low=flat[0].learning_rate, high=flat[-1].learning_rate,
                        least=min(p.final_loss for p in flat),
                        most=max(p.final_loss for p in flat))
                sentences.append(sentence + translate("explain", "."))
    elif not stable and sweep.points:
        sentences.append(translate("explain", "No rate in the range lowered the loss."))
    if {"survived", "diverged"} <= set(sweep.contrast):
        sentences.append(_contrast(sweep.contrast["survived"], sweep.contrast["diverged"]))
    unstable = [p for p in sweep.points if p.outcome == Outcome.UNSTABLE]
    if unstable:
        sentences.append(translate("explain", "{count} rate(s) kept a finite loss that ended no "
                                              "lower than it began (unstable).").format(
            count=len(unstable)))
    if sweep.smallest_diverging_lr:
        sentences.append(translate("explain", "From {lr:.3g} on, the loss became "
                                              "non-finite.").format(
            lr=sweep.smallest_diverging_lr))
    elif sweep.points:
        top = max(p.learning_rate for p in sweep.points)
        sentences.append(translate("explain", "No rate up to {lr:.3g} diverged: the threshold "
                                              "lies above the range.").format(lr=top))
    if sweep.size_effect and sweep.lambda_max:
        growth = {name: value / sweep.lambda_max for name, value in sweep.size_effect.items()}
        parts = ", ".join(translate("explain", "{size} ×2 gives λ_max ×{factor:.2f}").format(
            size=SIZE_LABELS[name], factor=factor) for name, factor in growth.items())
        grows = [SIZE_LABELS[name] for name, factor in growth.items() if factor > 1]
        sentence = translate("explain", "Measured at doubled sizes: {parts}").format(parts=parts)
        if grows:
            falls = (translate("explain", "; the bound falls as {sizes} grows") if len(grows) == 1
                     else translate("explain", "; the bound falls as {sizes} grow"))
            sentence += falls.format(sizes=", ".join(grows)) + translate(
                "explain", " (the loss sums N·D_out squared errors, each hidden unit sums D_in "
                           "inputs, and the output sums H hidden units)")
        sentences.append(sentence + translate("explain", "."))
    return " ".join(sentences)


def explain_profile(profile) -> str:
    """Where the iteration's time went, per device and size, from the profile's own medians:
    the costliest line and the products' share on the CPU; on a GPU, the lines' range against
    the launch floor (launch-bound where the lines sit near it, compute-bound where the
    products rise far above it)."""
    sentences = []
    for column in profile.columns:
        scaled = column.scale != 1
        cpu = column.devices.get("cpu")
        if cpu is not None:
            top = largest_line(cpu)
            lead = (translate("explain", "At {scale:g}× N, D_in and H, on the CPU").format(
                scale=column.scale) if scaled else translate("explain", "On the CPU"))
            sentences.append(translate("explain", "{lead} `{code}` took {share:.0f} % of the "
                                                  "iteration, and the {count} matrix products "
                                                  "together {products:.0f} %.").format(
                lead=lead, code=top.code, share=100 * top.seconds.median / cpu.iteration.median,
                count=len(PRODUCTS), products=100 * products_share(cpu)))
            sentences.append(_between_lines(cpu))
            sentences.append(translate("explain", "The engine's iteration takes {time}.").format(
                time=duration(cpu.engine_iteration.median)))
        gpu = column.devices.get("gpu")
        if gpu is not None and gpu.launch_floor is not None:
            medians = [line.seconds.median for line in gpu.lines]
            floor = gpu.launch_floor.median
            top = largest_line(gpu)
            lead = (translate("explain", "At {scale:g}× N, D_in and H, on the GPU").format(
                scale=column.scale) if scaled else translate("explain", "On the GPU"))
            if top.seconds.median < 3 * floor:
                sentences.append(translate("explain", "{lead} every line took {low}–{high} "
                                                      "whatever its FLOPs: the launch floor is "
                                                      "{floor}, so launching a line costs more "
                                                      "than computing it.").format(
                    lead=lead, low=duration(min(medians)), high=duration(max(medians)),
                    floor=duration(floor)))
            else:
                sentences.append(translate("explain", "{lead} `{code}` took {time}, {factor:.0f}× "
                                                      "the launch floor of {floor}: the "
                                                      "arithmetic, not the launch, sets its "
                                                      "cost.").format(
                    lead=lead, code=top.code, time=duration(top.seconds.median),
                    factor=top.seconds.median / floor, floor=duration(floor)))
    if not any(c.devices.get("gpu") for c in profile.columns) and profile.gpu_reason:
        sentences.append(translate("explain", "No GPU column: {reason}.").format(
            reason=profile.gpu_reason))
    return " ".join(sentences)


def _between_lines(device) -> str:
    """The sum of the lines against the iteration measured as one piece, and what the
    difference is, as far as the two measurements say."""
    total, whole = device.lines_sum, device.iteration
    if whole.low <= total <= whole.high:
        return translate("explain", "The lines, timed one by one inside the loop, add up to "
                                    "{total}; the iteration measured as one piece took "
                                    "{whole}, and the sum lies within the spread of the "
                                    "iteration's own repeats ({low}–{high}).").format(
            total=duration(total), whole=duration(whole.median), low=duration(whole.low),
            high=duration(whole.high))
    difference = whole.median - total
    if difference > 0:
        return translate("explain", "The lines, timed one by one inside the loop, add up to "
                                    "{total}; the iteration measured as one piece took "
                                    "{whole}, {difference} more: Python and the interpreter "
                                    "between the lines.").format(
            total=duration(total), whole=duration(whole.median),
            difference=duration(difference))
    return translate("explain", "The lines, timed one by one inside the loop, add up to "
                                "{total}; the iteration measured as one piece took {whole}, "
                                "{difference} less than the lines' sum (the lines were timed in "
                                "other iterations than the whole).").format(
        total=duration(total), whole=duration(whole.median), difference=duration(-difference))


def quadratic_warning(learning_rate: float, limit: float | None) -> str:
    """Before a run with w1 frozen: the exact limit of the learning rate, and whether this rate
    is above it ("" where there is no such limit)."""
    if limit is None:
        return ""
    if learning_rate >= limit:
        return translate("explain", "With w1 frozen the loss is quadratic: lr must stay below "
                                    "{limit:.3g}; {lr:g} will grow.").format(limit=limit,
                                                                             lr=learning_rate)
    return translate("explain", "With w1 frozen the loss is quadratic: lr must stay below "
                                "{limit:.3g}.").format(limit=limit)


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
    lr = survived["learning_rate"]
    if below and ratios[0] > 2:
        fate = translate("explain", "at {lr:.3g} the sharpness fell below 2 by t = {t} "
                                    "(lr·λ_max {first:.3g} → {then:.3g})").format(
            lr=lr, t=times[below[0]], first=ratios[0], then=ratios[below[0]])
    elif ratios[0] <= 2:
        fate = translate("explain", "at {lr:.3g} lr·λ_max started at {first:.3g}, below "
                                    "2").format(lr=lr, first=ratios[0])
    else:
        fate = translate("explain", "at {lr:.3g} lr·λ_max was still {last:.3g} at t = "
                                    "{t}").format(lr=lr, last=ratios[-1], t=times[-1])
    grown, last_t = diverged["ratios"], diverged["sharpness_iterations"][-1]
    if max(grown) <= 1.01 * min(grown):  # a quadratic's curvature: it never changes
        return translate("explain", "What decided their fate: {fate}; at {lr:.3g} lr·λ_max "
                                    "stayed at {ratio:.3g}, above 2, until the loss became "
                                    "non-finite at t = {t}.").format(
            fate=fate, lr=diverged["learning_rate"], ratio=grown[0], t=last_t + 1)
    how = (translate("explain", "it never fell below 2 and grew") if min(grown) >= 2
           else translate("explain", "it grew"))
    return translate("explain", "What decided their fate: {fate}; at {lr:.3g} {how}, lr·λ_max "
                                "{steps} by t = {t}, until the loss became non-finite.").format(
        fate=fate, lr=diverged["learning_rate"], how=how, steps=_steps(grown), t=last_t)


def record_of(result) -> dict[str, Any]:
    """A result's record as the front ends write it (--json, a tab's export): its numbers
    (result.to_dict()), and, for a learning-rate sweep or a profile, the sentences explaining
    them, written here at the edge in the current language: records hold numbers, and the
    words come from them once."""
    record = result.to_dict()
    if isinstance(result, LearningRateSweep):
        record["explanation"] = explain_sweep(result)
    elif isinstance(result, Profile):
        record["explanation"] = explain_profile(result)
    return record
