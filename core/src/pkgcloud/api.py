"""Authenticated requests to one service endpoint.

An :class:`ApiSession` joins a transport, an auth context and an endpoint: it resolves the endpoint
from the catalog once, adds the auth headers, and on a 401 invalidates the token that failed (only
if it is still the current one), re-authenticates and replays the request once when its body can
be replayed. Every service client sends its requests through one.
"""

from __future__ import annotations

import json as _json
import threading
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from pkgcloud.auth import AuthContext, EndpointQuery
from pkgcloud.errors import MalformedResponse, ReauthenticationImpossible
from pkgcloud.http import AnswerCheck, Body, Transport, error_from_response
from pkgcloud.redact import redact_text, redact_url

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
    """Requests to one service, authenticated, with the endpoint taken from the catalog.

    ``service`` is the pkgcloud service (``compute``, ``blockstorage``) named in errors; ``resolve``
    turns the catalog's URL into the one requests go to (adding a missing version segment)."""

    def __init__(
        self,
        transport: Transport,
        auth: AuthContext,
        endpoint: EndpointQuery | str,
        *,
        headers: Mapping[str, str] | None = None,
        service: str = "",
        resolve: Callable[[str], str] | None = None,
    ) -> None:
        self.transport = transport
        self._resolve = resolve
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
                    found = self.auth.endpoint(self._endpoint)
                    if self._resolve is not None:
                        found = self._resolve(found)
                    self._base = found.rstrip("/")
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

    def redirected(
        self, method: str, path: str, *, tail: int | None = None, **kwargs: Any
    ) -> tuple[requests.Response, str]:
        """Send, and when the answer is a redirect, send once more to where it points, **on our endpoint**.

        Redirects are never followed by the transport: a ``Location`` may name a host the caller cannot
        reach (Heat's ``GET /stacks/{name}`` answers 302 with its internal address), and following it
        would resend the token there. Here only the path is taken from ``Location``: its last ``tail``
        segments (or all of it below our endpoint's path), joined to our endpoint; its query is dropped,
        since the request's own ``params`` are sent again. Returns the final response and the path used.
        """
        response = self.request(method, path, **kwargs)
        if response.status_code not in (301, 302, 303, 307, 308):
            return response, path
        location = response.headers.get("Location", "")
        response.close()
        resolved = self.relative_location(location, tail=tail)
        if resolved is None:
            raise self.malformed(f"a {response.status_code} redirect without a usable Location", method, response.url)
        again = "GET" if response.status_code == 303 else method
        return self.request(again, resolved, **kwargs), resolved

    def relative_location(self, location: str, *, tail: int | None = None) -> str | None:
        """The path of ``location`` relative to our endpoint (see :meth:`redirected`); None if empty."""
        segments = [s for s in urlsplit(location).path.split("/") if s]
        if not segments:
            return None
        if tail is not None:
            return "/".join(segments[-tail:])
        base = [s for s in urlsplit(self.base_url).path.split("/") if s]
        if segments[: len(base)] == base:
            segments = segments[len(base) :]
        return "/".join(segments) or None

    # -- conveniences ----------------------------------------------------------------------------

    def json(self, method: str, path: str = "", **kwargs: Any) -> Any:
        """Send and decode a JSON answer (None for an empty body); a body that is not JSON raises
        :class:`~pkgcloud.errors.MalformedResponse`."""
        response = self.request(method, path, **kwargs)
        return self.decode(response, method)

    def decode(self, response: requests.Response, method: str | None = None) -> Any:
        """The JSON of a successful answer (None when empty), or :class:`MalformedResponse`."""
        content = response.content
        if not content:
            return None
        try:
            return _json.loads(content)
        except ValueError:
            kind = response.headers.get("Content-Type", "").split(";")[0].strip()
            raise self.malformed(
                f"expected JSON, got {len(content)} bytes of {kind or 'no content type'}: "
                + redact_text(content, kind or None, limit=60),
                method or (response.request.method if response.request is not None else "") or "",
                response.url or "",
            ) from None

    def member(self, method: str, path: str, key: str, kind: type = dict, **kwargs: Any) -> Any:
        """Send, and return ``answer[key]``, checked to be a ``kind`` (``dict`` or ``list``); any other
        answer is a :class:`MalformedResponse` naming what was expected."""
        answer = self.json(method, path, **kwargs)
        value = answer.get(key) if isinstance(answer, dict) else None
        if not isinstance(value, kind):
            what = "{...}" if kind is dict else "[...]" if kind is list else kind.__name__
            got = f"keys {sorted(answer)[:5]}" if isinstance(answer, dict) else type(answer).__name__
            raise self.malformed(f"expected {{{key!r}: {what}}}, got {got}", method, self.url(path))
        return value

    def malformed(self, reason: str, method: str = "", url: str = "") -> MalformedResponse:
        """The typed error for an answer that cannot be read (``url`` is redacted here)."""
        return MalformedResponse(reason, service=self.service, method=method.upper(), url=redact_url(url))

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
