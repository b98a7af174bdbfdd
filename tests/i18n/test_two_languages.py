"""An English and a Dutch `validate` of the same catalog differ only in words: the same exit code, lines,
codes, places, subjects, severities and numbers in every format, and messages that are really in Dutch."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import FIXTURES, write_files

EXAMPLE = Path(__file__).resolve().parents[2]
"""The repository's root is the example catalog, Gemeente Voorbeeld."""

BROKEN: dict[str, dict[str, str | bytes | None]] = {
    "yaml-syntax": {"catalog/products/adreswijziging.yaml": "id: adreswijziging\nname: [Adreswijziging\n"},
    "schema": {
        "catalog/products/adreswijziging.yaml": """
            id: adreswijziging
            name: Adreswijziging doorgeven
            owner: burgerzaken
            process: adreswijziging
            chanels: [web]
            status: Active
            lead_time_days: -3
            """,
        "catalog/products/parkeerkaart.yaml": "- id: parkeerkaart\n",
    },
    "unknown-reference": {
        "catalog/products/adreswijziging.yaml": """
            id: adreswijziging
            name: Adreswijziging doorgeven
            owner: burgerzakn
            process: adreswijzigin
            channels: [web, counter]
            """,
        "catalog/products/parkeerkaart.yaml": "id: parkeerkaart\nname: P\nowner: burgerzaken\nchannels: [web]\n",
    },
}
"""Catalogs made from tests/fixtures/minimal: a YAML syntax error, schema errors, references that lead nowhere."""

FORMATS = ("text", "json", "sarif", "junit", "github")
FINDING_LINE = re.compile(r"(?P<place>[^\s:]+:\d+:\d+): (?P<code>SVC\d{3}) (?P<message>.*)")
GITHUB_LINE = re.compile(r"::(?P<command>error|warning) (?P<properties>[^:]*(?:%3A[^:]*)*)::(?P<message>.*)")


def broken_catalog(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURES / "minimal", root)
    return write_files(root, BROKEN[name])


FINGERPRINT = re.compile(r'"svcmapFinding/v1": "[0-9a-f]+:')


def numbers(text: str) -> list[str]:
    """The numbers of a report, outside SARIF's fingerprints: those digest the message, words and all (so a
    catalog that changes its language gets new fingerprints once, as for any change of wording)."""
    return re.findall(r"\d+", FINGERPRINT.sub("", text))


def parse(format: str, output: str) -> tuple[Any, list[str]]:
    """What must be the same in both languages, and the messages (which must not)."""
    lines = output.splitlines()
    if format == "text":
        found = [FINDING_LINE.fullmatch(line) for line in lines[:-1]]
        assert all(found), lines
        return [(m["place"], m["code"]) for m in found if m], [m["message"] for m in found if m]
    if format == "github":
        found = [GITHUB_LINE.fullmatch(line) for line in lines[:-1]]
        assert all(found), lines
        return [(m["command"], m["properties"]) for m in found if m], [m["message"] for m in found if m]
    if format == "json":
        document = json.loads(output)
        findings = document["findings"]
        same = [{key: value for key, value in finding.items() if key != "message"} for finding in findings]
        return (document["summary"], same), [finding["message"] for finding in findings]
    if format == "sarif":
        run = json.loads(output)["runs"][0]
        rules = [(rule["id"], rule["name"], rule["defaultConfiguration"]) for rule in run["tool"]["driver"]["rules"]]
        results = [
            (result["ruleId"], result["ruleIndex"], result["level"], result["locations"]) for result in run["results"]
        ]
        return (rules, results), [result["message"]["text"] for result in run["results"]]
    tree = ElementTree.fromstring(output)  # junit
    cases = [
        (case.get("name"), case.get("classname"), [failure.get("type") for failure in case.iter("failure")])
        for case in tree.iter("testcase")
    ]
    return (tree.attrib, cases), [failure.get("message") or "" for failure in tree.iter("failure")]


def both(cli: Callable[..., Result], root: Path, format: str) -> tuple[Result, Result]:
    english, dutch = (
        cli("--lang", lang, "validate", "--no-cache", "--format", format, str(root)) for lang in ("en", "nl")
    )
    return english, dutch


def assert_only_words_differ(english: Result, dutch: Result, format: str) -> None:
    assert english.exit_code == dutch.exit_code
    assert len(english.output.splitlines()) == len(dutch.output.splitlines())
    assert numbers(english.output) == numbers(dutch.output)
    same_en, messages_en = parse(format, english.output)
    same_nl, messages_nl = parse(format, dutch.output)
    assert same_en == same_nl
    assert len(messages_en) == len(messages_nl)
    unchanged = [message for message, dutch_message in zip(messages_en, messages_nl) if message == dutch_message]
    assert not unchanged, f"not translated: {unchanged}"


@pytest.mark.parametrize("format", FORMATS)
def test_the_example_catalog_in_two_languages(cli: Callable[..., Result], format: str) -> None:
    english, dutch = both(cli, EXAMPLE, format)
    assert english.exit_code == 0
    assert_only_words_differ(english, dutch, format)
    if format in ("text", "github"):
        assert re.fullmatch(
            r"0 errors, \d+ warnings in \d+ files \(\d+ products, \d+ processes\)", english.output.splitlines()[-1]
        )
        assert re.fullmatch(
            r"0 fouten, \d+ waarschuwingen in \d+ bestanden \(\d+ producten, \d+ processen\)",
            dutch.output.splitlines()[-1],
        )


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_broken_catalog_in_two_languages(
    cli: Callable[..., Result], tmp_path: Path, broken: str, format: str
) -> None:
    english, dutch = both(cli, broken_catalog(tmp_path, broken), format)
    assert english.exit_code == 1
    assert_only_words_differ(english, dutch, format)


def test_the_broken_catalogs_say_what_is_wrong_in_dutch(cli: Callable[..., Result], tmp_path: Path) -> None:
    said = {name: both(cli, broken_catalog(tmp_path, name), "text")[1].output for name in BROKEN}
    assert "SVC001 YAML-syntaxfout:" in said["yaml-syntax"]
    assert "onbekende sleutel 'chanels'; bedoelt u 'channels'?" in said["schema"]
    assert "'Active' is niet een van de waarden: active, planned, retired; bedoelt u 'active'?" in said["schema"]
    assert "de organisatie" not in said["schema"] and "het product werd verwacht als een mapping" in said["schema"]
    assert "de onbekende dienst 'burgerzakn'; bedoelt u 'burgerzaken'?" in said["unknown-reference"]
    assert "1 fout" in said["yaml-syntax"].splitlines()[-1]
