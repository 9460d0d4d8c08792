"""What identifies our files and their schema, without loading the migrations themselves.

Opening an up-to-date file needs only these numbers; :mod:`.schema` (and sqlite-utils with it,
about 60 ms and 6 MiB) is imported only when a file is created or upgraded.
"""

from __future__ import annotations

APPLICATION_ID = 0x506F496E
"""``PRAGMA application_id``: "PoIn" in ASCII, marks a file as ours."""
MIGRATION_SET = "postinterview"
MIGRATION_NAMES: tuple[str, ...] = (
    "0001-core",
    "0002-offers",
    "0003-drafts",
    "0004-sent-messages",
    "0005-inbox",
    "0006-dues",
    "0007-stage-counts",
    "0008-search-texts",
    "0009-dues-counted",
)
"""Every migration, in order (:mod:`.schema` checks it defines exactly these)."""
LATEST_VERSION = len(MIGRATION_NAMES)
