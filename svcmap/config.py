"""A catalog's configuration: `.svcmap.yaml` at ROOT, with command-line overrides on top."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from svcmap import schema, yamlio
from svcmap.errors import SvcmapError
from svcmap.findings import Severity
from svcmap.rules import RULES, Rule

CONFIG_FILE = ".svcmap.yaml"


@dataclass(frozen=True)
class Config:
    """Which rules are in force, at which severity, with which thresholds."""

    select: tuple[str, ...] = ()
    """Codes or prefixes in force; empty means every rule."""
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    thresholds: Mapping[str, int] = field(default_factory=dict)
    cache: bool = True

    def enabled(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(prefix) for prefix in self.select)
        return selected and not any(code.startswith(prefix) for prefix in self.ignore)

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code, rule.severity)

    def options_for(self, rule: Rule) -> dict[str, Any]:
        options = dict(rule.options)
        if rule.code in self.thresholds:
            options["threshold"] = self.thresholds[rule.code]
        return options

    def overridden(
        self,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        thresholds: Mapping[str, int] | None = None,
        severity: Mapping[str, Severity] | None = None,
        cache: bool | None = None,
    ) -> Config:
        """This config with command-line options on top: --select replaces, --ignore adds."""
        select, ignore = tuple(select), tuple(ignore)
        for code in (*select, *ignore, *(thresholds or {}), *(severity or {})):
            check_code(code)
        return replace(
            self,
            select=select or self.select,
            ignore=self.ignore + ignore,
            thresholds={**self.thresholds, **(thresholds or {})},
            severity={**self.severity, **(severity or {})},
            cache=self.cache if cache is None else cache,
        )


def check_code(code: str) -> None:
    """A code or prefix must name at least one rule; a typo would silently select nothing."""
    if not any(known.startswith(code) for known in RULES):
        raise SvcmapError(f"unknown rule code {code!r}; `svcmap rules` lists them")


def load_config(root: Path) -> Config:
    """The config file at ROOT, or the defaults when there is none; a broken one is a usage error (exit 2)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
        data = yamlio.load(text)
    except (OSError, UnicodeDecodeError) as error:
        raise SvcmapError(f"{path}: cannot read the config: {error}") from None
    except yamlio.YamlProblem as error:
        raise SvcmapError(f"{path}:{error.line}:{error.column}: {error.message}") from None
    if data is None:
        return Config()
    errors = schema.check("config", data)
    if errors:
        first = errors[0]
        raise SvcmapError(f"{path}:{first.line}:{first.column}: {first.message}")
    config = Config(
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity={code: Severity(level) for code, level in data.get("severity", {}).items()},
        thresholds=dict(data.get("thresholds", {})),
        cache=data.get("cache", True),
    )
    for code in (*config.select, *config.ignore, *config.severity, *config.thresholds):
        try:
            check_code(code)
        except SvcmapError as error:
            raise SvcmapError(f"{path}: {error.message}") from None
    return config
