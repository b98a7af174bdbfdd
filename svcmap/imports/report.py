"""What `svcmap import bpmn` tells the user: per file what was written, approximated, left out or skipped.

Notes are `file:line: …`, so that an editor or a terminal jumps to the element in the BPMN file. Every
line is terminal text: names come from the imported file and may hold anything.
"""

from __future__ import annotations

from svcmap.i18n import N_, _, ngettext
from svcmap.imports.importer import FileResult, Imported
from svcmap.imports.mapping import Note
from svcmap.imports.summary import added_units, skipped_lines
from svcmap.text import terminal_text


def report(result: Imported) -> str:
    """The text of a run, for standard output (unreadable files go to standard error, by the CLI).

    The notes of what was approximated or not mapped stay English: they head the new files too (catalog
    content, which must not depend on the language of whoever imported it)."""
    lines: list[str] = []
    for file in result.files:
        if not file.error:
            lines += _file_lines(file)
    if result.new_units:
        ids = ", ".join(unit.id for unit in result.new_units)
        lines.append(added_units(len(result.new_units), ids))
    written = [process for file in result.files for process in file.written]
    if written:
        lines += [
            "",
            _("next:"),
            "  svcmap validate    " + _("what to add: a channel where a step meets the citizen (SVC402) …"),
        ]
        lines.append(
            "  "
            + _(
                "name each new process in a product (`process: {id}`), or run `svcmap new product ID --process {id}`"
            ).format(id=written[0].id)
        )
    return "".join(terminal_text(line) + "\n" for line in lines)


def _file_lines(file: FileResult) -> list[str]:
    by = _(", written by {exporter}").format(exporter=file.exporter) if file.exporter else ""
    lines = [f"{file.name}{by}:"]
    if file.citizen_pools:
        pools = ", ".join(repr(pool) for pool in file.citizen_pools)
        lines.append("  " + _("the citizen: pool {pools}").format(pools=pools))
    for process in file.written:
        steps = ngettext("{count} step", "{count} steps", process.steps).format(count=process.steps)
        count = len(process.units)
        units = ngettext("{count} unit", "{count} units", count).format(count=count)
        wrote = _("wrote {path}  pool '{pool}': {steps} over {units}")
        lines.append("  " + wrote.format(path=process.path, pool=process.pool, steps=steps, units=units))
        lines += _notes(file.name, process.notes)
    lines += _notes(file.name, file.notes)
    lines += skipped_lines(file.skipped)
    if not file.written and not file.skipped:
        lines.append("  " + _("no process of the organisation: no pool or process with a task"))
    return lines


def _notes(name: str, notes: tuple[Note, ...]) -> list[str]:
    lines: list[str] = []
    for approximated, heading in ((True, N_("approximated:")), (False, N_("not mapped:"))):
        chosen = [note for note in notes if note.approximated is approximated]
        if chosen:
            lines.append(f"    {_(heading)}")
            lines += [f"      {name}:{note.line}: {note.text}" for note in chosen]
    return lines
