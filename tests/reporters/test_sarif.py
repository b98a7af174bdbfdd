"""`validate --format sarif`: valid SARIF 2.1.0 (checked against the official schema) that says all we know."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema

from svcmap import __version__
from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.reporters.findings import sarif
from svcmap.rules.engine import validate
from svcmap.rules.registry import RULES
from tests.reporters.catalogs import BROKEN_PRODUCT, FILES, UNUSED_PROCESS, with_findings

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@cache
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(log: dict) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda error: list(error.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_sarif_with_findings_is_valid_against_the_official_schema(catalog) -> None:
    assert_valid(json.loads(sarif(with_findings(catalog))))


def test_sarif_of_a_clean_catalog_is_valid_and_has_no_results(catalog) -> None:
    log = json.loads(sarif(validate(FolderSource(catalog()), Config())))
    assert_valid(log)
    assert log["runs"][0]["results"] == []


def test_the_driver_lists_every_rule_with_its_documentation(catalog) -> None:
    driver = json.loads(sarif(with_findings(catalog)))["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("svcmap", __version__)
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        source = RULES[rule["id"]]
        assert rule["name"] == source.name
        assert rule["shortDescription"]["text"] == source.summary
        assert rule["help"]["markdown"] == source.doc
        assert rule["fullDescription"]["text"] and "##" not in rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] == source.severity.value


def test_results_point_at_the_rule_and_the_root_relative_place(catalog) -> None:
    run = json.loads(sarif(with_findings(catalog)))["runs"][0]
    located = []
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = physical["region"]
        located.append((result["ruleId"], result["level"], physical["artifactLocation"]["uri"], region["startLine"]))
    assert located == [
        ("SVC001", "error", BROKEN_PRODUCT, 3),
        ("SVC105", "warning", UNUSED_PROCESS, 1),
        ("SVC101", "error", UNUSED_PROCESS, 4),
    ]


def test_fingerprints_survive_lines_moving_and_tell_findings_apart(catalog) -> None:
    before = json.loads(sarif(with_findings(catalog)))["runs"][0]["results"]
    root = catalog(
        {UNUSED_PROCESS: "# een regel erbij\n\n" + FILES[UNUSED_PROCESS].replace("\n        ", "\n").strip() + "\n"}
    )
    after = json.loads(sarif(validate(FolderSource(root), Config())))["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after][1:] == [3, 6]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert len({r["partialFingerprints"]["svcmapFinding/v1"] for r in before}) == len(before)
