"""A real IMAP server on 127.0.0.1 for the inbox tests: pymap (from the test extra), started in
a child process with an in-memory mailbox and stopped after the test.

``imap_server`` speaks plain IMAP. ``imap_tls_server`` is the same pymap given a certificate
made by ``trustme`` (a test CA, also from the test extra) for 127.0.0.1: pymap offers STARTTLS
on its own port, and, since pymap has no implicit-TLS listener, a TLS front (the standard
library's ``ssl`` in an asyncio server, as stunnel would be in front of a real server) takes
TLS from the first byte on a second port and passes the IMAP conversation to pymap.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

USER, PASSWORD = "sam", "imap-test-password"
INSTALL = "install the test extra: pip install -e '.[test]'"


@dataclass(frozen=True)
class ImapServer:
    """Where the test server listens and how to log in.

    ``port`` is plain IMAP (with STARTTLS offered when the server has a certificate);
    ``tls_port`` takes TLS from the first byte (0 when there is none); ``ca_file`` is the test
    CA that signed the server's certificate (empty when there is none).
    """

    host: str
    port: int
    user: str
    password: str
    tls_port: int = 0
    ca_file: str = ""

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


@dataclass(frozen=True)
class ImapCertificates:
    """A test CA and a server certificate it signed for 127.0.0.1 and localhost."""

    ca_file: Path
    server_chain: Path
    server_key: Path
    other_ca_file: Path
    """A second CA that signed nothing here: trusting it must not be enough."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pymap() -> str:
    executable = shutil.which("pymap", path=str(Path(sys.executable).parent)) or shutil.which(
        "pymap"
    )
    if executable is None:
        pytest.fail(f"the IMAP tests need pymap: {INSTALL}")
    return executable


@contextlib.contextmanager
def _running_pymap(tmp_path: Path, *extra: str) -> Iterator[int]:
    """pymap on a free port of 127.0.0.1, with ``extra`` options; yields the port."""
    executable = _pymap()
    port = _free_port()
    log_path = tmp_path / f"pymap-{port}.log"
    log = log_path.open("w")
    child = subprocess.Popen(
        [executable, "--host", "127.0.0.1", "--port", str(port), *extra]
        + ["dict", "--demo-user", USER, "--demo-password", PASSWORD],
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
                    pytest.fail(f"pymap did not start: {log_path.read_text()}")
                time.sleep(0.1)
        yield port
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        log.close()


@pytest.fixture
def imap_server(tmp_path: Path) -> Iterator[ImapServer]:
    """A pymap server with one empty INBOX for user ``sam``, plain IMAP only."""
    with _running_pymap(tmp_path) as port:
        yield ImapServer("127.0.0.1", port, USER, PASSWORD)


@pytest.fixture(scope="session")
def imap_certificates(tmp_path_factory: pytest.TempPathFactory) -> ImapCertificates:
    """A CA made for this run and a server certificate for 127.0.0.1 signed by it."""
    try:
        import trustme
    except ImportError:
        pytest.fail(f"the IMAP TLS tests need trustme: {INSTALL}")
    folder = tmp_path_factory.mktemp("certificates")
    authority = trustme.CA()
    server = authority.issue_cert("127.0.0.1", "localhost")
    files = ImapCertificates(
        ca_file=folder / "ca.pem",
        server_chain=folder / "server-chain.pem",
        server_key=folder / "server-key.pem",
        other_ca_file=folder / "other-ca.pem",
    )
    authority.cert_pem.write_to_path(str(files.ca_file))
    server.private_key_pem.write_to_path(str(files.server_key))
    for number, blob in enumerate(server.cert_chain_pems):
        blob.write_to_path(str(files.server_chain), append=number > 0)
    trustme.CA().cert_pem.write_to_path(str(files.other_ca_file))
    return files


@pytest.fixture
def imap_tls_server(tmp_path: Path, imap_certificates: ImapCertificates) -> Iterator[ImapServer]:
    """pymap with the test certificate: STARTTLS on ``port``, TLS from the start on
    ``tls_port``."""
    certs = imap_certificates
    options = ("--cert", str(certs.server_chain), "--key", str(certs.server_key))
    with _running_pymap(tmp_path, *options) as port, _TlsFront(certs, port) as tls_port:
        yield ImapServer(
            "127.0.0.1", port, USER, PASSWORD, tls_port=tls_port, ca_file=str(certs.ca_file)
        )


class _TlsFront:
    """Takes TLS connections on a free port of 127.0.0.1 and relays each, decrypted, to the
    IMAP server's plain port (its own event loop, in a thread)."""

    def __init__(self, certs: ImapCertificates, backend_port: int) -> None:
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._context.load_cert_chain(certs.server_chain, certs.server_key)
        self._backend_port = backend_port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: Any = None

    def __enter__(self) -> int:
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        return started.result(timeout=10)

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> int:
        self._server = await asyncio.start_server(
            self._relay, "127.0.0.1", 0, ssl=self._context, ssl_handshake_timeout=10
        )
        return int(self._server.sockets[0].getsockname()[1])

    async def _stop(self) -> None:
        self._server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._server.wait_closed(), 5)
        for task in asyncio.all_tasks():
            if task is not asyncio.current_task():
                task.cancel()

    async def _relay(self, client_in: asyncio.StreamReader, client_out: Any) -> None:
        try:
            server_in, server_out = await asyncio.open_connection("127.0.0.1", self._backend_port)
        except OSError:
            client_out.close()
            return

        async def pipe(source: asyncio.StreamReader, sink: Any) -> None:
            with contextlib.suppress(OSError, ssl.SSLError, asyncio.CancelledError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            with contextlib.suppress(Exception):
                sink.close()

        await asyncio.gather(pipe(client_in, server_out), pipe(server_in, client_out))
