"""Cassettes: recorded with vcrpy against real services, scrubbed at record time, replayed offline.

The scrubber is the one place that decides what may be written to disk:

* tokens (``X-Auth-Token``, ``X-Subject-Token``, Keystone v2 ``access.token.id``) become numbered
  placeholders (``PKGCLOUD-TOKEN-1``...), so a cassette still shows which requests used which token;
* passwords, API keys, secrets and temp URL keys in headers and JSON bodies become ``***`` (the
  core's redaction rules, the same ones the HTTP log uses); temp URL signatures in queries too;
* token expiry in token responses is rewritten to a far-future date;
* the dev cloud's ``127.0.0.1:<port>`` addresses become ``<service>.devcloud.test`` names, and the
  checkout's own path becomes ``/checkout`` (so a cassette replays from any clone).

The same scrubber runs on live requests before matching, so a replayed test may use any password.
Matching is on method, URL (scheme, host, path, query) and JSON body.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import vcr
import vcr.stubs
from vcr.record_mode import RecordMode

from pkgcloud.redact import REDACTED, is_secret_header, redact_json

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"
TOKEN_PREFIX = "PKGCLOUD-TOKEN-"
FAR_FUTURE = "2099-12-31T23:59:59.000000Z"
CHECKOUT = "/checkout"
SECRET_QUERY = {"temp_url_sig"}
# headers that only make cassettes noisy or carry client details
DROP_REQUEST_HEADERS = {"user-agent", "accept-encoding", "connection", "cookie", "authorization"}
DROP_RESPONSE_HEADERS = {"set-cookie"}


class Scrubber:
    """Scrub requests and responses of one cassette (token placeholders are numbered per cassette)."""

    def __init__(self, hosts: Mapping[str, str] | None = None) -> None:
        # "127.0.0.1:5000" -> "keystone.devcloud.test"
        self.hosts = dict(hosts or {})
        self.tokens: dict[str, str] = {}

    # -- pieces ----------------------------------------------------------------------------------

    def token(self, value: str) -> str:
        if value.startswith(TOKEN_PREFIX) or value == REDACTED:
            return value
        if value not in self.tokens:
            self.tokens[value] = f"{TOKEN_PREFIX}{len(self.tokens) + 1}"
        return self.tokens[value]

    def host_text(self, text: str) -> str:
        for netloc, name in self.hosts.items():
            text = text.replace(f"//{netloc}", f"//{name}")
        # where the checkout lies (Heat's environment files are named by their absolute paths)
        return text.replace(str(ROOT), CHECKOUT)

    def url(self, url: str) -> str:
        url = self.host_text(url)
        parts = urlsplit(url)
        if not parts.query:
            return url
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        if any(k in SECRET_QUERY for k, _ in pairs):
            query = urlencode([(k, REDACTED if k in SECRET_QUERY else v) for k, v in pairs])
            url = urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
        return url

    def headers(self, headers: Mapping[str, Any], drop: set[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in headers.items():
            low = key.lower()
            if low in drop:
                continue
            if low in ("x-auth-token", "x-subject-token", "x-service-token", "x-storage-token"):
                out[key] = [self.token(v) for v in value] if isinstance(value, list) else self.token(value)
            elif is_secret_header(key):
                out[key] = [REDACTED] * len(value) if isinstance(value, list) else REDACTED
            elif isinstance(value, list):
                out[key] = [self.host_text(v) if isinstance(v, str) else v for v in value]
            else:
                out[key] = self.host_text(value) if isinstance(value, str) else value
        return out

    def json_body(self, body: bytes | str | None, response: bool) -> bytes | str | None:
        if not body:
            return body
        try:
            text = body.decode("utf-8") if isinstance(body, bytes) else body
        except UnicodeDecodeError:
            return body  # binary content (object data): no tokens or hosts to scrub in it
        if text.lstrip()[:1] not in ("{", "["):
            return self.host_text(text).encode() if isinstance(body, bytes) else self.host_text(text)
        try:
            doc = json.loads(text)
        except ValueError:
            return body
        scrubbed = redact_json(doc)
        if response:
            scrubbed = self._response_tokens(doc, scrubbed)
        doc = scrubbed
        out = self.host_text(json.dumps(doc, sort_keys=True))
        return out.encode() if isinstance(body, bytes) else out

    def _response_tokens(self, original: Any, scrubbed: Any) -> Any:
        """Number v2 token ids (redaction blanked them) and push token expiry far into the future."""
        if not isinstance(original, dict) or not isinstance(scrubbed, dict):
            return scrubbed
        access = original.get("access")
        if isinstance(access, dict) and isinstance(access.get("token"), dict):
            token = scrubbed["access"]["token"]
            if access["token"].get("id"):
                token["id"] = self.token(str(access["token"]["id"]))
            if token.get("expires"):
                token["expires"] = FAR_FUTURE
        token = scrubbed.get("token")
        if isinstance(token, dict) and token.get("expires_at"):
            token["expires_at"] = FAR_FUTURE
        return scrubbed

    # -- vcrpy hooks -----------------------------------------------------------------------------

    def request(self, request: Any) -> Any:
        chunks = getattr(request, "_body", None)
        if getattr(request, "_was_iter", False) and isinstance(chunks, list):
            # a streamed body vcrpy collected (chunks may be memoryviews): stored as the bytes sent
            request = copy.copy(request)
            request._was_iter = False
            request.body = b"".join(bytes(c) if not isinstance(c, str) else c.encode() for c in chunks)
        request = copy.deepcopy(request)
        request.uri = self.url(request.uri)
        request.headers = self.headers(request.headers, DROP_REQUEST_HEADERS)
        if isinstance(request.body, (bytes, str)):
            request.body = self.json_body(request.body, response=False)
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any]:
        response["headers"] = self.headers(response.get("headers", {}), DROP_RESPONSE_HEADERS)
        body = response.get("body", {})
        if isinstance(body, dict) and "string" in body:
            before = body["string"]
            body["string"] = self.json_body(before, response=True)
            if body["string"] != before:  # keep Content-Length true to the scrubbed body
                size = len(body["string"].encode() if isinstance(body["string"], str) else body["string"] or b"")
                for key in list(response["headers"]):
                    if key.lower() == "content-length":
                        response["headers"][key] = [str(size)]
        return response


# -- matching ----------------------------------------------------------------------------------------


def _query(request: Any) -> list[tuple[str, str]]:
    return sorted(parse_qsl(urlsplit(request.uri).query, keep_blank_values=True))


def match_query(r1: Any, r2: Any) -> None:
    assert _query(r1) == _query(r2), f"query {_query(r1)} != {_query(r2)}"


def _body_doc(body: Any) -> Any:
    if body is None or body == b"" or body == "":
        return None
    if isinstance(body, (bytes, str)):
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        if text.lstrip()[:1] in ("{", "["):
            try:
                return ("json", json.loads(text))
            except ValueError:
                pass
        return ("raw", text)
    return ("stream", None)


def match_body(r1: Any, r2: Any) -> None:
    """JSON bodies compare as documents; other bodies compare exactly; streams are not compared."""
    a, b = _body_doc(r1.body), _body_doc(r2.body)
    if a is not None and b is not None and "stream" in (a[0], b[0]):
        return
    assert a == b, f"body {a!r} != {b!r}"


# -- vcrpy's header round trip ---------------------------------------------------------------------


def _parse_headers_as_http_client_does(header_list: Mapping[str, Any]) -> Any:
    """Rebuild recorded headers the way they were received: latin-1, as http.client reads them.

    vcrpy encodes them as UTF-8, so a non-ASCII header (Swift metadata holds UTF-8) would reach the
    client encoded twice, and differently from a live response.
    """
    import http.client
    import io

    lines = b"".join(
        key.encode("latin-1") + b":" + value.encode("latin-1", "replace") + b"\r\n"
        for key, values in header_list.items()
        for value in values
    )
    return http.client.parse_headers(io.BytesIO(lines + b"\r\n"))


vcr.stubs.parse_headers = _parse_headers_as_http_client_does


# -- the VCR -----------------------------------------------------------------------------------------


def cassette_path(name: str) -> Path:
    return CASSETTES / f"{name}.yaml"


def make_vcr(record_mode: str, scrubber: Scrubber) -> vcr.VCR:
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=RecordMode(record_mode),
        match_on=("method", "scheme", "host", "port", "path", "pkgcloud_query", "pkgcloud_body"),
        before_record_request=scrubber.request,
        before_record_response=scrubber.response,
        decode_compressed_response=True,
    )
    recorder.register_matcher("pkgcloud_query", match_query)
    recorder.register_matcher("pkgcloud_body", match_body)
    return recorder


def provenance(source: str) -> dict[str, str]:
    return {"source": source, "recorded": dt.date.today().isoformat()}


# -- the secret scan ---------------------------------------------------------------------------------

SECRET_PATTERNS = [
    (re.compile(r"gAAAAA[A-Za-z0-9_\-]{20,}"), "a Keystone Fernet token"),
    (re.compile(r"\bMII[A-Za-z0-9+/=]{40,}"), "a PKI token"),
    (
        re.compile(
            r'"(password|apiKey|adminPass|secret|application_credential_secret|private_key)"\s*:\s*"(?!\*\*\*")'
        ),
        "a secret JSON value",
    ),
    (
        re.compile(
            r"(?im)^\s*-?\s*(x-auth-token|x-subject-token)\s*:\s*"
            r"(?!(?:-\s*)?\[?\s*'?(?:PKGCLOUD-TOKEN-\d+|\*\*\*))(?:-\s*)?\S"
        ),
        "a token header",
    ),
    (re.compile(r"(?i)temp_url_sig=(?!\*\*\*|%2A%2A%2A)[0-9a-f]{20,}"), "a temp URL signature"),
    (
        re.compile(r"(?i)x-(account|container)-meta-temp-url-key(-2)?:\s*(?!(?:-\s*)?'?\*\*\*)(?:-\s*)?\S"),
        "a temp URL key",
    ),
]


def scan_text(text: str, extra_secrets: tuple[str, ...] = ()) -> list[str]:
    """What looks like a secret in a cassette's text (empty: clean)."""
    found = []
    for pattern, what in SECRET_PATTERNS:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {what}")
    for secret in extra_secrets:
        if secret and secret in text:
            line = text.count("\n", 0, text.index(secret)) + 1
            found.append(f"line {line}: a known dev-cloud password")
    return found
