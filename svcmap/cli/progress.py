"""A progress bar on stderr for long runs: shown only on a terminal, only after ~2 s, never with --quiet.

Commands wrap their long loop in `progress(...)` and call `advance()` once per unit of work (a file, a
diagram, a page). Short runs stay silent, because the bar appears only once `delay` seconds have
passed; output piped to a file or read by CI stays clean, because nothing is drawn unless stderr is a
terminal. stdout is never touched, so `svcmap render --all --format dot > all.dot` still works.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import IO, Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DELAY = 2.0
"""Seconds a run may take before a bar appears: shorter runs never show one."""

REFRESH = 0.1
"""Seconds between two redraws: a run over thousands of small files must not spend its time drawing."""


class Progress:
    """A progress bar that may never be drawn; `advance()` is cheap either way."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        quiet: bool = False,
        delay: float = DELAY,
        stream: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.delay = delay
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.enabled = not quiet and total > 0 and _is_terminal(self.stream)
        self.started = clock()
        self.drawn = 0
        self.last_draw = self.started
        self.bar: Any = None

    @property
    def shown(self) -> bool:
        """Whether the bar has been drawn (it is, once the run outlasts `delay` on a terminal)."""
        return self.bar is not None

    def advance(self, steps: int = 1) -> None:
        """Count `steps` units of work as done, and draw the bar if the run has become long."""
        self.done += steps
        if not self.enabled:
            return
        now = self.clock()
        if self.bar is None:
            if now - self.started < self.delay:
                return
            self.bar = click.progressbar(length=self.total, label=self.label, file=self.stream, show_pos=True)
            self.bar.__enter__()
        elif now - self.last_draw < REFRESH and self.done < self.total:
            return
        self._draw(now)

    def _draw(self, now: float) -> None:
        self.bar.update(self.done - self.drawn)
        self.drawn = self.done
        self.last_draw = now

    def close(self) -> None:
        """End the bar's line, if one was drawn, so the next message starts on a line of its own."""
        if self.bar is not None:
            if self.drawn < self.done:
                self._draw(self.clock())
            self.bar.__exit__(None, None, None)
            self.bar = None
            self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def progress(total: int, label: str, *, quiet: bool = False, **options: Any) -> Progress:
    """A progress bar for `total` units of work: `with progress(n, "Rendering") as bar: ... bar.advance()`."""
    return Progress(total, label, quiet=quiet, **options)


def quiet_option(command: F) -> F:
    """`-q/--quiet`: no progress bar (the command's result is still printed)."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar on stderr.")(command)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or unusual stream is no terminal
        return False
