"""The worker pool: the same results, in the same order, whether a child computed part of them or not."""

from __future__ import annotations

import os

import pytest

from svcmap.catalog import workers as parallel
from svcmap.catalog.workers import map_files, split


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)


def square(number: int) -> int:
    return number * number


def test_results_keep_the_order_of_the_items() -> None:
    items = list(range(50))
    assert parallel.map_forked(square, items, in_child=lambda n: n % 3 == 0) == [n * n for n in items]


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork and two cores")
def test_the_child_really_computes_its_share() -> None:
    parent = os.getpid()
    pids = parallel.map_forked(lambda n: os.getpid(), list(range(10)), in_child=lambda n: n < 5)
    assert all(pid != parent for pid in pids[:5]) and all(pid == parent for pid in pids[5:])


def test_a_failing_child_is_replaced_by_the_parent() -> None:
    parent = os.getpid()

    def fragile(number: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return number + 1

    assert parallel.map_forked(fragile, list(range(20)), in_child=lambda n: n % 2 == 0) == list(range(1, 21))


def test_too_little_work_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 100)
    parent = os.getpid()
    assert set(parallel.map_forked(lambda n: os.getpid(), list(range(10)), in_child=lambda n: True)) == {parent}


def test_loading_gives_the_same_catalog_and_findings_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    from svcmap.catalog.source import FolderSource
    from svcmap.config import Config
    from svcmap.rules.engine import validate

    root = Path(__file__).resolve().parents[2]
    forked = validate(FolderSource(root), Config())
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    serial = validate(FolderSource(root), Config())
    assert forked == serial and forked.files == 1 + len(list(root.glob("catalog/products/*.yaml"))) + len(
        list(root.glob("processes/*.yaml"))
    )


def test_map_files_keeps_the_order_and_marshals_plain_data() -> None:
    items = [(f"file-{n}.yaml", n) for n in range(600)]
    got = map_files(
        lambda item: (item[0], item[1] * 2, (b"\x00\x01", None, {"k": [1.5]})), items, [1 + n % 4 for n in range(600)]
    )
    assert got == [(name, n * 2, (b"\x00\x01", None, {"k": [1.5]})) for name, n in items]


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork and two cores")
def test_map_files_shares_the_work_with_a_child() -> None:
    parent = os.getpid()
    pids = map_files(lambda n: os.getpid(), list(range(400)), [1] * 400)
    mine = sum(1 for pid in pids if pid == parent)
    assert 0 < mine < 400 and abs(mine - 400 * (1 - parallel.CHILD_SHARE)) <= 2


def test_map_files_recomputes_what_a_failing_child_could_not_send() -> None:
    parent = os.getpid()

    def fragile(number: int) -> int:
        if os.getpid() != parent and number == 7:
            raise RuntimeError("the child breaks")
        return number + 1

    assert map_files(fragile, list(range(300))) == list(range(1, 301))


def test_map_files_results_that_marshal_refuses_are_computed_here() -> None:
    class Opaque:
        pass

    parent = os.getpid()
    got = map_files(lambda n: Opaque() if os.getpid() != parent else n, list(range(300)))
    assert got == list(range(300))


def test_split_gives_each_side_its_share_of_the_cost() -> None:
    costs = [1, 4] * 500
    to_child = split(costs, 0.56)
    child = sum(cost for cost, flag in zip(costs, to_child) if flag)
    assert abs(child / sum(costs) - 0.56) < 0.01
    assert split([1], 0.5) == [False]
