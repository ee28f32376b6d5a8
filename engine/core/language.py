"""The language of the sentences the engine and the command line write, without Qt.

One catalog per language serves every front end: resources/i18n/backprop_lab_<lang>.ts, the
Qt Linguist file that pyside6-lupdate writes from the sources (gui/, engine/, cli/). The window
loads its compiled .qm through a QTranslator; the engine and the command line read the same
.ts here with the standard library's XML parser. English is the sources' own text.

A sentence is marked where it is written: translate(context, template) returns the template in
the current language, and the caller fills in the numbers with str.format, so both languages
carry the same numbers, formatted by the same specifications. A string held in data (a
setting's label) is marked with QT_TRANSLATE_NOOP and translated where it is shown. Adding a
language: add it to LANGUAGES and add its catalog (see resources/i18n/README.md)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

from engine.core.files import project_path

LANGUAGES = ("en", "ko")
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}
CATALOG_FOLDER = project_path("resources", "i18n")
CATALOG_STEM = "backprop_lab"

_current = "en"
_front_end = None  # a front end's own translate(context, source), used instead of ours


def install(translate_function) -> None:
    """A front end renders the sentences itself from now on (the window: through Qt's
    translators, which load the same catalog compiled, and remember each sentence so that a
    switch can rewrite it); None: back to this module's catalogs."""
    global _front_end
    _front_end = translate_function


def catalog_path(lang: str, suffix: str = ".ts") -> Path:
    return CATALOG_FOLDER / f"{CATALOG_STEM}_{lang}{suffix}"


def system_language(environ: dict | None = None) -> str:
    """The language the locale asks for: LC_ALL, then LC_MESSAGES, then LANG, as the C library
    reads them; one starting with "ko" gives Korean, anything else English."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def use(lang: str) -> None:
    """Write this process's sentences in `lang` from now on."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    _current = lang


def current() -> str:
    return _current


@cache
def catalog(lang: str) -> dict[tuple[str, str], str]:
    """(context, source) → translation, the finished entries of the language's .ts."""
    if lang == "en":
        return {}
    tree = ElementTree.parse(catalog_path(lang))
    entries = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete",
                                                                  "vanished"):
                continue
            if translation.text:
                entries[(name, message.findtext("source", ""))] = translation.text
    return entries


def translate(context: str, source: str, lang: str | None = None) -> str:
    """The source text in the current (or the given) language; the source where the catalog
    has no finished translation."""
    if lang is None and _front_end is not None:
        return _front_end(context, source)
    return catalog(lang or _current).get((context, source), source)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks a string held in data for the catalog; translate(context, it) where it is shown."""
    return source


def error_line(prog: str, message: str) -> str:
    """A refusal in one line, as both front ends print it: "main.py: error: --lr: …"."""
    return translate("language", "{prog}: error: {message}").format(prog=prog, message=message)
