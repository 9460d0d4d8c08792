"""Sample data for ``--demo``, the snapshot tests and the screenshots.

Times are relative to ``now``, so the demo always shows a realistic mix: something overdue,
something due today, offers with conditions, and a history of closed applications.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import CloseReason, ConditionKind, InterviewKind, Stage
from postinterview_tui.storage.repository import Repository


@dataclass(frozen=True)
class _Sample:
    company: str
    role: str
    days_ago: float
    kind: InterviewKind
    people: tuple[str, ...]
    moves: tuple[tuple[Stage, float], ...] = ()
    reason: CloseReason | None = None
    notes: str = ""


SAMPLES: tuple[_Sample, ...] = (
    _Sample(
        "Northwind Analytics",
        "Senior data engineer",
        0.2,
        InterviewKind.VIDEO,
        ("Priya Natarajan <priya@northwind.example>", "Tom Becker"),
    ),
    _Sample(
        "Lumen Health",
        "Backend developer",
        1.6,
        InterviewKind.ONSITE,
        ("Grace Okafor <grace.okafor@lumen.example>",),
        notes="Talked about their move from a monolith to event-driven services.",
    ),
    _Sample(
        "Harbor & Pine",
        "Product designer",
        -1.0,
        InterviewKind.PANEL,
        ("Mei Lin", "Jonas Weber", "Ada Fernández"),
    ),
    _Sample(
        "Quillstone",
        "Platform engineer",
        9.0,
        InterviewKind.TECHNICAL,
        ("Sam Rivera <sam@quillstone.example>",),
        ((Stage.THANKED, 8.8),),
    ),
    _Sample(
        "Orbital Freight", "SRE", 4.0, InterviewKind.VIDEO, ("Hana Sato",), ((Stage.THANKED, 3.9),)
    ),
    _Sample(
        "Bright Ledger",
        "Full-stack engineer",
        20.0,
        InterviewKind.FINAL,
        ("Olu Adeyemi <olu@brightledger.example>",),
        ((Stage.THANKED, 19.8), (Stage.FOLLOWED_UP, 12.0)),
    ),
    _Sample(
        "Cobalt Robotics",
        "Embedded developer",
        30.0,
        InterviewKind.ONSITE,
        ("Lena Fischer",),
        ((Stage.THANKED, 29.9), (Stage.FOLLOWED_UP, 22.0), (Stage.FOLLOWED_UP, 14.0)),
    ),
    _Sample(
        "Tidewater Bank",
        "Data analyst",
        15.0,
        InterviewKind.FINAL,
        ("Rosa Martins <rosa@tidewater.example>",),
        ((Stage.THANKED, 14.9), (Stage.OFFER, 3.0)),
    ),
    _Sample(
        "Juniper Labs",
        "ML engineer",
        25.0,
        InterviewKind.FINAL,
        ("Chen Wei",),
        ((Stage.THANKED, 24.9), (Stage.OFFER, 10.0), (Stage.ACCEPTED, 6.0)),
    ),
    _Sample(
        "Foxglove Media",
        "Frontend developer",
        40.0,
        InterviewKind.VIDEO,
        ("Iris Moore",),
        ((Stage.THANKED, 39.9), (Stage.CLOSED, 30.0)),
        CloseReason.NOT_SELECTED,
    ),
    _Sample(
        "Granite Systems",
        "DevOps engineer",
        50.0,
        InterviewKind.PHONE,
        ("Kofi Mensah",),
        (
            (Stage.THANKED, 49.9),
            (Stage.FOLLOWED_UP, 40.0),
            (Stage.FOLLOWED_UP, 33.0),
            (Stage.CLOSED, 20.0),
        ),
        CloseReason.NO_RESPONSE,
    ),
    _Sample(
        "Saffron Travel",
        "Engineering manager",
        35.0,
        InterviewKind.ONSITE,
        ("Nadia Haddad",),
        ((Stage.CLOSED, 34.0),),
        CloseReason.WITHDREW,
    ),
    _Sample(
        "Meridian Energy",
        "Software engineer",
        60.0,
        InterviewKind.FINAL,
        ("Luis Ortega",),
        ((Stage.THANKED, 59.9), (Stage.OFFER, 45.0), (Stage.CLOSED, 41.0)),
        CloseReason.DECLINED_OFFER,
    ),
)


def write_demo_database(path: Path, *, now: DateTime, zone: Timezone) -> None:
    """Create ``path`` filled with the sample applications, as of ``now``."""
    repository = Repository.open(path, zone=zone, create=True)
    assert repository is not None
    try:
        for sample in SAMPLES:
            _add(repository, sample, now)
        repository.set_setting("user.name", "Alex Morgan", now)
        # A fresh demo should not offer to undo the sample data being created.
        repository.db.execute("DELETE FROM actions")
    finally:
        repository.close()


def _add(repository: Repository, sample: _Sample, now: DateTime) -> None:
    held_at = now.subtract(hours=round(sample.days_ago * 24))
    created = min(held_at, now)
    people = []
    for text in sample.people:
        name, _, email = text.partition("<")
        people.append(NewInterviewer(name.strip(), email.rstrip(">").strip()))
    new = NewApplication(
        company=sample.company,
        role=sample.role,
        interview=NewInterview(held_at, sample.kind, sample.notes, None, tuple(people)),
    )
    application_id = repository.add_application(new, created)
    for stage, days_ago in sample.moves:
        when = now.subtract(hours=round(days_ago * 24))
        reason = sample.reason if stage is Stage.CLOSED else None
        repository.move(application_id, stage, when=when, now=when, reason=reason, force=True)
    if sample.company == "Tidewater Bank":
        repository.record_offer(
            application_id,
            deadline=now.add(days=4),
            conditions=(
                (ConditionKind.REFERENCES, "two references"),
                (ConditionKind.BACKGROUND, "background check"),
                (ConditionKind.RIGHT_TO_WORK, "right-to-work documents"),
            ),
            notes="Base salary as discussed; start date flexible.",
            now=now.subtract(days=3),
        )
        first = repository.detail(application_id).summary.progress.conditions[0]
        repository.set_condition_status(application_id, first.id, cleared=True, now=now)
