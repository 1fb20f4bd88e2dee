"""Authenticated requests to one service endpoint.

An :class:`ApiSession` joins a transport, an auth context and an endpoint: it resolves the endpoint
from the catalog once, adds the auth headers, and on a 401 invalidates the token that failed (only
if it is still the current one), re-authenticates and replays the request once when its body can
be replayed. Every service client sends its requests through one.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import requests

from pkgcloud.auth import AuthContext, EndpointQuery
from pkgcloud.errors import ReauthenticationImpossible
from pkgcloud.http import AnswerCheck, Body, Transport, error_from_response
from pkgcloud.redact import redact_url

# a one-shot body cannot be replayed after a 401, so it starts with a token valid this much longer
ONE_SHOT_TOKEN_MARGIN = 300.0


def join_url(base: str, path: str) -> str:
    """``base`` + ``path``, or ``path`` itself when it is already absolute."""
    if not path:
        return base
    if path.startswith(("http://", "https://")):
        return path
    if path.startswith("?"):
        return base + path
    return base.rstrip("/") + "/" + path.lstrip("/")


class ApiSession:
    """Requests to one service, authenticated, with the endpoint taken from the catalog."""

    def __init__(
        self,
        transport: Transport,
        auth: AuthContext,
        endpoint: EndpointQuery | str,
        *,
        headers: Mapping[str, str] | None = None,
        service: str = "",
    ) -> None:
        self.transport = transport
        self.auth = auth
        self._endpoint = endpoint
        self._base: str | None = endpoint if isinstance(endpoint, str) else None
        self._lock = threading.Lock()
        self.headers: dict[str, str] = dict(headers or {})
        self.service = service

    def __repr__(self) -> str:
        return f"<ApiSession {self.service or ''} {self._base or self._endpoint!r}>"

    @property
    def base_url(self) -> str:
        """The endpoint URL (looked up in the catalog on first use; authenticates if needed)."""
        if self._base is None:
            with self._lock:
                if self._base is None:
                    assert isinstance(self._endpoint, EndpointQuery)
                    self._base = self.auth.endpoint(self._endpoint).rstrip("/")
        return self._base

    def url(self, path: str = "") -> str:
        return join_url(self.base_url, path)

    def request(
        self,
        method: str,
        path: str = "",
        *,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Any = None,
        stream: bool = False,
        timeout: float | tuple[float, float] | None = None,
        retry: bool | None = None,
        authenticated: bool = True,
        raise_for_status: bool = True,
        check: AnswerCheck | None = None,
    ) -> requests.Response:
        url = self.url(path)
        hdrs = dict(self.headers)
        if headers:
            hdrs.update(headers)
        body = Body(data)
        sent_token: str | None = None
        if authenticated:
            if not body.replayable and self.auth.can_reauthenticate:
                self.auth.ensure_fresh(max(ONE_SHOT_TOKEN_MARGIN, self.auth.margin))
            auth_headers, sent_token = self.auth.request_headers()
            hdrs.update(auth_headers)

        def send() -> requests.Response:
            return self.transport.request(
                method,
                url,
                params=params,
                headers=hdrs,
                json=json,
                data=data,
                stream=stream,
                timeout=timeout,
                retry=retry,
                raise_for_status=False,
                check=check,
            )

        response = send()
        if response.status_code == 401 and authenticated and self.auth.can_reauthenticate:
            response.close()
            if not body.replayable:
                raise ReauthenticationImpossible(
                    f"{method} {redact_url(url)} was refused (401, token rejected) and cannot be replayed: "
                    "its body was a one-shot stream. Call client.auth.ensure_fresh() before long "
                    "uploads, or pass bytes, a path or a seekable file."
                )
            self.auth.invalidate(sent_token, reason=f"401 from {method} {redact_url(url)}")
            hdrs.update(self.auth.headers())
            body.rewind()
            response = send()
        if raise_for_status and response.status_code >= 400:
            raise error_from_response(response, method.upper())
        return response

    # -- conveniences ----------------------------------------------------------------------------

    def json(self, method: str, path: str = "", **kwargs: Any) -> Any:
        """Send and decode a JSON answer (None for an empty body)."""
        response = self.request(method, path, **kwargs)
        if not response.content:
            return None
        return response.json()

    def get(self, path: str = "", **kwargs: Any) -> Any:
        return self.json("GET", path, **kwargs)

    def post(self, path: str = "", **kwargs: Any) -> Any:
        return self.json("POST", path, **kwargs)

    def put(self, path: str = "", **kwargs: Any) -> Any:
        return self.json("PUT", path, **kwargs)

    def patch(self, path: str = "", **kwargs: Any) -> Any:
        return self.json("PATCH", path, **kwargs)

    def delete(self, path: str = "", **kwargs: Any) -> Any:
        return self.json("DELETE", path, **kwargs)

    def head(self, path: str = "", **kwargs: Any) -> requests.Response:
        return self.request("HEAD", path, **kwargs)
