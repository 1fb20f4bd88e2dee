"""A minimal Keystone (v3 and v2.0) on the scripted server, for lifecycle tests that count requests.

It issues numbered tokens, knows which are valid, can revoke them, and guards service routes with
them (401 for an unknown token), like keystonemiddleware in front of a real service.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
from collections.abc import Callable

from tests.harness.server import Reply, ScriptedServer, Seen


def iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class FakeKeystone:
    def __init__(
        self,
        server: ScriptedServer,
        *,
        lifetime: float = 3600.0,
        delay: float = 0.0,
        now: Callable[[], float] = time.time,
        regions: tuple[str, ...] = ("RegionOne",),
    ) -> None:
        self.server = server
        self.lifetime = lifetime
        self.delay = delay
        self.now = now
        self.regions = regions
        self.issued: list[str] = []
        self.valid: set[str] = set()
        self.expires: dict[str, float] = {}  # token -> epoch seconds (on the ``now`` clock)
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        server.route(
            "GET",
            "/",
            Reply(
                300,
                {
                    "versions": {
                        "values": [
                            {
                                "id": "v3.14",
                                "status": "stable",
                                "links": [{"rel": "self", "href": f"{server.url}/v3/"}],
                            },
                        ]
                    }
                },
            ),
        )
        server.route("POST", "/v3/auth/tokens", self._v3)
        server.route("POST", "/v2.0/tokens", self._v2)

    def catalog_v3(self) -> list[dict[str, object]]:
        base = self.server.url
        return [
            {
                "type": "identity",
                "name": "keystone",
                "id": "k",
                "endpoints": [
                    {"interface": "public", "region_id": r, "region": r, "url": f"{base}/v3", "id": f"k{r}"}
                    for r in self.regions
                ],
            },
            {
                "type": "object-store",
                "name": "swift",
                "id": "s",
                "endpoints": [
                    {
                        "interface": i,
                        "region_id": r,
                        "region": r,
                        "url": f"{base}/swift/{r}/v1/AUTH_%(project_id)s",
                        "id": f"s{i}{r}",
                    }
                    for r in self.regions
                    for i in ("public", "internal")
                ],
            },
            {
                "type": "compute",
                "name": "nova",
                "id": "n",
                "endpoints": [
                    {
                        "interface": "public",
                        "region_id": r,
                        "region": r,
                        "url": f"{base}/compute/{r}/v2.1",
                        "id": f"n{r}",
                    }
                    for r in self.regions
                ],
            },
        ]

    def _new_token(self) -> str:
        if self.delay:
            time.sleep(self.delay)
        with self._lock:
            token = f"tok-{next(self._counter)}"
            self.issued.append(token)
            self.valid.add(token)
        return token

    def _v3(self, seen: Seen) -> Reply:
        body = seen.json()["auth"]
        identity = body["identity"]
        if "password" in identity and identity["password"]["user"].get("password") != "secret-pw":
            return Reply(
                401,
                {
                    "error": {
                        "code": 401,
                        "title": "Unauthorized",
                        "message": "The request you have made requires authentication.",
                    }
                },
            )
        token = self._new_token()
        issued = self.now()
        self.expires[token] = issued + self.lifetime
        return Reply(
            201,
            {
                "token": {
                    "methods": identity["methods"],
                    "expires_at": iso(issued + self.lifetime),
                    "issued_at": iso(issued),
                    "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                    "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                    "roles": [{"id": "r1", "name": "member"}],
                    "catalog": self.catalog_v3(),
                }
            },
            headers={"X-Subject-Token": token},
        )

    def _v2(self, seen: Seen) -> Reply:
        auth = seen.json()["auth"]
        creds = auth.get("passwordCredentials")
        if creds is not None and creds.get("password") != "secret-pw":
            return Reply(401, {"unauthorized": {"code": 401, "message": "Invalid user / password"}})
        token = self._new_token()
        issued = self.now()
        self.expires[token] = issued + self.lifetime
        base = self.server.url
        return Reply(
            200,
            {
                "access": {
                    "token": {
                        "id": token,
                        "expires": iso(issued + self.lifetime),
                        "issued_at": iso(issued),
                        "tenant": {"id": "p1", "name": "demo"},
                    },
                    "user": {"id": "u1", "name": "demo", "roles": [{"name": "member"}]},
                    "serviceCatalog": [
                        {
                            "type": "object-store",
                            "name": "swift",
                            "endpoints": [
                                {
                                    "region": r,
                                    "publicURL": f"{base}/swift/{r}/v1/AUTH_p1",
                                    "internalURL": f"{base}/swift/{r}/v1/AUTH_p1",
                                }
                                for r in self.regions
                            ],
                        }
                    ],
                }
            },
        )

    def accepts(self, token: str | None) -> bool:
        """True when ``token`` was issued here, is not revoked and has not expired (on ``now``)."""
        return token in self.valid and self.now() < self.expires.get(token, float("inf"))

    def revoke(self, token: str) -> None:
        with self._lock:
            self.valid.discard(token)

    def guard(self, method: str, prefix: str, handler: Callable[[Seen], Reply] | Reply) -> None:
        """Route ``prefix`` to ``handler``, answering 401 to requests without a valid token."""
        inner = handler if callable(handler) else (lambda _seen, r=handler: r)

        def guarded(seen: Seen) -> Reply:
            if not self.accepts(seen.headers.get("X-Auth-Token")):
                return Reply(
                    401,
                    "<html><h1>Unauthorized</h1><p>This server could not verify that you are "
                    "authorized to access the document you requested.</p></html>",
                    {"Content-Type": "text/html"},
                )
            return inner(seen)

        self.server.route(method, prefix, guarded)

    @property
    def token_requests(self) -> int:
        return len(self.server.requests("POST", "/v3/auth/tokens")) + len(self.server.requests("POST", "/v2.0/tokens"))
