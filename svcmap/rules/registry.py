"""The rule registry: every rule's code, name, default severity, documentation and checks.

A rule is a pure function that yields Problems; the engine, not the rule, stamps code and severity on
them. Rules come in two scopes, because the loader's workers examine each process as soon as it is
read: a *process* check sees one process (with its `Examined` figures and the organisation it belongs
to) and runs in a worker; a *catalog* check sees the whole Catalog and its Analysis and runs once, in
the parent. A rule may have both (SVC101: a step's unit, a product's owner). Rules SVC001–SVC004 are
found while loading; they are here for their documentation and so that config and `--select` treat
every code alike.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from svcmap.analysis.figures import Analysis, Examined
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
from svcmap.i18n import _

ProcessCheck = Callable[[Catalog, Process, Examined, Mapping[str, Any]], Iterable[Problem]]
"""A check of one process: the catalog it is given holds the organisation (units, data items)."""
CatalogCheck = Callable[[Catalog, Analysis, Mapping[str, Any]], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """One rule; both checks are None for the rules the loader reports."""

    code: str
    name: str
    severity: Severity
    source_doc: str
    """The documentation as written in the code, in English; `doc` is it in the language in use."""
    options: Mapping[str, Any]
    """Default options (e.g. thresholds); a catalog's config overrides them."""
    process_check: ProcessCheck | None = None
    catalog_check: CatalogCheck | None = None

    @property
    def doc(self) -> str:
        """The documentation in the language in use: its headings and prose translated, code kept."""
        return "".join(_(text) if translated else text for translated, text in doc_pieces(self.source_doc))

    @property
    def summary(self) -> str:
        """The one-sentence title: the documentation's first line."""
        return self.doc.strip().splitlines()[0]

    def also_catalog(self, check: CatalogCheck) -> Rule:
        """The same rule, also checking the whole catalog (its documentation stays the process check's)."""
        return replace(self, catalog_check=check)


def doc_pieces(doc: str) -> list[tuple[bool, str]]:
    """A rule's documentation cut into (to translate, text) pieces that join back into it.

    Each heading (`## Why is this bad?`, after the `## `) and each paragraph of prose is one message to
    translate, so that a translator works a paragraph at a time; code blocks (the YAML examples) and the
    line breaks between pieces are kept as they are.
    """
    pieces: list[tuple[bool, str]] = []
    prose: list[str] = []
    in_code = False

    def end_paragraph() -> None:
        if prose:
            pieces.append((True, "\n".join(prose)))
            prose.clear()

    for number, line in enumerate(doc.split("\n")):
        before = "\n" if number else ""
        if line.startswith("```") or in_code or not line.strip():
            end_paragraph()
            pieces.append((False, before + line))
            in_code = in_code != line.startswith("```")
        elif line.startswith("## "):
            end_paragraph()
            pieces.extend([(False, before + "## "), (True, line[3:])])
        else:
            if not prose:
                pieces.append((False, before))
            prose.append(line)
    end_paragraph()
    return pieces


def doc_messages(doc: str) -> list[str]:
    """The texts of a rule's documentation that are translated (see `doc_pieces`)."""
    return [text for translated, text in doc_pieces(doc) if translated]


def process_rule(code: str, name: str, severity: Severity, **options: Any) -> Callable[[ProcessCheck], Rule]:
    """Declare a rule from its process check; the function's docstring is the rule's documentation."""

    def wrap(check: ProcessCheck) -> Rule:
        return Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), options, process_check=check)

    return wrap


def catalog_rule(code: str, name: str, severity: Severity, **options: Any) -> Callable[[CatalogCheck], Rule]:
    """Declare a rule from its catalog check; the function's docstring is the rule's documentation."""

    def wrap(check: CatalogCheck) -> Rule:
        return Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), options, catalog_check=check)

    return wrap


def documented(code: str, name: str, severity: Severity, doc: str) -> Rule:
    """A rule the loader reports; only its documentation lives here."""
    return Rule(code, name, severity, inspect.cleandoc(doc), {})


def _registry() -> dict[str, Rule]:
    from svcmap.rules import asks, flow, handoffs, loading, offices, publication, references, refusals

    rules: dict[str, Rule] = {}
    for module in (loading, references, flow, handoffs, asks, refusals, offices, publication):
        for item in module.RULES:
            if item.code in rules:
                raise ValueError(f"duplicate rule code {item.code}")
            rules[item.code] = item
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _registry()
