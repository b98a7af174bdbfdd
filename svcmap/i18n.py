"""svcmap's words in the reader's language: English in the code, Dutch (and any other) from gettext catalogs.

Every message a person reads — a rule's finding, a summary, an error, a page of the report — is written
in English in the code and wrapped in `_()`; its placeholders are named and filled after translation,
`_("{step} hands work to {unit}").format(step=..., unit=...)`, so a translator may reorder them. A text
that is built at import time (a column label in a module-level table) is marked with `N_()` and passed
through `_()` where it is shown, because the language is chosen later, once the catalog's config is read.

The catalogs are `svcmap/locale/<language>/LC_MESSAGES/<area>.po`, one area per part of the tool so that
work on one part does not touch the others' files. They are compiled to `.mo` when the package is built or
installed (hatch_build.py, with Babel) and merged here into one catalog per language. English needs none.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LANGUAGES = ("en", "nl")
"""The languages svcmap speaks; `en` is the source language of every message."""
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_chosen_on_command_line = False


def use(language: str, *, from_command_line: bool = False) -> None:
    """Speak `language` from now on. A choice made on the command line (`--lang`) outlasts the catalog's
    config (`language:` in .svcmap.yaml), which is read later: `use(..., from_command_line=False)` is then
    ignored."""
    global _language, _translations, _chosen_on_command_line
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; svcmap speaks {', '.join(LANGUAGES)}")
    if _chosen_on_command_line and not from_command_line:
        return
    _chosen_on_command_line = _chosen_on_command_line or from_command_line
    _language, _translations = language, _catalog(language)


def reset() -> None:
    """Back to English with no choice made (tests, and a library caller that runs several catalogs)."""
    global _language, _translations, _chosen_on_command_line
    _language, _translations, _chosen_on_command_line = DEFAULT_LANGUAGE, gettext.NullTranslations(), False


def language() -> str:
    """The language in use: `en` or `nl`."""
    return _language


def _(message: str) -> str:
    """`message` in the language in use (itself in English, or where no translation exists)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the language in use; fill `{count}` with `.format`."""
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a text for translation without translating it yet: it is passed through `_()` where shown."""
    return message


def _catalog(language: str) -> gettext.NullTranslations:
    """Every compiled area of `language`, merged into one catalog (the first area wins a duplicate)."""
    merged: gettext.NullTranslations = gettext.NullTranslations()
    if language == DEFAULT_LANGUAGE:
        return merged
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    areas = sorted(folder.glob("*.mo"))
    if not areas:
        raise ValueError(
            f"svcmap's {language!r} messages are not compiled ({folder}/*.mo); reinstall the package"
            " (pip install), or run `make setup` in a checkout"
        )
    for area in areas:
        with area.open("rb") as file:
            merged.add_fallback(gettext.GNUTranslations(file))
    return merged
