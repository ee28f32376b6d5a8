"""Device race, size sweep and learning-rate sweep, with the stability bound."""

import json
import time

import numpy as np
import pytest

import main
from engine import RunConfig
from engine.hessian import dense_hessian, stability_bound
from engine.race import Target, race
from engine.sweep import TimeBudget, sweep_learning_rates, sweep_sizes

TINY = dict(n=6, d_in=5, hidden=4, d_out=3)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_power_iteration_matches_the_dense_hessian(seed):
    config = RunConfig(**TINY, seed=seed)
    hessian = dense_hessian(config)
    assert np.allclose(hessian, hessian.T, rtol=1e-6, atol=1e-6 * np.abs(hessian).max())
    exact = np.linalg.eigvalsh(hessian).max()
    bound = stability_bound(config)
    assert abs(bound.lambda_max - exact) / exact < 1e-3
    assert bound.predicted_bound == pytest.approx(2 / bound.lambda_max)


def test_largest_stable_rate_lies_between_the_bound_and_ten_times_it():
    sweep = sweep_learning_rates(RunConfig(), count=5)
    bound = sweep.predicted_bound
    assert bound < sweep.largest_stable_lr < 10 * bound
    assert sweep.largest_stable_lr < sweep.smallest_diverging_lr
    assert sweep.smallest_diverging_lr / sweep.largest_stable_lr <= 1.05
    # Every point says what happened; diverged ones say where.
    for p in sweep.points:
        assert (p.status == "diverged") == (p.diverged_at is not None)
        assert (p.status == "diverged") == (p.learning_rate >= sweep.smallest_diverging_lr)


def test_threshold_falls_as_the_network_grows():
    small = stability_bound(RunConfig(n=32, d_in=256, hidden=50))
    large = stability_bound(RunConfig(n=64, d_in=1024, hidden=100))
    assert large.predicted_bound < small.predicted_bound


def test_race_on_cpu_targets_agrees_to_rounding():
    targets = (Target("one thread", threads=1), Target("two threads", threads=2))
    result = race(RunConfig(iterations=300), targets)
    assert [lane.target.label for lane in result.lanes] == ["one thread", "two threads"]
    assert result.largest_relative_difference < 1e-8
    first, second = (lane.result for lane in result.lanes)
    assert result.speedup == pytest.approx(first.loop_seconds / second.loop_seconds)
    for lane in result.lanes:
        assert len(lane.seconds) == 300
        assert np.all(np.diff(lane.seconds) >= 0)
        assert lane.seconds[-1] == pytest.approx(lane.result.loop_seconds)
        assert lane.result.setup_seconds > 0


def test_race_compares_dtypes():
    targets = (Target("f64", dtype="float64"), Target("f32", dtype="float32"))
    result = race(RunConfig(iterations=50), targets)
    assert [lane.result.config.dtype for lane in result.lanes] == ["float64", "float32"]
    assert result.largest_relative_difference < 1e-3


def test_size_sweep_keeps_to_its_budget():
    budget, steps = 0.2, 4
    started = time.perf_counter()
    sweep = sweep_sizes(RunConfig(), steps=steps, budget_seconds=budget, devices=("cpu",))
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
    sweep = sweep_sizes(RunConfig(n=8, d_in=16, hidden=8), steps=3, factor=1000.0,
                        budget_seconds=0.05, devices=("cpu",))
    statuses = [p.status for p in sweep.points]
    assert statuses[0] == "measured" and "skipped" in statuses
    assert all(p.reason for p in sweep.points if p.status == "skipped")


def test_time_budget_starts_at_the_first_check():
    budget = TimeBudget(0.05)
    time.sleep(0.1)
    assert not budget.is_set()
    time.sleep(0.06)
    assert budget.is_set()


def test_command_line_tools_write_json(tmp_path, capsys):
    lr_json = tmp_path / "lr.json"
    assert main.main(["sweep-lr", "--iterations", "200", "--count", "4", "--lr-min", "1e-7",
                      "--lr-max", "1e-4", "--json", str(lr_json)]) == 0
    record = json.loads(lr_json.read_text())
    for key in ("largest_stable_lr", "predicted_bound", "lambda_max", "points"):
        assert key in record
    for point in record["points"]:
        assert {"learning_rate", "status", "final_loss", "diverged_at"} <= set(point)
    out = capsys.readouterr().out
    assert "largest stable learning rate" in out and "2/λ_max" in out

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
