"""A whatif scenario (SPEC §6): units merged, steps moved, domains changed — read from its file and checked
against the catalog, every fault a Finding at the scenario's line and column.

A scenario is plain data: `svcmap whatif` reads one from a file, the ranking of candidate reorganisations
(`svcmap.whatif.candidates`) builds them in memory. Reading uses the catalog's own positional YAML reader
and a JSON Schema (`schemas/whatif.schema.json`), as the config does; the faults that need the catalog
(an unknown unit, process, step or product; a unit two merges name) are found by `check_scenario`, with
the codes the catalog's rules use for the same mistakes, so a user reads them the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from svcmap.catalog import reader, schema
from svcmap.catalog.model import Catalog
from svcmap.errors import EXIT_USAGE, SvcmapError
from svcmap.findings import Finding, Location, Severity
from svcmap.i18n import N_, _
from svcmap.text import did_you_mean

UNREADABLE = "SVC001"
SCHEMA = "SVC002"
TWICE = "SVC003"
UNKNOWN_UNIT = "SVC101"
UNKNOWN_PROCESS = "SVC102"
UNKNOWN_STEP = "SVC103"
UNKNOWN_PRODUCT = "SVC104"
"""The codes of the catalog's rules for the same mistakes: a scenario's faults read like the catalog's."""

TYPO = 0.75
"""How alike (difflib's ratio) a missing unit and one still there must be for the first to be taken for a
misspelling of the second: `bcds` and `bcsd` are (0.75), `milieudienst` and `sociale-dienst` not (0.62)."""

NOWHERE = Location("", 0, 0)
"""Where the parts of a scenario built in memory (a ranked candidate) are written: nowhere."""


@dataclass(frozen=True)
class Merge:
    """`units` become one unit, `into` (an existing unit, or a new one with `name` and `office`)."""

    units: tuple[str, ...]
    into: str
    name: str | None = None
    office: str | None = None
    domain: str | None = None
    external: bool | None = None
    location: Location = NOWHERE
    unit_locations: tuple[Location, ...] = ()
    """Where each of `units` is written (empty for a scenario built in memory)."""
    into_location: Location = NOWHERE

    @property
    def merged(self) -> tuple[str, ...]:
        """The units that disappear: every one of `units` but `into`."""
        return tuple(unit for unit in dict.fromkeys(self.units) if unit != self.into)

    def describe(self) -> str:
        """`merge bevolking, burgerlijke-stand into burgerzaken` (plain text: the reporters escape it)."""
        given = [
            _(words).format(value=value)
            for words, value in ((N_("office {value}"), self.office), (N_("domain {value}"), self.domain))
            if value
        ]
        if self.name is not None:
            given.insert(0, _("name {value}").format(value=repr(self.name)))
        if self.external is not None:
            given.append(_("external") if self.external else _("not external"))
        merge = _("merge {units} into {unit}").format(units=", ".join(self.merged) or self.into, unit=self.into)
        return merge + (f" ({', '.join(given)})" if given else "")


@dataclass(frozen=True)
class Move:
    """`step` (`<process>/<step>`, or a product id: its process's front-office steps) goes to unit `to`."""

    step: str
    to: str
    location: Location = NOWHERE
    to_location: Location = NOWHERE

    @property
    def process_step(self) -> tuple[str, str] | None:
        """(process, step) for `<process>/<step>`; None when `step` names a product."""
        process, sep, step = self.step.partition("/")
        return (process, step) if sep else None

    def describe(self) -> str:
        if self.process_step:
            return _("move step {step} to {unit}").format(step=self.step, unit=self.to)
        return _("move the front-office steps of product {product} to {unit}").format(product=self.step, unit=self.to)


@dataclass(frozen=True)
class DomainChange:
    """`unit` belongs to `domain` from now on."""

    unit: str
    domain: str
    location: Location = NOWHERE

    def describe(self) -> str:
        return _("put {unit} in domain {domain}").format(unit=self.unit, domain=self.domain)


@dataclass(frozen=True)
class Scenario:
    """A reorganisation: merges first, then moves, then domain changes (later steps see the merged units)."""

    label: str
    merges: tuple[Merge, ...] = ()
    moves: tuple[Move, ...] = ()
    domains: tuple[DomainChange, ...] = ()
    file: str = ""
    """The scenario's file as the user named it; empty for a scenario built in memory."""

    def describe(self) -> list[str]:
        """One line per change, in the order they are made."""
        return [part.describe() for part in (*self.merges, *self.moves, *self.domains)]

    def to_yaml(self) -> str:
        """The scenario as a file `svcmap whatif` reads (for a ranked candidate: the command to try it)."""
        data = self.to_dict()
        written = {"name": data["name"], **{key: data[key] for key in ("merge", "move", "domains") if data[key]}}
        text: str = yaml.safe_dump(written, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
        return text

    def to_dict(self) -> dict[str, Any]:
        """The scenario as its file writes it (SPEC §6), with its label and file."""
        merges = []
        for merge in self.merges:
            entry: dict[str, Any] = {"units": list(merge.units), "into": merge.into}
            entry.update(
                (key, value)
                for key, value in (
                    ("name", merge.name),
                    ("office", merge.office),
                    ("domain", merge.domain),
                    ("external", merge.external),
                )
                if value is not None
            )
            merges.append(entry)
        return {
            "name": self.label,
            "file": self.file or None,
            "merge": merges,
            "move": [{"step": move.step, "to": move.to} for move in self.moves],
            "domains": {change.unit: change.domain for change in self.domains},
        }


class ScenarioError(SvcmapError):
    """A scenario that cannot be applied: its findings say where (exit 2, as for any unusable input)."""

    exit_code = EXIT_USAGE

    def __init__(self, findings: Sequence[Finding]) -> None:
        first = findings[0]
        super().__init__(f"{first.file}:{first.line}:{first.column}: {first.code} {first.message}")
        self.findings = tuple(findings)


def _finding(code: str, message: str, at: Location, subject: str = "scenario") -> Finding:
    return Finding(code, Severity.ERROR, message, at.file, at.line, at.column, subject)


# --- reading --------------------------------------------------------------------------------------


def read_scenario(path: Path) -> Scenario:
    """The scenario in the file at `path`; ScenarioError (SVC001 unreadable, SVC002 schema) otherwise."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ScenarioError(
            [_finding(UNREADABLE, _("cannot read the scenario: {reason}").format(reason=reason), Location(file))]
        ) from None
    return parse_scenario(text, file, label=path.stem)


def parse_scenario(text: str, file: str, label: str) -> Scenario:
    """The scenario in `text` (written in `file`); ScenarioError when it is not readable YAML or not a scenario."""
    try:
        data = reader.load(text)
    except reader.YamlProblem as error:
        raise ScenarioError([_finding(UNREADABLE, error.message, Location(file, error.line, error.column))]) from None
    if data is None:
        data = reader.YMap(1, 1)
    errors = schema.check("whatif", data)
    if errors:
        raise ScenarioError(
            [_finding(SCHEMA, error.message, Location(file, error.line, error.column)) for error in errors]
        )
    return Scenario(
        label=data.get("name", label),
        merges=tuple(_merge(item, file) for item in data.get("merge", ())),
        moves=tuple(_move(item, file) for item in data.get("move", ())),
        domains=tuple(
            DomainChange(unit, domain, Location(file, *data["domains"].key_pos[unit]))
            for unit, domain in data.get("domains", {}).items()
        ),
        file=file,
    )


def _at(file: str, node: Any, key: str) -> Location:
    return Location(file, *node.value_pos[key])


def _merge(item: reader.YMap, file: str) -> Merge:
    units = item["units"]
    return Merge(
        units=tuple(units),
        into=item["into"],
        name=item.get("name"),
        office=item.get("office"),
        domain=item.get("domain"),
        external=item.get("external"),
        location=Location(file, item.line, item.column),
        unit_locations=tuple(Location(file, *position) for position in units.item_pos),
        into_location=_at(file, item, "into"),
    )


def _move(item: reader.YMap, file: str) -> Move:
    return Move(item["step"], item["to"], _at(file, item, "step"), _at(file, item, "to"))


# --- checking against the catalog -----------------------------------------------------------------


_UNKNOWN_UNIT = N_("unknown unit {id}")
_UNKNOWN_PRODUCT = N_("unknown product {id}")
_UNKNOWN_PROCESS = N_("unknown process {id}")


def _unknown(kind: str, wanted: str, known: Iterable[str]) -> str:
    """`kind` is one of the messages above, `unknown unit 'x'`, with a did-you-mean hint where one is close."""
    hint = did_you_mean(wanted, known, quote=False)
    return _(kind).format(id=repr(wanted)) + (f"; {hint}" if hint else "")


def already_merged(merge: Merge, catalog: Catalog) -> bool:
    """The merge was made before (`--apply` ran): none of its units is left but `into`, which exists.

    A unit that is not there but is spelt like one that is (other than `into`) is taken for a typo, not
    for a unit merged away: the scenario is then refused with a suggestion, rather than found done."""
    if merge.into not in catalog.units or any(unit in catalog.units for unit in merge.merged):
        return False
    others = [unit for unit in catalog.units if unit != merge.into]
    return not any(difflib.get_close_matches(unit, others, n=1, cutoff=TYPO) for unit in merge.merged)


def check_scenario(scenario: Scenario, catalog: Catalog) -> list[Finding]:
    """Every reference of the scenario that the catalog cannot resolve, in the order written.

    A merge already made (see `already_merged`) is no fault: applying a scenario twice changes nothing.
    """
    findings: list[Finding] = []
    units = catalog.units
    named_by: dict[str, int] = {}
    merged_into: dict[str, str] = {}
    created: set[str] = set()
    for index, merge in enumerate(scenario.merges):
        if already_merged(merge, catalog):
            merged_into.update((unit, merge.into) for unit in merge.merged)  # later parts may still name them
            continue
        locations = merge.unit_locations or (merge.location,) * len(merge.units)
        for unit, at in zip(merge.units, locations):
            if unit in named_by and named_by[unit] != index:
                findings.append(
                    _finding(TWICE, _("unit {unit} is merged twice; merge it in one entry").format(unit=repr(unit)), at)
                )
            named_by[unit] = index
            if unit not in units and unit != merge.into:
                findings.append(_finding(UNKNOWN_UNIT, _unknown(_UNKNOWN_UNIT, unit, units), at, f"unit:{unit}"))
        if merge.into in named_by and named_by[merge.into] != index:
            message = _("unit {unit} is named by two merges; merge them in one entry").format(unit=repr(merge.into))
            findings.append(_finding(TWICE, message, merge.into_location))
        named_by[merge.into] = index
        if merge.into not in units:
            created.add(merge.into)
            missing = [key for key, value in (("name", merge.name), ("office", merge.office)) if value is None]
            if missing:
                message = _("{unit} is a new unit: give its {keys}").format(
                    unit=repr(merge.into), keys=_(" and ").join(missing)
                )
                findings.append(_finding(SCHEMA, message, merge.into_location, f"unit:{merge.into}"))
        merged_into.update((unit, merge.into) for unit in merge.merged)
    after = (set(units) - set(merged_into)) | created
    for move in scenario.moves:
        findings += _check_move(move, catalog, after, merged_into)
    for change in scenario.domains:
        if change.unit in merged_into:
            message = _("unit {unit} is merged into {into}: give that unit's domain").format(
                unit=repr(change.unit), into=repr(merged_into[change.unit])
            )
            findings.append(_finding(UNKNOWN_UNIT, message, change.location, f"unit:{change.unit}"))
        elif change.unit not in after:
            findings.append(
                _finding(
                    UNKNOWN_UNIT, _unknown(_UNKNOWN_UNIT, change.unit, after), change.location, f"unit:{change.unit}"
                )
            )
    return sorted(findings, key=lambda finding: (finding.file, finding.line, finding.column, finding.code))


def _check_move(move: Move, catalog: Catalog, after: set[str], merged_into: dict[str, str]) -> list[Finding]:
    findings = []
    if move.to not in after and move.to not in merged_into:
        findings.append(
            _finding(UNKNOWN_UNIT, _unknown(_UNKNOWN_UNIT, move.to, after), move.to_location, f"unit:{move.to}")
        )
    where = move.process_step
    if where is None:
        product = catalog.products.get(move.step)
        if product is None:
            message = _unknown(_UNKNOWN_PRODUCT, move.step, catalog.products)
            findings.append(_finding(UNKNOWN_PRODUCT, message, move.location, f"product:{move.step}"))
        elif product.process_id is None or product.process_id not in catalog.processes:
            message = _("product {product} has no process whose steps could move").format(product=repr(move.step))
            findings.append(_finding(UNKNOWN_PROCESS, message, move.location, f"product:{move.step}"))
        return findings
    process_id, step_id = where
    process = catalog.processes.get(process_id)
    if process is None:
        message = _unknown(_UNKNOWN_PROCESS, process_id, catalog.processes)
        findings.append(_finding(UNKNOWN_PROCESS, message, move.location, f"process:{process_id}"))
    elif step_id not in process.step_by_id:
        hint = did_you_mean(step_id, process.step_by_id, quote=False)
        message = _("process {process} has no step {step}").format(process=repr(process_id), step=repr(step_id))
        message += f"; {hint}" if hint else ""
        findings.append(_finding(UNKNOWN_STEP, message, move.location, f"process:{process_id}/step:{step_id}"))
    return findings


def checked_scenario(scenario: Scenario, catalog: Catalog) -> Scenario:
    """The scenario, when the catalog resolves every reference of it; ScenarioError otherwise."""
    findings = check_scenario(scenario, catalog)
    if findings:
        raise ScenarioError(findings)
    return scenario
