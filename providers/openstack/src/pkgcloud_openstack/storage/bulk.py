"""Bulk delete: the request body Swift's bulk middleware reads, and the result it answers.

The body is one URL-encoded ``/<container>/<object>`` path per line. The answer (JSON, asked for
with ``Accept: application/json``; Swift may send whitespace first to keep the connection alive)
is ``{"Number Deleted": n, "Number Not Found": n, "Errors": [[path, status], ...],
"Response Status": "200 OK", "Response Body": ""}``; the error paths come back URL-encoded.

The bulk middleware sits before the token check in Swift's pipeline: the request itself is always
answered 200, and each object's delete is authenticated on its own. A token that expires during a
long request makes the remaining deletes fail with ``401 Unauthorized`` inside that 200 answer,
and after ``max_failed_deletes`` (1000 by default) failures Swift stops, leaving the rest untried.

The middleware reads the body in pieces of its *path limit* (``max_object_name_length +
max_container_name_length + 2``, 1282 bytes by default) and refuses the whole request ("400
Invalid File Name") when an unfinished line outgrows twice that. A path line no longer than the
limit always fits; a legal name of multi-byte UTF-8 may not once URL-encoded (a 4-byte character
is 12 bytes encoded), so such names are deleted one by one instead (:func:`fits`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from pkgcloud.errors import ServerError

if TYPE_CHECKING:
    from pkgcloud.models.storage import BulkDeleteResult, ExtractArchiveResult


def body(container: str, names: Iterable[str]) -> bytes:
    """The newline-separated, URL-encoded paths of ``names`` in ``container``."""
    prefix = "/" + quote(container, safe="")
    return "\n".join(f"{prefix}/{quote(name, safe='/')}" for name in names).encode("ascii")


def path_limit(max_object_name: int, max_container_name: int) -> int:
    """The bulk middleware's path limit for the cluster's published name limits."""
    return max_object_name + max_container_name + 2


def fits(container: str, name: str, limit: int) -> bool:
    """True when ``name``'s line in a bulk-delete body is short enough for the middleware.

    The middleware refuses a body when an unfinished line grows past ``2 * limit`` bytes, and it
    reads ``limit`` bytes at a time: a line of at most ``limit`` bytes is never refused, whatever
    precedes it; a longer one may be, depending on where the reads fall. Only the first is sent.
    """
    return len(quote(container, safe="")) + len(quote(name, safe="/")) + 2 <= limit


def parse_answer(text: str | bytes) -> dict[str, Any]:
    """The bulk middleware's JSON answer (leading keep-alive whitespace ignored)."""
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    try:
        doc = json.loads(raw.strip() or "{}")
    except ValueError as exc:
        raise ServerError(
            method="POST",
            url="?bulk-delete",
            status=200,
            message=f"unreadable bulk-delete answer ({exc}): {raw.strip()[:200]!r}",
        ) from None
    if not isinstance(doc, dict):
        raise ServerError(method="POST", url="?bulk-delete", status=200, message=f"unexpected answer {raw[:200]!r}")
    return doc


def result(doc: Mapping[str, Any], container: str) -> BulkDeleteResult:
    """A :class:`BulkDeleteResult` from the answer; error paths are given back as object names.

    A request that failed as a whole (a ``Response Status`` other than 2xx with no per-object
    error) is reported as one error naming the container.
    """
    from pkgcloud.models import storage as models

    prefix = f"/{container}/"
    errors: list[tuple[str, str]] = []
    for item in doc.get("Errors") or []:
        path, status = (unquote(str(item[0])), str(item[1])) if len(item) >= 2 else (str(item), "")
        errors.append((path[len(prefix) :] if path.startswith(prefix) else path, status))
    status = str(doc.get("Response Status") or "")
    if not errors and status and not status.startswith("2"):
        detail = str(doc.get("Response Body") or "").strip()
        errors.append((container, f"{status}{': ' + detail if detail else ''}"))
    return models.BulkDeleteResult(
        deleted=int(doc.get("Number Deleted") or 0),
        not_found=int(doc.get("Number Not Found") or 0),
        errors=errors,
        raw=dict(doc),
    )


def refused(result: BulkDeleteResult) -> list[str]:
    """The names whose delete was refused for the token (401 inside the answer)."""
    return [name for name, status in result.errors if status.startswith("401")]


def aborted(doc: Mapping[str, Any]) -> bool:
    """True when Swift stopped before trying every name (too many failures)."""
    return "max delete failures" in str(doc.get("Response Body") or "").lower()


def merge(results: Iterable[BulkDeleteResult]) -> BulkDeleteResult:
    """One result from the results of several requests."""
    from pkgcloud.models import storage as models

    total = models.BulkDeleteResult()
    for part in results:
        total.deleted += part.deleted
        total.not_found += part.not_found
        total.errors.extend(part.errors)
    return total


ARCHIVE_FORMATS = ("tar", "tar.gz", "tar.bz2")


def extract_result(doc: Mapping[str, Any], container: str | None) -> ExtractArchiveResult:
    """The ``extract-archive`` answer (``{"Number Files Created": n, "Errors": [[path, status]],
    "Response Status": "201 Created", "Response Body": ""}``); paths in ``container`` lose its prefix.
    A request refused as a whole (a non-2xx ``Response Status`` with no per-file error, such as
    "400 Bad Request: Invalid Tar File") is one error naming the container (or the account, "")."""
    from pkgcloud.models import storage as models

    prefix = f"/{container}/" if container else "/"
    errors: list[tuple[str, str]] = []
    for item in doc.get("Errors") or []:
        path, status = (
            (unquote(str(item[0])), str(item[1])) if isinstance(item, list) and len(item) >= 2 else (str(item), "")
        )
        errors.append((path[len(prefix) :] if path.startswith(prefix) else path, status))
    answered = str(doc.get("Response Status") or "") or None
    if not errors and answered and not answered.startswith("2"):
        detail = str(doc.get("Response Body") or "").strip()
        errors.append((container or "", f"{answered}{': ' + detail if detail else ''}"))
    created = doc.get("Number Files Created")
    return models.ExtractArchiveResult(
        created=created if isinstance(created, int) and not isinstance(created, bool) else 0,
        errors=errors,
        status=answered,
        raw=dict(doc),
    )
