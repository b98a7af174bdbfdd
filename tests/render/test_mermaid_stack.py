"""The structure that steers Mermaid's layout: lanes in pairs, anchors at both ends, an origin for one band."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from svcmap.render import mermaid, mermaid_stack
from svcmap.render.layout import Lane, layout_process, products_of
from svcmap.render.mermaid_stack import Group
from tests.render.helpers import fixture_layout, load, write_catalog


def _lanes(count: int) -> list[Lane]:
    lane = fixture_layout("small").lanes[0]
    return [replace(lane, id=f"back:u{index}", unit_id=f"u{index}", office="back") for index in range(count)]


def _leaves(parts, depth: int = 0):
    for part in parts:
        if isinstance(part, Group):
            assert 1 <= len(part.parts) <= 2, part.id
            yield from _leaves(part.parts, depth + 1)
        else:
            yield part, depth


@pytest.mark.parametrize("count", range(1, 12))
def test_lanes_go_in_pairs_all_equally_deep_in_order(count: int) -> None:
    lanes = _lanes(count)
    parts = mermaid_stack.band_parts(lanes)
    assert len(parts) <= 2
    leaves = list(_leaves(parts))
    assert [lane for lane, _ in leaves] == lanes
    assert len({depth for _, depth in leaves}) == 1
    assert (count <= 2) == all(isinstance(part, Lane) for part in parts)
    ids = [group.id for group in mermaid_stack.groups(parts)]
    assert len(ids) == len(set(ids))


def test_groups_are_declared_bottom_up_and_not_drawn(tmp_path: Path) -> None:
    units = [{"id": f"dienst-{index}", "name": f"Dienst {index}", "office": "back"} for index in range(3)]
    units.insert(0, {"id": "onthaal", "name": "Onthaal", "office": "front"})
    steps = [{"id": "vraag", "name": "Vraag", "unit": "onthaal", "channel": "web", "next": "s0"}]
    steps += [
        {"id": f"s{index}", "name": f"Stap {index}", "unit": f"dienst-{index}", "next": f"s{index + 1}"}
        for index in range(2)
    ]
    steps.append({"id": "s2", "name": "Stap 2", "unit": "dienst-2"})
    catalog = load(write_catalog(tmp_path, units, steps))
    text = mermaid.to_mermaid(layout_process(catalog, catalog.processes["proces"]))
    subgraphs = [line.split()[1].split("[")[0] for line in text.splitlines() if line.strip().startswith("subgraph ")]
    assert subgraphs == [
        "n_band_back",
        "n_group_1_back_dienst_2",
        "n_lane_back_dienst_2",
        "n_group_1_back_dienst_0",
        "n_lane_back_dienst_1",
        "n_lane_back_dienst_0",
        "n_band_front",
        "n_lane_front_onthaal",
    ]
    assert '    subgraph n_group_1_back_dienst_0[" "]' in text.splitlines()
    assert "  style n_group_1_back_dienst_0 fill:none,stroke:none" in text.splitlines()
    assert "n_anchor_origin" not in text
    assert "n_anchor_loop_ends" not in text  # no step here only leads back


def test_one_band_gets_an_origin_outside_it(tmp_path: Path) -> None:
    units = [{"id": "burgerzaken", "name": "Burgerzaken", "office": "back"}]
    steps = [{"id": "registratie", "name": "Registratie", "unit": "burgerzaken"}]
    catalog = load(write_catalog(tmp_path, units, steps))
    layout = layout_process(catalog, catalog.processes["proces"], products_of(catalog, "proces"))
    lines = mermaid.to_mermaid(layout).splitlines()
    assert "n_band_front" not in "\n".join(lines)
    assert '  n_anchor_origin[" "]' in lines  # at the top level, outside the band
    assert "  n_anchor_origin ~~~ n_start" in lines
    assert mermaid_stack.anchor_links(layout)[0] == (mermaid_stack.ORIGIN, "start")
