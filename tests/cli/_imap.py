"""A real IMAP server on 127.0.0.1 for the inbox tests: pymap (from the test extra), started in
a child process with an in-memory mailbox and stopped after the test."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "sam", "imap-test-password"


@dataclass(frozen=True)
class ImapServer:
    """Where the test server listens and how to log in."""

    host: str
    port: int
    user: str
    password: str

    def append(self, *messages: bytes, folder: str = "INBOX") -> None:
        """Deliver messages into a folder (through IMAP APPEND, as a mail server would)."""
        from imapclient import IMAPClient

        with IMAPClient(self.host, port=self.port, ssl=False, timeout=10) as client:
            client.login(self.user, self.password)
            for data in messages:
                client.append(folder, data)

    def flags(self, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        """Every message's flags (to check that reading changed none)."""
        from imapclient import IMAPClient

        with IMAPClient(self.host, port=self.port, ssl=False, timeout=10) as client:
            client.login(self.user, self.password)
            client.select_folder(folder, readonly=True)
            answer = client.fetch(client.search("ALL"), ["FLAGS"])
            return {uid: data[b"FLAGS"] for uid, data in answer.items()}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def imap_server(tmp_path: Path) -> Iterator[ImapServer]:
    """A pymap server with one empty INBOX for user ``sam``."""
    executable = shutil.which("pymap", path=str(Path(sys.executable).parent)) or shutil.which(
        "pymap"
    )
    if executable is None:
        pytest.fail("the IMAP tests need pymap: install the test extra (pip install -e '.[test]')")
    port = _free_port()
    log = (tmp_path / "pymap.log").open("w")
    child = subprocess.Popen(
        [
            executable,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "dict",
            "--demo-user",
            USER,
            "--demo-password",
            PASSWORD,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail(f"pymap did not start: {(tmp_path / 'pymap.log').read_text()}")
                time.sleep(0.1)
        yield ImapServer("127.0.0.1", port, USER, PASSWORD)
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        log.close()
