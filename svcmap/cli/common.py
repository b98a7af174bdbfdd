"""Options and helpers that several commands share: ROOT, --root, rule selection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from svcmap import i18n
from svcmap.catalog.source import find_root
from svcmap.cli.clicktext import follow_svcmap
from svcmap.errors import EXIT_FINDINGS, SvcmapError
from svcmap.findings import Severity
from svcmap.i18n import _

if TYPE_CHECKING:  # loading them pulls in the rules and the loader, which fmt and diff do not need
    from svcmap.config import Config
    from svcmap.rules.engine import Checked, ValidationResult

F = TypeVar("F", bound=Callable[..., Any])


_root_dir_option = click.option(
    "--root",
    "root_option",
    type=click.Path(path_type=Path),
    help="The catalog folder (default: the nearest folder upwards holding catalog/organisation.yaml).",
)


def _use_language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        try:
            i18n.use(value, from_command_line=True)
        except ValueError as error:  # an installation without its compiled translations
            raise click.UsageError(str(error)) from None
        follow_svcmap()


lang_option = click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    expose_value=False,
    is_eager=True,
    callback=_use_language,
    help="The language of messages and of the report (default: the catalog's `language:`, else en).",
)
"""`--lang en|nl`: before the command (`svcmap --lang nl validate`) or after it; it wins over the config."""


def root_option(command: F) -> F:
    """`--root DIR` (and `--lang`): every command takes it; render and diff, whose arguments are ids and
    revisions, only this."""
    return lang_option(_root_dir_option(command))


def root_options(command: F) -> F:
    """`[ROOT]` as an optional argument and `--root DIR`, as SPEC §5 gives both, and `--lang`."""
    command = click.argument("root_argument", metavar="[ROOT]", required=False, type=click.Path(path_type=Path))(
        command
    )
    return root_option(command)


def resolve_root(argument: Path | None, option: Path | None) -> Path:
    """ROOT from the argument or --root, else discovered from the current folder; must be a folder."""
    if argument is not None and option is not None and argument != option:
        raise SvcmapError(_("give ROOT either as an argument or with --root, not both"))
    from svcmap.files import FOLDER, MISSING, usable_kind

    chosen = argument or option
    if chosen is None:
        return _speak_its_language(find_root(Path.cwd()))
    kind = usable_kind(chosen)  # a name too long for the system is a usage error, not an OSError
    if kind == MISSING:
        raise SvcmapError(_("{path}: no such folder").format(path=chosen))
    if kind != FOLDER:
        raise SvcmapError(_("{path}: not a folder").format(path=chosen))
    return _speak_its_language(chosen)


def _speak_its_language(root: Path) -> Path:
    """Every command with a ROOT resolves it first: from here on it speaks the catalog's `language:`, or
    English where it sets none (unless --lang chose another); click's own messages too."""
    from svcmap.config import catalog_language

    try:
        i18n.use(catalog_language(root) or i18n.DEFAULT_LANGUAGE)
    except ValueError as error:
        raise SvcmapError(str(error)) from None
    follow_svcmap()
    return root


def split_codes(values: tuple[str, ...]) -> list[str]:
    """`--select SVC1,SVC302 --select SVC4` → ['SVC1', 'SVC302', 'SVC4']; an option given empty is an error."""
    codes = [code.strip().upper() for value in values for code in value.split(",") if code.strip()]
    if values and not codes:
        raise click.BadParameter(_("give at least one rule code or prefix, e.g. SVC3"), param_hint="--select/--ignore")
    return codes


def _parse_pairs(values: tuple[str, ...], option: str, convert: Callable[[str], Any]) -> dict[str, Any]:
    pairs: dict[str, Any] = {}
    for value in values:
        code, sep, setting = value.partition("=")
        if not sep:
            raise click.BadParameter(_("expected CODE=VALUE, got {value}").format(value=repr(value)), param_hint=option)
        try:
            pairs[code.strip().upper()] = convert(setting.strip())
        except ValueError:
            raise click.BadParameter(_("bad value in {value}").format(value=repr(value)), param_hint=option) from None
    return pairs


def rule_options(command: F) -> F:
    """--select, --ignore, --threshold and --severity: the command line over the catalog's config."""
    for decorator in reversed(
        (
            click.option(
                "--select", multiple=True, metavar="CODES", help="Only these rule codes or prefixes (comma-separated)."
            ),
            click.option("--ignore", multiple=True, metavar="CODES", help="Leave out these rule codes or prefixes."),
            click.option("--threshold", multiple=True, metavar="CODE=N", help="Set a rule's threshold, e.g. SVC301=3."),
            click.option(
                "--severity", multiple=True, metavar="CODE=LEVEL", help="Set a rule's severity: error or warning."
            ),
        )
    ):
        command = decorator(command)
    return command


def build_config(
    root: Path, select: tuple[str, ...], ignore: tuple[str, ...], threshold: tuple[str, ...], severity: tuple[str, ...]
) -> Config:
    from svcmap.config import load_config

    thresholds = _parse_pairs(threshold, "--threshold", _non_negative)
    severities = _parse_pairs(severity, "--severity", Severity)
    return load_config(root).overridden(split_codes(select), split_codes(ignore), thresholds, severities)


def _non_negative(text: str) -> int:
    number = int(text)
    if number < 0:
        raise ValueError(text)
    return number


def stop_on_errors(result: ValidationResult) -> None:
    """SPEC §4: a command other than validate prints a catalog's errors as validate does, and exits 1."""
    from dataclasses import replace

    from svcmap.reporters.findings import text

    if result.errors:
        errors = [finding for finding in result.findings if finding.severity is Severity.ERROR]
        click.echo(text(replace(result, findings=errors)), nl=False, err=True)
        raise SystemExit(EXIT_FINDINGS)


def load_checked(root: Path) -> Checked:
    """The catalog at ROOT, its figures and its findings under its own config; a catalog with errors stops
    here (exit 1)."""
    from svcmap.catalog.source import FolderSource
    from svcmap.rules.engine import check_source

    checked = check_source(FolderSource(root), build_config(root, (), (), (), ()))
    stop_on_errors(checked.result)
    return checked
