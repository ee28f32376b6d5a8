"""The divergence lab: layer switches, outcomes, diagnostics (the catapult, measured) and the
explanations written from them."""

import re

import numpy as np
import pytest

import main
from engine import RunConfig
from engine.core.problem import draw_problem, to_device
from engine.numerics.reference import tutorial_loop
from engine.run.train import train
from engine.words.explain import explain_run, next_step
from tests.conftest import SMALL


@pytest.mark.parametrize("layers", ["w1", "w2"])
def test_a_frozen_layer_keeps_its_drawn_weights_and_the_loss_follows_the_tutorial(layers):
    config = RunConfig(**SMALL, learning_rate=1e-3, iterations=200, train=layers)
    result = train(config)
    p = to_device(draw_problem(config), "float64")
    frozen_w1, frozen_w2 = p.w1.copy(), p.w2.copy()
    expected = tutorial_loop(p.x, p.y, p.w1, p.w2, config.learning_rate, config.iterations,
                             layers=config.layers)
    np.testing.assert_allclose(result.losses, expected, rtol=1e-12)
    if layers == "w2":
        assert np.array_equal(p.w1, frozen_w1) and not np.array_equal(p.w2, frozen_w2)
    else:
        assert np.array_equal(p.w2, frozen_w2) and not np.array_equal(p.w1, frozen_w1)
    assert result.to_dict()["config"]["train"] == layers


def test_a_frozen_layer_does_less_work():
    both, w2, w1 = (RunConfig(train=t).flops_per_iteration for t in ("both", "w2", "w1"))
    n, d_in, h, d_out = 64, 1024, 100, 10
    assert both == 4 * n * d_in * h + 6 * n * h * d_out
    assert w2 == 2 * n * d_in * h + 4 * n * h * d_out  # no grad_w1 product
    assert w1 == 4 * n * d_in * h + 4 * n * h * d_out  # no grad_w2 product


def test_outcomes_classify_every_run():
    """Named by what the run learned, from its losses: the tutorial learns, the catapult
    plateaus, a tiny rate is still falling, a frozen w1 above its limit is unstable."""
    from engine.core.result import Outcome, classify

    learned = train(RunConfig(learning_rate=1e-6))
    plateaued = train(RunConfig(learning_rate=2e-6))
    falling = train(RunConfig(learning_rate=1e-8))
    diverged = train(RunConfig(**SMALL, learning_rate=10.0, iterations=100))
    unstable = train(RunConfig(learning_rate=9.3e-7, train="w2", iterations=500))
    assert learned.outcome == Outcome.LEARNED and learned.to_dict()["outcome"] == "learned"
    assert plateaued.outcome == Outcome.PLATEAUED and plateaued.final_loss > 100
    assert falling.outcome == Outcome.STILL_FALLING
    assert diverged.outcome == Outcome.DIVERGED and diverged.diverged_at is not None
    assert unstable.outcome == Outcome.UNSTABLE and np.isfinite(unstable.losses).all()
    assert unstable.losses[-1] >= unstable.losses[0]
    # The rule on recorded losses: near zero; flat well above zero; still falling; rising.
    assert classify(np.array([1e6, 1e3, 0.5]), False) == Outcome.LEARNED
    flat = np.concatenate([np.geomspace(1e6, 10, 50), np.full(200, 10.0)])
    assert classify(flat, False) == Outcome.PLATEAUED
    assert classify(np.geomspace(1e6, 1e4, 100), False) == Outcome.STILL_FALLING
    assert classify(np.array([1.0, 0.5, 1.0]), False) == Outcome.UNSTABLE
    assert classify(np.array([1.0]), True) == Outcome.DIVERGED
    assert classify(np.array([]), False) is None


@pytest.fixture(scope="module")
def catapult():
    return train(RunConfig(learning_rate=2e-6, diagnostics=True))


def test_the_catapult_measured_at_the_tutorials_sizes(catapult):
    d = catapult.diagnostics
    times, sharpness = np.array(d["sharpness_iterations"]), np.array(d["sharpness"])
    assert times[0] == 0 and times[-1] == 499
    assert sharpness[0] == pytest.approx(2.3416e6, rel=0.005)  # λ_max(0)
    ratio = 2e-6 * sharpness
    assert ratio[0] > 2
    assert ratio[times <= 10][-1] < 0.5  # by t = 10, training is stable again
    assert abs(d["dead_units"][499] - 75) <= 1
    # Dense while lr·λ_max > 1: every iteration from 0 to the first one below it.
    first_below = int(times[np.argmax(ratio <= 1)])
    assert list(times[: first_below + 1]) == list(range(first_below + 1))
    for name in ("dead_units", "active_fraction", "w1_norm", "w2_norm", "gradient_norm"):
        assert len(d[name]) == catapult.iterations_completed == 500
    assert d["iterations"] == list(range(500))
    assert 0 < d["active_fraction"][-1] < 1


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_the_explanation_follows_the_runs_own_numbers(catapult):
    record = catapult.to_dict()
    text = explain_run(record)
    losses = np.array(record["losses"])
    d = record["diagnostics"]
    assert f"started at {2e-6 * d['sharpness'][0]:.3g} > 2" in text
    peak = int(np.argmax(losses[:10]))
    assert f"rose {losses[peak] / losses[0]:.3g}× in {peak} iterations" in text
    assert f"{int(d['dead_units'][-1])} of 100 hidden units died" in text
    assert "stalls near" in text and f"{losses[-1]:.3g}" in text
    # A run that does not overshoot gets no sentence about a rise.
    calm = train(RunConfig(learning_rate=5e-7, diagnostics=True, iterations=200)).to_dict()
    calm_text = explain_run(calm)
    assert "below 2" in calm_text and "rose" not in calm_text
    # Without diagnostics: no paragraph about them, only where to look next (a plateau here).
    plain = train(RunConfig(**SMALL, iterations=10))
    assert explain_run(plain.to_dict()) == next_step(plain) != ""


def test_quadratic_case_says_the_curvature_never_changed():
    record = train(RunConfig(learning_rate=9e-7, train="w2", diagnostics=True,
                             iterations=100)).to_dict()
    sharpness = np.array(record["diagnostics"]["sharpness"])
    assert np.ptp(sharpness) <= 1e-6 * sharpness[0]
    assert "quadratic in w2" in explain_run(record)


def test_diagnostics_of_a_diverging_run_stop_where_it_diverged():
    result = train(RunConfig(learning_rate=4e-6, diagnostics=True))
    assert result.status == "diverged"
    d = result.diagnostics
    assert len(d["dead_units"]) == result.diverged_at == len(result.losses)
    assert all(t < result.diverged_at for t in d["sharpness_iterations"])
    text = explain_run(result.to_dict())
    assert f"non-finite at iteration {result.diverged_at}" in text


def test_command_line_diagnostics_and_layers(tmp_path, capsys):
    import json

    path = tmp_path / "r.json"
    assert main.main(["run", "--lr", "2e-6", "--iterations", "30", "--diagnostics",
                      "--json", str(path)]) == 0
    out = capsys.readouterr().out
    assert "outcome:" in out and re.search(r"lr·λ_max started at 4\.6\d > 2", out)
    record = json.loads(path.read_text())
    assert record["outcome"] in ("still falling", "plateaued", "unstable")
    assert len(record["diagnostics"]["sharpness"]) >= 10
    assert main.main(["run", *sum(([f"--{k.replace('_', '-')}", str(v)]
                                    for k, v in SMALL.items()), []), "--train", "w2"]) == 0
    with pytest.raises(SystemExit) as info:
        main.main(["run", "--train", "w3"])
    assert info.value.code == 2


def test_with_w1_frozen_the_limit_is_known_before_the_run():
    """The trap of the per-layer switch, said in advance: at the tutorial's sizes the limit
    with w1 frozen is 9.18e-7, and its own lr 1e-6 lies above it."""
    from engine.numerics.hessian import quadratic_limit, stability_bound
    from engine.words.explain import quadratic_warning

    frozen = RunConfig(train="w2")
    limit = quadratic_limit(frozen)
    assert limit == pytest.approx(stability_bound(frozen).predicted_bound, rel=1e-9)
    assert limit == pytest.approx(9.18e-7, rel=2e-3)
    assert quadratic_limit(RunConfig()) is None and quadratic_limit(RunConfig(train="w1")) is None
    assert quadratic_warning(1e-6, limit) == ("With w1 frozen the loss is quadratic: lr must "
                                              f"stay below {limit:.3g}; 1e-06 will grow.")
    assert quadratic_warning(5e-7, limit).endswith(f"below {limit:.3g}.")
    assert train(RunConfig(learning_rate=1e-6, train="w2")).outcome == "unstable"


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_surviving_and_diverging_read_as_a_contrast():
    """Issue 19: lr 3e-6 survives and 3.2e-6 diverges, and both explanations read "started
    at … > 2 … overshoot"; what decided their fate must be said, from their own numbers."""
    from engine.words.explain import explain_run

    diverging = train(RunConfig(learning_rate=4e-6, diagnostics=True))
    catapult = train(RunConfig(learning_rate=2e-6, diagnostics=True))
    ratios = [4e-6 * v for v in diverging.diagnostics["sharpness"]]
    text = explain_run(diverging)
    assert min(ratios) >= 2
    assert f"sharpness never fell below 2 and grew: lr·λ_max {ratios[0]:.3g} → " \
           f"{ratios[1]:.3g}" in text
    assert f"→ {ratios[-1]:.3g} by t = {diverging.diagnostics['sharpness_iterations'][-1]}" \
        in text
    calm = explain_run(catapult)
    assert "grew" not in calm and "stayed below 2, so training settled" in calm


def test_gflops_count_the_training_apart_from_the_diagnostics():
    """Issue 19: the readout showed 0.4 GFLOP/s during diagnostic runs."""
    run = train(RunConfig(**SMALL, iterations=60, learning_rate=1e-3, diagnostics=True))
    seconds = run.diagnostics_seconds
    assert 0 < seconds < run.loop_seconds
    assert run.training_seconds == pytest.approx(run.loop_seconds - seconds)
    assert run.gflops == pytest.approx(RunConfig(**SMALL).flops_per_iteration * 60
                                       / run.training_seconds / 1e9)
    plain = train(RunConfig(**SMALL, iterations=60, learning_rate=1e-3))
    assert plain.diagnostics_seconds == 0 and plain.training_seconds == plain.loop_seconds


def test_the_frozen_w1_limit_equals_the_dense_hessians():
    """The limit shown before a run, against the whole Hessian of the w2 block (small sizes)."""
    from engine.numerics.hessian import dense_hessian, quadratic_limit

    config = RunConfig(n=6, d_in=5, hidden=4, d_out=3, seed=2, train="w2")
    exact = 2 / np.linalg.eigvalsh(dense_hessian(config)).max()
    assert quadratic_limit(config) == pytest.approx(exact, rel=1e-9)


def test_an_overshoot_is_a_catapult_only_where_lr_lambda_fell_below_2_after_it():
    """The Divergence preset with diagnostics was shaded 'catapult' for a run that never
    recovered: a catapult is a rise followed by lr·λ_max falling below 2."""
    from engine.numerics.diagnostics import Overshoot, OvershootSpan, overshoot_spans

    losses = [10, 20, 40, 30, 20, 25, 10, 9]
    # above 2 at t = 0, 1 (the loss rose after both), below 2 from t = 3 on
    assert overshoot_spans([0, 1, 2, 3, 4], [3, 3, 2.5, 1, 1], losses, None) == [
        OvershootSpan(0, 1, Overshoot.CATAPULT, 3)]
    rising = [1, 2, 4, 8, 16]
    assert overshoot_spans([0, 1, 2, 3], [3, 5, 9, 20], rising, diverged_at=5) == [
        OvershootSpan(0, 3, Overshoot.DIVERGING, None)]
    assert overshoot_spans([0, 1, 2, 3], [3, 5, 9, 20], rising, diverged_at=None) == [
        OvershootSpan(0, 3, Overshoot.OVERSHOOTING, None)]


def test_the_divergence_presets_spans_are_diverging_and_the_catapults_a_catapult(catapult):
    from engine.numerics.diagnostics import Overshoot, overshoot_spans

    def kinds(result):
        d, lr = result.diagnostics, result.config.learning_rate
        return {s.kind for s in overshoot_spans(d["sharpness_iterations"],
                                                [lr * v for v in d["sharpness"]],
                                                result.losses, result.diverged_at)}

    diverging = train(RunConfig(learning_rate=4e-6, diagnostics=True, threads=1))
    assert diverging.diverged_at == 8 and kinds(diverging) == {Overshoot.DIVERGING}
    assert Overshoot.CATAPULT in kinds(catapult)


@pytest.mark.parametrize(("lr", "outcome", "hint"), [
    (1e-6, "still falling", "more iterations would take it further"),
    (1.9e-6, "plateaued", "to see why it stopped learning"),
])
def test_a_run_that_stopped_short_says_where_to_look_next(lr, outcome, hint):
    result = train(RunConfig(learning_rate=lr, iterations=60 if lr < 1.5e-6 else 500,
                             threads=1))
    assert result.outcome.value == outcome
    text = explain_run(result)
    assert hint in text and "--diagnostics" in text
    learned = train(RunConfig(iterations=500, threads=1))
    assert learned.outcome.value == "learned" and explain_run(learned) == ""
