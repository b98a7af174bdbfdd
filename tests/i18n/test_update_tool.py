"""tools/i18n/update.py: an area's new message ids are appended to its .po untranslated, nothing else moves."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

from babel.messages.pofile import read_po

TOOL = Path(__file__).resolve().parents[2] / "tools" / "i18n" / "update.py"
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)


def load_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_new_ids_are_added_and_translations_kept(tmp_path: Path) -> None:
    code = tmp_path / "code.py"
    code.write_text(
        textwrap.dedent(
            """
            from svcmap.i18n import N_, _, ngettext
            LABEL = N_("handoffs")
            def say(n):
                return _("unit {unit!r} is "
                         "unknown"), ngettext("{count} step", "{count} steps", n), _("kept")
            """
        ),
        encoding="utf-8",
    )
    po = tmp_path / "area.po"
    kept = '\nmsgid "kept"\nmsgstr "behouden"\n'
    po.write_text(HEADER + kept, encoding="utf-8")
    added = load_tool().update("area", [code], locale=tmp_path)
    assert added == [("handoffs", None), ("unit {unit!r} is unknown", None), ("{count} step", "{count} steps")]
    text = po.read_text(encoding="utf-8")
    assert text.startswith(HEADER + kept)
    with po.open("rb") as file:
        entries = {message.id: message.string for message in read_po(file) if message.id}
    assert entries == {
        "kept": "behouden",
        "handoffs": "",
        "unit {unit!r} is unknown": "",
        ("{count} step", "{count} steps"): ("", ""),
    }
    assert f"#: {code}:3" in text
    assert load_tool().update("area", [code], locale=tmp_path) == []  # a second run adds nothing


def test_the_rules_area_takes_the_rules_documentation() -> None:
    tool = load_tool()
    messages = tool.area_messages([tool.REPOSITORY / "svcmap" / "rules"])
    assert ("Why is this bad?", None) in messages
    assert ("Work goes from one unit to another and straight back again (ping-pong).", None) in messages
    assert ("Why is this bad?", None) not in tool.area_messages([tool.REPOSITORY / "svcmap" / "config.py"])
