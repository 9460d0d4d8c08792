"""The separator of a spreadsheet's columns, found by csv.Sniffer with a fallback."""

from __future__ import annotations

import pytest

from postinterview_tui.storage.files.csv_dialect import csv_delimiter
from postinterview_tui.storage.files.importing import looks_like_csv

COMMENTS = "Comments (who, what, when, where)"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        pytest.param("company,role,interview date\nAcme,Engineer,2026-11-02\n", ",", id="comma"),
        pytest.param(
            f"Company;Role;Interview date;{COMMENTS}\n"
            "Acme;Engineer;2026-11-02;Ana, Bo and Cy\n"
            'Beta;Dev;2026-11-03;"2,5 h; a panel, then lunch"\n',
            ";",
            id="semicolon-as-excel-writes-it-in-europe",
        ),
        pytest.param(
            f"Company\tRole\tInterview date\t{COMMENTS}\nAcme\tEngineer\t2026-11-02\ta, b; c\n",
            "\t",
            id="tab",
        ),
        pytest.param(
            'company,role,interview date,notes\nAcme,Dev,2026-11-02,"a; b; c; d"\n'
            'Beta,Dev,2026-11-03,"x;y;z;w"\n',
            ",",
            id="comma-with-semicolons-in-quoted-notes",
        ),
        pytest.param(
            "Company;Role;Interview date;Notes\nAcme;Dev;2026-11-02\nBeta;Dev;2026-11-03;x,y\n"
            "Cyan;Dev;2026-11-04\n",
            ";",
            id="ragged-rows-fall-back-to-the-header",
        ),
        pytest.param("company\nAcme\n", ",", id="one-column-falls-back-to-comma"),
        pytest.param("", ",", id="empty"),
    ],
)
def test_the_separator_is_found(text: str, delimiter: str) -> None:
    assert csv_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Company;Role;Interview date\nAcme;Dev;2026-11-02\n", True),
        ("Company\tRole\nAcme\tDev\n", True),
        ('{"format": "postinterview", ', False),
        ("just some words\n", False),
        ("", False),
    ],
)
def test_a_file_that_is_not_json_is_recognised_as_csv(text: str, expected: bool) -> None:
    assert looks_like_csv(text) is expected
