"""Generate realistic postinterview databases of any size, fast and reproducibly.

The data is what the app itself writes:

* every open or accepted application, and a few hundred closed "templates", go through the
  Repository's own write methods (``add_application``, ``move``, ``record_offer``,
  ``record_reply``, ``add_interview``, ``set_condition_status``) with times relative to a fixed
  "now", exactly as the app or the CLI would record them;
* the remaining closed applications (the long tail of an old job search) are copies of those
  templates, written through the Repository's own connection in one transaction: every row of
  the template (application, interviews, interviewers, conditions, events) is copied with a new
  uid, new company and role, and every stored instant moved back by the same random number of
  days, so their shape is identical to what the app wrote.

While generating, the connection runs with ``synchronous = OFF`` and an in-memory journal (only
the speed of writing changes); the file's durability settings are put back before it is closed.

Usage: ``python -m tests.benchmarks.datagen PATH COUNT``.
"""

from __future__ import annotations

import random
import re
import sqlite3
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pendulum
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import CloseReason, ConditionKind, InterviewKind, Stage
from postinterview_tui.storage.connection import choose_durability
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.transactions import new_uid
from tests.benchmarks.common import NOW_TEXT, SEED, ZONE_NAME

CLOSED_SHARE = 0.85
MOST_NOT_CLOSED = 1_500
"""At most this many applications are not closed (the 15 % of 10,000): a person follows a
bounded number of applications at a time, and what grows with years of searching is the closed
history. So 100,000 is 10,000's open and accepted applications plus 90,000 more closed ones
(issue 19: "100,000 closed applications cost what 100 do")."""
OPEN_WEIGHTS: tuple[tuple[Stage, float], ...] = (
    (Stage.INTERVIEWED, 0.25),
    (Stage.THANKED, 0.22),
    (Stage.FOLLOWED_UP, 0.23),
    (Stage.OFFER, 0.10),
    (Stage.ACCEPTED, 0.20),
)
"""How the 15 % that are not closed spread over the other stages."""
CLOSED_TEMPLATES = 200
"""Closed applications written through the Repository; the rest are copies of these."""

_ADJECTIVES = (  # noqa: SIM905
    "Northwind Lumen Harbor Quill Orbital Bright Cobalt Tidewater Juniper Foxglove "
    "Granite Saffron Meridian Silver Copper Aurora Cedar Summit Atlas Beacon "
    "Crimson Delta Ember Fable Golden Horizon Indigo Jade Kestrel Lattice "
    "Maple Nimbus Onyx Pioneer Quartz Redwood Sable Terra Umber Vertex "
    "Willow Zephyr"
).split()
_NOUNS = (  # noqa: SIM905
    "Analytics Health Pine Stone Freight Ledger Robotics Bank Labs Media "
    "Systems Travel Energy Works Software Cloud Data Logistics Insurance Retail "
    "Games Studio Bio Foods Motors Security Networks Capital Learning Mobility"
).split()
_ROLES = (
    "Senior data engineer",
    "Backend developer",
    "Product designer",
    "Platform engineer",
    "SRE",
    "Full-stack engineer",
    "Embedded developer",
    "Data analyst",
    "ML engineer",
    "Frontend developer",
    "DevOps engineer",
    "Engineering manager",
    "Software engineer",
    "QA engineer",
    "Security engineer",
    "Mobile developer",
)
_FIRST = (  # noqa: SIM905
    "Ana Tom Mei Jonas Ada Sam Hana Olu Lena Rosa Chen Iris Kofi Nadia Luis Priya Grace"
).split()
_LAST = (  # noqa: SIM905
    "Ruiz Becker Lin Weber Rivera Sato Adeyemi Fischer Martins Moore Mensah Haddad"
).split()
_KINDS = tuple(InterviewKind)
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fixed_now() -> tuple[DateTime, Timezone]:
    """The benchmark's "now" and zone (the same as POSTINTERVIEW_NOW / TZ in the children)."""
    zone: Timezone = pendulum.timezone(ZONE_NAME)  # type: ignore[assignment]
    parsed = pendulum.parse(NOW_TEXT)
    assert isinstance(parsed, DateTime)
    return parsed.in_timezone(zone), zone


def stage_quotas(count: int) -> dict[Stage, int]:
    """How many applications each stage gets: about 85 % closed (more beyond
    :data:`MOST_NOT_CLOSED` others), at least one Interviewed."""
    closed = max(round(count * CLOSED_SHARE), count - MOST_NOT_CLOSED)
    rest = count - closed
    quotas = {stage: int(rest * weight) for stage, weight in OPEN_WEIGHTS}
    # Largest remainder, then make sure a move can be measured (one card in Interviewed).
    leftovers = sorted(OPEN_WEIGHTS, key=lambda item: -(rest * item[1] % 1))
    for stage, _weight in leftovers[: rest - sum(quotas.values())]:
        quotas[stage] += 1
    if rest and not quotas[Stage.INTERVIEWED]:
        donor = max(quotas, key=lambda stage: quotas[stage])
        quotas[donor] -= 1
        quotas[Stage.INTERVIEWED] += 1
    quotas[Stage.CLOSED] = closed
    return quotas


class _Writer:
    """Writes applications through the Repository with realistic, seeded histories."""

    def __init__(self, repository: Repository, rng: random.Random, now: DateTime) -> None:
        self.repo = repository
        self.rng = rng
        self.now = now

    def days_ago(self, low: float, high: float) -> DateTime:
        return self.now.subtract(seconds=round(self.rng.uniform(low, high) * 86400))

    def after(self, moment: DateTime, low_days: float, high_days: float) -> DateTime:
        later = moment.add(seconds=round(self.rng.uniform(low_days, high_days) * 86400))
        return min(later, self.now)

    def name(self) -> tuple[str, str]:
        company = f"{self.rng.choice(_ADJECTIVES)} {self.rng.choice(_NOUNS)}"
        return company, self.rng.choice(_ROLES)

    def people(self) -> tuple[NewInterviewer, ...]:
        result = []
        for _ in range(self.rng.choice((1, 1, 1, 2, 2, 3))):
            first, last = self.rng.choice(_FIRST), self.rng.choice(_LAST)
            email = f"{first.lower()}.{last.lower()}@example.com" if self.rng.random() < 0.6 else ""
            result.append(NewInterviewer(f"{first} {last}", email))
        return tuple(result)

    def add(self, held_at: DateTime, *, decision_in_days: int | None = None) -> int:
        company, role = self.name()
        decision = None
        if decision_in_days is not None:
            decision = held_at.in_timezone(self.repo.zone).date() + timedelta(days=decision_in_days)
        new = NewApplication(
            company=company,
            role=role,
            interview=NewInterview(
                held_at,
                self.rng.choice(_KINDS),
                "Talked about the team and the next steps." if self.rng.random() < 0.3 else "",
                decision,
                self.people(),
            ),
            location=self.rng.choice(("", "Remote", "London", "Berlin", "Hybrid")),
            notes="Found through a referral." if self.rng.random() < 0.1 else "",
        )
        created = min(held_at, self.now).subtract(hours=self.rng.randint(0, 72))
        return self.repo.add_application(new, created)

    def move(
        self, application_id: int, stage: Stage, when: DateTime, reason: CloseReason | None = None
    ) -> None:
        self.repo.move(application_id, stage, when=when, now=when, reason=reason, force=True)

    def thank(self, application_id: int, held_at: DateTime) -> DateTime:
        when = self.after(held_at, 0.1, 1.2)
        self.move(application_id, Stage.THANKED, when)
        return when

    def offer(self, application_id: int, when: DateTime, *, conditions: int) -> None:
        kinds = self.rng.sample(
            [
                (ConditionKind.REFERENCES, "two references"),
                (ConditionKind.BACKGROUND, "background check"),
                (ConditionKind.RIGHT_TO_WORK, "right-to-work documents"),
            ],
            conditions,
        )
        self.repo.record_offer(
            application_id,
            deadline=when.add(days=self.rng.randint(3, 12)),
            conditions=kinds,
            notes="Base salary as discussed." if self.rng.random() < 0.5 else "",
            now=when,
        )

    # -- one application per stage ----------------------------------------------------------

    def interviewed(self) -> None:
        # About a fifth are still to come ("interview tomorrow"); the rest happened this week.
        self.add(self.days_ago(-4, 6), decision_in_days=self.rng.choice((None, 7, 10)))

    def thanked(self) -> None:
        held = self.days_ago(2, 20)
        application_id = self.add(held)
        thanked = self.thank(application_id, held)
        if self.rng.random() < 0.2:
            self.repo.record_reply(
                application_id, when=self.after(thanked, 1, 4), decision_by=None, now=self.now
            )

    def followed_up(self) -> None:
        held = self.days_ago(10, 45)
        application_id = self.add(held)
        thanked = self.thank(application_id, held)
        first = self.after(thanked, 5, 9)
        self.move(application_id, Stage.FOLLOWED_UP, first)
        if self.rng.random() < 0.4 and first < self.now.subtract(days=6):
            self.move(application_id, Stage.FOLLOWED_UP, self.after(first, 5, 8))
        if self.rng.random() < 0.15:
            self.repo.record_reply(
                application_id, when=self.after(first, 1, 3), decision_by=None, now=self.now
            )

    def offered(self) -> None:
        held = self.days_ago(6, 30)
        application_id = self.add(held)
        thanked = self.thank(application_id, held)
        when = self.after(thanked, 2, 12)
        self.offer(application_id, when, conditions=self.rng.randint(0, 3))
        summary = self.repo.summary(application_id)
        if summary.progress.conditions and self.rng.random() < 0.5:
            first = summary.progress.conditions[0]
            self.repo.set_condition_status(
                application_id, first.id, cleared=True, now=self.after(when, 0.5, 3)
            )

    def accepted(self) -> None:
        held = self.days_ago(30, 700)
        application_id = self.add(held)
        thanked = self.thank(application_id, held)
        offered = self.after(thanked, 4, 15)
        self.offer(application_id, offered, conditions=self.rng.randint(0, 2))
        for condition in self.repo.summary(application_id).progress.conditions:
            self.repo.set_condition_status(
                application_id, condition.id, cleared=True, now=self.after(offered, 1, 5)
            )
        self.move(application_id, Stage.ACCEPTED, self.after(offered, 3, 8))

    def closed(self) -> None:
        held = self.days_ago(20, 400)
        application_id = self.add(held)
        path = self.rng.random()
        if path < 0.15:  # withdrew, or turned down straight away
            reason = self.rng.choice((CloseReason.WITHDREW, CloseReason.NOT_SELECTED))
            self.move(application_id, Stage.CLOSED, self.after(held, 1, 10), reason)
            return
        thanked = self.thank(application_id, held)
        if path < 0.55:
            when = self.after(thanked, 3, 25)
            self.move(application_id, Stage.CLOSED, when, CloseReason.NOT_SELECTED)
        elif path < 0.80:
            follow = self.after(thanked, 5, 9)
            self.move(application_id, Stage.FOLLOWED_UP, follow)
            follow = self.after(follow, 5, 9)
            self.move(application_id, Stage.FOLLOWED_UP, follow)
            self.move(
                application_id, Stage.CLOSED, self.after(follow, 6, 12), CloseReason.NO_RESPONSE
            )
        elif path < 0.90:
            offered = self.after(thanked, 4, 15)
            self.offer(application_id, offered, conditions=self.rng.randint(0, 2))
            self.move(
                application_id,
                Stage.CLOSED,
                self.after(offered, 1, 5),
                CloseReason.DECLINED_OFFER,
            )
        else:  # a second round, then a no
            second = self.after(thanked, 4, 10)
            self.repo.add_interview(
                application_id,
                NewInterview(second, InterviewKind.FINAL, "", None, self.people()),
                second,
            )
            thanked = self.thank(application_id, second)
            self.move(
                application_id,
                Stage.CLOSED,
                self.after(thanked, 3, 15),
                CloseReason.NOT_SELECTED,
            )


def _shift(value: Any, days: int) -> Any:
    """Move a stored instant or date back by ``days``; anything else passes through."""
    if not isinstance(value, str):
        return value
    if _TIMESTAMP.match(value):
        moved = datetime.fromisoformat(value) - timedelta(days=days)
        return moved.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    if _DATE.match(value):
        return (date.fromisoformat(value) - timedelta(days=days)).isoformat()
    return value


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
    return int(cursor.lastrowid or 0)


def _copy_closed(
    repository: Repository, rng: random.Random, templates: list[int], copies: int
) -> None:
    """Add ``copies`` closed applications, each a copy of a template moved back in time."""
    if not copies or not templates:
        return
    conn = repository.db
    writer = _Writer(repository, rng, fixed_now()[0])
    cache: dict[int, dict[str, Any]] = {}
    for template in templates:
        interviews = _rows(
            conn, "SELECT * FROM interviews WHERE application_id = ? ORDER BY id", [template]
        )
        cache[template] = {
            "application": _rows(conn, "SELECT * FROM applications WHERE id = ?", [template])[0],
            "interviews": interviews,
            "interviewers": {
                item["id"]: _rows(
                    conn,
                    "SELECT * FROM interviewers WHERE interview_id = ? ORDER BY id",
                    [item["id"]],
                )
                for item in interviews
            },
            "conditions": _rows(
                conn, "SELECT * FROM conditions WHERE application_id = ? ORDER BY id", [template]
            ),
            "events": _rows(
                conn, "SELECT * FROM events WHERE application_id = ? ORDER BY id", [template]
            ),
        }
    conn.execute("BEGIN IMMEDIATE")
    try:
        for _ in range(copies):
            source = cache[rng.choice(templates)]
            days = rng.randint(0, 1100)
            company, role = writer.name()
            app_row = {
                key: _shift(value, days)
                for key, value in source["application"].items()
                if key != "id"
            }
            app_row.update(uid=new_uid(), company=company, role=role)
            application_id = _insert(conn, "applications", app_row)
            for interview in source["interviews"]:
                row = {k: _shift(v, days) for k, v in interview.items() if k != "id"}
                row.update(uid=new_uid(), application_id=application_id)
                interview_id = _insert(conn, "interviews", row)
                for person in source["interviewers"][interview["id"]]:
                    prow = {k: _shift(v, days) for k, v in person.items() if k != "id"}
                    prow.update(uid=new_uid(), interview_id=interview_id)
                    _insert(conn, "interviewers", prow)
            for condition in source["conditions"]:
                row = {k: _shift(v, days) for k, v in condition.items() if k != "id"}
                row.update(uid=new_uid(), application_id=application_id)
                _insert(conn, "conditions", row)
            for event in source["events"]:
                row = {k: _shift(v, days) for k, v in event.items() if k != "id"}
                # A copy was not written by any remembered action: it cannot be undone.
                row.update(uid=new_uid(), application_id=application_id, action_id=None)
                _insert(conn, "events", row)
        repository.search.refresh()  # as every action does before it commits
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def make_database(path: Path, count: int, *, seed: int = SEED) -> dict[str, int]:
    """Write a database of ``count`` applications at ``path`` (which must not exist).

    Returns:
        How many applications each stage got, by stage value.
    """
    if path.exists():
        raise FileExistsError(path)
    now, zone = fixed_now()
    rng = random.Random(f"{seed}:{count}")
    repository = Repository.open(path, zone=zone, create=True)
    assert repository is not None
    db = repository.db
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA journal_mode = MEMORY")
    try:
        repository.set_setting("user.name", "Alex Morgan", now)
        quotas = stage_quotas(count)
        writer = _Writer(repository, rng, now)
        plan: list[Stage] = []
        for stage, number in quotas.items():
            if stage is not Stage.CLOSED:
                plan.extend([stage] * number)
        templates = min(quotas[Stage.CLOSED], CLOSED_TEMPLATES)
        plan.extend([Stage.CLOSED] * templates)
        rng.shuffle(plan)
        before = {row[0] for row in db.execute("SELECT id FROM applications")}
        steps = {
            Stage.INTERVIEWED: writer.interviewed,
            Stage.THANKED: writer.thanked,
            Stage.FOLLOWED_UP: writer.followed_up,
            Stage.OFFER: writer.offered,
            Stage.ACCEPTED: writer.accepted,
            Stage.CLOSED: writer.closed,
        }
        for stage in plan:
            steps[stage]()
        closed_ids = [
            row[0]
            for row in db.execute("SELECT id FROM applications WHERE stage = 'closed' ORDER BY id")
            if row[0] not in before
        ]
        _copy_closed(repository, rng, closed_ids, quotas[Stage.CLOSED] - templates)
        durability = choose_durability(sqlite3.sqlite_version_info)
        db.execute(f"PRAGMA journal_mode = {durability.journal_mode}")
        db.execute(f"PRAGMA synchronous = {durability.synchronous}")
        counts = {
            str(stage): int(number)
            for stage, number in db.execute(
                "SELECT stage, count(*) FROM applications WHERE deleted_at IS NULL GROUP BY stage"
            )
        }
    finally:
        repository.close()
    return counts


def main(argv: list[str]) -> int:
    path, count = Path(argv[0]), int(argv[1])
    started = time.perf_counter()
    counts = make_database(path, count)
    print(f"{path}: {count} applications {counts} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
