"""Contact moments (SPEC §3): routes are simple paths from the start to an end step, and nothing else."""

from __future__ import annotations

import pytest

from svcmap.analysis import figures as analysis
from svcmap.analysis import graph
from svcmap.analysis.figures import contact_route, process_figures
from tests.analysis.builder import catalog, process, step, unit

UNITS = [unit("loket", "front"), unit("backoffice", "back")]


def moments(*steps, start: str | None = None) -> int:
    proc = process("p", steps, start)
    return contact_route(catalog(UNITS, [proc]), proc).contact_moments


def test_a_front_start_counts_one() -> None:
    assert moments(step("a", "loket", ["b"]), step("b", "backoffice")) == 1


def test_a_back_start_counts_nothing() -> None:
    assert moments(step("a", "backoffice", ["b"]), step("b", "backoffice")) == 0


def test_every_back_to_front_edge_counts_one_more() -> None:
    assert (
        moments(
            step("a", "loket", ["b"]),
            step("b", "backoffice", ["c"]),
            step("c", "loket", ["d"]),
            step("d", "backoffice", ["e"]),
            step("e", "loket"),
        )
        == 3
    )


def test_a_step_office_overrides_its_unit() -> None:
    assert moments(step("a", "backoffice", ["b"], office="front"), step("b", "backoffice")) == 1


def test_the_largest_route_counts() -> None:
    # a → b → e (1) or a → b → c → d → e (2)
    assert (
        moments(
            step("a", "loket", ["b"]),
            step("b", "backoffice", ["e", "c"]),
            step("c", "loket", ["d"]),
            step("d", "backoffice", ["e"]),
            step("e", "backoffice"),
        )
        == 2
    )


def test_a_path_that_can_only_go_back_is_not_a_route() -> None:
    # a → b → c, and c only leads back to b: a → b → c is not a route, so c's contact never counts
    assert (
        moments(
            step("a", "loket", ["b"]),
            step("b", "backoffice", ["c", "end"]),
            step("c", "loket", ["b"]),
            step("end", "backoffice"),
        )
        == 1
    )


def test_a_loop_is_not_taken_twice() -> None:
    # b ⇄ c loops; going round again would add a contact each time, but a route visits no step twice
    assert (
        moments(
            step("a", "backoffice", ["b"]),
            step("b", "backoffice", ["c", "end"]),
            step("c", "loket", ["b", "end"]),
            step("end", "backoffice"),
        )
        == 1
    )


def test_no_route_at_all_is_zero() -> None:
    assert moments(step("a", "loket", ["b"]), step("b", "backoffice", ["a"])) == 0


def test_an_explicit_start_and_an_unknown_start() -> None:
    steps = (step("a", "loket", ["b"]), step("b", "backoffice"))
    assert moments(*steps, start="b") == 0
    assert moments(*steps, start="nowhere") == 0


def test_a_self_loop_is_never_taken() -> None:
    assert moments(step("a", "loket", ["a", "b"]), step("b", "backoffice")) == 1


def test_the_cap_gives_a_lower_bound_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # a complete graph on 7 alternating front/back steps plus an end: many simple paths
    names = [f"s{i}" for i in range(7)]
    steps = [
        step(name, "loket" if i % 2 else "backoffice", [other for other in names if other != name] + ["end"])
        for i, name in enumerate(names)
    ]
    proc = process("p", [*steps, step("end", "backoffice")])
    cat = catalog(UNITS, [proc])
    exact = contact_route(cat, proc)
    assert exact.exact and exact.contact_moments == 3  # s0 back; s1, s3, s5 front: 3 back→front entries
    monkeypatch.setattr(graph, "ROUTE_STATES_BASE", 3)
    monkeypatch.setattr(graph, "ROUTE_STATES_PER_EDGE", 0)
    capped = contact_route(cat, proc)
    assert not capped.exact
    assert 0 <= capped.contact_moments < exact.contact_moments
    assert analysis.analyze(cat).capped == ("p",)


def test_a_long_chain_and_a_long_loop_do_not_recurse() -> None:
    chain = [step(f"s{i}", "loket" if i % 2 else "backoffice", [f"s{i + 1}"]) for i in range(3000)]
    chain.append(step("s3000", "loket"))
    proc = process("long", chain)
    assert process_figures(catalog(UNITS, [proc]), proc).contact_moments == 1500
    ring = [step(f"r{i}", "loket" if i % 2 else "backoffice", [f"r{(i + 1) % 1500}", "end"]) for i in range(1500)]
    ring_process = process("ring", [*ring, step("end", "backoffice")])
    assert contact_route(catalog(UNITS, [ring_process]), ring_process).contact_moments == 750
