"""Note templates and the drafting model: filled from the data, placeholders for what is
missing, user text inserted literally, one note per interviewer."""

from __future__ import annotations

import itertools
from dataclasses import replace
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.default_templates import DEFAULT_TEMPLATES, KIND_TEMPLATES
from postinterview_tui.domain.drafting import (
    DraftingData,
    build_slots,
    first_open,
    history_label,
    is_thanked,
    slot_from_draft,
    switch_template,
)
from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.records import ApplicationDetail, Contact, Interview, Interviewer
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import InterviewKind, Stage
from postinterview_tui.domain.templates import (
    FIELDS,
    LONG_FOLLOW_UP_WORDS,
    Draft,
    NoteKind,
    Recipient,
    TemplateId,
    fill,
    first_name,
    follow_up_caution,
    follow_up_template,
    length_hint,
    mailto_link,
    note_values,
    plain_text,
    recipients,
    render,
    resume_draft,
    split_plain,
    topics_from_notes,
    unfilled,
    with_override,
)

from ._support import BERLIN, NOW, PROPERTY, tz

ZONE = tz(BERLIN)
HELD = NOW.subtract(days=1)  # Friday 27 November 2026
ME = Settings(user_name="Alex Morgan")
ALL_VALUES = {name: f"<{name}>" for name in FIELDS}
THANK_YOU = DEFAULT_TEMPLATES[TemplateId.THANK_YOU_EMAIL]


def detail(
    *people: str,
    company: str = "Acme Ltd",
    role: str = "Backend developer",
    notes: str = "Talked about their move to event-driven services.",
    recruiter: Contact | None = None,
    thanked: tuple[int, ...] = (),
    progress: Progress | None = None,
) -> ApplicationDetail:
    """An application whose latest round (yesterday) had ``people`` (ids 1, 2, ...)."""
    interviewers = tuple(
        Interviewer(number, name, f"{number}@acme.example", "", HELD if number in thanked else None)
        for number, name in enumerate(people, start=1)
    )
    older = Interview(7, HELD.subtract(days=10), InterviewKind.PHONE, "old notes", None, ())
    latest = Interview(8, HELD, InterviewKind.VIDEO, notes, None, interviewers)
    summary = ApplicationSummary(
        id=1,
        company=company,
        role=role,
        stage=Stage.INTERVIEWED,
        created_at=HELD,
        updated_at=HELD,
        progress=progress or Progress(Stage.INTERVIEWED, HELD, len(people)),
    )
    return ApplicationDetail(summary, recruiter=recruiter, interviews=(older, latest))


def draft(
    id: int,
    template: TemplateId,
    interviewer_id: int | None,
    *,
    hours_ago: int = 1,
    sent: bool = False,
    body: str = "text",
) -> Draft:
    when = NOW.subtract(hours=hours_ago)
    return Draft(
        id, f"uid-{id}", 1, 8, interviewer_id, str(template), "subject", body, when, when,
        when if sent else None,
    )  # fmt: skip


# -- rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "placeholder"), [(k, v[1]) for k, v in FIELDS.items()])
@pytest.mark.parametrize("value", ["", "   ", None], ids=["empty", "blank", "absent"])
def test_a_missing_value_shows_a_visible_placeholder(
    name: str, placeholder: str, value: str | None
) -> None:
    values = {} if value is None else {name: value}
    assert render(f"Hello ${name}.", values) == f"Hello {placeholder}."
    assert placeholder.startswith("[") and placeholder.endswith("]")


def test_placeholders_are_listed_as_unfilled() -> None:
    text = render("Dear $first_name, $topics. $signature", {"first_name": "Ana"})
    assert unfilled(text) == ["[something you talked about]", "[your signature]"]
    assert unfilled(render("$first_name", {"first_name": "Ana"})) == []


@pytest.mark.parametrize(
    "value",
    [
        "{company}",
        "${role}",
        "$role",
        "$$",
        "100% $5 {0} {}",
        "[bold]Acme[/bold]",
        "[red]x[/]",
        r"\1 \g<0> \n",
        "[interviewer name]",
        "O'Brien & Sons <sales>",
        "José Núñez",
        "山田 太郎",
        "line\nbreak",
    ],
)
def test_user_text_is_inserted_literally_and_never_read_again(value: str) -> None:
    values = {**ALL_VALUES, "company": value}
    assert render("At $company for the $role role.", values) == f"At {value} for the <role> role."
    assert render("${company}!", values) == f"{value}!"


@given(company=st.text(min_size=1).filter(str.strip), role=st.text(min_size=1).filter(str.strip))
@PROPERTY
def test_any_value_comes_out_exactly_as_given(company: str, role: str) -> None:
    assert render("A $company B ${role} C $$", {"company": company, "role": role}) == (
        f"A {company} B {role} C $"
    )


def test_dollar_escapes_and_unknown_fields_stay_as_written() -> None:
    assert render("Costs $$5, $unknown ${nope} $ alone", ALL_VALUES) == (
        "Costs $5, $unknown ${nope} $ alone"
    )
    assert render("$names and $name", {"name": "Ana"}) == "$names and Ana"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Grace Okafor", "Grace"),
        ("Okafor, Grace", "Grace"),
        ("Seán O'Brien", "Seán"),
        ("O'Brien", "O'Brien"),
        ("José María García", "José"),
        ("山田 太郎", "山田"),
        ("  Ana  ", "Ana"),
        ("Madonna", "Madonna"),
        ("Okafor,", "Okafor"),
        ("", ""),
    ],
)
def test_first_name(name: str, expected: str) -> None:
    assert first_name(name) == expected


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (
            "Talked about their move to event-driven services.",
            "their move to event-driven services",
        ),
        ("We discussed the on-call rota", "the on-call rota"),
        ("- Kubernetes migration\n- team size", "Kubernetes migration"),
        ("\n\n  Topics: pairing, testing.  ", "pairing, testing"),
        ("The roadmap for Q3", "The roadmap for Q3"),
        ("", ""),
        ("...", "..."),
    ],
)
def test_topics_come_from_the_first_line_of_the_notes(notes: str, expected: str) -> None:
    assert topics_from_notes(notes) == expected


# -- whom a note is for, and what it says ----------------------------------------------------


def test_a_thank_you_goes_to_each_interviewer_of_the_latest_round() -> None:
    found = recipients(THANK_YOU, detail("Mei Lin", "Jonas Weber", "Ada Fernández"))
    assert found == (
        Recipient("Mei Lin", "1@acme.example", 1),
        Recipient("Jonas Weber", "2@acme.example", 2),
        Recipient("Ada Fernández", "3@acme.example", 3),
    )


def test_a_thank_you_with_no_interviewer_named_is_one_note_with_a_placeholder() -> None:
    application = detail()
    (only,) = recipients(THANK_YOU, application)
    assert only == Recipient("")
    _, body = fill(THANK_YOU, note_values(application, only, ME, ZONE))
    assert body.startswith("Dear [first name],")


def test_a_follow_up_goes_to_the_recruiter_when_known_else_the_first_interviewer() -> None:
    follow_up = DEFAULT_TEMPLATES[TemplateId.FOLLOW_UP_FIRST]
    with_recruiter = detail("Mei Lin", recruiter=Contact("Sam Cole", "sam@acme.example"))
    assert recipients(follow_up, with_recruiter) == (Recipient("Sam Cole", "sam@acme.example"),)
    assert recipients(follow_up, detail("Mei Lin", "Jonas")) == (
        Recipient("Mei Lin", "1@acme.example"),
    )


def test_a_thank_you_is_filled_from_the_data() -> None:
    application = detail("Grace Okafor")
    (grace,) = recipients(THANK_YOU, application)
    subject, body = fill(THANK_YOU, note_values(application, grace, ME, ZONE))
    assert subject == "Thank you: Backend developer interview"
    assert body.startswith("Dear Grace,\n\n")
    assert "on Friday 27 November about the Backend developer position at Acme Ltd" in body
    assert "our conversation about their move to event-driven services," in body
    assert body.endswith("With thanks,\nAlex Morgan")
    assert unfilled(subject + body) == []


@pytest.mark.parametrize(
    ("person", "company", "role"),
    [
        ("Seán O'Brien", "O'Brien & Daughters", "Dev"),
        ("José Núñez", "Café {Olé}", "${role} engineer"),
        ("山田 太郎", "株式会社 [bold]山田[/bold]", "$$ $company"),
        ("{first_name}", "$interviewer", "[red]role[/]"),
    ],
)
def test_unusual_names_come_out_unchanged(person: str, company: str, role: str) -> None:
    application = detail(person, company=company, role=role)
    (someone,) = recipients(THANK_YOU, application)
    subject, body = fill(THANK_YOU, note_values(application, someone, ME, ZONE))
    assert subject == f"Thank you: {role} interview"
    assert body.startswith(f"Dear {first_name(person)},")
    assert f"the {role} position at {company}." in body


def test_control_characters_are_removed_from_values() -> None:
    application = detail("Ana\x1b[31m Ruiz\u202e", company="Acme\x07 Ltd")
    values = note_values(application, recipients(THANK_YOU, application)[0], ME, ZONE)
    assert values["name"] == "Ana[31m Ruiz"
    assert values["company"] == "Acme Ltd"


def test_signature_falls_back_to_the_name_then_to_a_placeholder() -> None:
    application = detail("Ana")
    ana = recipients(THANK_YOU, application)[0]
    signed = Settings(user_name="Alex Morgan", user_signature="Alex Morgan\n+44 20 7946 0000")
    assert note_values(application, ana, signed, ZONE)["signature"] == signed.user_signature
    assert note_values(application, ana, ME, ZONE)["signature"] == "Alex Morgan"
    _, body = fill(THANK_YOU, note_values(application, ana, Settings(), ZONE))
    assert body.endswith("With thanks,\n[your signature]")


def test_every_template_uses_only_known_fields() -> None:
    for template in DEFAULT_TEMPLATES.values():
        subject, body = fill(template, ALL_VALUES)
        assert "$" not in subject + body, template.id
        assert unfilled(subject + body) == [], template.id
        assert template.title and body.strip(), template.id


def test_every_kind_has_templates_and_each_template_one_kind() -> None:
    assert set(DEFAULT_TEMPLATES) == set(TemplateId)
    assert KIND_TEMPLATES[NoteKind.THANK_YOU] == (
        TemplateId.THANK_YOU_EMAIL,
        TemplateId.THANK_YOU_SHORT,
    )
    assert KIND_TEMPLATES[NoteKind.FOLLOW_UP] == (
        TemplateId.FOLLOW_UP_FIRST,
        TemplateId.FOLLOW_UP_FINAL,
    )
    assert sum(len(ids) for ids in KIND_TEMPLATES.values()) == len(TemplateId)


def test_the_follow_up_template_depends_on_how_many_went_out() -> None:
    assert follow_up_template(Progress(Stage.THANKED)) is TemplateId.FOLLOW_UP_FIRST
    assert follow_up_template(Progress(Stage.FOLLOWED_UP, follow_ups=1)) is (
        TemplateId.FOLLOW_UP_FINAL
    )


def test_an_override_keeps_id_title_and_kind() -> None:
    mine = with_override(THANK_YOU, "Thanks!", "Hi $first_name")
    assert (mine.id, mine.title, mine.kind, mine.customised) == (
        THANK_YOU.id,
        THANK_YOU.title,
        THANK_YOU.kind,
        True,
    )
    assert not THANK_YOU.customised


# -- pushiness and length --------------------------------------------------------------------


def test_a_follow_up_right_after_the_thank_you_is_gently_warned_with_the_date() -> None:
    progress = Progress(Stage.THANKED, HELD, 1, 1, thanked_at=NOW)
    caution = follow_up_caution(progress, NOW, Settings(), ZONE)
    assert caution is not None
    assert "early" in caution
    assert "Wednesday 2 December" in caution  # three business days after Saturday


def test_a_follow_up_that_is_due_gets_no_warning() -> None:
    progress = Progress(Stage.THANKED, NOW.subtract(days=9), 1, 1, thanked_at=NOW.subtract(days=8))
    assert follow_up_caution(progress, NOW, Settings(), ZONE) is None


def test_a_third_follow_up_is_warned_about() -> None:
    progress = Progress(
        Stage.FOLLOWED_UP,
        NOW.subtract(days=30),
        1,
        1,
        thanked_at=NOW.subtract(days=29),
        follow_ups=2,
        last_follow_up_at=NOW.subtract(days=14),
    )
    caution = follow_up_caution(progress, NOW, Settings(), ZONE)
    assert caution is not None and "2 times" in caution


def test_a_long_follow_up_gets_a_hint_and_a_short_one_none() -> None:
    follow_up = DEFAULT_TEMPLATES[TemplateId.FOLLOW_UP_FIRST]
    assert length_hint(follow_up, "word " * LONG_FOLLOW_UP_WORDS) is None
    hint = length_hint(follow_up, "word " * (LONG_FOLLOW_UP_WORDS + 1))
    assert hint is not None and "151 words" in hint
    assert length_hint(THANK_YOU, "word " * 400) is None


# -- getting it out --------------------------------------------------------------------------


def test_mailto_link_carries_subject_and_body_encoded() -> None:
    link = mailto_link("ana@acme.example", "Q&A? 100% yes", "Hi Ana,\n\nThanks & bye #1")
    assert link.startswith("mailto:ana@acme.example?subject=")
    assert "Q%26A%3F%20100%25%20yes" in link
    assert "body=Hi%20Ana%2C%0D%0A%0D%0AThanks%20%26%20bye%20%231" in link
    assert mailto_link("", "", "x") == "mailto:?body=x"


@given(subject=st.text().filter(lambda s: "\n" not in s and "\r" not in s), body=st.text())
@PROPERTY
def test_mailto_body_decodes_back(subject: str, body: str) -> None:
    link = mailto_link("a@b.example", subject, body)
    encoded_body = link.split("body=", 1)[1]
    assert unquote(encoded_body) == body.replace("\r\n", "\n").replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("subject", "body"),
    [("Thanks", "Dear Ana,\n\nThank you."), ("", "Hi Ana, thanks! Alex"), ("S", "")],
)
def test_plain_text_round_trips(subject: str, body: str) -> None:
    text = plain_text(subject, body)
    assert text.endswith("\n")
    assert split_plain(text) == (subject, body)


def test_split_plain_without_a_subject_line_is_all_body() -> None:
    assert split_plain("Dear Ana,\nSubject: x\n") == ("", "Dear Ana,\nSubject: x")


# -- drafts and the drafting model -----------------------------------------------------------


def test_resume_picks_the_newest_unsent_draft_of_the_template_for_that_person() -> None:
    drafts = (
        draft(1, TemplateId.THANK_YOU_EMAIL, 1, hours_ago=5),
        draft(2, TemplateId.THANK_YOU_EMAIL, 1, hours_ago=2),
        draft(3, TemplateId.THANK_YOU_EMAIL, 1, hours_ago=1, sent=True),
        draft(4, TemplateId.THANK_YOU_EMAIL, 2, hours_ago=0),
        draft(5, TemplateId.FOLLOW_UP_FIRST, 1, hours_ago=0),
    )
    ids = [str(TemplateId.THANK_YOU_EMAIL)]
    assert resume_draft(drafts, ids, 1) == drafts[1]
    assert resume_draft(drafts, ids, 2) == drafts[3]
    assert resume_draft(drafts, ids, 3) is None


def _data(application: ApplicationDetail, *drafts: Draft) -> DraftingData:
    return DraftingData(application, ME, dict(DEFAULT_TEMPLATES), drafts)


def _uids() -> itertools.count[int]:
    return itertools.count(100)


def test_several_interviewers_make_one_draft_each() -> None:
    data = _data(detail("Mei Lin", "Jonas Weber", "Ada Fernández"))
    numbers = _uids()
    slots = build_slots(data, NoteKind.THANK_YOU, ZONE, lambda: f"new-{next(numbers)}")
    assert [slot.recipient.name for slot in slots] == ["Mei Lin", "Jonas Weber", "Ada Fernández"]
    assert [slot.uid for slot in slots] == ["new-100", "new-101", "new-102"]
    assert [slot.body.split("\n")[0] for slot in slots] == ["Dear Mei,", "Dear Jonas,", "Dear Ada,"]
    assert not any(slot.dirty or slot.stored for slot in slots)


def test_an_unsent_draft_is_resumed_and_a_sent_one_is_not() -> None:
    data = _data(
        detail("Mei Lin", "Jonas Weber"),
        draft(1, TemplateId.THANK_YOU_SHORT, 1, body="my words"),
        draft(2, TemplateId.THANK_YOU_EMAIL, 2, body="sent words", sent=True),
    )
    mei, jonas = build_slots(data, NoteKind.THANK_YOU, ZONE, lambda: "fresh")
    assert (mei.uid, mei.body, mei.stored, mei.template.id) == (
        "uid-1",
        "my words",
        True,
        TemplateId.THANK_YOU_SHORT,
    )
    assert (jonas.uid, jonas.stored) == ("fresh", False)
    assert jonas.body.startswith("Dear Jonas,")


def test_a_sent_draft_opened_from_the_history_is_copied_into_a_new_draft() -> None:
    sent = draft(2, TemplateId.THANK_YOU_EMAIL, 2, body="sent words", sent=True)
    unsent = draft(3, TemplateId.THANK_YOU_EMAIL, 2, body="unsent words")
    data = _data(detail("Mei Lin", "Jonas Weber"), sent, unsent)
    jonas = Recipient("Jonas Weber", "2@acme.example", 2)
    copy = slot_from_draft(data, sent, jonas, "copy")
    assert (copy.uid, copy.body, copy.stored, copy.dirty) == ("copy", "sent words", False, False)
    same = slot_from_draft(data, unsent, jonas, "unused")
    assert (same.uid, same.body, same.stored) == ("uid-3", "unsent words", True)


def test_slots_track_what_is_saved() -> None:
    (slot,) = build_slots(_data(detail("Ana")), NoteKind.THANK_YOU, ZONE, lambda: "u1")
    edited = slot.edited("S", "B")
    assert edited.dirty and not edited.stored
    saved = edited.written("S", "B")
    assert saved.stored and not saved.dirty
    again = saved.edited("S", "B2")
    assert again.dirty
    restarted = again.restarted("u2")
    assert (restarted.uid, restarted.stored, restarted.dirty) == ("u2", False, False)


def test_thanked_interviewers_are_skipped_when_choosing_where_to_start() -> None:
    application = detail("Mei Lin", "Jonas Weber", "Ada", thanked=(1,))
    slots = build_slots(_data(application), NoteKind.THANK_YOU, ZONE, lambda: "u")
    assert [is_thanked(slot, application) for slot in slots] == [True, False, False]
    assert first_open(slots, application) == 1
    everyone = detail("Mei Lin", thanked=(1,))
    done = build_slots(_data(everyone), NoteKind.THANK_YOU, ZONE, lambda: "u")
    assert first_open(done, everyone, default=0) == 0


def test_switching_template_starts_fresh_or_resumes_that_templates_draft() -> None:
    data = _data(detail("Ana"), draft(1, TemplateId.THANK_YOU_SHORT, 1, body="short one"))
    (slot,) = build_slots(data, NoteKind.THANK_YOU, ZONE, lambda: "u")
    short = switch_template(data, slot, TemplateId.THANK_YOU_SHORT, ZONE, lambda: "v")
    assert short.body == "short one"
    email = switch_template(data, short, TemplateId.THANK_YOU_EMAIL, ZONE, lambda: "w")
    assert email.uid == "w" and email.body.startswith("Dear Ana,")


def test_a_follow_up_panel_starts_from_the_right_template() -> None:
    progress = Progress(Stage.FOLLOWED_UP, HELD, 1, 1, follow_ups=1)
    (slot,) = build_slots(
        _data(detail("Ana", progress=progress)), NoteKind.FOLLOW_UP, ZONE, lambda: "u"
    )
    assert slot.template.id is TemplateId.FOLLOW_UP_FINAL
    assert slot.recipient.interviewer_id is None


def test_history_labels_name_the_template_person_and_state() -> None:
    data = _data(detail("Mei Lin"), draft(1, TemplateId.THANK_YOU_EMAIL, 1, sent=True))
    assert history_label(data.drafts[0], data, ZONE) == (
        "28 Nov 11:00 · Thank-you (email) · Mei Lin · sent"
    )
    unknown = replace(draft(2, TemplateId.WITHDRAW, None), template="from-a-newer-version")
    assert history_label(unknown, data, ZONE) == "28 Nov 11:00 · from-a-newer-version"
