"""The CI formats through `svcmap validate --format`: same exit codes as text, output readable by its consumer."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from tests.reporters.catalogs import FILES


@pytest.mark.parametrize("output_format", ["sarif", "junit", "github", "gitlab"])
def test_ci_formats_exit_like_text(catalog, cli, output_format: str) -> None:
    assert cli("validate", str(catalog()), "--no-cache", "--format", output_format).exit_code == 0
    assert cli("validate", str(catalog(FILES)), "--no-cache", "--format", output_format).exit_code == 1


def test_the_outputs_parse(catalog, cli) -> None:
    root = str(catalog(FILES))
    assert json.loads(cli("validate", root, "--no-cache", "--format", "sarif").output)["version"] == "2.1.0"
    assert (
        ElementTree.fromstring(cli("validate", root, "--no-cache", "--format", "junit").output.encode()).tag
        == "testsuites"
    )
    assert cli("validate", root, "--no-cache", "--format", "github").output.startswith("::error file=")


def test_junit_from_the_cache_still_lists_every_file(catalog, cli) -> None:
    root = str(catalog(FILES))
    cold = cli("validate", root, "--format", "junit").output
    warm = cli("validate", root, "--format", "junit").output
    assert warm == cold and cold.count("<testcase ") == 5
