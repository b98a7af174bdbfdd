"""The site's pages beyond the process pages: the overview and its navigation, the unit pages, the unit
matrix, the pre-sorted product and process tables, escaping on all of them, and the Dutch site."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from svcmap.reporters.site.matrix import CLASSES, quantile_classes, shade
from tests.report.test_report import parse

REPO = Path(__file__).resolve().parents[2]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
HOSTILE = '<script>alert("x")</script> & "]; node [image="/etc/passwd"]'


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalog's site, in English, once for the module (its .svcmap-cache/ in a copy)."""
    from click.testing import CliRunner

    from svcmap import i18n
    from svcmap.cli import main

    root = tmp_path_factory.mktemp("example")
    for part in ("catalog", "processes"):
        shutil.copytree(REPO / part, root / part)
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(main, ["--lang", "en", "report", str(root), "--out", str(out), "-q"])
    i18n.reset()
    assert result.exit_code == 0, result.output
    return out


def _rows(html: str) -> list[list[str]]:
    """The body rows of the first table of a page, tags stripped."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)
    ]


@needs_dot
def test_every_page_has_the_landmarks_one_h1_and_the_navigation(example_site: Path) -> None:
    pages = list(example_site.rglob("*.html"))
    assert len(pages) > 70
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tags = parse(page).tags
        assert tags.count("h1") == 1 and tags.count("main") == 1, page.name
        assert {"header", "nav", "footer"} <= set(tags), page.name
        assert '<html lang="en">' in html
        assert html.count('aria-current="page"') == 1, page.name
        assert "<table>" not in html or "<caption>" in html, page.name
    index = parse(example_site / "index.html").links
    for target in ("products.html", "processes.html", "life-events.html", "units.html", "matrix.html"):
        assert target in index
    assert "network.html" in index and "findings.html" in index


@needs_dot
def test_a_unit_page_lists_its_steps_and_its_handoffs_both_ways(example_site: Path) -> None:
    page = example_site / "units" / "burgerzaken.html"
    html = page.read_text(encoding="utf-8")
    text = " ".join(parse(page).text)
    assert "Work handed on" in text and "Work received" in text and "Its steps in every process" in text
    assert "Hands the most work to" in text
    steps = html[html.index("Its steps in every process") :]
    rows = _rows(steps)
    assert len(rows) == int(re.search(r"(\d+) steps of", steps).group(1))  # type: ignore[union-attr]
    assert all(len(row) == 4 for row in rows)
    for link in parse(page).links:
        assert (page.parent / link).resolve().is_file(), link
    # the unit links from where it appears: the unit list, a process page, the matrix, the network
    for other in ("units.html", "processes/adreswijziging.html", "matrix.html", "network.html"):
        assert any(link.endswith("units/burgerzaken.html") for link in parse(example_site / other).links), other


@needs_dot
def test_the_matrix_prints_every_count_and_marks_silo_cells(example_site: Path) -> None:
    html = (example_site / "matrix.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="matrix">') : html.index("</table>")]
    assert "<caption>" in table and '<th scope="col">' in table and '<th scope="row">' in table
    cells = re.findall(r'<td class="(q\d)( silo)?">(\d+)', table)
    assert cells, "no shaded cell"
    assert {shade for shade, _, _ in cells} <= {f"q{n}" for n in range(1, CLASSES + 1)}
    assert any(silo for _, silo, _ in cells)
    assert "silo handoff: the units are in different domains" in table  # said in words, not only drawn
    assert 'class="scroll" role="region" tabindex="0" aria-label=' in html


def test_quantile_classes_split_the_counts_in_fifths_with_ties_together() -> None:
    ordered, bounds = quantile_classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0])
    assert [shade(ordered, value) for value in ordered] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert bounds == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    ordered, bounds = quantile_classes([1, 1, 1, 1, 7])
    assert shade(ordered, 1) == 1 and shade(ordered, 7) == 5 and bounds[1] == (0, 0)


@needs_dot
def test_sorted_variants_order_by_their_column_and_mark_it(example_site: Path) -> None:
    variants = sorted(example_site.glob("processes*.html"))
    assert len(variants) == 9
    every = None
    for page in variants:
        html = page.read_text(encoding="utf-8")
        assert html.count("aria-sort=") == 1, page.name
        rows = [row for row in _rows(html) if row[0] != "total"]
        names = sorted(row[0] for row in rows)
        every = every or names
        assert names == every  # the same processes on every variant
    headers = re.findall(r"<th[^>]*>(.*?)</th>", (example_site / "processes.html").read_text(encoding="utf-8"))
    handoffs = [header for header in headers if header.startswith('<a href="processes-by-handoffs.html">')]
    assert handoffs, "the handoffs header links to its sorted page"
    by_handoffs = _rows((example_site / "processes-by-handoffs.html").read_text(encoding="utf-8"))
    counts = [int(row[3]) for row in by_handoffs if row[0] != "total"]
    assert counts == sorted(counts, reverse=True)
    products = _rows((example_site / "products-by-contact-moments.html").read_text(encoding="utf-8"))
    contacts = [int(row[6]) for row in products if row[6]]
    assert contacts == sorted(contacts, reverse=True)
    by_name = _rows((example_site / "products.html").read_text(encoding="utf-8"))
    assert [row[0] for row in by_name] == sorted((row[0] for row in by_name), key=str.lower)


@needs_dot
def test_hostile_names_are_escaped_on_unit_pages_the_matrix_and_the_sorted_tables(
    catalog: Callable[..., Path], cli, tmp_path: Path
) -> None:
    quoted = HOSTILE.replace('"', '\\"')
    root = catalog(
        {
            "catalog/products/adreswijziging.yaml": (
                f"id: adreswijziging\nname: '{HOSTILE}'\nowner: burgerzaken\nprocess: adreswijziging\n"
                "channels: [web, counter]\n"
            )
        }
    )
    organisation = root / "catalog" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8").replace("name: Burgerzaken", f'name: "{quoted}"')
    organisation.write_text(text.replace("name: Gemeente Test", f'name: "{quoted}"'), encoding="utf-8")
    process = root / "processes" / "adreswijziging.yaml"
    process.write_text(
        process.read_text(encoding="utf-8").replace("name: Adreswijziging behandelen", f'name: "{quoted}"'),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = cli("report", str(root), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    pages = [*out.glob("*.html"), *out.glob("units/*.html"), *out.glob("processes/*.html")]
    assert out / "units" / "burgerzaken.html" in pages and out / "matrix.html" in pages
    assert len(list(out.glob("products-by-*.html"))) >= 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>" not in html and "script" not in parse(page).tags, page.name
        assert HOSTILE in "".join(parse(page).text), page.name  # at least the organisation's name, as text


@needs_dot
def test_the_dutch_site_speaks_dutch_and_differs_only_in_words(catalog: Callable[..., Path], cli, tmp_path) -> None:
    root = catalog()
    assert cli("--lang", "en", "report", str(root), "--out", str(tmp_path / "en"), "-q").exit_code == 0
    assert cli("--lang", "nl", "report", str(root), "--out", str(tmp_path / "nl"), "-q").exit_code == 0
    english = sorted(str(path.relative_to(tmp_path / "en")) for path in (tmp_path / "en").rglob("*"))
    dutch = sorted(str(path.relative_to(tmp_path / "nl")) for path in (tmp_path / "nl").rglob("*"))
    assert english == dutch  # the same pages, by the same names
    index = (tmp_path / "nl" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in index
    text = " ".join(parse(tmp_path / "nl" / "index.html").text)
    assert "Overzicht" in text and "Levensgebeurtenissen" in text and "Wat te lezen" in text
    unit = " ".join(parse(tmp_path / "nl" / "units" / "burgerzaken.html").text)
    assert "Zijn stappen in alle processen" in unit and "Doorgegeven werk" in unit
    for page in ("products.html", "processes.html", "matrix.html", "units.html"):
        english_tags = parse(tmp_path / "en" / page).tags
        assert parse(tmp_path / "nl" / page).tags == english_tags, page  # the same markup, other words
