"""Cloud DNS JSON to pkgcloud's models (models are imported when a function runs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.values import as_dict, as_dicts, as_int, as_str

if TYPE_CHECKING:
    from pkgcloud.models.dns import DnsJob, Record, Zone, ZoneChange, ZoneExport


def _required_id(d: Mapping[str, Any], key: str = "id") -> str:
    found = as_str(d[key])
    if not found:
        raise KeyError(key)
    return found


def record(d: dict[str, Any]) -> Record:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.dns import Record

    return Record(
        id=_required_id(d),
        name=as_str(d.get("name")),
        type=as_str(d.get("type")),
        data=as_str(d.get("data")),
        ttl=as_int(d.get("ttl")),
        priority=as_int(d.get("priority")),
        comment=as_str(d.get("comment")),
        created=parse_time(d.get("created")),
        updated=parse_time(d.get("updated")),
        raw=d,
    )


def zone(d: dict[str, Any]) -> Zone:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.dns import Zone

    records = as_dict(d.get("recordsList"))
    subzones = as_dict(d.get("subdomains"))
    return Zone(
        id=_required_id(d),
        name=as_str(d.get("name")),
        email=as_str(d.get("emailAddress")),
        ttl=as_int(d.get("ttl")),
        comment=as_str(d.get("comment")),
        account_id=as_str(d.get("accountId")),
        nameservers=[n for n in (as_str(s.get("name")) for s in as_dicts(d.get("nameservers"))) if n],
        records=[record(r) for r in as_dicts(records.get("records")) if as_str(r.get("id"))],
        record_count=as_int(records.get("totalEntries")),
        subzones=[zone(z) for z in as_dicts(subzones.get("domains")) if as_str(z.get("id"))],
        created=parse_time(d.get("created")),
        updated=parse_time(d.get("updated")),
        raw=d,
    )


def job(d: dict[str, Any]) -> DnsJob:
    from pkgcloud.models.dns import DnsJob

    response = d.get("response")
    error = d.get("error")
    status = as_str(d.get("status"))
    return DnsJob(
        id=_required_id(d, "jobId"),
        status=status.upper() if status else None,
        verb=as_str(d.get("verb")),
        callback_url=as_str(d.get("callbackUrl")),
        request_url=as_str(d.get("requestUrl")),
        request=as_str(d.get("request")),
        response=dict(response) if isinstance(response, Mapping) else None,
        error=dict(error) if isinstance(error, Mapping) else None,
        raw=d,
    )


def change(d: dict[str, Any]) -> ZoneChange:
    from pkgcloud.models.dns import ZoneChange

    return ZoneChange(
        action=as_str(d.get("action")),
        target_type=as_str(d.get("targetType")),
        target_id=as_str(d.get("targetId")),
        domain=as_str(d.get("domain")),
        details=as_dicts(d.get("changeDetails")),
        raw=d,
    )


def export(d: dict[str, Any]) -> ZoneExport:
    from pkgcloud.models.dns import ZoneExport

    contents = d["contents"]
    if not isinstance(contents, str):
        raise TypeError("the export's contents are not text")
    return ZoneExport(id=as_str(d.get("id")), content_type=as_str(d.get("contentType")), contents=contents, raw=d)


def job_failure(job: DnsJob) -> tuple[int, str, str | None]:
    """The status code, message and error type an ERROR job carries (``error`` or its first failed item)."""
    error = job.error or {}
    faults = as_dicts(as_dict(error.get("failedItems")).get("faults"))
    first = faults[0] if faults else {}
    code = as_int(error.get("code")) or as_int(first.get("code")) or 500
    message = (
        as_str(error.get("details"))
        or as_str(first.get("details"))
        or as_str(error.get("message"))
        or as_str(first.get("message"))
        or "the job ended in ERROR without a reason"
    )
    kind = as_str(error.get("message")) or as_str(first.get("message"))
    return code, message, kind if kind != message else None
