"""`svcmap report` where products state volumes: the per-year table and channel mix, and each product's volume."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

VOLUMES = Path(__file__).parents[1] / "analysis" / "fixtures" / "volumes"
GEMEENTE = VOLUMES.parent / "gemeente"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def _rows(html: str, heading: str) -> list[list[str]]:
    """The cells (tags stripped) of the first table after the heading that starts with `heading`."""
    table = html[html.index(f"<caption>{heading}") :]
    table = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


@needs_dot
def test_the_index_shows_processes_by_silo_handoffs_a_year_and_the_channel_mix(tmp_path: Path, cli) -> None:
    out = tmp_path / "site"
    assert cli("report", str(VOLUMES), "--out", str(out), "--no-cache").exit_code == 0  # a fixture: no cache in it
    index = (out / "processes.html").read_text(encoding="utf-8")
    assert _rows(index, "Per year: processes") == [
        ["Adreswijziging", "1500", "6000", "3000", "3000", "0"],
        ["Vergunning", "100", "700", "700", "300", "100"],
    ]
    assert _rows(index, "Channel mix")[0] == ["web", "1125", "68%", "3"]
    page = (out / "processes" / "vergunning.html").read_text(encoding="utf-8")
    assert '<th scope="row">requests a year</th><td>100</td>' in page
    assert '<th scope="row">channel share</th><td>counter 25%, web 75%</td>' in page


@needs_dot
def test_a_catalog_without_volumes_has_no_per_year_section(tmp_path: Path, cli) -> None:
    out = tmp_path / "site"
    assert cli("report", str(GEMEENTE), "--out", str(out), "--no-cache").exit_code == 0
    assert "<h2>Per year</h2>" not in (out / "processes.html").read_text(encoding="utf-8")
