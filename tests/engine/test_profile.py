"""The profile: every statement of the tutorial's loop, its arithmetic, its time, the whole
iteration beside it, and the explanation from the measured numbers."""

import json
import subprocess
import sys
import threading

import pytest

from engine.core.config import ConfigError, RunConfig
from engine.core.measure import Spread
from engine.machine.devices import probe_gpu
from engine.tools.profile import (
    ITERATION,
    STATEMENTS,
    DeviceProfile,
    LineTime,
    Profile,
    ProfileColumn,
    ProfileSettings,
    profile,
    statement_costs,
)
from engine.words.explain import record_of

PROFILED = RunConfig(n=16, d_in=32, hidden=8, d_out=4)
NO_GPU = not probe_gpu().available


def test_every_tutorial_statement_is_there_in_order():
    codes = [s.code for s in STATEMENTS]
    assert codes[0] == "h = x.dot(w1)" and codes[-1] == "w2 -= learning_rate * grad_w2"
    for code in ("h_relu = np.maximum(h, 0)", "y_pred = h_relu.dot(w2)",
                 "loss = np.square(y_pred - y).sum()", "grad_y_pred = 2.0 * (y_pred - y)",
                 "grad_w2 = h_relu.T.dot(grad_y_pred)", "grad_h_relu = grad_y_pred.dot(w2.T)",
                 "grad_h = grad_h_relu.copy()", "grad_h[h < 0] = 0",
                 "grad_w1 = x.T.dot(grad_h)", "w1 -= learning_rate * grad_w1"):
        assert code in codes
    assert ITERATION.splitlines() == codes


def test_flops_are_the_sizes_arithmetic():
    n, d_in, h, d_out = 64, 1000, 100, 10
    costs = {code: (flops, nbytes) for code, flops, nbytes in
             statement_costs(RunConfig(n=n, d_in=d_in, hidden=h, d_out=d_out))}
    assert costs["h = x.dot(w1)"][0] == 2 * n * d_in * h
    assert costs["y_pred = h_relu.dot(w2)"][0] == 2 * n * h * d_out
    assert costs["grad_w2 = h_relu.T.dot(grad_y_pred)"][0] == 2 * n * h * d_out
    assert costs["grad_h_relu = grad_y_pred.dot(w2.T)"][0] == 2 * n * d_out * h
    assert costs["grad_w1 = x.T.dot(grad_h)"][0] == 2 * n * d_in * h
    assert costs["w1 -= learning_rate * grad_w1"][0] == 2 * d_in * h
    assert costs["h = x.dot(w1)"][1] == 8 * (n * d_in + d_in * h + n * h)
    # The five products are the run's arithmetic (RunConfig.flops_per_iteration counts them).
    products = sum(flops for code, flops, _ in statement_costs(RunConfig()) if ".dot(" in code)
    assert products == RunConfig().flops_per_iteration
    full = {code: b for code, _, b in statement_costs(RunConfig())}
    half = {code: b for code, _, b in statement_costs(RunConfig(dtype="float32"))}
    assert half["h = x.dot(w1)"] == full["h = x.dot(w1)"] // 2


def test_profile_times_every_line_and_the_whole_iteration():
    result = profile(PROFILED, ProfileSettings(scale_by=2))
    record = json.loads(json.dumps(record_of(result)))
    assert [line["code"] for line in record["lines"]] == [s.code for s in STATEMENTS]
    for line in record["lines"]:
        assert line["device"] == "cpu"
        s = line["seconds"]
        assert 0 <= s["low"] <= s["median"] <= s["high"]
        if line["flops"]:
            assert line["gflops"] == pytest.approx(line["flops"] / s["median"] / 1e9)
    cpu = record["iteration_seconds"]["cpu"]
    assert 0 < cpu["low"] <= cpu["median"] <= cpu["high"]
    assert [c["scale"] for c in record["columns"]] == [1, 2]
    scaled = record["columns"][1]
    assert scaled["sizes"] == {"n": 32, "d_in": 64, "hidden": 16, "d_out": 4}
    device = scaled["devices"]["cpu"]
    assert device["between_lines_seconds"] == pytest.approx(
        device["iteration_seconds"]["median"] - device["lines_sum_seconds"])
    assert device["engine_iteration_seconds"]["median"] > 0
    if NO_GPU:
        assert record["gpu_reason"] and "gpu" not in record["iteration_seconds"]
        assert f"No GPU column: {record['gpu_reason']}" in record["explanation"]
    header, rows = result.table()
    assert len(rows) == 2 * len(STATEMENTS) * len(record["iteration_seconds"])


def test_the_explanation_quotes_the_measured_lines():
    result = profile(PROFILED, ProfileSettings(scale_by=2))
    cpu = result.base.devices["cpu"]
    top = max(cpu.lines, key=lambda line: line.seconds.median)
    text = record_of(result)["explanation"]
    assert f"`{top.code}` took {100 * top.seconds.median / cpu.iteration.median:.0f} %" in text


def line(code, seconds, device="gpu"):
    return LineTime(code, device, 10, 10, Spread.of([seconds] * 3), Spread.of([seconds / 2] * 3))


def test_a_launch_bound_gpu_is_explained_from_its_floor():
    """The GPU column's words, from a synthetic GPU profile (no GPU needed)."""
    from engine.words.explain import explain_profile

    lines = [line(s.code, 9e-6 + 5e-6 * (i % 2)) for i, s in enumerate(STATEMENTS)]
    gpu = DeviceProfile("gpu", lines, Spread.of([2e-4] * 3), Spread.of([2e-5] * 3),
                        launch_floor=Spread.of([8e-6] * 3))
    result = Profile(PROFILED, [ProfileColumn(PROFILED, 1, {"gpu": gpu})])
    text = explain_profile(result)
    assert "every line took 9 µs–14 µs whatever its FLOPs: the launch floor is 8 µs" in text
    big = [line(s.code, 4e-3 if ".dot(" in s.code else 9e-6) for s in STATEMENTS]
    scaled = DeviceProfile("gpu", big, Spread.of([2e-2] * 3), Spread.of([1e-2] * 3),
                           launch_floor=Spread.of([8e-6] * 3))
    result = Profile(PROFILED, [ProfileColumn(PROFILED, 8, {"gpu": scaled})])
    assert "500× the launch floor of 8 µs" in explain_profile(result)
    record = result.to_dict()
    assert record["columns"][0]["devices"]["gpu"]["launch_floor_seconds"]["median"] == 8e-6
    assert record["lines"][0]["host_seconds"]["median"] == pytest.approx(2e-3)


@pytest.mark.skipif(not NO_GPU, reason="checks the refusal where no GPU can be used")
def test_a_gpu_profile_without_a_gpu_is_refused_in_one_line():
    with pytest.raises(ConfigError, match="GPU"):
        profile(RunConfig(device="gpu"))
    done = subprocess.run([sys.executable, "main.py", "profile", "--device", "gpu"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "--device" in done.stderr


def test_a_stopped_profile_says_so():
    stop = threading.Event()
    stop.set()
    result = profile(PROFILED, stop=stop)
    assert result.stopped and result.columns == []
    assert result.to_dict()["stopped"] is True


def test_the_scale_must_be_above_zero():
    for bad in (0, -1.0, float("nan"), "8"):
        with pytest.raises(ConfigError, match="above 0"):
            ProfileSettings(scale_by=bad)
    done = subprocess.run([sys.executable, "main.py", "profile", "--scale-by", "0"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--scale-by: must be a number above 0" in done.stderr


def test_records_hold_numbers_and_the_sentences_are_written_at_the_edge():
    """The profile's and the sweep's records carried their explanation, written by the engine
    inside to_dict (an import circle between explain and profile); now to_dict holds the
    numbers, and record_of adds the sentences in the current language."""
    from engine.core import language

    result = profile(PROFILED, ProfileSettings(scale_by=2))
    assert "explanation" not in result.to_dict()
    english = record_of(result)["explanation"]
    language.use("ko")
    try:
        korean = record_of(result)["explanation"]
    finally:
        language.use("en")
    assert english and korean != english
    assert {k: v for k, v in record_of(result).items() if k != "explanation"} == result.to_dict()
