"""Time to a target loss (MLPerf's time to train) in the race: the same alternated rounds and
measuring rule as the loop times, and words that follow from the numbers."""

from __future__ import annotations

import statistics

import pytest

from engine import RunConfig
from engine.core.config import ConfigError
from engine.core.measure import compare
from engine.core.target import TargetLoss
from engine.tools.race import race, race_lanes
from tests.conftest import SMALL


def test_the_race_compares_the_lanes_time_to_target_round_by_round():
    config = RunConfig(iterations=200)  # the tutorial's: 1e-2 of the loss by t = 20 or so
    target = TargetLoss(1e-2)
    result = race(config, race_lanes("dtype", config, threads=1), repeats=7, target=target)
    first, second = result.lanes[:2]
    times = [[run.time_to_target(target).seconds for run in lane.runs] for lane in (first,
                                                                                    second)]
    rounds = min(map(len, times))
    independent = compare((first.label, second.label), times[0][:rounds], times[1][:rounds])
    comparison = result.target_comparison()
    assert comparison.speedup.samples == independent.speedup.samples
    assert comparison.winner == independent.winner
    verdict = result.target_verdict()
    if comparison.winner is not None:
        fast = statistics.median(times[[first.label, second.label].index(comparison.winner)])
        assert verdict.startswith(f"{comparison.winner} reached {target.describe()} first: "
                                  f"{fast:.3g} s against")
    else:
        assert verdict.startswith(f"to {target.describe()}: no clear winner")
    record = result.to_dict()["time_to_target"]
    assert record["verdict"] == verdict and len(record["lanes"]) == 2


def test_a_lane_that_never_reaches_the_target_is_not_compared():
    config = RunConfig(**SMALL, iterations=30)
    result = race(config, race_lanes("dtype", config, threads=1), repeats=1,
                  target=TargetLoss(1e-12))
    assert result.target_comparison().speedup is None
    assert "did not reach 1e-12 of the initial loss" in result.target_verdict()
    assert race(config, race_lanes("dtype", config, threads=1), repeats=1).target_verdict() == ""


@pytest.mark.parametrize("value, absolute", [(0.0, False), (-1.0, True), (1.0, False),
                                             (float("nan"), True)])
def test_a_target_that_cannot_be_one_is_refused_naming_the_field(value, absolute):
    with pytest.raises(ConfigError) as refused:
        TargetLoss(value, absolute=absolute)
    assert refused.value.field == "target"
