"""The board's paged reads (issue 19): a column a page at a time on the board index, the filter as
a condition of the same reads, and the review's "next up" from the due-time index.

The long file is the benchmark's generator (the app's own writes, then copies of them), small
enough to stay quick: 300 applications, 255 of them closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pendulum import DateTime

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.review import next_up
from postinterview_tui.domain.stages import STAGE_ORDER, CloseReason, Stage
from postinterview_tui.storage.board_pages import ColumnPage, column_page, stage_counts
from postinterview_tui.storage.repository import Repository
from tests.benchmarks.datagen import fixed_now, make_database

PAGE = 40


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "long.db"
    make_database(path, 300)
    return path


@pytest.fixture
def long_repo(long_file: Path, tmp_path: Path) -> Iterator[Repository]:
    copy = tmp_path / "long.db"
    copy.write_bytes(long_file.read_bytes())
    _now, zone = fixed_now()
    repository = Repository.open(copy, zone=zone, create=False)
    assert repository is not None
    yield repository
    repository.close()


def _every_page(repository: Repository, stage: Stage, needle: str = "") -> list[ColumnPage]:
    pages = []
    after = None
    while True:
        with repository.transactions.read() as db:
            page = column_page(db, stage, after=after, limit=PAGE, needle=needle)
        pages.append(page)
        if page.next_key is None:
            return pages
        after = page.next_key


def test_the_pages_of_a_column_hold_every_card_once_in_the_board_order(
    long_repo: Repository,
) -> None:
    for stage in STAGE_ORDER:
        pages = _every_page(long_repo, stage)
        ids = [item.id for page in pages for item in page.items]
        expected = [item.id for item in long_repo.summaries(stage=stage)]
        assert ids == expected
        assert all(len(page.items) == PAGE for page in pages[:-1])
        with long_repo.transactions.read() as db:
            assert stage_counts(db)[stage] == len(expected)
    assert len(_every_page(long_repo, Stage.CLOSED)) >= 6  # long enough to mean something


def test_a_card_moved_between_two_pages_is_neither_read_twice_nor_skipped(
    long_repo: Repository,
) -> None:
    now, _zone = fixed_now()
    with long_repo.transactions.read() as db:
        first = column_page(db, Stage.CLOSED, after=None, limit=PAGE)
    assert first.next_key is not None
    later = long_repo.summaries(stage=Stage.CLOSED)[PAGE + 3]
    earlier = first.items[5]
    # Reopened after the first page was read: both now head the Interviewed column.
    for moved in (later, earlier):
        long_repo.move(moved.id, Stage.INTERVIEWED, when=now, now=now, force=True)
    rest = []
    after = first.next_key
    while after is not None:
        with long_repo.transactions.read() as db:
            page = column_page(db, Stage.CLOSED, after=after, limit=PAGE)
        rest.extend(item.id for item in page.items)
        after = page.next_key
    still_closed = [item.id for item in long_repo.summaries(stage=Stage.CLOSED)]
    read = [item.id for item in first.items] + rest
    assert len(read) == len(set(read))
    assert [i for i in read if i != earlier.id] == still_closed
    interviewed = [item.id for item in _every_page(long_repo, Stage.INTERVIEWED)[0].items]
    assert set(interviewed[:2]) == {later.id, earlier.id}


def test_a_page_is_one_seek_along_the_board_index(long_repo: Repository) -> None:
    with long_repo.transactions.read() as db:
        first = column_page(db, Stage.CLOSED, after=None, limit=PAGE)
    seen: list[str] = []
    long_repo.db.set_trace_callback(seen.append)
    try:
        with long_repo.transactions.read() as db:
            column_page(db, Stage.CLOSED, after=first.next_key, limit=PAGE)
    finally:
        long_repo.db.set_trace_callback(None)
    (query,) = [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]
    plan = " | ".join(row[3] for row in long_repo.db.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert "USING INDEX applications_board (stage=? AND updated_at<?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # no sort: the index gives the order


def _add(repo: Repository, now: DateTime, company: str, **extra: object) -> int:
    interview = NewInterview(
        now.subtract(days=2), interviewers=(NewInterviewer("Zoë Brandt", "zoe@example.com"),)
    )
    return repo.add_application(
        NewApplication(company=company, role="Engineer", interview=interview, **extra),  # type: ignore[arg-type]
        now,
    )


def test_the_filter_finds_cards_by_any_of_their_text_folded_as_python_folds_it(
    repo: Repository, now: DateTime
) -> None:
    plain = _add(repo, now, "Plain Co")
    street = _add(repo, now, "GROSSE STRASSE GmbH")
    noted = _add(repo, now, "Quiet Ltd", notes="Met them at the Berlin meetup")
    added = _add(repo, now, "Later Ltd")
    repo.add_note(added, "Asked about the Kölner office", now)
    repo.move(plain, Stage.CLOSED, when=now, now=now, reason=CloseReason.WITHDREW, force=True)

    def found(needle: str) -> set[int]:
        ids: set[int] = set()
        with repo.transactions.read() as db:
            for stage in STAGE_ORDER:
                ids |= {
                    item.id
                    for item in column_page(db, stage, after=None, limit=PAGE, needle=needle).items
                }
        return ids

    assert found("straße") == {street}  # casefold: ß is "ss"; SQLite's LIKE would miss it
    assert found("berlin") == {noted}
    assert found("KÖLNER") == {added}
    assert found("zoë") == {plain, street, noted, added}  # the interviewer of every one
    assert found("nobody") == set()
    with repo.transactions.read() as db:
        page = column_page(db, Stage.CLOSED, after=None, limit=PAGE, needle="plain")
    assert [item.id for item in page.items] == [plain] and page.next_key is None


@pytest.mark.parametrize("days", [-30, 0, 3, 20, 60])
def test_next_up_read_from_the_index_is_what_the_rules_give(
    long_repo: Repository, days: int
) -> None:
    now, zone = fixed_now()
    moment = now.add(days=days)
    settings = long_repo.settings()
    expected = next_up(long_repo.open_summaries(), settings, moment, zone)
    assert long_repo.stored_next_up(moment, settings.window_days) == expected
