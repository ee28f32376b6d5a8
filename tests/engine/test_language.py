"""The engine's and the command line's sentences in Korean (engine.core.language): the locale rule,
the catalog, the same numbers in both languages, and `--lang` on every command. No Qt."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from cli.main import main
from cli.parser import build_parser
from engine.core import language
from engine.core.config import RunConfig
from engine.core.language import catalog, system_language, translate
from engine.run.train import train
from engine.tools.rate_sweep import RateSweepSettings, sweep_learning_rates
from engine.words.explain import explain_run, explain_sweep
from tests.conftest import HANGUL, english_words, format_fields

ROOT = Path(__file__).resolve().parents[2]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:e[-+]?\d+)?")


@pytest.fixture(autouse=True)
def english_after():
    yield
    language.use("en")


def numbers(text: str) -> Counter:
    return Counter(NUMBER.findall(text))


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "ko_KR.UTF-8"}, "ko"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
    ({"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, "en"),  # LC_ALL wins, as the C library reads it
    ({"LC_MESSAGES": "ko_KR", "LANG": "en_GB"}, "ko"),
    ({"LANG": "kok_IN"}, "ko"),  # starts with ko: the rule, word for word
    ({}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_the_locale_chooses_the_language(environ, expected):
    assert system_language(environ) == expected


def _marked(folder: str):
    """Every translate(context, "literal") and QT_TRANSLATE_NOOP in a package's sources."""
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            context, source = node.args[:2]
            if name in ("translate", "QT_TRANSLATE_NOOP") and isinstance(context, ast.Constant) \
                    and isinstance(source, ast.Constant) and isinstance(source.value, str):
                yield path.name, context.value, source.value



@pytest.mark.parametrize(("folder", "least"), [("engine", 40), ("cli", 40), ("session", 10)])
def test_every_sentence_of_the_engine_and_the_command_line_has_korean(folder, least):
    """Each marked sentence has a finished Korean entry with the same fields and formats, so
    both languages print the same numbers the same way (the reader found them: at least
    `least` in the folder)."""
    korean = catalog("ko")
    found = list(_marked(folder))
    assert len(found) > least
    missing = [(f, c, s) for f, c, s in found if (c, s) not in korean]
    assert not missing, missing[:5]
    for _file, context, source in found:
        assert format_fields(korean[(context, source)]) == format_fields(source), source
        assert korean[(context, source)].count("{}") == source.count("{}"), source


def test_a_translation_is_the_catalogs_and_english_is_the_source():
    assert translate("status", "completed", "ko") == "완료"
    assert translate("status", "completed", "en") == "completed"
    assert translate("status", "no such sentence", "ko") == "no such sentence"
    language.use("ko")
    assert language.current() == "ko"
    with pytest.raises(ValueError):
        language.use("fr")


@pytest.fixture(scope="module")
def catapult():
    """The Catapult preset's run (tutorial sizes, lr 2e-6, diagnostics), shortened."""
    return train(RunConfig(learning_rate=2e-6, iterations=120, diagnostics=True, threads=1))


def test_the_catapult_explanation_keeps_its_numbers_in_korean(catapult):
    english = explain_run(catapult)
    language.use("ko")
    korean = explain_run(catapult)
    assert english and korean != english
    assert HANGUL.search(korean) and not HANGUL.search(english)
    assert numbers(korean) == numbers(english)
    assert "4.68" in korean  # lr·λ_max at t = 0, as in English


def test_a_learning_rate_sweeps_explanation_keeps_its_numbers_in_korean():
    config = RunConfig(n=32, d_in=200, hidden=30, d_out=5, iterations=60, threads=1)
    sweep = sweep_learning_rates(config, RateSweepSettings(lr_min=1e-5, lr_max=1e-2, count=6,
                                                           tolerance=0.2))
    english = explain_sweep(sweep)
    language.use("ko")
    korean = explain_sweep(sweep)
    assert HANGUL.search(korean) and not HANGUL.search(english)
    assert numbers(korean) == numbers(english)


def _run_lines(capsys, lang: str) -> list[str]:
    assert main(["run", "--lr", "2e-6", "--diagnostics", "--iterations", "60", "--threads", "1",
                 "--lang", lang]) == 0
    # Progress lines (numbers), and a load note that only a busy machine prints, left out.
    return [line for line in capsys.readouterr().out.splitlines()
            if not re.fullmatch(r"\d+ \S+", line) and not line.startswith(("note: ", "참고: "))]


def test_the_command_line_speaks_korean_with_the_same_numbers(capsys):
    english, korean = _run_lines(capsys, "en"), _run_lines(capsys, "ko")
    assert len(english) == len(korean)
    by_start = dict(zip((line.split(":")[0] for line in english), korean, strict=True))
    assert by_start["status"].startswith("상태: ")
    assert by_start["outcome"].startswith("결과: ")
    assert numbers(by_start["outcome"]) == numbers(english[-2])
    assert numbers(korean[-1]) == numbers(english[-1])  # the explanation
    assert HANGUL.search(korean[-1]) and not any(HANGUL.search(line) for line in english)


def test_the_locale_speaks_korean_without_the_option(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["run", "--iterations", "3", "--threads", "1"]) == 0
    assert "상태: 반복 3회 후 완료" in capsys.readouterr().out


def test_a_refusal_is_korean_and_names_the_option_as_it_is(capsys):
    assert main(["run", "--iterations", "0", "--lang", "ko"]) == 2
    error = capsys.readouterr().err
    assert "--iterations" in error and "1 이상이어야 합니다" in error


def test_every_command_takes_lang():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name in commands:
        args = parser.parse_args([name, "--lang", "ko"])
        assert args.lang == "ko", name
    assert parser.parse_args(["--lang", "ko"]).lang == "ko"
    assert parser.parse_args(["--lang", "ko", "run"]).lang == "ko"  # before the command, kept
    assert parser.parse_args(["run"]).lang is None


# --- every refusal and warning of the command line, in Korean --------------------------------

REFUSALS = [
    ["run", "--lr", "abc"],  # the parser's own type check, before --lang was read
    ["--lang", "ko", "run", "--iterations", "1.5"],
    ["run", "--device", "tpu"],  # argparse's invalid choice
    ["run", "--lr"],  # argparse's missing value
    ["run", "--unknown-option", "3"],  # argparse's unrecognized argument
    ["run", "--iterations", "0"],
    ["run", "--lr", "-1e-6"],
    ["run", "--lr", "inf"],
    ["run", "--threads", "999"],
    ["run", "--n", "100000", "--d-in", "100000", "--hidden", "100000"],  # memory
    ["run", "--json", "/proc/nope/record.json"],
    ["run", "--json", "/"],
    ["run", "--preset", "Tutorial"],  # a window option given to a command
    ["race", "--compare", "nothing"],
    ["sweep-lr", "--factor", "0.5"],
    ["sweep-size", "--steps", "0"],
    ["profile", "--scale", "-2"],
]


PROG = re.compile(r"main\.py(?: [a-z-]+)?")  # the program and its command, as argparse names it


@pytest.mark.parametrize("argv", REFUSALS, ids=" ".join)
def test_every_refusal_of_the_command_line_is_korean(argv, capsys):
    try:
        code = main([*argv, "--lang", "ko"])
    except SystemExit as exc:
        code = exc.code
    error = capsys.readouterr().err.strip()
    assert code == 2 and len(error.splitlines()) == 1, error
    assert HANGUL.search(error) and english_words(PROG.sub("", error)) == [], error


@pytest.mark.parametrize("code", ["torch", "autograd"])
def test_a_pytorch_code_without_the_extra_is_refused_in_korean(code, monkeypatch, capsys):
    """Where PyTorch is absent: the code combo's tooltips, the race's code entry and `--lang ko
    run --code torch` said "autograd needs PyTorch, an optional extra…" in English."""
    from engine.machine import devices
    from engine.machine.devices import TORCH_EXTRA

    monkeypatch.setattr(devices, "torch_installed", lambda: False)
    monkeypatch.setattr(devices, "mlx_installed", lambda: False)
    assert main(["run", "--code", code, "--lang", "ko"]) == 2
    error = capsys.readouterr().err
    assert TORCH_EXTRA in error and HANGUL.search(error)
    assert english_words(PROG.sub("", error.replace(TORCH_EXTRA, ""))) == []
    assert main(["race", "--compare", "code", "--lang", "ko"]) == 2  # neither PyTorch nor MLX
    error = capsys.readouterr().err
    assert HANGUL.search(error) and english_words(PROG.sub("", error.replace(
        TORCH_EXTRA, "").replace(devices.MLX_EXTRA, ""))) == []


def test_the_warnings_and_notes_are_korean():
    from engine.core.measure import LOAD_INTERVALS, difference_duration, load_sentence
    from engine.machine.threads import ThreadChoice, slowdown_reason

    language.use("ko")
    for interval in LOAD_INTERVALS:
        sentence = load_sentence(1.2, interval, 2)
        assert HANGUL.search(sentence) and english_words(sentence) == [], sentence
    for other in (0.0, 1.2):
        reason = slowdown_reason({"slowdown": 2.1, "expected_ms": 0.759, "other_cores": other,
                                  "cores": 2})
        assert english_words(reason) == [], reason
    for choice in (ThreadChoice(1, "other programs", 2, 1.5, {1: 0.001}),
                   ThreadChoice(2, "large products", 2, 0.0, {}, 0.045, 3)):
        assert english_words(choice.sentence()) == [], choice.sentence()
    assert english_words(difference_duration(-1.0)) == []


# The particles that change with the sound before them (이/가, 은/는, 을/를, 와/과, 으로/로): after
# a number the right one depends on its last spoken digit, so none follows a field directly,
# unless both forms are written (을(를)).
VARIABLE_PARTICLE = re.compile(r"\}(?:가|은|는|을|를|와|과|으로|로|이(?![고며므지다었]))(?!\()")


def test_no_particle_that_depends_on_the_sound_follows_a_number():
    found = [text for (_context, _source), text in catalog("ko").items()
             if VARIABLE_PARTICLE.search(text)]
    assert found == []


def test_one_unit_of_seconds_in_a_sentence():
    """'1.184초 동안 실행 (준비 0.187 s': a number of seconds is written '… s' throughout."""
    assert [t for t in catalog("ko").values() if re.search(r"\}초", t)] == []
