"""The files that init and new write: planned first, refused as a whole if any is there, then written atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from svcmap.errors import SvcmapError
from svcmap.files import write_atomically
from svcmap.i18n import _
from svcmap.text import terminal_text


@dataclass(frozen=True)
class NewFile:
    """A file to write: its path relative to the catalog ROOT (`/`-separated), its text, and what it is for."""

    path: str
    text: str
    about: str


@dataclass(frozen=True)
class Scaffolded:
    """What init or new wrote, under which folder, and what the user should do next."""

    folder: Path
    files: tuple[NewFile, ...]
    next_steps: tuple[str, ...]


def existing(folder: Path, paths: Iterable[str]) -> list[str]:
    """The paths that name something already there: a file, a folder, or a link (even a broken one)."""
    return [path for path in paths if os.path.lexists(folder / path)]


def write_new(folder: Path, files: Sequence[NewFile]) -> None:
    """Write every file under `folder`, each atomically; none at all when any of them is there already.

    Refusing before the first write means a refused run leaves the folder as it was; a file that
    appears between the check and the write is replaced, a race no single command can rule out.
    """
    taken = existing(folder, (file.path for file in files))
    if taken:
        raise SvcmapError(
            _("{folder}: {files} already there; svcmap never overwrites a file").format(
                folder=folder, files=", ".join(taken)
            )
        )
    for file in files:
        path = folder / file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, file.text)


def report(result: Scaffolded) -> str:
    """The text init and new print: each file written and what it is for, then what to do next; each line
    safe for a terminal (a name given on the command line may hold control characters)."""
    width = max(len(file.path) for file in result.files)
    lines = [_("wrote {path}  {about}").format(path=file.path.ljust(width), about=file.about) for file in result.files]
    if result.next_steps:
        lines += ["", _("next:"), *(f"  {step}" for step in result.next_steps)]
    return "".join(terminal_text(line) + "\n" for line in lines)
