"""A mobile link on loopback: a TCP proxy in front of the platform that adds latency, caps the
bandwidth and can drop the connection after a number of bytes.

    with ShapedLink("127.0.0.1", port, rtt_ms=150, mbit=10) as link:
        client = FhirClient(link.rewrite(platform.fhir_base) + "/")

Model (one per direction, like a full-duplex radio link): a chunk read from one side is
serialised at ``mbit`` after the chunks before it in the same direction, on every connection (the
connections share the radio's bandwidth: two answers at once each take twice as long), then
delivered ``rtt_ms / 2`` later. A new
connection costs one round trip before its first byte moves (the TCP handshake the loopback
does not have). TLS is not modelled (the platform speaks plain HTTP on loopback).
``drop_after(n)`` closes the connection that carries the ``n``-th next byte from the platform
to the client, mid-answer, once; the link works again for the next connection.

Counters (``down``, ``up``, ``connections``) are bytes as they cross the link: HTTP headers
and bodies, compressed where the parties compress. Everything binds to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

CHUNK = 16 * 1024


@dataclass(frozen=True)
class Counters:
    """Bytes across the link so far (down: platform to client) and connections opened."""

    down: int
    up: int
    connections: int

    def __sub__(self, other: Counters) -> Counters:
        return Counters(
            self.down - other.down, self.up - other.up, self.connections - other.connections
        )


class ShapedLink:
    """The proxy (see the module docstring); a context manager that stops every thread it
    started when the block ends."""

    def __init__(
        self,
        upstream_host: str,
        upstream_port: int,
        *,
        rtt_ms: float = 0.0,
        mbit: float | None = None,
    ) -> None:
        self._upstream = (upstream_host, upstream_port)
        self.rtt_ms = rtt_ms
        self.mbit = mbit
        self._lock = threading.Lock()
        self._down = self._up = self._connections = 0
        self._drop_at: int | None = None
        self._free = {True: 0.0, False: 0.0}  # per direction (down?): when the link is free
        self._dropped = 0
        self._closing = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]

    # ---- control --------------------------------------------------------------------------

    def shape(self, *, rtt_ms: float, mbit: float | None) -> None:
        """Change the link's shape for connections and chunks from now on."""
        self.rtt_ms, self.mbit = rtt_ms, mbit

    def drop_after(self, n_bytes: int) -> None:
        """Cut the connection carrying the ``n_bytes``-th next downstream byte (once)."""
        with self._lock:
            self._drop_at = self._down + n_bytes

    @property
    def dropped(self) -> int:
        """How many connections ``drop_after`` has cut."""
        with self._lock:
            return self._dropped

    def counters(self) -> Counters:
        with self._lock:
            return Counters(self._down, self._up, self._connections)

    def rewrite(self, url: str) -> str:
        """``url`` (on the platform's host and port) pointed at this link instead."""
        parts = urlsplit(url)
        return urlunsplit(parts._replace(netloc=f"127.0.0.1:{self.port}"))

    # ---- lifetime -------------------------------------------------------------------------

    def __enter__(self) -> ShapedLink:
        self._spawn(self._accept_loop, "link-accept")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._closing.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)
        for thread in self._threads:
            thread.join(timeout=5)

    # ---- the pumps ------------------------------------------------------------------------

    def _spawn(self, target: object, name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._spawn(self._connect, "link-connect", client)

    def _connect(self, client: socket.socket) -> None:
        with self._lock:
            self._connections += 1
            self._sockets.add(client)
        time.sleep(self.rtt_ms / 1000.0)  # the handshake's round trip
        try:
            server = socket.create_connection(self._upstream)
        except OSError:
            _shut(client)
            return
        with self._lock:
            self._sockets.add(server)
        pair = (client, server)
        for reader, writer, down in ((client, server, False), (server, client, True)):
            pipe: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
            self._spawn(self._read, "link-read", reader, pipe, down)
            self._spawn(self._write, "link-write", writer, pipe, down, pair)

    def _read(
        self, sock: socket.socket, pipe: queue.Queue[tuple[float, bytes] | None], down: bool
    ) -> None:
        while True:
            try:
                data = sock.recv(CHUNK)
            except OSError:
                data = b""
            if not data:
                pipe.put(None)
                return
            mbit = self.mbit
            serialised = len(data) * 8 / (mbit * 1e6) if mbit else 0.0
            with self._lock:  # the direction's bandwidth, shared by every connection
                free = self._free[down] = max(time.monotonic(), self._free[down]) + serialised
            pipe.put((free + self.rtt_ms / 2000.0, data))

    def _write(
        self,
        sock: socket.socket,
        pipe: queue.Queue[tuple[float, bytes] | None],
        down: bool,
        pair: tuple[socket.socket, socket.socket],
    ) -> None:
        while True:
            item = pipe.get()
            if item is None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_WR)
                return
            due, data = item
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            data, cut = self._count(data, down)
            try:
                if data:
                    sock.sendall(data)
            except OSError:
                cut = True
            if cut:
                for end in pair:
                    _shut(end)
                return

    def _count(self, data: bytes, down: bool) -> tuple[bytes, bool]:
        with self._lock:
            if not down:
                self._up += len(data)
                return data, False
            cut = False
            if self._drop_at is not None and self._down + len(data) >= self._drop_at:
                data = data[: max(0, self._drop_at - self._down)]
                self._drop_at = None
                self._dropped += 1
                cut = True
            self._down += len(data)
            return data, cut


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
