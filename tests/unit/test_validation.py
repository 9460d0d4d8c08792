"""Checking typed fields: what is refused, and that accepted text is stored exactly as typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.records import Contact
from postinterview_tui.domain.validation import (
    FIELD_LIMITS,
    SINGLE_LINE_FIELDS,
    FieldError,
    clean_field,
    parse_contact,
)

from ._support import PROPERTY


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        pytest.param("company", "Acme", "Acme", id="plain"),
        pytest.param("company", "  Acme GmbH  ", "Acme GmbH", id="one-line-trimmed"),
        pytest.param("role", "007", "007", id="leading-zeros"),
        pytest.param("company", "0042", "0042", id="zeros-not-a-number"),
        pytest.param("company", "1e3", "1e3", id="not-a-float"),
        pytest.param("company", "True", "True", id="not-a-bool"),
        pytest.param("company", "null", "null", id="not-null"),
        pytest.param("company", "[bold]Acme[/bold]", "[bold]Acme[/bold]", id="markup-literal"),
        pytest.param("company", "Zoë & Co. 👩\u200d💻", "Zoë & Co. 👩\u200d💻", id="unicode"),
        pytest.param("role", "Entwickler\u0301in", "Entwickler\u0301in", id="combining"),
        pytest.param("company", "'; DROP TABLE x; --", "'; DROP TABLE x; --", id="sql-literal"),
        pytest.param("company", "a" * 200, "a" * 200, id="company-at-limit"),
        pytest.param("company", " " + "a" * 200 + " ", "a" * 200, id="limit-after-trim"),
        pytest.param("link", "https://x.example/" + "a" * 1982, None, id="link-at-limit"),
        pytest.param("location", "", "", id="optional-empty"),
        pytest.param("location", "   ", "", id="optional-blank"),
        pytest.param("notes", "  line 1\nline 2\r\n  ", "  line 1\nline 2\r\n  ", id="notes-exact"),
        pytest.param("notes", "x" * 20000, "x" * 20000, id="notes-at-limit"),
        pytest.param("notes", "", "", id="notes-empty"),
        pytest.param("whatever", "y" * 20000, "y" * 20000, id="unknown-field-text-limit"),
    ],
)
def test_clean_field_accepts(field: str, value: str, expected: str | None) -> None:
    assert clean_field(field, value) == (value if expected is None else expected)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        pytest.param("company", "", "is required", id="company-empty"),
        pytest.param("role", "", "is required", id="role-empty"),
        pytest.param("company", "    ", "is required", id="spaces"),
        pytest.param("role", "\t \u3000\u00a0", "is required", id="unicode-whitespace"),
        pytest.param("company", "a" * 201, "too long (201 characters; at most 200)", id="company"),
        pytest.param("role", "r" * 201, "at most 200", id="role"),
        pytest.param("location", "l" * 201, "at most 200", id="location"),
        pytest.param("recruiter", "r" * 301, "at most 300", id="recruiter"),
        pytest.param("interviewer", "i" * 301, "at most 300", id="interviewer"),
        pytest.param("link", "h" * 2001, "at most 2000", id="link"),
        pytest.param("notes", "n" * 20001, "at most 20000", id="notes"),
        pytest.param("company", "Ac\x00me", "NUL", id="nul-one-line"),
        pytest.param("notes", "x\x00", "NUL", id="nul-notes"),
        pytest.param("company", "\ud800", "surrogate", id="lone-high-surrogate"),
        pytest.param("notes", "a\udfffb", "surrogate", id="lone-low-surrogate"),
        pytest.param("company", "Acme\nCorp", "single line", id="newline"),
        pytest.param("role", "a\rb", "single line", id="carriage-return"),
        pytest.param("location", "x\r\ny", "single line", id="crlf"),
        pytest.param("company", "Acme\n", "single line", id="trailing-newline"),
        pytest.param("link", "https://x\n", "single line", id="link"),
        pytest.param("interviewer", "Ann\nBo", "single line", id="interviewer"),
    ],
)
def test_clean_field_refuses(field: str, value: str, fragment: str) -> None:
    with pytest.raises(FieldError) as caught:
        clean_field(field, value)
    assert caught.value.field == field
    assert fragment in caught.value.message
    assert str(caught.value) == f"{field}: {caught.value.message}"
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_one_line_fields_refuse_every_line_break(separator: str) -> None:
    with pytest.raises(FieldError, match="single line"):
        clean_field("company", f"Acme{separator}Corp")


# --- contacts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe <jane@example.com>", Contact("Jane Doe", "jane@example.com")),
        ("  Jane Doe   <  jane@example.com >  ", Contact("Jane Doe", "jane@example.com")),
        ("<jane@example.com>", Contact("", "jane@example.com")),
        ("jane@example.com", Contact("", "jane@example.com")),
        ("Jane Doe", Contact("Jane Doe", "")),
        (
            "Zoë Ng (Talent) <zoe+jobs@example.co.uk>",
            Contact("Zoë Ng (Talent)", "zoe+jobs@example.co.uk"),
        ),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_contact(text: str, expected: Contact | None) -> None:
    assert parse_contact("recruiter", text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Jane <not-an-email>", "does not look like an e-mail"),
        ("Jane <a@b@c>", "does not look like an e-mail"),
        ("Jane <jane@example.com> extra", "Name <address>"),
        ("Jane <jane@example.com", "Name <address>"),
        ("Jane > Joe", "Name <address>"),
        ("Jane\nDoe", "single line"),
        ("x" * 301, "too long"),
    ],
)
def test_parse_contact_refuses(text: str, fragment: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_contact("recruiter", text)
    assert caught.value.field == "recruiter"
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (Contact("Jane Doe", "jane@example.com"), "Jane Doe <jane@example.com>"),
        (Contact("Jane Doe"), "Jane Doe"),
        (Contact("", "jane@example.com"), "jane@example.com"),
        (Contact(""), ""),
    ],
)
def test_contact_formatted_round_trips(contact: Contact, expected: str) -> None:
    assert contact.formatted() == expected
    assert parse_contact("recruiter", expected) == (contact if expected else None)


# --- properties ----------------------------------------------------------------------------------

storable = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=80
)


@PROPERTY
@given(text=storable)
def test_property_multi_line_fields_store_text_exactly(text: str) -> None:
    assert clean_field("notes", text) == text


@PROPERTY
@given(text=storable, field=st.sampled_from(sorted(SINGLE_LINE_FIELDS)))
def test_property_one_line_fields_trim_and_are_idempotent(text: str, field: str) -> None:
    try:
        cleaned = clean_field(field, text)
    except FieldError as error:
        assert error.field == field
        assert (
            len(text.splitlines()) > 1
            or "\n" in text
            or "\r" in text
            or not text.strip()
            or len(text.strip()) > FIELD_LIMITS[field]
        )
        return
    assert len(text.splitlines()) <= 1 and "\n" not in text and "\r" not in text
    assert cleaned == text.strip()
    assert clean_field(field, cleaned) == cleaned


@PROPERTY
@given(digits=st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_property_digit_strings_are_not_numbers(digits: str) -> None:
    assert clean_field("company", digits) == digits
    assert clean_field("role", digits) == digits
