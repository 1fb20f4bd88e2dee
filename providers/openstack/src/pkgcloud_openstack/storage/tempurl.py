"""Temporary URLs: Swift's tempurl middleware signatures.

The signed text is ``[ip=<range>\\n]<METHOD>\\n<expires>\\n<path>``, where ``path`` is the object's
unquoted path from ``/v1/`` on (``prefix:/v1/<account>/<container>/<prefix>`` for a prefix URL),
signed with HMAC under the account's or container's key. SHA-1 and SHA-256 signatures are sent in
hex; SHA-512 as ``sha512:<urlsafe base64>`` (the form every Swift that knows SHA-512 accepts).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote, urlsplit

from pkgcloud.errors import ValidationError

DIGESTS = ("sha1", "sha256", "sha512")
METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")


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
