"""The ranked candidate reorganisations against brute force: each one's scenario applied and the whole catalog
analysed again must give the totals and the changed processes the ranking claims, and none may be missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcmap.analysis.figures import Analysis, analyze
from svcmap.catalog.model import Catalog, Product, pack
from svcmap.whatif.candidates import FIGURES, PER_YEAR, RANKING, rank_candidates
from svcmap.whatif.engine import apply
from svcmap.whatif.scenario import DomainChange, Merge, Scenario
from tests.analysis import builder
from tests.whatif.helpers import EXAMPLE, SMALL, loaded, totals


def brute_force(
    catalog: Catalog, analysis: Analysis
) -> list[tuple[str, tuple[str, str], dict[str, int], tuple[str, ...]]]:
    """Every merge and domain change of two internal units that hand each other work, each applied and the
    whole catalog analysed again; those that remove something, best first."""
    declared = list(catalog.units)
    pairs = {
        tuple(sorted((cell.source, cell.target), key=declared.index))
        for cell in analysis.unit_handoffs
        if not catalog.is_external(cell.source) and not catalog.is_external(cell.target)
    }
    before = totals(analysis, FIGURES)
    found = []
    seen_domains = set()
    for first, second in sorted(pairs, key=lambda pair: (declared.index(pair[0]), declared.index(pair[1]))):
        steps = {unit: analysis.units[unit].steps for unit in (first, second)}
        kept, merged = (second, first) if steps[second] > steps[first] else (first, second)
        options = [("merge", (kept, merged), Scenario("m", merges=(Merge((kept, merged), kept),)))]
        if catalog.units[first].domain != catalog.units[second].domain:
            for giver, taker in ((first, second), (second, first)):
                domain = catalog.units[giver].domain
                if (taker, domain) not in seen_domains:
                    seen_domains.add((taker, domain))
                    options.append(("domain", (giver, taker), Scenario("d", domains=(DomainChange(taker, domain),))))
        for kind, units, scenario in options:
            after_analysis = analyze(apply(catalog, scenario))
            after = totals(after_analysis, FIGURES)
            changed = tuple(p for p in catalog.processes if after_analysis.processes[p] != analysis.processes[p])
            if any(before[figure] > after[figure] for figure in FIGURES):
                found.append((kind, units, after, changed))
    ranking = (*PER_YEAR, *RANKING) if analysis.yearly.covered else RANKING
    found.sort(key=lambda c: (*(c[2][figure] - before[figure] for figure in ranking), c[0], c[1]))
    return found


@pytest.mark.parametrize("root", [SMALL, EXAMPLE], ids=["small", "example"])
def test_the_ranking_is_what_applying_each_scenario_and_analysing_gives(root: Path) -> None:
    catalog, analysis = loaded(root)
    ranked = rank_candidates(catalog, analysis)
    assert ranked, "some reorganisation removes something"
    got = [(c.kind, c.units, dict(c.after), c.processes) for c in ranked]
    assert got == brute_force(catalog, analysis)
    for candidate in ranked:
        assert dict(candidate.before) == totals(analysis, FIGURES)
        after = totals(analyze(apply(catalog, candidate.scenario)), FIGURES)
        assert after == dict(candidate.after)


def test_a_merge_names_the_unit_kept_and_the_unit_merged() -> None:
    catalog, analysis = loaded(SMALL)
    merges = {c.units: c for c in rank_candidates(catalog, analysis) if c.kind == "merge"}
    # milieu (1 step) goes into omgeving (2 steps), whatever the order of declaration
    candidate = merges[("omgeving", "milieu")]
    assert candidate.describe() == "merge milieu into omgeving"
    assert candidate.scenario.merges[0].into == "omgeving"
    assert candidate.removed("silo_handoffs") == 3 and candidate.removed("ping_pongs") == 3
    assert candidate.processes == ("bouwen",)


def test_with_volumes_the_candidate_that_helps_the_most_people_a_year_comes_first() -> None:
    catalog, analysis = loaded(EXAMPLE)
    assert analysis.yearly.covered, "the example catalog states volumes"
    ranked = rank_candidates(catalog, analysis)
    per_year = [candidate.removed("silo_handoffs_per_year") for candidate in ranked]
    assert per_year == sorted(per_year, reverse=True) and per_year[0] > 0
    _, small = loaded(SMALL)
    assert not small.yearly.covered and "silo_handoffs_per_year" not in rank_candidates(*loaded(SMALL))[0].before


def test_partners_are_never_candidates() -> None:
    catalog, analysis = loaded(SMALL)
    assert all("politie" not in candidate.units for candidate in rank_candidates(catalog, analysis))


def test_each_candidates_scenario_is_a_file_whatif_reads_back() -> None:
    from svcmap.whatif.scenario import check_scenario, parse_scenario

    catalog, analysis = loaded(EXAMPLE)
    for candidate in rank_candidates(catalog, analysis):
        text = candidate.scenario.to_yaml()
        read = parse_scenario(text, "candidate.yaml", "candidate")
        assert read.to_dict() == {**candidate.scenario.to_dict(), "file": "candidate.yaml"}
        assert check_scenario(read, catalog) == []


@st.composite
def small_catalogs(draw: st.DrawFn) -> Catalog:
    """Five units in up to three domains (one perhaps an external partner), a few processes with loops
    and branches, their products with or without a yearly volume."""
    units = [
        builder.unit(
            f"u{index}",
            office=draw(st.sampled_from(("front", "back"))),
            domain=draw(st.sampled_from(("d0", "d1", "d2"))),
            external=index == 4 and draw(st.booleans()),
        )
        for index in range(5)
    ]
    processes, products = [], []
    for number in range(draw(st.integers(1, 3))):
        size = draw(st.integers(2, 6))
        steps = [
            builder.step(
                f"s{index}",
                draw(st.sampled_from([unit.id for unit in units])),
                [f"s{target}" for target in draw(st.sets(st.integers(0, size - 1), max_size=2)) if target != index],
            )
            for index in range(size)
        ]
        processes.append(builder.process(f"p{number}", steps))
        volume = draw(st.none() | st.integers(0, 1000))
        products.append(
            Product(f"p{number}", "P", "u0", f"p{number}", ("web",), "active", "x", "{}", pack([1, 1] * 4), volume)
        )
    return builder.catalog(units, processes, products)


@settings(max_examples=60, deadline=None)
@given(small_catalogs())
def test_the_ranking_is_brute_force_on_random_catalogs(model: Catalog) -> None:
    """Every candidate's figures, a year too where every product has a volume, and the order: as applying
    its scenario and analysing the whole catalog again gives them."""
    analysis = analyze(model)
    got = [(c.kind, c.units, dict(c.after), c.processes) for c in rank_candidates(model, analysis)]
    assert got == brute_force(model, analysis)
