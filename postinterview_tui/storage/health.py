"""Health checks for the database file: where it lives, how SQLite keeps it safe, and whether
it is intact. Used by ``postinterview doctor`` and by the app's start-up warnings."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from postinterview_tui.storage.connection import choose_durability, wal_is_safe

SYNCED_FOLDER_MARKERS: tuple[tuple[str, str], ...] = (
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("onedrive", "OneDrive"),
    ("icloud", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
    ("syncthing", "Syncthing"),
    ("pcloud", "pCloud"),
)
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smbfs",
        "smb3",
        "9p",
        "fuse.sshfs",
        "sshfs",
        "afs",
        "davfs",
        "fuse.rclone",
        "webdav",
        "ncpfs",
        "glusterfs",
        "ceph",
    }
)
CONFLICT_MARKERS = ("sync-conflict", "conflicted copy", "conflict", "(1).db", " 2.db")


@dataclass(frozen=True, slots=True)
class SyncRisk:
    """Why the data directory looks unsafe for a live SQLite file."""

    kind: str
    message: str


def sync_risks(db_path: Path, mounts_file: Path = Path("/proc/mounts")) -> list[SyncRisk]:
    """Warnings about a database kept in a synced folder, on a network mount, or beside
    sync-conflict copies. Sync tools copy the file while it is being written, which can
    corrupt it or silently bring back an old copy."""
    risks: list[SyncRisk] = []
    folder = db_path.expanduser().absolute().parent
    lowered = [part.lower() for part in folder.parts]
    for marker, service in SYNCED_FOLDER_MARKERS:
        if any(marker == part or part.startswith(marker) for part in lowered):
            risks.append(
                SyncRisk(
                    "synced-folder",
                    f"the database is inside a {service} folder; syncing a live database can "
                    "corrupt it or bring back an old copy: keep it in a local folder and use "
                    "`postinterview backup` to copy it into the synced folder",
                )
            )
            break
    if _has_syncthing_marker(folder):
        risks.append(
            SyncRisk("synced-folder", "the database is inside a Syncthing folder (.stfolder)")
        )
    filesystem = _filesystem_type(folder, mounts_file)
    if filesystem in NETWORK_FILESYSTEMS:
        risks.append(
            SyncRisk(
                "network-mount",
                f"the database is on a network file system ({filesystem}); SQLite's locking is "
                "unreliable there and two computers writing at once can corrupt the file",
            )
        )
    conflicts = conflict_copies(db_path)
    if conflicts:
        names = ", ".join(path.name for path in conflicts[:3])
        risks.append(
            SyncRisk(
                "conflict-copies",
                f"sync-conflict copies lie beside the database ({names}): a sync tool has "
                "seen two versions; check which one holds your latest changes",
            )
        )
    return risks


def conflict_copies(db_path: Path) -> list[Path]:
    """Files beside the database that look like a sync tool's conflict copies of it."""
    folder = db_path.parent
    if not folder.is_dir():
        return []
    stem = db_path.stem.lower()
    found = []
    for candidate in sorted(folder.iterdir()):
        name = candidate.name.lower()
        if candidate == db_path or not name.startswith(stem) or name == db_path.name.lower():
            continue
        if any(marker in name for marker in CONFLICT_MARKERS):
            found.append(candidate)
    return found


def _has_syncthing_marker(folder: Path) -> bool:
    for ancestor in (folder, *folder.parents):
        try:
            if (ancestor / ".stfolder").exists():
                return True
        except OSError:
            return False
    return False


def _filesystem_type(folder: Path, mounts_file: Path) -> str:
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    best, best_type = "", ""
    target = str(folder)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """What ``postinterview doctor`` reports."""

    sqlite_version: str
    wal_safe: bool
    journal_mode: str
    synchronous: str
    schema_version: int
    integrity: str
    risks: tuple[SyncRisk, ...]


_SYNCHRONOUS_NAMES = {0: "off", 1: "normal", 2: "full", 3: "extra"}


def diagnose(db: sqlite3.Connection, db_path: Path) -> Diagnosis:
    """Read the file's settings and check its integrity (reads only)."""
    journal = str(db.execute("PRAGMA journal_mode").fetchone()[0])
    sync_level = int(db.execute("PRAGMA synchronous").fetchone()[0])
    schema = int(db.execute("PRAGMA user_version").fetchone()[0])
    integrity = str(db.execute("PRAGMA integrity_check").fetchone()[0])
    version = sqlite3.sqlite_version_info
    return Diagnosis(
        sqlite_version=sqlite3.sqlite_version,
        wal_safe=wal_is_safe(version),
        journal_mode=journal,
        synchronous=_SYNCHRONOUS_NAMES.get(sync_level, str(sync_level)),
        schema_version=schema,
        integrity=integrity,
        risks=tuple(sync_risks(db_path)),
    )


def expected_durability() -> str:
    """The journal mode and sync level this SQLite build gets, in words."""
    choice = choose_durability(sqlite3.sqlite_version_info)
    return f"journal_mode={choice.journal_mode}, synchronous={choice.synchronous}"
