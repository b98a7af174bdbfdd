"""A catalog version read from a git revision: listed with `git ls-tree`, read with one `git cat-file --batch`.

Nothing here touches the working tree or the index: git only reads objects. Every file of a revision is
fetched through a single `git cat-file` process (a catalog can hold thousands of files, and a process per
file would cost more than parsing them). Symbolic links are followed inside the revision, as a checkout
would; a link that leaves the repository, dangles or loops is a read failure (SVC001), like on disk.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from svcmap.catalog.source import (
    MAX_FILE_BYTES,
    ORGANISATION_FILE,
    PROCESSES_DIR,
    PRODUCTS_DIR,
    CatalogSource,
    FileText,
    FolderSource,
    ReadFailure,
    decode,
    too_large,
)
from svcmap.errors import SvcmapError
from svcmap.files import FILE, FOLDER, kind_of
from svcmap.i18n import N_, _

NO_GIT = N_("git is not installed (or not on PATH): it is needed to read a revision")

_TREE_MODE = "040000"
_SUBMODULE_MODE = "160000"
_SYMLINK_MODE = "120000"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Repository:
    """Where ROOT stands in its git repository: the top folder and ROOT's path from it (`''` or `a/b`)."""

    top: Path
    prefix: str


def git(top: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run one read-only git command in `top`; a missing git is a usage error, not a traceback."""
    try:
        return subprocess.run(["git", "-C", str(top), *args], capture_output=True, env=_environment(), check=False)
    except FileNotFoundError:
        raise SvcmapError(_(NO_GIT)) from None


def _environment() -> dict[str, str]:
    """git in plain English, taking no optional locks, with paths taken literally (never as globs)."""
    return {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_LITERAL_PATHSPECS": "1", "LC_ALL": "C"}


def repository_of(root: Path) -> Repository:
    """The repository that holds ROOT, or a clear error when ROOT is in none."""
    if not root.is_dir():
        raise SvcmapError(_("{root}: not a folder").format(root=root))
    result = git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    lines = result.stdout.decode("utf-8", "surrogateescape").splitlines()
    if result.returncode != 0 or len(lines) < 1:
        reason = _first_line(result.stderr)
        raise SvcmapError(
            _(
                "{root} is not inside a git repository ({reason}), so revisions cannot be read there; "
                "give folders to compare, or a ROOT inside the repository with --root"
            ).format(root=root, reason=reason)
        )
    prefix = lines[1] if len(lines) > 1 else ""
    return Repository(Path(lines[0]), prefix.rstrip("/"))


def resolve_revision(repository: Repository, revision: str) -> str:
    """The commit id a revision names; refused when it could be read as an option or names no commit."""
    if not revision or revision.startswith("-"):
        raise SvcmapError(
            _("{revision!r} is not a revision: a revision may not be empty or start with '-'").format(revision=revision)
        )
    result = git(repository.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    commit = result.stdout.decode("ascii", "replace").strip()
    if result.returncode != 0 or not commit:
        shallow = git(repository.top, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        hint = _("; this is a shallow clone: fetch the revision first (git fetch origin <branch>)") if shallow else ""
        raise SvcmapError(
            _("{revision!r}: no such revision (commit, branch or tag) in the git repository at {top}{hint}").format(
                revision=revision, top=repository.top, hint=hint
            )
        )
    return commit


@dataclass(frozen=True, slots=True)
class _Entry:
    """One listed file: its git mode, its object id and its ROOT-relative path."""

    mode: str
    object_id: str
    path: str


class GitRevisionSource:
    """The catalog at ROOT as it stands in one commit of the repository holding ROOT (a CatalogSource)."""

    def __init__(self, repo_root: Path, revision: str, catalog_subdir: str = "") -> None:
        self.repository = Repository(repo_root, catalog_subdir.strip("/"))
        self.revision = revision
        self.commit = resolve_revision(self.repository, revision)
        self.label = f"{revision} ({self.commit[:7]})"
        self._entries: dict[str, _Entry] | None = None
        self._contents: dict[str, FileText | ReadFailure] | None = None

    @classmethod
    def at(cls, root: Path, revision: str) -> GitRevisionSource:
        """The catalog at ROOT (a folder in a working tree, maybe a subfolder of the repository) in `revision`."""
        repository = repository_of(root)
        return cls(repository.top, revision, repository.prefix)

    # --- CatalogSource ---------------------------------------------------------------------------

    def organisation_path(self) -> str | None:
        return ORGANISATION_FILE if ORGANISATION_FILE in self._listing() else None

    def product_paths(self) -> list[str]:
        return self._paths_in(PRODUCTS_DIR)

    def process_paths(self) -> list[str]:
        return self._paths_in(PROCESSES_DIR)

    def prefetch(self) -> None:
        """Fetch every listed file now, through one git process, before the loader shares out the work."""
        if self._contents is None:
            self._contents = self._fetch(self._listing().values())

    def read(self, path: str) -> FileText | ReadFailure:
        if self._contents is None:
            self.prefetch()
        assert self._contents is not None
        got = self._contents.get(path)
        return (
            got if got is not None else ReadFailure(path, _("not in revision {revision}").format(revision=self.label))
        )

    # --- listing ---------------------------------------------------------------------------------

    def _full(self, path: str) -> str:
        return f"{self.repository.prefix}/{path}" if self.repository.prefix else path

    def _paths_in(self, folder: str) -> list[str]:
        start = folder + "/"
        return sorted(p for p in self._listing() if p.startswith(start) and p.endswith(".yaml"))

    def _listing(self) -> dict[str, _Entry]:
        """ROOT-relative path → entry, for organisation.yaml and the direct children of the two folders."""
        if self._entries is None:
            pathspecs = [self._full(ORGANISATION_FILE), self._full(PRODUCTS_DIR) + "/", self._full(PROCESSES_DIR) + "/"]
            result = git(self.repository.top, "ls-tree", "-z", "--full-tree", self.commit, "--", *pathspecs)
            if result.returncode != 0:
                raise SvcmapError(
                    _("cannot list revision {revision}: {reason}").format(
                        revision=self.label, reason=_first_line(result.stderr)
                    )
                )
            self._entries = {}
            skip = len(self.repository.prefix) + 1 if self.repository.prefix else 0
            for record in result.stdout.split(b"\0"):
                if not record:
                    continue
                meta, _tab, raw_path = record.partition(b"\t")
                mode, _kind, object_id = meta.decode("ascii").split(" ")
                path = raw_path.decode("utf-8", "surrogateescape")[skip:]
                self._entries[path] = _Entry(mode, object_id, path)
        return self._entries

    # --- reading ---------------------------------------------------------------------------------

    def _fetch(self, entries: Iterable[_Entry]) -> dict[str, FileText | ReadFailure]:
        """Every listed file's text through one `git cat-file --batch --follow-symlinks` process."""
        contents: dict[str, FileText | ReadFailure] = {}
        wanted: list[_Entry] = []
        for entry in entries:
            if entry.mode == _TREE_MODE:
                contents[entry.path] = ReadFailure(entry.path, _("is a folder, not a file"))
            elif entry.mode == _SUBMODULE_MODE:
                contents[entry.path] = ReadFailure(entry.path, _("is a git submodule, not a file"))
            elif "\n" in entry.path:
                contents[entry.path] = ReadFailure(entry.path, _("cannot read file: its name holds a line break"))
            else:
                wanted.append(entry)
        if wanted:
            contents.update(self._cat_files(wanted))
        return contents

    def _cat_files(self, entries: Sequence[_Entry]) -> dict[str, FileText | ReadFailure]:
        # A file is asked for by its object id: asking by path makes git walk the tree (thousands of entries)
        # once per file. Only a symbolic link is asked for by path, so that git follows it inside the commit.
        requests = b"".join(
            (
                f"{self.commit}:{self._full(entry.path)}\n" if entry.mode == _SYMLINK_MODE else f"{entry.object_id}\n"
            ).encode("utf-8", "surrogateescape")
            for entry in entries
        )
        try:
            process = subprocess.Popen(
                ["git", "-C", str(self.repository.top), "cat-file", "--batch", "--follow-symlinks"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_environment(),
            )
        except FileNotFoundError:
            raise SvcmapError(_(NO_GIT)) from None
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        # The requests are written by a thread: git answers while it reads, and both pipes are bounded.
        writer = threading.Thread(target=_write_and_close, args=(process.stdin, requests), daemon=True)
        writer.start()
        try:
            contents = {entry.path: _read_answer(process.stdout, entry.path) for entry in entries}
        except EOFError:
            contents = {}
        writer.join()
        process.stdout.close()
        errors = process.stderr.read()
        process.stderr.close()
        if process.wait() != 0 or len(contents) != len(entries):
            raise SvcmapError(
                _("cannot read revision {revision}: {reason}").format(
                    revision=self.label, reason=_first_line(errors) or _("git cat-file failed")
                )
            )
        return contents


def _write_and_close(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
        stream.close()
    except BrokenPipeError:  # git died early; its exit status tells the reader why
        pass


def _read_answer(stream: IO[bytes], path: str) -> FileText | ReadFailure:
    """One answer of `cat-file --batch --follow-symlinks` for one requested path."""
    header = stream.readline()
    if not header:
        raise EOFError
    words = header.decode("utf-8", "surrogateescape").rstrip("\n").split(" ")
    if words[-1] == "missing":
        return ReadFailure(path, _("cannot read file: {reason}").format(reason=_("a broken symbolic link")))
    if len(words) == 2:  # dangling, loop, notdir or symlink (pointing outside the repository), then a body
        kind, size = words[0], int(words[1])
        _skip(stream, size + 1)
        reasons = {
            "dangling": N_("a broken symbolic link"),
            "loop": N_("a broken or looping symbolic link"),
            "notdir": N_("a broken symbolic link"),
            "symlink": N_("a symbolic link that points outside the repository"),
        }
        reason = _(reasons.get(kind, "a broken symbolic link"))
        return ReadFailure(path, _("cannot read file: {reason}").format(reason=reason))
    object_type, size = words[1], int(words[2])
    if object_type != "blob":
        _skip(stream, size + 1)
        if object_type == "tree":
            return ReadFailure(path, _("is a folder, not a file"))
        return ReadFailure(path, _("is a git {kind}").format(kind=object_type))
    if size > MAX_FILE_BYTES:
        _skip(stream, size + 1)
        return too_large(path, size)
    data = stream.read(size)
    stream.read(1)
    return decode(path, data)


def _skip(stream: IO[bytes], size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, _CHUNK))
        if not chunk:
            raise EOFError
        size -= len(chunk)


def _first_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[0].removeprefix("fatal: ") if text else ""


def version_source(root: Path, version: str) -> CatalogSource:
    """One side of a diff: the folder `version` names if it is an existing folder, else a revision of ROOT's repository.

    A folder wins over a branch of the same name; `refs/heads/NAME` or `NAME^{commit}` still names the branch.
    """
    if not version:
        resolve_revision(Repository(root, ""), version)  # refuses it, before git is asked anything
    kind = kind_of(Path(version))  # a name too long to be a folder may still be a revision
    if kind == FOLDER:
        return FolderSource(Path(version))
    if kind == FILE:
        raise SvcmapError(
            _("{version}: not a folder (a version is a catalog folder or a git revision)").format(version=version)
        )
    if version.startswith("-"):
        resolve_revision(Repository(root, ""), version)
    try:
        repository = repository_of(root)
    except SvcmapError as error:
        raise SvcmapError(
            _("{version!r} is not a folder, and it cannot be a revision: {reason}").format(
                version=version, reason=error.message
            )
        ) from None
    return GitRevisionSource(repository.top, version, repository.prefix)
