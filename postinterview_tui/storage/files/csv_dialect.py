"""Which character separates a spreadsheet's columns: comma, semicolon or tab.

Spreadsheets save "CSV" with the separator of the user's locale: a comma in English, a
semicolon wherever the comma is the decimal mark (Excel in much of Europe), a tab for "text".
"""

from __future__ import annotations

import csv

DELIMITERS = "\t;,"
"""The separators a spreadsheet writes, the least likely to appear inside text first."""

SAMPLE_LINES = 50
"""How many lines :class:`csv.Sniffer` looks at: enough to see which separator every row shares."""


def csv_delimiter(text: str) -> str:
    """The separator of ``text``'s columns.

    :class:`csv.Sniffer` says which separators every row of the opening lines uses alike (a
    comma in a note or a title is not); of those, the one that splits the header into the most
    columns wins, and on a tie the one least likely inside text (tab, then semicolon). When the
    rows disagree (some leave trailing cells out) the header line alone decides; when nothing
    does (one column) it is a comma.
    """
    lines = text.splitlines()
    if not lines:
        return ","
    for sample in ("\n".join(lines[:SAMPLE_LINES]), lines[0]):
        found = [delimiter for delimiter in DELIMITERS if _sniffs(sample, delimiter)]
        if found:
            return max(found, key=lambda delimiter: _columns(lines[0], delimiter))
    return ","


def _sniffs(sample: str, delimiter: str) -> bool:
    """True when :class:`csv.Sniffer` reads ``sample`` as separated by ``delimiter``."""
    try:
        csv.Sniffer().sniff(sample, delimiters=delimiter)
    except csv.Error:
        return False
    return True


def _columns(header: str, delimiter: str) -> int:
    return len(next(csv.reader([header], "excel", delimiter=delimiter)))
