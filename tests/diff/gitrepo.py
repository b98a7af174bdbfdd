"""A real git repository in a temporary folder, for diff tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import write_files

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Svcmap Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Svcmap Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Repo:
    """A git repository in a temporary folder, with the catalog at `root` (the top, or a subfolder)."""

    def __init__(self, top: Path, subfolder: str = "") -> None:
        self.top = top
        self.root = top / subfolder if subfolder else top
        top.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", "-C", str(self.top), *args], capture_output=True, text=True, check=True)
        return result.stdout.strip()

    def write(self, files: dict[str, str | bytes | None]) -> Repo:
        write_files(self.root, files)
        return self

    def commit(self, message: str, files: dict[str, str | bytes | None] | None = None) -> str:
        """Write files (relative to the catalog ROOT), stage everything and commit; the commit id."""
        if files:
            self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")
