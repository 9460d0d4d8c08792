"""Reads: summaries for the board and the agenda, one application's detail, settings.

The detail records are imported by the method that builds them: ``postinterview today`` reads
only summaries, and must start quickly.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from pendulum import DateTime

from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.settings import (
    KEYS,
    Settings,
    settings_from_texts,
)
from postinterview_tui.domain.stages import (
    AGENDA_STAGES,
    EventKind,
    Stage,
)
from postinterview_tui.storage.agenda_reads import (
    PageMark,
    agenda_page,
    due_tallies,
    tallies_hold,
    window_agenda,
)
from postinterview_tui.storage.dues import dues_of, first_due_after
from postinterview_tui.storage.rows import (
    SUMMARY_COLUMNS,
    event_from_row,
    interview_from_row,
    summary_from_values,
)

if TYPE_CHECKING:
    from postinterview_tui.domain.agenda import AgendaItem
    from postinterview_tui.domain.records import (
        ApplicationDetail,
    )
    from postinterview_tui.domain.rules import ActionItem, DueStatus

from postinterview_tui.storage.unit_of_work import UnitOfWork, dict_rows

_OPEN_STAGES: tuple[str, ...] = tuple(stage.value for stage in AGENDA_STAGES)
"""The stages :meth:`Queries.agenda_summaries` reads (every one but closed: see AGENDA_STAGES)."""


class Queries(UnitOfWork):
    """Every read the app and the command line make of applications and settings."""

    def dues_of(self, application_id: int) -> tuple[ActionItem, ...]:
        """One application's stored dues, in the order the rules gave them."""
        with self.transactions.read() as db:
            return dues_of(db, application_id)

    def stored_agenda(self, now: DateTime, window_days: int | None = None) -> list[AgendaItem]:
        """The agenda at ``now`` read from the due-time index: what ``build_agenda`` gives over
        :meth:`agenda_summaries`, reading only the dues of the window (overdue ones included).

        Args:
            window_days: days ahead; defaults to the ``review.window_days`` setting.
        """
        from postinterview_tui.domain.rules import due_limits

        days = self.settings().window_days if window_days is None else window_days
        limits = due_limits(now, days, self.zone)
        with self.transactions.read() as db:
            return window_agenda(db, now, limits)

    def agenda_counts(self, now: DateTime, window_days: int) -> dict[DueStatus, int]:
        """How many rows each agenda group holds at ``now``: the group sizes of
        :meth:`stored_agenda` (the same rule classifies them), counted along the due-time index
        without reading or building any row."""
        from postinterview_tui.domain.dues import group_counts
        from postinterview_tui.domain.rules import due_limits

        limits = due_limits(now, window_days, self.zone)
        with self.transactions.read() as db:
            tallies = due_tallies(db, now, limits)
        return group_counts(tallies)

    def agenda_counts_hold(self, then: DateTime, now: DateTime, window_days: int) -> bool:
        """True when :meth:`agenda_counts` at ``now`` equals its answer at ``then`` over the
        dues stored now (no due or round time crossed a limit in between)."""
        from postinterview_tui.domain.rules import due_limits

        limits = (due_limits(then, window_days, self.zone), due_limits(now, window_days, self.zone))
        with self.transactions.read() as db:
            return tallies_hold(db, then, now, limits)

    def agenda_rows(
        self, now: DateTime, window_days: int, after: PageMark | None, limit: int
    ) -> tuple[list[AgendaItem], PageMark | None]:
        """Up to ``limit`` rows of :meth:`stored_agenda`, in the review's order (its groups in
        turn, each in due order), from after ``after`` (the top when None), and where the next
        page starts (None when these were the last). Costs the rows read, not the window's."""
        from postinterview_tui.domain.dues import item_from_due
        from postinterview_tui.domain.rules import due_limits

        limits = due_limits(now, window_days, self.zone)
        with self.transactions.read() as db:
            page = agenda_page(db, now, limits, after, limit)
        return [item_from_due(due, status) for status, due in page.rows], page.next_mark

    def agenda_of(
        self, application_ids: Collection[int], now: DateTime, window_days: int
    ) -> list[AgendaItem]:
        """The rows of :meth:`stored_agenda` that belong to these few applications."""
        from postinterview_tui.domain.rules import due_limits

        if not application_ids:
            return []
        limits = due_limits(now, window_days, self.zone)
        with self.transactions.read() as db:
            return window_agenda(db, now, limits, application_ids)

    def stored_next_up(self, now: DateTime, window_days: int) -> AgendaItem | None:
        """The earliest pending action after ``now`` (what ``domain.review.next_up`` gives over
        :meth:`open_summaries`), read as one step along the due-time index."""
        from postinterview_tui.domain.dues import next_up_from_dues

        with self.transactions.read() as db:
            due = first_due_after(db, now)
        return next_up_from_dues(due, now, window_days, self.zone)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file."""
        with self.transactions.read() as db:
            return int(db.execute("PRAGMA data_version").fetchone()[0])

    def change_marker(self) -> tuple[int, int]:
        """Equal for two calls only if nothing was written to the file in between, by this
        connection (``total_changes``) or by any other (``data_version``)."""
        with self.transactions.read() as db:
            version = int(db.execute("PRAGMA data_version").fetchone()[0])
            return version, int(db.total_changes)

    def settings(self) -> Settings:
        """The settings, with defaults for anything never set."""
        with self.transactions.read() as db:
            texts = {row[0]: row[1] for row in db.execute("SELECT key, value FROM settings")}
        return settings_from_texts(texts)

    def summaries(
        self,
        *,
        stage: Stage | None = None,
        exclude_stage: Stage | None = None,
        limit: int | None = None,
    ) -> list[ApplicationSummary]:
        """Applications that are not deleted, most recently updated first."""
        where = "deleted_at IS NULL"
        params: list[Any] = []
        if stage is not None:
            where += " AND stage = ?"
            params.append(str(stage))
        if exclude_stage is not None:
            where += " AND stage != ?"
            params.append(str(exclude_stage))
        sql = f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE {where} "
        sql += "ORDER BY updated_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._read_summaries(sql, params)

    def open_summaries(self) -> list[ApplicationSummary]:
        """Applications still in progress (not accepted, closed or deleted)."""
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE deleted_at IS NULL "
            "AND stage NOT IN ('accepted', 'closed') ORDER BY updated_at DESC, id DESC"
        )
        return self._read_summaries(sql, [])

    def agenda_summaries(self) -> list[ApplicationSummary]:
        """The applications that can have agenda items (``stages.AGENDA_STAGES``: those of
        :meth:`open_summaries` and the accepted ones), in no particular order.

        For callers that order what they build themselves, as the agenda does (by due time):
        naming the stages lets SQLite seek them in the board index, where excluding the
        closed ones scans it, and no sort is asked for. At 10,000 applications this halves the
        query ``postinterview today`` waits for.
        """
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE deleted_at IS NULL "
            f"AND stage IN ({', '.join('?' * len(_OPEN_STAGES))})"
        )
        return self._read_summaries(sql, list(_OPEN_STAGES))

    def _read_summaries(self, sql: str, params: list[Any]) -> list[ApplicationSummary]:
        """Run a ``SELECT {SUMMARY_COLUMNS}`` query and build the summaries with their conditions.

        The rows stay plain tuples (the columns are in :data:`SUMMARY_FIELDS` order, the id
        first): a dictionary per row is a measurable part of ``today`` at 10,000 applications.
        """
        with self.transactions.read() as db:
            rows = db.execute(sql, params).fetchall()
            conditions = self.offer_conditions(db)
        return [summary_from_values(row, conditions.get(row[0], ())) for row in rows]

    def stage_counts(self) -> dict[Stage, int]:
        """How many applications each stage holds."""
        # The board's paging module, loaded by the board (``today`` reads no pages).
        from postinterview_tui.storage.board_pages import stage_counts

        with self.transactions.read() as db:
            return stage_counts(db)

    def summary(self, application_id: int) -> ApplicationSummary:
        """One application's summary.

        Raises:
            NotFound: no such application, or it was deleted.
        """
        with self.transactions.read() as db:
            return self.summary_in(db, application_id)

    def detail(self, application_id: int) -> ApplicationDetail:
        """Everything about one application, events in shown order (oldest minute first, then
        as recorded: :func:`~postinterview_tui.domain.records.in_shown_order`).

        Raises:
            NotFound: no such application, or it was deleted.
        """
        from postinterview_tui.domain.records import ApplicationDetail, Contact, in_shown_order
        from postinterview_tui.domain.timeline import rounds_as_booked

        with self.transactions.read() as db:
            summary = self.summary_in(db, application_id)
            row = dict_rows(
                db.execute("SELECT * FROM applications WHERE id = ?", [application_id])
            )[0]
            interviews = dict_rows(
                db.execute(
                    "SELECT * FROM interviews WHERE application_id = ? ORDER BY held_at, id",
                    [application_id],
                )
            )
            people: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for person in dict_rows(
                db.execute(
                    "SELECT * FROM interviewers WHERE interview_id IN "
                    "(SELECT id FROM interviews WHERE application_id = ?) ORDER BY id",
                    [application_id],
                )
            ):
                people[person["interview_id"]].append(person)
            events = dict_rows(
                db.execute(
                    "SELECT * FROM events WHERE application_id = ? ORDER BY at, id",
                    [application_id],
                )
            )
        rounds = tuple(interview_from_row(item, people[item["id"]]) for item in interviews)
        recruiter = None
        if row["recruiter_name"] or row["recruiter_email"]:
            recruiter = Contact(row["recruiter_name"], row["recruiter_email"])
        return ApplicationDetail(
            summary=summary,
            location=row["location"],
            link=row["link"],
            recruiter=recruiter,
            notes=row["notes"],
            offer_notes=row["offer_notes"],
            interviews=rounds,
            # The history's interview entries follow the rounds as they are now (one removed or
            # moved after it was added leaves an entry at its old time).
            events=rounds_as_booked(
                application_id, in_shown_order(event_from_row(item) for item in events), rounds
            ),
        )

    def stage_before_closing(self, application_id: int) -> Stage:
        """The stage a closed application was in before it closed (Interviewed if unknown)."""
        with self.transactions.read() as db:
            rows = db.execute(
                "SELECT data FROM events WHERE application_id = ? AND kind = ? "
                "ORDER BY at DESC, id DESC",
                [application_id, str(EventKind.STAGE_MOVED)],
            ).fetchall()
        for (data_text,) in rows:
            data = json.loads(data_text)
            if data.get("to") == str(Stage.CLOSED) and data.get("from"):
                try:
                    return Stage(str(data["from"]))
                except ValueError:
                    break
        return Stage.INTERVIEWED

    def setting_keys(self) -> tuple[str, ...]:
        """Every known setting key."""
        return tuple(KEYS)
