"""The one cache store: results under ROOT/.svcmap-cache/, keyed by the content that was read.

A key digests the tool (its version, its own code, its schemas and its translations), the language in use
(a stored report's text is in one language), the settings the result depends on (the rules in force,
severities, thresholds) and every catalog file's path and content digest — the digests of the very bytes
the loader parsed, so a result is never stored under the key of other content. Any change, addition or
removal makes another key; cross-file rules stay right because the whole catalog is checked again
whenever any file changed.

Entries are JSON documents, or the final text of a report with a small JSON record beside it (the
counts that decide the exit code): a warm `validate` copies that text out as it is; or blobs, bytes behind
their own digest, many of a kind (a drawn diagram per process, `svcmap.cache.diagrams`). Never pickle: a
cache folder committed to a repository must not be able to run code. Writes are atomic; a missing,
corrupt or foreign entry is a miss, never an error; a ROOT that cannot be written to goes uncached;
only the newest entries of each kind are kept (of blobs, as many as their kind asks for).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from svcmap import __version__
from svcmap.catalog.schemafiles import schema_dir
from svcmap.files import AtomicFile, write_atomically
from svcmap.i18n import LOCALE_DIR, language

CACHE_DIR = ".svcmap-cache"
KEPT_ENTRIES = 8
"""Entries of each kind kept (configs, branches, formats); older ones are pruned."""
FORMAT = 2
"""Bumped whenever what an entry holds changes meaning."""
BLOB_SUFFIX = ".blob"
BLOB_DIGEST_SIZE = 16
"""A blob entry is the blake2b digest of its bytes (this many), then the bytes."""


@functools.cache
def tool_digest() -> bytes:
    """The tool's version, its schemas, its own code and its translations: a cached result is only valid for
    the same tool.

    The code is hashed too, so a development checkout never answers from results of code since changed; the
    translations (the .po sources and the .mo files compiled from them) so that an edited translation is
    never answered with the words stored before it.
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"svcmap {__version__} cache {FORMAT}\n".encode())
    for schema_file in sorted(schema_dir().glob("*.schema.json")):
        digest.update(schema_file.name.encode() + b"\0" + _file_digest(schema_file))
    package = Path(__file__).resolve().parents[1]
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode() + b"\0" + _file_digest(module))
    for translation in sorted([*LOCALE_DIR.rglob("*.po"), *LOCALE_DIR.rglob("*.mo")]):
        digest.update(str(translation.relative_to(LOCALE_DIR)).encode() + b"\0" + _file_digest(translation))
    return digest.digest()


def _file_digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError as error:
        return f"unreadable:{error.errno}".encode()


def files_digest(digests: Mapping[str, bytes]) -> bytes:
    """One digest of every file's path and content digest: what a cache key needs to know of the files."""
    digest = hashlib.blake2b(digest_size=20)
    paths = sorted(digests)
    for start in range(0, len(paths), 4096):  # in slices: one join of 200,000 files would be 20 MB at once
        digest.update(
            b"".join(
                path.encode("utf-8", "surrogateescape") + b"\0" + digests[path] + b"\n"
                for path in paths[start : start + 4096]
            )
        )
    return digest.digest()


def content_key(kind: str, files: bytes, settings: object = ()) -> str:
    """The key of a result of `kind` computed from files of this `files_digest`, under these settings, in the
    language in use (a stored report is the very text written, in that run's words)."""
    digest = hashlib.blake2b(tool_digest(), digest_size=20)
    digest.update(f"{kind}\0{language()}\0{settings!r}\n".encode() + files)
    return digest.hexdigest()


class Store:
    """The cache folder of one ROOT."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR

    def _entry(self, kind: str, key: str, suffix: str) -> Path:
        return self.folder / kind / f"{key}{suffix}"

    def get(self, kind: str, key: str) -> Any:
        """The JSON document stored under (kind, key), or None."""
        try:
            with open(self._entry(kind, key, ".json"), encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def put(self, kind: str, key: str, document: Any) -> None:
        self._write(kind, key, {".json": json.dumps(document, ensure_ascii=False).encode("utf-8")})

    def open_text(self, kind: str, key: str) -> tuple[IO[bytes], Any] | None:
        """A stored text, open for reading, and the JSON record beside it; or None.

        Open, not named: a run that copies several texts opens them all first, so that a concurrent run
        pruning one cannot make it vanish after the others were already copied out.
        """
        record = self.get(kind, key)
        if record is None:
            return None
        try:
            return open(self._entry(kind, key, ".txt"), "rb"), record  # noqa: SIM115 (the caller closes it)
        except OSError:
            return None

    def text_sink(self, kind: str, key: str) -> TextSink:
        """Somewhere to write a final text as it is made; `commit(record)` files it under (kind, key)."""
        return TextSink(self, kind, key)

    def _write(self, kind: str, key: str, files: Mapping[str, bytes]) -> None:
        try:
            folder = self.folder / kind
            folder.mkdir(parents=True, exist_ok=True)
            _mark_ignorable(self.folder)
            for suffix, data in files.items():
                write_atomically(self._entry(kind, key, suffix), data)
            self._prune(folder)
        except OSError:
            return

    @staticmethod
    def _prune(folder: Path, suffix: str = ".json", keep: int = KEPT_ENTRIES) -> None:
        def newest_first(path: Path) -> int:
            try:
                return -path.stat().st_mtime_ns
            except OSError:  # pruned by a concurrent run meanwhile
                return 0

        for stale in sorted(folder.glob(f"*{suffix}"), key=newest_first)[keep:]:
            stale.unlink(missing_ok=True)
            if suffix == ".json":
                stale.with_suffix(".txt").unlink(missing_ok=True)

    def get_blob(self, kind: str, key: str) -> bytes | None:
        """The bytes stored under (kind, key) by `put_blobs`, or None: missing, or not what was stored (each
        blob is kept behind a digest of itself, so a truncated or damaged entry is a miss)."""
        try:
            data = self._entry(kind, key, BLOB_SUFFIX).read_bytes()
        except OSError:
            return None
        check, body = data[:BLOB_DIGEST_SIZE], data[BLOB_DIGEST_SIZE:]
        if len(check) != BLOB_DIGEST_SIZE or hashlib.blake2b(body, digest_size=BLOB_DIGEST_SIZE).digest() != check:
            return None
        return body

    def put_blobs(self, kind: str, blobs: Mapping[str, bytes], keep: int) -> None:
        """Store many blobs of one kind at once (each atomically), then keep only the `keep` newest of the
        kind: a kind of many entries (a diagram per process) is pruned once, not once per entry."""
        try:
            folder = self.folder / kind
            folder.mkdir(parents=True, exist_ok=True)
            _mark_ignorable(self.folder)
            for key, data in blobs.items():
                check = hashlib.blake2b(data, digest_size=BLOB_DIGEST_SIZE).digest()
                write_atomically(self._entry(kind, key, BLOB_SUFFIX), check + data)
            self._prune(folder, BLOB_SUFFIX, max(keep, KEPT_ENTRIES))
        except OSError:
            return

    def touch(self, kind: str, keys: Sequence[str]) -> None:
        """Mark entries as used now, so that pruning keeps them before entries nobody used lately."""
        for key in keys:
            try:
                os.utime(self._entry(kind, key, BLOB_SUFFIX))
            except OSError:
                continue

    @property
    def index_file(self) -> Path:
        return self.folder / "stat-index"


class TextSink:
    """A report's text on its way into the store: an `AtomicFile` in the kind's folder, put in place with
    its record when complete (the record last, so a half-written pair is a miss). A folder that cannot be
    written makes a sink that keeps nothing: the cache never fails a run."""

    def __init__(self, store: Store, kind: str, key: str) -> None:
        self.store, self.kind, self.key = store, kind, key
        self.file: AtomicFile | None = None
        try:
            folder = store.folder / kind
            folder.mkdir(parents=True, exist_ok=True)
            _mark_ignorable(store.folder)
            self.file = AtomicFile(store._entry(kind, key, ".txt"), mode=0o644)
        except OSError:
            self.file = None

    def write(self, data: bytes) -> None:
        if self.file is not None:
            try:
                self.file.write(data)
            except OSError:
                self.discard()

    def commit(self, record: Any) -> None:
        if self.file is None:
            return
        file, self.file = self.file, None
        try:
            file.commit()
        except OSError:
            return
        self.store._write(self.kind, self.key, {".json": json.dumps(record).encode("utf-8")})

    def discard(self) -> None:
        if self.file is not None:
            file, self.file = self.file, None
            file.discard()


def copy_text(source: IO[bytes], out: IO[bytes]) -> None:
    """Copy an opened stored text to `out` as it is (the caller closes it)."""
    shutil.copyfileobj(source, out, 1 << 20)


def _mark_ignorable(folder: Path) -> None:
    """Git ignores the folder without the user's help, and backup tools skip it (CACHEDIR.TAG)."""
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        write_atomically(gitignore, "# created by svcmap: its cache\n*\n")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        write_atomically(tag, "Signature: 8a477f597d28d172789f06886806bc55\n# svcmap cache\n")
