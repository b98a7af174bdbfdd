"""`svcmap report`: a static HTML site of the catalog, its processes, diagrams, figures and findings."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import load_checked, resolve_root, root_options
from svcmap.cli.progress import Progress, quiet_option
from svcmap.commands.report import diagram_cache, ranked_candidates
from svcmap.config import load_config
from svcmap.errors import EXIT_OK, SvcmapError
from svcmap.files import check_output_folder
from svcmap.i18n import _, ngettext
from svcmap.reporters.site import build_site, page_count


@click.command("report")
@root_options
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), required=True, help="The folder to write the site into."
)
@click.option(
    "--no-cache", is_flag=True, help="Draw every diagram and rank again; do not read or write .svcmap-cache/."
)
@quiet_option
def command(root_argument: Path | None, root_option: Path | None, out_dir: Path, no_cache: bool, quiet: bool) -> None:
    """Write a static HTML site: the catalog, every process with its diagram and figures, and the findings.

    Open OUT/index.html in a browser, or publish the folder from CI. Diagrams need Graphviz; a diagram whose
    process did not change since the last report is taken from .svcmap-cache/.
    """
    root = resolve_root(root_argument, root_option)
    check_output_folder(out_dir)
    target, catalog_root = out_dir.resolve(), root.resolve()
    if target == catalog_root or any(target.is_relative_to(catalog_root / part) for part in ("catalog", "processes")):
        raise SvcmapError(
            _("{path}: the report's pages would land among the catalog's files; choose another folder").format(
                path=out_dir
            )
        )
    checked = load_checked(root)
    use_cache = load_config(root).cache and not no_cache
    candidates = ranked_candidates(root, checked, use_cache)
    cache = diagram_cache(root, checked, use_cache)
    with Progress(page_count(checked.catalog, checked.analysis), _("Writing the report"), quiet=quiet) as progress:
        written = build_site(
            checked.catalog, checked.analysis, checked.result, out_dir, progress.advance, candidates, cache
        )
    message = ngettext(
        "wrote {count} file to {folder}; open {index}", "wrote {count} files to {folder}; open {index}", len(written)
    )
    click.echo(message.format(count=len(written), folder=out_dir, index=out_dir / "index.html"))
    raise SystemExit(EXIT_OK)
