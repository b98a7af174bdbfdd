"""Mermaid: a flowchart with a subgraph per office band and per lane, nodes inside, handoffs styled.

These read the text; tests/render/test_mermaid_js.py has Mermaid itself draw it."""

from __future__ import annotations

import re

from svcmap.render import mermaid
from svcmap.text import mermaid_text
from tests.render.helpers import fixture_layout


def _subgraphs(text: str) -> dict[str, list[str]]:
    """Each subgraph's id and the ids declared directly in it (nested subgraphs included)."""
    stack: list[str] = []
    members: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("subgraph "):
            name = stripped.split()[1].split("[")[0]
            if stack:
                members[stack[-1]].append(name)
            stack.append(name)
            members[name] = []
        elif stripped == "end":
            stack.pop()
        elif stack and re.match(r"^n_[a-z0-9_]+[\[({]", stripped):
            members[stack[-1]].append(re.match(r"^(n_[a-z0-9_]+)", stripped).group(1))
    assert not stack
    return members


def test_bands_and_lanes_are_declared_bottom_up() -> None:
    """Mermaid draws the subgraph declared last on top: the back office first, each band's last lane first."""
    text = mermaid.to_mermaid(fixture_layout("small"))
    members = _subgraphs(text)
    assert text.index("subgraph n_band_back[") < text.index("subgraph n_band_front[")
    assert members["n_band_front"] == ["n_lane_front_burgerzaken", "n_lane_front_onthaal"]
    assert members["n_band_back"] == ["n_lane_back_politie", "n_lane_back_burgerzaken"]
    assert "\nconfig:\n  layout: dagre\n---\n" in text


def test_lanes_hold_their_nodes_between_their_anchors() -> None:
    members = _subgraphs(mermaid.to_mermaid(fixture_layout("small")))
    assert members["n_lane_front_onthaal"] == [
        "n_anchor_in_front_onthaal",
        "n_start",
        "n_step_aangifte",
        "n_step_bevestiging",
        "n_end_bevestiging",
        "n_anchor_out_front_onthaal",
    ]
    assert members["n_lane_back_politie"] == [
        "n_anchor_in_back_politie",
        "n_step_controle",
        "n_gateway_controle",
        "n_anchor_out_back_politie",
        "n_anchor_loop_ends",  # the lowest lane's: the process has a step that only leads back
    ]


def test_anchors_are_linked_invisibly_after_the_flows_and_not_drawn() -> None:
    lines = mermaid.to_mermaid(fixture_layout("small")).splitlines()
    links = [line.strip() for line in lines if re.match(r"^\s+n_\S+ (-->|==>|-\.->|~~~)", line)]
    flows = [link for link in links if "~~~" not in link]
    assert links[: len(flows)] == flows  # the flows keep their numbers for linkStyle
    assert links[len(flows) :] == [
        "n_anchor_in_front_onthaal ~~~ n_step_aangifte",
        "n_end_bevestiging ~~~ n_anchor_out_front_onthaal",
        "n_anchor_in_front_burgerzaken ~~~ n_step_aangifte",
        "n_end_bevestiging ~~~ n_anchor_out_front_burgerzaken",
        "n_anchor_in_back_burgerzaken ~~~ n_step_aangifte",
        "n_end_bevestiging ~~~ n_anchor_out_back_burgerzaken",
        "n_anchor_in_back_politie ~~~ n_step_aangifte",
        "n_end_bevestiging ~~~ n_anchor_out_back_politie",
        # Bijkomende bewijzen vragen only leads back (to the check): held left of the lanes' ends as well
        "n_step_aanvulling ~~~ n_anchor_loop_ends",
        "n_anchor_loop_ends ~~~ n_anchor_out_front_onthaal",
        "n_anchor_loop_ends ~~~ n_anchor_out_front_burgerzaken",
        "n_anchor_loop_ends ~~~ n_anchor_out_back_burgerzaken",
        "n_anchor_loop_ends ~~~ n_anchor_out_back_politie",
    ]
    anchors = next(line for line in lines if line.startswith("  class n_anchor_"))
    assert anchors.endswith(" anchor") and anchors.count("n_anchor_") == 9
    assert "  classDef anchor fill:none,stroke:none" in lines


def test_flows_decisions_and_styles() -> None:
    text = mermaid.to_mermaid(fixture_layout("small"))
    lines = text.splitlines()
    assert '  n_gateway_controle -.->|"bewoond"| n_step_registratie' in lines  # external: dashed
    assert "  n_step_registratie ==> n_step_bevestiging" in lines  # a handoff: thick
    assert "  n_step_controle --> n_gateway_controle" in lines
    assert '      n_gateway_controle{"×"}' in lines
    links = [line for line in lines if re.match(r"^\s+n_\S+ (-->|==>|-\.->|~~~)", line)]
    styles = {}
    for line in lines:
        if line.strip().startswith("linkStyle "):
            _, indexes, style = line.split(maxsplit=2)
            for index in indexes.split(","):
                styles[int(index)] = style
    assert sorted(styles) == [index for index, link in enumerate(links) if "~~~" not in link]  # by its number
    silo = links.index('  n_gateway_controle -.->|"bewoond"| n_step_registratie')
    assert "stroke-width:5px" in styles[silo] and "dasharray" in styles[silo]
    assert "class n_step_controle external" in text


def test_title_holds_the_product_and_figures() -> None:
    text = mermaid.to_mermaid(fixture_layout("small"))
    assert text.startswith('---\ntitle: "Adreswijziging doorgeven — 5 handoffs · 4 silo handoffs · ')
    assert "\nflowchart LR\n" in text


def test_labels_encode_everything_but_plain_text() -> None:
    assert mermaid_text('a "b" [c] #d; <e> & `f` |g| é 😀') == (
        "a #34;b#34; #91;c#93; #35;d#59; #60;e#62; #38; #96;f#96; #124;g#124; é #128512;"
    )
