"""Who does the imported steps: a lane's name → a unit of the catalog, or a new unit; and each step's office.

A lane names a unit the catalog has when its name, or its name without the remarks in brackets at its
end, is that unit's name or makes that unit's id (`Burgerzaken` → `burgerzaken`); the catalog's units are
never changed. Any other lane becomes a new unit, its id made from its name (brackets left out) and its
office `back` unless every step it does meets the citizen. Lanes of the same name, in one file or in
several, are one unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from svcmap.catalog.model import Unit
from svcmap.imports.mapping import DraftProcess, DraftStep, Performer
from svcmap.scaffold.templates import id_from

MAX_UNIT_ID = 32
LITTLE_WORDS = frozenset(
    "de het een van op in om te en of voor naar bij met aan door uit tot die dat er is "
    "the a an to and or for on at by with from "
    "le la les du des un une et ou pour au aux "
    "der das den dem ein eine und oder fur von zu im am".split()
)
"""Articles, prepositions and conjunctions (Dutch, English, French, German), left out of ids made from names."""
_TRAILING_REMARK = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class NewUnit:
    """A unit the import adds to organisation.yaml."""

    id: str
    name: str
    office: str
    external: bool


@dataclass(frozen=True)
class Staffing:
    """The unit of every performer, the units to add, and the office each unit has (old or new)."""

    unit_of: Mapping[str, str]
    """A performer's key (`performer_key`) → unit id."""
    new_units: tuple[NewUnit, ...]
    office_of_unit: Mapping[str, str]


def performer_key(performer: Performer) -> str:
    return " ".join(performer.name.casefold().split())


def short_id(text: str, longest: int, fallback: str) -> str:
    """An id made from a name, without its little words (but the first) and cut after a word to at most
    `longest` characters (`Verslag van de wijkagent beoordelen` → `verslag-wijkagent-beoordelen`); `fallback`
    when the name gives none (only signs, or a script without Latin letters)."""
    words = id_from(text).split("-")
    kept = words[:1] + [word for word in words[1:] if word not in LITTLE_WORDS]
    made = "-".join(kept)
    while len(made) > longest and "-" in made:
        made = made.rsplit("-", 1)[0]
    return made[:longest].strip("-") or fallback


def unique(ident: str, taken: set[str]) -> str:
    """`ident`, or `ident-2`, `ident-3` … where it is taken; the result is added to `taken`."""
    chosen, number = ident, 2
    while chosen in taken:
        chosen, number = f"{ident}-{number}", number + 1
    taken.add(chosen)
    return chosen


def staff(processes: Iterable[DraftProcess], units: Mapping[str, Unit]) -> Staffing:
    """Match every performer of the drafts to a unit; new units for the rest."""
    by_name = {" ".join(unit.name.casefold().split()): unit.id for unit in units.values()}
    taken = set(units)
    unit_of: dict[str, str] = {}
    new: dict[str, dict[str, object]] = {}
    steps_of: dict[str, list[DraftStep]] = {}
    made_ids: dict[str, str] = {}
    """The id each new unit's name makes, whole: another name that makes it is the same unit."""
    for process in processes:
        for step in process.steps:
            key = performer_key(step.performer)
            steps_of.setdefault(key, []).append(step)
            if key in unit_of:
                continue
            known = _known_unit(step.performer.name, units, by_name)
            if known is not None:
                unit_of[key] = known
                continue
            stem = _without_remarks(step.performer.name)
            same = made_ids.get(id_from(stem))
            if same is not None:  # `Team-Assistant` and `Team Assistant`: one new unit
                unit_of[key] = same
                continue
            ident = unique(short_id(stem, MAX_UNIT_ID, "unit"), taken)
            made_ids[id_from(stem)] = ident
            unit_of[key] = ident
            new[ident] = {"name": step.performer.name, "office": step.performer.office, "external": False}
        for step in process.steps:
            fields = new.get(unit_of[performer_key(step.performer)])
            if fields is not None and step.performer.external:
                fields["external"] = True
    new_units: list[NewUnit] = []
    office_of_unit = {unit.id: unit.office for unit in units.values()}
    for ident, fields in new.items():
        done = [step for key, steps in steps_of.items() if unit_of[key] == ident for step in steps]
        office = fields["office"] or ("front" if done and all(step.meets for step in done) else "back")
        new_units.append(NewUnit(ident, str(fields["name"]), str(office), bool(fields["external"])))
        office_of_unit[ident] = str(office)
    return Staffing(unit_of, tuple(new_units), office_of_unit)


def step_office(step: DraftStep, unit_office: str, models_citizen: bool) -> str | None:
    """The office to write on a step: only where it differs from its unit's.

    The lane's own word (svcmap's export says `front office`) comes first; else a step that meets the
    citizen is front office; else, where the file shows the citizen, a step with no contact is back office.
    Where the file does not show the citizen at all, it says nothing about contact: the unit's office stands.
    """
    if step.performer.office is not None:
        office = step.performer.office
    elif step.meets:
        office = "front"
    elif models_citizen:
        office = "back"
    else:
        return None
    return None if office == unit_office else office


def _known_unit(name: str, units: Mapping[str, Unit], by_name: Mapping[str, str]) -> str | None:
    for candidate in dict.fromkeys((name, _without_remarks(name))):
        if not candidate:
            continue
        found = by_name.get(" ".join(candidate.casefold().split()))
        if found is not None:
            return found
        made = id_from(candidate)
        if made in units:
            return made
    return None


def _without_remarks(name: str) -> str:
    """`Dienst Omgeving (omgevingsloket)` → `Dienst Omgeving`: what brackets at the end add is a remark."""
    stripped = name
    while True:
        shorter = _TRAILING_REMARK.sub("", stripped)
        if shorter == stripped or not shorter:
            return stripped
        stripped = shorter
