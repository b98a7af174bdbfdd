"""Every message of the trajectory (its diagram, `render --life-event`, the menukaart page) has its Dutch."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.pofile import read_po

SVCMAP = Path(__file__).resolve().parents[2] / "svcmap"
PO = SVCMAP / "locale" / "nl" / "LC_MESSAGES" / "trajectory.po"
MODULES = ("render/trajectory.py", "reporters/site/lifeevent.py")
"""The trajectory's own modules: every message in them is this area's."""
ELSEWHERE = (
    "on to the next product",
    "no life event with id {id!r}{hint}",
    "`svcmap analyze --by life-event` lists them",
    "life event {id!r} has nothing to draw: none of its products has a process",
    "give ids or --life-event, or --all, not both",
    "give one or more product or process ids, --life-event ID, or --all",
)
"""Its messages in modules other areas share (graphviz.py, diagrams.py, cli/render.py)."""


def messages(source: str) -> set[str]:
    """The message ids a module passes to `_`, `N_` and `ngettext` (both forms of a plural)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "ngettext"):
            found |= {arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    return found


def test_every_trajectory_message_is_translated() -> None:
    with PO.open("rb") as file:
        catalog = read_po(file, locale="nl")
    translated = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings):
            translated |= set(ids)
    wanted = set(ELSEWHERE).union(*(messages((SVCMAP / module).read_text(encoding="utf-8")) for module in MODULES))
    assert len(wanted) > 40
    assert sorted(wanted - translated) == []
