"""The board: six stage columns of cards, driven from the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from postinterview_tui.domain.agenda_groups import header_words
from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.domain.wording import long_date
from postinterview_tui.tui.collection import collect_closed_screen
from postinterview_tui.tui.commands.table import BOARD_COMMANDS, bindings
from postinterview_tui.tui.screens.board_actions import BoardActions
from postinterview_tui.tui.screens.board_faces import CardFaces
from postinterview_tui.tui.screens.board_filter import closed_cards_that_fit
from postinterview_tui.tui.screens.board_filter_box import FilterBox
from postinterview_tui.tui.screens.board_paging import BoardPaging
from postinterview_tui.tui.screens.writes import StoreChange
from postinterview_tui.tui.state.board_data import (
    BoardData,
    is_current,
    load_board,
)
from postinterview_tui.tui.widgets.board_column import ColumnView
from postinterview_tui.tui.widgets.board_view import BoardView
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.workarounds import forget_closed_widgets

if TYPE_CHECKING:
    pass


# The dialogs, the offer form and the filter box are imported when first used: with them,
# Textual's Input, OptionList and Select (and the modules they pull in) loaded at start-up,
# where the board shows none of them.

NEEDS_CARD = frozenset(
    {
        "reopen",
        "move_next",
        "move_previous",
        "move_to",
        "edit_application",
        "open_detail",
        "delete_application",
        "draft_thank_you",
        "draft_follow_up",
        "record_reply",
        "add_round",
    }
)
"""Actions on the highlighted card: not offered while the cursor is on none."""
POLL_SECONDS = 1.0
CLOCK_SECONDS = 60.0
"""How often due labels and header counts catch up with the clock while nothing changes."""


class BoardScreen(BoardPaging, BoardActions, FilterBox):
    """The kanban of post-interview stages."""

    COMMAND_TABLE = BOARD_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)
    AUTO_FOCUS = None

    board: reactive[BoardData | None] = reactive(
        None, always_update=True, init=False, repaint=False
    )
    """The current snapshot of the board (reassigned, never mutated). No repaint of the
    whole screen: its watcher updates only the columns and labels that changed."""

    def __init__(self, initial: BoardData | None = None) -> None:
        super().__init__()
        self._initial = initial
        self._expanded_closed = False
        self._focus_after_load: int | None = None
        # Bumped by every move patched into the board: a read that started before it is stale.
        self._patches = 0
        # True between a move patched in and that move's announcement.
        self._write_shown = False
        # What each column was last given, so a redraw can skip the columns that did not change.
        self._shown: dict[Stage, object] = {}
        self._header: tuple[str, str] = ("", "")
        self._keys_state: tuple[Stage | None, bool, bool] | None = None
        self._closed_fit = 0
        self._faces = CardFaces()
        # Columns whose next page is being read (one read per column at a time).
        self._paging: set[Stage] = set()

    def compose(self) -> ComposeResult:
        with Horizontal(id="board-header"):
            yield Static("postinterview", id="app-title")
            yield Static("", id="today")
            yield Static("", id="summary")
        yield BoardView([(stage, stage.label) for stage in STAGE_ORDER], id="columns")
        yield Static(
            Content(
                "No applications yet.\n\n"
                "Press n to add the interview you just had: company, role and when it was.\n"
                "postinterview will remind you to say thank you, and when to follow up."
            ),
            id="empty-state",
        )
        yield KeyBar()

    def on_screen_resume(self) -> None:
        """Back on the board: catch up with changes made meanwhile by other programs (it does
        not poll while covered), and free the screen that was on top at idle."""
        # The poll, not a reload: the app's own writes are already being read (with the card
        # written focused), and a second read here would cancel that one.
        self._poll_for_changes()
        self.call_after_refresh(self._free_closed_screen)

    def _free_closed_screen(self) -> None:
        forget_closed_widgets()
        collect_closed_screen()

    def on_mount(self) -> None:
        if self._initial is not None:
            self.board = self._initial
        else:
            self.reload()
        self.set_interval(POLL_SECONDS, self._poll_for_changes)
        self.set_interval(CLOCK_SECONDS, self._catch_up_with_clock)
        # Every write made through the app (on any screen) is announced: read again at once,
        # so the board is up to date before the user is back on it.
        self.pi_app.writes.follow(self._store_changed)

    def _store_changed(self, change: StoreChange) -> None:
        if self._write_shown:
            # A move made on the board, patched in with the file's marker right after it: the
            # board is what a read would give, so its announcement has nothing to add.
            self._write_shown = False
            return
        # The card written gets the highlight, wherever it went. Reads nothing when the file
        # is as the board last read it.
        self.reload(change.application_id, only_if_changed=True)

    # -- data --------------------------------------------------------------------------------

    @property
    def view(self) -> BoardView:
        """The widget that draws the columns."""
        return self.query_one("#columns", BoardView)

    def column(self, stage: Stage) -> ColumnView:
        """The column of a stage."""
        return self.view.column(stage)

    @work(thread=True, exclusive=True, group="board-load", exit_on_error=False)
    def reload(self, focus_id: int | None = None, *, only_if_changed: bool = False) -> None:
        """Reload the board from the file, then focus ``focus_id`` if given.

        With ``only_if_changed``, nothing is read when the file is as the board last read it
        (closing a screen that changed nothing costs no second copy of the board).
        """
        app = self.pi_app
        patches = self._patches
        board = self.board
        if (
            only_if_changed
            and board is not None
            and is_current(board, app.repository.change_marker())
        ):
            return
        # Each column as far as it was scrolled: a reload never takes cards from under the user.
        loaded = {stage: len(items) for stage, items in board.columns.items()} if board else None
        data = load_board(
            app.repository,
            needle=self.filter_text,
            loaded=loaded,
            now=app.clock(),
            zone=app.zone,
        )
        self.app.call_from_thread(self._loaded, data, focus_id, patches)

    def _loaded(self, data: BoardData, focus_id: int | None, patches: int) -> None:
        if patches != self._patches:
            # Read before a move was patched in: it would put the card back. Changes made by
            # others meanwhile are not lost: the patched board keeps the older data_version,
            # so the next poll reads again.
            return
        if data.needle != self.filter_text:
            return  # read for a filter typed over since: the read for the new one follows
        self._focus_after_load = focus_id if focus_id is not None else self.current_id()
        self.board = data

    def _patched(self, data: BoardData, focus_id: int) -> None:
        self._patches += 1
        self._focus_after_load = focus_id
        # Its announcement comes next (writes.run calls ``done`` first): see _store_changed.
        self._write_shown = data.marker is not None
        with self.app.batch_update():  # one frame for the two columns, header and focus
            self.board = data

    def _catch_up_with_clock(self) -> None:
        # Due labels and counts depend on the time as well as on the data.
        self._shown.clear()
        self._faces.forget()
        self.reload()

    @work(thread=True, exclusive=True, group="board-poll", exit_on_error=False)
    def _poll_for_changes(self) -> None:
        board = self.board
        # Under another screen nothing of the board is shown: it catches up when back on top.
        if board is None or self.app.screen is not self:
            return
        if self.pi_app.repository.data_version() != board.data_version:
            self.app.call_from_thread(self.reload)

    def watch_board(self, board: BoardData | None) -> None:
        if board is None:
            return
        keep = self._focus_after_load
        self._focus_after_load = None
        now = self.pi_app.clock()
        needle = board.needle  # the store found the matching cards
        view = self.view
        self._closed_fit = closed_cards_that_fit(
            board.counts[Stage.CLOSED], view.body_height, view.CARD_HEIGHT, view.FOLD_HEIGHT
        )
        for stage in STAGE_ORDER:
            items = board.columns[stage]
            if stage is Stage.CLOSED and not needle and not self._expanded_closed:
                items = items[: self._closed_fit]
            # "+ N more" stands for the cards not shown: folded away, or not read yet; with a
            # filter, matches beyond those read are not counted ("+ more", "Closed (60+)").
            count = board.shown_count(stage)
            folded = 1 if count is None else max(count - len(items), 0)
            shown = (items, folded, needle, board.settings)
            if self._shown.get(stage) == shown:
                continue  # unchanged: a move redraws two columns, not six
            self._shown[stage] = shown
            how_many = f"{len(items)}+" if count is None else str(count)
            self.column(stage).set_cards(
                [item.id for item in items],
                self._faces.describer(board, now, self.pi_app.zone),
                heading=f"{stage.label} ({how_many})",
                folded_more=folded,
                more_counted=count is not None,
                keep_id=keep if board.stage_of(keep or -1) is stage else None,
            )
        self.query_one("#empty-state").display = board.total == 0
        self.query_one("#columns").display = board.total > 0
        self._update_header(board, now)
        self._restore_focus(board, keep)

    @on(BoardView.HeightChanged)
    def _refit_closed(self) -> None:
        """A taller or shorter board fits more or fewer closed cards."""
        board, view = self.board, self.view
        if board is None:
            return
        fit = closed_cards_that_fit(
            board.counts[Stage.CLOSED], view.body_height, view.CARD_HEIGHT, view.FOLD_HEIGHT
        )
        if fit != self._closed_fit:
            self.board = board

    def _update_header(self, board: BoardData, now: Any) -> None:
        zone = self.pi_app.zone
        # The review's own groups, counted: "4 overdue · 1 due soon" are its rows (counted
        # along the due-time index by the read, and followed through the board's own moves).
        parts = header_words(board.agenda_counts or {})
        if board.inbox_pending:
            parts.append(f"{board.inbox_pending} in inbox")
        if self.pi_app.demo:
            parts.append("demo data")
        header = (long_date(now.in_timezone(zone).date()), " · ".join(parts))
        if header == self._header:
            return  # an update would lay the header out again for nothing
        before, self._header = self._header, header
        self.query_one("#today", Static).update(Content(header[0]), layout=False)  # 1fr wide
        # Sized to its text: a layout pass only when the text's width changes.
        resized = cell_len(header[1]) != cell_len(before[1])
        self.query_one("#summary", Static).update(Content(header[1]), layout=resized)

    def _restore_focus(self, board: BoardData, keep: int | None) -> None:
        box = self._filter_box()
        if box is not None and self.focused is box and box.has_class("-shown"):
            return  # the user is typing a filter: never take the cursor away
        if keep is not None and (stage := board.stage_of(keep)) is not None:
            column = self.column(stage)
            if column.select_id(keep):
                self.view.current = column.index
                # At once, not after the next refresh: the card and the focus that follows it
                # land in the same frame.
                self.set_focus(self.view)
                return
        current = self.current_column()
        if current is not None and current.card_count:
            return
        for stage in STAGE_ORDER:
            column = self.column(stage)
            if column.card_count:
                column.focus()
                return

    # -- helpers -----------------------------------------------------------------------------

    def current_column(self) -> ColumnView | None:
        """The current column, while the columns have the focus."""
        view = self.view
        return view.current_column if self.focused is view else None

    def current_id(self) -> int | None:
        """The id of the highlighted card in the focused column."""
        column = self.current_column()
        return column.highlighted_id if column else None

    def current_stage(self) -> Stage | None:
        """The stage of the focused column."""
        column = self.current_column()
        return None if column is None else Stage(str(column.key))

    def _key_facts(self) -> tuple[Stage | None, bool, bool] | None:
        """What decides which keys apply: the column's stage where it matters (no "back" in
        the first column, "reopen" in Closed alone), whether the cursor is on a card, and
        whether it is on the "+ N more" row; None while the columns do not have the focus."""
        column = self.current_column()
        if column is None:
            return None
        stage = Stage(str(column.key))
        telling = stage if stage in (Stage.INTERVIEWED, Stage.CLOSED) else None
        return telling, column.highlighted_id is not None, column.cursor_on_fold

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        facts = self._key_facts()
        if facts is None:
            return None if action in NEEDS_CARD else True
        stage, on_card, on_fold = facts
        if action == "open_detail" and on_fold:
            return True
        if action in NEEDS_CARD and not on_card:
            return None
        if action == "move_next" and stage is Stage.CLOSED:
            return None
        if action == "move_previous" and stage is Stage.INTERVIEWED:
            return None
        if action == "reopen" and stage is not Stage.CLOSED:
            return None
        return True

    # -- navigation --------------------------------------------------------------------------

    def action_column_left(self) -> None:
        """Focus the column to the left."""
        self._step_column(-1)

    def action_column_right(self) -> None:
        """Focus the column to the right."""
        self._step_column(1)

    def _step_column(self, delta: int) -> None:
        view = self.view
        if self.focused is not view:
            self.set_focus(view)
            return
        view.step(delta)

    def action_card_up(self) -> None:
        """Highlight the card above."""
        if column := self.current_column():
            column.move_cursor(-1)

    def action_card_down(self) -> None:
        """Highlight the card below."""
        if column := self.current_column():
            column.move_cursor(1)

    @on(BoardView.CurrentChanged)
    @on(BoardView.CardHighlighted)
    def _keys_may_change(self) -> None:
        # The footer and the help ask check_action about every key again on a refresh: only
        # when its answers change (j/k between cards, h/l between middle columns change none).
        column = self.current_column()
        if column is not None:
            self._read_on_if_near_end(column)
        state = self._key_facts()
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()
