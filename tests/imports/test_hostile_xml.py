"""Hostile and broken files (issue 11, item 4): a clear error with `file:line:col` (an input that cannot be
read: exit 1), nothing read from outside the file, no entity expanded, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcmap.imports.bpmn import read_definitions
from svcmap.imports.xmlsafe import UnreadableInput, read_xml
from tests.imports.bpmnfiles import SIMPLE, definitions

SECRET = "svcmap-secret-4711"

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY secret SYSTEM "file://SECRET_FILE">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <process id="P"><task id="T" name="&secret;"/></process>
</definitions>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <process id="P"><task id="T" name="&lol9;"/></process>
</definitions>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!-- a model -->
<!DOCTYPE definitions SYSTEM "http://127.0.0.1:9/bpmn.dtd">
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>
"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>
"""

CASES = {
    "xxe": (XXE, r"2:1: a DTD \(<!DOCTYPE …>\) is refused"),
    "billion-laughs": (BILLION_LAUGHS, r"2:1: a DTD \(<!DOCTYPE …>\) is refused"),
    "external-dtd": (EXTERNAL_DTD, r"3:1: a DTD \(<!DOCTYPE …>\) is refused"),
    "parameter-entity": (PARAMETER_ENTITY, r"2:1: a DTD \(<!DOCTYPE …>\) is refused"),
    "utf16-dtd": ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE d []><d/>'.encode("utf-16"), r"2:1: a DTD"),
    "not-xml": (
        b"Procesbeschrijving: eerst het onthaal, dan de dienst.\n",
        r"1:1: not readable XML: Start tag expected",
    ),
    "empty": (b"", r"1:1: not readable XML: Document is empty"),
    "json": (b'{"definitions": []}', r"1:1: not readable XML"),
    "unclosed": (
        b"<definitions>\n  <process>\n</definitions>\n",
        r"3:\d+: not readable XML: Opening and ending tag mismatch",
    ),
    "undefined-entity": (
        b"<definitions>\n  <task name='&nope;'/>\n</definitions>",
        r"2:\d+: not readable XML: Entity 'nope' not",
    ),
    "bad-utf8": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<d name="caf\xe9"/>',
        r"2:\d+: not readable XML: .*encoding",
    ),
    "unknown-encoding": (b'<?xml version="1.0" encoding="x-klingon"?><d/>', r"1:\d+: not readable XML: .*encoding"),
    "wrong-root": (
        b'<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"/>',
        r"2:1: not BPMN 2.0: the root element is \{http://maven.apache.org/POM/4.0.0\}project",
    ),
    "dmn-root": (
        b'<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"/>',
        r"1:1: not BPMN 2.0: the root element is \{https://www.omg.org/spec/DMN/20191111/MODEL/\}definitions",
    ),
    "too-deep": (b"<a>" * 300 + b"</a>" * 300, r"1:\d+: not readable XML: .*[Ee]xcessive depth"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_or_broken_file_is_an_error_at_its_position(tmp_path: Path, case: str) -> None:
    data, expected = CASES[case]
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    path = tmp_path / f"{case}.bpmn"
    path.write_bytes(data.replace(b"SECRET_FILE", str(secret).encode()))
    with pytest.raises(UnreadableInput) as raised:
        read_definitions(read_xml(path, path.name), path.name)
    assert re.match(rf"{re.escape(path.name)}:{expected}", raised.value.message), raised.value.message
    assert SECRET not in raised.value.message
    assert raised.value.exit_code == 1


def test_a_file_over_the_cap_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.bpmn"
    path.write_bytes(definitions(SIMPLE) + b"<!--" + b" " * 2048 + b"-->")
    with pytest.raises(UnreadableInput, match=r"huge.bpmn:1:1: larger than 0 MiB"):
        read_xml(path, "huge.bpmn", max_bytes=2048)
    assert read_xml(path, "huge.bpmn", max_bytes=4 * 2048) is not None


def test_the_default_cap_is_16_mib(tmp_path: Path) -> None:
    path = tmp_path / "huge.bpmn"
    with path.open("wb") as stream:
        stream.write(definitions(SIMPLE))
        stream.write(b"<!--" + b"x" * (16 * 1024 * 1024) + b"-->")
    with pytest.raises(UnreadableInput, match=r"larger than 16 MiB"):
        read_xml(path, "huge.bpmn")


def test_a_missing_file_or_a_folder_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match=r"^gone.bpmn: cannot read it: No such file"):
        read_xml(tmp_path / "gone.bpmn", "gone.bpmn")
    with pytest.raises(UnreadableInput, match=r"^folder: a folder, not a file"):
        read_xml(tmp_path, "folder")
