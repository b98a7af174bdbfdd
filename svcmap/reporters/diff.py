"""Reporters for `diff`: terminal text (coloured on request), SPEC §5 JSON, or Markdown for a pull-request comment.

Catalog text (names, conditions, file names of broken files) is untrusted: the text reporter shows control
and bidirectional-override characters as escapes, so a name cannot drive the terminal; the Markdown
reporter writes it through `svcmap.text.markdown_text`, so nothing turns into markup, HTML, a link, an
@-mention or an issue reference in a comment.

Language: the words of text and Markdown are in the language in use (svcmap.i18n); ids, field names (the
catalog's own keys), values and numbers are shown as they are. JSON's keys and values are data, the same
in every language (a version's `label`, the user's words, aside).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from svcmap.findings import Finding
from svcmap.i18n import N_, _, ngettext
from svcmap.reporters.words import figure_label
from svcmap.text import Paint, markdown_text, terminal_text
from svcmap.versions.diff import KINDS, CatalogDiff, Changed, FieldChange, KindDiff, ProcessChange

WORSE_WHEN_UP = frozenset(
    {
        "handoffs",
        "silo_handoffs",
        "external_handoffs",
        "visibility_crossings",
        "ping_pongs",
        "contact_moments",
        "repeated_asks",
        "handoffs_per_year",
        "silo_handoffs_per_year",
        "contact_moments_per_year",
        "repeated_asks_per_year",
    }
)
"""Figures where more is worse for the citizen; the others (steps, counts) are shown without a verdict."""

HEADLINE = ("handoffs", "silo_handoffs", "contact_moments")
"""Catalog-wide figures always shown, changed or not; the other totals only when they changed."""

TITLES = {
    "units": N_("Units"),
    "products": N_("Products"),
    "processes": N_("Processes"),
    "life_events": N_("Life events"),
    "data_items": N_("Data items"),
}
"""Each kind's section heading, passed through `_()` where shown."""


def _delta(old: Any, new: Any) -> str:
    if isinstance(old, int) and isinstance(new, int) and not isinstance(old, bool):
        return f"{new - old:+d}"
    return ""


def _direction(name: str, old: Any, new: Any) -> int:
    """+1 worse, -1 better, 0 neither (or a figure without a verdict)."""
    if name not in WORSE_WHEN_UP or old is None or new is None:
        return 0
    before = len(old) if isinstance(old, list) else old
    after = len(new) if isinstance(new, list) else new
    return (after > before) - (after < before)


# --- text -----------------------------------------------------------------------------------------


_STYLES = {"added": "32", "removed": "31", "changed": "33", "renamed": "36", "bold": "1", "dim": "2"}
"""The text report's styles as ANSI colours: green added, red removed, yellow changed, cyan renamed."""


def _plain_value(value: Any) -> str:
    if value is None:
        return _("(none)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_plain_value(item) for item in value) + "]"
    if isinstance(value, dict):
        if "to" in value and set(value) <= {"to", "when"}:
            return _("{target} (when: {condition})").format(
                target=_plain_value(value["to"]), condition=_plain_value(value.get("when"))
            )
        return "{" + ", ".join(f"{terminal_text(str(key))}: {_plain_value(item)}" for key, item in value.items()) + "}"
    return terminal_text(str(value))


def _plain_change(change: FieldChange) -> str:
    return f"{terminal_text(change.field)}: {_plain_value(change.old)} → {_plain_value(change.new)}"


def _plain_metrics(metrics: Mapping[str, tuple[Any, Any]], paint: Paint) -> str:
    parts = []
    for name, (old, new) in metrics.items():
        text = f"{figure_label(name)} {_plain_value(old)} → {_plain_value(new)}"
        if delta := _delta(old, new):
            text += f" ({delta})"
        direction = _direction(name, old, new)
        parts.append(paint("removed", text) if direction > 0 else paint("added", text) if direction < 0 else text)
    return ", ".join(parts)


def _plain_name(diff: CatalogDiff, kind: str, ident: str) -> str:
    name = diff.name_of(kind, ident)
    return f"  {terminal_text(name)}" if name else ""


def _counts(kind: KindDiff) -> str:
    parts = (
        (kind.added, N_("{count} added")),
        (kind.removed, N_("{count} removed")),
        (kind.renamed, N_("{count} renamed")),
        (kind.changed, N_("{count} changed")),
        (kind.unreadable, N_("{count} not compared")),
    )
    return ", ".join(_(words).format(count=len(items)) for items, words in parts if items)


def _plain_problem(side: str, problem: Finding, diff: CatalogDiff) -> str:
    label = diff.old.label if side == "old" else diff.new.label
    return (
        f"{terminal_text(problem.file)}:{problem.line}:{problem.column}: {problem.code} "
        f"{terminal_text(problem.message)}  [{_side(side)}: {terminal_text(label)}]"
    )


def _plain_process(change: ProcessChange, paint: Paint) -> list[str]:
    lines = [paint("changed", f"  ~ {change.id}")]
    if change.metrics:
        lines.append(f"      {_figures(_plain_metrics(change.metrics, paint))}")
    lines.extend(f"      {_plain_change(item)}" for item in change.changes)
    step, edge = _("step {id}"), _("edge {source} → {target}")
    lines.extend(paint("added", "      + " + step.format(id=ident)) for ident in change.steps_added)
    lines.extend(paint("removed", "      - " + step.format(id=ident)) for ident in change.steps_removed)
    for changed in change.steps_changed:
        head = paint("changed", "      ~ " + step.format(id=changed.id) + ": ")
        lines.append(head + "; ".join(map(_plain_change, changed.changes)))
    lines.extend(paint("added", "      + " + edge.format(source=s, target=t)) for s, t in change.edges_added)
    lines.extend(paint("removed", "      - " + edge.format(source=s, target=t)) for s, t in change.edges_removed)
    return lines


def _figures(metrics: str) -> str:
    return _("figures: {figures}").format(figures=metrics)


def _side(side: str) -> str:
    """`old` or `new`, as a problem's tag says which version it is from."""
    return _("old") if side == "old" else _("new")


def _plain_changed(change: Changed, paint: Paint) -> list[str]:
    if len(change.changes) == 1 and not change.metrics:
        return [paint("changed", f"  ~ {change.id}: ") + _plain_change(change.changes[0])]
    lines = [paint("changed", f"  ~ {change.id}")]
    if change.metrics:
        lines.append(f"      {_figures(_plain_metrics(change.metrics, paint))}")
    lines.extend(f"      {_plain_change(item)}" for item in change.changes)
    return lines


def text(diff: CatalogDiff, color: bool = False, title: str | None = None) -> str:
    """A terminal report: one section per kind, `+` added, `-` removed, `>` renamed, `~` changed.

    `title`: the first line, in place of `svcmap diff: OLD → NEW` (`whatif` names its scenario there)."""
    paint = Paint(color, _STYLES)
    heading = (
        title
        if title is not None
        else f"svcmap diff: {terminal_text(diff.old.label)} → {terminal_text(diff.new.label)}"
    )
    lines = [paint("bold", heading)]
    for version, side in ((diff.old, "old"), (diff.new, "new")):
        if not version.has_catalog:
            lines.append(_no_catalog(side))
    if diff.empty:
        lines.append(
            _("no changes to units, products, processes, life events or data items in what could be read")
            if diff.problems
            else _("no changes to units, products, processes, life events or data items")
        )
    merged = dict(diff.merged)
    for key in KINDS:
        kind = diff.kind(key)
        if kind.empty and not kind.unreadable:
            continue
        lines += ["", paint("bold", f"{_(TITLES[key])}: {_counts(kind)}")]
        for ident in kind.added:
            lines.append(paint("added", f"  + {ident}") + _plain_name(diff, key, ident))
        for ident in kind.removed:
            note = (
                " " + _("(merged into {unit})").format(unit=merged[ident]) if key == "units" and ident in merged else ""
            )
            lines.append(paint("removed", f"  - {ident}") + _plain_name(diff, key, ident) + note)
        for pair in kind.renamed:
            lines.append(paint("renamed", f"  > {pair.old_id} → {pair.new_id}") + _plain_name(diff, key, pair.new_id))
            if key == "processes" and (metrics := diff.renamed_metrics.get(pair.new_id)):
                lines.append(f"      {_figures(_plain_metrics(metrics, paint))}")
        for change in kind.changed:
            lines += (
                _plain_process(change, paint) if isinstance(change, ProcessChange) else _plain_changed(change, paint)
            )
        for ident in kind.unreadable:
            lines.append(
                paint("dim", f"  ? {terminal_text(ident)} " + _("(could not be read on a side: not compared)"))
            )
    lines.append("")
    if diff.totals is None:
        lines.append(_("Whole catalog: not compared (organisation.yaml could not be read on a side)"))
    else:
        lines.append(
            paint(
                "bold", _("Whole catalog (what could be read on both sides):") if diff.problems else _("Whole catalog:")
            )
        )
        shown = {name: pair for name, pair in diff.totals.items() if name in HEADLINE or pair[0] != pair[1]}
        width = max(21, *(len(figure_label(name)) for name in shown))
        for name, (old, new) in shown.items():
            change = _delta(old, new) if old != new else "="
            row = f"  {figure_label(name):<{width}} {_plain_value(old):>6} → {_plain_value(new):<6} {change}".rstrip()
            direction = _direction(name, old, new)
            lines.append(paint("removed", row) if direction > 0 else paint("added", row) if direction < 0 else row)
    if diff.problems:
        lines += ["", paint("bold", _("Could not be read (those parts are not compared):"))]
        lines += [paint("removed", f"  {_plain_problem(side, problem, diff)}") for side, problem in diff.problems]
    return "\n".join(lines) + "\n"


# --- json -----------------------------------------------------------------------------------------


def _no_catalog(side: str) -> str:
    """The old version without a catalog makes everything added; the new one, everything removed."""
    if side == "old":
        return _("the old version holds no catalog: every object counts as added")
    return _("the new version holds no catalog: every object counts as removed")


def _pairs(metrics: Mapping[str, tuple[Any, Any]]) -> dict[str, list[Any]]:
    return {name: [old, new] for name, (old, new) in metrics.items()}


def _changed_dict(change: Changed) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": change.id,
        "fields": change.fields,
        "values": {item.field: [item.old, item.new] for item in change.changes},
    }
    if change.metrics:
        data["metrics"] = _pairs(change.metrics)
    return data


def _process_dict(change: ProcessChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "steps_added": list(change.steps_added),
        "steps_removed": list(change.steps_removed),
        "steps_changed": [_changed_dict(step) for step in change.steps_changed],
        "metrics": _pairs(change.metrics),
        "fields": change.fields,
        "values": {item.field: [item.old, item.new] for item in change.changes},
        "edges_added": [list(edge) for edge in change.edges_added],
        "edges_removed": [list(edge) for edge in change.edges_removed],
    }


def as_dict(diff: CatalogDiff) -> dict[str, Any]:
    """SPEC §5's keys and shapes first (products, processes, units), then what SPEC leaves open."""
    document: dict[str, Any] = {}
    for key in ("products", "processes", "units", "life_events", "data_items"):
        kind = diff.kind(key)
        section: dict[str, Any] = {
            "added": list(kind.added),
            "removed": list(kind.removed),
            "changed": [_process_dict(c) if isinstance(c, ProcessChange) else _changed_dict(c) for c in kind.changed],
            "renamed": [],
            "unreadable": list(kind.unreadable),
        }
        for pair in kind.renamed:
            entry: dict[str, Any] = {"from": pair.old_id, "to": pair.new_id}
            if key == "processes":
                entry["metrics"] = _pairs(diff.renamed_metrics.get(pair.new_id, {}))
            section["renamed"].append(entry)
        if key == "units":
            section["merged"] = [{"id": gone, "into": into} for gone, into in diff.merged]
        document[key] = section
    document["totals"] = {name: list(pair) for name, pair in diff.totals.items()} if diff.totals is not None else None
    document["problems"] = [{"side": side, **problem.to_dict()} for side, problem in diff.problems]
    for side, version in (("old", diff.old), ("new", diff.new)):
        document[side] = {
            "label": version.label,
            "commit": version.commit,
            "has_catalog": version.has_catalog,
            "complete": not version.problems,
        }
    return document


def json_report(diff: CatalogDiff, color: bool = False) -> str:
    """SPEC §5 `diff --format json`, extended with renames, merges, totals, problems and the two versions."""
    return json.dumps(as_dict(diff), indent=2, ensure_ascii=False) + "\n"


# --- markdown -------------------------------------------------------------------------------------

_SAFE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
"""Text that can stand in a Markdown code span as it is (code spans cannot escape anything)."""
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""A catalog id: values that look like one are shown as code, other values as text."""

COLLAPSE_OVER = 10
"""A Markdown section with more entries than this is folded in a <details> block, to keep the comment short."""


def code(text: str) -> str:
    """An id or path as inline code when it is plain, else as escaped text."""
    text = str(text)
    return f"`{text}`" if _SAFE_CODE.match(text) else markdown_text(text)


def _md_total(value: int | None) -> str:
    """A catalog total: the number, or *(none)* for a figure a side does not have (no volumes, no figures a year)."""
    return _emphasised(_("(none)")) if value is None else str(value)


def _emphasised(words: str) -> str:
    return f"*{words}*"


def _md_value(value: Any) -> str:
    if value is None:
        return _emphasised(_("(none)"))
    if isinstance(value, bool):
        return code("true" if value else "false")
    if isinstance(value, list):
        return ", ".join(_md_value(item) for item in value) if value else _emphasised(_("(empty)"))
    if isinstance(value, dict):
        if "to" in value and set(value) <= {"to", "when"}:
            return _("{target} (when {condition})").format(
                target=code(value["to"]), condition=markdown_text(str(value.get("when")))
            )
        return "; ".join(f"{markdown_text(str(key))}: {_md_value(item)}" for key, item in value.items())
    if isinstance(value, (int, float)):
        return code(str(value))
    return code(value) if _ID.match(str(value)) else markdown_text(str(value))


def _md_change(change: FieldChange) -> str:
    return f"{markdown_text(change.field)}: {_md_value(change.old)} → {_md_value(change.new)}"


def md_delta(name: str, old: Any, new: Any) -> str:
    delta = _delta(old, new)
    if old == new:
        return "="
    if not delta:  # a figure one side does not have: no difference to state
        return ""
    direction = _direction(name, old, new)
    return f"{delta} {'🔴' if direction > 0 else '🟢'}" if direction else delta


def _md_metrics(metrics: Mapping[str, tuple[Any, Any]]) -> str:
    parts = []
    for name, (old, new) in metrics.items():
        if isinstance(old, list):
            parts.append(f"{figure_label(name)}: {_md_value(old)} → {_md_value(new)}")
        else:
            parts.append(f"{figure_label(name)} {old} → {new} ({md_delta(name, old, new)})")
    return "; ".join(parts)


def _md_named(diff: CatalogDiff, kind: str, ident: str) -> str:
    name = diff.name_of(kind, ident)
    return f"{code(ident)} {markdown_text(name)}" if name else code(ident)


def _md_headline(figures: Mapping[str, Any] | None) -> str:
    """A process's headline figures, e.g. `3 handoffs (2 silo), 2 contact moments`."""
    if not figures:
        return ""
    handoffs, contacts = figures["handoffs"], figures["contact_moments"]
    return _("{handoffs} ({silo} silo), {contacts}").format(
        handoffs=ngettext("{count} handoff", "{count} handoffs", handoffs).format(count=handoffs),
        silo=figures["silo_handoffs"],
        contacts=ngettext("{count} contact moment", "{count} contact moments", contacts).format(count=contacts),
    )


def section(title: str, lines: list[str], entries: int) -> list[str]:
    """A heading and its lines, folded into <details> when the section is long."""
    while lines and not lines[-1]:
        lines = lines[:-1]
    if not lines:
        return []
    if entries > COLLAPSE_OVER:
        return [f"<details><summary><b>{title}</b> ({entries})</summary>", "", *lines, "", "</details>", ""]
    return [f"#### {title}", "", *lines, ""]


def markdown(diff: CatalogDiff, color: bool = False, title: str | None = None) -> str:
    """A pull-request comment: a summary table, the catalog's figures, then details per product and process.

    `title`: the heading's Markdown, in place of `svcmap diff: OLD → NEW`."""
    heading = (
        title
        if title is not None
        else f"svcmap diff: {markdown_text(diff.old.label)} → {markdown_text(diff.new.label)}"
    )
    out = [f"### {heading}", ""]
    for version, side in ((diff.old, "old"), (diff.new, "new")):
        if not version.has_catalog:
            out += [f"> {_no_catalog(side)}.", ""]
    if diff.problems:
        count = len(diff.problems)
        problems = ngettext("{count} loading problem", "{count} loading problems", count).format(count=count)
        out += [
            f"> ⚠️ **{problems}**: "
            + _("the parts concerned are not compared (see *{section}* below).").format(section=_("Could not be read")),
            "",
        ]
    if diff.empty:
        none = (
            _("no changes to units, products, processes, life events or data items in what could be read")
            if diff.problems
            else _("no changes to units, products, processes, life events or data items")
        )
        out += [none[:1].upper() + none[1:] + ".", ""]
    else:
        words = (_("added"), _("removed"), _("renamed"), _("changed"))
        out += ["| | " + " | ".join(words) + " |", "| --- | ---: | ---: | ---: | ---: |"]
        for key in KINDS:
            kind = diff.kind(key)
            if not kind.empty:
                counts = (len(kind.added), len(kind.removed), len(kind.renamed), len(kind.changed))
                out.append(f"| {_(TITLES[key])} | " + " | ".join(map(str, counts)) + " |")
        out.append("")
    if diff.totals is not None:
        title = _("whole catalog (read on both sides)") if diff.problems else _("whole catalog")
        head = (title, _("before"), _("after"), _("change"))
        out += ["| " + " | ".join(head) + " |", "| --- | ---: | ---: | ---: |"]
        for name, (old, new) in diff.totals.items():
            if name in HEADLINE or old != new:
                values = f"{_md_total(old)} | {_md_total(new)}"
                out.append(f"| {figure_label(name)} | {values} | {md_delta(name, old, new)} |")
        out.append("")
    out += _md_products(diff)
    out += _md_other_processes(diff)
    for key in ORGANISATION_SECTIONS:
        out += _md_simple(diff, key)
    if diff.problems:
        lines = [
            f"- {code(problem.file)}:{problem.line}:{problem.column} **{problem.code}** "
            f"{markdown_text(problem.message)} "
            f"({_side(side)}: {markdown_text(diff.old.label if side == 'old' else diff.new.label)})"
            for side, problem in diff.problems
        ]
        out += section(_("Could not be read"), lines, len(lines))
    return "\n".join(out).rstrip("\n") + "\n"


ORGANISATION_SECTIONS = ("units", "life_events", "data_items")


def _process_lines(diff: CatalogDiff, process_id: str) -> list[str]:
    """Bullets for what happened to one process (empty when nothing did)."""
    processes = diff.processes
    ident = code(process_id)
    if process_id in processes.added:
        figures = _md_headline(diff.new_figures.get(process_id))
        return ["- " + _("process {id} added").format(id=ident) + (f": {figures}" if figures else "")]
    if process_id in processes.removed:
        return ["- " + _("process {id} removed").format(id=ident)]
    if process_id in processes.unreadable:
        return ["- " + _("process {id} could not be read on a side: not compared").format(id=ident)]
    for pair in processes.renamed:
        if process_id in (pair.old_id, pair.new_id):
            metrics = diff.renamed_metrics.get(pair.new_id)
            renamed = _("process renamed {old} → {new}").format(old=code(pair.old_id), new=code(pair.new_id))
            return ["- " + renamed + (f": {_md_metrics(metrics)}" if metrics else "")]
    change = next((c for c in processes.changed if c.id == process_id), None)
    if change is None:
        return []
    process = _("process {id}").format(id=ident)
    lines = [f"- {process}" + (f": {_md_metrics(change.metrics)}" if change.metrics else "")]
    lines += [f"  - {_md_change(item)}" for item in change.changes]
    if change.steps_added:
        lines.append("  - " + _("steps added: {ids}").format(ids=", ".join(map(code, change.steps_added))))
    if change.steps_removed:
        lines.append("  - " + _("steps removed: {ids}").format(ids=", ".join(map(code, change.steps_removed))))
    for step in change.steps_changed:
        lines.append("  - " + _("step {id}").format(id=code(step.id)) + ": " + "; ".join(map(_md_change, step.changes)))
    if change.edges_added:
        edges = ", ".join(f"{code(s)} → {code(t)}" for s, t in change.edges_added)
        lines.append("  - " + _("edges added: {edges}").format(edges=edges))
    if change.edges_removed:
        edges = ", ".join(f"{code(s)} → {code(t)}" for s, t in change.edges_removed)
        lines.append("  - " + _("edges removed: {edges}").format(edges=edges))
    return lines


def _md_products(diff: CatalogDiff) -> list[str]:
    products = diff.products
    out: list[str] = []
    added = []
    for ident in products.added:
        figures = _md_headline(diff.new_figures.get(diff.product_processes.get(ident, "")))
        added.append(f"- {_md_named(diff, 'products', ident)}" + (f" — {figures}" if figures else ""))
    out += section(_("Products added"), added, len(added))
    removed = [f"- {_md_named(diff, 'products', ident)}" for ident in products.removed]
    out += section(_("Products removed"), removed, len(removed))
    renamed = [f"- {code(pair.old_id)} → {_md_named(diff, 'products', pair.new_id)}" for pair in products.renamed]
    out += section(_("Products renamed"), renamed, len(renamed))
    changed: dict[str, list[str]] = {}
    for change in products.changed:
        changed[change.id] = [f"**{_md_named(diff, 'products', change.id)}**", ""]
        changed[change.id] += [f"- {_md_change(item)}" for item in change.changes]
        changed[change.id] += _process_lines(diff, diff.product_processes.get(change.id, ""))
    shown = set(changed) | set(products.added) | set(products.removed)
    changed_processes = {change.id for change in diff.processes.changed} | set(diff.renamed_metrics)
    for product_id, process_id in diff.product_processes.items():
        if product_id not in shown and process_id in changed_processes:
            changed[product_id] = [f"**{_md_named(diff, 'products', product_id)}** — " + _("its process changed"), ""]
            changed[product_id] += _process_lines(diff, process_id)
    details = [line for product_id in sorted(changed) for line in (*changed[product_id], "")]
    out += section(_("Products changed"), details, len(changed))
    unreadable = [f"- {_not_compared(ident)}" for ident in products.unreadable]
    out += section(_("Products not compared"), unreadable, len(unreadable))
    return out


def _md_other_processes(diff: CatalogDiff) -> list[str]:
    """Processes that changed but that no product (old or new) names, and unreadable ones."""
    named = set(diff.product_processes.values())
    processes = diff.processes
    touched = sorted(
        {change.id for change in processes.changed}
        | set(processes.added)
        | set(processes.removed)
        | {pair.new_id for pair in processes.renamed}
        | set(processes.unreadable)
    )
    lines: list[str] = []
    entries = 0
    for ident in touched:
        if ident not in named or ident in processes.unreadable:
            entries += 1
            lines += _process_lines(diff, ident)
    return section(_("Processes used by no product"), lines, entries)


def _not_compared(ident: str) -> str:
    return _("{id} could not be read on a side: not compared").format(id=code(ident))


def _md_simple(diff: CatalogDiff, key: str) -> list[str]:
    kind = diff.kind(key)
    merged = dict(diff.merged) if key == "units" else {}
    added, removed, renamed, changed = _("added"), _("removed"), _("renamed"), _("changed")
    lines = [f"- {added}: {_md_named(diff, key, ident)}" for ident in kind.added]
    for ident in kind.removed:
        into = " " + _("(merged into {unit})").format(unit=code(merged[ident])) if ident in merged else ""
        lines.append(f"- {removed}: {_md_named(diff, key, ident)}{into}")
    lines += [f"- {renamed}: {code(pair.old_id)} → {_md_named(diff, key, pair.new_id)}" for pair in kind.renamed]
    for change in kind.changed:
        parts = [_md_change(item) for item in change.changes]
        if change.metrics:
            parts.append(_md_metrics(change.metrics))
        lines.append(f"- {changed}: {_md_named(diff, key, change.id)}: " + "; ".join(parts))
    lines += [f"- {_not_compared(ident)}" for ident in kind.unreadable]
    return section(_(TITLES[key]), lines, len(lines))


REPORTERS: dict[str, Callable[[CatalogDiff, bool], str]] = {"text": text, "json": json_report, "markdown": markdown}
"""Format name → reporter; the bool asks for colour, which only `text` uses."""
