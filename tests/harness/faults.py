"""A fault-injecting loopback proxy: forwards TCP to a real service and cuts chosen answers short.

Put it in front of a dev-cloud service (``endpoint_override`` at the proxy) and arm a :class:`Cut`:
the next request whose first line matches has its answer forwarded up to the end of the first
occurrence of ``after`` (matched without regard to case, plus ``extra`` bytes), then both
connections are closed, as a proxy, a load balancer or a broken link would. Requests are plain
HTTP/1.1 on keep-alive connections, one at a time per connection (what requests sends).
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

_REQUEST_LINE = re.compile(rb"^([A-Z]+) (\S+) HTTP/1\.[01]\r\n")


class Cut:
    """Cut the answer to the next request matching ``method`` and ``path_contains``."""

    def __init__(self, method: str, path_contains: str, after: bytes, *, extra: int = 0, times: int = 1) -> None:
        self.method = method.upper()
        self.path_contains = path_contains
        self.after = after.lower()
        self.extra = extra
        self.times = times
        self.done = 0

    def matches(self, method: str, path: str) -> bool:
        return self.done < self.times and method == self.method and self.path_contains in path


class FaultProxy:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.cuts: list[Cut] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request forwarded
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def address(self) -> str:
        host, port = self.listener.getsockname()[:2]
        return f"{host}:{port}"

    def arm(self, cut: Cut) -> Cut:
        with self.lock:
            self.cuts.append(cut)
        return cut

    def seen(self, method: str, path_contains: str = "") -> list[str]:
        with self.lock:
            return [p for m, p in self.requests if m == method and path_contains in p]

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        state: dict[str, Cut | None] = {"cut": None}
        closed = threading.Event()

        def close_both() -> None:
            closed.set()
            for sock in (client, server):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with suppress(OSError):
                    sock.close()

        def upward() -> None:  # client -> service: note each request, arm its cut
            with suppress(OSError):
                while not closed.is_set():
                    data = client.recv(65536)
                    if not data:
                        break
                    found = _REQUEST_LINE.match(data)
                    if found:
                        method, path = found.group(1).decode(), found.group(2).decode("latin-1")
                        with self.lock:
                            self.requests.append((method, path))
                            cut = next((c for c in self.cuts if c.matches(method, path)), None)
                            if cut is not None:
                                cut.done += 1
                        state["cut"] = cut
                    server.sendall(data)
            close_both()

        threading.Thread(target=upward, daemon=True).start()
        seen = b""
        forwarded = 0
        with suppress(OSError):
            while not closed.is_set():
                data = server.recv(65536)
                if not data:
                    if len(seen) > forwarded:
                        client.sendall(seen[forwarded:])  # the service closed first: nothing to cut
                    break
                cut = state["cut"]
                if cut is None:
                    client.sendall(data)
                    continue
                seen += data
                at = seen.lower().find(cut.after)
                if at < 0 or len(seen) < at + len(cut.after) + cut.extra:
                    # hold back what the cut may still fall inside
                    safe = len(seen) - len(cut.after) - cut.extra if at < 0 else at
                    if safe > forwarded:
                        client.sendall(seen[forwarded:safe])
                        forwarded = safe
                    continue
                end = at + len(cut.after) + cut.extra
                client.sendall(seen[forwarded:end])
                break
        close_both()


@contextmanager
def fault_proxy(upstream: tuple[str, int]) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream).start()
    try:
        yield proxy
    finally:
        proxy.stop()
