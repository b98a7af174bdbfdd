"""Packed data reads back the same deflated or not, and a large catalog's load deflates without changing a finding."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svcmap.catalog import packing
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.rules.engine import check_source

EXAMPLE = Path(__file__).parents[2]

plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.binary(),
    lambda inner: st.lists(inner).map(tuple) | st.lists(inner),
    max_leaves=20,
)


@given(plain, st.booleans())
def test_what_is_packed_reads_back_the_same(value: object, deflate: bool) -> None:
    assert packing.loads(packing.dumps(value, deflate)) == value


def test_only_a_deflated_blob_is_a_zlib_stream() -> None:
    value = ("step", "Stap", ("ask",) * 50)
    assert zlib.decompress(packing.dumps(value, True))
    with pytest.raises(zlib.error):
        zlib.decompress(packing.dumps(value, False))


def test_a_large_catalog_is_loaded_deflated_with_the_same_findings_and_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = check_source(FolderSource(EXAMPLE), Config())
    monkeypatch.setattr(packing, "DEFLATE_FROM_FILES", 1)  # the example catalog counts as large now
    large = check_source(FolderSource(EXAMPLE), Config())
    assert not small.loaded.deflate and large.loaded.deflate
    assert list(large.result.findings) == list(small.result.findings)
    parts = large.result.findings.parts  # type: ignore[attr-defined]
    assert parts and all(blob[0] == 0x78 for _, blob, _, _ in parts)
    reloaded = load_catalog(FolderSource(EXAMPLE))
    assert {i: p.steps for i, p in reloaded.catalog.processes.items()} == {
        i: p.steps for i, p in large.catalog.processes.items()
    }
