"""A spreadsheet saved as CSV imports whatever separator its locale uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import InProcessCli

COMMENTS = "Comments (who, what, when, where, why)"


@pytest.mark.parametrize(
    "text",
    [
        f'Company,Role,Interview date,Notes\nAcme,Engineer,2026-11-02,"{COMMENTS}"\n',
        # Excel in a German or French locale: semicolons, and commas in the text and numbers.
        f"Company;Role;Interview date;Notes;{COMMENTS}\n"
        'Acme;Engineer;2026-11-02;"2,5 h; panel";Ana, Bo, Cy\n',
        f"Company\tRole\tInterview date\tNotes\t{COMMENTS}\n"
        "Acme\tEngineer\t2026-11-02\t2,5 h; panel\tAna, Bo, Cy\n",
    ],
    ids=["comma", "semicolon", "tab"],
)
def test_a_spreadsheet_imports_with_its_own_separator(
    cli: InProcessCli, tmp_path: Path, text: str
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(text, encoding="utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    assert cli.ok("import", "--csv", str(sheet)).out == "Imported 1 application (#1)\n"
    (row,) = cli.listing()
    assert (row["company"], row["role"]) == ("Acme", "Engineer")
    notes = cli.json("show", "1")["notes"]
    assert notes in (COMMENTS, "2,5 h; panel")
