"""The menukaart: a life event's page, its products in order, what is asked once, the sums, the diagram."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path

import pytest

from svcmap import i18n
from svcmap.analysis.figures import analyze
from svcmap.analysis.trajectory import trajectory_of
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.reporters.site import page_count
from svcmap.reporters.site.lifeevent import diagram_name, life_event_page, page_name
from tests.analysis.builder import catalog, process, product, step, unit

REPO = Path(__file__).resolve().parents[2]


class _Rows(HTMLParser):
    """The text of every table row, and every link and image."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links.append(attributes.get("href") or "")
        elif tag == "img":
            self.images.append(attributes.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def example():  # type: ignore[no-untyped-def]
    cat = load_catalog(FolderSource(REPO)).catalog
    return cat, analyze(cat)


def _page(example, event_id: str) -> _Rows:  # type: ignore[no-untyped-def]
    cat, figures = example
    parsed = _Rows()
    parsed.feed(life_event_page(cat, trajectory_of(cat, figures, event_id), True))
    return parsed


def test_the_products_stand_in_order_with_channels_lead_times_and_links(example) -> None:  # type: ignore[no-untyped-def]
    page = _page(example, "verhuizen")
    products = [row for row in page.rows if row and row[0] in ("1", "2", "3")]
    assert [row[:4] for row in products] == [
        ["1", "Adreswijziging doorgeven", "web, appointment", "30 days"],
        ["2", "Afvalcontainers (diftar) aanvragen of wijzigen", "web, counter", "14 days"],
        ["3", "Bewonerskaart", "web", "5 days"],
    ]
    total = next(row for row in page.rows if row[1:2] == ["in all"])
    event = example[1].life_events["verhuizen"]
    assert total[3:] == ["49 days", str(event.contact_moments), str(event.handoffs), str(event.silo_handoffs)]
    assert "../processes/adreswijziging.html" in page.links


def test_each_item_is_asked_once_and_the_repeated_asks_are_named(example) -> None:  # type: ignore[no-untyped-def]
    page = _page(example, "verhuizen")
    address = next(row for row in page.rows if row[0].startswith("Nieuw adres en verhuisdatum"))
    assert address[1].startswith("1 · Adreswijziging doorgeven: ")
    assert address[2].startswith("2 · Afvalcontainers (diftar) aanvragen of wijzigen: ")
    identity = next(row for row in page.rows if row[0].startswith("Identiteitsgegevens"))
    assert "a register holds it: rijksregister" in identity[0] and identity[2] == ""
    assert "Tell your story once: 1 ask repeats an item asked before." in "".join(page.text)


def test_the_diagram_fits_the_page_and_links_to_its_full_size(example) -> None:  # type: ignore[no-untyped-def]
    page = _page(example, "horecazaak-starten")
    source = "../diagrams/horecazaak-starten.life-event.svg"
    assert page.images == [source] and source in page.links
    assert diagram_name("horecazaak-starten") == "diagrams/horecazaak-starten.life-event.svg"
    assert page_name("horecazaak-starten") == "life-events/horecazaak-starten.html"


def test_a_product_without_a_process_is_shown_without_figures() -> None:
    cat = catalog(
        [unit("u0", "front")],
        [process("p", [step("a", "u0", office="front", asks=["x"])])],
        [product("met", "p", lead_time_days=7), product("zonder", None)],
        [("leven", ["met", "zonder"]), ("leeg", ["zonder"])],
    )
    parsed = _Rows()
    parsed.feed(life_event_page(cat, trajectory_of(cat, analyze(cat), "leven"), True))
    rows = [row for row in parsed.rows if row and row[0] in ("1", "2")]
    assert rows == [
        ["1", "met", "web", "7 days", "1", "0", "0"],
        ["2", "zonder (no process yet)", "web", "", "", "", ""],
    ]
    assert "(1 product promises no lead time)" in "".join(parsed.text)
    empty = life_event_page(cat, trajectory_of(cat, analyze(cat), "leeg"), False)
    assert "<img" not in empty and "there is nothing to draw" in empty
    without_events = dataclasses.replace(cat, life_events={})
    # a page per life event (two), and a diagram for the one with something to draw
    assert page_count(cat, analyze(cat)) - page_count(without_events, analyze(without_events)) == 3


def test_the_page_speaks_dutch(example) -> None:  # type: ignore[no-untyped-def]
    i18n.use("nl")
    page = _page(example, "verhuizen")
    words = "".join(page.text)
    assert "De producten, in volgorde" in words and "Wat je onderweg gevraagd wordt" in words
    assert "3 producten, in totaal 49 dagen beloofd" in words
    assert "onderweg zijn er 6 contactmomenten met de burger" in words
    assert ["beloofde doorlooptijd", "contactmomenten", "overdrachten", "silo-overdrachten"] == page.rows[0][3:]
