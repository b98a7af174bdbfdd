"""The rule registry: every rule's code, name, default severity, documentation and check.

A rule is a pure function from the Catalog (and its options) to Problems; the engine, not the rule,
stamps code and severity on them. Rules SVC001–SVC004 are found while loading; they are here for
their documentation and so that config and `--select` treat every code alike.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from svcmap.findings import Problem, Severity
from svcmap.catalog.model import Catalog

Check = Callable[[Catalog, Mapping[str, Any]], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """One rule: `check` is None for the rules the loader reports."""

    code: str
    name: str
    severity: Severity
    doc: str
    check: Check | None
    options: Mapping[str, Any]
    """Default options (e.g. thresholds); a catalog's config overrides them."""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


def rule(
    code: str, name: str, severity: Severity, **options: Any
) -> Callable[[Callable[..., Iterable[Problem]]], Rule]:
    """Declare a rule from its check function; the function's docstring is the rule's documentation."""

    def wrap(check: Callable[..., Iterable[Problem]]) -> Rule:
        return Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), check, options)

    return wrap


def documented(code: str, name: str, severity: Severity, doc: str) -> Rule:
    """A rule the loader reports; only its documentation lives here."""
    return Rule(code, name, severity, inspect.cleandoc(doc), None, {})


def _registry() -> dict[str, Rule]:
    from svcmap.rules import asks, flow, handoffs, loading, offices, references

    rules: dict[str, Rule] = {}
    for module in (loading, references, flow, handoffs, asks, offices):
        for item in module.RULES:
            if item.code in rules:
                raise ValueError(f"duplicate rule code {item.code}")
            rules[item.code] = item
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _registry()
