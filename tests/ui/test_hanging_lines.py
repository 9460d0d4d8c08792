"""The hanging indent of long timeline lines: every piece fits, the continuation is indented,
no word is lost (hypothesis over widths and texts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from postinterview_tui.tui.widgets.hanging_lines import HangingLines, hang

WORDS = st.lists(st.text(alphabet="abcdefghij<>@.,", min_size=1, max_size=12), max_size=25)


@settings(max_examples=200, deadline=None)
@given(words=WORDS, indent=st.integers(min_value=0, max_value=30), width=st.integers(5, 120))
def test_a_hung_line_fits_keeps_its_words_and_indents_what_follows(
    words: list[str], indent: int, width: int
) -> None:
    text = "  Sat 5 Dec 2026 21:26  " + " ".join(words)
    pieces = hang(Content(text), indent, width)
    assert all(cell_len(piece.plain) <= width for piece in pieces)
    # Nothing lost (a word longer than the width is folded, so compare without the spaces).
    assert "".join(piece.plain for piece in pieces).replace(" ", "") == text.replace(" ", "")
    if width - indent >= 20:
        assert all(piece.plain.startswith(" " * indent) for piece in pieces[1:])


def test_the_visual_counts_its_wrapped_lines_and_reads_unwrapped() -> None:
    long = Content("  Sat 5 Dec 2026 21:26  Reply received — " + "word " * 20)
    visual = HangingLines([(long, 24), (Content("── today ──"), 2)])
    assert visual.get_height({}, 80) == 4  # 8 words, 11 more, the last one, then the marker
    assert str(visual).splitlines()[1] == "── today ──"
