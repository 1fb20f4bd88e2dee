"""Chunk sizes of streamed transfers (apart from :mod:`.transfer`, so that the client's signatures
can name them without importing the streaming code before a transfer needs it)."""

from __future__ import annotations

CHUNK = 1 << 18  # 256 KiB: per-chunk Python cost is noise, and little is held in memory at once
# a download written to a path or file reads 1 MiB at a time: a quarter of the reads, writes and
# MD5 calls (measured: ~10% less client CPU per GiB than 256 KiB), 1 MiB held at once
DOWNLOAD_CHUNK = 1 << 20
