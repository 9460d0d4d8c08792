"""The daily review: every overdue, due and upcoming action on one screen, each one done,
snoozed, drafted or closed from the keyboard without leaving it."""

from __future__ import annotations

import logging
from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from pendulum import DateTime, Timezone
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.agenda_groups import counts_text, group_agenda
from postinterview_tui.domain.cards import (
    DUE_SYMBOL,
    OVERDUE_SYMBOL,
    QUIET_SYMBOL,
    UPCOMING_SYMBOL,
)
from postinterview_tui.domain.day_words import short_date
from postinterview_tui.domain.review import (
    DONE_HINTS,
    SNOOZE_CHOICES,
    ItemKey,
    ReviewSession,
    ReviewStep,
    StepKind,
    close_step,
    done_step,
    grouped,
    item_key,
    offer_step,
    parse_snooze,
    row_text,
    snooze_examples,
    snooze_step,
    snooze_until,
)
from postinterview_tui.domain.review_cursor import next_place, still_the_same
from postinterview_tui.domain.rules import ActionKind, DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.when import WhenError
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.tui.commands.table import REVIEW_COMMANDS, bindings, dialog_bindings
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen
from postinterview_tui.tui.screens.review_inbox import (
    INBOX_HINT,
    InboxKey,
    InboxRowActions,
    inbox_row,
)
from postinterview_tui.tui.screens.writes import StoreChange, WriteContext
from postinterview_tui.tui.state.board_data import BoardData, agenda_now
from postinterview_tui.tui.widgets.agenda_list import AgendaGroup, AgendaList
from postinterview_tui.tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from postinterview_tui.inbox.records import InboxEntry
    from postinterview_tui.storage.repository import Repository

log = logging.getLogger(__name__)

_SYMBOLS = {
    DueStatus.OVERDUE: (OVERDUE_SYMBOL, "bold $error"),
    DueStatus.DUE: (DUE_SYMBOL, "bold $warning"),
    DueStatus.UPCOMING: (UPCOMING_SYMBOL, "$text-muted"),
    # Advice to let go: calm, set apart from what is late (as the card's "quiet" tone).
    DueStatus.GONE_QUIET: (QUIET_SYMBOL, "italic $text-secondary"),
}
_NEEDS_ROW = {"mark_done", "snooze", "draft", "close_application", "open_application"}
_NEEDS_INBOX_ROW = {"inbox_accept", "inbox_dismiss", "inbox_link", "inbox_explain"}
# Read when a review screen is first used, not at start-up; the dialogs name it too so that
# they are styled even when pushed on their own (Textual reads each file once).
_CSS_PATH = "../styles/review.tcss"


@dataclass(frozen=True, slots=True)
class ReviewData:
    """One read of the store: the agenda and what it was built from (built off the loop)."""

    agenda: tuple[AgendaItem, ...]
    settings: Settings
    now: DateTime
    groups: tuple[tuple[str, tuple[AgendaItem, ...]], ...] = ()
    """The agenda in the review's groups and order (``grouped``), sorted once per read."""
    upcoming: AgendaItem | None = None
    """What comes next (``next_up``), for a review with nothing left to show."""
    upcoming_known: bool = False
    """False when ``upcoming`` was not looked for: the read had rows to show."""
    inbox: tuple[InboxEntry, ...] = ()
    """Proposals from ingested mail, shown first (the Inbox group)."""


def read_review(
    repository: Repository,
    board: BoardData | None,
    session: ReviewSession,
    now: DateTime,
    zone: Timezone,
) -> ReviewData:
    """Build what the review shows (off the event loop: call it from a worker).

    ``board``, the board's latest snapshot, stands in for a read of every card while nothing
    has been written since it was taken.

    Raises:
        StoreError: the file cannot be read.
    """
    shared = None
    if board is not None:
        shared = agenda_now(board, repository.change_marker(), now, zone)
    if board is not None and shared is not None:
        # The board read the same file a moment ago: no second read of every card.
        settings, agenda = board.settings, shared
    else:
        settings = repository.settings()
        agenda = tuple(repository.stored_agenda(now, settings.window_days))
    from postinterview_tui.storage.inbox import InboxStore

    inbox = tuple(InboxStore(repository).pending())
    data = ReviewData(agenda, settings, now, tuple(grouped(agenda)), inbox=inbox)
    # What comes next is only looked up when this read leaves nothing to show (``session`` is
    # an immutable snapshot): one step along the due-time index, whatever the file holds.
    if not session.visible(agenda):
        upcoming = repository.stored_next_up(now, settings.window_days)
        data = replace(data, upcoming=upcoming, upcoming_known=True)
    return data


class ReviewScreen(InboxRowActions, Screen[None]):
    """The daily review, grouped like ``postinterview today``."""

    CSS_PATH = _CSS_PATH
    COMMAND_TABLE = REVIEW_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)
    AUTO_FOCUS = "#review-list"

    def __init__(self, data: ReviewData | None = None) -> None:
        """Open the review; with ``data`` (a :func:`read_review` made just before, which may
        stand on the board's snapshot), it opens showing it, else it reads on opening."""
        super().__init__()
        self.session = ReviewSession()
        """What was acted on since the review opened (replaced, never mutated)."""
        self.data: ReviewData | None = data
        self._items: dict[ItemKey, AgendaItem] = {}
        """The rows shown, by key, top to bottom."""
        self._inbox: dict[InboxKey, InboxEntry] = {}
        """The Inbox group's rows, by key."""
        self._load_token = 0
        self._read_before_opening = data is not None
        self._order: tuple[Hashable, ...] = ()
        """Every row shown, top to bottom (inbox rows first), as the user last saw them."""
        self._places: dict[ItemKey, tuple[str, DateTime]] = {}
        """Each agenda row's (group title, due) as last shown."""
        self._written: set[int] = set()
        """Applications written since the last read (on any screen: the store-change signal)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-header"):
            yield Static("Daily review", id="review-title")
            yield Static("", id="review-counts")
        yield AgendaList(id="review-list")
        yield Static("Loading…", id="review-empty")
        yield Static("", id="review-hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.pi_app.writes.follow(self._store_changed)
        if self.data is not None:
            self._show()  # in the first frame

    def _store_changed(self, change: StoreChange) -> None:
        if change.application_id is not None:
            self._written.add(change.application_id)

    def on_screen_resume(self) -> None:
        if self._read_before_opening:
            self._read_before_opening = False  # read a moment ago, just before opening
            return
        self.load()

    # -- data --------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the agenda again (the latest read wins)."""
        self._load_token += 1
        self._load_worker(self._load_token, self.session)

    @work(thread=True, exclusive=True, group="review-load", exit_on_error=False)
    def _load_worker(self, token: int, session: ReviewSession) -> None:
        app = self.pi_app
        try:
            # Never the board's snapshot here: these reads follow the review's own writes.
            data = read_review(app.repository, None, session, app.clock(), app.zone)
        except StoreError as error:
            app.call_from_thread(app.report_store_error, error)
            return
        app.call_from_thread(self._loaded, token, data)

    def _loaded(self, token: int, data: ReviewData) -> None:
        if token != self._load_token:
            return  # an older read finished late
        self.data = data
        key = self.current_key()
        acted = None
        # Written on another screen (a note marked sent, an offer answered): when the row
        # moved (another group, another day), it is done with, as after d.
        if (
            key is not None
            and key.application_id in self._written
            and not still_the_same(self._places.get(key), _place_of(data, key))
        ):
            self.session = self.session.handling(self._items[key])
            acted = key
        self._written.clear()
        self._show(keep=key, acted=acted)

    def _show(self, *, keep: ItemKey | None = None, acted: ItemKey | None = None) -> None:
        """Draw the rows; highlight ``keep`` if still listed; once ``acted`` is done with, the
        row :func:`next_place` names."""
        data = self.data
        if data is None:
            return
        order = self._order
        now, zone = data.now, self.pi_app.zone
        # O(rows) bookkeeping only: a row's text is built when the list first draws it.
        items: dict[ItemKey, AgendaItem] = {}
        groups: list[AgendaGroup] = []
        for title, members in data.groups:
            shown = self.session.visible(members)
            if not shown:
                continue
            keys = tuple(item_key(item) for item in shown)
            items.update(zip(keys, shown, strict=True))
            groups.append(AgendaGroup(Content.styled(f"{title} ({len(keys)})", "bold"), keys))
        visible = tuple(items.values())
        self.session = self.session.showing(visible)
        self._items = items
        inbox = {InboxKey(entry.id): entry for entry in data.inbox}
        self._inbox = inbox
        if inbox:
            inbox_title = Content.styled(f"Inbox ({len(inbox)})", "bold")
            groups.insert(0, AgendaGroup(inbox_title, tuple(inbox)))
        self._order = tuple(key for group in groups for key in group.keys)
        self._places = {
            item_key(item): (title, item.due) for title, members in data.groups for item in members
        }
        if acted is None and keep is not None and keep not in self._order:
            acted = keep  # gone from the store (written elsewhere): the same rule
        if acted is not None:
            keep = cast("ItemKey | None", next_place(order, acted, frozenset(self._order)))

        def describe(key: Hashable) -> Content:
            if isinstance(key, InboxKey):
                return inbox_row(inbox[key], zone)
            return _row_content(items[cast(ItemKey, key)], now, zone)

        rows = self.query_one("#review-list", AgendaList)
        rows.set_groups(groups, describe, keep=keep)
        rows.display = bool(visible) or bool(inbox)
        empty = self.query_one("#review-empty", Static)
        empty.display = not rows.display
        if not rows.display:
            empty.update(self._empty_text(data, zone))
        self._update_counts(visible, now, zone)
        self._update_hint()
        # check_action depends on there being a row: the footer greys keys out by it.
        self.refresh_bindings()

    def _empty_text(self, data: ReviewData, zone: Timezone) -> Content:
        if data.agenda:
            first = "All done for now: nothing left in this review."
        else:
            first = f"Nothing to do in the next {data.settings.window_days} days."
        upcoming = data.upcoming
        if not data.upcoming_known:
            # The rows were just acted on; the read that follows each action looks it up.
            second = Content("Looking at what comes next…")
        elif upcoming is None:
            second = Content("Nothing else is waiting on you.")
        else:
            text = row_text(upcoming, data.now, zone)
            stamp = upcoming.due.in_timezone(zone).format("ddd D MMM")
            second = Content.assemble(
                "Next up: ",
                (safe_line(f"{text.company} — {text.role}"), "bold"),
                f" · {safe_line(text.action)} · {text.when} ({stamp})",
                f" · {safe_line(text.detail)}" if text.detail else "",
            )
        return Content("\n\n").join(
            [Content.styled(first, "bold"), second, Content("escape goes back")]
        )

    def _update_counts(
        self, visible: tuple[AgendaItem, ...], now: DateTime, zone: Timezone
    ) -> None:
        # The groups' own counts (group_agenda), named as their headings and the board's; the
        # short date keeps all four in 80 columns.
        parts = [short_date(now.in_timezone(zone).date())]
        parts += counts_text(group_agenda(visible))
        self.query_one("#review-counts", Static).update(Content(" · ".join(parts)))

    def _update_hint(self) -> None:
        item = self.current_item()
        hint = self.query_one("#review-hint", Static)
        entry = self.current_inbox_entry()
        hint.display = item is not None or entry is not None
        if item is not None:
            hint.update(Content(DONE_HINTS[item.action]))
        elif entry is not None:
            hint.update(Content(INBOX_HINT))

    @on(AgendaList.RowHighlighted, "#review-list")
    def _highlighted(self) -> None:
        self._update_hint()

    @on(AgendaList.RowSelected, "#review-list")
    def _selected(self) -> None:
        if self.current_inbox_entry() is not None:
            self.action_inbox_explain()
        else:
            self.action_open_application()

    # -- helpers -----------------------------------------------------------------------------

    def current_item(self) -> AgendaItem | None:
        """The highlighted row's agenda item."""
        rows = self.query_one("#review-list", AgendaList)
        key = rows.highlighted_key
        if key is None or not rows.display:
            return None
        return self._items.get(cast(ItemKey, key))

    def current_inbox_entry(self) -> InboxEntry | None:
        """The highlighted row's inbox entry (None on an agenda row)."""
        rows = self.query_one("#review-list", AgendaList)
        key = rows.highlighted_key
        if not isinstance(key, InboxKey) or not rows.display:
            return None
        return self._inbox.get(key)

    def current_key(self) -> ItemKey | None:
        """The highlighted row's key."""
        item = self.current_item()
        return item_key(item) if item is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not greyed out while the first read is on its way (the keys do nothing until then):
        # greying them for that moment would only make the footer flicker and be rebuilt.
        if action in _NEEDS_ROW and self.data is not None and self.current_item() is None:
            return None
        if action in _NEEDS_INBOX_ROW and self.current_inbox_entry() is None:
            return None
        return True

    # -- actions -----------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        """Move the highlight (j/k)."""
        rows = self.query_one("#review-list", AgendaList)
        if delta > 0:
            rows.action_cursor_down()
        else:
            rows.action_cursor_up()

    def action_back(self) -> None:
        """Leave the review."""
        self.dismiss()

    def action_mark_done(self) -> None:
        """Record what the highlighted action means (asking first for an offer)."""
        item = self.current_item()
        if item is None:
            return
        step = done_step(item.action, item.condition_id)
        if step.kind is StepKind.NOT_YET:
            self.app.notify(step.done, markup=False)
            return
        if step.kind is not StepKind.DECIDE_OFFER:
            self.act(item, step)
            return

        def decided(accept: bool | None) -> None:
            if accept is not None:
                self.act(item, offer_step(accept))

        self.app.push_screen(OfferDecisionScreen(_title(item)), decided)

    def action_snooze(self) -> None:
        """Snooze the highlighted application's actions."""
        item = self.current_item()
        if item is None:
            return
        zone = self.pi_app.zone

        def chosen(until: DateTime | None) -> None:
            if until is not None:
                self.act(item, snooze_step(until, zone))

        self.app.push_screen(SnoozeScreen(_title(item), self.pi_app.clock(), zone), chosen)

    def action_close_application(self) -> None:
        """Close the highlighted application, asking for a reason."""
        item = self.current_item()
        if item is None:
            return

        def closed(answer: tuple[CloseReason, str] | None) -> None:
            if answer is not None:
                self.act(item, close_step(answer[0], answer[1]))

        self.app.push_screen(CloseReasonScreen(_title(item)), closed)

    def action_open_application(self) -> None:
        """Open the highlighted application's details."""
        item = self.current_item()
        if item is not None:
            self.pi_app.open_detail(item.application_id)

    def action_draft(self, kind: str) -> None:
        """Draft a thank-you or follow-up note for the highlighted application."""
        item = self.current_item()
        if item is None:
            return
        self.pi_app.open_drafting(item.application_id, str(ActionKind(kind)))

    # -- writing -----------------------------------------------------------------------------

    def act(self, item: AgendaItem, step: ReviewStep, *, force: bool = False) -> None:
        """Take ``item`` off the list, focus the next row, and write ``step`` off the loop."""
        key = item_key(item)
        self.session = self.session.handling(item)
        self._show(acted=key)
        self._write(item, step, force)
        log.debug("review: %s on %s", step.kind, key)

    def _write(self, item: AgendaItem, step: ReviewStep, force: bool) -> None:
        application_id = item.application_id

        def write_step(write: WriteContext) -> None:
            repository, now = write.repository, write.now
            if step.kind is StepKind.MOVE and step.stage is not None:
                repository.move(
                    application_id,
                    step.stage,
                    when=now,
                    now=now,
                    reason=step.reason,
                    force=write.force,
                    reflection=step.note,
                )
            elif step.kind is StepKind.CHECK_IN and step.condition_id is not None:
                repository.check_in_condition(application_id, step.condition_id, now)
            elif step.kind is StepKind.SNOOZE and step.until is not None:
                repository.snooze(application_id, step.until, now)
            else:
                raise ValueError(f"the review cannot write {step!r}")

        self.pi_app.writes.run(
            self,
            write_step,
            about=application_id,
            force=force,
            say=f"{item.company}: {step.done}",
            done=lambda _: self.load(),
            undone=lambda _why: self._restore(item),
        )

    def _restore(self, item: AgendaItem) -> None:
        self.session = self.session.restoring(item)
        self._show(keep=item_key(item))


def _place_of(data: ReviewData, key: ItemKey) -> tuple[str, DateTime] | None:
    """The (group title, due) of the row ``key`` in a read, None when it is not in it."""
    for title, members in data.groups:
        for item in members:
            if item_key(item) == key:
                return title, item.due
    return None


def _title(item: AgendaItem) -> str:
    return f"{item.company} — {item.role}"


def _row_content(item: AgendaItem, now: DateTime, zone: Timezone) -> Content:
    """Two lines: who, then what, how late or soon, and the detail."""
    text = row_text(item, now, zone)
    symbol, style = _SYMBOLS[item.status]
    when_style = "bold $error" if item.status is DueStatus.OVERDUE else ""
    return Content.assemble(
        (symbol, style),
        " ",
        (safe_line(text.company), "bold"),
        " — ",
        safe_line(text.role),
        "\n   ",
        safe_line(text.action),
        " · " if text.when else "",
        (text.when, when_style),
        f" · {safe_line(text.detail)}" if text.detail else "",
    )


# -- dialogs ----------------------------------------------------------------------------------


class SnoozeScreen(ModalScreen[DateTime | None]):
    """Ask how long to snooze: a choice of lengths, or a date typed with the usual forms."""

    CSS_PATH = _CSS_PATH
    BINDINGS = dialog_bindings("snooze.cancel")

    def __init__(self, title: str, now: DateTime, zone: Timezone) -> None:
        super().__init__()
        self.title_text = title
        self.now = now
        self.zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"Snooze {safe_line(self.title_text)} until…"), id="question")
            yield OptionList(
                *(Option(label, id=f"days-{days}") for label, days in SNOOZE_CHOICES),
                id="snooze-lengths",
            )
            examples = ", ".join(snooze_examples(self.now, self.zone))
            yield Input(placeholder=f"or a date: {examples}…", id="snooze-date")
            yield Label("", id="snooze-error")
            yield Label("enter picks · tab to type a date · escape cancels", classes="hint")

    def on_mount(self) -> None:
        lengths = self.query_one("#snooze-lengths", OptionList)
        lengths.highlighted = 0
        lengths.focus()

    @on(OptionList.OptionSelected, "#snooze-lengths")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        days = int((event.option.id or "days-1").removeprefix("days-"))
        self.dismiss(snooze_until(days, self.now, self.zone))

    @on(Input.Submitted, "#snooze-date")
    def _typed(self, event: Input.Submitted) -> None:
        try:
            until = parse_snooze(event.value, self.now, self.zone)
        except WhenError as error:
            self.query_one("#snooze-error", Label).update(Content(safe_line(str(error))))
            return
        self.dismiss(until)

    def action_cancel(self) -> None:
        """Close without snoozing."""
        self.dismiss(None)


class OfferDecisionScreen(ModalScreen[bool | None]):
    """Ask whether an offer was accepted or declined."""

    CSS_PATH = _CSS_PATH
    BINDINGS = dialog_bindings("offer.cancel")

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"The offer from {safe_line(self.title_text)}:"), id="question")
            yield OptionList(
                Option("I accepted it", id="accept"),
                Option("I declined it", id="decline"),
                id="offer-choices",
            )
            yield Label("enter picks · escape cancels", classes="hint")

    def on_mount(self) -> None:
        choices = self.query_one("#offer-choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#offer-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "accept")

    def action_cancel(self) -> None:
        """Close without deciding."""
        self.dismiss(None)
