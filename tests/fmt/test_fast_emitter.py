"""fmt's own emitter writes, byte for byte, what the ruamel.yaml path writes; where it cannot, it says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate_catalog
from svcmap.catalog.source import FolderSource
from svcmap.fmt import canonical, emitter, writer
from svcmap.fmt.formatter import catalog_files, kind_of
from svcmap.fmt.shapes import SHAPES
from tests.fmt.catalog_documents import TRICKY, texts
from tests.fmt.catalog_documents import catalog_files as generated_files

REPOSITORY = Path(__file__).resolve().parents[2]

PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)


def both_paths(text: str, kind: str) -> tuple[str | Exception, str | Exception]:
    """fmt's answer with its own emitter and with ruamel.yaml's alone: a text, or the refusal."""
    answers: list[str | Exception] = []
    for fast in (True, False):
        try:
            answers.append(canonical.format_text(text, kind, styles=writer.ScalarStyles(), fast=fast))
        except canonical.LayoutError as error:
            answers.append(error)
    fast_answer, ruamel_answer = answers
    return fast_answer, ruamel_answer


def assert_same_answer(text: str, kind: str) -> None:
    fast, slow = both_paths(text, kind)
    if isinstance(slow, Exception):
        assert isinstance(fast, canonical.LayoutError) and fast.message == slow.message  # type: ignore[attr-defined]
    else:
        assert fast == slow


def bare_texts(text: str, kind: str) -> tuple[str | None, str]:
    """Without comments: what the fast emitter writes (None: not its kind of document), and what ruamel.yaml writes."""
    node = writer.compose(text)
    assert node is not None
    fast = emitter.emit(node, SHAPES[kind], set(), writer.anchor_names(text), writer.ScalarStyles())
    import io

    tree = canonical._Builder(set(), writer.anchor_names(text)).build(node, SHAPES[kind], ())
    buffer = io.StringIO()
    writer.roundtrip().dump(tree, buffer)
    return fast, buffer.getvalue()


@PROPERTY
@given(generated_files())
def test_the_fast_path_gives_the_bytes_of_the_ruamel_path(case: tuple[str, str, object]) -> None:
    kind, text, _ = case
    assert_same_answer(text, kind)


@PROPERTY
@given(generated_files())
def test_what_the_fast_emitter_writes_is_what_ruamel_writes(case: tuple[str, str, object]) -> None:
    kind, text, _ = case
    fast, slow = bare_texts(text, kind)
    assert fast is None or fast == slow


@PROPERTY
@given(st.one_of(st.sampled_from(TRICKY), texts), st.booleans(), st.booleans())
def test_a_scalars_style_is_the_writers_choice(value: str, flow: bool, key: bool) -> None:
    styles = writer.ScalarStyles()
    assert styles.style(value, writer.STR_TAG, flow, key) == styles._choose(value, writer.STR_TAG, flow, key)


@pytest.mark.parametrize("kind, value", [("product", value) for value in TRICKY])
def test_every_tricky_name_comes_out_as_the_ruamel_path_writes_it(kind: str, value: str) -> None:
    quoted = writer.double_quoted(value)
    text = f"id: x\nname: {quoted}\nowner: o\nprocess: x\nchannels: [web]\nlegal_basis:\n  - {quoted}\n"
    assert_same_answer(text, kind)


def catalog_texts(root: Path) -> list[tuple[str, str]]:
    source = FolderSource(root)
    return [(name, (root / name).read_text(encoding="utf-8")) for name in catalog_files(source)]


def test_every_file_of_the_example_catalog_comes_out_the_same_either_way() -> None:
    for name, text in catalog_texts(REPOSITORY):
        fast, slow = both_paths(text, kind_of(name))
        assert fast == slow, name


def test_every_file_of_a_bench_catalog_comes_out_the_same_either_way(tmp_path: Path) -> None:
    generate_catalog(tmp_path, products=150, seed=9)
    taken = 0
    for name, text in catalog_texts(tmp_path):
        fast, slow = both_paths(text, kind_of(name))
        assert fast == slow, name
        taken += bare_texts(text, kind_of(name))[0] is not None
    assert taken == len(catalog_texts(tmp_path))  # the bench catalog never needs ruamel.yaml's emitter


def test_an_anchor_or_a_block_scalar_is_left_to_ruamel() -> None:
    anchored = "id: p\nname: &n P\nsteps:\n  - id: a\n    name: *n\n    unit: u\n"
    literal = "id: p\nname: |\n  two\n  lines\nsteps:\n  - id: a\n    name: A\n    unit: u\n"
    assert bare_texts(anchored, "process")[0] is None
    assert bare_texts(literal, "process")[0] is None
    assert_same_answer(anchored, "process")
    assert_same_answer(literal, "process")
