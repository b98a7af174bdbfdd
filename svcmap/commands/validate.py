"""`validate`: every rule over a catalog folder, reported in one format; an unchanged catalog's report comes
from the cache as the very text written last time."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from svcmap.cache.store import content_key, copy_text, files_digest
from svcmap.catalog.source import FolderSource
from svcmap.commands.checking import FolderCache, settings_of
from svcmap.config import Config
from svcmap.files import repository_path

if TYPE_CHECKING:
    from svcmap.reporters.findings import ReportOptions
    from svcmap.rules.engine import ValidationResult


@dataclass(frozen=True)
class Counts:
    """What decides validate's exit code."""

    errors: int
    warnings: int

    def failed(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def validate(
    root: Path,
    config: Config,
    output_format: str,
    render: Callable[[ValidationResult, ReportOptions], Iterable[str]],
    out: IO[bytes],
    use_cache: bool,
) -> Counts:
    """Check the catalog at ROOT and write its report to `out` as it is made (and into the cache)."""
    kind = f"validate-{output_format}"
    base = repository_path(root)  # gitlab's paths start there: a report depends on it, so its key does too
    settings = (settings_of(config), base)
    cache = FolderCache(root) if use_cache else None
    if cache is not None:
        key = cache.current_key("validate", settings)
        hit = cache.store.open_text(kind, key) if key is not None else None
        if hit is not None and isinstance(hit[1], dict) and {"errors", "warnings"} <= hit[1].keys():
            cache.save()
            copy_text(hit[0], out)
            return Counts(int(hit[1]["errors"]), int(hit[1]["warnings"]))
        if hit is not None:
            hit[0].close()
    from svcmap.reporters.findings import ReportOptions  # a warm run needs neither the rules, the loader
    from svcmap.rules.engine import check_source  # nor the reporters

    source = FolderSource(root)
    checked = check_source(source, config, remember_files=cache is not None)
    result, loaded = checked.result, checked.loaded
    counts = Counts(result.errors, result.warnings)
    options = ReportOptions(base=base)
    if cache is None:
        for chunk in render(result, options):
            out.write(chunk.encode("utf-8"))
        return counts
    # the key of the bytes parsed, not of those stat-checked
    key = content_key("validate", files_digest(loaded.digests), settings)
    sink = cache.store.text_sink(kind, key)
    try:
        for chunk in render(result, options):
            data = chunk.encode("utf-8")
            out.write(data)
            sink.write(data)
    except BaseException:
        sink.discard()
        raise
    sink.commit({"errors": counts.errors, "warnings": counts.warnings})
    cache.remember(loaded.stats, loaded.digests, source.seen_fingerprint())
    return counts
