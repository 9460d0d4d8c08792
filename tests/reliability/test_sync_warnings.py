"""A database in a synced folder, on a network mount, or beside conflict copies is flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.cli.group import run
from postinterview_tui.storage.health import conflict_copies, sync_risks
from tests.ui.helpers import make_app, settle, toasts


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("Dropbox/jobs", "Dropbox"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud"),
        ("OneDrive - Acme/data", "OneDrive"),
        ("Google Drive/My Drive", "Google Drive"),
        ("Nextcloud", "Nextcloud"),
    ],
)
def test_synced_folders_are_named(tmp_path: Path, folder: str, service: str) -> None:
    risks = sync_risks(tmp_path / folder / "postinterview.db", mounts_file=tmp_path / "none")
    assert [risk.kind for risk in risks] == ["synced-folder"]
    assert service in risks[0].message


def test_a_local_folder_gives_no_warning(tmp_path: Path) -> None:
    assert sync_risks(tmp_path / "data" / "postinterview.db", mounts_file=tmp_path / "none") == []


def test_syncthing_marker_in_a_parent(tmp_path: Path) -> None:
    (tmp_path / "Sync").mkdir()
    (tmp_path / "Sync" / ".stfolder").mkdir()
    risks = sync_risks(tmp_path / "Sync" / "jobs" / "postinterview.db", mounts_file=tmp_path / "x")
    assert any("Syncthing" in risk.message for risk in risks)


def test_network_mounts_are_detected(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nserver:/export {tmp_path}/nfs nfs4 rw 0 0\n")
    risks = sync_risks(tmp_path / "nfs" / "pi" / "postinterview.db", mounts_file=mounts)
    assert [risk.kind for risk in risks] == ["network-mount"]
    assert "nfs4" in risks[0].message
    assert sync_risks(tmp_path / "local" / "postinterview.db", mounts_file=mounts) == []


def test_conflict_copies_beside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "postinterview.db"
    db.write_bytes(b"")
    (tmp_path / "postinterview.sync-conflict-20261120-101010-ABC.db").write_bytes(b"")
    (tmp_path / "postinterview (conflicted copy 2026-11-20).db").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("x")
    assert len(conflict_copies(db)) == 2
    risks = sync_risks(db, mounts_file=tmp_path / "none")
    assert [risk.kind for risk in risks] == ["conflict-copies"]


def test_doctor_reports_settings_and_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "Dropbox" / "postinterview.db"
    assert run(["--db", str(db), "add", "--company", "A", "--role", "B"]) == 0
    capsys.readouterr()
    assert run(["--db", str(db), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "Journal mode: delete" in out
    assert "Synchronous:  extra" in out
    assert "Integrity:    ok" in out
    assert "Dropbox" in out
    assert "Schema:       version" in out


async def test_the_app_warns_about_a_synced_folder(
    tmp_path: Path, now: DateTime, zone: Timezone
) -> None:
    db = tmp_path / "Dropbox" / "postinterview.db"
    app = make_app(db, now, zone)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        messages = toasts(app)
        assert any("Dropbox" in message for message in messages)
