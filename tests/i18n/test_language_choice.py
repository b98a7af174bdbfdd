"""The language is chosen once: `--lang` on the command line, else the catalog's `language:`, else English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from svcmap import i18n


def test_the_default_is_english() -> None:
    assert i18n.language() == "en"
    assert i18n._("handoffs") == "handoffs"


def test_the_command_line_choice_outlasts_the_config() -> None:
    i18n.use("nl", from_command_line=True)
    i18n.use("en")
    assert i18n.language() == "nl"


def test_the_config_sets_the_language_where_the_command_line_did_not() -> None:
    i18n.use("nl")
    assert i18n.language() == "nl"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="svcmap speaks en, nl"):
        i18n.use("fr")


def test_lang_on_the_command_line_and_in_the_config_are_checked(
    cli: Callable[..., Result], catalog: Callable[..., Path]
) -> None:
    root = catalog()
    assert "'xx' is not one of 'en', 'nl'" in cli("--lang", "xx", "validate", str(root)).output
    assert "'xx' is not one of 'en', 'nl'" in cli("validate", "--lang", "xx", str(root)).output
    (root / ".svcmap.yaml").write_text("language: fr\n")
    result = cli("validate", str(root))
    assert result.exit_code == 2
    assert ".svcmap.yaml:1:11" in result.output
