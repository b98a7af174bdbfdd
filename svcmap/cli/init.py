"""`svcmap init [DIR]`: a new catalog that validates at once, with its config, pre-commit hooks, CI file and README."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.errors import EXIT_OK
from svcmap.i18n import _
from svcmap.scaffold.init import CI_FILES, DEFAULT_CI, DEFAULT_NAME, init_catalog
from svcmap.scaffold.newfiles import report
from svcmap.text import one_line, terminal_text


@click.command("init")
@click.argument("folder", metavar="[DIR]", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--name", default=DEFAULT_NAME, show_default=True, help="The organisation's name; its id is made from it."
)
@click.option(
    "--ci",
    type=click.Choice(tuple(CI_FILES)),
    default=DEFAULT_CI,
    show_default=True,
    help="The CI host to write a CI file for: .github/workflows/svcmap.yml, .gitlab-ci.yml, or none.",
)
def command(folder: Path, name: str, ci: str) -> None:
    """Start a catalog in DIR (default: the current folder; made if missing): the organisation with two
    units, an example product and its process, .svcmap.yaml, .pre-commit-config.yaml, a CI file, a README
    and svcmap's JSON Schemas for editors. Every key is explained in a comment; `svcmap validate` and
    `svcmap fmt --check` pass on it at once.

    Refused, with nothing written, when DIR holds a catalog file or any file init would write.
    """
    result = init_catalog(folder, name, ci)
    here = folder.resolve() == Path.cwd().resolve()
    where = _("the current folder") if here else folder
    click.echo(terminal_text(_("a new catalog for {name} in {folder}:").format(name=one_line(name), folder=where)))
    click.echo(report(result), nl=False)
    raise SystemExit(EXIT_OK)
