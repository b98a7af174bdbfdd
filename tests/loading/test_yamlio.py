"""The positional YAML reader: YAML 1.2 scalars, positions, and agreement with a plain safe load."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from svcmap.catalog import reader


def test_yaml_12_core_schema_scalars() -> None:
    data = reader.load("a: no\nb: yes\nc: 0o17\nd: 0x1F\ne: 1.5e3\nf: ~\ng: 2024-01-01\nh: true\ni: '12'\nj: 012\n")
    assert data == {
        "a": "no",
        "b": "yes",
        "c": 15,
        "d": 31,
        "e": 1500.0,
        "f": None,
        "g": "2024-01-01",
        "h": True,
        "i": "12",
        "j": 12,
    }


def test_positions_of_keys_values_and_items() -> None:
    data = reader.load("id: x\nsteps:\n  - id: a\n    next: [b, c]\n")
    assert (data.line, data.column) == (1, 1)
    assert data.key_pos["steps"] == (2, 1)
    step = data["steps"][0]
    assert data["steps"].item_pos[0] == (3, 5)
    assert step.value_pos["next"] == (4, 11)
    assert step["next"].item_pos == [(4, 12), (4, 15)]


printable = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
scalars = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.text(alphabet=printable, max_size=30),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(printable, max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(deadline=None)  # the first example imports ruamel.yaml: 270 ms on a loaded machine, past the 200 ms default
@given(st.dictionaries(st.text(printable, min_size=1, max_size=8), documents, min_size=1, max_size=5))
def test_load_agrees_with_a_json_compatible_dump(data: dict) -> None:
    """Whatever a YAML 1.2 emitter (ruamel.yaml, the writer of `fmt`) writes, we read back the same data."""
    from ruamel.yaml import YAML

    buffer = io.StringIO()
    emitter = YAML(typ="safe", pure=True)
    emitter.default_flow_style = False  # libyaml and YAML 1.2 disagree on plain `?x`, `:x` inside [] and {}
    emitter.dump(data, buffer)
    text = buffer.getvalue()
    assert reader.load(text) == data
