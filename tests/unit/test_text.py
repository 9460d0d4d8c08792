"""Safe text: terminal controls and direction overrides go, everything people write stays."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.text import safe_line, safe_text, shorten

from ._support import PROPERTY

C0_EXCEPT_TAB_NEWLINE = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
MARKS = ["\u200e", "\u200f", "\u061c"]  # LRM, RLM, ALM
UNSAFE = frozenset(C0_EXCEPT_TAB_NEWLINE + ["\x7f"] + C1 + BIDI + MARKS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("\x1b[31mred\x1b[0m", "[31mred[0m", id="esc-sgr"),
        pytest.param("\x1b]0;pwned\x07title", "]0;pwnedtitle", id="osc-title-bel"),
        pytest.param("\x9b31mcsi", "31mcsi", id="c1-csi"),
        pytest.param("a\x07b\x08c", "abc", id="bel-backspace"),
        pytest.param("a\x00b", "ab", id="nul"),
        pytest.param("a\x7fb", "ab", id="del"),
        pytest.param("a\rb", "ab", id="carriage-return"),
        pytest.param("a\x0bb\x0cc", "abc", id="vt-ff"),
        pytest.param("a\x85b", "ab", id="c1-nel"),
        pytest.param("tab\tkeep\nnewline", "tab\tkeep\nnewline", id="tab-newline-kept"),
        pytest.param("\u202eevil.exe", "evil.exe", id="rlo"),
        pytest.param("\u2066isolated\u2069", "isolated", id="isolate"),
        pytest.param("\u202aembed\u202c", "embed", id="embedding"),
        pytest.param("a\u200eb\u200fc\u061cd", "abcd", id="direction-marks"),
        pytest.param("a\ud800b", "a\ufffdb", id="lone-surrogate-replaced"),
        # kept literally
        pytest.param("[bold]not markup[/bold]", "[bold]not markup[/bold]", id="markup-like"),
        pytest.param("[red]x[/]", "[red]x[/]", id="markup-short"),
        pytest.param("👩\u200d💻 café", "👩\u200d💻 café", id="zwj-emoji"),
        pytest.param("🇩🇪 👍🏽 ❤️", "🇩🇪 👍🏽 ❤️", id="flags-skin-tone-vs16"),
        pytest.param("e\u0301 a\u0308", "e\u0301 a\u0308", id="combining"),
        pytest.param("日本語 עברית العربية", "日本語 עברית العربية", id="scripts"),
        pytest.param("Zoë\u00a0Ng", "Zoë\u00a0Ng", id="nbsp-is-not-c1"),
        pytest.param("007", "007", id="digits"),
        pytest.param("", "", id="empty"),
    ],
)
def test_safe_text(text: str, expected: str) -> None:
    assert safe_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a\nb", "a b", id="newline"),
        pytest.param("a\r\nb", "a b", id="crlf"),
        pytest.param("a\n\n\nb", "a b", id="blank-lines"),
        pytest.param("a\t\tb", "a b", id="tabs"),
        pytest.param("a\u2028b\u2029c", "a b c", id="unicode-separators"),
        pytest.param("  padded \n", "padded", id="strip"),
        pytest.param("\x1b[2J\nclear", "[2J clear", id="esc-then-newline"),
        pytest.param("\n\x01\n", "", id="only-controls"),
        pytest.param("[b]Acme[/b] 👩\u200d💻", "[b]Acme[/b] 👩\u200d💻", id="kept"),
    ],
)
def test_safe_line(text: str, expected: str) -> None:
    assert safe_line(text) == expected


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("hello", 10, "hello"),
        ("hello", 5, "hello"),
        ("hello", 4, "hel…"),
        ("hello", 2, "h…"),
        ("hello", 1, "…"),
        ("hello", 0, ""),
        ("hello", -3, ""),
        ("", 3, ""),
    ],
)
def test_shorten(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected


# --- properties ----------------------------------------------------------------------------------

# Any text at all, with the dangerous characters made common.
any_text = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.sampled_from(sorted(UNSAFE) + ["\t", "\n", "\r", "\u2028", "\u2029", " "]),
    ),
    max_size=60,
)


@PROPERTY
@given(text=any_text)
def test_property_safe_line_leaves_no_control_or_override_characters(text: str) -> None:
    line = safe_line(text)
    assert not (set(line) & UNSAFE)
    assert "\t" not in line and "\n" not in line
    assert "\u2028" not in line and "\u2029" not in line
    assert line == line.strip()


@PROPERTY
@given(text=any_text)
def test_property_safe_text_and_safe_line_are_idempotent(text: str) -> None:
    assert safe_text(safe_text(text)) == safe_text(text)
    assert safe_line(safe_line(text)) == safe_line(text)


@PROPERTY
@given(text=any_text)
def test_property_safe_text_removes_only_unsafe_characters_and_replaces_surrogates(
    text: str,
) -> None:
    expected = "".join(
        "\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text if char not in UNSAFE
    )
    assert safe_text(text) == expected


@PROPERTY
@given(text=st.text(max_size=40), width=st.integers(min_value=-2, max_value=50))
def test_property_shorten_fits_and_keeps_a_prefix(text: str, width: int) -> None:
    result = shorten(text, width)
    assert len(result) <= max(width, 0)
    if len(text) <= width:
        assert result == text
    elif width > 0:
        assert result.endswith("…")
        assert text.startswith(result[:-1])
