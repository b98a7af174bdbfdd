"""A side whose units list is broken (null) has its units left out of the comparison, never 'removed'."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import FIXTURES


def test_units_null_is_not_compared_and_does_not_trip_removed(tmp_path: Path, cli) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FIXTURES / "minimal", old)
    shutil.copytree(FIXTURES / "minimal", new)
    organisation = new / "catalog/organisation.yaml"
    text = organisation.read_text()
    organisation.write_text(text[: text.index("units:")] + "units: null\n" + text[text.index("life_events:") :])
    result = cli("diff", "--root", str(new), str(old), "--format", "json", "--fail-on", "removed")
    document = json.loads(result.stdout)
    assert document["units"]["removed"] == []
    assert "--fail-on removed" not in result.stderr
    assert result.exit_code == 1  # the new side has an error, nothing was removed
