"""`svcmap diff`: what changed between two catalog versions (folders or git revisions), and CI gates on it."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.catalog.source import ORGANISATION_FILE
from svcmap.cli.common import resolve_root, root_option
from svcmap.cli.output import Target, announce, color_option, report_options, report_streams
from svcmap.config import load_config
from svcmap.errors import EXIT_FINDINGS, EXIT_OK
from svcmap.i18n import N_, _, ngettext
from svcmap.reporters.diff import REPORTERS
from svcmap.versions.diff import FAIL_ON, KINDS, CatalogDiff
from svcmap.versions.snapshots import diff_versions


@click.command("diff")
@root_option
@click.argument("old")
@click.argument("new", required=False)
@report_options(list(REPORTERS))
@color_option
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(FAIL_ON),
    multiple=True,
    help="Exit 1 when this happens (repeatable): a unit, product, process or life event removed; "
    "a process's handoffs up; a process's contact moments up.",
)
@click.option("--no-cache", is_flag=True, help="Read both versions again; do not use or fill .svcmap-cache/.")
def command(
    root_option: Path | None,
    old: str,
    new: str | None,
    targets: list[Target],
    color: str,
    fail_on: tuple[str, ...],
    no_cache: bool,
) -> None:
    """Compare two versions of the catalog. OLD and NEW are each a folder or a git revision of the
    repository holding ROOT (a branch, tag or commit: main, v1.0, HEAD~3); NEW defaults to the working
    tree at ROOT. A folder wins over a branch of the same name.

    Exit 1 when a --fail-on condition trips, or when NEW has files that cannot be read (the diff is then
    partial; OLD's broken files are reported but do not fail the run); 2 for an unknown revision or
    unusable input.
    """
    root = resolve_root(None, root_option)
    with report_streams(targets, color) as streams:
        diff = diff_versions(root, old, new, use_cache=not no_cache and load_config(root).cache)
        for stream in streams:
            stream.out.write(REPORTERS[stream.format](diff, stream.color).encode("utf-8"))
    failed = False
    if diff.old.problems:
        _say(
            ngettext(
                "note: the old version, {label}, has {count} loading problem; those parts are not compared",
                "note: the old version, {label}, has {count} loading problems; those parts are not compared",
                len(diff.old.problems),
            ).format(label=diff.old.label, count=len(diff.old.problems))
        )
    if not diff.new.has_catalog:
        _say(_("the new version, {label}, holds no {file}").format(label=diff.new.label, file=ORGANISATION_FILE))
        failed = True
    elif diff.new_is_broken:
        _say(
            ngettext(
                "the new version, {label}, has {count} loading problem: the diff is partial",
                "the new version, {label}, has {count} loading problems: the diff is partial",
                len(diff.new.problems),
            ).format(label=diff.new.label, count=len(diff.new.problems))
        )
        failed = True
    for reason in diff.tripped(fail_on):
        _say(f"--fail-on {reason}")
        failed = True
    announce(lambda: _summary(diff), targets)
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_OK)


def _say(message: str) -> None:
    click.echo(f"svcmap: {message}", err=True)


def _summary(diff: CatalogDiff) -> str:
    """`old → new: 2 added, 1 removed, 3 changed`, over every kind (units, products, processes, ...)."""
    parts = []
    for word, label in _COUNTED:
        count = sum(len(getattr(diff.kind(kind), word)) for kind in KINDS)
        if count:
            parts.append(_(label).format(count=count))
    changes = ", ".join(parts) or _("no changes")
    return f"{diff.old.label} → {diff.new.label}: {changes}"


_COUNTED = (
    ("added", N_("{count} added")),
    ("removed", N_("{count} removed")),
    ("renamed", N_("{count} renamed")),
    ("changed", N_("{count} changed")),
)
"""What the summary counts, and its words: the count is the same for one and for several in Dutch too."""
