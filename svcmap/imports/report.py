"""What `svcmap import bpmn` tells the user: per file what was written, approximated, left out or skipped.

Notes are `file:line: …`, so that an editor or a terminal jumps to the element in the BPMN file. Every
line is terminal text: names come from the imported file and may hold anything.
"""

from __future__ import annotations

from svcmap.catalog.source import ORGANISATION_FILE
from svcmap.imports.importer import FileResult, Imported
from svcmap.imports.mapping import Note
from svcmap.text import plural, terminal_text


def report(result: Imported) -> str:
    """The text of a run, for standard output (unreadable files go to standard error, by the CLI)."""
    lines: list[str] = []
    for file in result.files:
        if not file.error:
            lines += _file_lines(file)
    if result.new_units:
        ids = ", ".join(unit.id for unit in result.new_units)
        lines.append(f"added {plural(len(result.new_units), 'unit')} to {ORGANISATION_FILE}: {ids}")
    written = [process for file in result.files for process in file.written]
    if written:
        lines += ["", "next:", "  svcmap validate    what to add: a channel where a step meets the citizen (SVC402) …"]
        example = written[0].id
        lines.append(
            f"  name each new process in a product (`process: {example}`), or run"
            f" `svcmap new product ID --process {example}`"
        )
    return "".join(terminal_text(line) + "\n" for line in lines)


def _file_lines(file: FileResult) -> list[str]:
    by = f", written by {file.exporter}" if file.exporter else ""
    lines = [f"{file.name}{by}:"]
    if file.citizen_pools:
        lines.append(f"  the citizen: pool {', '.join(repr(pool) for pool in file.citizen_pools)}")
    for process in file.written:
        steps = plural(process.steps, "step")
        units = plural(len(process.units), "unit")
        lines.append(f"  wrote {process.path}  pool '{process.pool}': {steps} over {units}")
        lines += _notes(file.name, process.notes)
    lines += _notes(file.name, file.notes)
    lines += [f"  skipped {reason}" for reason in file.skipped]
    if not file.written and not file.skipped:
        lines.append("  no process of the organisation: no pool or process with a task")
    return lines


def _notes(name: str, notes: tuple[Note, ...]) -> list[str]:
    lines: list[str] = []
    for approximated, heading in ((True, "approximated"), (False, "not mapped")):
        chosen = [note for note in notes if note.approximated is approximated]
        if chosen:
            lines.append(f"    {heading}:")
            lines += [f"      {name}:{note.line}: {note.text}" for note in chosen]
    return lines
