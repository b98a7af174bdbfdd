"""`svcmap import bpmn`: BPMN files → new process files and new units, never overwriting a file.

The stages: each file is read safely (xmlsafe), as BPMN (bpmn), and drafted into processes (mapping);
then ids are chosen against the catalog — a process id that exists is reported and skipped, or the one
process is put under `--into` — units are matched or made (units), and the texts are built and checked
(writing) before the first file is written. A file that cannot be read is reported with its position
and the others are still imported (SPEC §6: the import exits 1 only for such a file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svcmap.catalog.model import Catalog
from svcmap.catalog.source import ORGANISATION_FILE, PROCESSES_DIR
from svcmap.errors import SvcmapError
from svcmap.files import write_atomically
from svcmap.i18n import _
from svcmap.imports.bpmn import read_definitions
from svcmap.imports.mapping import Drafted, DraftProcess, Note, draft
from svcmap.imports.units import NewUnit, Staffing, performer_key, short_id, staff, step_office, unique
from svcmap.imports.writing import organisation_text, process_text
from svcmap.imports.xmlsafe import MAX_BYTES, UnreadableInput, read_xml
from svcmap.scaffold.new import catalog_at, exists
from svcmap.scaffold.newfiles import NewFile, write_new
from svcmap.scaffold.templates import id_pattern
from svcmap.text import one_line

MAX_PROCESS_ID = 48
MAX_STEP_ID = 32


@dataclass(frozen=True)
class WrittenProcess:
    """A process file the import wrote."""

    path: str
    id: str
    pool: str
    steps: int
    units: tuple[str, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class FileResult:
    """What became of one input file."""

    name: str
    error: str = ""
    """Why it could not be read (`file:line:col: …`); '' when it was."""
    exporter: str = ""
    written: tuple[WrittenProcess, ...] = ()
    skipped: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    citizen_pools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Imported:
    """What a whole run did."""

    root: Path
    files: tuple[FileResult, ...]
    new_units: tuple[NewUnit, ...]

    @property
    def unreadable(self) -> tuple[FileResult, ...]:
        return tuple(file for file in self.files if file.error)


@dataclass
class _Planned:
    """A drafted process and the id it will be written under."""

    source: int
    """Index of its file."""
    exporter: str
    draft: DraftProcess
    id: str


def import_bpmn(root: Path, paths: Sequence[Path], into: str | None = None, max_bytes: int = MAX_BYTES) -> Imported:
    """Import the BPMN files into the catalog at ROOT: new processes under `processes/`, new units into
    organisation.yaml. `into` names the id of the one process the files give."""
    if into is not None and not id_pattern().match(into):
        raise SvcmapError(
            _("--into: {id} is not a valid process id: lowercase letters and digits, words joined by hyphens").format(
                id=repr(into)
            )
        )
    catalog = catalog_at(root)
    names = [_shown(path) for path in paths]
    drafted: list[Drafted | UnreadableInput] = []
    for path, name in zip(paths, names):
        try:
            definitions = read_definitions(read_xml(path, name, max_bytes), name)
        except UnreadableInput as error:
            drafted.append(error)
            continue
        drafted.append(draft(definitions, path.stem))
    planned, skipped = _plan(root, catalog, drafted, into)
    staffing = staff((plan.draft for plan in planned), catalog.units)
    files, written = _files(planned, staffing, names)
    used_units = {unit for result in written for unit in result.units}
    new_units = tuple(unit for unit in staffing.new_units if unit.id in used_units)
    organisation = None
    if new_units:
        original = (root / ORGANISATION_FILE).read_text(encoding="utf-8")
        sources = ", ".join(dict.fromkeys(names[plan.source] for plan in planned))
        organisation = organisation_text(original, new_units, f"units imported by svcmap import bpmn from {sources}")
    write_new(root, files)
    if organisation is not None:
        path = root / ORGANISATION_FILE
        write_atomically(path, organisation, mode=path.stat().st_mode & 0o7777)
    results = []
    for index, (name, outcome) in enumerate(zip(names, drafted)):
        if isinstance(outcome, UnreadableInput):
            results.append(FileResult(name, error=outcome.message))
            continue
        results.append(
            FileResult(
                name,
                exporter=outcome.exporter,
                written=tuple(result for plan, result in zip(planned, written) if plan.source == index),
                skipped=tuple(skipped.get(index, ())),
                notes=tuple(outcome.notes),
                citizen_pools=outcome.citizen_pools,
            )
        )
    return Imported(root, tuple(results), new_units)


def _plan(
    root: Path, catalog: Catalog, drafted: Sequence[Drafted | UnreadableInput], into: str | None
) -> tuple[list[_Planned], dict[int, list[str]]]:
    """The id of every drafted process; those whose id the catalog has are skipped, with the reason."""
    every = [
        (index, outcome.exporter, process)
        for index, outcome in enumerate(drafted)
        if not isinstance(outcome, UnreadableInput)
        for process in outcome.processes
    ]
    if into is not None and len(every) > 1:
        pools = ", ".join(f"'{process.pool}'" for _, _, process in every)
        raise SvcmapError(
            _(
                "--into names one process, but the files hold {count} (pools {pools}); import them without --into"
            ).format(count=len(every), pools=pools)
        )
    taken: set[str] = set()
    planned: list[_Planned] = []
    skipped: dict[int, list[str]] = {}
    for index, exporter, process in every:
        ident = into or short_id(process.name, MAX_PROCESS_ID, "process")
        if exists(root, catalog, "process", ident):
            hint = _("choose another id with --into") if into else _("import it under another id with --into ID")
            reason = _("process '{id}' (pool '{pool}') already exists ({path}): not overwritten; {hint}")
            skipped.setdefault(index, []).append(
                reason.format(id=ident, pool=process.pool, path=f"{PROCESSES_DIR}/{ident}.yaml", hint=hint)
            )
            continue
        planned.append(_Planned(index, exporter, process, unique(ident, taken)))
    return planned, skipped


def _files(
    planned: Sequence[_Planned], staffing: Staffing, names: Sequence[str]
) -> tuple[list[NewFile], list[WrittenProcess]]:
    files: list[NewFile] = []
    written: list[WrittenProcess] = []
    for plan in planned:
        data, units = _process_data(plan, staffing)
        path = f"{PROCESSES_DIR}/{plan.id}.yaml"
        header = _header(names[plan.source], plan.exporter, plan.draft)
        files.append(NewFile(path, process_text(data, header), f"from {names[plan.source]}"))
        written.append(
            WrittenProcess(path, plan.id, plan.draft.pool, len(plan.draft.steps), units, tuple(plan.draft.notes))
        )
    return files, written


def _process_data(plan: _Planned, staffing: Staffing) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The process as catalog data, and the units its steps are done by, in order of appearance."""
    taken: set[str] = set()
    ids = {step.key: unique(short_id(step.name, MAX_STEP_ID, "step"), taken) for step in plan.draft.steps}
    steps: list[dict[str, Any]] = []
    units: list[str] = []
    for step in plan.draft.steps:
        unit = staffing.unit_of[performer_key(step.performer)]
        units.append(unit)
        entry: dict[str, Any] = {"id": ids[step.key], "name": step.name, "unit": unit}
        office = step_office(step, staffing.office_of_unit[unit], plan.draft.models_citizen)
        if office is not None:
            entry["office"] = office
        if step.channel:
            entry["channel"] = step.channel
        if step.decision:
            entry["decision"] = step.decision
        if step.outcome:
            entry["outcome"] = step.outcome
        targets = [(ids[key], when) for key, when in step.targets if key in ids]
        if len(targets) == 1 and not targets[0][1]:
            entry["next"] = targets[0][0]
        elif targets and not any(when for _, when in targets):
            entry["next"] = [target for target, _ in targets]
        elif targets:
            entry["next"] = [{"to": target, "when": when} if when else {"to": target} for target, when in targets]
        steps.append(entry)
    data = {"id": plan.id, "name": plan.draft.name, "steps": steps}
    return data, tuple(dict.fromkeys(units))


def _header(name: str, exporter: str, process: DraftProcess) -> list[str]:
    """The comment lines that head the file: where it comes from, and what is not exactly as the file said."""
    written_by = f" (written by {exporter})" if exporter else ""
    lines = [one_line(f"Imported by `svcmap import bpmn` from {name}{written_by}, pool '{process.pool}'.")]
    for approximated, heading in ((True, "Approximated:"), (False, "Not mapped:")):
        chosen = [note for note in process.notes if note.approximated is approximated]
        if chosen:
            lines.append(heading)
            lines += [f"  line {note.line}: {one_line(note.text)}" for note in chosen]
    return lines


def _shown(path: Path) -> str:
    """A file as messages name it: as given, `/`-separated."""
    return path.as_posix()
