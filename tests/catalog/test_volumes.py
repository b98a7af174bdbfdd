"""A product's `volume_per_year` and `channel_share` (SPEC §6): read into the model, checked by the schema
and beyond it (shares sum to 1, name the product's channels), placed by fmt, compared by diff."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.fmt import canonical
from tests.conftest import check, codes

PRODUCT = "catalog/products/adreswijziging.yaml"
SUBJECT = "product:adreswijziging"
HEAD = "id: adreswijziging\nname: Adreswijziging doorgeven\nowner: burgerzaken\nprocess: adreswijziging\n"


def _product(catalog: Callable[..., Path], tail: str, channels: str = "[web, counter]") -> Path:
    return catalog({PRODUCT: f"{HEAD}channels: {channels}\n{tail}"})


def test_volume_and_shares_are_read_into_the_product(catalog: Callable[..., Path]) -> None:
    root = _product(catalog, "volume_per_year: 2500\nchannel_share: {web: 0.7, counter: 0.3}\n")
    product = load_catalog(FolderSource(root)).catalog.products["adreswijziging"]
    assert (product.volume_per_year, product.channel_share) == (2500, (("web", 0.7), ("counter", 0.3)))
    assert codes(root) == []


def test_a_product_without_them_has_none(catalog: Callable[..., Path]) -> None:
    product = load_catalog(FolderSource(catalog())).catalog.products["adreswijziging"]
    assert (product.volume_per_year, product.channel_share) == (None, None)


def test_a_whole_number_written_as_a_float_is_an_integer(catalog: Callable[..., Path]) -> None:
    root = _product(catalog, "volume_per_year: 2500.0\n")
    assert load_catalog(FolderSource(root)).catalog.products["adreswijziging"].volume_per_year == 2500
    assert codes(root) == []


@pytest.mark.parametrize(
    ("tail", "line"),
    [
        ("volume_per_year: -1\n", 6),
        ("volume_per_year: 12.5\n", 6),
        ("volume_per_year: veel\n", 6),
        ("channel_share: {web: 1.5}\n", 6),
        ("channel_share: {web: -0.5, counter: 1.5}\n", 6),
        ("channel_share: {webb: 1}\n", 6),
        ("channel_share: {}\n", 6),
        ("channel_share: [web]\n", 6),
    ],
)
def test_schema_violations_are_svc002_at_the_product(catalog: Callable[..., Path], tail: str, line: int) -> None:
    found = codes(_product(catalog, tail))
    assert found and {entry[:3] for entry in found} == {("SVC002", PRODUCT, line)}
    assert {entry[3] for entry in found} == {SUBJECT}


def test_shares_that_do_not_sum_to_1_are_svc002_at_the_channel_share_key(catalog: Callable[..., Path]) -> None:
    root = _product(catalog, "volume_per_year: 100\nchannel_share: {web: 0.6, counter: 0.3}\n")
    (finding,) = check(root).findings
    assert (finding.code, finding.file, finding.line, finding.column, finding.subject) == (
        "SVC002",
        PRODUCT,
        7,
        1,
        SUBJECT,
    )
    assert "0.9" in finding.message


def test_shares_within_a_thousandth_of_1_are_fine(catalog: Callable[..., Path]) -> None:
    root = _product(catalog, "channel_share: {web: 0.333, counter: 0.333, phone: 0.333}\n", "[web, counter, phone]")
    assert codes(root) == []


def test_a_share_for_a_channel_the_product_does_not_list_is_svc002_at_that_channel(
    catalog: Callable[..., Path],
) -> None:
    root = _product(catalog, "channel_share: {web: 0.5, phone: 0.5}\n")
    (finding,) = check(root).findings
    assert (finding.code, finding.line, finding.column, finding.subject) == ("SVC002", 6, 27, SUBJECT)


def test_fmt_puts_them_after_the_lead_time_and_the_shares_on_one_line() -> None:
    text = (
        "channel_share:\n  web: 0.7\n  counter: 0.3\nvolume_per_year: 10\nid: p\nname: P\nowner: u\n"
        "process: p\nchannels: [web, counter]\nlead_time_days: 3\nstatus: active\n"
    )
    assert "lead_time_days: 3\nvolume_per_year: 10\nchannel_share: {web: 0.7, counter: 0.3}\nstatus: active\n" in (
        canonical.format_text(text, "product")
    )


def _volume_changed(catalog: Callable[..., Path], tmp_path: Path, old_tail: str) -> tuple[Path, Path]:
    """Two versions of a catalog: the product with `old_tail`, then with 3,000 requests a year."""
    old = _product(catalog, old_tail)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    (new / PRODUCT).write_text(f"{HEAD}channels: [web, counter]\nvolume_per_year: 3000\n")
    return old, new


def test_diff_shows_a_changed_volume_as_a_changed_field(
    catalog: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    old, new = _volume_changed(catalog, tmp_path, "volume_per_year: 2500\n")
    result = cli("diff", "--root", str(old), str(old), str(new), "--format", "json", "--no-cache")
    document = json.loads(result.stdout)
    (changed,) = document["products"]["changed"]
    assert (changed["id"], changed["fields"]) == ("adreswijziging", ["volume_per_year"])
    # the figures a year follow the volume: the process's, and the catalog's totals
    (process,) = document["processes"]["changed"]
    assert process["metrics"]["requests_per_year"] == [2500, 3000]
    assert document["totals"]["requests_per_year"] == [2500, 3000]
    handoffs = process["metrics"]["handoffs_per_year"]
    assert handoffs[1] * 2500 == handoffs[0] * 3000 > 0


def test_a_side_without_volumes_has_no_figures_a_year_not_zero(
    catalog: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    old, new = _volume_changed(catalog, tmp_path, "")
    args = ("diff", "--root", str(old), str(old), str(new), "--no-cache", "--format")
    assert json.loads(cli(*args, "json").stdout)["totals"]["requests_per_year"] == [None, 3000]
    assert re.search(r"requests per year +\(none\) → 3000\n", cli(*args, "text").stdout)
    assert "| requests per year | *(none)* | 3000 |  |" in cli(*args, "markdown").stdout


def test_more_handoffs_a_year_is_marked_worse_like_more_handoffs(
    catalog: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    old, new = _volume_changed(catalog, tmp_path, "volume_per_year: 2500\n")
    markdown = cli("diff", "--root", str(old), str(old), str(new), "--no-cache", "--format", "markdown").stdout
    assert re.search(r"\| handoffs per year \| \d+ \| \d+ \| \+\d+ 🔴 \|", markdown)
