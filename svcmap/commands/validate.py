"""`validate`: every rule over a catalog folder, reported in one or more formats at once; an unchanged
catalog's reports come from the cache as the very texts written last time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from svcmap.cache.store import Store, content_key, copy_text, files_digest
from svcmap.catalog.source import FolderSource
from svcmap.commands.checking import FolderCache, settings_of
from svcmap.config import Config
from svcmap.files import repository_path


@dataclass(frozen=True)
class Report:
    """One report a run writes: its format, the stream it goes to, and whether its text is coloured."""

    format: str
    out: IO[bytes]
    color: bool = False
    """ANSI colours, for a terminal; only `text` has any."""

    @property
    def kind(self) -> str:
        """Its entry in the cache: each format's report is stored apart, a coloured text apart from a plain one."""
        return f"validate-{self.format}-color" if self.color else f"validate-{self.format}"


@dataclass(frozen=True)
class Counts:
    """What decides validate's exit code, and what its summary line says."""

    errors: int
    warnings: int
    files: int

    def failed(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def record(self) -> dict[str, int]:
        """As the cache keeps it beside each report's text."""
        return {"errors": self.errors, "warnings": self.warnings, "files": self.files}


def validate(root: Path, config: Config, reports: Sequence[Report], use_cache: bool) -> Counts:
    """Check the catalog at ROOT and write each report to its stream as it is made (and into the cache).

    A warm run copies every report from the cache, or makes them all afresh from one check: never some of
    each, since the stored ones describe the files as the stat check saw them and a new check reads them
    as they are now. Making a report from a check costs little beside the check itself.
    """
    base = repository_path(root)  # gitlab's paths start there: a report depends on it, so its key does too
    settings = (settings_of(config), base)
    cache = FolderCache(root) if use_cache else None
    if cache is not None:
        key = cache.current_key("validate", settings)
        counts = _copy_from(cache.store, key, reports) if key is not None else None
        if counts is not None:
            cache.save()
            return counts
    from svcmap.reporters.findings import REPORTERS, ReportOptions  # a warm run needs neither the reporters,
    from svcmap.rules.engine import check_source  # the rules nor the loader

    source = FolderSource(root)
    checked = check_source(source, config, remember_files=cache is not None)
    result, loaded = checked.result, checked.loaded
    counts = Counts(result.errors, result.warnings, result.files)
    # the key of the bytes parsed, not of those stat-checked
    key = content_key("validate", files_digest(loaded.digests), settings) if cache is not None else ""
    sinks = [cache.store.text_sink(report.kind, key) for report in reports] if cache is not None else []
    try:
        for index, report in enumerate(reports):
            for chunk in REPORTERS[report.format](result, ReportOptions(report.color, base)):
                data = chunk.encode("utf-8")
                report.out.write(data)
                if sinks:
                    sinks[index].write(data)
    except BaseException:
        for sink in sinks:
            sink.discard()
        raise
    if cache is not None:
        for sink in sinks:
            sink.commit(counts.record())
        cache.remember(loaded.stats, loaded.digests, source.seen_fingerprint())
    return counts


def _copy_from(store: Store, key: str, reports: Sequence[Report]) -> Counts | None:
    """Every report's stored text copied to its stream, and the counts stored with them; None, with nothing
    written, unless every one is there (each is opened before any is copied)."""
    opened: list[IO[bytes]] = []
    record: Any = None
    try:
        for report in reports:
            hit = store.open_text(report.kind, key)
            if hit is None:
                return None
            opened.append(hit[0])
            record = hit[1]
            if not (isinstance(record, dict) and all(isinstance(record.get(name), int) for name in _COUNTED)):
                return None
        for report, text in zip(reports, opened):
            copy_text(text, report.out)
    finally:
        for text in opened:
            text.close()
    return Counts(**{name: record[name] for name in _COUNTED}) if opened else None


_COUNTED = ("errors", "warnings", "files")
