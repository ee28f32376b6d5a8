"""Device race, size sweep and learning-rate sweep, with the stability bound."""

import json
import statistics
import time

import numpy as np
import pytest

import main
from engine import RunConfig
from engine.core.config import ConfigError
from engine.core.measure import MIN_PAIRS
from engine.numerics.hessian import dense_hessian, stability_bound
from engine.tools.race import Target, default_targets, race
from engine.tools.rate_sweep import RateSweepSettings, sweep_learning_rates
from engine.tools.size_sweep import SizeSweepSettings, sweep_sizes
from engine.words.explain import record_of

TINY = dict(n=6, d_in=5, hidden=4, d_out=3)


@pytest.mark.parametrize("train", ["both", "w1", "w2"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_lanczos_matches_the_dense_hessian(seed, train):
    config = RunConfig(**TINY, seed=seed, train=train)
    hessian = dense_hessian(config)
    assert np.allclose(hessian, hessian.T, rtol=1e-12, atol=1e-12 * np.abs(hessian).max())
    exact = np.linalg.eigvalsh(hessian).max()
    bound = stability_bound(config)
    assert abs(bound.lambda_max - exact) / exact < 1e-6
    assert bound.predicted_bound == pytest.approx(2 / bound.lambda_max)


# N < D_in: the products run in the column space of xᵀ (engine.numerics.hessian.row_factor)
WIDE = dict(n=5, d_in=9, hidden=4, d_out=3)


@pytest.mark.parametrize("train", ["both", "w1", "w2"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_row_space_keeps_every_nonzero_eigenvalue(seed, train):
    """The Hessian restricted to (U, v2), v1 = Q·U, is Eᵀ·H·E for E's orthonormal columns, and
    H's range lies in E's span: the same nonzero eigenvalues, the rest zeros."""
    from engine.core.problem import draw_problem
    from engine.numerics.hessian import Curvature, row_factor

    config = RunConfig(**WIDE, seed=seed, train=train)
    p = draw_problem(config)
    full = Curvature(p.x, p.y, p.w1, p.w2, config.layers)
    reduced = Curvature(p.x, p.y, p.w1, p.w2, config.layers, row_factor=row_factor(p.x))
    q = np.linalg.qr(p.x.T)[0]
    blocks = ([np.kron(q, np.eye(config.hidden))] if full.trains_w1 else []) + (
        [np.eye(p.w2.size)] if full.trains_w2 else [])
    embedding = np.block([[b if i == j else np.zeros((b.shape[0], c.shape[1]))
                           for j, c in enumerate(blocks)] for i, b in enumerate(blocks)])
    hessian = full.dense()
    assert np.allclose(reduced.dense(), embedding.T @ hessian @ embedding,
                       atol=1e-10 * np.abs(hessian).max())
    projector = embedding @ embedding.T
    assert np.allclose(projector @ hessian @ projector, hessian,
                       atol=1e-10 * np.abs(hessian).max())
    nonzero = lambda m: np.sort(np.linalg.eigvalsh(m))[np.abs(  # noqa: E731
        np.sort(np.linalg.eigvalsh(m))) > 1e-8 * np.abs(hessian).max()]
    assert np.allclose(nonzero(reduced.dense()), nonzero(hessian), rtol=1e-9)


@pytest.mark.parametrize("config", [RunConfig(), RunConfig(n=32, d_in=512, hidden=64, seed=3),
                                    RunConfig(train="w1")], ids=["tutorial", "32x512", "w1"])
def test_lanczos_in_the_row_space_equals_lanczos_in_the_whole_space(config):
    from engine.core.problem import draw_problem
    from engine.numerics.hessian import Curvature, largest_eigenvalue, row_factor

    p = draw_problem(config)
    whole, _ = largest_eigenvalue(Curvature(p.x, p.y, p.w1, p.w2, config.layers))
    part, _ = largest_eigenvalue(Curvature(p.x, p.y, p.w1, p.w2, config.layers,
                                           row_factor=row_factor(p.x)))
    assert abs(part - whole) / whole < 1e-9


@pytest.mark.parametrize("train", ["both", "w1", "w2"])
def test_hessian_vector_products_are_the_derivative_of_the_engines_gradient(train):
    """Exact products against central differences of engine.numerics.step's own gradient, with a
    step small enough to stay on one ReLU piece."""
    from engine.core.problem import draw_problem, to_device
    from engine.numerics.hessian import Curvature
    from engine.numerics.step import Workspace, forward_backward

    config = RunConfig(n=7, d_in=9, hidden=6, d_out=4, seed=5, train=train)
    p = draw_problem(config)
    curvature = Curvature(p.x, p.y, p.w1, p.w2, config.layers)
    v = np.random.default_rng(0).standard_normal(curvature.size)

    def gradient(weights):
        q = to_device(p, "float64")
        if curvature.trains_w1:
            q.w1[...] = weights[: curvature.split].reshape(q.w1.shape)
        if curvature.trains_w2:
            q.w2[...] = weights[curvature.split:].reshape(q.w2.shape)
        ws = Workspace.allocate(q, np)
        forward_backward(q, ws, np, config.layers)
        parts = ([ws.grad_w1.ravel()] if curvature.trains_w1 else []) + (
            [ws.grad_w2.ravel()] if curvature.trains_w2 else [])
        return np.concatenate(parts)

    weights = np.concatenate(([p.w1.ravel()] if curvature.trains_w1 else [])
                             + ([p.w2.ravel()] if curvature.trains_w2 else []))
    eps = 1e-6
    numeric = (gradient(weights + eps * v) - gradient(weights - eps * v)) / (2 * eps)
    np.testing.assert_allclose(curvature(v), numeric, rtol=1e-5,
                               atol=1e-6 * np.abs(numeric).max())


def test_lanczos_separates_nearly_equal_top_eigenvalues():
    """At 32·512·64·10, seed 3, the top two eigenvalues are 4.2468e5 and 4.2243e5, where
    power iteration read 0.3 % low."""
    bound = stability_bound(RunConfig(n=32, d_in=512, hidden=64, d_out=10, seed=3))
    assert bound.lambda_max == pytest.approx(4.2468e5, rel=1e-4)


def test_tutorial_bound_matches_the_measured_anchor():
    assert stability_bound(RunConfig()).lambda_max == pytest.approx(2.3416e6, rel=1e-4)
    assert stability_bound(RunConfig(train="w2")).predicted_bound == pytest.approx(9.18e-7,
                                                                                   rel=1e-3)


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_largest_stable_rate_lies_between_the_bound_and_ten_times_it():
    sweep = sweep_learning_rates(RunConfig(), RateSweepSettings(count=5))
    bound = sweep.predicted_bound
    assert bound < sweep.largest_stable_lr < 10 * bound  # the catapult: above the bound
    assert sweep.largest_stable_lr < sweep.smallest_unstable_lr
    assert sweep.smallest_unstable_lr / sweep.largest_stable_lr <= 1.01
    # Every point says what happened; diverged ones say where.
    for p in sweep.points:
        assert (p.outcome == "diverged") == (p.diverged_at is not None)
        if p.outcome in ("learned", "still falling", "plateaued"):
            assert p.final_loss < p.initial_loss
        if p.outcome == "unstable":
            assert p.final_loss >= p.initial_loss


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_with_w1_frozen_the_bound_is_exact():
    """The loss is a quadratic in w2: the largest rate whose loss fell is the bound, to within the
    bisection's tolerance, on both sides."""
    sweep = sweep_learning_rates(RunConfig(train="w2"),
                                 RateSweepSettings(count=5, tolerance=0.01))
    ratio = sweep.largest_stable_lr / sweep.predicted_bound
    assert 0.98 < ratio <= 1.0 + 1e-9
    assert sweep.smallest_unstable_lr / sweep.predicted_bound >= 1.0
    # A quadratic's curvature never changes: the words say so, and never "grew".
    text = record_of(sweep)["explanation"]
    if "diverged" in sweep.contrast:
        ratios = sweep.contrast["diverged"]["ratios"]
        assert f"lr·λ_max stayed at {ratios[0]:.3g}, above 2" in text and "grew" not in text


def test_threshold_falls_as_the_network_grows():
    small = stability_bound(RunConfig(n=32, d_in=256, hidden=50))
    large = stability_bound(RunConfig(n=64, d_in=1024, hidden=100))
    assert large.predicted_bound < small.predicted_bound


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_race_on_cpu_targets_agrees_to_rounding():
    targets = (Target("one thread", threads=1), Target("two threads", threads=2))
    result = race(RunConfig(iterations=300), targets, budget_seconds=5.0)
    assert [lane.target.label for lane in result.lanes] == ["one thread", "two threads"]
    assert result.largest_relative_difference < 1e-8
    first, second = result.lanes
    # Alternated pairs, at least MIN_PAIRS; the speedup is the median per-pair ratio.
    assert len(first.loop_seconds) == len(second.loop_seconds) >= MIN_PAIRS
    ratios = [a / b for a, b in zip(first.loop_seconds, second.loop_seconds, strict=True)]
    assert result.speedup == pytest.approx(statistics.median(ratios))
    record = result.to_dict()
    assert record["speedup"]["low"] == pytest.approx(min(ratios))
    low, high = record["interval"]
    assert low <= result.speedup <= high
    assert record["settled"] in ("second faster", "first faster", "within noise", "undecided")
    assert (record["winner"] is None) == (record["settled"] in ("within noise", "undecided"))
    assert record["load"] == max(lane["load"] for lane in record["lanes"])
    for lane in result.lanes:
        assert len(lane.seconds) == 300
        assert np.all(np.diff(lane.seconds) >= 0)
        assert lane.seconds[-1] == pytest.approx(lane.result.loop_seconds)
        assert lane.result.setup_seconds > 0
        # The curve is the median round's, not the first's.
        assert lane.result.loop_seconds == sorted(lane.loop_seconds)[
            (len(lane.loop_seconds) - 1) // 2]


def test_a_race_of_a_configuration_against_itself_is_refused():
    with pytest.raises(ConfigError, match="against itself"):
        race(RunConfig(iterations=20), (Target("A", threads=1), Target("B", threads=1)))
    with pytest.raises(ConfigError, match="against itself"):
        race(RunConfig(iterations=20, dtype="float32"),
             (Target("f32", dtype="float32"), Target("default")))


def test_the_cpu_race_names_both_thread_counts():
    from engine.machine.threads import physical_cores

    if physical_cores() < 2:
        pytest.skip("one physical core: no two CPU lanes")
    one, every = default_targets("device", gpu_available=False)
    assert (one.threads, every.threads) == (1, physical_cores())
    assert "1 thread" in one.label and f"{physical_cores()} threads" in every.label


def test_a_lost_all_cores_lane_under_load_names_the_reason():
    from dataclasses import replace as copy

    from engine.core.result import RunResult, Status
    from engine.tools.race import Lane, RaceResult

    def run(threads, seconds, load):
        return RunResult(RunConfig(iterations=10, threads=threads), Status.COMPLETED, 10, None,
                         np.ones(10), 0.01, seconds, {"threads": threads}, load=load)

    one = Lane(Target("CPU, 1 thread", threads=1), [run(1, 0.4, 1.0) for _ in range(7)])
    two = Lane(Target("CPU, 2 threads", threads=2),
               [run(2, s, 1.0) for s in (3.0, 2.7, 3.9, 3.1, 2.9, 3.3, 3.0)])
    verdict = RaceResult([one, two]).comparison.verdict
    assert verdict.startswith("CPU, 1 thread is faster")
    assert "other programs used 1.0 of" in verdict and "2 BLAS threads waited" in verdict
    quiet = RaceResult([Lane(one.target, [copy(r, load=0.0) for r in one.runs]),
                        Lane(two.target, [copy(r, load=0.0) for r in two.runs])])
    assert "other programs" not in quiet.comparison.verdict


def test_race_compares_dtypes():
    targets = (Target("f64", dtype="float64"), Target("f32", dtype="float32"))
    result = race(RunConfig(iterations=50), targets)
    assert [lane.result.config.dtype for lane in result.lanes] == ["float64", "float32"]
    assert result.largest_relative_difference < 1e-3


def test_race_refuses_to_compare_lanes_that_did_different_work():
    targets = (Target("float64", dtype="float64"), Target("float32", dtype="float32"))
    result = race(RunConfig(learning_rate=3.7e-6, iterations=60), targets, repeats=3)
    statuses = [lane.result.status for lane in result.lanes]
    if statuses[0] == statuses[1] and result.lanes[0].result.diverged_at == \
            result.lanes[1].result.diverged_at:
        pytest.skip("both dtypes diverged at the same iteration here")
    assert result.comparison.speedup is None
    assert result.to_dict()["winner"] is None
    assert "did not complete the same iterations" in result.comparison.verdict


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_size_sweep_keeps_to_its_budget():
    budget, steps = 0.2, 4
    started = time.perf_counter()
    sweep = sweep_sizes(RunConfig(), SizeSweepSettings(steps=steps, budget=budget),
                        devices=("cpu",))
    elapsed = time.perf_counter() - started
    measured = sweep.measured("cpu")
    assert len(sweep.points) == steps and measured
    # Loop time per point is the budget or one iteration; setup (the draw) comes on top.
    assert elapsed < steps * (budget + 0.5) + 2.0
    flops = [p.config.flops_per_iteration for p in measured]
    assert flops == sorted(flops)
    for p in measured:
        assert p.seconds_per_iteration > 0 and p.gflops > 0 and p.iterations >= 1


def test_size_sweep_skips_what_cannot_fit_or_would_take_too_long():
    sweep = sweep_sizes(RunConfig(n=8, d_in=16, hidden=8),
                        SizeSweepSettings(steps=3, factor=1000.0, budget=0.05),
                        devices=("cpu",))
    statuses = [p.status for p in sweep.points]
    assert statuses[0] == "measured" and "skipped" in statuses
    assert all(p.reason for p in sweep.points if p.status == "skipped")


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_command_line_tools_write_json(tmp_path, capsys):
    lr_json = tmp_path / "lr.json"
    assert main.main(["sweep-lr", "--iterations", "200", "--count", "4", "--lr-min", "1e-7",
                      "--lr-max", "1e-4", "--json", str(lr_json)]) == 0
    record = json.loads(lr_json.read_text())
    for key in ("largest_stable_lr", "largest_learned_lr", "lowest_final_loss_lr",
                "predicted_bound", "lambda_max",
                "points", "explanation", "size_effect"):
        assert key in record
    for point in record["points"]:
        assert {"learning_rate", "status", "outcome", "final_loss", "diverged_at"} <= set(point)
    out = capsys.readouterr().out
    assert "largest learning rate whose loss fell at all" in out and "2/λ_max" in out
    assert "lowest final loss" in out

    race_json, race_csv = tmp_path / "race.json", tmp_path / "race.csv"
    assert main.main(["race", "--iterations", "50", "--json", str(race_json),
                      "--csv", str(race_csv)]) == 0
    assert len(json.loads(race_json.read_text())["lanes"]) == 2
    assert len(race_csv.read_text().splitlines()) == 101

    size_json = tmp_path / "size.json"
    assert main.main(["sweep-size", "--steps", "2", "--budget", "0.1", "--json",
                      str(size_json)]) == 0
    assert len(json.loads(size_json.read_text())["points"]) >= 2


@pytest.mark.parametrize("argv", [
    ["sweep-size", "--scale", "x"], ["sweep-size", "--factor", "1"],
    ["sweep-size", "--budget", "0"], ["sweep-lr", "--lr-min", "1e-3", "--lr-max", "1e-4"],
    ["sweep-lr", "--count", "1"], ["race", "--compare", "speed"],
])
def test_tool_options_are_checked(argv, capsys):
    with pytest.raises(SystemExit) as info:
        raise SystemExit(main.main(argv))
    assert info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_every_size_point_is_warm_repeated_and_has_a_spread():
    sweep = sweep_sizes(RunConfig(n=16, d_in=64, hidden=16),
                        SizeSweepSettings(steps=2, budget=0.1), devices=("cpu",))
    for p in sweep.measured("cpu"):
        assert p.repeats >= 3 and p.iterations >= 3
        assert p.low <= p.seconds_per_iteration <= p.high
        assert p.to_dict()["repeats"] == p.repeats


def test_sizes_are_capped_before_any_arithmetic_overflows():
    sweep = sweep_sizes(RunConfig(), SizeSweepSettings(steps=40, factor=1e300, budget=0.05),
                        devices=("cpu",))
    assert [p.status for p in sweep.points] == ["measured", "skipped"]
    assert "above the largest size considered" in sweep.points[-1].reason
    assert sweep.points[-1].to_dict()["n"] is None  # not the base sizes, passed off as the step's


def test_more_threads_than_cores_are_refused_on_the_command_line_as_in_the_window(capsys):
    from engine.machine.threads import physical_cores

    assert main.main(["run", "--n", "8", "--d-in", "16", "--hidden", "8", "--d-out", "2",
                      "--iterations", "3", "--threads", str(physical_cores() + 1)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error: --threads" in err and "physical cores" in err


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_the_sweep_contrasts_the_edge_from_its_own_sharpness():
    """Issue 19: the largest surviving and the smallest diverging rate, rerun with
    diagnostics; the explanation says what decided their fate, from their numbers."""
    sweep = sweep_learning_rates(RunConfig(), RateSweepSettings(count=5))
    survived, diverged = sweep.contrast["survived"], sweep.contrast["diverged"]
    assert survived["learning_rate"] == sweep.largest_stable_lr
    assert diverged["learning_rate"] == sweep.smallest_diverging_lr
    text = record_of(sweep)["explanation"]
    grown = diverged["ratios"]
    assert f"at {diverged['learning_rate']:.3g} " in text
    assert f"lr·λ_max {grown[0]:.3g} → {grown[1]:.3g}" in text
    below = next(i for i, r in enumerate(survived["ratios"]) if r < 2)
    assert f"fell below 2 by t = {survived['sharpness_iterations'][below]}" in text
