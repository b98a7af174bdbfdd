"""Plain data kept as bytes until it is read: marshalled, and deflated only where memory is what counts.

The loader keeps each process's step facts, and the engine each file's findings, as one bytes object
(no object per step or finding). Deflating halves to fifths them, which a region's catalog needs to stay
within its memory (at 100,000 processes, some 150 MB less at the peak), but on small inputs zlib's set-up
per call makes it slow: at 2,000 processes it cost 0.25 s of CPU, a tenth of a whole `validate`, to save
5 MB nobody was short of. So the loader deflates from `DEFLATE_FROM_FILES` files on, and `loads` reads
either form, because the first byte tells them apart.
"""

from __future__ import annotations

import marshal
import zlib
from typing import Any

DEFLATE_FROM_FILES = 20_000
"""Catalogs of this many files and more keep their packed data deflated (measured: below it deflating
costs more time than the memory it saves is worth; above it the memory decides)."""

_ZLIB_HEADER = 0x78
"""The first byte of every zlib stream at the default window size. Marshal starts a value with 'x'
only for a complex number in its version-0 format, which `marshal.dumps` (version 4) never writes,
so a marshalled value never starts with it."""


def dumps(value: Any, deflate: bool) -> bytes:
    """`value` (plain data that marshal can write) as bytes; deflated at zlib's fastest level if asked."""
    data = marshal.dumps(value)
    return zlib.compress(data, 1) if deflate else data


def loads(blob: bytes) -> Any:
    """The value of `dumps`'s bytes, deflated or not."""
    return marshal.loads(zlib.decompress(blob) if blob[0] == _ZLIB_HEADER else blob)
