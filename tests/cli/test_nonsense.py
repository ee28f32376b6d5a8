"""Nonsense on the command line: exit 2, one clear line, no traceback (property-based)."""

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import main
from engine.core.config import DTYPES, GPU_PATHS
from engine.core.settings import SPACE


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# Text that is no number at all (float() refuses it: "1E0" and "1_0" are numbers).
TEXT = st.text(min_size=1, max_size=12).filter(
    lambda t: not _is_number(t) and t.strip().lower() != "auto")
NON_FINITE = st.sampled_from(["nan", "inf", "-inf", "NaN", "Infinity", "1e999"])
NOT_POSITIVE_INT = st.integers(max_value=0).map(str)
HUGE_SIZE = st.integers(min_value=10**8, max_value=10**40).map(str)

# For each option: the values that must be refused.
NONSENSE = {
    "--n": TEXT | NON_FINITE | NOT_POSITIVE_INT | HUGE_SIZE,
    "--d-in": TEXT | NON_FINITE | NOT_POSITIVE_INT | HUGE_SIZE,
    "--hidden": TEXT | NON_FINITE | NOT_POSITIVE_INT | HUGE_SIZE,
    "--d-out": TEXT | NON_FINITE | NOT_POSITIVE_INT | HUGE_SIZE,
    "--iterations": TEXT | NON_FINITE | NOT_POSITIVE_INT
    | st.integers(min_value=10**13, max_value=10**40).map(str),
    "--lr": TEXT | NON_FINITE | st.floats(max_value=0, allow_nan=False).map(repr),
    "--seed": TEXT | NON_FINITE | st.integers(max_value=-1).map(str),
    # blank is `auto`, as the window's empty field
    "--threads": TEXT.filter(lambda t: t.strip(SPACE) != "") | NON_FINITE | NOT_POSITIVE_INT
    | st.integers(min_value=1025, max_value=10**40).map(str),
    "--device": TEXT.filter(lambda t: t not in ("cpu", "gpu")),
    "--dtype": TEXT.filter(lambda t: t not in DTYPES),
    "--gpu-path": TEXT.filter(lambda t: t not in GPU_PATHS),
}
COMMANDS = ["run", "bench", "race", "sweep-size", "sweep-lr"]


def call(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main.main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, err.getvalue()


@st.composite
def bad_command_lines(draw):
    command = draw(st.sampled_from(COMMANDS))
    option = draw(st.sampled_from(sorted(NONSENSE)))
    value = draw(NONSENSE[option])
    if command == "sweep-size" and option in ("--n", "--d-in", "--hidden", "--d-out",
                                              "--iterations"):
        # The sweep shows sizes that cannot fit as skipped points, by design (and sets its
        # own iteration count): only malformed numbers are errors there.
        value = draw(TEXT | NON_FINITE | NOT_POSITIVE_INT)
    return [command, f"{option}={value}"]


def check_refused_in_one_line(argv: list[str]) -> None:
    code, err = call(argv)
    assert code == 2, (argv, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, (argv, err)
    assert "error" in lines[0] and "Traceback" not in err


@settings(max_examples=40, deadline=None)
@given(bad_command_lines())
def test_nonsense_exits_2_with_one_line(argv):
    check_refused_in_one_line(argv)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(bad_command_lines())
def test_much_nonsense_exits_2_with_one_line(argv):
    check_refused_in_one_line(argv)
