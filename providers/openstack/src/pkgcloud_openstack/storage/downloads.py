"""Downloads: one GET, streamed in constant memory, checked as it arrives, resumed if cut.

Functions of the client they are given, seen through :class:`~pkgcloud_openstack.storage.session.SwiftSession`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pkgcloud.errors import IntegrityError, MalformedResponse, ValidationError
from pkgcloud_openstack.storage import large, parse
from pkgcloud_openstack.storage.names import object_path
from pkgcloud_openstack.storage.transfer import Verifier, is_md5, reporter, stream_response

if TYPE_CHECKING:
    import requests

    from pkgcloud.models.storage import StorageObject
    from pkgcloud.storage import ContainerRef, ObjectRef, Progress
    from pkgcloud_openstack.storage.session import SwiftSession


def check_target(kind: str, target: Any) -> str | Any:
    """What ``download`` was given to write to, as ``kind``: a path (returned as a str) or a file object.

    Every mistake that can be seen before the GET is refused here: a path that is a directory or a
    read-only file, or whose directory is missing or read-only; a file object that is closed, open
    for reading only or in text mode.
    """
    if kind in ("path", "local") and not isinstance(target, (str, os.PathLike)):
        raise ValidationError(f"{kind}= must be a path (str or os.PathLike), not {type(target).__name__}")
    if kind == "stream" and isinstance(target, (str, os.PathLike)):
        raise ValidationError("stream= must be a binary file object open for writing: give path= for a path")
    if isinstance(target, (str, os.PathLike)):
        return _check_path(kind, target)
    if not hasattr(target, "write"):
        raise ValidationError(
            f"{kind} must be a path or a binary file object open for writing, not {type(target).__name__}"
        )
    if getattr(target, "closed", False) is True:
        raise ValidationError(f"{kind}: the file object is closed: download into it while it is open")
    if isinstance(target, io.TextIOBase):
        raise ValidationError(f"{kind}: the file is open in text mode: open it in binary mode ('wb')")
    writable = getattr(target, "writable", None)
    if callable(writable):
        try:
            can_write = bool(writable())
        except (OSError, ValueError):
            can_write = False
        if not can_write:
            mode = getattr(target, "mode", None)
            shown = f" (mode {mode!r})" if isinstance(mode, str) else ""
            raise ValidationError(f"{kind}: the file is not open for writing{shown}: open it with 'wb'")
    return target


def _check_path(kind: str, given: str | os.PathLike[str]) -> str:
    path = os.fspath(given)
    if not isinstance(path, str) or not path:
        raise ValidationError(f"{kind}: the path must be a non-empty str or os.PathLike, not {given!r}")
    if os.path.isdir(path):
        raise ValidationError(f"{kind}: {path!r} is a directory: give the path of the file to write")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        what = "is not a directory" if os.path.exists(directory) else "does not exist"
        raise ValidationError(f"{kind}: cannot write {path!r}: its directory {directory!r} {what}")
    if os.path.lexists(path):
        mode = os.lstat(path).st_mode
        if stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK)):
            raise ValidationError(f"{kind}: {path!r} is read-only: make it writable or give another path")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ValidationError(f"{kind}: cannot write {path!r}: its directory {directory!r} is not writable")
    return path


def open_download(
    client: SwiftSession,
    container: ContainerRef,
    name: ObjectRef,
    offset: int,
    length: int | None,
    progress: Progress | None,
    verify: bool,
    chunk_size: int,
) -> tuple[StorageObject, Iterator[bytes]]:
    cname, oname = client.container_name(container), client.object_name(name)
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise ValidationError(f"offset must be an int, not {offset!r}")
    if length is not None and (not isinstance(length, int) or isinstance(length, bool) or length <= 0):
        raise ValidationError(f"length must be a positive int (or None: to the end), not {length!r}")
    if offset < 0 and length is not None:
        raise ValidationError("a negative offset means 'the last -offset bytes': give no length with it")
    ranged = offset != 0 or length is not None
    path = object_path(cname, oname)
    headers = {"Accept-Encoding": "identity"}  # the stored bytes, never a proxy's re-encoding
    if ranged:
        headers["Range"] = f"bytes={offset}-" if offset >= 0 else f"bytes={offset}"
        if length is not None:
            headers["Range"] += str(offset + length - 1)
    response = client.api.request("GET", path, headers=headers, stream=True, check=parse.incomplete_object_answer)
    what = f"{cname}/{oname}"
    try:
        obj = parse.object_from_headers(cname, oname, response.headers)
        if response.status_code == 206:
            start, end, full = content_range(response.headers.get("Content-Range"))
            obj.size = full
            expected: int | None = end - start + 1
            last: int | None = end
        elif ranged:
            raise IntegrityError(f"{what}: asked for a byte range, the server sent the whole object")
        else:
            start = 0
            expected = obj.size if "Content-Length" in response.headers else None
            last = (expected - 1) if expected is not None else None
        verifier = make_verifier(client, cname, oname, obj, response, expected, ranged, verify, what)
    except BaseException:
        response.close()
        raise

    def reopen(position: int) -> requests.Response:
        again = client.api.request(
            "GET",
            path,
            headers={"Accept-Encoding": "identity", "Range": f"bytes={position}-{'' if last is None else last}"},
            stream=True,
            check=parse.incomplete_object_answer,
        )
        if again.status_code != 206 or content_range(again.headers.get("Content-Range"))[0] != position:
            again.close()
            raise IntegrityError(f"{what}: could not resume the download at byte {position}")
        return again

    chunks = stream_response(
        response,
        start=start,
        total=expected,
        reopen=reopen,
        verifier=verifier,
        progress=reporter(progress, expected),
        chunk_size=chunk_size,
        max_resumes=client.api.transport.retries,
        backoff=client.api.transport.backoff,
        max_backoff=client.api.transport.max_backoff,
    )
    return obj, chunks


def make_verifier(
    client: SwiftSession,
    container: str,
    name: str,
    obj: StorageObject,
    response: requests.Response,
    expected: int | None,
    ranged: bool,
    verify: bool,
    what: str,
) -> Verifier:
    if ranged or not verify:
        return Verifier(size=expected, what=what)
    if obj.is_static_large_object:
        # the SLO's ETag is an MD5 of its segments' ETags: check each segment's bytes instead,
        # using the manifest if it is the one this response was built from
        manifest = client.api.request("GET", object_path(container, name), params={"multipart-manifest": "get"})
        try:
            segments, derived = large.manifest_segments(client.api.decode(manifest, "GET"))
        except (MalformedResponse, ValueError, TypeError, KeyError, AttributeError):
            return Verifier(size=expected, what=what)
        if derived is not None and derived == obj.etag and sum(n for n, _ in segments) == expected:
            return Verifier(size=expected, segments=segments, what=what)
        return Verifier(size=expected, what=what)
    if obj.manifest is not None:
        return Verifier(size=expected, what=what)  # a DLO: only its size can be known
    etag = obj.etag.lower() if obj.etag else None
    return Verifier(size=expected, md5=etag if is_md5(etag) else None, what=what)


def content_range(value: str | None) -> tuple[int, int, int | None]:
    """``bytes a-b/size`` -> ``(a, b, size)`` (size None for ``*``)."""
    found = re.match(r"\s*bytes\s+(\d+)-(\d+)/(\d+|\*)", value or "")
    if not found:
        raise IntegrityError(f"unreadable Content-Range {value!r}")
    total = found.group(3)
    return int(found.group(1)), int(found.group(2)), (int(total) if total != "*" else None)


def write_path(path: str, chunks: Iterator[bytes]) -> None:
    """Write ``chunks`` to a temporary file beside ``path``, renamed onto it only when all went well."""
    directory = os.path.dirname(os.path.abspath(path))
    temp = os.path.join(directory, f".{os.path.basename(path)}.{os.urandom(6).hex()}.part")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise ValidationError(f"cannot write to {directory!r}: {exc.strerror}") from None
    try:
        with open(fd, "wb", buffering=0, closefd=True) as out:
            write = out.write
            for chunk in chunks:
                write(chunk)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
