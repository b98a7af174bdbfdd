"""A bad `.svcmap.yaml` is a usage error at `path:line:col`, never a crash; prefixes select as the README says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcmap.config import CONFIG_FILE, Config, load_config
from svcmap.errors import SvcmapError
from svcmap.findings import Severity


def config(tmp_path: Path, text: str) -> Config:
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def refused_at(tmp_path: Path, text: str) -> tuple[int, int]:
    """The line and column a refused config's message points at (after `path:`)."""
    with pytest.raises(SvcmapError) as caught:
        config(tmp_path, text)
    prefix = f"{tmp_path / CONFIG_FILE}:"
    assert caught.value.message.startswith(prefix)
    found = re.match(r"(\d+):(\d+): ", caught.value.message.removeprefix(prefix))
    assert found, caught.value.message
    return int(found[1]), int(found[2])


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("thresholds: {1: 2}\n", (1, 14)),
        ("1: x\n", (1, 1)),
        ("cache: true\ntrue: x\n", (2, 1)),
        ("thresholds: {~: 2}\n", (1, 14)),
        ("thresholds:\n  SVC301: 3\n  null: 2\n", (3, 3)),
        ("severity: {1.5: error}\n", (1, 12)),
        ("select: [SVC]\n0x10: [a]\n", (2, 1)),
    ],
)
def test_a_key_that_is_not_text_is_refused_at_the_key(tmp_path: Path, text: str, position: tuple[int, int]) -> None:
    assert refused_at(tmp_path, text) == position


@pytest.mark.parametrize("code", ["SVC", "SVC3", "SVC30", "SVC301"])
def test_codes_and_prefixes_select(tmp_path: Path, code: str) -> None:
    """The README's own example is `select: [SVC]`; `--select SVC` takes it too."""
    assert config(tmp_path, f"select: [{code}]\nignore: [{code}]\n") == Config(select=(code,), ignore=(code,))


def test_prefixes_set_severity_and_thresholds(tmp_path: Path) -> None:
    loaded = config(tmp_path, "severity: {SVC3: error}\nthresholds: {SVC30: 4}\n")
    assert loaded.severity == {"SVC3": Severity.ERROR} and loaded.thresholds == {"SVC30": 4}


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("select: [SVC3011]\n", (1, 10)),
        ("select: [svc3]\n", (1, 10)),
        ("ignore: [SVC105, X]\n", (1, 18)),
        ("severity: {SVC-1: error}\n", (1, 12)),
        ("thresholds: {301: 2}\n", (1, 14)),
    ],
)
def test_a_malformed_code_is_refused_at_the_code(tmp_path: Path, text: str, position: tuple[int, int]) -> None:
    assert refused_at(tmp_path, text) == position


def test_the_message_about_a_malformed_code_speaks_of_rule_codes(tmp_path: Path) -> None:
    """It used to say "is not a valid id", the words for catalog ids, and offer `parkeerkaart-bewoner`."""
    with pytest.raises(SvcmapError) as caught:
        config(tmp_path, "select: [svc3]\n")
    assert "rule code" in caught.value.message and " id" not in caught.value.message


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("select: [SVC9]\n", (1, 10)),
        ("ignore: [SVC105]\nseverity:\n  SVC999: error\n", (3, 3)),
        ("thresholds: {SVC301: 2, SVC1: 3}\n", (1, 25)),
    ],
)
def test_a_code_that_reaches_no_rule_is_refused_at_the_code(
    tmp_path: Path, text: str, position: tuple[int, int]
) -> None:
    assert refused_at(tmp_path, text) == position


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("thresholds: {SVC301: .inf}\n", (1, 22)),
        ("cache: \x1b\n", (1, 8)),
        ("select: [SVC\n", (2, 1)),
        ("- SVC\n", (1, 1)),
    ],
)
def test_other_faults_have_a_position(tmp_path: Path, text: str, position: tuple[int, int]) -> None:
    assert refused_at(tmp_path, text) == position


def test_cli_reports_a_non_text_key_as_a_usage_error(catalog, cli) -> None:
    root = catalog({".svcmap.yaml": "thresholds:\n  1: 2\n"})
    result = cli("validate", str(root))
    assert result.exit_code == 2
    assert ".svcmap.yaml:2:3:" in result.stderr and "Traceback" not in result.stderr


def test_cli_takes_the_readme_example(catalog, cli) -> None:
    config_text = (
        "select: [SVC]\nignore: [SVC105]\nseverity: {SVC301: error}\nthresholds: {SVC301: 3, SVC303: 2}\ncache: true\n"
    )
    assert cli("validate", str(catalog({".svcmap.yaml": config_text}))).exit_code == 0
