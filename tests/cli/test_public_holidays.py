"""``rules.holidays``: a country's public holidays are not working days, checked by the one rule,
and the ``holidays`` package is loaded only when the setting is set."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ._support import InProcessCli, SubprocessCli, assert_one_error_line

# NOW_TEXT is Wednesday 25 November 2026; Thanksgiving is Thursday 26 November.
DUE_WITHOUT_HOLIDAYS = "2026-12-02T10:00:00+00:00"
DUE_WITH_THANKSGIVING = "2026-12-03T10:00:00+00:00"


def _thanked_today(cli: InProcessCli) -> int:
    app = cli.add("Acme", "Role", "--interviewed", "yesterday")
    cli.ok("move", str(app), "thanked")
    return app


def test_a_follow_up_due_across_thanksgiving_moves_one_day_for_a_us_user(
    cli: InProcessCli,
) -> None:
    _thanked_today(cli)
    assert cli.listing()[0]["next_due"] == DUE_WITHOUT_HOLIDAYS
    cli.ok("config", "set", "rules.holidays", "us")
    assert cli.ok("config", "get", "rules.holidays").out == "US\n"
    assert cli.listing()[0]["next_due"] == DUE_WITH_THANKSGIVING
    # A German user's Thursday is a working day again.
    cli.ok("config", "set", "rules.holidays", "de-by")
    assert cli.ok("config", "get", "rules.holidays").out == "DE-BY\n"
    assert cli.listing()[0]["next_due"] == DUE_WITHOUT_HOLIDAYS
    cli.ok("config", "set", "rules.holidays", "")
    assert cli.listing()[0]["next_due"] == DUE_WITHOUT_HOLIDAYS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ZZ", "rules.holidays: 'ZZ' is not a country code it knows (like US, DE-BY or GB-SCT)"),
        ("United States", "'United States' is not a country code it knows"),
        ("DE-XX", "rules.holidays: 'XX' is not a subdivision of DE (known: "),
        ("GB-SCOTLAND", "'SCOTLAND' is not a subdivision of GB (known: ENG, NIR, SCT, WLS)"),
    ],
)
def test_an_unknown_country_or_subdivision_is_refused_in_one_line(
    cli: InProcessCli, text: str, expected: str
) -> None:
    _thanked_today(cli)
    before = cli.state()
    message = assert_one_error_line(cli("config", "set", "rules.holidays", text))
    assert expected in message
    assert cli.state() == before


def _import_names(stderr: str) -> set[str]:
    """The modules ``python -X importtime`` reported importing."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def _today_in_a_fresh_process(spawn: SubprocessCli, cli: InProcessCli) -> tuple[Any, set[str]]:
    result = spawn("--db", str(cli.db_path), "today", "--json", python_args=("-X", "importtime"))
    assert result.code == 0, result
    return json.loads(result.out), _import_names(result.err)


def test_today_never_imports_the_holidays_package_when_the_setting_is_empty(
    spawn: SubprocessCli, cli: InProcessCli
) -> None:
    _thanked_today(cli)
    cli.ok("config", "set", "review.window_days", "14")
    agenda, imported = _today_in_a_fresh_process(spawn, cli)
    assert "postinterview_tui.domain.settings" in imported  # the measure sees our modules
    assert not {name for name in imported if name.split(".")[0] == "holidays"}
    assert [item["due"] for item in agenda["items"]] == [DUE_WITHOUT_HOLIDAYS]


def test_today_honours_the_holidays_setting_in_a_fresh_process(
    spawn: SubprocessCli, cli: InProcessCli
) -> None:
    _thanked_today(cli)
    cli.ok("config", "set", "review.window_days", "14")
    cli.ok("config", "set", "rules.holidays", "US")
    agenda, imported = _today_in_a_fresh_process(spawn, cli)
    assert "holidays" in imported
    assert [item["due"] for item in agenda["items"]] == [DUE_WITH_THANKSGIVING]
