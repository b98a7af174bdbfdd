"""Where a command's reports go: standard output and files (`--output`, `--report FORMAT:FILE`), each file
written whole or not at all; colour for a terminal (`--color`, `NO_COLOR`); and the summary line on stderr
that says which files were written.

CI wants several reports of one run — text for the log, SARIF, JUnit or Code Quality as artefacts —
without running the command once per format: `--format` and `--output` choose the main report (standard
output by default), and each `--report FORMAT:FILE` adds one more. Every file is an `AtomicFile`, opened
before the work starts (a path that cannot be written is refused at once) and put in place only when the
command has made every report: a run that fails half-way leaves each file as it was, never a truncated one.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeVar, cast

import click

from svcmap.errors import SvcmapError
from svcmap.files import FOLDER, AtomicFile, usable_kind
from svcmap.i18n import _, ngettext

F = TypeVar("F", bound=Callable[..., Any])

STDOUT = "-"
COLOR_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True)
class Target:
    """One report of a run: its format, and the file it goes to (None: standard output)."""

    format: str
    path: Path | None = None


def report_options(formats: Sequence[str]) -> Callable[[F], F]:
    """`--format F`, `-o/--output FILE` and `--report FORMAT:FILE` (repeatable), handed to the command as one
    parameter, `targets`: the --format report first (to --output, or standard output), then each --report."""

    def parse(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[Target, ...]:
        return tuple(_parse_report(value, formats) for value in values)

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def with_targets(
            *args: Any, output_format: str, output: Path | None, extra: tuple[Target, ...], **kw: Any
        ) -> Any:
            return command(*args, targets=report_targets(output_format, output, extra), **kw)

        options = (
            click.option(
                "--format", "output_format", type=click.Choice(formats), default=formats[0], show_default=True
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
                metavar="FILE",
                help="Write the --format report to FILE (whole, or not at all) instead of standard output (-).",
            ),
            click.option(
                "--report",
                "extra",
                multiple=True,
                metavar="FORMAT:FILE",
                callback=parse,
                help=f"Also write a report in FORMAT to FILE in this run; repeatable. FORMAT: {', '.join(formats)}.",
            ),
        )
        for option in reversed(options):
            with_targets = option(with_targets)
        return cast(F, with_targets)

    return decorate


color_option = click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text on standard output; auto: only on a terminal, and not when NO_COLOR is set.",
)
"""`--color auto|always|never`: for the commands whose text report has colours (validate, diff)."""


def _parse_report(value: str, formats: Sequence[str]) -> Target:
    """`sarif:out/svcmap.sarif` → Target('sarif', Path('out/svcmap.sarif')); the format comes first, so a
    file name may hold colons of its own."""
    output_format, sep, file = value.partition(":")
    if not sep or not output_format or not file:
        raise click.BadParameter(
            _("expected FORMAT:FILE, e.g. {example}; got {value}").format(
                example=f"{formats[-1]}:report.out", value=repr(value)
            )
        )
    if output_format not in formats:
        raise click.BadParameter(
            _("unknown format {format} in {value}: choose from {formats}").format(
                format=repr(output_format), value=repr(value), formats=", ".join(formats)
            )
        )
    if file == STDOUT:
        raise click.BadParameter(
            _("{value}: --report writes a file; standard output takes the --format report").format(value=repr(value))
        )
    return Target(output_format, Path(file))


def report_targets(output_format: str, output: Path | None, extra: Sequence[Target]) -> list[Target]:
    """The run's reports: the --format one (to --output, or standard output), then each --report; a file named
    twice, or a folder, is a usage error before any work."""
    main = Target(output_format, None if output is None or str(output) == STDOUT else output)
    targets = [main, *extra]
    seen: dict[str, Path] = {}
    for target in targets:
        if target.path is None:
            continue
        if usable_kind(target.path) == FOLDER:
            raise SvcmapError(_("{path}: a folder; give the report's file name").format(path=target.path))
        same = os.path.abspath(target.path)
        if same in seen:
            raise SvcmapError(
                _("{path}: named for two reports; give each report a file of its own").format(path=target.path)
            )
        seen[same] = target.path
    return targets


class Stream(NamedTuple):
    """Where one report goes, open: its format, the stream, and whether its text may be coloured."""

    format: str
    out: IO[bytes]
    color: bool
    """Colour was asked for (`--color`, `NO_COLOR`) and this is standard output: a file never gets any."""


@contextmanager
def report_streams(targets: Sequence[Target], color: str = "never") -> Iterator[list[Stream]]:
    """Each target opened: standard output, or an `AtomicFile` (its folder made if missing). Leaving the block
    normally puts every file in place; leaving it by an exception — an error, ^C, `SystemExit` from a
    command that stops on the catalog's errors — discards them all."""
    colored = wants_color(color)
    files: list[AtomicFile] = []
    try:
        streams: list[Stream] = []
        for target in targets:
            if target.path is None:
                streams.append(Stream(target.format, sys.stdout.buffer, colored))
            else:
                files.append(_open(target.path))  # an AtomicFile writes and flushes as a file does:
                streams.append(Stream(target.format, cast("IO[bytes]", files[-1]), False))
        yield streams
        sys.stdout.buffer.flush()
    except BaseException:
        for file in files:
            file.discard()
        raise
    for file in files:
        try:
            file.commit()
        except OSError as error:
            raise SvcmapError(_cannot_write(file.path, error)) from None


def _open(path: Path) -> AtomicFile:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return AtomicFile(path)
    except OSError as error:
        raise SvcmapError(_cannot_write(path, error)) from None


def _cannot_write(path: Path, error: OSError) -> str:
    return _("{path}: cannot write the report: {error}").format(path=path, error=error.strerror or error)


def wants_color(choice: str) -> bool:
    """--color always: yes; never: no; auto: when standard output is a terminal, unless the NO_COLOR
    environment variable is set and not empty (https://no-color.org)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def announce(summary: Callable[[], str], targets: Sequence[Target]) -> None:
    """`svcmap: 0 errors, 3 warnings in 12 files; report written to x.sarif` on stderr, when a report went to
    a file: the log then still says what the run found, and where to look. `summary` is called only then
    (its words need svcmap.text, which a warm run writing to standard output does without)."""
    files = [target.path for target in targets if target.path is not None]
    if files:
        from svcmap.text import terminal_text

        written = ngettext("report written to {files}", "reports written to {files}", len(files))
        line = f"svcmap: {summary()}; {written.format(files=', '.join(map(str, files)))}"
        click.echo(terminal_text(line), err=True)  # file names and diff's labels are the user's text
