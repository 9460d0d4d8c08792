"""The repository: every read and write the app and the command line make, behind one name.

A thin facade: the reads are in :mod:`queries`, the writes in :mod:`actions` and
:mod:`offer_actions`, the shared unit of work in :mod:`unit_of_work`, opening the file in
:mod:`opening`. Screens, commands and the other storage modules hold one ``Repository``.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
from pendulum import Timezone

from postinterview_tui.storage.actions import Actions
from postinterview_tui.storage.dues import RecomputeProgress
from postinterview_tui.storage.offer_actions import OfferActions
from postinterview_tui.storage.opening import open_database
from postinterview_tui.storage.unit_of_work import MAX_ID

__all__ = ["MAX_ID", "Repository"]


class Repository(Actions, OfferActions):
    """Reads and writes one postinterview database file."""

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        zone: Timezone,
        create: bool = True,
        on_recompute: RecomputeProgress | None = None,
    ) -> Repository | None:
        """Open the file, creating and migrating it when ``create`` is true.

        When the stored dues were computed under other rules, another zone or other settings
        (a new version, a file edited elsewhere, the first start after the upgrade), every due
        is computed again first, in one transaction, calling ``on_recompute(done, total)``.

        Returns:
            The repository, or ``None`` when the file is missing and ``create`` is false.

        Raises:
            StoreUnusable: the file is not ours, newer, damaged or locked.
        """
        db = open_database(path, create=create)
        if db is None:
            return None
        repository = cls(db, path, zone)
        try:
            repository.bring_dues_up_to_date(on_recompute)
            repository.bring_search_texts_up_to_date()
        except BaseException:
            repository.close()
            raise
        return repository

    def bring_dues_up_to_date(self, on_recompute: RecomputeProgress | None = None) -> bool:
        """Compute every due again if the basis changed since they were stored (see
        :meth:`open`); True when it did."""
        with self.transactions.read():
            if self.dues.is_current() or not self.dues.any_to_keep():
                # A file with nothing to keep needs no write now: its first write computes.
                return False
        # Recorded nowhere (the action is not undoable): the wall clock will do.
        now = pendulum.now("UTC")
        with self.transactions.action("compute dues", now, undoable=False):
            if self.dues.is_current():  # another process did it while this one waited
                return False
            self.dues.recompute_all(on_recompute)
        return True

    def bring_search_texts_up_to_date(self) -> bool:
        """Make every searchable text again if they were made by another version (the first
        start after the upgrade, or a new file); True when it did. One transaction."""
        with self.transactions.read():
            if self.search.is_current():
                return False
        # Recorded nowhere (the action is not undoable): the wall clock will do.
        now = pendulum.now("UTC")
        with self.transactions.action("index search texts", now, undoable=False):
            if self.search.is_current():  # another process did it while this one waited
                return False
            self.search.rebuild()
        return True

    def close(self) -> None:
        """Close the connection."""
        with self.transactions.read():
            self.db.close()
