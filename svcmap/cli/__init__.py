"""The command line: the only place that imports click, turns errors into messages and exit codes."""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from svcmap import __version__
from svcmap.catalog.schemafiles import schema_dir
from svcmap.cli.clicktext import follow_svcmap
from svcmap.cli.common import lang_option
from svcmap.errors import EXIT_USAGE, SvcmapError
from svcmap.i18n import _

COMMANDS = {
    "validate": "svcmap.cli.validate",
    "analyze": "svcmap.cli.analyze",
    "render": "svcmap.cli.render",
    "diff": "svcmap.cli.diff",
    "whatif": "svcmap.cli.whatif",
    "fmt": "svcmap.cli.fmt",
    "report": "svcmap.cli.report",
    "rules": "svcmap.cli.rules",
    "init": "svcmap.cli.init",
    "new": "svcmap.cli.new",
    "import": "svcmap.cli.imports",
    "export": "svcmap.cli.export",
    "publish": "svcmap.cli.publish",
}
"""Each command's module, imported only when the command runs (click's lazy subcommands): importing
them all costs ~0.2 s — Graphviz, ruamel.yaml, networkx — which `validate` in CI should not pay."""


class _Group(click.Group):
    """Loads commands on demand, and turns every domain error into a message and its exit code: never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(module).command
        return command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        follow_svcmap()  # click speaks what svcmap speaks, from the first word it parses
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> object:
        # One command runs and the process exits. The catalog it loads is acyclic (reference counting
        # frees it), yet every collection of the cyclic collector would scan all of it again: with it
        # on, validate of the 2,000-product bench catalog took 7.7 s of CPU instead of 1.9 s. So the
        # command line, and only it, turns the collector off; a library caller keeps its own setting.
        gc.disable()
        try:
            return super().invoke(ctx)
        except SvcmapError as error:
            click.echo(f"svcmap: {error.message}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except Exception as error:  # the CLI boundary: a bug must still not print a traceback
            message = _("internal error: {error} (please report this)").format(error=f"{type(error).__name__}: {error}")
            click.echo(f"svcmap: {message}", err=True)
            ctx.exit(EXIT_USAGE)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`: the version, and the schemas this installation checks against (for a bug report)."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"svcmap {__version__}\nschemas: {schema_dir()}")
    ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and the folder of the JSON Schemas in use, and exit.",
)
@lang_option
def main() -> None:
    """svcmap: a municipality's product and service catalog, and the process behind each product, as YAML in git.

    It validates the catalog like a linter, measures where a product crosses departments (silo handoffs)
    and the line between front and back office, draws the processes, and diffs catalog versions.
    """


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point for tests: run the CLI and return its exit code instead of exiting."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="svcmap", standalone_mode=True)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0
