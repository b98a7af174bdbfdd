"""Use every core: map a function over a catalog's files, part of them in forked worker processes.

Reading a catalog is CPU-bound Python, so threads do not help. A forked child needs no start-up and
no pickled arguments — it already holds the function, the organisation and the file list — and sends
back only its results, which the loader keeps small (compact facts, findings): they are `marshal`led
(3× faster than pickle for tuples of strings, and it keeps interned ids interned) and streamed in
chunks, so neither side holds a second copy of everything. The parent works through its own share
meanwhile; a thread collects the child's bytes so the child never waits on a full pipe.

Where fork is not available, the machine has one core, or there is too little work to pay for a
process, everything runs here; a child that fails for any reason is not an error either: its share is
then computed here as well. The children turn the garbage collector off: they are ours, short-lived,
and build only acyclic data.
"""

from __future__ import annotations

import gc
import marshal
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200
"""Below this many items a second process costs more than it saves."""

CHILD_SHARE = 0.53
"""The child's part of the work: a little over half, because the parent also unpacks what it sends."""

CHUNK = 256
"""Results per message from a child: small enough to stream, large enough to marshal efficiently."""

_LENGTH = struct.Struct("<Q")


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


def split(costs: Sequence[int], share: float) -> list[bool]:
    """Which items go to the child: walking the items in order, each goes to whichever side is further
    behind its share of the cost so far, so both get a fair mix of small and large files."""
    to_child: list[bool] = []
    child = parent = 0
    for cost in costs:
        if child * (1 - share) <= parent * share:
            child += cost
            to_child.append(True)
        else:
            parent += cost
            to_child.append(False)
    if not any(to_child) or all(to_child):
        return [False] * len(costs)
    return to_child


def map_files(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    costs: Sequence[int] | None = None,
    child_share: float = CHILD_SHARE,
) -> list[Result]:
    """`[function(item) for item in items]`, about half of them computed in a forked child;
    `child_share` is the child's part of the costs.

    Results must be plain data that `marshal` can send (tuples, lists, dicts, strings, numbers, bytes).
    """
    if len(items) < MIN_ITEMS or not can_fork():
        return [function(item) for item in items]
    to_child = split(costs if costs is not None else [1] * len(items), child_share)
    if not any(to_child):
        return [function(item) for item in items]
    return _shared(function, items, to_child, marshal.dumps, marshal.loads)


def map_forked(
    function: Callable[[Item], Result], items: Sequence[Item], in_child: Callable[[Item], bool]
) -> list[Result]:
    """`[function(item) for item in items]`, the items `in_child` picks computed in a forked child.

    For results marshal cannot send (fmt's reports): they are pickled back.
    """
    to_child = [bool(in_child(item)) for item in items]
    chosen = sum(to_child)
    if chosen < MIN_ITEMS or chosen == len(items) or not can_fork():
        return [function(item) for item in items]
    return _shared(function, items, to_child, _pickle, pickle.loads)


def _pickle(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _shared(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    to_child: Sequence[bool],
    dumps: Callable[[Any], bytes],
    loads: Callable[[bytes], Any],
) -> list[Result]:
    """The items flagged `to_child` computed in a forked child that streams them back in chunks, coded
    with `dumps`/`loads`; the others here meanwhile. A child that fails is replaced by this process."""
    theirs_at = [index for index, flag in enumerate(to_child) if flag]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's clean-up
        os.close(read_end)
        gc.disable()
        status = 0
        try:
            with os.fdopen(write_end, "wb", buffering=1 << 20) as stream:
                for start in range(0, len(theirs_at), CHUNK):
                    payload = dumps([function(items[index]) for index in theirs_at[start : start + CHUNK]])
                    stream.write(_LENGTH.pack(len(payload)))
                    stream.write(payload)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_end)
    theirs: list[Any] = []
    broken: list[bool] = []
    collector = threading.Thread(target=_receive, args=(read_end, loads, theirs, broken), daemon=True)
    collector.start()
    results: list[Any] = [None] * len(items)
    for index, flag in enumerate(to_child):
        if not flag:
            results[index] = function(items[index])
    collector.join()
    _, status = os.waitpid(pid, 0)
    if status != 0 or broken or len(theirs) != len(theirs_at):
        theirs = [function(items[index]) for index in theirs_at]
    for index, result in zip(theirs_at, theirs):
        results[index] = result
    return results


def _receive(fd: int, loads: Callable[[bytes], Any], into: list[Any], broken: list[bool]) -> None:
    """Read the child's messages as they come and decode each at once: the parent never holds the
    child's whole output as bytes (at 100,000 files, hundreds of megabytes)."""
    with os.fdopen(fd, "rb", buffering=1 << 20) as stream:
        while True:
            head = stream.read(_LENGTH.size)
            if not head:
                return
            try:
                (length,) = _LENGTH.unpack(head)
                payload = stream.read(length)
                if len(payload) != length:
                    raise EOFError
                into.extend(loads(payload))
            except (struct.error, EOFError, ValueError, TypeError, pickle.UnpicklingError):
                broken.append(True)
                stream.read()  # drain, so the child can finish
                return
