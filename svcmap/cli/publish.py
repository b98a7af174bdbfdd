"""`svcmap publish lpdc`: the catalog's git history as the LDES of instance snapshots that LPDC harvests, as
static files a municipality can host (shared/LPDC.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from svcmap.cli.common import load_checked, resolve_root, root_option
from svcmap.errors import EXIT_OK, SvcmapError
from svcmap.exports.lpdc_history import history_snapshots, uncommitted_changes
from svcmap.exports.lpdc_pages import write_feed
from svcmap.files import FILE, usable_kind
from svcmap.i18n import _, ngettext


@click.group("publish")
def command() -> None:
    """Publish the catalog at ROOT (found as every command finds it, or --root DIR) to a public catalogue."""


@command.command("lpdc")
@root_option
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), required=True, help="The folder to write the feed to."
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Where the feed is served: the base of every page IRI (default: organisation.lpdc.base_url).",
)
@click.option(
    "--uncommitted",
    is_flag=True,
    help="Also publish what is changed but not committed, as a version of this moment (the run is then no "
    "longer a function of the history alone).",
)
def lpdc(root_option: Path | None, out_dir: Path, base_url: str | None, uncommitted: bool) -> None:
    """The LDES pages (JSON-LD, with the two official contexts beside them) of every product that is not
    planned, one snapshot per commit that changed what it publishes: what is committed; uncommitted changes
    only with --uncommitted (without it, they are named on stderr and left out). Refuses (exit 1, findings
    printed) while the catalog has errors, the SVC5xx readiness rules included. The same history gives the
    same bytes; a longer one only adds to the last page and after it.
    """
    if usable_kind(out_dir) == FILE:
        raise SvcmapError(_("{path}: is a file, not a folder").format(path=out_dir))
    root = resolve_root(None, root_option)
    checked = load_checked(root)
    publication = checked.catalog.publication
    base = base_url or (publication.settings.get("base_url") if publication is not None else None)
    if not isinstance(base, str) or not base:
        raise SvcmapError(_("the feed needs the URL it is served at: give --base-url or organisation.lpdc.base_url"))
    changed = uncommitted_changes(root)
    if uncommitted:
        members = history_snapshots(root, working_tree=checked.catalog, at=datetime.now(UTC))
    else:
        members = history_snapshots(root)
        if changed:
            files = ", ".join(changed[:3]) + (", …" if len(changed) > 3 else "")
            message = ngettext(
                "{count} uncommitted change not published ({files}): commit it, or give --uncommitted",
                "{count} uncommitted changes not published ({files}): commit them, or give --uncommitted",
                len(changed),
            )
            click.echo("svcmap: " + message.format(count=len(changed), files=files), err=True)
    written = write_feed(out_dir, members, base)
    instances = len({member["isVersionOf"] for member in members})
    pages = sum(1 for path in written if path.name.startswith("page-"))
    counts = ", ".join(
        (
            ngettext("{count} page", "{count} pages", pages).format(count=pages),
            ngettext("{count} snapshot", "{count} snapshots", len(members)).format(count=len(members)),
        )
    )
    of = ngettext("of {count} instance", "of {count} instances", instances).format(count=instances)
    click.echo(
        _("wrote {folder}: {counts} {of}; LPDC reads the first page at {url}").format(
            folder=out_dir, counts=counts, of=of, url=f"{base.rstrip('/')}/page-0.json"
        )
    )
    raise SystemExit(EXIT_OK)
