"""A catalog's configuration: `.svcmap.yaml` at ROOT, with command-line overrides on top."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from svcmap.errors import SvcmapError
from svcmap.findings import Severity
from svcmap.i18n import _

if TYPE_CHECKING:  # imported where used: a catalog without a config (or a warm run) needs neither
    from svcmap.catalog import reader
    from svcmap.rules.registry import Rule

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
    language: str | None = None
    """`language:` in the config, the catalog's own language (en, nl); None where it sets none."""

    def enabled(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(prefix) for prefix in self.select)
        return selected and not any(code.startswith(prefix) for prefix in self.ignore)

    def severity_of(self, rule: Rule) -> Severity:
        """The severity set for the rule's code, or for the longest prefix of it (`SVC3`), else the rule's own."""
        setting = _most_specific(self.severity, rule.code)
        return rule.severity if setting is None else setting

    def options_for(self, rule: Rule) -> dict[str, Any]:
        options = dict(rule.options)
        threshold = _most_specific(self.thresholds, rule.code)
        if threshold is not None and "threshold" in options:
            options["threshold"] = threshold
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
        check_codes((*select, *ignore, *(severity or {})), thresholds or {})
        return replace(
            self,
            select=select or self.select,
            ignore=self.ignore + ignore,
            thresholds={**self.thresholds, **(thresholds or {})},
            severity={**self.severity, **(severity or {})},
            cache=self.cache if cache is None else cache,
        )


def _most_specific(settings: Mapping[str, Any], code: str) -> Any:
    """The setting for `code` itself, else for the longest prefix of it given; None when there is none."""
    prefixes = [prefix for prefix in settings if code.startswith(prefix)]
    return settings[max(prefixes, key=len)] if prefixes else None


def check_codes(codes: Iterable[str], threshold_codes: Iterable[str]) -> None:
    """Every code or prefix of a selection, severity or threshold setting must reach a rule it can affect."""
    for code in codes:
        check_code(code)
    for code in threshold_codes:
        check_threshold_code(code)


def check_threshold_code(code: str) -> None:
    """A threshold must reach a rule that has one (SVC301, SVC303, SVC307), or it would silently do nothing."""
    from svcmap.rules.registry import RULES

    check_code(code)
    if not any(known.startswith(code) and "threshold" in rule.options for known, rule in RULES.items()):
        with_threshold = ", ".join(known for known, rule in RULES.items() if "threshold" in rule.options)
        raise SvcmapError(
            _("rule {code} has no threshold; thresholds apply to {codes}").format(code=code, codes=with_threshold)
        )


def check_code(code: str) -> None:
    """A code or prefix must name at least one rule; a typo would silently select nothing."""
    from svcmap.rules.registry import RULES

    if not any(known.startswith(code) for known in RULES):
        raise SvcmapError(_("unknown rule code {code!r}; `svcmap rules` lists them").format(code=code))


def load_config(root: Path) -> Config:
    """The config file at ROOT, or the defaults when there is none; a broken one is a usage error (exit 2).

    Every fault is `path:line:col: message`, at the first key or value concerned.
    """
    path = root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return Config()
    if not path.is_file():
        raise SvcmapError(_("{path}: the config must be a file").format(path=path))
    from svcmap.catalog import reader, schema

    try:
        text = path.read_text(encoding="utf-8")
        data = reader.load(text)
    except (OSError, UnicodeDecodeError) as error:
        raise SvcmapError(_("{path}: cannot read the config: {reason}").format(path=path, reason=error)) from None
    except reader.YamlProblem as error:
        raise SvcmapError(f"{path}:{error.line}:{error.column}: {error.message}") from None
    if data is None:
        return Config()
    errors = schema.check("config", data)
    if errors:
        first = errors[0]
        raise SvcmapError(f"{path}:{first.line}:{first.column}: {first.message}")
    _check_codes_at(path, data)
    return Config(
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity={code: Severity(level) for code, level in data.get("severity", {}).items()},
        thresholds=dict(data.get("thresholds", {})),
        cache=data.get("cache", True),
        language=data.get("language"),
    )


def catalog_language(root: Path) -> str | None:
    """The `language:` the config at ROOT sets, read before anything else is said; None where there is no
    config, it sets no language, or it cannot be read (the command that reads the config says why)."""
    try:
        return load_config(root).language
    except SvcmapError:
        return None


def _check_codes_at(path: Path, data: reader.YMap) -> None:
    """check_codes for a schema-valid config, the first fault in the file at the code it is about."""
    from svcmap.catalog import reader

    checks: list[tuple[tuple[int, int], str, Callable[[str], None]]] = []
    for key in ("select", "ignore"):
        codes = data.get(key, reader.YList(1, 1))
        checks.extend((position, code, check_code) for code, position in zip(codes, codes.item_pos))
    for key, check in (("severity", check_code), ("thresholds", check_threshold_code)):
        settings = data.get(key, reader.YMap(1, 1))
        checks.extend((settings.key_pos[code], code, check) for code in settings)
    for (line, column), code, check in sorted(checks, key=lambda entry: entry[0]):
        try:
            check(code)
        except SvcmapError as error:
            raise SvcmapError(f"{path}:{line}:{column}: {error.message}") from None
