"""A warm `validate` copies the stored report out as it is: the store keeps one per language, and a changed
translation is a changed tool, so a run never answers in the words of another language or of an old text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from svcmap import i18n
from svcmap.cache import store
from svcmap.cache.store import content_key, files_digest
from tests.cache.test_cache import UNUSED, age, files_read, run

DUTCH = "wordt door geen enkel product gebruikt"
ENGLISH = "is used by no product"


def test_each_language_is_stored_apart_and_answered_in_its_own_words(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog(UNUSED)
    age(root)
    english = run(root)[1].decode()
    i18n.use("nl")
    dutch = run(root)[1].decode()
    assert ENGLISH in english and DUTCH not in english
    assert DUTCH in dutch and ENGLISH not in dutch
    read = files_read(monkeypatch)
    assert run(root)[1].decode() == dutch  # warm, in Dutch
    i18n.use("en")
    assert run(root)[1].decode() == english  # warm, in English: not the Dutch text stored last
    assert read == []  # both answered from the cache


def test_the_language_is_part_of_the_key() -> None:
    files = files_digest({"catalog/organisation.yaml": b"x" * 16})
    english = content_key("validate", files)
    i18n.use("nl")
    assert content_key("validate", files) != english


@pytest.fixture
def translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of svcmap/locale that the tool digest reads instead (the package's own stays untouched)."""
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    monkeypatch.setattr(store, "LOCALE_DIR", copy)
    store.tool_digest.cache_clear()
    yield copy
    store.tool_digest.cache_clear()


@pytest.mark.parametrize("suffix", [".po", ".mo"])
def test_an_edited_translation_changes_the_tool_digest(translations: Path, suffix: str) -> None:
    before = store.tool_digest()
    edited = translations / "nl" / "LC_MESSAGES" / f"rules{suffix}"
    assert edited.is_file(), "make locale compiles the .mo"
    edited.write_bytes(edited.read_bytes() + b"\n")
    store.tool_digest.cache_clear()
    assert store.tool_digest() != before


def test_a_new_area_changes_the_tool_digest(translations: Path) -> None:
    before = store.tool_digest()
    (translations / "nl" / "LC_MESSAGES" / "extra.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    store.tool_digest.cache_clear()
    assert store.tool_digest() != before
