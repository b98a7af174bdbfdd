"""The validate cache: a catalog whose every file, the tool, the schemas and the config are unchanged
gets its previous result back without being parsed again.

The key is a digest over the tool version, the schemas' contents, the rules in force with their
severities and thresholds, and every file's path and content hash — so a changed, added or removed
file is always re-checked, and cross-file rules are always right, because the whole catalog is
checked again whenever any file changed. Results are JSON (never pickle: a cache folder committed
to a repository must not be able to run code), written atomically under ROOT/.svcmap-cache/.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
import hashlib
import json
from pathlib import Path
from typing import Any

from svcmap import __version__
from svcmap.config import Config
from svcmap.files import write_atomically
from svcmap.findings import Finding, Severity
from svcmap.catalog.schema import schema_dir
from svcmap.catalog.source import FolderSource, listing
from svcmap.rules.engine import ValidationResult

CACHE_DIR = ".svcmap-cache"
KEPT_RESULTS = 8
"""Results for this many keys (configs, branches) are kept; older ones are pruned."""
_FORMAT = 1


@functools.cache
def tool_digest() -> bytes:
    """The tool's version, its schemas and its own code: a cached result is only valid for the same tool.

    The code is hashed too, so a development checkout never answers from results of code since changed.
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"svcmap {__version__} cache {_FORMAT}\n".encode())
    for schema_file in sorted(schema_dir().glob("*.schema.json")):
        digest.update(schema_file.name.encode() + b"\0" + content_digest(schema_file))
    package = Path(__file__).resolve().parents[1]
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode() + b"\0" + content_digest(module))
    return digest.digest()


def files_digest(source: FolderSource) -> bytes:
    """Every catalog file's path and content hash: any change, addition or removal changes it."""
    digest = hashlib.blake2b(digest_size=20)
    for path, _ in listing(source):
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0" + content_digest(source.root / path) + b"\n")
    return digest.digest()


def cache_key(source: FolderSource, config: Config) -> str:
    """The digest of everything a validation result depends on."""
    digest = hashlib.blake2b(tool_digest(), digest_size=20)
    digest.update(repr(_config_fingerprint(config)).encode())
    digest.update(files_digest(source))
    return digest.hexdigest()


def _config_fingerprint(config: Config) -> tuple[Any, ...]:
    return (
        config.select,
        config.ignore,
        sorted((code, level.value) for code, level in config.severity.items()),
        sorted(config.thresholds.items()),
    )


def content_digest(path: Path) -> bytes:
    """The file's content hash; a file that cannot be read hashes as what stops it being read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=16).digest()
    except OSError as error:
        return f"unreadable:{error.errno}".encode()


class JsonStore:
    """JSON documents of one kind (`validate`, `analyze`) under ROOT/.svcmap-cache/<kind>/, by key.

    A missing, corrupt or foreign entry is a miss, never an error; a ROOT that cannot be written to
    simply goes uncached. Only the newest entries are kept.
    """

    def __init__(self, root: Path, kind: str) -> None:
        self.folder = root / CACHE_DIR / kind

    def get(self, key: str) -> Any:
        try:
            with open(self.folder / f"{key}.json", encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def put(self, key: str, document: Any) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _mark_ignorable(self.folder.parent)
            write_atomically(self.folder / f"{key}.json", json.dumps(document, ensure_ascii=False))
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
        for stale in entries[KEPT_RESULTS:]:
            stale.unlink(missing_ok=True)


class ResultCache:
    """Validation results of one ROOT, by key."""

    def __init__(self, root: Path) -> None:
        self.store = JsonStore(root, "validate")

    def get(self, key: str) -> ValidationResult | None:
        document = self.store.get(key)
        try:
            return _from_json(document) if document is not None else None
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, result: ValidationResult) -> None:
        self.store.put(key, _to_json(result))


def _mark_ignorable(folder: Path) -> None:
    """Git ignores the folder without the user's help, and backup tools skip it (CACHEDIR.TAG)."""
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        write_atomically(gitignore, "# created by svcmap: the validate cache\n*\n")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        write_atomically(tag, "Signature: 8a477f597d28d172789f06886806bc55\n# svcmap validate cache\n")


def _to_json(result: ValidationResult) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in dataclasses.fields(result):
        value = getattr(result, field.name)
        data[field.name] = [finding.to_dict() for finding in value] if field.name == "findings" else value
    return data


def _from_json(data: dict[str, Any]) -> ValidationResult:
    values: dict[str, Any] = {}
    for field in dataclasses.fields(ValidationResult):
        value = data[field.name]
        if field.name == "findings":
            value = [Finding(**{**item, "severity": Severity(item["severity"])}) for item in value]
        elif isinstance(value, list):
            value = tuple(value)
        values[field.name] = value
    return ValidationResult(**values)


def validate_cached(source: FolderSource, config: Config, use_cache: bool, key: str | None = None) -> ValidationResult:
    """`validate`, answered from the cache when nothing it depends on changed."""
    from svcmap.rules.engine import validate

    if not use_cache:
        return validate(source, config)
    cache = ResultCache(source.root)
    key = key or cache_key(source, config)
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = validate(source, config)
    cache.put(key, result)
    return result


@dataclass(frozen=True)
class Report:
    """A validation rendered in one format, and the counts that decide the exit code."""

    text: str
    errors: int
    warnings: int

    def failed(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def validate_report(
    source: FolderSource,
    config: Config,
    use_cache: bool,
    output_format: str,
    render: Callable[[ValidationResult], str],
) -> Report:
    """`validate` rendered as `output_format`; for an unchanged catalog the rendered report itself is cached.

    Re-reading 13,000 cached findings and rendering them again took half of a warm run on the bench
    catalog; the report depends on nothing but the result and the format.
    """
    if not use_cache:
        result = validate_cached(source, config, use_cache=False)
        return Report(render(result), result.errors, result.warnings)
    key = cache_key(source, config)
    reports = JsonStore(source.root, "validate-report")
    stored = reports.get(f"{key}-{output_format}")
    if isinstance(stored, dict) and {"text", "errors", "warnings"} <= stored.keys():
        return Report(stored["text"], stored["errors"], stored["warnings"])
    result = validate_cached(source, config, use_cache=True, key=key)
    report = Report(render(result), result.errors, result.warnings)
    reports.put(f"{key}-{output_format}", {"text": report.text, "errors": report.errors, "warnings": report.warnings})
    return report
