"""Tests of bench.generate: a deterministic, valid catalog (SPEC §2, §4 errors) and its mutation.

Checks are plain Python (PyYAML + BFS), independent of the generator's own checker and of svcmap.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.generate import check_catalog, dump_yaml, generate_catalog, main, mutate_catalog

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CHANNELS = {"counter", "appointment", "phone", "web", "email", "mail", "home-visit", "chat"}
N = 20


def load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def catalog(root: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    org = load(root / "catalog" / "organisation.yaml")
    products = {p.stem: load(p) for p in (root / "catalog" / "products").glob("*.yaml")}
    processes = {p.stem: load(p) for p in (root / "processes").glob("*.yaml")}
    return org, products, processes


def targets(step: dict[str, Any]) -> list[str]:
    nxt = step.get("next")
    if nxt is None:
        return []
    if isinstance(nxt, str):
        return [nxt]
    assert isinstance(nxt, list) and nxt, step
    return [t if isinstance(t, str) else t["to"] for t in nxt]


def reachable(graph: dict[str, list[str]], sources: list[str]) -> set[str]:
    seen, queue = set(sources), deque(sources)
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def assert_consistent(root: Path) -> None:
    """References resolve and every process is a valid graph (SPEC §4 errors SVC003, SVC1xx, SVC2xx)."""
    org, products, processes = catalog(root)
    units = {u["id"]: u for u in org["units"]}
    items = {d["id"] for d in org["data_items"]}
    assert len(units) == len(org["units"])
    for item in org["data_items"]:
        assert item.get("held_by") is None or item["held_by"] in units
    for event in org["life_events"]:
        assert 3 <= len(event["products"]) <= 6 and len(set(event["products"])) == len(event["products"])
        assert all(p in products for p in event["products"]), event
    for stem, product in products.items():
        assert product["id"] == stem and ID_RE.fullmatch(stem)
        assert product["owner"] in units
        assert product["process"] in processes
        assert product["channels"] and set(product["channels"]) <= CHANNELS
    for stem, process in processes.items():
        assert process["id"] == stem and ID_RE.fullmatch(stem)
        steps = process["steps"]
        ids = [s["id"] for s in steps]
        assert len(set(ids)) == len(ids) and all(ID_RE.fullmatch(i) for i in ids)
        graph = {s["id"]: targets(s) for s in steps}
        for s in steps:
            assert s["unit"] in units, (stem, s)
            assert set(s.get("asks", [])) <= items, (stem, s)
            assert all(t in graph for t in graph[s["id"]]), (stem, s)
        start = process.get("start", ids[0])
        assert start == ids[0]
        assert reachable(graph, [start]) == set(ids), f"{stem}: a step is unreachable from the first step"
        reverse: dict[str, list[str]] = {i: [] for i in ids}
        for u, ts in graph.items():
            for t in ts:
                reverse[t].append(u)
        ends = [i for i in ids if not graph[i]]
        assert reachable(reverse, ends) == set(ids), f"{stem}: a step cannot reach an end"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "a"
    generate_catalog(root, products=N, seed=7)
    return root


def test_deterministic(generated: Path, tmp_path: Path) -> None:
    generate_catalog(tmp_path / "b", products=N, seed=7)
    assert tree(generated) == tree(tmp_path / "b")
    generate_catalog(tmp_path / "c", products=N, seed=8)
    assert tree(generated) != tree(tmp_path / "c")


def test_layout_and_file_names(generated: Path) -> None:
    files = tree(generated)
    assert "catalog/organisation.yaml" in files
    assert len([f for f in files if f.startswith("catalog/products/")]) == N
    assert len([f for f in files if f.startswith("processes/")]) == N
    assert len(files) == 2 * N + 1
    for content in files.values():
        content.decode("utf-8")
        assert b"\r" not in content


def test_organisation(generated: Path) -> None:
    org, _, _ = catalog(generated)
    units = org["units"]
    assert 36 <= len(units) <= 48
    assert 6 <= len({u["domain"] for u in units if "domain" in u}) <= 10
    assert 3 <= sum(1 for u in units if u.get("external")) <= 8
    assert {u["office"] for u in units} == {"front", "back"}
    assert org["life_events"] and any("held_by" in d for d in org["data_items"])


def test_references_and_graphs(generated: Path) -> None:
    assert_consistent(generated)
    assert check_catalog(generated) == []


def test_process_shape(generated: Path) -> None:
    org, _, processes = catalog(generated)
    office = {u["id"]: u["office"] for u in org["units"]}
    conditional = loops = 0
    for process in processes.values():
        steps = process["steps"]
        assert 6 <= len(steps) <= 14
        assert 8 <= len({s["unit"] for s in steps}) <= 12
        offices = [s.get("office", office[s["unit"]]) for s in steps]
        assert offices[0] == "front" and "back" in offices
        assert "channel" in steps[0] and steps[0].get("asks")
        position = {s["id"]: i for i, s in enumerate(steps)}
        for i, s in enumerate(steps):
            nxt = s.get("next")
            if isinstance(nxt, list) and any(isinstance(t, dict) and "when" in t for t in nxt):
                conditional += 1
            if any(position[t] <= i for t in targets(s)):
                loops += 1
                assert len(targets(s)) >= 2, "a loop needs a way out"
    assert conditional >= N // 2 and loops >= N // 4


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "No",
        "on",
        "null",
        "~",
        "12345",
        "1e3",
        "a: b",
        "x #y",
        "#z",
        "- a",
        "[a]",
        "{a}",
        "a, b",
        "Financiële dienst",
        " lead",
        "trail ",
        "tab\there",
        'quote "q"',
        "back\\slash",
        "line\nbreak",
        "",
        "true",
        "0x1F",
        "2024-01-01",
        "*alias",
        "&anchor",
        "!tag",
        "%x",
        "@at",
        "`bt`",
    ],
)
def test_dump_yaml_scalars_round_trip(text: str) -> None:
    doc = {"name": text, "items": [{"to": "a-b", "when": text}], "channels": ["web", "counter"]}
    assert load_text(dump_yaml(doc)) == doc


def load_text(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def test_mutate(generated: Path, tmp_path: Path) -> None:
    before = tree(generated)
    mutate_catalog(generated, tmp_path / "m", seed=3)
    assert tree(generated) == before, "the source is left alone"
    after = tree(tmp_path / "m")
    assert after != before
    assert_consistent(tmp_path / "m")
    org0, products0, processes0 = catalog(generated)
    org1, products1, processes1 = catalog(tmp_path / "m")
    assert len(org1["units"]) == len(org0["units"]) - 1, "two units merged into one"
    assert set(products0) - set(products1) and set(products1) - set(products0), "products removed and added"
    assert set(processes0) - set(processes1) and set(processes1) - set(processes0)
    shared = set(products0) & set(products1)
    assert any(products0[p] != products1[p] for p in shared) or any(
        processes0[p] != processes1[p] for p in set(processes0) & set(processes1)
    )
    # unchanged files are copied byte for byte
    assert any(after.get(f) == content for f, content in before.items() if f != "catalog/organisation.yaml")
    mutate_catalog(generated, tmp_path / "m2", seed=3)
    assert tree(tmp_path / "m2") == after, "mutation is deterministic too"


def test_refuses_to_overwrite(generated: Path) -> None:
    with pytest.raises(FileExistsError):
        generate_catalog(generated, products=N)


def test_cli(tmp_path: Path) -> None:
    assert main([str(tmp_path / "g"), "--products", "5", "--seed", "4", "--check"]) == 0
    assert main([str(tmp_path / "m"), "--mutate-from", str(tmp_path / "g"), "--check"]) == 0
    assert_consistent(tmp_path / "m")
    assert main([str(tmp_path / "g"), "--products", "5"]) == 2
