"""The HTTP layer: one ``requests.Session`` per client, retries, redacted logging, typed errors.

Connection pooling is requests' ``HTTPAdapter``. Retries are done here rather than by urllib3's
``Retry`` because whether a request may be sent again depends on its body: bytes and seekable files
can be replayed, a one-shot iterator cannot, and only this layer knows which it was given.

An answer is trusted only when it arrived whole. ``http.client`` takes the end of the connection
as the end of the header block, so an answer cut right after ``HTTP/1.1 200 OK`` would look like a
complete one without a body; the connections made here check that the header block ended with its
empty line and treat one that did not as a dropped connection. A body cut short (its
``Content-Length`` or chunked framing unfinished) is a dropped connection too, and a caller may give
``check`` to reject answers its service could not have sent whole (a Swift object answer without a
length or with a malformed ETag). A dropped connection is retried where the request may be sent
again, and is otherwise :class:`~pkgcloud.errors.ConnectionFailed`, never a success.
"""

from __future__ import annotations

import http.client
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from pkgcloud import clock
from pkgcloud._version import __version__
from pkgcloud.dates import parse_retry_after
from pkgcloud.errors import (
    ConnectionFailed,
    HttpError,
    RateLimited,
    RequestTimeout,
    error_class_for,
)
from pkgcloud.redact import redact_headers, redact_json, redact_pairs_in_text, redact_text, redact_url

log = logging.getLogger("pkgcloud.http")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
REQUEST_ID_HEADERS = (
    "x-openstack-request-id",
    "x-compute-request-id",
    "x-trans-id",
    "x-request-id",
    "request-id",
)

# A hook that may add headers to an outgoing request: (method, url, headers) -> None.
RequestHook = Callable[[str, str, dict[str, str]], None]
# A check of an answer's completeness: None when it is whole, else what is missing.
AnswerCheck = Callable[[requests.Response], "str | None"]

# Where a service says how long to wait: the RFC's header, and the spelling some rate limiters
# document and send (Repose, in front of Rackspace Cloud DNS: "Reply-After", an ISO 8601 time).
RETRY_AFTER_HEADERS = ("Retry-After", "Reply-After")
# A 413 is a rate limit when it says when to retry (RFC 9110 15.5.14: the condition is temporary);
# without such a header it is an absolute limit (a quota, a body too large) and is not retried.
RATE_LIMIT_WITH_RETRY_AFTER = frozenset({413})


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The wait a response asks for (see :data:`RETRY_AFTER_HEADERS`), in seconds; None if it names none."""
    lowered = {str(k).lower(): v for k, v in headers.items()}
    for name in RETRY_AFTER_HEADERS:
        found = parse_retry_after(lowered.get(name.lower()))
        if found is not None:
            return found
    return None


def is_rate_limit(status: int, headers: Mapping[str, str]) -> bool:
    """429, or a 413 that says when to retry (:data:`RATE_LIMIT_WITH_RETRY_AFTER`)."""
    if status == 429:
        return True
    return status in RATE_LIMIT_WITH_RETRY_AFTER and retry_after(headers) is not None


class Body:
    """What was given as a request body, and whether it can be sent again.

    ``bytes``/``str``/``None`` replay trivially; a seekable file replays from where it started;
    anything else (generators, pipes, sockets) is one-shot.
    """

    __slots__ = ("_position", "data", "replayable")

    def __init__(self, data: Any) -> None:
        self.data = data
        self._position: int | None = None
        if data is None or isinstance(data, (bytes, bytearray, str, dict, list, tuple)):
            self.replayable = True
        elif hasattr(data, "seek") and hasattr(data, "tell") and _seekable(data):
            self._position = data.tell()
            self.replayable = True
        else:
            self.replayable = False

    def rewind(self) -> None:
        if self._position is not None:
            self.data.seek(self._position)


def _seekable(f: Any) -> bool:
    try:
        return bool(f.seekable()) if hasattr(f, "seekable") else True
    except (OSError, ValueError):
        return False


def _is_connect_failure(exc: BaseException) -> bool:
    """True when the error happened before anything was sent (so any method may be retried)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        name = type(cur).__name__
        if name in ("NewConnectionError", "ConnectTimeoutError", "NameResolutionError"):
            return True
        reason = getattr(cur, "reason", None)
        if isinstance(reason, BaseException):
            cur = reason
            continue
        args = getattr(cur, "args", ())
        nxt = next((a for a in args if isinstance(a, BaseException)), None)
        cur = nxt or cur.__cause__ or cur.__context__
    return False


# the wrapper keys of Nova-style fault bodies ({"itemNotFound": {"message": ..., "code": 404}}): Nova,
# Cinder and Trove name the fault by the key
_MESSAGE_KEYS = ("message", "detail", "details", "description", "explanation", "title", "faultstring")


def service_error(body: Any, text: str = "") -> tuple[str, str | None]:
    """The service's own message and error type from an error body, in the shapes OpenStack uses:

    * Nova, Cinder, Trove: ``{"badRequest": {"message": ..., "code": 400}}`` (the type is the key);
    * Neutron: ``{"NeutronError": {"type": "NetworkNotFound", "message": ..., "detail": ""}}``;
    * Heat: ``{"explanation": ..., "error": {"type": "StackValidationFailed", "message": ...}}``;
    * Keystone: ``{"error": {"message": ..., "title": ...}}``; Poppy, Rackspace: ``{"message": ...}``,
      with Rackspace DNS's ``validationErrors.messages`` appended;
    * anything else: the text with its tags stripped (Swift answers in HTML or plain text).
    """
    if isinstance(body, dict):
        inner = body.get("error")
        if isinstance(inner, dict):
            message, kind = service_error(inner)
            if message:
                return message, kind or _text(inner.get("title"))
        if "NeutronError" in body and isinstance(body["NeutronError"], dict):
            neutron = body["NeutronError"]
            return _first_message(neutron), _text(neutron.get("type"))
        message = _first_message(body)
        if message:
            extra = body.get("validationErrors")
            if isinstance(extra, dict) and isinstance(extra.get("messages"), list):
                message = "; ".join([message, *(str(m) for m in extra["messages"])])
            return message, _text(body.get("type"))
        for key, value in body.items():
            if isinstance(value, dict):
                message, kind = service_error(value)
                if message:
                    return message, kind or str(key)
        return "", None
    if isinstance(body, list) and body:
        return service_error(body[0])
    if text:
        plain = re.sub(r"<[^>]+>", " ", text)
        return " ".join(plain.split())[:500], None
    return "", None


def _first_message(body: dict[str, Any]) -> str:
    for key in _MESSAGE_KEYS:
        value = body.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def error_from_response(response: requests.Response, method: str | None = None) -> HttpError:
    """The typed error for an error response; reads (small) bodies to find the service's message."""
    method = method or (response.request.method if response.request is not None else "") or ""
    url = redact_url(response.url or (response.request.url if response.request is not None else "") or "")
    details: Any = None
    text = ""
    try:
        raw = response.content if method != "HEAD" else b""
        text = raw[:65536].decode("utf-8", "replace")
        ctype = response.headers.get("Content-Type", "")
        if "json" in ctype or text.lstrip()[:1] in ("{", "["):
            import json

            details = redact_json(json.loads(text))
    except (ValueError, requests.RequestException):
        details = None
    message, error_type = service_error(details, "" if details is not None else text)
    message = message or response.reason or ""
    request_id = next((response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None)
    cls = (
        RateLimited if is_rate_limit(response.status_code, response.headers) else error_class_for(response.status_code)
    )
    return cls(
        method=method,
        url=url,
        status=response.status_code,
        message=message,
        request_id=request_id,
        details=details,
        headers=redact_headers(response.headers),
        error_type=error_type,
    )


# -- answers cut inside their header block ---------------------------------------------------------


class HeaderBlockCut(http.client.RemoteDisconnected):
    """The connection ended inside an answer's header block (before its closing empty line)."""


class _LineSpy:
    """Stands in for an answer's file while ``http.client`` reads its status line and headers,
    keeping the last line read: an empty one means the header block ended at end of file."""

    __slots__ = ("_fp", "last", "lines")

    def __init__(self, fp: Any) -> None:
        self._fp = fp
        self.last: bytes | None = None
        self.lines = 0

    def readline(self, limit: int = -1) -> bytes:
        line: bytes = self._fp.readline(limit)
        self.last = line
        self.lines += 1
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fp, name)


class _CheckedHTTPResponse(http.client.HTTPResponse):
    """An ``http.client`` answer that refuses a header block cut by the end of the connection."""

    def begin(self) -> None:
        if self.headers is not None:
            return
        real = self.fp
        spy = _LineSpy(real)
        self.fp = spy
        try:
            super().begin()
        finally:
            if self.fp is spy:
                self.fp = real
        if spy.last == b"":
            status = f"{self.status} {self.reason}".strip()
            raise HeaderBlockCut(
                f"the connection closed inside the header block of the answer ({status}, "
                f"{max(0, spy.lines - 2)} header line(s) received): the answer is incomplete"
            )


class _CheckedHTTPConnectionPool(HTTPConnectionPool):
    def _new_conn(self) -> Any:
        conn: Any = super()._new_conn()
        conn.response_class = _CheckedHTTPResponse
        return conn


class _CheckedHTTPSConnectionPool(HTTPSConnectionPool):
    def _new_conn(self) -> Any:
        conn: Any = super()._new_conn()
        conn.response_class = _CheckedHTTPResponse
        return conn


_CHECKED_POOLS = {"http": _CheckedHTTPConnectionPool, "https": _CheckedHTTPSConnectionPool}


class _Adapter(HTTPAdapter):
    """requests' adapter, its connections reading answers with :class:`_CheckedHTTPResponse`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _CHECKED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _CHECKED_POOLS
        return manager


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff: ``base`` seconds before the 2nd try, twice that before the 3rd..., at most ``cap``."""
    return min(cap, base * 2.0 ** (attempt - 1))


class Transport:
    """HTTP for one client: a pooled keep-alive session with timeouts, retries and redacted logging."""

    def __init__(
        self,
        *,
        timeout: float = 60.0,
        connect_timeout: float = 10.0,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        pool_size: int = 10,
        user_agent: str | None = None,
        request_hook: RequestHook | None = None,
    ) -> None:
        self.timeout = (float(connect_timeout), float(timeout))
        self.retries = max(0, int(retries))
        self.pool_size = max(1, int(pool_size))
        self.backoff = float(backoff)
        self.max_backoff = float(max_backoff)
        self.request_hook = request_hook
        self.session = requests.Session()
        adapter = _Adapter(pool_connections=self.pool_size, pool_maxsize=self.pool_size, max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.verify = verify
        if cert is not None:
            self.session.cert = cert
        agent = f"pkgcloud/{__version__} python-requests/{requests.__version__}"
        self.session.headers["User-Agent"] = f"{user_agent} {agent}" if user_agent else agent

    @classmethod
    def from_options(cls, options: Mapping[str, Any], request_hook: RequestHook | None = None) -> Transport:
        verify: bool | str = True if options.get("verify") is None else options["verify"]
        if options.get("ca_cert"):
            verify = options["ca_cert"]
        if options.get("insecure"):
            verify = False
        cert: str | tuple[str, str] | None = options.get("cert")
        if cert and options.get("key"):
            cert = (str(cert), str(options["key"]))

        def given(name: str, default: Any) -> Any:
            value = options.get(name)
            return default if value is None else value  # 0 and False are values, not "unset"

        return cls(
            timeout=given("timeout", 60.0),
            connect_timeout=given("connect_timeout", 10.0),
            verify=verify,
            cert=cert,
            retries=given("retries", 3),
            backoff=given("backoff", 0.5),
            max_backoff=given("max_backoff", 30.0),
            pool_size=given("pool_size", 10),
            user_agent=options.get("user_agent"),
            request_hook=request_hook,
        )

    def close(self) -> None:
        self.session.close()

    # -- sending ---------------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Any = None,
        stream: bool = False,
        timeout: float | tuple[float, float] | None = None,
        raise_for_status: bool = True,
        retry: bool | None = None,
        check: AnswerCheck | None = None,
    ) -> requests.Response:
        """Send a request; retry what may be retried; raise a typed error for error statuses.

        ``retry=None`` retries idempotent methods with a replayable body; ``False`` never retries
        (connection failures before sending excepted when the body is replayable). ``check``: called
        with each answer, returns None when it is whole, else what is missing; an incomplete answer
        is handled as a dropped connection.
        """
        method = method.upper()
        hdrs = dict(headers) if headers else {}
        if self.request_hook is not None:
            self.request_hook(method, url, hdrs)
        body = Body(data)
        may_retry = (method in IDEMPOTENT_METHODS) if retry is None else retry
        attempt = 0
        debug = log.isEnabledFor(logging.DEBUG)
        while True:
            if debug:
                self._log_request(method, url, params, hdrs, json, data)
            started = clock.monotonic()
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    headers=hdrs,
                    json=json,
                    data=data,
                    stream=stream,
                    timeout=timeout if timeout is not None else self.timeout,
                    # never follow redirects: requests would carry X-Auth-Token to another host
                    allow_redirects=False,
                )
            except requests.exceptions.Timeout as exc:
                connect = isinstance(exc, requests.exceptions.ConnectTimeout)
                if attempt < self.retries and body.replayable and (connect or may_retry):
                    attempt += 1
                    self._pause(attempt, None, method, url, "timeout")
                    body.rewind()
                    continue
                phase = "connecting" if connect else "waiting for the answer"
                raise RequestTimeout(
                    f"{method} {redact_url(url)} timed out while {phase} "
                    f"(after {attempt + 1} attempt{'s' if attempt else ''})",
                    method=method,
                    url=redact_url(url),
                ) from None
            except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                # ChunkedEncodingError: a body read here (stream=False) ended before its framing did
                connect = _is_connect_failure(exc)
                if attempt < self.retries and body.replayable and (connect or may_retry):
                    attempt += 1
                    self._pause(attempt, None, method, url, "connection error")
                    body.rewind()
                    continue
                raise ConnectionFailed(
                    f"{method} {redact_url(url)} failed: {_describe_connection_error(exc)} "
                    f"(after {attempt + 1} attempt{'s' if attempt else ''})",
                    method=method,
                    url=redact_url(url),
                ) from None
            if debug:
                self._log_response(method, url, response, clock.monotonic() - started, stream)
            missing = check(response) if check is not None else None
            if missing:
                response.close()
                if attempt < self.retries and body.replayable and may_retry:
                    attempt += 1
                    self._pause(attempt, None, method, url, f"incomplete answer: {missing}")
                    body.rewind()
                    continue
                raise ConnectionFailed(
                    f"{method} {redact_url(url)} got an incomplete answer ({response.status_code}): {missing}; "
                    f"treated as a dropped connection (after {attempt + 1} attempt{'s' if attempt else ''})",
                    method=method,
                    url=redact_url(url),
                )
            status = response.status_code
            retryable = status in RETRY_STATUSES or is_rate_limit(status, response.headers)
            if retryable and may_retry and body.replayable and attempt < self.retries:
                wait = retry_after(response.headers)
                if wait is None or wait <= self.max_backoff:
                    attempt += 1
                    response.close()
                    self._pause(attempt, wait, method, url, f"status {status}")
                    body.rewind()
                    continue
            if raise_for_status and status >= 400:
                raise error_from_response(response, method)
            return response

    def _pause(self, attempt: int, wait: float | None, method: str, url: str, why: str) -> None:
        delay = wait if wait is not None else backoff_delay(attempt, self.backoff, self.max_backoff)
        log.info("retrying %s %s in %.2fs (attempt %d, %s)", method, redact_url(url), delay, attempt + 1, why)
        clock.sleep(delay)

    # -- logging ---------------------------------------------------------------------------------

    def _log_request(
        self, method: str, url: str, params: Any, headers: Mapping[str, str], json_body: Any, data: Any
    ) -> None:
        if json_body is not None:
            shown = redact_text(_dumps(json_body), "application/json")
        elif isinstance(data, (bytes, str)):
            shown = redact_text(data, headers.get("Content-Type"))
        elif data is not None:
            shown = f"<{type(data).__name__} stream>"
        else:
            shown = ""
        merged = dict(self.session.headers)
        merged.update(headers)
        log.debug(
            "REQ %s %s%s headers=%s%s",
            method,
            redact_url(url),
            f" params={_redact_params(params)}" if params else "",
            redact_headers(merged),
            f" body={shown}" if shown else "",
        )

    def _log_response(self, method: str, url: str, response: requests.Response, elapsed: float, stream: bool) -> None:
        ctype = response.headers.get("Content-Type", "")
        if stream or method == "HEAD":
            shown = ""
        elif "json" in ctype or ctype.startswith("text/"):
            shown = redact_text(response.content, ctype)
        else:
            shown = f"<{len(response.content)} bytes>" if response.content else ""
        log.debug(
            "RESP %s %s -> %s in %.3fs headers=%s%s",
            method,
            redact_url(response.url or url),
            response.status_code,
            elapsed,
            redact_headers(response.headers),
            f" body={shown}" if shown else "",
        )


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, default=str)


def _redact_params(params: Any) -> Any:
    if isinstance(params, Mapping):
        return redact_json(dict(params))
    return params


def _describe_connection_error(exc: BaseException) -> str:
    # requests wraps urllib3 errors several levels deep; show the innermost useful reason
    reason: BaseException | None = exc
    text = str(exc)
    for _ in range(5):
        if reason is None:
            break
        inner = getattr(reason, "reason", None)
        if not isinstance(inner, BaseException):
            # urllib3's ProtocolError("Connection aborted.", <the cause>)
            inner = next((a for a in reason.args if isinstance(a, BaseException)), None)
        if isinstance(inner, BaseException):
            reason = inner
            text = str(inner)
        else:
            break
    return redact_pairs_in_text(text)
