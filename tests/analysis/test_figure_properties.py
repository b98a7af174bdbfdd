"""Property tests over random processes: SPEC §3's invariants, and the route search against brute force."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from svcmap.analysis import graph
from svcmap.analysis.figures import analyze, contact_route, edge_facts, ping_pongs, process_figures
from svcmap.catalog.model import Catalog, Process, Step
from tests.analysis.builder import catalog, process, step, unit

UNIT_IDS = ("u0", "u1", "u2", "u3")


@st.composite
def random_catalogs(draw: st.DrawFn, max_steps: int = 8, max_units: int = 4) -> tuple[Catalog, Process]:
    unit_count = draw(st.integers(1, max_units))
    units = [
        unit(
            UNIT_IDS[i],
            draw(st.sampled_from(("front", "back"))),
            draw(st.sampled_from((None, "silo-a", "silo-b"))),
            draw(st.booleans()),
        )
        for i in range(unit_count)
    ]
    count = draw(st.integers(1, max_steps))
    names = [f"s{i}" for i in range(count)]
    steps = []
    for name in names:
        targets = draw(st.lists(st.sampled_from(names), max_size=3))  # duplicates and self-loops included
        steps.append(
            step(
                name,
                UNIT_IDS[draw(st.integers(0, unit_count - 1))],
                targets,
                office=draw(st.sampled_from((None, None, "front", "back"))),
                asks=draw(st.lists(st.sampled_from(("a", "b", "c")), max_size=2)),
            )
        )
    proc = process("p", steps)
    return catalog(units, [proc]), proc


def brute_force_contacts(cat: Catalog, proc: Process, end: str | None = None) -> int:
    """Every simple path from the start; the ones that reach an end step (`end`, if given) are the routes.
    With `end`, -1 when no route reaches it."""
    steps = proc.step_by_id
    office = {step_id: cat.office_of(s) for step_id, s in steps.items()}
    best = 0 if end is None else -1
    stack = [(proc.start_id, (proc.start_id,), 1 if office[proc.start_id] == "front" else 0)]
    while stack:
        here, path, score = stack.pop()
        if steps[here].is_end and end in (None, here):
            best = max(best, score)
        for target in steps[here].successors:
            if target in steps and target not in path:
                gain = 1 if office[here] == "back" and office[target] == "front" else 0
                stack.append((target, (*path, target), score + gain))
    return best


def brute_force_ping_pongs(proc: Process) -> int:
    steps = proc.step_by_id
    triples = {
        (u, v, w)
        for u in steps
        for v in steps[u].successors
        for w in steps[v].successors
        if steps[u].unit.id == steps[w].unit.id != steps[v].unit.id
    }
    return len(triples)


@settings(max_examples=300)
@given(random_catalogs())
def test_contact_moments_are_the_largest_over_every_route(drawn: tuple[Catalog, Process]) -> None:
    cat, proc = drawn
    route = contact_route(cat, proc)
    assert route.exact
    assert route.contact_moments == brute_force_contacts(cat, proc)
    if route.steps:  # the route found is a real one, and its contacts add up
        assert route.steps[0] == proc.start_id and proc.step_by_id[route.steps[-1]].is_end
        assert len(set(route.steps)) == len(route.steps)
        assert all((a, b) in set(proc.edges) for a, b in zip(route.steps, route.steps[1:]))
        assert len(route.contacts) == route.contact_moments


@settings(max_examples=200)
@given(random_catalogs())
def test_the_route_to_each_end_is_the_largest_over_the_routes_ending_there(drawn: tuple[Catalog, Process]) -> None:
    cat, proc = drawn
    office = {step_id: cat.office_of(s) for step_id, s in proc.step_by_id.items()}
    ends = [step_id for step_id, s in proc.step_by_id.items() if s.is_end]
    for end in ends:
        route = graph.contact_route_to(proc.start_id, office, proc.successors, end)
        expected = brute_force_contacts(cat, proc, end)
        if expected == -1:
            assert route.steps == () and route.contact_moments == 0
        else:
            assert route.exact and route.contact_moments == expected
            assert route.steps[0] == proc.start_id and route.steps[-1] == end
            assert len(route.contacts) == route.contact_moments
    if ends:  # the largest over the ends is the process's figure
        best = max(graph.contact_route_to(proc.start_id, office, proc.successors, e).contact_moments for e in ends)
        assert best == contact_route(cat, proc).contact_moments


@given(random_catalogs())
def test_ping_pongs_match_brute_force(drawn: tuple[Catalog, Process]) -> None:
    cat, proc = drawn
    assert process_figures(cat, proc).ping_pongs == brute_force_ping_pongs(proc) == len(ping_pongs(cat, proc))


@given(random_catalogs())
def test_invariants(drawn: tuple[Catalog, Process]) -> None:
    cat, proc = drawn
    figures = process_figures(cat, proc)
    edges = len(proc.edges)
    assert figures.silo_handoffs <= figures.handoffs <= edges
    assert figures.external_handoffs <= figures.handoffs
    assert figures.visibility_crossings <= edges
    assert figures.contact_moments <= figures.front_steps
    assert figures.front_steps + figures.back_steps == figures.steps
    assert 1 <= figures.units <= len(cat.units)
    assert len(edge_facts(cat, proc)) == edges


@given(random_catalogs(max_units=1))
def test_a_process_in_one_unit_has_no_handoffs(drawn: tuple[Catalog, Process]) -> None:
    cat, proc = drawn
    figures = process_figures(cat, proc)
    assert (figures.units, figures.handoffs, figures.silo_handoffs, figures.external_handoffs) == (1, 0, 0, 0)
    assert figures.ping_pongs == 0


@given(random_catalogs(), st.permutations(["x0", "x1", "x2", "x3"]))
def test_relabelling_units_changes_nothing(drawn: tuple[Catalog, Process], new_ids: list[str]) -> None:
    cat, proc = drawn
    rename = dict(zip(UNIT_IDS, new_ids))
    units = [replace(u, id=rename[u.id], domain=rename.get(u.domain, u.domain)) for u in cat.units.values()]
    steps = [_relabelled(s, rename) for s in proc.steps]
    renamed_process = process(proc.id, steps)
    renamed = catalog(units, [renamed_process])
    assert process_figures(renamed, renamed_process) == process_figures(cat, proc)
    before, after = analyze(cat), analyze(renamed)
    assert sorted((rename[u.id], u.steps, u.handoffs_in, u.handoffs_out) for u in before.units.values()) == sorted(
        (u.id, u.steps, u.handoffs_in, u.handoffs_out) for u in after.units.values()
    )


def _relabelled(original: Step, rename: dict[str, str]) -> Step:
    return original._replace(unit=original.unit._replace(id=rename[original.unit.id]))


@settings(max_examples=50)
@given(random_catalogs(max_steps=14))
def test_unit_figures_sum_to_the_process_figures(drawn: tuple[Catalog, Process]) -> None:
    cat, proc = drawn
    result = analyze(cat)
    figures = result.processes["p"]
    assert sum(u.handoffs_in for u in result.units.values()) == figures.handoffs
    assert sum(u.handoffs_out for u in result.units.values()) == figures.handoffs
    assert sum(u.steps for u in result.units.values()) == figures.steps
    assert sum(cell.handoffs for cell in result.unit_handoffs) == figures.handoffs
