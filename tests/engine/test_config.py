"""Invalid settings are refused, naming the field; impossible sizes are refused at once."""

import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import ConfigError, InsufficientMemoryError, RunConfig, estimate_memory
from engine.run.memory import check_memory
from engine.run.train import train

BAD_VALUES = [
    ("n", 0), ("n", -3), ("n", 2.5), ("n", "64"), ("n", True),
    ("d_in", 0), ("hidden", -1), ("d_out", 0),
    ("iterations", 0), ("iterations", 1.0),
    ("learning_rate", 0.0), ("learning_rate", -1e-6), ("learning_rate", math.nan),
    ("learning_rate", math.inf), ("learning_rate", "fast"),
    ("device", "tpu"), ("device", None), ("dtype", "float16"),
    ("seed", -1), ("seed", 0.5),
    ("threads", 0), ("threads", "many"), ("threads", 10**30),
]


@pytest.mark.parametrize(("field", "value"), BAD_VALUES)
def test_each_invalid_field_is_refused_by_name(field, value):
    with pytest.raises(ConfigError) as info:
        RunConfig(**{field: value})
    assert info.value.field == field
    assert field in str(info.value)


@given(st.sampled_from(["n", "d_in", "hidden", "d_out", "iterations"]),
       st.integers(max_value=0))
def test_sizes_below_one_are_refused(field, value):
    with pytest.raises(ConfigError) as info:
        RunConfig(**{field: value})
    assert info.value.field == field


@given(st.floats(allow_nan=True, allow_infinity=True).filter(
    lambda v: not (math.isfinite(v) and v > 0)))
def test_learning_rates_that_are_not_positive_and_finite_are_refused(value):
    with pytest.raises(ConfigError) as info:
        RunConfig(learning_rate=value)
    assert info.value.field == "learning_rate"


@given(st.floats(min_value=1e-300, max_value=1e300), st.integers(1, 10**6))
def test_positive_finite_values_are_accepted(lr, n):
    config = RunConfig(learning_rate=lr, n=n)
    assert config.learning_rate == lr and config.n == n


def test_the_default_is_the_tutorial():
    c = RunConfig()
    assert (c.n, c.d_in, c.hidden, c.d_out, c.learning_rate, c.iterations) == (
        64, 1024, 100, 10, 1e-6, 500)
    assert (c.device, c.dtype, c.seed, c.threads) == ("cpu", "float64", 0, "auto")


def test_record_round_trip():
    c = RunConfig(n=3, learning_rate=2e-6, threads=1)
    assert RunConfig.from_dict(c.to_dict()) == c


@pytest.mark.parametrize("sizes", [
    {"d_in": 10**9}, {"n": 10**8, "hidden": 10**4}, {"hidden": 10**12},
    {"iterations": 10**13},
])
def test_memory_check_refuses_huge_runs_within_a_second(sizes):
    config = RunConfig(**sizes)
    started = time.perf_counter()
    with pytest.raises(InsufficientMemoryError) as info:
        train(config)
    assert time.perf_counter() - started < 1.0
    message = str(info.value)
    assert "needs" in message and "available" in message
    assert info.value.needed > info.value.available


def test_memory_estimate_counts_the_arrays():
    config = RunConfig()
    estimate = estimate_memory(config)
    arrays = 8 * (64 * 1024 + 64 * 10 + 1024 * 100 + 100 * 10)
    assert arrays < estimate.host_bytes < 4 * arrays
    assert estimate.device_bytes == 0
    assert check_memory(config) == estimate


def test_auto_threads_are_measured_and_explicit_ones_kept():
    from engine.machine.threads import physical_cores

    auto = train(RunConfig(n=8, d_in=16, hidden=8, d_out=2, iterations=5))
    assert 1 <= auto.device_info["threads"] <= physical_cores()
    assert train(RunConfig(n=8, d_in=16, hidden=8, d_out=2, iterations=5, threads=1)
                 ).device_info["threads"] == 1
