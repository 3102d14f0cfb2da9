"""The loopback redirect receiver (RFC 8252 §7.3): one GET on ``http://127.0.0.1:<port>/callback``.

It listens on a random free port of 127.0.0.1 only, bound exclusively (no ``SO_REUSEADDR``; on
Windows ``SO_EXCLUSIVEADDRUSE``, so no other process can bind the same port and read the code),
answers the browser with a short page telling the user to go back to Pleiepunkt, and hands the
query parameters of the first request on the callback path *that carries this sign-in's
``state``* to whoever waits. A request without the matching ``state`` (another local process
probing the port, a stale browser tab) gets a 400 and is otherwise ignored: the listener keeps
waiting for the real answer. It writes nothing to stderr or the log: the request line holds the
authorization code.
"""

from __future__ import annotations

import hmac
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qsl, urlsplit

from client.oidc.errors import SignInCancelled, SignInNotCompleted

_DONE_PAGE = (
    "<!DOCTYPE html><html lang='nb'><head><meta charset='utf-8'><title>Pleiepunkt</title></head>"
    "<body><h1>Innloggingen er mottatt</h1><p>Du kan lukke dette vinduet og gå tilbake til "
    "Pleiepunkt.</p></body></html>"
).encode()


_EXCLUSIVE_ADDRESS_USE = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)


def bind_exclusively(sock: socket.socket, *, platform: str = sys.platform) -> None:
    """Make ``sock`` refuse to share its port: Windows lets another socket bind a port held
    without ``SO_EXCLUSIVEADDRUSE``; elsewhere not setting ``SO_REUSEADDR`` is enough."""
    if platform == "win32":
        option = _EXCLUSIVE_ADDRESS_USE if _EXCLUSIVE_ADDRESS_USE is not None else -5
        sock.setsockopt(socket.SOL_SOCKET, option, 1)  # ~SO_REUSEADDR == -5 on Windows


class _ExclusiveServer(ThreadingHTTPServer):
    allow_reuse_address = False
    daemon_threads = True

    def server_bind(self) -> None:
        bind_exclusively(self.socket)
        super().server_bind()


class LoopbackReceiver:
    """Receives the authorization response; use as a context manager (it stops the server)."""

    def __init__(self, *, state: str, path: str = "/callback") -> None:
        self._path = path
        self._state = state
        self._result: dict[str, str] | None = None
        self._done = threading.Event()
        self._cancelled = False
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != receiver._path or receiver._done.is_set():
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                answer = dict(parse_qsl(parts.query, keep_blank_values=True))
                if not hmac.compare_digest(answer.get("state", ""), receiver._state):
                    self.send_response(400)  # not this sign-in's answer: keep waiting
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                receiver._result = answer
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(_DONE_PAGE)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.end_headers()
                self.wfile.write(_DONE_PAGE)
                receiver._done.set()

            def log_message(self, format: str, *args: object) -> None:
                return  # the request line carries the authorization code

        self._server = _ExclusiveServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="oidc-loopback", daemon=True
        )
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        """``http://127.0.0.1:<port><path>`` for the authorization request."""
        return f"http://127.0.0.1:{self._server.server_address[1]}{self._path}"

    def wait(self, timeout: float) -> dict[str, str]:
        """The callback's query parameters; SignInNotCompleted on timeout, SignInCancelled
        after ``cancel()``."""
        self._done.wait(timeout)
        if self._cancelled:
            raise SignInCancelled("sign-in cancelled by the user")
        if self._result is None:
            raise SignInNotCompleted(f"no sign-in response within {timeout:.0f} s")
        return self._result

    def cancel(self) -> None:
        """Make a pending ``wait`` end with SignInCancelled (from any thread)."""
        self._cancelled = True
        self._done.set()

    def close(self) -> None:
        """Stop listening."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackReceiver:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
