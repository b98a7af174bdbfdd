"""Any BPMN graph, however odd — loops through gateways alone, flows to nothing, boundary events on events,
names of markup, spaces or 3,000 characters, lanes without names or with nodes of other lanes — imports
without an exception into process files that svcmap reads back with no schema or reference error."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.imports.importer import import_bpmn
from svcmap.rules.engine import validate
from tests.imports.bpmnfiles import catalog_root, definitions

KINDS = ["task", "userTask", "subProcess", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
         "eventBasedGateway", "intermediateCatchEvent", "intermediateThrowEvent", "startEvent", "endEvent",
         "boundaryEvent"]  # fmt: skip
NAMES = st.one_of(
    st.just(""),
    st.sampled_from(["Aanvraag behandelen", "Aanvrager", "ja", "nee", "<b>&amp;", "Front office", "Klant", "?"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.just("lang " * 600),
)


@st.composite
def models(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 9))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(count)]
    names = [draw(NAMES) for _ in range(count)]
    elements = []
    for index, (kind, name) in enumerate(zip(kinds, names)):
        attached = f' attachedToRef="N{draw(st.integers(0, count))}"' if kind == "boundaryEvent" else ""
        trigger = "<bpmn:timerEventDefinition/>" if "Event" in kind and draw(st.booleans()) else ""
        elements.append(f'<bpmn:{kind} id="N{index}" name={quoteattr(name)}{attached}>{trigger}</bpmn:{kind}>')
    for index in range(draw(st.integers(0, 14))):
        source, target = draw(st.integers(0, count)), draw(st.integers(0, count))  # N{count} is nothing
        flow_name = quoteattr(draw(NAMES))
        elements.append(
            f'<bpmn:sequenceFlow id="F{index}" name={flow_name} sourceRef="N{source}" targetRef="N{target}"/>'
        )
    lanes = []
    for index in range(draw(st.integers(0, 3))):
        refs = "".join(f"<bpmn:flowNodeRef>N{draw(st.integers(0, count))}</bpmn:flowNodeRef>" for _ in range(3))
        lanes.append(f'<bpmn:lane id="L{index}" name={quoteattr(draw(NAMES))}>{refs}</bpmn:lane>')
    lane_set = f'<bpmn:laneSet id="LS">{"".join(lanes)}</bpmn:laneSet>' if lanes else ""
    pool = quoteattr(draw(NAMES))
    return (
        f'<bpmn:collaboration id="C"><bpmn:participant id="Pool" name={pool} processRef="P"/>'
        f'<bpmn:participant id="Other" name={quoteattr(draw(NAMES))}/>'
        f'<bpmn:messageFlow id="M" sourceRef="Other" targetRef="N{draw(st.integers(0, count))}"/></bpmn:collaboration>'
        f'<bpmn:process id="P" name={quoteattr(draw(NAMES))}>{lane_set}{"".join(elements)}</bpmn:process>'
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(models())
def test_any_graph_imports_into_files_svcmap_reads_without_error(tmp_path: Path, body: str) -> None:
    folder = tmp_path / "run"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    root = catalog_root(folder)
    path = folder / "model.bpmn"
    path.write_bytes(definitions(body))
    result = import_bpmn(root, [path])
    assert result.files[0].error == ""
    findings = validate(FolderSource(root), Config()).findings
    assert [(f.code, f.file, f.message) for f in findings if f.code < "SVC2" and f.code != "SVC105"] == []
