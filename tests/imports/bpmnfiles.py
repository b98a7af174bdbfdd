"""Small BPMN files for the import tests, written the way modelling tools write them, and a way to import them.

`definitions()` wraps a body of BPMN elements (written with the `bpmn:` prefix) in a `definitions` root;
`prefix` rewrites that prefix as another tool spells it (`bpmn2`, `semantic`, or '' for the default
namespace), `encoding` writes the file in another encoding, declared in its XML declaration. `targets()`
reads a written process's `next` by step names, so that tests do not depend on the ids made from them.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

from svcmap.catalog import reader

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def definitions(body: str, prefix: str = "bpmn", encoding: str = "UTF-8", exporter: str = "") -> bytes:
    """A BPMN file: `body` (elements with the `bpmn:` prefix) inside `definitions`, as `prefix` spells it."""
    body = textwrap.dedent(body).strip("\n")
    if prefix != "bpmn":
        replacement = f"{prefix}:" if prefix else ""
        body = re.sub(r"(</?)bpmn:", lambda match: match.group(1) + replacement, body)
    declaration = f'xmlns:{prefix}="{MODEL}"' if prefix else f'xmlns="{MODEL}"'
    tag = f"{prefix}:definitions" if prefix else "definitions"
    tool = f' exporter="{exporter}"' if exporter else ""
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<{tag} {declaration} id="Definitions_1" targetNamespace="http://example.org/bpmn"{tool}>\n'
        f"{textwrap.indent(body, '  ')}\n</{tag}>\n"
    )
    return text.encode(encoding)


def catalog_root(tmp_path: Path, name: str = "catalog-root") -> Path:
    """A copy of tests/fixtures/minimal: units onthaal (front), burgerzaken (front), politie (back, external)."""
    root = tmp_path / name
    shutil.copytree(FIXTURES / "minimal", root)
    return root


def read_yaml(path: Path) -> dict[str, Any]:
    return dict(reader.load(path.read_text(encoding="utf-8")))


def steps_by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["name"]: step for step in data["steps"]}


def targets(data: dict[str, Any], name: str) -> list[tuple[str, str | None]]:
    """A step's `next` as (target name, when) pairs: what the tests compare, ids aside."""
    names = {step["id"]: step["name"] for step in data["steps"]}
    following = steps_by_name(data)[name].get("next")
    if following is None:
        return []
    if isinstance(following, str):
        return [(names[following], None)]
    return [
        (names[item], None) if isinstance(item, str) else (names[item["to"]], item.get("when")) for item in following
    ]


SIMPLE = """
    <bpmn:process id="Process_1" name="Melding behandelen" isExecutable="false">
      <bpmn:startEvent id="Start_1"/>
      <bpmn:task id="Task_1" name="Melding registreren"/>
      <bpmn:task id="Task_2" name="Melding afhandelen"/>
      <bpmn:endEvent id="End_1"/>
      <bpmn:sequenceFlow id="F1" sourceRef="Start_1" targetRef="Task_1"/>
      <bpmn:sequenceFlow id="F2" sourceRef="Task_1" targetRef="Task_2"/>
      <bpmn:sequenceFlow id="F3" sourceRef="Task_2" targetRef="End_1"/>
    </bpmn:process>
    """
"""Two tasks in a row, no collaboration, no lanes, no diagram."""
