"""`svcmap render --life-event`: every product's process one after the other, in one set of lanes, every format."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings

from svcmap.analysis.figures import analyze
from svcmap.catalog.model import Catalog
from svcmap.render import bpmn, graphviz, mermaid
from svcmap.render.diagrams import has_trajectory, layout_of, life_event_target
from svcmap.render.layout import Layout, layout_chain
from tests.analysis.test_trajectory import life_event_catalogs
from tests.render.examples import REPOSITORY, trajectory_layouts
from tests.render.helpers import load, yaml_text

ROOT = str(REPOSITORY)
needs_dot = pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz's neato is not installed")


@pytest.fixture(scope="module")
def layouts() -> dict[str, Layout]:
    return trajectory_layouts()


def test_each_product_is_a_part_left_to_right_holding_its_own_steps(layouts: dict[str, Layout]) -> None:
    moving = layouts["verhuizen"]
    assert [(part.position, part.key) for part in moving.parts] == [
        (1, "adreswijziging"),
        (2, "afvalcontainers"),
        (3, "bewonerskaart"),
    ]
    for layout in layouts.values():
        parts = {part.position: part for part in layout.parts}
        assert all(a.box.right <= b.box.x for a, b in zip(layout.parts, layout.parts[1:]))
        assert all(a.columns[1] < b.columns[0] for a, b in zip(layout.parts, layout.parts[1:]))
        for node in layout.nodes:
            if node.kind == "start":
                continue
            part = parts[node.part]
            assert part.box.contains(node.box), (layout.process_id, node.id)
            assert node.step_id is not None and node.step_id.startswith(part.key + "--")


def test_units_share_one_lane_per_office_across_every_product(layouts: dict[str, Layout]) -> None:
    starting = layouts["horecazaak-starten"]
    lanes = [lane.id for lane in starting.lanes]
    assert len(lanes) == len(set(lanes))
    assert [lane.office for lane in starting.lanes] == sorted((lane.office for lane in starting.lanes), key="fb".find)
    signs = [node for node in starting.nodes if node.step_id and node.step_id.startswith("signalisatievergunning--")]
    permits = [node for node in starting.nodes if node.step_id and node.step_id.startswith("evenementenvergunning--")]
    assert {node.lane for node in signs} & {node.lane for node in permits}  # two products in one lane


def test_passages_lead_from_one_product_to_the_next_and_are_not_handoffs(layouts: dict[str, Layout]) -> None:
    for name, layout in layouts.items():
        parts = {node.id: node.part for node in layout.nodes}
        passages = [flow for flow in layout.flows if flow.passage]
        assert {(parts[f.source], parts[f.target]) for f in passages} == {
            (a.position, b.position) for a, b in zip(layout.parts, layout.parts[1:])
        }, name
        assert not any(flow.handoff or flow.silo or flow.external for flow in passages)
        others = [flow for flow in layout.flows if not flow.passage and flow.source != "start"]
        assert all(parts[flow.source] == parts[flow.target] for flow in others), name


def test_a_refusal_stays_an_end_where_the_trajectory_stops(layouts: dict[str, Layout]) -> None:
    """A passport can be refused: that end leads nowhere; the delivered end leads on to moving abroad."""
    abroad = layouts["naar-het-buitenland"]
    steps = load(REPOSITORY).processes["reispas"].steps
    refused = {f"reispas--{step.id}" for step in steps if step.outcome == "refused"}
    delivered = {f"reispas--{step.id}" for step in steps if step.is_end and step.outcome is None}
    ends = {node.step_id for node in abroad.nodes if node.kind == "end"}
    passages = {flow.source.removeprefix("step:") for flow in abroad.flows if flow.passage}
    assert refused and refused <= ends and not refused & passages
    assert delivered and passages == delivered and not delivered & ends


def test_the_title_states_the_life_events_own_figures(layouts: dict[str, Layout]) -> None:
    catalog = load(REPOSITORY)
    figures = analyze(catalog).life_events
    for name, layout in layouts.items():
        event = figures[name]
        shown = layout.figures
        assert (shown.handoffs, shown.silo_handoffs, shown.contact_moments, shown.units) == (
            event.handoffs,
            event.silo_handoffs,
            event.contact_moments,
            event.units,
        )
    assert layouts["verhuizen"].title == "Verhuizen naar of binnen de gemeente"
    assert layouts["verhuizen"].subtitle == "life event verhuizen: 3 products, 49 days promised in all"


def test_dot_marks_the_parts_and_the_passages(cli, layouts: dict[str, Layout]) -> None:
    result = cli("--lang", "en", "render", "--root", ROOT, "--life-event", "verhuizen", "--format", "dot")
    assert result.exit_code == 0, result.output
    dot = result.output
    assert dot.startswith('digraph "verhuizen" {')
    assert '"part:afvalcontainers"' in dot and "<B>2 · Afvalcontainers (diftar) aanvragen" in dot
    passages = [flow for flow in layouts["verhuizen"].flows if flow.passage]
    assert len(passages) == 2  # adreswijziging refused (a failed residence check) ends the trajectory there
    assert dot.count(f'color="{graphviz.PASSAGE_COLOR}", penwidth=3.2') == len(passages)
    assert "on to the next product" in dot


@pytest.mark.parametrize("output_format", ["svg", "png", "pdf", "dot", "mermaid", "bpmn"])
def test_every_format_is_written_under_a_name_no_process_can_take(cli, tmp_path: Path, output_format: str) -> None:
    if output_format in ("svg", "png", "pdf") and shutil.which("neato") is None:
        pytest.skip("Graphviz's neato is not installed")
    out = tmp_path / "out"
    args = [
        "--lang",
        "en",
        "render",
        "--root",
        ROOT,
        "--life-event",
        "kind-krijgen",
        "--format",
        output_format,
        "--out",
        str(out),
    ]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    extension = {"mermaid": "mmd"}.get(output_format, output_format)
    assert sorted(path.name for path in out.iterdir()) == [f"kind-krijgen.life-event.{extension}"]
    data = (out / f"kind-krijgen.life-event.{extension}").read_bytes()
    if output_format in ("svg", "bpmn"):
        ET.fromstring(data)
    assert data.startswith(
        {"png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph", "mermaid": b"---", "svg": b"<?xml"}.get(
            output_format, b"<?xml"
        )
    )


def test_life_events_and_ids_are_drawn_together(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(
        "--lang",
        "en",
        "render",
        "--root",
        ROOT,
        "eid",
        "--life-event",
        "verhuizen",
        "--format",
        "dot",
        "--out",
        str(out),
    )
    assert result.exit_code == 0
    assert sorted(path.name for path in out.iterdir()) == ["eid.dot", "verhuizen.life-event.dot"]


def test_an_unknown_life_event_names_close_ones_and_exits_2(cli) -> None:
    result = cli("--lang", "en", "render", "--root", ROOT, "--life-event", "verhuisen", "--format", "dot")
    assert result.exit_code == 2
    assert "no life event with id 'verhuisen'; did you mean verhuizen, verbouwen?" in result.stderr
    far = cli("--lang", "en", "render", "--root", ROOT, "--life-event", "zzz", "--format", "dot")
    assert far.exit_code == 2 and "`svcmap analyze --by life-event` lists them" in far.stderr


def test_a_life_event_without_any_process_says_so(cli, catalog) -> None:
    root = catalog(
        {
            "catalog/products/gepland.yaml": "id: gepland\nname: Gepland\nowner: burgerzaken\nstatus: planned\n"
            "channels: [web]\n",
        }
    )
    organisation = root / "catalog/organisation.yaml"
    text = organisation.read_text().replace("products: [adreswijziging]", "products: [gepland]")
    organisation.write_text(text)
    result = cli("render", "--root", str(root), "--life-event", "verhuizen", "--format", "mermaid")
    assert result.exit_code == 2
    assert "life event 'verhuizen' has nothing to draw: none of its products has a process" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "--life-event", "verhuizen"], "give ids or --life-event, or --all, not both"),
        (["--network", "--life-event", "verhuizen"], "--network draws the whole unit network"),
        (["--life-event", "verhuizen", "--life-event", "kind-krijgen"], "several diagrams need --out DIR"),
    ],
)
def test_usage_errors(cli, args: list[str], message: str) -> None:
    result = cli("--lang", "en", "render", "--root", ROOT, "--format", "dot", *args)
    assert result.exit_code == 2 and message in result.output


HOSTILE = '<b>"Aanvraag" & \'co\'</b> ]; node [image="/etc/passwd"] #quot; %% --> `tick`'


def hostile_life_event(root: Path) -> Path:
    """Two products named with markup, quotes and Graphviz and Mermaid syntax, in one life event."""
    units = [{"id": "loket", "name": HOSTILE, "office": "front"}, {"id": "dienst", "name": "Dienst", "office": "back"}]
    files = {
        "catalog/organisation.yaml": {
            "organisation": {"id": "gemeente", "name": HOSTILE},
            "units": units,
            "life_events": [{"id": "leven", "name": HOSTILE, "products": ["een", "twee"]}],
        }
    }
    for index, key in enumerate(("een", "twee")):
        files[f"catalog/products/{key}.yaml"] = {
            "id": key,
            "name": f"{HOSTILE} {index}",
            "owner": "loket",
            "process": key,
            "channels": ["web"],
            "lead_time_days": 3,
        }
        files[f"processes/{key}.yaml"] = {
            "id": key,
            "name": HOSTILE,
            "steps": [
                {"id": "vraag", "name": HOSTILE, "unit": "loket", "channel": "web", "next": "werk"},
                {"id": "werk", "name": HOSTILE, "unit": "dienst"},
            ],
        }
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml_text(data), encoding="utf-8")
    return root


def test_hostile_names_stay_text_in_every_format(tmp_path: Path) -> None:
    catalog = load(hostile_life_event(tmp_path / "hostile"))
    layout = layout_chain(catalog, life_event_target(catalog, analyze(catalog), "leven").chain)  # type: ignore[arg-type]
    dot = graphviz.to_dot(layout)
    assert "<B>1 · &lt;b&gt;&quot;Aanvraag&quot; &amp; &#x27;co&#x27;&lt;/b&gt; &#93;; node [image=&quot;" in dot
    assert 'image="' not in dot.replace('\\"', "")  # only inside the escaped tooltip string
    text = mermaid.to_mermaid(layout)
    assert '-.->|"2 #183; #60;b#62;#34;Aanvraag#34; #38;' in text  # the passage, named by the product it enters
    body = text.split("flowchart LR", 1)[1]  # the front matter's title is a JSON string
    assert "<b>" not in body and '"Aanvraag"' not in body
    values = [
        element.get("value") for element in ET.fromstring(bpmn.to_bpmn(layout)).iter(f"{{{bpmn.MODEL}}}categoryValue")
    ]
    assert values == [f"1 · {HOSTILE} 0", f"2 · {HOSTILE} 1"]
    if shutil.which("neato"):
        svg = ET.fromstring(graphviz.render(layout, "svg"))
        words = " ".join(svg.itertext())
        assert f"1 · {HOSTILE} 0"[:30] in words
        assert not [element for element in svg.iter() if element.tag.endswith("image")]


def test_later_parts_name_the_lanes_their_steps_are_in_again(layouts: dict[str, Layout]) -> None:
    """Far from the lane headers, each part but the first names the units of the lanes it has steps in, in
    their top padding, clear of every shape."""
    for name, layout in layouts.items():
        first, *later = layout.parts
        assert first.marks == ()
        for part in later:
            used = {node.lane for node in layout.nodes if node.part == part.position}
            assert {lane for lane, _ in part.marks} == used, name
            lanes = layout.lane_by_id
            for lane_id, box in part.marks:
                assert part.box.contains(box) and lanes[lane_id].box.contains(box)
                assert not any(box.inflated(3.2).overlaps(node.box.inflated(3.2)) for node in layout.nodes)
    dot = graphviz.to_dot(layouts["horecazaak-starten"])
    assert '"mark:evenementenvergunning:back:milieudienst"' in dot and "<I>Milieudienst</I>" in dot


@settings(max_examples=60, deadline=None)
@given(life_event_catalogs())
def test_random_trajectories_keep_their_parts_apart_and_connected(cat: Catalog) -> None:
    """On random life events (loops, refusals, products without a process, one listed twice): every
    step stands in its product's band, the bands follow each other, every later product is entered by a
    passage, and each format writes the picture."""
    figures = analyze(cat)
    if not has_trajectory(cat, "leven"):
        return
    layout = layout_of(cat, life_event_target(cat, figures, "leven"))
    parts = {part.position: part for part in layout.parts}
    assert all(a.box.right <= b.box.x for a, b in zip(layout.parts, layout.parts[1:]))
    for node in (*layout.nodes, *layout.joins):
        assert parts[node.part].box.contains(node.box)
    for part in layout.parts:
        for _, box in part.marks:
            assert not any(box.inflated(3.2).overlaps(node.box.inflated(3.2)) for node in layout.nodes)
    entered = {_part(layout, flow.target) for flow in layout.flows if flow.passage}
    assert entered == {part.position for part in layout.parts[1:]}
    ET.fromstring(bpmn.to_bpmn(layout))
    assert mermaid.to_mermaid(layout).count("-.->") >= len(layout.parts) - 1
    assert graphviz.to_dot(layout).count('"part:') == len(layout.parts)


def _part(layout: Layout, node_id: str) -> int:
    return next(node.part for node in layout.nodes if node.id == node_id)


def test_every_flow_of_a_trajectory_comes_routed_so_neato_routes_none(cli) -> None:
    """neato -n2 keeps an edge's `pos`; routing a trajectory's hundred shapes itself took it seconds each."""
    result = cli("--lang", "en", "render", "--root", ROOT, "--life-event", "horecazaak-starten", "--format", "dot")
    edges = [line for line in result.output.splitlines() if " -> " in line]
    assert edges and all('pos="e,' in line for line in edges)
