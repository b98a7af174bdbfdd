"""`fmt`: give every catalog file its canonical layout, in place and atomically, never touching a broken file.

A file is formatted only when it reads as YAML and passes its schema: a file with a syntax error or a
schema violation is reported (file:line:col, as `validate` would) and left byte for byte as it is. The
layout itself is svcmap.fmt.canonical's; this module picks the files, decides, and writes.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from svcmap.catalog import reader, schema
from svcmap.catalog.source import ORGANISATION_FILE, FileText, FolderSource, find_root, listing
from svcmap.catalog.workers import map_forked
from svcmap.errors import SvcmapError
from svcmap.files import write_atomically as replace_file
from svcmap.findings import Finding, Severity
from svcmap.fmt import canonical, writer
from svcmap.i18n import _

UNREADABLE = "SVC001"
SCHEMA = "SVC002"
NO_CATALOG = "SVC004"


class Status(str, enum.Enum):
    """What fmt did (or, with --check, would do) to one file."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    """Rewritten; with --check: would be rewritten."""
    PROBLEM = "problem"
    """Left alone: it does not parse, fails its schema, cannot be laid out safely, or cannot be written."""


@dataclass(frozen=True)
class FileReport:
    """One file's outcome; for a problem, the Finding that says where and what (code as in `validate`, if any).

    A refusal that breaks no rule (a read-only file, a layout fmt cannot vouch for) has the code "".
    """

    path: str
    status: Status
    finding: Finding | None = None
    before: str = ""
    after: str = ""

    def diff(self) -> str:
        """The change as a unified diff (empty unless the file changes)."""
        if self.status is not Status.CHANGED:
            return ""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@dataclass(frozen=True)
class FmtResult:
    """Every file fmt looked at, in catalog order."""

    files: list[FileReport]
    check: bool

    @property
    def changed(self) -> list[FileReport]:
        return [report for report in self.files if report.status is Status.CHANGED]

    @property
    def problems(self) -> list[FileReport]:
        return [report for report in self.files if report.status is Status.PROBLEM]

    @property
    def unchanged(self) -> list[FileReport]:
        return [report for report in self.files if report.status is Status.UNCHANGED]

    def findings(self) -> list[Finding]:
        """Why each problem file was left alone, one Finding per file."""
        return [report.finding for report in self.files if report.finding is not None]

    def failed(self) -> bool:
        """Exit 1: a file could not be formatted, or (with --check) a file is not formatted."""
        return bool(self.problems) or (self.check and bool(self.changed))


def kind_of(path: str) -> str:
    """The schema kind of a catalog file, from where it stands (SPEC §2)."""
    if path == ORGANISATION_FILE:
        return "organisation"
    return "process" if PurePosixPath(path).parts[0] == "processes" else "product"


def catalog_files(source: FolderSource) -> list[str]:
    """The files of the catalog, ROOT-relative, in the order `validate` reads them."""
    return [path for path, _ in listing(source)]


def select(root: Path, files: list[str], paths: Sequence[Path]) -> list[str]:
    """The catalog files that PATHS name; a path that is no catalog file is a usage error."""
    by_location = {os.path.realpath(root / name): name for name in files}
    chosen: list[str] = []
    for path in paths:
        name = by_location.get(os.path.realpath(path)) or by_location.get(os.path.realpath(root / path))
        if name is None:
            raise SvcmapError(
                _(
                    "{path}: not a catalog file of {root} (fmt formats {file}, catalog/products/*.yaml and "
                    "processes/*.yaml)"
                ).format(path=path, root=root, file=ORGANISATION_FILE)
            )
        if name not in chosen:
            chosen.append(name)
    return [name for name in files if name in chosen]


def refusal(path: str, message: str, line: int = 1, column: int = 1, code: str = "") -> FileReport:
    """The report of a file fmt leaves alone: a Finding (an error: fmt fails), located as `validate` locates it."""
    return FileReport(path, Status.PROBLEM, Finding(code, Severity.ERROR, message, path, line, column, ""))


def format_catalog(
    root: Path,
    paths: Sequence[Path] = (),
    check: bool = False,
    on_file: Callable[[str], None] | None = None,
) -> FmtResult:
    """Format the catalog at ROOT (or only PATHS); with `check`, write nothing and say what would change.

    Every other file is formatted in a forked child on the second core (files are independent, and a
    report is small to send back). `on_file` is called after each file (for a progress bar): as this
    process finishes its own files, and for the child's when their reports arrive.
    """
    source = FolderSource(root)
    files = catalog_files(source)
    reports: list[FileReport] = []
    if paths:
        files = select(root, files, paths)
    elif ORGANISATION_FILE not in files:
        reports.append(
            refusal(
                ORGANISATION_FILE,
                _("no {file}: this folder holds no svcmap catalog").format(file=ORGANISATION_FILE),
                code=NO_CATALOG,
            )
        )
    styles = writer.ScalarStyles()
    parent = os.getpid()
    in_child = set(files[1::2])

    def one(name: str) -> FileReport:
        report = format_file(source, name, check, styles)
        if on_file is not None and os.getpid() == parent:
            on_file(name)
        return report

    reports.extend(map_forked(one, files, lambda name: name in in_child))
    if on_file is not None:
        for name in files:
            if name in in_child:
                on_file(name)
    return FmtResult(reports, check)


def format_files(paths: Sequence[Path], check: bool = False, on_file: Callable[[str], None] | None = None) -> FmtResult:
    """Format the catalog files PATHS, of one catalog or several, each found from where its file stands.

    This is how the pre-commit hook calls fmt: with the changed files, named from the repository's root,
    in a catalog at that root or in a subfolder, or in several. With one catalog files are named from its
    ROOT, as always; with several, from the current folder (`gemeente-a/processes/x.yaml`), so that no
    two reports share a name.
    """
    groups: dict[Path, list[Path]] = {}
    for path in paths:
        groups.setdefault(find_root(Path(os.path.abspath(path)).parent), []).append(path)
    reports: list[FileReport] = []
    for root, group in groups.items():
        result = format_catalog(root, group, check, on_file)
        prefix = _shown(root) if len(groups) > 1 else ""
        reports.extend(_renamed(report, prefix) for report in result.files)
    return FmtResult(reports, check)


def _shown(root: Path) -> str:
    """How a catalog's files are prefixed in a report: its ROOT from the current folder, `/`-separated."""
    relative = os.path.relpath(root)
    return "" if relative == "." else PurePosixPath(Path(relative).as_posix()).as_posix() + "/"


def _renamed(report: FileReport, prefix: str) -> FileReport:
    if not prefix:
        return report
    finding = report.finding
    if finding is not None:
        finding = dataclasses.replace(finding, file=prefix + finding.file)
    return dataclasses.replace(report, path=prefix + report.path, finding=finding)


def format_file(source: FolderSource, path: str, check: bool, styles: writer.ScalarStyles | None = None) -> FileReport:
    """Format one catalog file, or say why it is left alone (`styles`: the run's, shared by its files)."""
    got = source.read(path)
    if not isinstance(got, FileText):
        return refusal(path, got.message, got.line, got.column, UNREADABLE)
    text = got.text
    checked = _checked(path, text)
    if isinstance(checked, FileReport):
        return checked
    try:
        formatted = canonical.format_text(text, kind_of(path), checked, styles)
    except canonical.LayoutError as error:
        return refusal(path, error.message, error.line, error.column, error.code)
    full = source.root / path
    try:
        unchanged = full.read_bytes() == formatted.encode("utf-8")
    except OSError as error:
        return refusal(path, _("cannot read file: {error}").format(error=error.strerror or error), code=UNREADABLE)
    if unchanged:
        return FileReport(path, Status.UNCHANGED)
    if not check:
        try:
            write_atomically(full, formatted.encode("utf-8"))
        except ReadOnlyFile:
            return refusal(path, _("file is read-only; not formatted"))
        except OSError as error:
            return refusal(path, _("cannot write file: {error}; left unchanged").format(error=error.strerror or error))
    return FileReport(path, Status.CHANGED, before=text, after=formatted)


def _checked(path: str, text: str) -> FileReport | reader.YMap:
    """The file's data, or a report for a file that does not parse or fails its schema (the first fault)."""
    kind = kind_of(path)
    try:
        data = reader.load(text)
    except reader.YamlProblem as error:
        return refusal(path, error.message, error.line, error.column, UNREADABLE)
    if not isinstance(data, reader.YMap):
        what = (
            _("file is empty: expected the {kind}")
            if data is None
            else _("not a mapping of keys to values: expected the {kind}")
        )
        line, column = getattr(data, "line", 1), getattr(data, "column", 1)
        return refusal(path, what.format(kind=kind), line, column, SCHEMA)
    errors = schema.check(kind, data)
    if errors:
        first = errors[0]
        more = (
            _(" (and {count} more; `svcmap validate` lists them)").format(count=len(errors) - 1)
            if len(errors) > 1
            else ""
        )
        return refusal(path, first.message + more, first.line, first.column, SCHEMA)
    return data


class ReadOnlyFile(OSError):
    """The file's permissions say it is not to be written, even where the user could (e.g. as root)."""


def write_atomically(path: Path, data: bytes) -> None:
    """Replace a file's content all at once: a temporary file in the same folder, then a rename.

    A reader never sees half a file, a crash leaves the old file whole, the file's mode is kept, and a
    symbolic link stays a link (its target is written). A file without write permission is refused.
    """
    target = Path(os.path.realpath(path))
    if not writable(target):
        raise ReadOnlyFile(f"{path} is read-only")
    replace_file(target, data, mode=stat.S_IMODE(target.stat().st_mode), durable=True)


def writable(path: Path) -> bool:
    """Whether fmt may replace the file: its permissions allow writing (even for root, who could anyway),
    and this user can."""
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(target.stat().st_mode)
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(target, os.W_OK)
