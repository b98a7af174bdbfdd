"""The progress bar: drawn on a terminal once a run outlasts the delay; silent otherwise or with --quiet."""

from __future__ import annotations

import io

import click
from click.testing import CliRunner

from svcmap.cli.progress import Progress, progress, quiet_option


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_short_run_on_a_terminal_draws_nothing() -> None:
    stream, clock = Terminal(), Clock()
    with progress(10, "Rendering", stream=stream, clock=clock) as bar:
        for _ in range(10):
            clock.now += 0.1
            bar.advance()
    assert stream.getvalue() == "" and bar.done == 10


def test_a_long_run_on_a_terminal_draws_a_bar_from_where_it_stands() -> None:
    stream, clock = Terminal(), Clock()
    with progress(4, "Rendering", stream=stream, clock=clock) as bar:
        clock.now += 1.0
        bar.advance()
        assert not bar.shown
        clock.now += 1.5
        bar.advance()
        assert bar.shown
        bar.advance(2)
    output = stream.getvalue()
    assert "Rendering" in output and "2/4" in output and "4/4" in output and output.endswith("\n")


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    stream, clock = io.StringIO(), Clock()
    with progress(3, "Rendering", stream=stream, clock=clock) as bar:
        clock.now += 60
        bar.advance(3)
    assert stream.getvalue() == "" and not bar.shown


def test_quiet_draws_nothing_even_on_a_terminal() -> None:
    stream, clock = Terminal(), Clock()
    with progress(3, "Rendering", quiet=True, stream=stream, clock=clock) as bar:
        clock.now += 60
        bar.advance(3)
    assert stream.getvalue() == ""


def test_a_closed_stream_counts_as_no_terminal() -> None:
    stream = io.StringIO()
    stream.close()  # isatty() now raises ValueError
    assert not Progress(3, "x", stream=stream).enabled


def test_quiet_option_adds_a_quiet_flag() -> None:
    @click.command()
    @quiet_option
    def command(quiet: bool) -> None:
        click.echo(f"quiet={quiet}")

    assert CliRunner().invoke(command, ["--quiet"]).output == "quiet=True\n"
    assert CliRunner().invoke(command, ["-q"]).output == "quiet=True\n"
    assert CliRunner().invoke(command, []).output == "quiet=False\n"


def test_redraws_are_throttled_but_the_end_is_always_drawn() -> None:
    stream, clock = Terminal(), Clock()
    with progress(1000, "Formatting", stream=stream, clock=clock, delay=0) as bar:
        for _ in range(999):
            clock.now += 0.001
            bar.advance()
        assert stream.getvalue().count("Formatting") < 20
        bar.advance()
    assert "1000/1000" in stream.getvalue()
