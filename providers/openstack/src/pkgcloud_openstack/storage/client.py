"""The Swift client: account, containers, objects, large objects, bulk delete and temp URLs."""

from __future__ import annotations

import datetime as _dt
import itertools
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import unquote

from pkgcloud import clock
from pkgcloud.auth import TokenAuth
from pkgcloud.errors import (
    Conflict,
    HttpError,
    IntegrityError,
    MalformedResponse,
    NotFound,
    PreconditionFailed,
    ServerError,
    TransportError,
    UnsupportedOperation,
    ValidationError,
    error_class_for,
)
from pkgcloud.http import backoff_delay
from pkgcloud.storage import StorageClient
from pkgcloud.values import as_dict, as_int
from pkgcloud_openstack.service import OpenStackClient
from pkgcloud_openstack.storage import parse
from pkgcloud_openstack.storage.headers import (
    POST_RESET_HEADERS,
    MetadataLimits,
    acl_headers,
    extra_headers,
    header_value,
    meta_headers,
    read_meta,
    remove_meta_headers,
)
from pkgcloud_openstack.storage.names import (
    MAX_CONTAINER_NAME_LENGTH,
    MAX_OBJECT_NAME_LENGTH,
    check_container_name,
    check_object_name,
    container_path,
    object_path,
    quote_name,
)

if TYPE_CHECKING:
    from pkgcloud.models.storage import AccountInfo, BulkDeleteResult, Container, ExtractArchiveResult, StorageObject
    from pkgcloud.storage import (
        ContainerRef,
        DownloadTarget,
        LocalPath,
        MetadataChanges,
        ObjectRef,
        Progress,
        UploadData,
        UploadSource,
        UploadStream,
    )


log = logging.getLogger("pkgcloud.openstack.storage")
T = TypeVar("T")

DEFAULT_LISTING_LIMIT = 10000  # Swift's default container_listing_limit / account_listing_limit
CAPS_CHECK_SIZE = 256 << 20  # uploads this big read the cluster's limits (one cached /info request)
# a bulk delete request is sized to take at most this share of the token's remaining life, at the
# rate the previous request achieved (before any was timed: ASSUMED_BULK_RATE names per second)
BULK_SHARE_OF_TOKEN = 0.5
ASSUMED_BULK_RATE = 100.0
EMPTY_CONTAINER_ATTEMPTS = 5  # listings lag behind deletes on real clusters: re-list and retry
_MAX_LIMIT = r"[Mm]aximum limit is (\d+)"  # compiled on first use (re caches it)


class SwiftStorage(OpenStackClient, StorageClient):
    """OpenStack Swift (``object-store``): every portable storage operation, streamed and verified."""

    catalog_type: ClassVar[str] = "object-store"

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self._capabilities: dict[str, Any] | None = None
        self._listing_limit = DEFAULT_LISTING_LIMIT
        self._account_keys: tuple[str | None, str | None] | None = None
        self._container_keys: dict[str, str | None] = {}  # signing key per container, when the account has none
        self._caps_lock = threading.Lock()

    # -- plumbing --------------------------------------------------------------------------------

    def swift_capabilities(self) -> Mapping[str, Any]:
        """The ``swift`` capabilities if already known (never fetched just for a name check)."""
        caps = self._capabilities
        return as_dict(caps.get("swift")) if caps else {}

    def container_name(self, ref: ContainerRef) -> str:
        name = ref if isinstance(ref, str) else getattr(ref, "name", ref)
        limit = as_int(self.swift_capabilities().get("max_container_name_length")) or MAX_CONTAINER_NAME_LENGTH
        return check_container_name(name, limit)

    def object_name(self, ref: ObjectRef) -> str:
        name = ref if isinstance(ref, str) else getattr(ref, "name", ref)
        limit = as_int(self.swift_capabilities().get("max_object_name_length")) or MAX_OBJECT_NAME_LENGTH
        return check_object_name(name, limit)

    def metadata_limits(self) -> MetadataLimits:
        return MetadataLimits(self.swift_capabilities())

    def _concurrency(self, wanted: int | None) -> int:
        from pkgcloud_openstack.storage import large

        if wanted is None:
            wanted = large.DEFAULT_CONCURRENCY
        if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < 1:
            raise ValidationError(f"concurrency must be a positive int, not {wanted!r}")
        # more threads than pooled connections would open and drop connections
        return min(wanted, self.api.transport.pool_size)

    def run_parallel(self, func: Callable[[T], Any], items: Iterable[T], concurrency: int) -> list[Any]:
        """``func`` over ``items`` with at most ``concurrency`` running; the first error cancels the rest."""
        items = list(items)
        if concurrency <= 1 or len(items) <= 1:
            return [func(item) for item in items]
        from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

        with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="pkgcloud-swift") as pool:
            futures = [pool.submit(func, item) for item in items]
            wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f for f in futures if f.done() and not f.cancelled() and f.exception()), None)
            if failed is not None:
                for f in futures:
                    f.cancel()
                exc = failed.exception()
                assert exc is not None
                raise exc
            return [f.result() for f in futures]

    # -- capabilities ----------------------------------------------------------------------------

    def get_capabilities(self, refresh: bool = False) -> dict[str, Any]:
        if self._capabilities is not None and not refresh:
            return self._capabilities
        with self._caps_lock:
            if self._capabilities is not None and not refresh:
                return self._capabilities
            url = _info_url(self.endpoint)
            try:
                response = self.api.request("GET", url, authenticated=False)
                caps = self.api.decode(response, "GET") or {}
            except (HttpError, MalformedResponse) as exc:
                log.info("no capabilities from %s (%s): assuming Swift's defaults", url, exc)
                caps = {}
            self._capabilities = caps if isinstance(caps, dict) else {}
            return self._capabilities

    # -- account ---------------------------------------------------------------------------------

    def get_account(self) -> AccountInfo:
        response = self.api.request("HEAD", "")
        info = parse.account_from_headers(response.headers)
        self._account_keys = (info.temp_url_key, info.temp_url_key_2)
        return info

    def update_account_metadata(self, metadata: MetadataChanges) -> None:
        self.api.request("POST", "", headers=meta_headers("Account", metadata, self.metadata_limits()))  # type: ignore[arg-type]

    def get_temp_url_keys(self, container: ContainerRef | None = None) -> tuple[str | None, str | None]:
        if container is not None:
            found = self.get_container(container)
            return found.temp_url_key, found.temp_url_key_2
        info = self.get_account()
        return info.temp_url_key, info.temp_url_key_2

    def set_temp_url_key(self, key: str | None, *, second: bool = False, container: ContainerRef | None = None) -> None:
        kind = "Account" if container is None else "Container"
        suffix = "-2" if second else ""
        if key is None:
            headers: dict[str, str | bytes] = {f"X-Remove-{kind}-Meta-Temp-URL-Key{suffix}": "x"}
        else:
            if not isinstance(key, str) or not key:
                raise ValidationError("a temp URL key must be a non-empty str (None removes it)")
            headers = {f"X-{kind}-Meta-Temp-URL-Key{suffix}": header_value(key, "temp URL key")}
        path = "" if container is None else container_path(self.container_name(container))
        self.api.request("POST", path, headers=headers)  # type: ignore[arg-type]
        if container is None:
            self._account_keys = None
        else:
            self._container_keys.pop(self.container_name(container), None)

    # -- listings --------------------------------------------------------------------------------

    def _listing(
        self, path: str, params: Mapping[str, Any], limit: int | None, parse_entry: Callable[[dict[str, Any]], T]
    ) -> Iterator[T]:
        """Every entry of an account or container listing, page after page (marker paging).

        Pages ask for the service's maximum; a cluster with a lower one answers 412 "Maximum limit
        is N", after which this client asks for N.
        """
        from pkgcloud.paging import check_limit, marker_pages, paginate

        check_limit(limit)  # now, not at the first next()
        query: dict[str, Any] = {"format": "json"}
        query.update({k: v for k, v in params.items() if v is not None and v is not False})

        def get_page(page_query: dict[str, Any]) -> list[dict[str, Any]]:
            while True:
                try:
                    response = self.api.request("GET", path, params=page_query)
                except PreconditionFailed as exc:
                    found = re.search(_MAX_LIMIT, exc.message or "")
                    if found and 0 < int(found.group(1)) < page_query["limit"]:
                        # marker_pages reads the limit actually asked from page_query
                        self._listing_limit = page_query["limit"] = int(found.group(1))
                        continue
                    raise
                if response.status_code == 204:
                    return []
                entries = self.api.decode(response, "GET")
                if entries is None:
                    return []
                if not isinstance(entries, list) or not all(
                    isinstance(e, dict) and ("name" in e or "subdir" in e) for e in entries
                ):
                    raise self.api.malformed("expected a listing: a list of objects with names", "GET", response.url)
                return entries

        def marker_of(entry: dict[str, Any]) -> str:
            return str(entry["name"] if "name" in entry else entry["subdir"])

        def parse_checked(entry: dict[str, Any]) -> T:
            try:
                return parse_entry(entry)
            except (TypeError, ValueError, AttributeError) as exc:
                raise self.api.malformed(
                    f"a listing entry the SDK cannot read ({exc})", "GET", self.api.url(path)
                ) from None

        fetch = marker_pages(get_page, marker_of)
        entries = paginate(fetch, query, limit=limit, page_size=lambda: self._listing_limit)
        return map(parse_checked, entries)

    # -- containers ------------------------------------------------------------------------------

    def list_containers(
        self,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        marker: str | None = None,
        end_marker: str | None = None,
        reverse: bool = False,
    ) -> Iterator[Container]:
        params = {"prefix": prefix, "marker": marker, "end_marker": end_marker, "reverse": "true" if reverse else None}
        return self._listing("", params, limit, parse.container_from_listing)

    def get_container(self, container: ContainerRef) -> Container:
        name = self.container_name(container)
        response = self.api.request("HEAD", container_path(name))
        return parse.container_from_headers(name, response.headers)

    def create_container(
        self,
        container: ContainerRef,
        *,
        metadata: Mapping[str, str] | None = None,
        read_acl: str | None = None,
        write_acl: str | None = None,
        storage_policy: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Container:
        name = self.container_name(container)
        sent: dict[str, str | bytes] = extra_headers(headers)
        sent.update(meta_headers("Container", metadata, self.metadata_limits()))
        sent.update(acl_headers(read_acl, write_acl, for_create=True))
        if storage_policy is not None:
            sent["X-Storage-Policy"] = header_value(storage_policy, "storage_policy")
        self.api.request("PUT", container_path(name), headers=sent)  # type: ignore[arg-type]
        return self.get_container(name)

    def update_container_metadata(self, container: ContainerRef, metadata: MetadataChanges) -> None:
        name = self.container_name(container)
        headers = meta_headers("Container", metadata, self.metadata_limits())
        if headers:
            self.api.request("POST", container_path(name), headers=headers)  # type: ignore[arg-type]

    def remove_container_metadata(self, container: ContainerRef, keys: Iterable[str]) -> None:
        name = self.container_name(container)
        headers = remove_meta_headers("Container", keys)
        if headers:
            self.api.request("POST", container_path(name), headers=headers)  # type: ignore[arg-type]

    def set_container_acl(self, container: ContainerRef, *, read: str | None = None, write: str | None = None) -> None:
        name = self.container_name(container)
        if read is None and write is None:
            raise ValidationError("give read= and/or write= (an ACL string, or '' to remove it)")
        self.api.request("POST", container_path(name), headers=acl_headers(read, write))  # type: ignore[arg-type]

    def delete_container(self, container: ContainerRef, *, delete_objects: bool = False) -> None:
        name = self.container_name(container)
        attempts = EMPTY_CONTAINER_ATTEMPTS if delete_objects else 1
        for attempt in range(1, attempts + 1):
            if delete_objects:
                self._empty_container(name)
            try:
                self.api.request("DELETE", container_path(name))
                return
            except Conflict as exc:
                if attempt < attempts:
                    clock.sleep(backoff_delay(attempt, 0.5, 8.0))
                    continue
                hint = (
                    "objects are still listed after deleting them all (the listing lags; try again)"
                    if delete_objects
                    else "pass delete_objects=True to delete its objects first"
                )
                raise Conflict(
                    method=exc.method,
                    url=exc.url,
                    status=exc.status,
                    message=f"container {name!r} is not empty: {hint}",
                    request_id=exc.request_id,
                    headers=exc.headers,
                ) from None

    def _empty_container(self, name: str) -> None:
        """Delete every object of ``name``: static large objects with their segments, the rest in bulk."""
        slos: list[str] = []
        failures: list[tuple[str, str]] = []

        def names() -> Iterator[str]:
            for obj in self.list_objects(name):
                if obj.is_static_large_object:
                    slos.append(obj.name)
                else:
                    yield obj.name

        result = self.bulk_delete(name, names())
        failures.extend(result.errors)

        def delete_slo(obj: str) -> None:
            try:
                self.delete_large_object(name, obj)
            except NotFound:
                pass
            except HttpError as exc:
                failures.append((obj, f"{exc.status} {exc.message}"))

        self.run_parallel(delete_slo, slos, self._concurrency(None))
        if failures:
            raise _bulk_failure(name, failures)

    # -- objects: metadata -----------------------------------------------------------------------

    def list_objects(
        self,
        container: ContainerRef,
        *,
        prefix: str | None = None,
        delimiter: str | None = None,
        path: str | None = None,
        marker: str | None = None,
        end_marker: str | None = None,
        limit: int | None = None,
        reverse: bool = False,
    ) -> Iterator[StorageObject]:
        name = self.container_name(container)
        if delimiter is not None and len(delimiter) != 1:
            raise ValidationError(f"delimiter must be one character, not {delimiter!r}")
        params = {
            "prefix": prefix,
            "delimiter": delimiter,
            "path": path,
            "marker": marker,
            "end_marker": end_marker,
            "reverse": "true" if reverse else None,
        }
        return self._listing(container_path(name), params, limit, lambda entry: parse.object_from_listing(name, entry))

    def get_object(self, container: ContainerRef, name: ObjectRef) -> StorageObject:
        cname, oname = self.container_name(container), self.object_name(name)
        response = self.api.request("HEAD", object_path(cname, oname), check=parse.incomplete_object_answer)
        return parse.object_from_headers(cname, oname, response.headers)

    def set_object_metadata(
        self,
        container: ContainerRef,
        name: ObjectRef,
        metadata: Mapping[str, str],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the object's metadata with ``metadata`` in one POST (Swift's semantics).

        Swift's POST also drops ``Content-Disposition``, ``Content-Encoding``, ``Cache-Control``,
        ``Content-Language``, ``Expires``, ``X-Delete-At`` and a dynamic large object's
        ``X-Object-Manifest`` unless they are sent again in ``headers``;
        :meth:`update_object_metadata` keeps them for you. The content type is kept.
        """
        cname, oname = self.container_name(container), self.object_name(name)
        sent = extra_headers(headers)
        sent.update(meta_headers("Object", metadata, self.metadata_limits()))
        self.api.request("POST", object_path(cname, oname), headers=sent)  # type: ignore[arg-type]

    def update_object_metadata(self, container: ContainerRef, name: ObjectRef, metadata: MetadataChanges) -> None:
        """Merge ``metadata`` into the object's (None removes a key): a HEAD, then a POST.

        Everything a POST would reset (expiry, content disposition and encoding, cache headers, a
        dynamic large object's manifest) is sent again. Two writers merging at once may lose one
        update: the last POST wins.
        """
        cname, oname = self.container_name(container), self.object_name(name)
        if not isinstance(metadata, Mapping):
            raise ValidationError(f"metadata must be a mapping, not {type(metadata).__name__}")
        path = object_path(cname, oname)
        current = self.api.request("HEAD", path, check=parse.incomplete_object_answer).headers
        merged = read_meta(current, "Object")
        for key, value in metadata.items():
            if value is None:
                merged.pop(key.lower(), None)
            else:
                merged[key.lower()] = value
        sent = meta_headers("Object", merged, self.metadata_limits())
        for header in (*POST_RESET_HEADERS, "X-Object-Manifest"):
            value = current.get(header)
            if value is not None:
                sent[header] = value
        self.api.request("POST", path, headers=sent)  # type: ignore[arg-type]

    # -- objects: upload -------------------------------------------------------------------------

    def upload(
        self,
        container: ContainerRef,
        name: str | None = None,
        source: UploadSource | None = None,
        *,
        path: LocalPath | None = None,
        data: UploadData | None = None,
        stream: UploadStream | None = None,
        remote: str | None = None,
        local: LocalPath | None = None,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
        delete_at: _dt.datetime | int | None = None,
        delete_after: int | None = None,
        headers: Mapping[str, str] | None = None,
        if_none_match: str | None = None,
        etag: str | None = None,
        size: int | None = None,
        progress: Progress | None = None,
        checksum: bool = True,
        large_object_threshold: int | None = None,
        segment_size: int | None = None,
        large_object: str = "slo",
        segment_container: str | None = None,
        segment_prefix: str | None = None,
        concurrency: int | None = None,
    ) -> StorageObject:
        """Upload ``source`` to ``container``/``name``, streamed; it lands whole and verified, or raises.

        What to upload, exactly one of: ``source``, positional (a ``str`` or ``os.PathLike`` is a
        path, as for :meth:`download` and :func:`open`; bytes-like is content; a binary file object
        is read from its current position; any other iterable of bytes is streamed); ``path=`` (a
        file); ``data=`` (bytes-like, or a ``str`` sent as UTF-8 text); ``stream=`` (a binary file
        object or an iterable of bytes). ``remote=`` and ``local=`` are the Node library's names
        for ``name`` and ``path=``. A directory, a missing file, a closed file, a file open for
        writing only or in text mode is refused (ValidationError) before any request. The size is
        known for all but iterators and pipes (give ``size=`` to send ``Content-Length``); unknown
        sizes are sent chunked.

        Verification: in-memory content is sent with its MD5 as ``ETag``, so Swift refuses a
        corrupted body (422) and stores nothing; streamed content is hashed as it is sent and compared
        with the ETag Swift computed, and on a mismatch the object is deleted and
        :class:`~pkgcloud.errors.IntegrityError` raised. ``etag=`` sends a known MD5 for Swift to check.
        ``checksum=False`` skips the local MD5 (faster, unverified).

        Retries: bytes, paths and seekable files are sent again after a 503 or a dropped
        connection, and after a 401 with a new token. Iterators and pipes cannot be re-read: for them
        the token is renewed first if it would expire within 5 minutes, and a failure raises.

        Large objects: a source of known size over ``large_object_threshold`` (default 1 GiB, and
        never above the cluster's max_file_size) becomes a static large object (``large_object="dlo"``
        for a dynamic one) of ``segment_size`` segments (default 256 MiB, grown to fit the cluster's
        segment count limit) in ``segment_container`` (default ``<container>_segments``), uploaded
        ``concurrency`` at a time (default 4) when the source is bytes or a regular file, one after
        another otherwise. An iterator of unknown size is segmented only if ``segment_size`` is
        given. Replacing a large object deletes the old one's segments once the new one is in place.

        ``progress``: ``callback(bytes_done, total_or_None)`` or a tqdm bar (advanced by bytes).
        ``if_none_match="*"``: fail with PreconditionFailed if the object exists. ``delete_at``
        (aware datetime or epoch seconds) / ``delete_after`` (seconds) make the object expire.
        """
        from pkgcloud_openstack.storage import large, uploads
        from pkgcloud_openstack.storage.transfer import is_md5, one_of, open_source, reporter

        _, given_name = one_of("upload", {"name": name, "remote": remote}, "the object's name")
        kind, given = one_of(
            "upload",
            {"source": source, "path": path, "local": local, "data": data, "stream": stream},
            "what to upload: source, path=, data= or stream=",
        )
        cname, oname = self.container_name(container), self.object_name(given_name)
        if large_object not in ("slo", "dlo"):
            raise ValidationError(f"large_object must be 'slo' or 'dlo', not {large_object!r}")
        if etag is not None and not is_md5(etag.lower()):
            raise ValidationError(f"etag must be an MD5 hex digest (32 hex digits), not {etag!r}")
        for option, value in (("large_object_threshold", large_object_threshold), ("segment_size", segment_size)):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
                raise ValidationError(f"{option} must be a positive int, not {value!r}")
        concurrency = self._concurrency(concurrency)
        guessed = content_type or _guess_type(oname, text=kind == "data" and isinstance(given, str))
        sent = uploads.object_headers(self, guessed, metadata, delete_at, delete_after, headers, if_none_match)
        if segment_container is not None:
            segment_container = self.container_name(segment_container)
        if segment_prefix is not None:
            self.object_name(segment_prefix + "00000000")
        src = open_source(given, size, checksum, kind=kind)
        try:
            if etag is not None:
                etag = etag.lower()
                if src.md5 is not None and src.md5 != etag:
                    raise IntegrityError(f"the data's MD5 is {src.md5}, not the etag given ({etag}); nothing was sent")
            progress_reporter = reporter(progress, src.size)
            threshold = large_object_threshold or large.DEFAULT_THRESHOLD
            total = src.size
            if total is not None and total > CAPS_CHECK_SIZE:
                max_file = int(self.get_capabilities().get("swift", {}).get("max_file_size", large.MAX_FILE_SIZE))
                if total > max_file and total <= threshold:
                    if large_object_threshold is not None:
                        raise ValidationError(
                            f"{total} bytes is over the cluster's max_file_size ({max_file}): lower "
                            "large_object_threshold so it is uploaded as a large object"
                        )
                    threshold = max_file
            segmented = (total is not None and total > threshold) or (total is None and segment_size is not None)
            if segmented:
                if etag is not None:
                    raise ValidationError(
                        "etag= applies to single-object uploads; a large object is verified segment by segment"
                    )
                return uploads.upload_large(
                    self,
                    cname,
                    oname,
                    src,
                    sent,
                    progress_reporter,
                    kind=large_object,
                    segment_size=segment_size,
                    segment_container=segment_container,
                    segment_prefix=segment_prefix,
                    concurrency=concurrency,
                    checksum=checksum,
                    if_none_match=if_none_match,
                )
            return uploads.upload_plain(self, cname, oname, src, sent, progress_reporter, checksum=checksum, etag=etag)
        finally:
            src.close()

    # -- objects: download -----------------------------------------------------------------------

    def iter_object(
        self,
        container: ContainerRef,
        name: ObjectRef,
        *,
        chunk_size: int = 1 << 18,  # transfer.CHUNK (literal: the signature does not import transfer)
        offset: int = 0,
        length: int | None = None,
        progress: Progress | None = None,
        verify: bool = True,
    ) -> Iterator[bytes]:
        """The content as an iterator of ``chunk_size`` chunks, in constant memory.

        The request is sent now (so a missing object raises here); the checks run as the chunks
        pass and the last one raises :class:`~pkgcloud.errors.IntegrityError` at the end of the
        iteration if anything did not match: consume it to the end before trusting the data.
        """
        from pkgcloud_openstack.storage import downloads

        if not isinstance(chunk_size, int) or chunk_size <= 0:
            raise ValidationError(f"chunk_size must be a positive int, not {chunk_size!r}")
        _obj, chunks = downloads.open_download(self, container, name, offset, length, progress, verify, chunk_size)
        return chunks

    def download(
        self,
        container: ContainerRef,
        name: ObjectRef | None = None,
        destination: DownloadTarget | None = None,
        *,
        path: LocalPath | None = None,
        stream: IO[bytes] | None = None,
        remote: str | None = None,
        local: LocalPath | None = None,
        offset: int = 0,
        length: int | None = None,
        progress: Progress | None = None,
        verify: bool = True,
    ) -> StorageObject:
        """Write the object (or ``length`` bytes from ``offset``) to a path or a binary file.

        Checked as it arrives: a plain object's MD5 against its ETag; a static large object's
        segments each against its manifest; sizes always. A dropped connection resumes where it
        stopped (a ``Range`` request, refused if the object changed). A path is written to a
        temporary file beside it, renamed into place only when complete and verified; a file object
        receives the bytes as they come (on an error it holds a partial copy).

        Where to, exactly one of: ``destination`` (a path, ``str`` or ``os.PathLike``, or a binary
        file object open for writing), ``path=`` or ``stream=`` (a binary file object);
        ``remote=`` and ``local=`` are the Node library's names for ``name`` and ``path=``. A path
        that is a directory or a read-only file, in a directory that does not exist, or a file
        object that is closed, read-only or in text mode is refused (ValidationError) before any
        request.
        """
        from pkgcloud_openstack.storage import downloads
        from pkgcloud_openstack.storage.transfer import DOWNLOAD_CHUNK, one_of

        _, given_name = one_of("download", {"name": name, "remote": remote}, "the object's name")
        target = downloads.check_target(
            *one_of(
                "download",
                {"destination": destination, "path": path, "local": local, "stream": stream},
                "where to write: destination, path= or stream=",
            )
        )
        obj, chunks = downloads.open_download(
            self, container, given_name, offset, length, progress, verify, DOWNLOAD_CHUNK
        )
        if isinstance(target, str):
            downloads.write_path(target, chunks)
        else:
            write = target.write
            for chunk in chunks:
                write(chunk)
        return obj

    # -- objects: delete, copy -------------------------------------------------------------------

    def delete_object(self, container: ContainerRef, name: ObjectRef, *, segments: bool = True) -> None:
        """Delete an object. A static large object's segments are deleted with it, and a dynamic one's
        (the objects under its manifest prefix) after it, unless ``segments=False``.

        Knowing the kind takes a HEAD first, unless ``name`` is a StorageObject that says (one from
        :meth:`get_object`, or a listed object with a size).
        """
        from pkgcloud_openstack.storage import uploads

        cname, oname = self.container_name(container), self.object_name(name)
        path = object_path(cname, oname)
        if segments:
            known = name if not isinstance(name, str) else None
            if known is not None and (known.is_static_large_object or known.manifest or (known.size or 0) > 0):
                info = known
            else:
                head = self.api.request("HEAD", path, check=parse.incomplete_object_answer)
                info = parse.object_from_headers(cname, oname, head.headers)
            if info.is_static_large_object:
                self.delete_large_object(cname, oname)
                return
            if info.manifest:
                self.api.request("DELETE", path)
                seg_container, _, seg_prefix = unquote(info.manifest).partition("/")
                if seg_container and seg_prefix:
                    names = [o.name for o in self.list_objects(seg_container, prefix=seg_prefix)]
                    uploads.delete_segments_quietly(self, seg_container, names)
                return
        self.api.request("DELETE", path)

    def delete_large_object(self, container: str, name: str) -> None:
        """Delete a static large object and its segments (``multipart-manifest=delete``)."""
        from pkgcloud_openstack.storage import bulk

        path = object_path(container, name)
        deleted = 0
        for attempt in (1, 2):
            token = self.auth.current_token()
            response = self.api.request(
                "DELETE", path, params={"multipart-manifest": "delete"}, headers={"Accept": "application/json"}
            )
            doc = bulk.parse_answer(response.content) if response.content else {}
            result = bulk.result(doc, container)
            deleted += result.deleted
            if attempt == 1 and bulk.refused(result) and self.auth.can_reauthenticate:
                # segments refused for the token (it expired during the request): again with a new one
                self.auth.invalidate(token, reason="401s inside a large-object delete answer")
                continue
            break
        if deleted == 0 and result.not_found and not result.errors:
            raise NotFound(method="DELETE", url=self.api.url(path), status=404, message=f"{container}/{name} not found")
        if result.errors:
            raise _bulk_failure(container, result.errors)

    def bulk_delete(self, container: ContainerRef, names: Iterable[str]) -> BulkDeleteResult:
        """Delete the named objects of ``container``: with Swift's bulk delete when the cluster has it
        (as many per request as it allows), else with parallel DELETEs. Not-found objects count as
        ``not_found``; other failures are listed in ``errors`` (this does not raise for them).

        Large objects listed here lose their manifest only: use :meth:`delete_object` for them.
        """
        from pkgcloud_openstack.storage import bulk

        cname = self.container_name(container)
        if isinstance(names, str):
            raise ValidationError("names must be an iterable of object names, not a single str (wrap it in a list)")
        caps = self.get_capabilities()
        bulk_caps = caps.get("bulk_delete")
        if caps and bulk_caps is None:
            return self._parallel_delete(cname, names)
        per_request = int((bulk_caps or {}).get("max_deletes_per_request", DEFAULT_LISTING_LIMIT))
        swift = self.swift_capabilities()
        limit = bulk.path_limit(
            as_int(swift.get("max_object_name_length")) or MAX_OBJECT_NAME_LENGTH,
            as_int(swift.get("max_container_name_length")) or MAX_CONTAINER_NAME_LENGTH,
        )
        alone: list[str] = []  # too long for the bulk middleware once URL-encoded: one DELETE each

        def bulk_names() -> Iterator[str]:
            for name in names:
                checked = self.object_name(name)
                if bulk.fits(cname, checked, limit):
                    yield checked
                else:
                    alone.append(checked)

        result = self._bulk_delete_all(cname, bulk_names(), max(1, per_request))
        if alone:
            result = bulk.merge([result, self._parallel_delete(cname, alone)])
        return result

    def _bulk_delete_all(self, container: str, names: Iterator[str], per_request: int) -> BulkDeleteResult:
        """Bulk-delete ``names`` in requests that each fit in the token's remaining life.

        Each request holds at most ``per_request`` names, and no more than the deletion rate measured
        on the previous request says can be done in half the time the token has left. Names refused
        for the token (401s inside the answer: the token expired during the request) are sent again
        with a new token, alone; once a new token is refused too, they are reported as errors.
        """
        from pkgcloud.models import storage as models
        from pkgcloud_openstack.storage import bulk

        total = models.BulkDeleteResult()
        again: list[str] = []  # refused for the token: sent first in the next request
        rate: float | None = None  # names deleted per second by the last request
        recounted = 0  # names deleted by an aborted request, sent again: they come back not found
        stuck = 0  # requests in a row whose names were all refused for the token
        while True:
            size = self._bulk_batch_size(per_request, rate)
            batch, again = again[:size], again[size:]
            batch.extend(itertools.islice(names, size - len(batch)))
            if not batch:
                break
            token = self.auth.current_token()
            started = clock.monotonic()
            result, doc = self._bulk_delete_batch(container, batch)
            elapsed = clock.monotonic() - started
            refused = bulk.refused(result)
            done = len(batch) - len(refused)
            if elapsed > 0 and done > 0:
                rate = done / elapsed  # the refused are not counted: they went fast, and will go again
            if refused and doc is not None and bulk.aborted(doc):
                # Swift gave up after too many failures: the names it never tried are not listed
                failed = {name for name, _ in result.errors}
                refused += [name for name in batch if name not in failed]
                recounted += result.deleted
            stuck = 0 if not refused or result.deleted or result.not_found else stuck + 1
            if refused and stuck < 2 and self.auth.can_reauthenticate:
                # the token expired during the request (or was revoked): renew, send those again
                self.auth.invalidate(token, reason="401s inside a bulk-delete answer")
                resend = set(refused)
                result.errors = [(n, s) for n, s in result.errors if n not in resend]
                again = refused + again
            # else a new token was refused too (or none can be had): the 401s are reported
            total.deleted += result.deleted
            total.not_found += result.not_found
            total.errors.extend(result.errors)
        total.not_found = max(0, total.not_found - recounted)
        return total

    def _bulk_batch_size(self, per_request: int, rate: float | None) -> int:
        """How many names the next bulk request may hold for it to end before the token expires."""
        auth = self.auth
        if not isinstance(auth, TokenAuth):
            return per_request
        state = auth.get_state()
        speed = rate or ASSUMED_BULK_RATE
        fits = speed * BULK_SHARE_OF_TOKEN * state.remaining()
        life = state.lifetime()
        if fits < per_request and life is not None and state.remaining() < 0.5 * life:
            # a new token would hold a larger request: renew now rather than send a small one
            state = auth.ensure_fresh(0.5 * life)
            fits = speed * BULK_SHARE_OF_TOKEN * state.remaining()
        return max(1, min(per_request, int(fits))) if fits != float("inf") else per_request

    def _bulk_delete_batch(self, container: str, names: list[str]) -> tuple[BulkDeleteResult, dict[str, Any] | None]:
        from pkgcloud_openstack.storage import bulk

        response = self.api.request(
            "POST",
            "",
            params={"bulk-delete": ""},
            data=bulk.body(container, names),
            headers={"Content-Type": "text/plain", "Accept": "application/json"},
            retry=True,  # deleting the same names twice is harmless
        )
        doc = bulk.parse_answer(response.content) if response.content else {}
        if "Number Deleted" not in doc and "Errors" not in doc:
            # no bulk middleware answered (the cluster hides /info): do it one by one
            return self._parallel_delete(container, names), None
        return bulk.result(doc, container), doc

    def extract_archive(
        self,
        source: Any,
        *,
        container: ContainerRef | None = None,
        prefix: str | None = None,
        format: str = "tar.gz",
    ) -> ExtractArchiveResult:
        """Upload a tar archive (``tar``, ``tar.gz`` or ``tar.bz2``) that Swift unpacks into objects
        (its bulk middleware's ``extract-archive``): into ``container`` (under ``prefix``), or, without
        one, at the account, each top-level directory of the archive becoming a container.

        ``source``: a path, bytes, or a binary file object. Files Swift could not create are listed
        in the result's ``errors`` (this does not raise for them). A cluster whose ``/info`` shows no
        ``bulk_upload`` raises :class:`UnsupportedOperation` before anything is sent.
        """
        from pkgcloud_openstack.storage import bulk
        from pkgcloud_openstack.storage.transfer import open_source

        if format not in bulk.ARCHIVE_FORMATS:
            raise ValidationError(f"format must be one of {', '.join(bulk.ARCHIVE_FORMATS)}, not {format!r}")
        if prefix is not None and container is None:
            raise ValidationError("prefix needs a container: an archive extracted at the account names its containers")
        path = ""
        if container is not None:
            path = container_path(self.container_name(container))
            if prefix is not None:
                path = object_path(self.container_name(container), self.object_name(prefix))
        if isinstance(source, (str, os.PathLike)):
            opened = open_source(source, None, False, kind="path")
        elif isinstance(source, (bytes, bytearray, memoryview)):
            opened = open_source(source, None, False, kind="data")
        elif hasattr(source, "read"):
            opened = open_source(source, None, False, kind="stream")
        else:
            raise ValidationError(f"source must be a path, bytes or a binary file object, not {type(source).__name__}")
        try:
            caps = self.get_capabilities()
            if caps and "bulk_upload" not in caps:
                raise UnsupportedOperation(
                    "this Swift has no bulk middleware for uploads: extract-archive is not offered"
                )
            # sent chunked: Swift unpacks the archive as it arrives
            headers = {"Accept": "application/json"}
            response = self.api.request(
                "PUT",
                path,
                params={"extract-archive": format},
                data=opened.chunks(0, None),
                headers=headers,
                retry=opened.replayable,
            )
        finally:
            opened.close()
        try:
            doc = bulk.parse_answer(response.content) if response.content else {}
        except ServerError:
            raise self.api.malformed("an extract-archive answer that is not JSON", "PUT", response.url) from None
        if "Number Files Created" not in doc and "Errors" not in doc:
            raise self.api.malformed("an extract-archive answer without its counts", "PUT", response.url)
        return bulk.extract_result(doc, None if container is None else self.container_name(container))

    def _parallel_delete(self, container: str, names: Iterable[str]) -> BulkDeleteResult:
        from pkgcloud.models import storage as models
        from pkgcloud_openstack.storage import large

        result = models.BulkDeleteResult()
        lock = threading.Lock()

        def delete(name: str) -> None:
            try:
                self.api.request("DELETE", object_path(container, name))
                outcome = "deleted"
            except NotFound:
                outcome = "not_found"
            except HttpError as exc:
                outcome = f"{exc.status} {exc.message}".strip()
            except TransportError as exc:
                outcome = str(exc)
            with lock:
                if outcome == "deleted":
                    result.deleted += 1
                elif outcome == "not_found":
                    result.not_found += 1
                else:
                    result.errors.append((name, outcome))

        # deletes are small: twice the default concurrency, still within the connection pool
        self.run_parallel(
            delete, [self.object_name(n) for n in names], self._concurrency(2 * large.DEFAULT_CONCURRENCY)
        )
        return result

    def copy_object(
        self,
        container: ContainerRef,
        name: ObjectRef,
        destination_container: ContainerRef,
        destination_name: str | None = None,
        *,
        metadata: Mapping[str, str] | None = None,
        fresh_metadata: bool = False,
        content_type: str | None = None,
    ) -> StorageObject:
        """Server-side copy (``X-Copy-From``), within or across containers; returns the copy.

        A large object is copied as its content (one plain object, so at most max_file_size bytes):
        the copy never shares segments with the original.
        """
        cname, oname = self.container_name(container), self.object_name(name)
        dcname = self.container_name(destination_container)
        dname = self.object_name(destination_name if destination_name is not None else oname)
        if (cname, oname) == (dcname, dname) and not metadata and not content_type and not fresh_metadata:
            raise ValidationError("copying an object onto itself changes nothing: give metadata or a new name")
        headers: dict[str, str | bytes] = {"X-Copy-From": f"/{container_path(cname)}/{quote_name(oname)}"}
        headers.update(meta_headers("Object", metadata, self.metadata_limits()))
        if fresh_metadata:
            headers["X-Fresh-MetadataChanges"] = "true"
        if content_type:
            headers["Content-Type"] = header_value(content_type, "content_type")
        self.api.request("PUT", object_path(dcname, dname), data=b"", headers=headers)  # type: ignore[arg-type]
        return self.get_object(dcname, dname)

    # -- temp URLs -------------------------------------------------------------------------------

    def temp_url(
        self,
        container: ContainerRef,
        name: ObjectRef,
        *,
        expires_in: int = 3600,
        expires_at: _dt.datetime | int | None = None,
        method: str = "GET",
        digest: str = "sha256",
        prefix: bool = False,
        filename: str | None = None,
        inline: bool = False,
        ip_range: str | None = None,
        key: str | None = None,
    ) -> str:
        """A URL allowing ``method`` on the object without a token, until ``expires_at`` (or
        ``expires_in`` seconds from now).

        ``prefix=True``: ``name`` is a prefix and the signature is valid for every object whose name
        starts with it (append the rest of an object's name, URL-encoded, to the URL's path).
        ``filename``/``inline`` set the Content-Disposition of the download. ``ip_range`` limits the
        clients (an address or a CIDR). ``key``: the temp URL key to sign with; by default the
        account's (read once and cached by this client; set it with :meth:`set_temp_url_key`).
        The digest must be one the cluster allows (SHA-256 by default; SHA-1 and SHA-512 where
        allowed).
        """
        from pkgcloud_openstack.storage import tempurl

        cname = self.container_name(container)
        oname = name if isinstance(name, str) else getattr(name, "name", name)
        if prefix:
            if not isinstance(oname, str):
                raise ValidationError(f"the prefix must be a str, not {type(oname).__name__}")
            if oname:
                self.object_name(oname)
        else:
            oname = self.object_name(oname)
        # what is wrong in the arguments themselves is refused before the token or /info is asked for
        method, expires, ip_range = tempurl.check_arguments(method, expires_in, expires_at, ip_range, digest)
        caps = self.get_capabilities().get("tempurl")
        if self._capabilities and caps is None:
            raise UnsupportedOperation("this Swift cluster does not offer temp URLs (no tempurl middleware)")
        allowed = tuple((caps or {}).get("allowed_digests") or tempurl.DIGESTS)
        if digest not in allowed:
            raise ValidationError(f"digest {digest!r} is not allowed by this cluster (allowed: {', '.join(allowed)})")
        secret = key if key is not None else self._signing_key(cname)
        return tempurl.build(
            self.endpoint,
            object_path(cname, oname) if oname else f"{container_path(cname)}/",
            key=secret,
            method=method,
            expires=expires,
            digest=digest,
            container=cname,
            name=oname,
            prefix=prefix,
            filename=filename,
            inline=inline,
            ip_range=ip_range,
        )

    def _signing_key(self, container: str) -> str:
        # read once per client: the account's keys, else the container's (set_temp_url_key forgets them)
        keys = self._account_keys
        if keys is None:
            info = self.get_account()
            keys = (info.temp_url_key, info.temp_url_key_2)
        found = keys[0] or keys[1]
        if not found:
            if container not in self._container_keys:
                ckeys = self.get_temp_url_keys(container)
                self._container_keys[container] = ckeys[0] or ckeys[1]
            found = self._container_keys[container]
        if not found:
            self._container_keys.pop(container, None)  # none yet: look again next time
            raise ValidationError(
                "no temp URL key is set on the account or the container: call set_temp_url_key(...) first, or pass key="
            )
        return found


# -- helpers --------------------------------------------------------------------------------------


def _info_url(endpoint: str) -> str:
    """``/info`` beside the ``/v1/<account>`` of the endpoint (keeping any path prefix before it)."""
    from pkgcloud_openstack.storage import tempurl

    base, _ = tempurl.split_endpoint(endpoint)
    return f"{base}/info"


def _guess_type(name: str, *, text: bool) -> str:
    import mimetypes

    guessed, encoding = mimetypes.guess_type(name, strict=False)
    if guessed and not encoding:
        return guessed
    return "text/plain; charset=utf-8" if text else "application/octet-stream"


def _bulk_failure(container: str, failures: list[tuple[str, str]]) -> HttpError:
    """One typed error for objects that could not be deleted (its class from the first failure's status)."""
    first = failures[0][1]
    code = int(first.split()[0]) if first.split() and first.split()[0].isdigit() else 409
    shown = ", ".join(f"{n!r} ({s})" for n, s in failures[:5])
    more = f" and {len(failures) - 5} more" if len(failures) > 5 else ""
    return error_class_for(code)(
        method="DELETE",
        url=container,
        status=code,
        message=f"could not delete {len(failures)} object(s) of container {container!r}: {shown}{more}",
    )
