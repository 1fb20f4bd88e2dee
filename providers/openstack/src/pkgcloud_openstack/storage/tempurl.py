"""Temporary URLs: Swift's tempurl middleware signatures.

The signed text is ``[ip=<range>\\n]<METHOD>\\n<expires>\\n<path>``, where ``path`` is the object's
unquoted path from ``/v1/`` on (``prefix:/v1/<account>/<container>/<prefix>`` for a prefix URL),
signed with HMAC under the account's or container's key. SHA-1 and SHA-256 signatures are sent in
hex; SHA-512 as ``sha512:<urlsafe base64>`` (the form every Swift that knows SHA-512 accepts).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import ipaddress
from urllib.parse import quote, urlsplit

from pkgcloud import clock
from pkgcloud.errors import ValidationError

DIGESTS = ("sha1", "sha256", "sha512")
METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")


def check_arguments(
    method: str,
    expires_in: int,
    expires_at: _dt.datetime | int | None,
    ip_range: str | None,
    digest: str,
) -> tuple[str, int, str | None]:
    """``(METHOD, expires, ip_range)`` from what ``temp_url`` was given, or a ValidationError.

    Needs neither a token nor the cluster's /info: a URL that is already expired, an IP range that
    is not one, a method or digest Swift never signs are the caller's mistakes, seen here.
    """
    upper = method.upper() if isinstance(method, str) else method
    if upper not in METHODS:
        raise ValidationError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if digest not in DIGESTS:
        raise ValidationError(f"digest must be one of {', '.join(DIGESTS)}, not {digest!r}")
    return upper, expiry(expires_in, expires_at), check_ip_range(ip_range)


def expiry(expires_in: int, expires_at: _dt.datetime | int | None) -> int:
    """The epoch second the URL expires at: ``expires_at`` (in the future), else ``expires_in`` from now."""
    now = clock.time()
    if expires_at is not None:
        if isinstance(expires_at, _dt.datetime):
            if expires_at.tzinfo is None:
                raise ValidationError("expires_at must be an aware datetime or epoch seconds")
            epoch = int(expires_at.timestamp())
        elif isinstance(expires_at, int) and not isinstance(expires_at, bool) and expires_at > 0:
            epoch = expires_at
        else:
            raise ValidationError(f"expires_at must be an aware datetime or epoch seconds, not {expires_at!r}")
        if epoch <= now:
            raise ValidationError(
                f"expires_at is in the past ({int(now) - epoch} s ago): the URL would never work; "
                "give a later time, or expires_in=seconds"
            )
        return epoch
    if not isinstance(expires_in, int) or isinstance(expires_in, bool) or expires_in <= 0:
        raise ValidationError(f"expires_in must be a positive number of seconds, not {expires_in!r}")
    return int(now) + expires_in


def check_ip_range(ip_range: str | None) -> str | None:
    """An IP address or a CIDR network (IPv4 or IPv6), as Swift's ``temp_url_ip_range`` takes them."""
    if ip_range is None:
        return None
    if not isinstance(ip_range, str):
        raise ValidationError(f"ip_range must be a str (an address or a CIDR), not {type(ip_range).__name__}")
    try:
        if "/" in ip_range:
            ipaddress.ip_network(ip_range, strict=False)
        else:
            ipaddress.ip_address(ip_range)
    except ValueError:
        raise ValidationError(
            f"ip_range must be an IP address or a CIDR range such as '203.0.113.0/24', not {ip_range!r}"
        ) from None
    return ip_range


def signature(
    key: str | bytes, method: str, expires: int, path: str, digest: str = "sha256", ip_range: str | None = None
) -> str:
    """The ``temp_url_sig`` value for ``method`` on ``path`` (unquoted) until ``expires`` (epoch seconds)."""
    if digest not in DIGESTS:
        raise ValidationError(f"digest must be one of {', '.join(DIGESTS)}, not {digest!r}")
    key_bytes = key.encode("utf-8") if isinstance(key, str) else key
    text = f"{method}\n{int(expires)}\n{path}"
    if ip_range:
        text = f"ip={ip_range}\n{text}"
    mac = hmac.new(key_bytes, text.encode("utf-8"), getattr(hashlib, digest))
    if digest == "sha512":
        return "sha512:" + base64.urlsafe_b64encode(mac.digest()).decode("ascii").rstrip("=")
    return mac.hexdigest()


def split_endpoint(endpoint: str) -> tuple[str, str]:
    """``(origin + any prefix before /v1, "/v1/<account>")`` of a Swift endpoint URL."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    segments = path.split("/")
    for i in range(len(segments) - 1, 0, -1):
        seg = segments[i]
        if len(seg) >= 2 and seg[0] == "v" and seg[1:].replace(".", "").isdigit() and i == len(segments) - 2:
            prefix = "/".join(segments[:i])
            return f"{parts.scheme}://{parts.netloc}{prefix}", "/" + "/".join(segments[i:])
    raise ValidationError(
        f"cannot make a temp URL: the storage endpoint {parts.scheme}://{parts.netloc}{path} does not end in "
        "/v<N>/<account>"
    )


def build(
    endpoint: str,
    object_path_quoted: str,
    *,
    key: str,
    method: str,
    expires: int,
    digest: str,
    container: str,
    name: str,
    prefix: bool,
    filename: str | None,
    inline: bool,
    ip_range: str | None,
) -> str:
    """The full temp URL of ``object_path_quoted`` (``<container>/<name>`` quoted, as in requests)."""
    from urllib.parse import unquote

    base, version_account = split_endpoint(endpoint)
    account_path = unquote(version_account)
    signed = f"{'prefix:' if prefix else ''}{account_path}/{container}/{name}"
    sig = signature(key, method, expires, signed, digest, ip_range)
    query = [f"temp_url_sig={quote(sig, safe=':')}", f"temp_url_expires={int(expires)}"]
    if prefix:
        query.append(f"temp_url_prefix={quote(name, safe='')}")
    if ip_range:
        query.append(f"temp_url_ip_range={quote(ip_range, safe='')}")
    if filename is not None:
        query.append(f"filename={quote(filename, safe='')}")
    if inline:
        query.append("inline")
    return f"{base}{version_account}/{object_path_quoted}?{'&'.join(query)}"
