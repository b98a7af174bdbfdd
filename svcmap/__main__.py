"""`python -m svcmap`."""

from svcmap.cli import main

main(prog_name="svcmap")
