"""Use the second core: map a function over items, some of them in a forked child process.

Reading a catalog is CPU-bound Python, so threads do not help. A forked child needs no start-up and
no pickled arguments — it already holds the function and the items — and sends back only its
pickled results. Pickling is the price, so the caller gives the child the items whose results are
cheap to send. Where fork is not available, the machine has one core, or there is too little work
to pay for a process, everything runs here; a child that fails for any reason is not an error
either: its share is then computed here as well.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200
"""Below this many items for the child a second process costs more than it saves."""


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


def map_forked(
    function: Callable[[Item], Result], items: Sequence[Item], in_child: Callable[[Item], bool]
) -> list[Result]:
    """`[function(item) for item in items]`, the items `in_child` picks computed in a forked child."""
    theirs_at = [index for index, item in enumerate(items) if in_child(item)]
    if len(theirs_at) < MIN_ITEMS or len(theirs_at) == len(items) or not can_fork():
        return [function(item) for item in items]
    chosen = set(theirs_at)
    mine_at = [index for index in range(len(items)) if index not in chosen]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's clean-up
        os.close(read_end)
        status = 0
        try:
            payload = pickle.dumps([function(items[index]) for index in theirs_at], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(payload)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_end)
    mine = [function(items[index]) for index in mine_at]
    with os.fdopen(read_end, "rb") as stream:
        payload = stream.read()
    _, status = os.waitpid(pid, 0)
    try:
        theirs: list[Result] = pickle.loads(payload) if status == 0 else []
    except (pickle.UnpicklingError, EOFError, ValueError):
        theirs = []
    if len(theirs) != len(theirs_at):
        theirs = [function(items[index]) for index in theirs_at]
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for index, result in zip(theirs_at, theirs):
        results[index] = result
    for index, result in zip(mine_at, mine):
        results[index] = result
    return results
