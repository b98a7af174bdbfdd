"""LPDC's HTML → plain text, and the latest snapshot of an instance; hypothesis for any text an editor typed."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from svcmap.imports.lpdc import DraftProduct, latest, plain_text
from svcmap.text import one_line


@given(st.text())
def test_escaped_text_in_a_paragraph_comes_back_as_itself(text: str) -> None:
    assert plain_text(f"<p>{html.escape(text)}</p>") == one_line(text)


def test_blocks_are_separated_and_tags_dropped() -> None:
    assert plain_text("<p>Een</p><ul><li>twee</li><li><strong>drie</strong></li></ul>") == "Een twee drie"


def test_of_several_snapshots_the_latest_wins_and_the_order_of_instances_is_kept() -> None:
    def snapshot(instance: str, time: str) -> DraftProduct:
        return DraftProduct(instance, "instance snapshot", f"{instance} {time}", time, archived=False)

    drafts = [snapshot("a", "2024-02-20"), snapshot("b", "2024-01-01"), snapshot("a", "2024-02-18")]
    assert [draft.name for draft in latest(drafts)] == ["a 2024-02-20", "b 2024-01-01"]
