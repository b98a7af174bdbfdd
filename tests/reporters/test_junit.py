"""`validate --format junit`: the testsuites > testsuite > testcase > failure shape CI readers take in."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.findings import Finding, Severity
from svcmap.reporters.findings import junit
from svcmap.rules.engine import ValidationResult, validate
from tests.reporters.catalogs import BROKEN_PRODUCT, UNUSED_PROCESS, with_findings

ALL_FILES = [
    "catalog/organisation.yaml",
    "catalog/products/adreswijziging.yaml",
    BROKEN_PRODUCT,
    "processes/adreswijziging.yaml",
    UNUSED_PROCESS,
]


def parse(text: str) -> ElementTree.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ElementTree.fromstring(text.encode("utf-8"))


def test_one_test_case_per_file_passing_ones_included(catalog) -> None:
    root = parse(junit(with_findings(catalog)))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == ALL_FILES
    assert [case.get("file") for case in cases] == ALL_FILES
    assert [case.get("classname") for case in cases] == [
        "catalog",
        "catalog.products",
        "catalog.products",
        "processes",
        "processes",
    ]


def test_a_failure_per_finding_with_code_message_and_place(catalog) -> None:
    suite = parse(junit(with_findings(catalog))).find("testsuite")
    failures = {
        case.get("name"): [
            (f.get("type"), f.get("message").split()[0], f.text.split(": ")[0]) for f in case.findall("failure")
        ]
        for case in suite.findall("testcase")
    }
    assert failures == {
        "catalog/organisation.yaml": [],
        "catalog/products/adreswijziging.yaml": [],
        BROKEN_PRODUCT: [("SVC001", "SVC001", f"{BROKEN_PRODUCT}:3:1")],
        "processes/adreswijziging.yaml": [],
        UNUSED_PROCESS: [("SVC105", "SVC105", f"{UNUSED_PROCESS}:1:1"), ("SVC101", "SVC101", f"{UNUSED_PROCESS}:4:53")],
    }
    case = suite.find(f"testcase[@name='{UNUSED_PROCESS}']")
    assert case.find("system-out").text.splitlines()[1].startswith(f"{UNUSED_PROCESS}:4:53: SVC101 ")


def test_suite_counts_agree_with_the_cases(catalog) -> None:
    root = parse(junit(with_findings(catalog)))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failed = [case for case in cases if case.find("failure") is not None]
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors"), element.get("skipped")) == (
            str(len(cases)),
            str(len(failed)),
            "0",
            "0",
        )
    assert (len(cases), len(failed)) == (5, 2)


def test_a_clean_catalog_is_all_passing_cases(catalog) -> None:
    root = parse(junit(validate(FolderSource(catalog()), Config())))
    assert root.get("tests") == "3" and root.get("failures") == "0"
    assert root.findall(".//failure") == []


def test_markup_and_forbidden_characters_in_messages_are_escaped() -> None:
    finding = Finding("SVC101", Severity.ERROR, 'unit <b>&"x"</b> \x0b\x1b', "processes/a.yaml", 2, 3, "process:a")
    root = parse(junit(ValidationResult([finding], 1, 0, 1, ("processes/a.yaml",))))
    failure = root.find(".//failure")
    assert failure.get("message") == 'SVC101 unit <b>&"x"</b> \ufffd\ufffd'
    assert failure.text.startswith('processes/a.yaml:2:3: SVC101 unit <b>&"x"</b>')


def test_a_finding_in_a_file_that_was_never_read_still_gets_a_case() -> None:
    finding = Finding("SVC004", Severity.ERROR, "no catalog", "catalog/organisation.yaml", 1, 1, "organisation")
    root = parse(junit(ValidationResult([finding], 0, 0, 0, ())))
    assert [case.get("name") for case in root.iter("testcase")] == ["catalog/organisation.yaml"]
    assert root.get("failures") == "1"
