"""Inline suppression comments: only a real YAML comment silences a finding."""

from __future__ import annotations

from svcmap.catalog.directives import ALL, ignore_directives
from tests.conftest import codes

STEP_WITH_CHANNEL = """
id: adreswijziging
name: Adreswijziging behandelen
steps:
  - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: woonstcontrole}
  - {id: woonstcontrole, name: Woonstcontrole, unit: politie, next: registratie}
  - id: registratie
    name: {name}
    unit: burgerzaken
    channel: mail{comment}
"""


def test_codes_by_line_and_a_bare_ignore() -> None:
    text = "a: 1  # svcmap: ignore[svc302, SVC401]\nb: 2\nc: 3 # svcmap: ignore\n"
    assert ignore_directives(text) == {1: ("SVC302", "SVC401"), 3: ALL}


def test_a_directive_inside_a_quoted_string_is_text() -> None:
    assert ignore_directives('name: "Aanvraag # svcmap: ignore[SVC401]"\n') == {}
    assert ignore_directives("name: 'Aanvraag # svcmap: ignore'\n") == {}


def test_a_directive_in_a_block_scalar_is_text_but_one_on_its_header_is_a_comment() -> None:
    text = "a: |  # svcmap: ignore[SVC001]\n  line # svcmap: ignore[SVC002]\nb: 1\n"
    assert ignore_directives(text) == {1: ("SVC001",)}


def test_a_quoted_directive_silences_nothing_through_validate(catalog) -> None:
    # the step on one line: SVC401 points at its `channel`, on the line that holds the quoted text
    one_line = '  - {id: registratie, name: "R # svcmap: ignore[SVC401]", unit: burgerzaken, channel: mail}\n'
    text = STEP_WITH_CHANNEL.split("  - id: registratie")[0].lstrip("\n") + one_line
    root = catalog({"processes/adreswijziging.yaml": text})
    assert ("SVC401", 6) in [(code, line) for code, _, line, _ in codes(root)]


def test_a_real_comment_silences_its_line(catalog) -> None:
    text = STEP_WITH_CHANNEL.replace("{name}", "Registratie").replace(
        "{comment}", "  # svcmap: ignore[SVC401] uitzondering"
    )
    root = catalog({"processes/adreswijziging.yaml": text})
    assert not any(code == "SVC401" for code, _, _, _ in codes(root))
