"""The one exception family of svcmap and the exit codes every command returns."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class SvcmapError(Exception):
    """Unusable input or a usage error; the CLI prints it and exits with `exit_code`."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
