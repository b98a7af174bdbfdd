"""`svcmap validate` through the CLI: formats, exit codes, rule selection, config and inline suppression."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svcmap import __version__

UNUSED = "processes/zaalhuur.yaml"
UNUSED_TEXT = "id: zaalhuur\nname: Zaalhuur\nsteps:\n  - {id: a, name: Aanvraag, unit: onthaal, channel: web}\n"


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and result.output.splitlines()[0] == f"svcmap {__version__}"


def test_clean_catalog_exits_0_with_a_summary(catalog, cli) -> None:
    result = cli("validate", str(catalog()))
    assert result.exit_code == 0
    assert result.output == "0 errors, 0 warnings in 3 files (1 product, 1 process)\n"


def test_text_lines_are_file_line_col_code_message(catalog, cli) -> None:
    root = catalog({UNUSED: UNUSED_TEXT})
    result = cli("validate", str(root))
    assert result.exit_code == 0  # a warning alone does not fail
    assert result.output.splitlines()[0].startswith(f"{UNUSED}:1:1: SVC105 ")


def test_strict_fails_on_warnings(catalog, cli) -> None:
    assert cli("validate", str(catalog({UNUSED: UNUSED_TEXT})), "--strict").exit_code == 1


def test_json_has_the_spec_shape(catalog, cli) -> None:
    root = catalog({UNUSED: UNUSED_TEXT, "catalog/products/adreswijziging.yaml": "id: adreswijziging\n"})
    result = cli("validate", str(root), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert set(document) == {"summary", "findings"}
    # name, owner and channels missing; `process` is not required (SPEC §6)
    assert document["summary"] == {"errors": 3, "warnings": 1, "files": 4, "products": 0, "processes": 2}
    assert set(document["findings"][0]) == {"code", "severity", "message", "file", "line", "column", "subject"}
    assert [f["code"] for f in document["findings"]] == ["SVC002"] * 3 + ["SVC105"]


def test_select_and_ignore_by_code_and_prefix(catalog, cli) -> None:
    root = catalog({UNUSED: UNUSED_TEXT})
    assert "SVC105" not in cli("validate", str(root), "--ignore", "SVC105").output
    assert "SVC105" not in cli("validate", str(root), "--select", "SVC2").output
    assert "SVC105" in cli("validate", str(root), "--select", "SVC1,SVC2").output


def test_unknown_rule_code_is_a_usage_error(catalog, cli) -> None:
    result = cli("validate", str(catalog()), "--select", "SVC999")
    assert result.exit_code == 2 and "unknown rule code" in result.stderr


def test_bad_option_is_exit_2(catalog, cli) -> None:
    assert cli("validate", str(catalog()), "--format", "yaml").exit_code == 2


def test_severity_override_makes_a_warning_fail(catalog, cli) -> None:
    root = catalog({UNUSED: UNUSED_TEXT})
    assert cli("validate", str(root), "--severity", "SVC105=error").exit_code == 1


def test_config_file_at_root(catalog, cli) -> None:
    root = catalog({UNUSED: UNUSED_TEXT, ".svcmap.yaml": "severity:\n  SVC105: error\n"})
    assert cli("validate", str(root)).exit_code == 1
    root = catalog({".svcmap.yaml": "ignore: [SVC105]\n"})
    assert "SVC105" not in cli("validate", str(root)).output


def test_broken_config_is_exit_2_with_a_position(catalog, cli) -> None:
    root = catalog({".svcmap.yaml": "ignore: [SVC105]\nthresholds:\n  SVC301: many\n"})
    result = cli("validate", str(root))
    assert result.exit_code == 2
    assert ".svcmap.yaml:3:11:" in result.stderr


def test_inline_suppression_on_the_line(catalog, cli) -> None:
    root = catalog({UNUSED: "id: zaalhuur  # svcmap: ignore[SVC105]\n" + UNUSED_TEXT.split("\n", 1)[1]})
    assert "SVC105" not in cli("validate", str(root)).output
    root = catalog({UNUSED: "id: zaalhuur  # svcmap: ignore[SVC101]\n" + UNUSED_TEXT.split("\n", 1)[1]})
    assert "SVC105" in cli("validate", str(root)).output


def test_root_is_found_upwards_from_the_current_folder(catalog, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog({UNUSED: UNUSED_TEXT})
    monkeypatch.chdir(root / "catalog" / "products")
    result = cli("validate")
    assert f"{UNUSED}:1:1: SVC105" in result.output


def test_root_option_and_argument(catalog, cli, tmp_path: Path) -> None:
    root = catalog()
    assert cli("validate", "--root", str(root)).exit_code == 0
    assert cli("validate", str(root), "--root", str(tmp_path)).exit_code == 2


def test_folder_without_catalog_is_svc004_exit_1(tmp_path: Path, cli) -> None:
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1 and "SVC004" in result.output


def test_rules_lists_every_rule(cli) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    for code in ("SVC001", "SVC002", "SVC003", "SVC004", "SVC101", "SVC106", "SVC201", "SVC202"):
        assert code in result.output


def test_rules_explains_one(cli) -> None:
    result = cli("rules", "svc103")
    assert result.exit_code == 0
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in result.output


def test_rules_unknown_code(cli) -> None:
    result = cli("rules", "SVC999")
    assert result.exit_code == 2 and "unknown rule code" in result.stderr


def test_severity_by_prefix_reaches_every_rule_under_it(catalog, cli) -> None:
    root = catalog({UNUSED: UNUSED_TEXT})
    assert cli("validate", str(root), "--severity", "SVC1=error").exit_code == 1
    assert cli("validate", str(root), "--severity", "SVC1=error", "--severity", "SVC105=warning").exit_code == 0
    root = catalog({".svcmap.yaml": "severity: {SVC1: error}\n"})
    assert cli("validate", str(root)).exit_code == 1


def test_a_threshold_for_a_rule_without_one_is_a_usage_error(catalog, cli) -> None:
    result = cli("validate", str(catalog()), "--threshold", "SVC101=3")
    assert result.exit_code == 2 and "has no threshold" in result.stderr
    assert cli("validate", str(catalog()), "--threshold", "SVC3=5").exit_code == 0


def test_an_empty_selection_is_a_usage_error(catalog, cli) -> None:
    assert cli("validate", str(catalog()), "--select", ",,").exit_code == 2


def test_a_config_that_is_a_folder_is_a_usage_error(catalog, cli) -> None:
    root = catalog()
    (root / ".svcmap.yaml").mkdir()
    result = cli("validate", str(root))
    assert result.exit_code == 2 and "must be a file" in result.stderr


def test_the_format_choices_are_the_reporters() -> None:
    from svcmap.cli.validate import FORMATS
    from svcmap.reporters.findings import REPORTERS

    assert FORMATS == tuple(REPORTERS)
