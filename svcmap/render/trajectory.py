"""A life event's trajectory as one diagram: every product's process one after the other, in shared lanes.

Not a diagram format of its own: the trajectory becomes one `Chain` (svcmap.render.layout), a process of
every product's steps, which every format then draws as it draws any process — lanes per unit shared by
all the products, the front office above the line of visibility across all of them, handoffs marked.
Step ids are namespaced with their product's id (`adreswijziging--aangifte`: a catalog id never holds
`--`, so no two can meet), each product keeps the columns of its own process, and its delivered ends
lead on to the next product's start: those passages are drawn as their own kind of flow. A refusal
(or any other end that is not delivered) stays an end where the trajectory stops.
"""

from __future__ import annotations

from svcmap.analysis.figures import ProcessFigures
from svcmap.analysis.graph import layers
from svcmap.analysis.trajectory import Leg, Trajectory
from svcmap.catalog.model import Process, Ref, Step, Target
from svcmap.i18n import _, ngettext
from svcmap.render.layout import Chain, Part

SEPARATOR = "--"


def step_id(leg: Leg, step: str) -> str:
    """A step's id in the joined process: its product's id, `--`, its own id."""
    return f"{leg.product_id}{SEPARATOR}{step}"


def chain_of(trajectory: Trajectory) -> Chain:
    """The joined process of the trajectory's products that have one (at least one must), each product's
    columns kept."""
    drawn = trajectory.drawn
    if not drawn:
        raise ValueError(f"life event {trajectory.id!r}: none of its products has a process to draw")
    steps: list[Step] = []
    layer: dict[str, int] = {}
    part_of: dict[str, int] = {}
    passages: set[tuple[str, str]] = set()
    parts: list[Part] = []
    offset = 0
    for index, leg in enumerate(drawn):
        process = leg.process
        assert process is not None
        own = layers(process)
        columns = max(own.values(), default=0) + 1
        onward = step_id(drawn[index + 1], _start(drawn[index + 1])) if index + 1 < len(drawn) else None
        exits = set(_exits(process, own)) if onward else set()
        for step in process.step_by_id.values():
            name = step_id(leg, step.id)
            targets = tuple(target._replace(to=step_id(leg, target.to)) for target in step.targets)
            if step.id in exits and onward is not None:
                targets += (Target(onward, None, step.location),)
                passages.add((name, onward))
            steps.append(step._replace(id=name, targets=targets))
            layer[name] = offset + own[step.id]
            part_of[name] = leg.position
        parts.append(Part(leg.position, leg.product_id, leg.name, _detail(leg), (offset, offset + columns - 1)))
        offset += columns
    first = drawn[0].process
    assert first is not None
    start = Ref(step_id(drawn[0], first.start_id), first.location)
    joined = Process(trajectory.id, trajectory.name, start, tuple(steps), first.location)
    return Chain(joined, layer, part_of, frozenset(passages), tuple(parts), _figures(trajectory), _subtitle(trajectory))


def _start(leg: Leg) -> str:
    assert leg.process is not None
    return leg.process.start_id


def _exits(process: Process, layer: dict[str, int]) -> list[str]:
    """Where a product's process leads on to the next product: its delivered ends; where it has none, every
    end; where it has no end at all (nothing but loops), the steps of its last column."""
    ends = [step for step in process.step_by_id.values() if step.is_end]
    delivered = [step.id for step in ends if step.outcome in (None, "delivered")]
    if delivered or ends:
        return delivered or [step.id for step in ends]
    last = max(layer.values(), default=0)
    return [step_id for step_id, column in layer.items() if column == last]


def _figures(trajectory: Trajectory) -> ProcessFigures:
    """The figures the title states: the life event's (analyze's), with steps and the rest summed."""
    each = [leg.figures for leg in trajectory.drawn if leg.figures is not None]
    total = trajectory.figures

    def summed(name: str) -> int:
        return sum(getattr(figures, name) for figures in each)

    return ProcessFigures(
        id=trajectory.id,
        steps=summed("steps"),
        units=total.units,
        handoffs=total.handoffs,
        silo_handoffs=total.silo_handoffs,
        external_handoffs=summed("external_handoffs"),
        visibility_crossings=summed("visibility_crossings"),
        ping_pongs=summed("ping_pongs"),
        contact_moments=total.contact_moments,
        repeated_asks=total.repeated_asks,
        front_steps=summed("front_steps"),
        back_steps=summed("back_steps"),
    )


def _detail(leg: Leg) -> str:
    """Under a product's caption: its promised lead time and its channels."""
    words = []
    if leg.lead_time_days is not None:
        words.append(ngettext("{count} day", "{count} days", leg.lead_time_days).format(count=leg.lead_time_days))
    if leg.channels:
        words.append(", ".join(leg.channels))
    return " · ".join(words)


def _subtitle(trajectory: Trajectory) -> str:
    """`life event verhuizen: 3 products, 49 days promised in all`, and the products not drawn."""
    count, days = len(trajectory.legs), trajectory.lead_time_days
    text = ngettext(
        "life event {id}: {count} product, {days} promised in all",
        "life event {id}: {count} products, {days} promised in all",
        count,
    ).format(id=trajectory.id, count=count, days=ngettext("{count} day", "{count} days", days).format(count=days))
    missing = [leg.name for leg in trajectory.legs if leg.process is None]
    if missing:
        text += " · " + _("not drawn, without a process: {products}").format(products=", ".join(missing))
    return text
