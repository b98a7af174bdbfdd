"""Per-year figures (SPEC §6 `volume_per_year`, `channel_share`), worked out by hand on a small catalog.

tests/analysis/fixtures/volumes is the gemeente fixture with volumes: adreswijziging (1,000 a year, web)
and verhuismelding (500, web or counter, no share) both use the adreswijziging process (4 handoffs, 2
silo handoffs, 2 contact moments, no repeated ask); vergunning (100, a quarter at the counter) has 7
handoffs, all silo, 3 contact moments and 1 repeated ask; premie (50, planned) has no process, and
archiefinzage no volume.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svcmap.analysis.figures import Analysis, analyze
from svcmap.analysis.yearly import UNSPECIFIED, UnitYearly, YearlyRow, yearly_figures
from svcmap.cache.analysis import from_data, to_data
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog, Product, pack
from svcmap.catalog.source import FolderSource
from tests.analysis.builder import HERE, catalog, process, step, unit

VOLUMES = Path(__file__).parent / "fixtures" / "volumes"


@pytest.fixture(scope="module")
def loaded() -> Catalog:
    return load_catalog(FolderSource(VOLUMES)).catalog


@pytest.fixture(scope="module")
def figures(loaded: Catalog) -> Analysis:
    return analyze(loaded)


def test_a_product_is_its_process_figures_times_its_volume(figures: Analysis) -> None:
    yearly = figures.yearly
    assert yearly.products["adreswijziging"] == YearlyRow("adreswijziging", 1000, 4000, 2000, 2000, 0)
    assert yearly.products["verhuismelding"] == YearlyRow("verhuismelding", 500, 2000, 1000, 1000, 0)
    assert yearly.products["vergunning"] == YearlyRow("vergunning", 100, 700, 700, 300, 100)
    assert "premie" not in yearly.products  # a volume, but no process: no figures to multiply
    assert "archiefinzage" not in yearly.products  # no volume: left out, not zero


def test_a_process_sums_the_products_that_use_it(figures: Analysis) -> None:
    assert figures.yearly.processes == {
        "adreswijziging": YearlyRow("adreswijziging", 1500, 6000, 3000, 3000, 0),
        "vergunning": YearlyRow("vergunning", 100, 700, 700, 300, 100),
    }


def test_a_life_event_sums_its_products_with_a_volume_and_a_process(figures: Analysis) -> None:
    # verbouwen: adreswijziging, vergunning and premie (planned, no process)
    assert figures.yearly.life_events == {"verbouwen": YearlyRow("verbouwen", 1100, 4700, 2700, 2300, 100)}


def test_units_count_their_steps_and_handoffs_a_year(figures: Analysis) -> None:
    # adreswijziging (1,500 a year): loket → burgerzaken → politie → burgerzaken → loket, steps 2/2/1;
    # vergunning (100): loket → omgeving three times, omgeving → loket, omgeving → cbs twice, cbs → loket
    assert figures.yearly.units == {
        "loket": UnitYearly("loket", 3300, 1700, 1800),
        "burgerzaken": UnitYearly("burgerzaken", 3000, 3000, 3000),
        "omgeving": UnitYearly("omgeving", 200, 300, 300),
        "politie": UnitYearly("politie", 1500, 1500, 1500),
        "cbs": UnitYearly("cbs", 100, 200, 100),
    }  # archief runs only archivering, which no product with a volume uses


def test_catalog_totals_and_coverage(figures: Analysis) -> None:
    yearly = figures.yearly
    assert dict(yearly.totals) == {
        "requests_per_year": 1650,  # premie's 50 requests count, though it has no process
        "handoffs_per_year": 6700,
        "silo_handoffs_per_year": 3700,
        "contact_moments_per_year": 3300,
        "repeated_asks_per_year": 100,
    }
    assert (yearly.products_with_volume, yearly.products_total) == (4, 5)


def test_the_channel_mix(figures: Analysis) -> None:
    channels = {
        channel: (entry.requests_per_year, entry.products) for channel, entry in figures.yearly.channels.items()
    }
    # web: adreswijziging 1,000 + three quarters of vergunning's 100 + premie 50; verhuismelding has two
    # channels and no share: unspecified, last
    assert channels == {"web": (1125, 3), "counter": (25, 1), UNSPECIFIED: (500, 1)}
    assert list(channels) == ["web", "counter", UNSPECIFIED]
    assert figures.yearly.in_person_requests == 25  # verhuismelding may be web: not counted in person


def test_several_channels_all_in_person_and_no_share_count_in_person(catalog) -> None:
    root = catalog(
        {
            "catalog/products/adreswijziging.yaml": """
            id: adreswijziging
            name: Adreswijziging
            owner: burgerzaken
            process: adreswijziging
            channels: [counter, appointment]
            volume_per_year: 300
            """
        }
    )
    yearly = analyze(load_catalog(FolderSource(root)).catalog).yearly
    assert yearly.channels[UNSPECIFIED].requests_per_year == 300 and yearly.in_person_requests == 300


def test_yearly_figures_is_a_function_of_the_catalog_and_its_analysis(loaded: Catalog, figures: Analysis) -> None:
    assert yearly_figures(loaded, figures) == figures.yearly


def test_the_cache_form_round_trips(figures: Analysis) -> None:
    assert from_data(to_data(figures)).yearly == figures.yearly


def test_a_catalog_without_volumes_has_no_per_year_figures() -> None:
    gemeente = load_catalog(FolderSource(VOLUMES.parent / "gemeente")).catalog
    figures = analyze(gemeente)
    assert not figures.yearly.covered and figures.yearly.products_total == 3
    assert "per_year" not in figures.to_dict()
    assert all("handoffs_per_year" not in entry for entry in figures.to_dict()["processes"])  # type: ignore[union-attr]


def test_json_adds_per_year_keys_and_keeps_the_spec_keys(figures: Analysis) -> None:
    data = figures.to_dict()
    (vergunning,) = [entry for entry in data["processes"] if entry["id"] == "vergunning"]  # type: ignore[union-attr]
    assert list(vergunning)[:12] == list(figures.processes["vergunning"].to_dict())  # SPEC §5 first, in order
    assert vergunning["silo_handoffs_per_year"] == 700
    assert data["per_year"]["totals"]["silo_handoffs_per_year"] == 3700  # type: ignore[index]


def _product(
    ident: str, channels: tuple[str, ...], volume: int, share: tuple[tuple[str, float], ...] | None
) -> Product:
    return Product(ident, ident, "u", "p", channels, "active", HERE.file, "{}", pack([1, 1] * 4), volume, share)


@given(
    st.lists(
        st.tuples(st.integers(0, 10_000), st.lists(st.integers(1, 20), min_size=1, max_size=4)),
        min_size=1,
        max_size=8,
    )
)
def test_the_channel_mix_adds_up_to_the_requests_exactly(drawn: list[tuple[int, list[int]]]) -> None:
    channel_names = ("web", "counter", "phone", "mail")
    products = []
    for number, (volume, weights) in enumerate(drawn):
        names = channel_names[: len(weights)]
        shares = tuple((name, weight / sum(weights)) for name, weight in zip(names, weights))
        products.append(_product(f"p{number}", names, volume, shares))
    cat = catalog([unit("u")], [process("p", [step("a", "u")])], products)
    yearly = analyze(cat).yearly
    assert sum(entry.requests_per_year for entry in yearly.channels.values()) == sum(v for v, _ in drawn)
    for index, name in enumerate(channel_names):  # largest remainder: each channel within one of its exact sum
        exact = sum(volume * weights[index] / sum(weights) for volume, weights in drawn if index < len(weights))
        got = yearly.channels[name].requests_per_year if name in yearly.channels else 0
        assert abs(got - exact) < 1
