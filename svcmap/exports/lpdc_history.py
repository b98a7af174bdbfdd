"""The snapshots of a catalog's git history: one per commit that changed what a product publishes.

Why from git: LPDC takes each snapshot as the complete product at one moment and skips one that is not later
than what it already processed (shared/LPDC.md §2), so the feed must be a function of the history, not of the
moment `publish` runs, or two runs would disagree. Every commit that touched the catalog is loaded (read from
git objects, never the working tree: `GitRevisionSource`, as `diff` does), each product reduced to its
`published_content`; a product gets a snapshot at a commit only when that content differs from its last one.
A field LPDC does not carry (owner, channels, lead time ...) therefore makes no snapshot.

Times: `generatedAtTime` and `laatstGewijzigd` are the commit's committer time, `creatie` the time of the
instance's first snapshot; a commit not later than the instance's last snapshot (same second, or a clock
that went back) is moved 1 ms after it, so `generatedAtTime` strictly increases per instance. A product that
is deleted, renamed without `identifiers.lpdc`, or becomes `planned` gets one complete archived snapshot (its
last content with `gearchiveerd`); a retired one is archived by its own content. Commits before
`organisation.lpdc.administrative_unit` exists publish nothing.

Uncommitted changes are not published unless asked (`working_tree`): then the catalog as it is on disk is
one more version, stamped with the moment given — so that run is no longer a function of the history alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from svcmap.catalog.gitsource import GitRevisionSource, git, repository_of
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import ORGANISATION_FILE, PRODUCTS_DIR
from svcmap.errors import SvcmapError
from svcmap.exports.cpsv import published_products
from svcmap.exports.lpdc_snapshot import PublishSettings, SnapshotTimes, published_content, snapshot
from svcmap.i18n import _

ONE_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Commit:
    """A commit that touched the catalog: its id and its committer time."""

    id: str
    time: datetime


@dataclass
class _Instance:
    """What has been published of one instance so far."""

    content: dict[str, Any]
    created: datetime
    last: datetime


def catalog_commits(root: Path, revision: str = "HEAD") -> list[Commit]:
    """The commits up to `revision` that changed organisation.yaml or a product file of the catalog at ROOT,
    oldest first (first parents only: a merged branch counts as its merge commit, the moment its changes reached
    the mainline). Processes are not read: no published field comes from them yet."""
    repository = repository_of(root)
    paths = [f"{repository.prefix}/{path}" if repository.prefix else path for path in (ORGANISATION_FILE, PRODUCTS_DIR)]
    result = git(repository.top, "log", "--first-parent", "--reverse", "--format=%H %cI", revision, "--", *paths)
    if result.returncode != 0:
        raise SvcmapError(
            _("{root}: cannot read the git history ({error})").format(
                root=root, error=result.stderr.decode(errors="replace").strip()
            )
        )
    commits = []
    for line in result.stdout.decode("ascii").splitlines():
        commit, _space, when = line.partition(" ")
        commits.append(Commit(commit, datetime.fromisoformat(when)))
    return commits


def uncommitted_changes(root: Path) -> list[str]:
    """The catalog files (organisation.yaml, products) with changes git has not committed, as git names them."""
    repository = repository_of(root)
    paths = [f"{repository.prefix}/{path}" if repository.prefix else path for path in (ORGANISATION_FILE, PRODUCTS_DIR)]
    result = git(repository.top, "status", "--porcelain", "--untracked-files=all", "--", *paths)
    return [line[3:] for line in result.stdout.decode("utf-8", "replace").splitlines() if line.strip()]


def history_snapshots(
    root: Path, revision: str = "HEAD", working_tree: Catalog | None = None, at: datetime | None = None
) -> list[dict[str, Any]]:
    """Every snapshot the history of the catalog at ROOT publishes, in the order they were made; with
    `working_tree` (the catalog on disk) and `at`, its uncommitted changes too, as a version at that moment."""
    repository = repository_of(root)
    published: dict[str, _Instance] = {}
    members: list[dict[str, Any]] = []
    for commit in catalog_commits(root, revision):
        catalog = load_catalog(GitRevisionSource(repository.top, commit.id, repository.prefix)).catalog
        _publish_version(catalog, commit.time, published, members)
    if working_tree is not None and at is not None:
        _publish_version(working_tree, at, published, members)
    return members


def _publish_version(
    catalog: Catalog, time: datetime, published: dict[str, _Instance], members: list[dict[str, Any]]
) -> None:
    """Add the snapshots of one catalog version: each instance whose published content changed since its last."""
    try:
        settings = PublishSettings.of(catalog)
    except SvcmapError:
        return  # not publishing to LPDC yet at this version
    now: dict[str, dict[str, Any]] = {}
    for product in published_products(catalog):
        content = published_content(product, settings, archived=product.status == "retired")
        now[content["isVersionOf"]] = content
    for iri, state in published.items():
        if iri not in now and state.content.get("gearchiveerd") != "true":
            now[iri] = {**state.content, "gearchiveerd": "true"}  # deleted, renamed or planned again
    for iri in sorted(now):
        state = published.get(iri)
        if state is not None and state.content == now[iri]:
            continue
        moment = time if state is None or time > state.last else state.last + ONE_MS
        created = moment if state is None else state.created
        members.append(snapshot(now[iri], SnapshotTimes(created, moment, moment)))
        published[iri] = _Instance(now[iri], created, moment)
