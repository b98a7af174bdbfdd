"""The lines both imports (bpmn, lpdc) print the same way: units added, and what was skipped and why."""

from __future__ import annotations

from svcmap.catalog.source import ORGANISATION_FILE
from svcmap.i18n import _, ngettext


def added_units(count: int, ids: str) -> str:
    """`added 2 units to catalog/organisation.yaml: a, b`: both imports say it so."""
    words = ngettext("added {count} unit to {file}: {ids}", "added {count} units to {file}: {ids}", count)
    return words.format(count=count, file=ORGANISATION_FILE, ids=ids)


def skipped_lines(reasons: tuple[str, ...]) -> list[str]:
    """`  skipped process 'x' …`: what a file held that was not imported, and why."""
    return ["  " + _("skipped {reason}").format(reason=reason) for reason in reasons]
