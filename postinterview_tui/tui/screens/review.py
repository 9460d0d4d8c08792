"""The daily review: every overdue, due and upcoming action on one screen, each one done,
snoozed, drafted or closed from the keyboard without leaving it."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, cast

from pendulum import DateTime, Timezone
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.agenda_groups import count_words
from postinterview_tui.domain.cards import (
    DUE_SYMBOL,
    OVERDUE_SYMBOL,
    QUIET_SYMBOL,
    UPCOMING_SYMBOL,
)
from postinterview_tui.domain.day_words import short_date
from postinterview_tui.domain.review import (
    DONE_HINTS,
    ItemKey,
    ReviewSession,
    item_key,
    row_text,
)
from postinterview_tui.domain.review_cursor import next_place, still_the_same
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.commands.table import REVIEW_COMMANDS, bindings
from postinterview_tui.tui.screens.review_actions import ReviewRowActions
from postinterview_tui.tui.screens.review_dialogs import REVIEW_CSS_PATH
from postinterview_tui.tui.screens.review_inbox import (
    INBOX_HINT,
    InboxKey,
    InboxRowActions,
    inbox_row,
)
from postinterview_tui.tui.screens.review_texts import empty_text, header
from postinterview_tui.tui.screens.writes import StoreChange
from postinterview_tui.tui.state.review_data import (
    PAGE_ROWS,
    ReviewData,
    place_of,
    read_on,
    read_review,
)
from postinterview_tui.tui.widgets.agenda_list import AgendaGroup, AgendaList
from postinterview_tui.tui.widgets.agenda_messages import NearEnd
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.widgets.pending_read import PendingRead

if TYPE_CHECKING:
    from postinterview_tui.inbox.records import InboxEntry

_SYMBOLS = {
    DueStatus.OVERDUE: (OVERDUE_SYMBOL, "bold $error"),
    DueStatus.DUE: (DUE_SYMBOL, "bold $warning"),
    DueStatus.UPCOMING: (UPCOMING_SYMBOL, "$text-muted"),
    # Advice to let go: calm, set apart from what is late (as the card's "quiet" tone).
    DueStatus.GONE_QUIET: (QUIET_SYMBOL, "italic $text-secondary"),
}
_NEEDS_ROW = {"mark_done", "snooze", "draft", "close_application", "open_application"}
_NEEDS_INBOX_ROW = {"inbox_accept", "inbox_dismiss", "inbox_link", "inbox_explain"}


class ReviewScreen(ReviewRowActions, InboxRowActions, Screen[None]):
    """The daily review, grouped like ``postinterview today``."""

    CSS_PATH = REVIEW_CSS_PATH
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
        self._reading_on = False
        """A read of the next page is under way."""
        self._wants_end = False
        """End was pressed: read every row left, then go to the last."""

    def compose(self) -> ComposeResult:
        # One line of text for the title and the counts, not a row of widgets: each widget
        # costs Textual a pass over every style rule of the app, a layout and a draw when
        # the screen opens (tests/ui/test_review_builds_little.py counts them).
        yield Static(header(None), id="review-counts", markup=False)
        yield AgendaList(id="review-list")
        if self.data is None:
            yield PendingRead("Loading…", id="review-empty")
        # Opened with its rows (as the board opens it), the empty review's text is mounted
        # only if it comes to be shown (see _show_empty): a hidden widget costs as much to
        # build as a shown one.
        yield Static("", id="review-hint")
        yield KeyBar()

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

    def _load_worker(self, token: int, session: ReviewSession) -> None:
        app = self.pi_app
        # As many rows as were read on to: a read after a write keeps the user's place.
        rows = len(self.data.agenda) if self.data is not None else PAGE_ROWS
        written = frozenset(self._written)
        app.reads.run(
            self,
            # Never the board's snapshot here: these reads follow the review's own writes.
            lambda: read_review(
                app.repository,
                None,
                session,
                app.clock(),
                app.zone,
                rows=rows,
                written=written,
            ),
            lambda data: self._loaded(token, data),
            group="review-load",
            exclusive=True,
        )

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
            and not still_the_same(self._places.get(key), place_of(data, key))
        ):
            self.session = self.session.handling(self._items[key])
            acted = key
        self._written.clear()
        self._show(keep=key, acted=acted)
        self.inbox_read(data.inbox)

    @on(AgendaList.NearEnd, "#review-list")
    def _near_end(self, message: NearEnd) -> None:
        if message.to_the_end and self.data is not None and self.data.next_mark is not None:
            self._wants_end = True  # once every row is read, the cursor goes to the last
        self._read_on()

    def _read_on(self) -> None:
        """Near the last row read: read the next page (one read at a time); after end, every
        row left, then the cursor goes to the last."""
        data = self.data
        if data is None or self._reading_on:
            return
        if data.next_mark is None:
            if self._wants_end:
                self._wants_end = False
                self.query_one("#review-list", AgendaList).action_last()
            return
        self._reading_on = True
        token, repository, to_the_end = self._load_token, self.pi_app.repository, self._wants_end

        def more(read: ReviewData) -> None:
            self._reading_on = False
            if token == self._load_token and self.data is data:  # else a newer read shows
                self.data = read
                self._show(keep=self.current_key())
            if self._wants_end:
                self._read_on()  # the rest (end was pressed while a page was being read)

        def failed(_error: object) -> None:
            self._reading_on = self._wants_end = False

        self.pi_app.reads.run(
            self,
            lambda: read_on(repository, data, to_the_end=to_the_end),
            more,
            group="review-read-on",
            failed=failed,
        )

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
        # Each group's rows in the store, less what the session hides (read or not yet).
        counts = data.shown_counts(self.session)
        for title, members in data.groups:
            shown = self.session.visible(members)
            if not shown:
                continue
            keys = tuple(item_key(item) for item in shown)
            items.update(zip(keys, shown, strict=True))
            count = counts[members[0].status]  # a group's rows share its status
            groups.append(AgendaGroup(Content.styled(f"{title} ({count})", "bold"), keys))
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
        self._show_empty(None if rows.display else empty_text(data, zone))
        if not visible and data.next_mark is not None:
            self._read_on()  # every row read is hidden: the rows to show are further on
        self._update_counts(counts, now, zone)
        self._update_hint()
        # check_action depends on there being a row: the footer greys keys out by it.
        self.refresh_bindings()

    def _show_empty(self, text: Content | None) -> None:
        """Show ``text`` where the rows go (the review has nothing to list); hide it when None.
        Mounted the first time it is shown, between the list and the hint."""
        found = self.query("#review-empty").results(Static)
        empty = next(found, None)
        if empty is None:
            if text is not None:
                self.mount(Static(text, id="review-empty", markup=False), before="#review-hint")
            return
        empty.display = text is not None
        if text is not None:
            empty.update(text)

    def _update_counts(self, counts: dict[DueStatus, int], now: DateTime, zone: Timezone) -> None:
        # The groups' own counts (as their headings give them), named as the board's; the
        # short date keeps all four in 80 columns.
        parts = [short_date(now.in_timezone(zone).date())]
        parts += count_words(counts)
        self.query_one("#review-counts", Static).update(header(" · ".join(parts)))

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
