"""`svcmap fmt`: the canonical layout for every catalog file; --check says which files are not in it."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.catalog.source import FolderSource
from svcmap.cli.common import resolve_root, root_option
from svcmap.cli.progress import progress, quiet_option
from svcmap.errors import EXIT_FINDINGS, EXIT_OK
from svcmap.fmt.formatter import FmtResult, catalog_files, format_catalog, format_files
from svcmap.i18n import _, ngettext


@click.command("fmt")
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path), metavar="[ROOT] [PATHS]...")
@root_option
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change and exit 1 if any would.")
@click.option("--diff", "show_diff", is_flag=True, help="Show each change as a unified diff (implies --check).")
@quiet_option
def command(targets: tuple[Path, ...], root_option: Path | None, check: bool, show_diff: bool, quiet: bool) -> None:
    """Rewrite the catalog's files in their canonical layout: keys in the catalog format's order,
    2-space indentation, `[a, b]` for lists of ids, quotes only where needed; comments and blank lines are kept.

    ROOT is the catalog folder; PATHS, if given, limit fmt to those catalog files. Each file is written
    atomically, and only if it reads as YAML and passes its schema; a file that does not is reported
    (file:line:col) and left unchanged.
    """
    paths = list(targets)
    root_argument = paths.pop(0) if paths and (paths[0].is_dir() or paths[0].suffix != ".yaml") else None
    check = check or show_diff
    if root_argument is None and root_option is None and paths:
        with progress(len(paths), _("Formatting"), quiet=quiet) as bar:  # each file in the catalog it belongs to
            result = format_files(paths, check=check, on_file=lambda name: bar.advance())
    else:
        root = resolve_root(root_argument, root_option)
        total = len(paths) or len(catalog_files(FolderSource(root)))
        with progress(total, _("Formatting"), quiet=quiet) as bar:
            result = format_catalog(root, paths, check=check, on_file=lambda name: bar.advance())
    click.echo(_report(result, show_diff), nl=False)
    raise SystemExit(EXIT_FINDINGS if result.failed() else EXIT_OK)


def _report(result: FmtResult, show_diff: bool) -> str:
    lines: list[str] = []
    for finding in result.findings():
        code = f"{finding.code} " if finding.code else ""
        where = f"{finding.file}:{finding.line}:{finding.column}"
        lines.append(_("{where}: {message} (not formatted)").format(where=where, message=f"{code}{finding.message}"))
    for report in result.changed:
        if show_diff:
            lines.append(report.diff().rstrip("\n"))
        lines.append((_("would reformat {path}") if result.check else _("reformatted {path}")).format(path=report.path))
    changed, unchanged, problems = len(result.changed), len(result.unchanged), len(result.problems)
    if result.check:
        parts = [
            ngettext("{count} file would be reformatted", "{count} files would be reformatted", changed),
            ngettext("{count} already formatted", "{count} already formatted", unchanged),
        ]
    else:
        parts = [
            ngettext("{count} file reformatted", "{count} files reformatted", changed),
            ngettext("{count} unchanged", "{count} unchanged", unchanged),
        ]
    parts = [parts[0].format(count=changed), parts[1].format(count=unchanged)]
    if result.problems:
        parts.append(
            ngettext("{count} file not formatted", "{count} files not formatted", problems).format(count=problems)
        )
    lines.append(", ".join(parts))
    return "\n".join(lines) + "\n"
