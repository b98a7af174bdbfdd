"""LPDC snapshots from git history (svcmap/exports/lpdc_history.py), on a temporary repository: create, edit,
an edit of a field LPDC does not carry (no snapshot), a rename with a pinned UUID (same instance), retire,
delete (archived); times from the commits; strictly increasing `generatedAtTime`; the whole feed conforms."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from svcmap.exports.lpdc_history import catalog_commits, history_snapshots
from svcmap.exports.lpdc_pages import build_pages, render
from tests.diff.gitrepo import Repo
from tests.exports.lpdc_support import EXAMPLE, isolated_git, violations

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

UNIT = "http://data.lblod.info/id/bestuurseenheden/0e2613a7ed3f45e97b3527e7e465da69b46c85e3086f57169030674503231a15"
PINNED = "c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3"
BASE = "https://www.voorbeeld.be/lpdc/"


def product(ident: str, name: str, extra: str = "") -> str:
    return (
        f"id: {ident}\nname: {name}\nsummary: Over {name}.\nowner: burgerzaken\nprocess: adreswijziging\n"
        f"channels: [web]\naudience: [citizen]\n{extra}"
    )


@pytest.fixture
def repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Repo:
    isolated_git(monkeypatch, tmp_path / "home")
    made = Repo(tmp_path / "repo")
    (made.root / "catalog").mkdir(parents=True)
    shutil.copy(EXAMPLE / "catalog" / "organisation.yaml", made.root / "catalog" / "organisation.yaml")
    return made


def commit(repo: Repo, monkeypatch: pytest.MonkeyPatch, when: str, files: dict[str, str | None]) -> None:
    monkeypatch.setenv("GIT_COMMITTER_DATE", when)
    monkeypatch.setenv("GIT_AUTHOR_DATE", when)
    repo.commit(when, files)


def test_one_snapshot_per_commit_that_changes_what_a_product_publishes(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = "catalog/products/a.yaml", "catalog/products/b.yaml"
    commit(repo, monkeypatch, "2024-01-01T10:00:00+01:00", {a: product("a", "Aanvraag"), b: product("b", "Bewijs")})
    commit(repo, monkeypatch, "2024-01-02T10:00:00+01:00", {a: product("a", "Aanvraag nieuw")})
    commit(repo, monkeypatch, "2024-01-03T10:00:00+01:00", {a: product("a", "Aanvraag nieuw", "lead_time_days: 9\n")})
    renamed = product("b2", "Bewijs", f"identifiers: {{lpdc: {PINNED}}}\n")
    commit(
        repo,
        monkeypatch,
        "2024-01-04T10:00:00+01:00",
        {b: product("b", "Bewijs", f"identifiers: {{lpdc: {PINNED}}}\n")},
    )
    commit(repo, monkeypatch, "2024-01-05T10:00:00+01:00", {b: None, "catalog/products/b2.yaml": renamed})
    commit(repo, monkeypatch, "2024-01-06T10:00:00+01:00", {a: product("a", "Aanvraag nieuw", "status: retired\n")})
    commit(repo, monkeypatch, "2024-01-07T10:00:00+01:00", {"catalog/products/b2.yaml": None})

    assert len(catalog_commits(repo.root)) == 7
    members = history_snapshots(repo.root)
    pinned = [m["isVersionOf"].endswith(PINNED) for m in members]
    summary = sorted(
        (m["generatedAtTime"], m["naam"]["nl-BE-x-informal"], p, m.get("gearchiveerd"))
        for m, p in zip(members, pinned, strict=True)
    )
    assert summary == [
        ("2024-01-01T09:00:00.000Z", "Aanvraag", False, None),
        ("2024-01-01T09:00:00.000Z", "Bewijs", False, None),
        ("2024-01-02T09:00:00.000Z", "Aanvraag nieuw", False, None),
        # 01-03: the lead time only, which LPDC does not carry: no snapshot
        ("2024-01-04T09:00:00.000Z", "Bewijs", False, "true"),  # pinning a UUID ends the unpinned instance
        ("2024-01-04T09:00:00.000Z", "Bewijs", True, None),
        # 01-05: renamed b -> b2 with the same pinned UUID: the same instance and content, no snapshot
        ("2024-01-06T09:00:00.000Z", "Aanvraag nieuw", False, "true"),  # retired
        ("2024-01-07T09:00:00.000Z", "Bewijs", True, "true"),  # deleted
    ]
    assert [m["generatedAtTime"] for m in members] == sorted(m["generatedAtTime"] for m in members)
    last = members[-1]
    assert (last["creatie"], last["laatstGewijzigd"]) == ("2024-01-04T09:00:00.000Z", "2024-01-07T09:00:00.000Z")
    assert violations(members, [UNIT]) == ""


def test_the_unpinned_instance_is_archived_when_its_uuid_gets_pinned(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = "catalog/products/b.yaml"
    commit(repo, monkeypatch, "2024-01-01T10:00:00Z", {b: product("b", "Bewijs")})
    commit(repo, monkeypatch, "2024-01-02T10:00:00Z", {b: product("b", "Bewijs", f"identifiers: {{lpdc: {PINNED}}}\n")})
    members = history_snapshots(repo.root)
    assert sorted(
        (m["generatedAtTime"], m["isVersionOf"].endswith(PINNED), m.get("gearchiveerd") or "") for m in members
    ) == [
        ("2024-01-01T10:00:00.000Z", False, ""),
        ("2024-01-02T10:00:00.000Z", False, "true"),
        ("2024-01-02T10:00:00.000Z", True, ""),
    ]


def test_generated_at_time_strictly_increases_when_commits_share_a_second(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = "catalog/products/a.yaml"
    for number in range(3):
        commit(repo, monkeypatch, "2024-01-01T10:00:00Z", {a: product("a", f"Aanvraag {number}")})
    times = [m["generatedAtTime"] for m in history_snapshots(repo.root)]
    assert times == ["2024-01-01T10:00:00.000Z", "2024-01-01T10:00:00.001Z", "2024-01-01T10:00:00.002Z"]


def test_a_longer_history_keeps_the_pages_of_a_shorter_one(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    for day in range(1, 8):
        commit(
            repo,
            monkeypatch,
            f"2024-01-0{day}T10:00:00Z",
            {f"catalog/products/p{day}.yaml": product(f"p{day}", f"P {day}")},
        )
    short = build_pages(history_snapshots(repo.root, "HEAD~2"), BASE, page_size=2)
    long = build_pages(history_snapshots(repo.root), BASE, page_size=2)
    assert [render(long[name]) for name in list(short)[:-1]] == [render(short[name]) for name in list(short)[:-1]]
    assert history_snapshots(repo.root) == history_snapshots(repo.root)


def test_commits_before_organisation_lpdc_publish_nothing(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    organisation = (repo.root / "catalog" / "organisation.yaml").read_text(encoding="utf-8")
    without = re.sub(r"\n  lpdc:\n(    .*\n)+", "\n", organisation)
    assert "administrative_unit" not in without
    a = "catalog/products/a.yaml"
    commit(repo, monkeypatch, "2024-01-01T10:00:00Z", {"catalog/organisation.yaml": without, a: product("a", "A")})
    assert history_snapshots(repo.root) == []
    commit(repo, monkeypatch, "2024-01-02T10:00:00Z", {"catalog/organisation.yaml": organisation})
    assert [(m["creatie"], m["generatedAtTime"]) for m in history_snapshots(repo.root)] == [
        ("2024-01-02T10:00:00.000Z", "2024-01-02T10:00:00.000Z")
    ]
