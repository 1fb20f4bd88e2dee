"""A small scriptable HTTP server on loopback, for tests of retries, auth and faults.

Real sockets and real ``requests``, no mocks: a handler function per route decides the answer, and
every request is logged. Routes are matched on method and path prefix, the longest prefix first.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Reply:
    """What a handler answers: status, headers, body (bytes, str, or JSON-able)."""

    def __init__(
        self,
        status: int = 200,
        body: Any = b"",
        headers: dict[str, str | None] | None = None,
        *,
        drop_after: int | None = None,
        cut: int | str | None = None,
    ) -> None:
        self.status = status
        self.headers: dict[str, str | None] = dict(headers or {})
        if isinstance(body, (dict, list)):
            self.body = json.dumps(body).encode()
            self.headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            self.body = body.encode()
        else:
            self.body = body
        # close the connection after sending this many body bytes (a dropped download)
        self.drop_after = drop_after
        # close the connection after this many bytes of the whole answer (status line, headers, body),
        # or right after the first occurrence of this text in it: an answer cut anywhere
        self.cut = cut


class Seen:
    """One request as the server received it."""

    def __init__(self, method: str, path: str, headers: dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"<Seen {self.method} {self.path}>"


Handler = Callable[[Seen], Reply]


class ScriptedServer:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    body = self._read_chunked()
                else:
                    body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, dict(self.headers.items()), body)
                with outer.lock:
                    outer.seen.append(seen)
                handler = outer._route(self.command, self.path)
                reply = handler(seen) if handler else Reply(404, {"error": {"message": "no route"}})
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    if value is not None:  # None: leave out (Content-Length: None sends no length)
                        self.send_header(key, value)
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                if reply.cut is not None:
                    self._send_cut(reply)
                    return
                self.end_headers()
                if self.command != "HEAD":
                    if reply.drop_after is not None:
                        self.wfile.write(reply.body[: reply.drop_after])
                        self.wfile.flush()
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    self.wfile.write(reply.body)
                if "Content-Length" in reply.headers and reply.headers["Content-Length"] is None:
                    self.close_connection = True  # no length: the end of the connection ends the body

            def _send_cut(self, reply: Reply) -> None:
                head = b"".join(self._headers_buffer) + b"\r\n"  # type: ignore[attr-defined]
                self._headers_buffer = []  # type: ignore[attr-defined]
                whole = head + (reply.body if self.command != "HEAD" else b"")
                if isinstance(reply.cut, str):
                    found = whole.find(reply.cut.encode("latin-1"))
                    assert found >= 0, f"{reply.cut!r} is not in the answer"
                    at = found + len(reply.cut)
                else:
                    at = int(reply.cut or 0)
                self.wfile.write(whole[:at])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)

            def _read_chunked(self) -> bytes:
                out = b""
                while True:
                    size = int(self.rfile.readline().strip() or b"0", 16)
                    if size == 0:
                        self.rfile.readline()
                        return out
                    out += self.rfile.read(size)
                    self.rfile.readline()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_COPY = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        # a short poll interval: shutdown() waits for one, and every test stops a server
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, method: str, prefix: str, handler: Handler | Reply) -> None:
        self.routes[(method.upper(), prefix)] = handler if callable(handler) else (lambda _seen, r=handler: r)

    def _route(self, method: str, path: str) -> Handler | None:
        matches = [(p, h) for (m, p), h in self.routes.items() if m == method and path.startswith(p)]
        if not matches:
            return None
        return max(matches, key=lambda item: len(item[0]))[1]

    def requests(self, method: str | None = None, prefix: str = "") -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if (method is None or s.method == method) and s.path.startswith(prefix)]

    def start(self) -> ScriptedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    try:
        yield server
    finally:
        server.stop()


def sequence(*replies: Reply) -> Handler:
    """A handler answering with ``replies`` in turn, then repeating the last."""
    items = list(replies)
    lock = threading.Lock()

    def handler(_seen: Seen) -> Reply:
        with lock:
            return items.pop(0) if len(items) > 1 else items[0]

    return handler
