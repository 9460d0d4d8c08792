"""The review's one rule for where the highlight goes after an action (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.review_cursor import next_place, still_the_same


def test_the_next_row_of_the_same_group_then_the_first_of_the_next() -> None:
    order = ["a1", "a2", "b1", "b2"]  # groups a and b, top to bottom
    assert next_place(order, "a1", {"a2", "b1", "b2"}) == "a2"
    assert next_place(order, "a2", {"a1", "b1", "b2"}) == "b1"
    # The acted row moved on but is still listed (now in another group): never it.
    assert next_place(order, "a1", {"a1", "a2"}) == "a2"
    assert next_place(order, "b2", {"a1", "b1"}) == "b1"  # the last row: the one above
    assert next_place(order, "a1", set()) is None


def test_a_row_is_the_same_only_in_the_same_group_on_the_same_day() -> None:
    import pendulum

    day = pendulum.datetime(2026, 11, 25, 10)
    assert still_the_same(("Due", day), ("Due", day))
    assert not still_the_same(("Due", day), ("Upcoming", day))
    assert not still_the_same(("Due", day), ("Due", day.add(days=7)))
    assert not still_the_same(("Due", day), None)


@given(
    order=st.lists(st.integers(0, 30), unique=True, min_size=1),
    data=st.data(),
)
def test_the_highlight_lands_on_a_shown_row_other_than_the_acted_one(
    order: list[int], data: st.DataObject
) -> None:
    acted = data.draw(st.sampled_from(order))
    shown = data.draw(st.sets(st.integers(0, 30)))
    place = next_place(order, acted, shown)
    if not shown:
        assert place is None
    else:
        assert place in shown
        others = [key for key in order if key in shown and key != acted]
        if others:
            assert place != acted
            after = [key for key in order[order.index(acted) + 1 :] if key in shown]
            assert place == (after[0] if after else others[-1])
