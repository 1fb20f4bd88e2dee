"""Streaming in both directions: upload sources and bodies, download streams, checksums, progress.

Uploads: every source becomes a :class:`Source` that can give its bytes in 256 KiB chunks, from an
offset, for a length. In-memory data and regular files are *positional* (several ranges may be read
at once, for parallel segments) and *replayable* (a retry reads them again); other seekable files
are replayable but sequential; iterators and pipes are one-shot. A request body is an iterable
(:class:`SizedBody` when the length is known, so requests sends ``Content-Length``; it has no
``read`` on purpose: urllib3 would read a file 16 KiB at a time) that hashes and reports progress
as the bytes go out.

Downloads: :func:`stream_response` reads the raw (undecoded) body in large chunks, feeds a
:class:`Verifier`, and on a dropped connection asks for the rest with a ``Range`` request, checking
that the object did not change in between.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from pkgcloud import clock
from pkgcloud.errors import ConnectionFailed, IntegrityError, ValidationError
from pkgcloud.http import backoff_delay

if TYPE_CHECKING:
    import requests

CHUNK = 1 << 18  # 256 KiB: per-chunk Python cost is noise, and little is held in memory at once
# a download written to a path or file reads 1 MiB at a time: a quarter of the reads, writes and
# MD5 calls (measured: ~10% less client CPU per GiB than 256 KiB), 1 MiB held at once
DOWNLOAD_CHUNK = 1 << 20


# -- progress -------------------------------------------------------------------------------------


class ProgressReporter:
    """Reports ``(done, total)`` to a callback, or advances a tqdm-like bar; safe across threads."""

    __slots__ = ("_bar", "_callback", "_lock", "done", "total")

    def __init__(self, progress: Any, total: int | None) -> None:
        self.total = total
        self.done = 0
        self._lock = threading.Lock()
        self._callback: Callable[[int, int | None], None] | None = None
        self._bar: Any = None
        if callable(progress):
            self._callback = progress
        elif hasattr(progress, "update"):
            self._bar = progress
            if total is not None and getattr(progress, "total", None) is None:
                progress.total = total
                refresh = getattr(progress, "refresh", None)
                if callable(refresh):
                    refresh()
        else:
            raise ValidationError(
                "progress must be a callable(bytes_done, total) or a tqdm-like object with update(n), "
                f"not {type(progress).__name__}"
            )

    def advance(self, n: int) -> None:
        if not n:
            return
        with self._lock:
            self.done += n
            if self._callback is not None:
                self._callback(self.done, self.total)
            else:
                self._bar.update(n)


def reporter(progress: Any, total: int | None) -> ProgressReporter | None:
    return ProgressReporter(progress, total) if progress is not None else None


# -- upload sources ---------------------------------------------------------------------------------


class SourceChanged(ValidationError):
    """The source gave fewer or more bytes than its announced size (a file changed while read)."""


class Source:
    """Where upload bytes come from. ``size`` None: unknown until read (then sent chunked)."""

    size: int | None = None
    replayable = False
    positional = False
    md5: str | None = None  # known in advance (in-memory content): sent as the ETag header
    description = "source"

    def chunks(self, offset: int, length: int | None) -> Iterator[Any]:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the source opened itself (never the caller's file)."""


class MemorySource(Source):
    size: int
    replayable = True
    positional = True
    description = "bytes"

    def __init__(self, data: bytes | bytearray | memoryview, checksum: bool) -> None:
        self._given = memoryview(data)
        self.view = self._given.cast("B") if self._given.format != "B" or self._given.ndim != 1 else self._given
        self.size = self.view.nbytes
        if checksum:
            self.md5 = hashlib.md5(self.view, usedforsecurity=False).hexdigest()

    def close(self) -> None:
        # a BytesIO can grow again once its buffer is no longer exported
        self.view.release()
        self._given.release()

    def chunks(self, offset: int, length: int | None) -> Iterator[Any]:
        end = self.size if length is None else offset + length
        view = self.view
        for start in range(offset, end, CHUNK):
            yield _as_bytes(view[start : min(start + CHUNK, end)])


class FileSource(Source):
    """A regular file read with ``pread`` (thread-safe, no shared position): positional, replayable."""

    size: int
    replayable = True
    positional = True

    def __init__(self, fd: int, start: int, size: int, *, owned: bool, description: str, file: Any = None) -> None:
        self.fd = fd
        self.start = start
        self.size = size
        self.owned = owned
        self.description = description
        self._file = file

    def chunks(self, offset: int, length: int | None) -> Iterator[Any]:
        assert self.size is not None
        pos = self.start + offset
        end = self.start + (self.size if length is None else offset + length)
        fd = self.fd
        while pos < end:
            data = os.pread(fd, min(CHUNK, end - pos), pos)
            if not data:
                raise SourceChanged(
                    f"{self.description} ended {end - pos} bytes early: it was truncated during the upload"
                )
            pos += len(data)
            yield data

    def close(self) -> None:
        if self.owned:
            os.close(self.fd)
        elif self._file is not None:
            # leave the caller's file where a plain read would have: after what was uploaded
            with contextlib.suppress(OSError, ValueError):
                self._file.seek(self.start + self.size)


class SeekableSource(Source):
    """A seekable file without a regular file descriptor (BytesIO-like): replayable, sequential."""

    size: int
    replayable = True
    description = "file object"

    def __init__(self, file: IO[bytes], start: int, size: int) -> None:
        self.file = file
        self.start = start
        self.size = size
        self._lock = threading.Lock()

    def chunks(self, offset: int, length: int | None) -> Iterator[Any]:
        assert self.size is not None
        remaining = self.size - offset if length is None else length
        pos = self.start + offset
        while remaining > 0:
            with self._lock:
                self.file.seek(pos)
                data = self.file.read(min(CHUNK, remaining))
            if not data:
                raise SourceChanged(f"the file object ended {remaining} bytes early")
            if isinstance(data, str):
                raise ValidationError("the file object gives str: open it in binary mode ('rb')")
            pos += len(data)
            remaining -= len(data)
            yield data


class StreamSource(Source):
    """An iterator or non-seekable file: read once, in order."""

    description = "stream"

    def __init__(self, pieces: Iterator[Any], size: int | None) -> None:
        self._pieces = pieces
        self._pending: memoryview | None = None
        self._position = 0
        self.size = size
        self.exhausted = False

    def chunks(self, offset: int, length: int | None) -> Iterator[Any]:
        if offset != self._position:
            raise ValidationError(
                "this source is a one-shot stream and cannot be read again (an iterator or a pipe); "
                "pass bytes, a path or a seekable file to allow retries"
            )
        remaining = length
        while remaining is None or remaining > 0:
            piece = self._next()
            if piece is None:
                if remaining is not None:
                    raise SourceChanged(
                        f"the stream ended {remaining} bytes before the announced size ({self.size} bytes)"
                    )
                return
            if remaining is not None and piece.nbytes > remaining:
                self._pending = piece[remaining:]
                piece = piece[:remaining]
            size = piece.nbytes
            self._position += size
            if remaining is not None:
                remaining -= size
            yield _as_bytes(piece)

    def _next(self) -> memoryview | None:
        if self._pending is not None:
            piece, self._pending = self._pending, None
            return piece
        for raw in self._pieces:
            if isinstance(raw, str):
                raise ValidationError("the upload iterator yielded str: yield bytes (e.g. text.encode())")
            if not isinstance(raw, (bytes, bytearray, memoryview)):
                raise ValidationError(f"the upload iterator yielded {type(raw).__name__}: yield bytes")
            view = memoryview(raw).cast("B")
            if view.nbytes:
                return view
        self.exhausted = True
        return None

    def take(self, limit: int) -> Iterator[bytes]:
        """The next ``limit`` bytes, or fewer if the stream ends first."""
        left = limit
        while left > 0:
            piece = self._next()
            if piece is None:
                return
            if piece.nbytes > left:
                self._pending = piece[left:]
                piece = piece[:left]
            left -= piece.nbytes
            self._position += piece.nbytes
            yield _as_bytes(piece)

    def at_end(self) -> bool:
        """True when nothing is left (reads ahead one piece if needed)."""
        if self._pending is not None:
            return False
        piece = self._next()
        if piece is None:
            return True
        self._pending = piece
        return False


def _as_bytes(piece: memoryview) -> bytes:
    """A chunk to send: the caller's own bytes object when the piece is all of it, else a copy.

    Bodies yield bytes, never views: whoever consumes the chunks (an HTTP recorder, a retry
    buffer) may keep them, and a view would pin or alias the caller's buffer.
    """
    whole = piece.obj
    if isinstance(whole, bytes) and piece.nbytes == len(whole):
        return whole
    return piece.tobytes()


def _file_pieces(file: Any) -> Iterator[bytes]:
    read = file.read
    while True:
        data = read(CHUNK)
        if not data:
            return
        yield data


def one_of(what: str, given: Mapping[str, Any], wanted: str) -> tuple[str, Any]:
    """The one argument of ``given`` (name -> value) that is not None; otherwise a ValidationError.

    ``what`` names the call (``"upload"``); ``wanted`` says what the caller should give.
    """
    set_ = [(name, value) for name, value in given.items() if value is not None]
    if len(set_) == 1:
        return set_[0]
    if not set_:
        raise ValidationError(f"{what} needs {wanted}")
    listed = " and ".join(name for name, _ in set_)
    raise ValidationError(f"{what} got {listed}: give only one of them ({wanted})")


SOURCE_KINDS = ("source", "path", "local", "data", "stream")


def open_source(source: Any, size: int | None, checksum: bool, *, kind: str = "source") -> Source:
    """The :class:`Source` for what ``upload`` was given as ``kind`` (``size`` is the caller's statement).

    ``kind`` is the argument it came in: ``"path"``/``"local"`` (a file), ``"data"`` (bytes, or a
    str sent as UTF-8), ``"stream"`` (a binary file object or an iterable of bytes) or ``"source"``
    (the positional one: a str or os.PathLike is a path, bytes-like is content, anything readable or
    iterable is streamed). Every check of the source itself is made here, before anything is sent.
    """
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
        raise ValidationError(f"size must be a non-negative int, not {size!r}")
    if kind in ("path", "local"):
        if not isinstance(source, (str, os.PathLike)):
            raise ValidationError(f"{kind}= must be a path (str or os.PathLike), not {type(source).__name__}")
        return _path_source(source, size, kind)
    if kind == "data":
        if isinstance(source, str):
            source = source.encode("utf-8")
        if not isinstance(source, (bytes, bytearray, memoryview)):
            raise ValidationError(
                f"data= must be bytes-like or a str (sent as UTF-8), not {type(source).__name__}: "
                "give path= for a file, stream= for a file object or an iterable of bytes"
            )
        return _memory_source(source, size, checksum, "data=")
    if kind == "stream":
        if isinstance(source, (str, os.PathLike, bytes, bytearray, memoryview)):
            raise ValidationError(
                f"stream= must be a binary file object or an iterable of bytes, not {type(source).__name__}: "
                "give path= for a file, data= for bytes or text"
            )
        if hasattr(source, "read"):
            return _file_source(source, size, checksum, "stream=")
        if isinstance(source, Iterable):
            return StreamSource(iter(source), size)
        raise ValidationError(
            f"stream= must be a binary file object or an iterable of bytes, not {type(source).__name__}"
        )
    if isinstance(source, (str, os.PathLike)):
        return _path_source(source, size, kind)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _memory_source(source, size, checksum, "the data")
    if hasattr(source, "read"):
        return _file_source(source, size, checksum, kind)
    if isinstance(source, Iterable):
        return StreamSource(iter(source), size)
    raise ValidationError(
        f"cannot upload a {type(source).__name__}: give a path (str or os.PathLike), bytes, a binary file "
        "object or an iterable of bytes (or data= for text)"
    )


def _memory_source(data: bytes | bytearray | memoryview, size: int | None, checksum: bool, what: str) -> Source:
    mem = MemorySource(data, checksum)
    _check_size(size, mem.size, what)
    return mem


def _path_source(given: str | os.PathLike[str], size: int | None, kind: str) -> Source:
    path = os.fspath(given)
    if not isinstance(path, str) or not path:
        raise ValidationError(f"{kind}: the path must be a non-empty str or os.PathLike, not {given!r}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        hint = ""
        if kind == "source" and isinstance(given, str) and exc.errno == errno.ENOENT:
            hint = " (a str source is a path, as in open(): to upload the text itself, pass data=... or bytes)"
        raise ValidationError(f"{kind}: cannot read {path!r}: {exc.strerror}{hint}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ValidationError(f"{kind}: {path!r} is a directory: upload the files in it one by one")
    except BaseException:
        os.close(fd)
        raise
    if stat.S_ISREG(info.st_mode):
        _check_size(size, info.st_size, repr(path))
        return FileSource(fd, 0, info.st_size, owned=True, description=repr(path))
    # a FIFO or device: read it as a stream (and close it after)
    stream_file = os.fdopen(fd, "rb", buffering=0)
    src = StreamSource(_file_pieces(stream_file), size)
    src.close = stream_file.close  # type: ignore[method-assign]
    return src


def _file_source(source: Any, size: int | None, checksum: bool, kind: str) -> Source:
    """A file object: refused if closed, in text mode or not readable; else read from where it is."""
    if getattr(source, "closed", False) is True:
        raise ValidationError(f"{kind}: the file object is closed: upload it while it is open (inside its with block)")
    if isinstance(source, io.TextIOBase):
        raise ValidationError(f"{kind}: the file is open in text mode: open it in binary mode ('rb')")
    readable = getattr(source, "readable", None)
    if callable(readable):
        try:
            can_read = bool(readable())
        except (OSError, ValueError):
            can_read = False
        if not can_read:
            mode = getattr(source, "mode", None)
            shown = f" (mode {mode!r})" if isinstance(mode, str) else ""
            raise ValidationError(f"{kind}: the file is not open for reading{shown}: open it with 'rb'")
    fileno = _fileno(source)
    if fileno is not None:
        info = os.fstat(fileno)
        if stat.S_ISREG(info.st_mode):
            start = source.tell()
            available = max(0, info.st_size - start)
            _check_size(size, available, "the file")
            return FileSource(fileno, start, available, owned=False, description="the file", file=source)
    if isinstance(source, io.BytesIO):
        start = source.tell()
        view = source.getbuffer()[start:]
        return _memory_source(view, size, checksum, "the BytesIO")
    if _is_seekable(source):
        start = source.tell()
        end = source.seek(0, io.SEEK_END)
        source.seek(start)
        _check_size(size, end - start, "the file object")
        return SeekableSource(source, start, end - start)
    return StreamSource(_file_pieces(source), size)


def _check_size(given: int | None, actual: int, what: str) -> None:
    if given is not None and given != actual:
        raise ValidationError(f"size={given} was given but {what} holds {actual} bytes")


def _fileno(file: Any) -> int | None:
    try:
        return int(file.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def _is_seekable(file: Any) -> bool:
    try:
        return bool(file.seekable()) if hasattr(file, "seekable") else False
    except (OSError, ValueError):
        return False


# -- hashing beside the I/O ------------------------------------------------------------------------

# Transfers of at least OVERLAP_MIN bytes hash in a thread of their own (:class:`Background`);
# None: every transfer hashes in line, the default. Measured on the 2-core machine whose CPUs the
# client shares with Swift's proxy and object servers (bench/results/storage-2026-12-01.md), the
# thread costs more CPU than the overlap saves: each 256 KiB chunk moves the GIL between the two
# threads and back, and with no idle core the hashing thread only takes CPU from the servers.
# In line, a verified stream is as fast as the verified pipe (curl | tee | md5sum) or faster.
OVERLAP_MIN: int | None = None
HASH_BATCH = 1 << 20  # bytes handed to the hashing thread at once, when there is one


class Background:
    """Runs ``consume(chunk)`` on every chunk, in order, in a thread of its own.

    Used when ``OVERLAP_MIN`` is set (it is not, by default). MD5 runs at ~650 MB/s per core: in
    line, it stalls the socket for a third of the time at local-network speeds when a core is idle.
    hashlib releases the GIL on large buffers, so hashing chunk N while chunk N+1 is sent or
    received overlaps the two. Chunks are immutable bytes, so handing them
    over is safe. They are handed over ``batch`` bytes at a time, at most ``depth`` batches
    waiting: each hand-off wakes the thread and moves the GIL between the two threads (a few
    context switches), which per 256 KiB chunk cost more CPU than the overlap saved on a busy
    machine. An error in ``consume`` is raised by the next ``put`` or by ``finish``.
    """

    __slots__ = ("_batch", "_consume", "_error", "_pending", "_pending_bytes", "_queue", "_thread")

    def __init__(self, consume: Callable[[Any], Any], depth: int = 1, batch: int | None = None) -> None:
        import queue

        self._consume = consume
        self._error: BaseException | None = None
        self._queue: queue.Queue[list[Any] | None] = queue.Queue(depth)
        self._batch = HASH_BATCH if batch is None else batch
        self._pending: list[Any] = []
        self._pending_bytes = 0
        self._thread: threading.Thread | None = threading.Thread(
            target=self._run, name="pkgcloud-checksum", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        get, consume = self._queue.get, self._consume
        while True:
            chunks = get()
            if chunks is None:
                return
            if self._error is None:
                try:
                    for chunk in chunks:
                        consume(chunk)
                except BaseException as exc:  # handed to the producer's thread
                    self._error = exc

    def put(self, chunk: Any) -> None:
        if self._error is not None:
            raise self._error
        self._pending.append(chunk)
        self._pending_bytes += len(chunk)
        if self._pending_bytes >= self._batch:
            self._queue.put(self._pending)
            self._pending, self._pending_bytes = [], 0

    def finish(self) -> None:
        """Wait until every chunk is consumed; raise what ``consume`` raised."""
        if self._pending and self._thread is not None:
            self._queue.put(self._pending)
            self._pending, self._pending_bytes = [], 0
        self.close()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Stop the thread (after the chunks already handed over; the pending ones are dropped)."""
        thread, self._thread = self._thread, None
        self._pending = []
        if thread is not None:
            self._queue.put(None)
            thread.join()


def feeder(consume: Callable[[Any], Any], expected: int | None) -> tuple[Callable[[Any], None], Callable[[], None]]:
    """``(put, finish)``: ``consume`` in a :class:`Background` thread for sizes of at least
    ``OVERLAP_MIN`` (or unknown) when it is set, else called in line (``finish`` does nothing then)."""
    if OVERLAP_MIN is None or (expected is not None and expected < OVERLAP_MIN):
        return consume, _nothing
    worker = Background(consume)
    return worker.put, worker.finish


def _nothing() -> None:
    return None


# -- request bodies -------------------------------------------------------------------------------


class StreamBody:
    """A request body of unknown length (sent chunked); one-shot. Hashes and reports as it goes."""

    def __init__(
        self, source: Source, offset: int, length: int | None, *, hashing: bool, progress: ProgressReporter | None
    ) -> None:
        self.source = source
        self.offset = offset
        self.length = length
        self.hashing = hashing
        self.progress = progress
        self.sent = 0
        self._hasher: Any = None

    def __iter__(self) -> Iterator[Any]:
        progress = self.progress
        self.sent = 0
        self._hasher = None
        if not self.hashing:
            for chunk in self.source.chunks(self.offset, self.length):
                n = len(chunk)
                self.sent += n
                if progress is not None:
                    progress.advance(n)
                yield chunk
            return
        hasher = hashlib.md5(usedforsecurity=False)
        put, finish = feeder(hasher.update, self.length)
        try:
            for chunk in self.source.chunks(self.offset, self.length):
                put(chunk)
                n = len(chunk)
                self.sent += n
                if progress is not None:
                    progress.advance(n)
                yield chunk
        finally:
            finish()  # also on an abandoned send, so the thread never outlives the body
        self._hasher = hasher

    @property
    def md5(self) -> str | None:
        """The MD5 of what was sent (after the body has been sent)."""
        return self._hasher.hexdigest() if self._hasher is not None else None


class SizedBody(StreamBody):
    """A body of known length: requests sends ``Content-Length``. Replayable when its source is."""

    length: int

    def __len__(self) -> int:
        return self.length

    def tell(self) -> int:
        return 0

    def seekable(self) -> bool:
        return self.source.replayable

    def seek(self, position: int, whence: int = 0) -> int:
        if not self.source.replayable or position != 0 or whence != 0:
            raise OSError("this body can only be rewound to its start, and only when its source is replayable")
        if self.progress is not None and self.sent:
            self.progress.advance(-self.sent)
        self.sent = 0
        return 0


class UpToBody:
    """A chunked body of the next ``limit`` bytes (or fewer, at its end) of a one-shot stream: one
    segment of a stream of unknown length."""

    def __init__(self, source: StreamSource, limit: int, *, hashing: bool, progress: ProgressReporter | None) -> None:
        self.source = source
        self.limit = limit
        self.progress = progress
        self.sent = 0
        self._hasher: Any = hashlib.md5(usedforsecurity=False) if hashing else None

    def __iter__(self) -> Iterator[Any]:
        hasher, progress = self._hasher, self.progress
        put, finish = feeder(hasher.update, self.limit) if hasher is not None else (None, _nothing)
        try:
            for piece in self.source.take(self.limit):
                if put is not None:
                    put(piece)
                n = len(piece)
                self.sent += n
                if progress is not None:
                    progress.advance(n)
                yield piece
        finally:
            finish()

    @property
    def md5(self) -> str | None:
        return self._hasher.hexdigest() if self._hasher is not None else None


def make_body(
    source: Source, offset: int, length: int | None, *, hashing: bool, progress: ProgressReporter | None
) -> StreamBody:
    if length is None:
        return StreamBody(source, offset, None, hashing=hashing, progress=progress)
    return SizedBody(source, offset, length, hashing=hashing, progress=progress)


# -- downloads ------------------------------------------------------------------------------------


class Verifier:
    """Checks what was received: its size, and its MD5 (the whole object's, or each segment's).

    ``segments`` is ``[(length, md5 or None), ...]`` for a static large object whose manifest was
    read; a None MD5 (a ranged or nested segment) is checked for size only.
    """

    def __init__(
        self,
        *,
        size: int | None,
        md5: str | None = None,
        segments: list[tuple[int, str | None]] | None = None,
        what: str = "object",
    ) -> None:
        self.size = size
        self.expected_md5 = md5
        self.segments = segments
        self.what = what
        self.received = 0
        self._whole = hashlib.md5(usedforsecurity=False) if md5 else None
        self._seg_index = 0
        self._seg_left = segments[0][0] if segments else 0
        self._seg_hash = hashlib.md5(usedforsecurity=False) if segments else None

    @property
    def verifies_content(self) -> bool:
        return self._whole is not None or self.segments is not None

    def update(self, chunk: Any) -> None:
        n = len(chunk)
        self.received += n
        if self._whole is not None:
            self._whole.update(chunk)
        if self.segments is not None:
            self._update_segments(memoryview(chunk))

    def _update_segments(self, view: memoryview) -> None:
        segments = self.segments
        assert segments is not None
        assert self._seg_hash is not None
        while view.nbytes:
            if self._seg_index >= len(segments):
                return  # more bytes than the manifest says: the size check reports it
            take = min(self._seg_left, view.nbytes)
            self._seg_hash.update(view[:take])
            view = view[take:]
            self._seg_left -= take
            if self._seg_left == 0:
                self._finish_segment()

    def _finish_segment(self) -> None:
        assert self.segments is not None
        assert self._seg_hash is not None
        expected = self.segments[self._seg_index][1]
        if expected is not None:
            got = self._seg_hash.hexdigest()
            if got != expected:
                raise IntegrityError(
                    f"{self.what}: segment {self._seg_index + 1} of {len(self.segments)} has MD5 {got}, "
                    f"its manifest says {expected}"
                )
        self._seg_index += 1
        self._seg_hash = hashlib.md5(usedforsecurity=False)
        while self._seg_index < len(self.segments) and self.segments[self._seg_index][0] == 0:
            self._seg_index += 1  # empty segments have nothing to hash
        if self._seg_index < len(self.segments):
            self._seg_left = self.segments[self._seg_index][0]

    def check(self) -> None:
        """Raise :class:`IntegrityError` unless everything expected arrived and matched."""
        if self.size is not None and self.received != self.size:
            raise IntegrityError(f"{self.what}: received {self.received} bytes, expected {self.size}")
        if self._whole is not None:
            got = self._whole.hexdigest()
            if got != self.expected_md5:
                raise IntegrityError(f"{self.what}: content MD5 is {got}, the ETag says {self.expected_md5}")


def is_md5(etag: str | None) -> bool:
    return etag is not None and len(etag) == 32 and all(c in "0123456789abcdef" for c in etag.lower())


# network errors while reading a body: urllib3's, http.client's, or the socket's
def _read_errors() -> tuple[type[BaseException], ...]:
    import http.client

    import requests
    import urllib3.exceptions

    return (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError, requests.RequestException)


def stream_response(
    response: requests.Response,
    *,
    start: int,
    total: int | None,
    reopen: Callable[[int], requests.Response],
    verifier: Verifier,
    progress: ProgressReporter | None,
    chunk_size: int = CHUNK,
    max_resumes: int = 3,
    backoff: float = 0.5,
    max_backoff: float = 30.0,
) -> Iterator[bytes]:
    """The body of ``response`` in chunks; a dropped connection resumes with ``reopen(offset)``.

    ``start`` is the offset of the first byte in the object and ``total`` the number of bytes
    expected (None: unknown, read to the end). ``reopen`` must return a 206 response starting at the
    given offset, or raise. Resumes that make progress do not count against ``max_resumes``.
    """
    errors = _read_errors()
    etag = response.headers.get("ETag")
    received = 0
    failures = 0
    overlap = verifier.verifies_content and OVERLAP_MIN is not None and (total is None or total >= OVERLAP_MIN)
    worker = Background(verifier.update) if overlap else None
    check = worker.put if worker is not None else verifier.update
    try:
        while True:
            raw = response.raw
            try:
                while True:
                    data = raw.read(chunk_size, decode_content=False)
                    if not data:
                        break
                    n = len(data)
                    received += n
                    failures = 0
                    check(data)
                    if progress is not None:
                        progress.advance(n)
                    yield data
                if total is None or received >= total:
                    if worker is not None:
                        worker.finish()
                    verifier.check()
                    return
                reason = f"the connection ended after {received} of {total} bytes"
            except errors as exc:
                reason = f"{type(exc).__name__}: {exc}"
            response.close()
            failures += 1
            if failures > max_resumes:
                raise ConnectionFailed(
                    f"download of {verifier.what} failed at byte {start + received} after {max_resumes} resumes: "
                    f"{reason}"
                )
            clock.sleep(backoff_delay(failures, backoff, max_backoff))
            response = reopen(start + received)
            new_etag = response.headers.get("ETag")
            if etag and new_etag and new_etag != etag:
                response.close()
                raise IntegrityError(
                    f"{verifier.what} changed during the download (ETag {etag} became {new_etag}); download it again"
                )
    finally:
        if worker is not None:
            worker.close()
        response.close()
