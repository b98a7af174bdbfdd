"""Reporters for `whatif`: each scenario's effect as `diff` reports it (its reporters, under a heading that names
the scenario), with the rule findings that appear and disappear; several scenarios start with their catalog
totals side by side.

JSON: one scenario is one object — the scenario, then `diff --format json`'s keys, then `findings` —
and several are a list of them. Scenario and catalog text is untrusted: terminal text is escaped by
`terminal_text`, Markdown by `markdown_text`, as in the diff's reporters. Their words are in the language in
use, as the diff's are; JSON's keys are data (a scenario's descriptions, sentences, follow the language).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from svcmap.findings import Finding
from svcmap.i18n import _, ngettext
from svcmap.reporters import diff as diff_reporters
from svcmap.reporters.words import figure_label
from svcmap.text import Paint, markdown_text, terminal_text
from svcmap.versions.diff import TOTALS
from svcmap.whatif.outcome import WhatIf
from svcmap.whatif.scenario import Merge

_STYLES = {"added": "32", "removed": "31", "bold": "1", "dim": "2"}


def _shown_totals(outcomes: Sequence[WhatIf]) -> list[str]:
    """The headline totals, and every other total some scenario changes."""
    names = dict.fromkeys((*TOTALS, *(name for outcome in outcomes for name in outcome.totals)))
    return [
        name
        for name in names
        if name in diff_reporters.HEADLINE or any(len(set(o.totals.get(name, (0, 0)))) > 1 for o in outcomes)
    ]


def _made(merge: Merge) -> str:
    """A merge with nothing left to merge: made already (a second `--apply`), or a unit misspelt."""
    return _(
        "nothing to do for the merge into {unit}: no {units} left in the catalog (made already, or misspelt?)"
    ).format(unit=merge.into, units=", ".join(merge.merged))


def _findings(outcome: WhatIf) -> str:
    """`Findings: 1 appears, 2 disappear`."""
    appeared, disappeared = len(outcome.appeared), len(outcome.disappeared)
    return _("Findings: {appeared}, {disappeared}").format(
        appeared=ngettext("{count} appears", "{count} appear", appeared).format(count=appeared),
        disappeared=ngettext("{count} disappears", "{count} disappear", disappeared).format(count=disappeared),
    )


def _side_by_side(count: int) -> str:
    return ngettext("{count} scenario side by side", "{count} scenarios side by side", count).format(count=count)


def _label(outcome: WhatIf) -> str:
    scenario = outcome.scenario
    return (
        f"{scenario.label} ({scenario.file})" if scenario.file and scenario.label != scenario.file else scenario.label
    )


# --- text -----------------------------------------------------------------------------------------


def _plain_finding(finding: Finding) -> str:
    where = f"{terminal_text(finding.file)}:{finding.line}:{finding.column}"
    return f"{where}: {finding.code} {terminal_text(finding.message)}"


def _text_one(outcome: WhatIf, color: bool) -> str:
    paint = Paint(color, _STYLES)
    title = f"svcmap whatif: {terminal_text(_label(outcome))}"
    body = diff_reporters.text(outcome.diff, color, title=title).rstrip("\n").split("\n")
    head = [body[0]]
    head += [f"  {terminal_text(line)}" for line in outcome.scenario.describe()] or [
        "  " + _("(the scenario changes nothing)")
    ]
    head += [paint("dim", f"  {terminal_text(_made(merge))}") for merge in outcome.already_made]
    lines = [*head, *body[1:], ""]
    lines.append(paint("bold", _findings(outcome)))
    lines += [paint("removed", f"  + {_plain_finding(finding)}") for finding in outcome.appeared]
    lines += [paint("added", f"  - {_plain_finding(finding)}") for finding in outcome.disappeared]
    return "\n".join(lines) + "\n"


def _text_table(outcomes: Sequence[WhatIf]) -> list[str]:
    names = _shown_totals(outcomes)
    labels = [terminal_text(outcome.scenario.label) for outcome in outcomes]
    widths = [max(len(label), 6) for label in labels]
    first = max(21, *(len(figure_label(name)) for name in names))
    now_word = _("now")
    rows = [f"  {'':<{first}} {now_word:>6}  " + "  ".join(f"{label:>{width}}" for label, width in zip(labels, widths))]
    for name in names:
        now = outcomes[0].totals.get(name, (0, 0))[0]
        cells = []
        for outcome, width in zip(outcomes, widths):
            old, new = outcome.totals.get(name, (now, now))
            cells.append(f"{f'{new} ({new - old:+d})' if new != old else str(new):>{width}}")
        rows.append(f"  {figure_label(name):<{first}} {now:>6}  " + "  ".join(cells))
    return rows


def text(outcomes: Sequence[WhatIf], color: bool = False) -> str:
    """One scenario: its diff and findings. Several: the catalog totals side by side, then each one's detail."""
    if len(outcomes) == 1:
        return _text_one(outcomes[0], color)
    paint = Paint(color, _STYLES)
    lines = [paint("bold", f"svcmap whatif: {_side_by_side(len(outcomes))}"), ""]
    lines += _text_table(outcomes)
    out = "\n".join(lines) + "\n"
    for outcome in outcomes:
        out += "\n" + _text_one(outcome, color)
    return out


# --- json -----------------------------------------------------------------------------------------


def as_dict(outcome: WhatIf) -> dict[str, Any]:
    """The scenario, `diff --format json`'s keys, then the findings that appear and disappear."""
    return {
        "scenario": {
            **outcome.scenario.to_dict(),
            "already_made": [merge.describe() for merge in outcome.already_made],
        },
        **diff_reporters.as_dict(outcome.diff),
        "findings": {
            "appeared": [finding.to_dict() for finding in outcome.appeared],
            "disappeared": [finding.to_dict() for finding in outcome.disappeared],
        },
    }


def json_report(outcomes: Sequence[WhatIf], color: bool = False) -> str:
    """One scenario: an object; several: a list of them, in the order given."""
    documents = [as_dict(outcome) for outcome in outcomes]
    return json.dumps(documents[0] if len(documents) == 1 else documents, indent=2, ensure_ascii=False) + "\n"


# --- markdown -------------------------------------------------------------------------------------


def _md_finding(finding: Finding) -> str:
    where = f"{diff_reporters.code(finding.file)}:{finding.line}:{finding.column}"
    return f"{where} **{finding.code}** {markdown_text(finding.message)}"


def _markdown_one(outcome: WhatIf) -> str:
    title = f"svcmap whatif: {markdown_text(_label(outcome))}"
    body = diff_reporters.markdown(outcome.diff, title=title).rstrip("\n").split("\n")
    head = [body[0], ""]
    head += [f"- {markdown_text(line)}" for line in outcome.scenario.describe()] or [
        "- *" + _("(the scenario changes nothing)") + "*"
    ]
    head += [f"- {markdown_text(_made(merge))}" for merge in outcome.already_made]
    out = [*head, *body[1:], ""]
    appears, disappears = _("appears"), _("disappears")
    found = [f"- 🔴 {appears}: {_md_finding(finding)}" for finding in outcome.appeared]
    found += [f"- 🟢 {disappears}: {_md_finding(finding)}" for finding in outcome.disappeared]
    findings = _findings(outcome)
    out += diff_reporters.section(findings, found, len(found)) if found else [f"{findings}.", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def markdown(outcomes: Sequence[WhatIf], color: bool = False) -> str:
    """A pull-request comment: several scenarios start with a table of the catalog totals side by side."""
    if len(outcomes) == 1:
        return _markdown_one(outcomes[0])
    labels = [markdown_text(outcome.scenario.label) for outcome in outcomes]
    out = [f"### svcmap whatif: {_side_by_side(len(outcomes))}", ""]
    out += [
        "| " + " | ".join((_("whole catalog"), _("now"), *labels)) + " |",
        "| --- | ---: |" + " ---: |" * len(labels),
    ]
    for name in _shown_totals(outcomes):
        now = outcomes[0].totals.get(name, (0, 0))[0]
        cells = []
        for outcome in outcomes:
            old, new = outcome.totals.get(name, (now, now))
            cells.append(f"{new} ({diff_reporters.md_delta(name, old, new)})" if new != old else str(new))
        out.append(f"| {figure_label(name)} | {now} | " + " | ".join(cells) + " |")
    text = "\n".join(out) + "\n"
    for outcome in outcomes:
        text += "\n" + _markdown_one(outcome)
    return text


REPORTERS: dict[str, Callable[[Sequence[WhatIf], bool], str]] = {
    "text": text,
    "json": json_report,
    "markdown": markdown,
}
"""Format name → reporter; the bool asks for colour, which only `text` uses."""
