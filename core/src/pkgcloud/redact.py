"""Redaction of secrets in headers, JSON bodies and URLs.

Used by the HTTP log, by error messages and by the cassette scrubber, so there is one definition of
what a secret is. Matching is by name, case-insensitively and ignoring ``-`` and ``_``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "***"

# A header is secret when its normalised name contains one of these.
_SECRET_HEADER_PARTS = (
    "token",
    "tempurlkey",
    "authkey",
    "secret",
    "password",
    "authorization",
    "cookie",
    "apikey",
)
# A JSON key is secret when its normalised name contains one of these (and its value is a scalar).
_SECRET_KEY_PARTS = (
    "password",
    "secret",
    "apikey",
    "adminpass",
    "privatekey",
    "passcode",
    "tempurlkey",
    "authtoken",
    "accesstoken",
    "refreshtoken",
    "authkey",  # a Cinder transfer's auth_key: whoever has it takes the volume
)
# Keys whose whole value is secret whatever its shape.
_SECRET_KEYS = frozenset({"blob", "token", "xauthtoken", "xsubjecttoken"})
# Query parameters that are secret.
_SECRET_QUERY = frozenset({"tempurlsig", "sig", "signature", "xamzsignature", "token", "password"})


def _norm(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "")


def is_secret_header(name: str) -> bool:
    n = _norm(name)
    return any(part in n for part in _SECRET_HEADER_PARTS)


def redact_headers(headers: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``headers`` with the values of secret headers replaced."""
    return {k: (REDACTED if is_secret_header(k) else v) for k, v in headers.items()}


def _is_secret_key(name: str) -> bool:
    n = _norm(name)
    return n in _SECRET_KEYS or any(part in n for part in _SECRET_KEY_PARTS)


def _redact_whole(key: str, item: Any) -> bool:
    # a scalar under a secret name goes; a structure only under a name that is secret whatever its shape
    if isinstance(item, (dict, list)):
        return _norm(key) in _SECRET_KEYS
    return item is not None


def redact_json(value: Any) -> Any:
    """A copy of a decoded JSON document with every secret value replaced.

    A ``token`` object (Keystone v2 ``{"token": {"id": ...}}``) keeps its other fields; only ``id`` goes.
    """
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, dict) and _norm(key) == "token":
                token = redact_json(item)
                if "id" in token:
                    token["id"] = REDACTED
                out[key] = token
            elif _is_secret_key(key) and _redact_whole(key, item):
                out[key] = REDACTED
            else:
                out[key] = redact_json(item)
        return out
    if isinstance(value, list):
        return [redact_json(item) for item in value]
    return value


def redact_text(body: str | bytes | None, content_type: str | None = None, limit: int = 4096) -> str:
    """A printable, redacted form of a request or response body, for logs and errors.

    JSON is parsed and redacted; anything else that is not JSON is shown only if short text.
    """
    if body is None:
        return ""
    if isinstance(body, bytes):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return f"<{len(body)} bytes>"
    else:
        text = body
    stripped = text.lstrip()
    if stripped[:1] in ("{", "[") or (content_type and "json" in content_type):
        try:
            text = json.dumps(redact_json(json.loads(text)), ensure_ascii=False)
        except ValueError:
            return f"<{len(text)} characters of malformed JSON>"
    elif content_type and not content_type.startswith("text/"):
        return f"<{len(text)} characters of {content_type}>"
    if len(text) > limit:
        text = text[:limit] + f"... <{len(text) - limit} more characters>"
    return text


def redact_url(url: str) -> str:
    """The URL with secret query parameters (temp URL signatures, tokens) and any user info removed."""
    if "?" not in url and "@" not in url:
        return url
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_norm(k) in _SECRET_QUERY for k, _ in pairs):
            query = urlencode([(k, REDACTED if _norm(k) in _SECRET_QUERY else v) for k, v in pairs])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


_QUERY_PAIR: re.Pattern[str] | None = None  # compiled on first use: import must stay cheap


def redact_pairs_in_text(text: str) -> str:
    """Free text (a connection error's message, which may quote a URL) with secret ``name=value`` values replaced."""
    global _QUERY_PAIR
    if "=" not in text:
        return text
    if _QUERY_PAIR is None:
        _QUERY_PAIR = re.compile(r"([A-Za-z0-9_.-]+)=([^&\s)'\"]+)")
    return _QUERY_PAIR.sub(
        lambda m: f"{m.group(1)}={REDACTED}" if _norm(m.group(1)) in _SECRET_QUERY else m.group(0), text
    )
