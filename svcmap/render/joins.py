"""Where flows merge, and how: the steps more than one flow enters, each with the kind of gateway it needs.

A catalog lets several steps lead to one step (a rework loop back, two branches that meet again); BPMN
reads a task with several incoming flows as a "fake join" (bpmnlint's `fake-join`), so the export puts a
joining gateway before it. Its kind says what the merge means: `parallel` where the flows are the
branches of one fan-out that each run straight to the step (every branch is done, so the step waits for
all of them), `exclusive` everywhere else (one of the flows arrives: a decision's branches meeting again,
or a loop coming back). The parallel case is kept narrow on purpose: a parallel join that some branch can
never reach would wait for ever, while an exclusive join is never wrong about whether work goes on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def merges(
    targets: Mapping[str, Sequence[str]], start: str | None, layer: Mapping[str, int], parallel: set[str]
) -> dict[str, str]:
    """Step id → `exclusive` or `parallel`, for every step that more than one flow enters.

    `targets` are each step's successors; the start step's start event counts as a flow into it; `layer`
    is each step's column (a flow to the same or an earlier column is a loop); `parallel` are the steps
    whose successors are a fan-out.
    """
    sources: dict[str, list[str]] = {step: [] for step in targets}
    for source, successors in targets.items():
        for target in successors:
            sources.setdefault(target, []).append(source)
    found: dict[str, str] = {}
    for step, incoming in sources.items():
        count = len(incoming) + (1 if step == start else 0)
        if count < 2:
            continue
        together = _branches_of_one_fan_out(step, incoming, start, targets, sources, layer, parallel)
        found[step] = "parallel" if together else "exclusive"
    return found


def _branches_of_one_fan_out(
    step: str,
    incoming: Sequence[str],
    start: str | None,
    targets: Mapping[str, Sequence[str]],
    sources: Mapping[str, Sequence[str]],
    layer: Mapping[str, int],
    parallel: set[str],
) -> bool:
    """Every flow into `step` ends a distinct branch of the same fan-out, each branch a plain chain of steps."""
    if step == start or any(layer[source] >= layer[step] for source in incoming):
        return False
    origins = [_branch(source, step, targets, sources, parallel) for source in incoming]
    if any(origin is None for origin in origins):
        return False
    fan_outs = {origin[0] for origin in origins if origin}
    branches = {origin[1] for origin in origins if origin}
    return len(fan_outs) == 1 and len(branches) == len(origins)


def _branch(
    source: str,
    step: str,
    targets: Mapping[str, Sequence[str]],
    sources: Mapping[str, Sequence[str]],
    parallel: set[str],
) -> tuple[str, str] | None:
    """(fan-out step, first step of the branch) for the chain that ends in source→step, if it is one."""
    target = step
    seen: set[str] = set()
    while source not in seen:
        seen.add(source)
        if source in parallel:
            return (source, target)
        if len(targets[source]) != 1 or len(sources.get(source, ())) != 1:
            return None
        source, target = sources[source][0], source
    return None
