"""`svcmap rules [CODE]`: the list of rules, or one rule's documentation."""

from __future__ import annotations

import click

from svcmap.errors import SvcmapError
from svcmap.i18n import _
from svcmap.rules.registry import RULES


@click.command("rules")
@click.argument("code", required=False)
def command(code: str | None) -> None:
    """List the rules, or explain one: what it does, why, an example and the fix."""
    if code is None:
        width = max(len(rule.name) for rule in RULES.values())
        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<{width}}  {rule.summary}")
        return
    rule = RULES.get(code.upper())
    if rule is None:
        raise SvcmapError(_("unknown rule code {code}; `svcmap rules` lists them").format(code=repr(code)))
    options = "".join(
        "\n\n" + _("Default {name}: {value}").format(name=name, value=value) for name, value in rule.options.items()
    )
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.doc}{options}")
