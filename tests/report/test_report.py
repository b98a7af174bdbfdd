"""`svcmap report`: the site's pages, links, escaping, determinism and error handling."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if tag == "img":
            self.images.append(attributes.get("src") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


@needs_dot
def test_site_of_the_example_catalog_has_every_page_and_no_dead_link(tmp_path: Path, cli) -> None:
    out = tmp_path / "site"
    result = cli("report", str(REPO), "--out", str(out), "--no-cache")  # leaves no cache in the repository
    assert result.exit_code == 0, result.output
    processes = sorted(path.stem for path in (REPO / "processes").glob("*.yaml"))
    assert sorted(path.stem for path in (out / "processes").glob("*.html")) == processes
    events = sorted(path.stem for path in (out / "life-events").glob("*.html"))
    assert len(events) == 9
    assert sorted(path.stem for path in (out / "diagrams").glob("*.svg")) == sorted(
        processes + [f"{event}.life-event" for event in events]
    )
    units = sorted(path.stem for path in (out / "units").glob("*.html"))
    assert len(units) == 27 and "burgerzaken" in units
    for page in out.rglob("*.html"):
        collected = parse(page)
        for target in collected.links + collected.images:
            assert (page.parent / target).resolve().is_file(), f"{page.name} links to missing {target}"
    index = " ".join(parse(out / "index.html").text)
    assert "Gemeente Voorbeeld" in index and "Wat te lezen" in index
    assert "Adreswijziging doorgeven" in " ".join(parse(out / "products.html").text)
    assert "life-events/verhuizen.html" in parse(out / "life-events.html").links


@needs_dot
def test_catalog_text_is_escaped(catalog, cli, tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> & "]; node [image="/etc/passwd"]'
    root = catalog(
        {
            "catalog/products/adreswijziging.yaml": (
                f"id: adreswijziging\nname: '{hostile}'\nowner: burgerzaken\nprocess: adreswijziging\n"
                "channels: [web, counter]\n"
            )
        }
    )
    organisation = root / "catalog/organisation.yaml"
    organisation.write_text(organisation.read_text().replace("name: Verhuizen\n", f"name: '{hostile}'\n"))
    (root / "processes/adreswijziging.yaml").write_text(
        (root / "processes/adreswijziging.yaml").read_text().replace("asks: [", "asks: [hostile, ", 1)
    )
    organisation.write_text(
        organisation.read_text().replace("data_items:\n", f"data_items:\n  - id: hostile\n    name: '{hostile}'\n", 1)
    )
    out = tmp_path / "site"
    result = cli("report", str(root), "--out", str(out))
    assert result.exit_code == 0, result.output
    pages = [
        out / "life-events.html",
        out / "processes/adreswijziging.html",
        out / "life-events/verhuizen.html",
        *out.glob("products*.html"),
    ]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>" not in html
        assert "script" not in parse(page).tags
        assert hostile in "".join(parse(page).text)
    assert "life-events/verhuizen.html" in parse(pages[0]).links
    menu = parse(pages[2])
    assert menu.text.count(hostile) >= 3  # the title, the product, the item asked
    diagram = out / "diagrams/verhuizen.life-event.svg"
    assert menu.images == ["../diagrams/verhuizen.life-event.svg"]
    svg = ET.fromstring(diagram.read_bytes())
    assert not [element for element in svg.iter() if element.tag.rsplit("}", 1)[-1] in ("script", "image")]
    assert hostile[:30] in " ".join(svg.itertext())


@needs_dot
def test_same_catalog_gives_byte_identical_sites(catalog, cli, tmp_path: Path) -> None:
    root = catalog()
    for name in ("one", "two"):
        assert cli("report", str(root), "--out", str(tmp_path / name)).exit_code == 0
    first = {
        path.relative_to(tmp_path / "one"): path.read_bytes()
        for path in (tmp_path / "one").rglob("*")
        if path.is_file()
    }
    second = {
        path.relative_to(tmp_path / "two"): path.read_bytes()
        for path in (tmp_path / "two").rglob("*")
        if path.is_file()
    }
    assert first == second


def test_catalog_with_errors_prints_them_and_exits_1(catalog, cli, tmp_path: Path) -> None:
    root = catalog(
        {"processes/adreswijziging.yaml": "id: adreswijziging\nname: A\nsteps:\n  - {id: a, name: A, unit: nergens}\n"}
    )
    result = cli("report", str(root), "--out", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "processes/adreswijziging.yaml:4:" in result.stderr and "SVC101" in result.stderr
    assert not (tmp_path / "site").exists()


def test_out_is_required(catalog, cli) -> None:
    assert cli("report", str(catalog())).exit_code == 2


def test_out_that_is_a_file(catalog, cli, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    result = cli("report", str(catalog()), "--out", str(tmp_path / "taken"))
    assert result.exit_code == 2 and "not a folder" in result.stderr


@pytest.mark.parametrize("inside", [".", "processes", "catalog/site"])
def test_out_among_the_catalogs_files_is_refused(catalog, cli, inside: str) -> None:
    root = catalog()
    result = cli("report", str(root), "--out", str(root / inside))
    assert result.exit_code == 2 and "among the catalog's files" in result.stderr
    assert not list(root.rglob("*.html"))


def test_out_named_too_long_is_a_usage_error(catalog, cli, tmp_path: Path) -> None:
    result = cli("report", str(catalog()), "--out", str(tmp_path / ("o" * 300)))
    assert result.exit_code == 2
    assert "the name is too long" in result.stderr and "internal error" not in result.stderr


@needs_dot
def test_noncharacters_in_names_give_a_well_formed_site(catalog, cli, tmp_path: Path) -> None:
    """U+FFFE passes validate through a YAML escape; it made Graphviz fail, and so the whole report."""
    root = catalog(
        {
            "catalog/products/adreswijziging.yaml": (
                'id: adreswijziging\nname: "Aanvraag \\uFFFE \\uFFFF"\nowner: burgerzaken\n'
                "process: adreswijziging\nchannels: [web, counter]\n"
            )
        }
    )
    out = tmp_path / "site"
    result = cli("report", str(root), "--out", str(out))
    assert result.exit_code == 0, result.output
    for svg in (out / "diagrams").glob("*.svg"):
        ET.fromstring(svg.read_bytes())  # well-formed
    index = out / "products.html"
    assert not {"\ufffe", "\uffff"} & set(index.read_text(encoding="utf-8"))
    assert "Aanvraag \ufffd \ufffd" in "".join(parse(index).text)
