"""Rackspace Cloud DNS v1.0: zones (the API's domains), records, and the asynchronous job engine.

Every POST, PUT and DELETE (and the zone export) answers 202 with a job; :meth:`CloudDNS.wait_for_job`
polls ``status/{jobId}?showDetails=true`` on our endpoint (never the job's ``callbackUrl``, whose
host is the service's to name) no faster than once a second, sits out a 413 rate limit for as long
as its retry header says, returns the COMPLETED job (whose ``response`` the mutators turn into
models) and raises the typed error of an ERROR job's code. The endpoint has no region: a client
made with ``region=`` still finds it (the catalog's region-less endpoint serves every region).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pkgcloud import clock
from pkgcloud.bodies import check_bool, check_name, query_value, ref_id
from pkgcloud.dns import DnsClient
from pkgcloud.errors import RateLimited, ValidationError, WaitTimeout, error_class_for
from pkgcloud.paging import check_limit
from pkgcloud.redact import redact_url
from pkgcloud.resource import LINK, Resource
from pkgcloud.waiter import check_seconds
from pkgcloud_openstack.service import OpenStackClient
from pkgcloud_rackspace.dns import bodies, parse

if TYPE_CHECKING:
    from pkgcloud.dns import RecordRef, ZoneRef
    from pkgcloud.models.dns import DnsJob, Record, Zone, ZoneChange

T = TypeVar("T")

ZONES = Resource("domains", key="", noun="zone", plural="domains", parse=parse.zone, paging=LINK)
SUBZONES = Resource(
    "domains/{zone_id}/subdomains", key="", noun="zone", plural="domains", parse=parse.zone, paging=LINK
)
RECORDS = Resource("domains/{zone_id}/records", key="", noun="record", plural="records", parse=parse.record)
JOBS = Resource("status", key="", noun="job", plural="asyncResponses", parse=parse.job)
CHANGES = Resource("domains/{zone_id}/changes", key="", noun="change", plural="changes", parse=parse.change)

# the status API allows 5 requests a second per account: one a second leaves room for the rest
MIN_POLL_INTERVAL = 1.0


class CloudDNS(OpenStackClient, DnsClient):
    """Rackspace Cloud DNS (catalog type ``rax:dns``, name ``cloudDNS``)."""

    catalog_type: ClassVar[str] = "rax:dns"

    zones = ZONES
    subzones = SUBZONES
    records = RECORDS
    jobs = JOBS
    changes = CHANGES

    # -- paging ----------------------------------------------------------------------------------

    def _paged(
        self,
        bound: Any,
        params: dict[str, Any],
        *,
        parents: Mapping[str, Any] | None,
        limit: int | None,
        page_size: int | None,
        offset: int | None,
    ) -> Iterator[Any]:
        check_limit(limit)
        bodies.check_paging(page_size, offset)
        if offset is not None:
            params["offset"] = offset
        size = page_size
        if size is None and offset is not None:
            size = bodies.MAX_PAGE  # the offset was checked against the default page size
        elif size is None and limit is not None:
            # a constant page size keeps every offset the next links carry a multiple of it
            size = min(max(limit, 1), bodies.MAX_PAGE)
        items = bound.list(params, parents=parents, page_size=size)
        return itertools.islice(items, limit) if limit is not None else items

    # -- zones -----------------------------------------------------------------------------------

    def list_zones(
        self,
        *,
        name: str | None = None,
        limit: int | None = None,
        page_size: int | None = None,
        offset: int | None = None,
        **filters: Any,
    ) -> Iterator[Zone]:
        """Zones, page after page (``page_size`` 1-100; ``offset`` a multiple of it). ``name`` filters
        by name (the service matches names that contain it)."""
        if filters:
            raise ValidationError(
                f"list_zones got an unknown filter {sorted(filters)[0]!r}; it takes name, limit, page_size, offset"
            )
        params: dict[str, Any] = {}
        if name is not None:
            params["name"] = check_name(name, "name")
        return self._paged(self.zones, params, parents=None, limit=limit, page_size=page_size, offset=offset)

    def get_zone(self, zone: ZoneRef, *, records: bool = False, subzones: bool = False) -> Zone:
        """A zone; ``records=True`` adds its records (the first 100: ``list_records`` has them all),
        ``subzones=True`` its subzones."""
        check_bool(records, "records")
        check_bool(subzones, "subzones")
        params = {"showRecords": query_value(records), "showSubdomains": query_value(subzones)}
        return self.zones.get(zone, params=params)

    def find_zone(self, name: str) -> Zone:
        """The zone named exactly ``name`` (NotFound lists the near matches)."""
        from pkgcloud.bodies import find_by_name

        bodies.check_zone_name(name)
        return find_by_name(self.list_zones(name=name), name, "zone")

    def create_zone(
        self,
        name: str,
        *,
        email: str,
        ttl: int | None = None,
        comment: str | None = None,
        records: Sequence[Mapping[str, Any]] | None = None,
        wait: bool = True,
        subzones: Sequence[Mapping[str, Any]] | None = None,
        **attributes: Any,
    ) -> Zone | DnsJob:
        """Create a zone (with its records and subzones, atomically). Returns the zone the job made, or
        the job itself with ``wait=False``."""
        if attributes:
            raise ValidationError(
                f"create_zone got an unknown option {sorted(attributes)[0]!r}; "
                "it takes email, ttl, comment, records, subzones, wait"
            )
        spec = {"name": name, "email": email, "ttl": ttl, "comment": comment, "records": records}
        spec["subzones"] = subzones
        body = {"domains": [bodies.zone_create(spec)]}
        return self._submit("POST", "domains", json=body, wait=wait, result=lambda job: self._zones_of(job)[0])

    def create_zones(self, zones: Sequence[Mapping[str, Any]], *, wait: bool = True) -> list[Zone] | DnsJob:
        """Create several zones in one job (mappings of ``name``, ``email``, ``ttl``, ``comment``,
        ``records``, ``subzones``; at most 100)."""
        bodies.check_count(zones, "zones")
        body = {"domains": [bodies.zone_create(z) for z in zones]}
        return self._submit("POST", "domains", json=body, wait=wait, result=self._zones_of)

    def update_zone(
        self,
        zone: ZoneRef,
        *,
        email: str | None = None,
        ttl: int | None = None,
        comment: str | None = None,
        wait: bool = True,
    ) -> DnsJob:
        """Change a zone's email, TTL or comment; returns the finished job."""
        body = bodies.zone_update({"email": email, "ttl": ttl, "comment": comment})
        path = self.zones.resource.item_path(self.zones.id_of(zone))
        return self._submit("PUT", path, json=body, wait=wait, result=_same)

    def update_zones(self, changes: Sequence[Mapping[str, Any]], *, wait: bool = True) -> DnsJob:
        """Change several zones in one job: mappings of ``zone`` (model or id) and ``email``/``ttl``/``comment``."""
        bodies.check_count(changes, "zone changes")
        items = []
        for change in changes:
            if not isinstance(change, Mapping) or change.get("zone") is None:
                raise ValidationError(
                    "each zone change is a mapping with 'zone' (a zone or its id) and the fields to change"
                )
            rest = {k: v for k, v in change.items() if k != "zone"}
            items.append(bodies.zone_update(rest, with_id=change["zone"]))
        return self._submit("PUT", "domains", json={"domains": items}, wait=wait, result=_same)

    def delete_zone(self, zone: ZoneRef, *, subzones: bool | None = None, wait: bool = True) -> DnsJob:
        """Delete a zone; ``subzones=True`` deletes its subzones too (the service's default keeps them)."""
        check_bool(subzones, "subzones")
        path = self.zones.resource.item_path(self.zones.id_of(zone))
        params = {"deleteSubdomains": query_value(subzones)} if subzones is not None else None
        return self._submit("DELETE", path, params=params, wait=wait, result=_same)

    def delete_zones(self, zones: Sequence[ZoneRef], *, subzones: bool | None = None, wait: bool = True) -> DnsJob:
        """Delete several zones in one job (at most 100)."""
        bodies.check_count(zones, "zones")
        check_bool(subzones, "subzones")
        params: list[tuple[str, Any]] = [("id", self.zones.id_of(z)) for z in zones]
        if subzones is not None:
            params.append(("deleteSubdomains", query_value(subzones)))
        return self._submit("DELETE", "domains", params=params, wait=wait, result=_same)

    def import_zone(self, contents: str, *, content_type: str = "BIND_9", wait: bool = True) -> Zone | DnsJob:
        """Create a zone from a BIND 9 zone file's text; returns the zone made."""
        body = bodies.zone_import(contents, content_type)
        return self._submit("POST", "domains/import", json=body, wait=wait, result=lambda job: self._zones_of(job)[0])

    def export_zone(self, zone: ZoneRef, *, wait: bool = True) -> str | DnsJob:
        """The zone as BIND 9 text (the service makes it in a job too)."""
        path = f"{self.zones.resource.item_path(self.zones.id_of(zone))}/export"

        def contents(job: DnsJob) -> str:
            return self._response_item(job, parse.export, "an export").contents

        return self._submit("GET", path, wait=wait, result=contents)

    def clone_zone(
        self,
        zone: ZoneRef,
        name: str,
        *,
        subzones: bool | None = None,
        comments: bool | None = None,
        email: bool | None = None,
        records: bool | None = None,
        wait: bool = True,
    ) -> list[Zone] | DnsJob:
        """Copy a zone to ``name``; ``subzones``, ``comments``, ``email``, ``records`` say whether the
        subzones are cloned and whether the old name is replaced by the new one in comments, email
        addresses and record data (the service's defaults when not given). Returns the zones made."""
        bodies.check_zone_name(name)
        flags = {"cloneSubdomains": subzones, "modifyComment": comments, "modifyEmailAddress": email}
        flags["modifyRecordData"] = records
        params: dict[str, Any] = {"cloneName": name}
        for key, value in flags.items():
            check_bool(value, key)
            if value is not None:
                params[key] = query_value(value)
        path = f"{self.zones.resource.item_path(self.zones.id_of(zone))}/clone"
        return self._submit("POST", path, params=params, wait=wait, result=self._zones_of)

    def list_subzones(
        self, zone: ZoneRef, *, limit: int | None = None, page_size: int | None = None, offset: int | None = None
    ) -> Iterator[Zone]:
        return self._paged(
            self.subzones, {}, parents={"zone_id": zone}, limit=limit, page_size=page_size, offset=offset
        )

    def list_zone_changes(self, zone: ZoneRef, *, since: Any = None) -> list[ZoneChange]:
        """What changed in a zone since ``since`` (a datetime or ISO 8601; the service's default is
        midnight today)."""
        params = {"since": query_value(since)} if since is not None else None
        return list(self.changes.list(params, parents={"zone_id": zone}))

    # -- records ---------------------------------------------------------------------------------

    def list_records(
        self,
        zone: ZoneRef,
        *,
        limit: int | None = None,
        page_size: int | None = None,
        offset: int | None = None,
        type: str | None = None,
        name: str | None = None,
        data: str | None = None,
        **filters: Any,
    ) -> Iterator[Record]:
        """A zone's records, page after page; ``type``, ``name`` and ``data`` filter them (the service
        searches by ``name`` or ``data`` only together with ``type``)."""
        if filters:
            raise ValidationError(
                f"list_records got an unknown filter {sorted(filters)[0]!r}; it takes type, name, data, "
                "limit, page_size, offset"
            )
        params: dict[str, Any] = {}
        if type is not None:
            params["type"] = bodies._record_type(type)
        if name is not None or data is not None:
            if type is None:
                raise ValidationError("list_records filters by name or data only with a type (type='A', ...)")
            if name is not None:
                params["name"] = check_name(name, "name")
            if data is not None:
                params["data"] = check_name(data, "data")
        return self._paged(
            self.records, params, parents={"zone_id": zone}, limit=limit, page_size=page_size, offset=offset
        )

    def get_record(self, zone: ZoneRef, record: RecordRef) -> Record:
        return self.records.get(record, parents={"zone_id": zone})

    def create_record(
        self,
        zone: ZoneRef,
        record: Mapping[str, Any] | None = None,
        *,
        wait: bool = True,
        **fields: Any,
    ) -> Record | DnsJob:
        """Create a record, given as a mapping or as keywords: ``name``, ``type`` (A, AAAA, CNAME, MX,
        NS, SRV, TXT), ``data``, ``ttl`` (at least 300), ``priority`` (MX and SRV), ``comment``."""
        spec = dict(record or {})
        spec.update(fields)
        body = {"records": [bodies.record_create(spec)]}
        return self._submit(
            "POST", self._records_path(zone), json=body, wait=wait, result=lambda job: self._records_of(job)[0]
        )

    def create_records(
        self, zone: ZoneRef, records: Sequence[Mapping[str, Any]], *, wait: bool = True
    ) -> list[Record] | DnsJob:
        """Create several records in one job (at most 100)."""
        bodies.check_count(records, "records")
        body = {"records": [bodies.record_create(r) for r in records]}
        return self._submit("POST", self._records_path(zone), json=body, wait=wait, result=self._records_of)

    def update_record(self, zone: ZoneRef, record: RecordRef, *, wait: bool = True, **fields: Any) -> DnsJob:
        """Change a record's ``name``, ``data``, ``ttl``, ``priority`` or ``comment``; given a Record
        model, its type checks the new data and priority."""
        body = bodies.record_update(fields, getattr(record, "type", None))
        path = self.records.resource.item_path(self.records.id_of(record), {"zone_id": self._zone_id(zone)})
        return self._submit("PUT", path, json=body, wait=wait, result=_same)

    def update_records(self, zone: ZoneRef, changes: Sequence[Mapping[str, Any]], *, wait: bool = True) -> DnsJob:
        """Change several records in one job: mappings of ``record`` (model or id) and the fields."""
        bodies.check_count(changes, "record changes")
        items = []
        for change in changes:
            if not isinstance(change, Mapping) or change.get("record") is None:
                raise ValidationError(
                    "each record change is a mapping with 'record' (a record or its id) and the fields"
                )
            rest = {k: v for k, v in change.items() if k != "record"}
            record = change["record"]
            items.append(bodies.record_update(rest, getattr(record, "type", None), with_id=record))
        return self._submit("PUT", self._records_path(zone), json={"records": items}, wait=wait, result=_same)

    def delete_record(self, zone: ZoneRef, record: RecordRef, *, wait: bool = True) -> DnsJob:
        path = self.records.resource.item_path(self.records.id_of(record), {"zone_id": self._zone_id(zone)})
        return self._submit("DELETE", path, wait=wait, result=_same)

    def delete_records(self, zone: ZoneRef, records: Sequence[RecordRef], *, wait: bool = True) -> DnsJob:
        """Delete several records in one job (at most 100)."""
        bodies.check_count(records, "records")
        params = [("id", self.records.id_of(r)) for r in records]
        return self._submit("DELETE", self._records_path(zone), params=params, wait=wait, result=_same)

    def _zone_id(self, zone: ZoneRef) -> str:
        return ref_id(zone, "zone")

    def _records_path(self, zone: ZoneRef) -> str:
        return self.records.resource.collection_path({"zone_id": self._zone_id(zone)})

    # -- limits ----------------------------------------------------------------------------------

    def get_limits(self) -> dict[str, Any]:
        """The account's rate and absolute limits, as the service gives them."""
        return dict(self.api.member("GET", "limits", "limits"))

    # -- the job engine --------------------------------------------------------------------------

    def list_jobs(self, *, limit: int | None = None) -> Iterator[DnsJob]:
        """The account's recent jobs (the service keeps them 24 hours)."""
        check_limit(limit)
        items = self.jobs.list({"showDetails": "true"})
        return itertools.islice(items, limit) if limit is not None else items

    def get_job(self, job: str | DnsJob) -> DnsJob:
        """A job with its details (``request``, and ``response`` or ``error`` once it is done)."""
        return self.jobs.get(job, params={"showDetails": "true"})

    def wait_for_job(self, job: str | DnsJob, *, timeout: float = 120.0, interval: float = 1.0) -> DnsJob:
        """Poll a job until it is COMPLETED (returned) or ERROR (its typed error is raised), at most
        once per ``interval`` seconds (at least 1), for ``timeout`` seconds (then :class:`WaitTimeout`)."""
        timeout = check_seconds(timeout, "timeout")
        interval = check_seconds(interval, "interval")
        if interval < MIN_POLL_INTERVAL:
            raise ValidationError(
                f"interval must be at least {MIN_POLL_INTERVAL:g}s: the status API allows 5 requests a second "
                f"per account, not {interval!r}"
            )
        job_id = ref_id(job, "job")
        current = job if not isinstance(job, str) else None
        deadline = clock.monotonic() + timeout
        polled = False
        while True:
            if current is not None and _finished(current, polled):
                break
            remaining = deadline - clock.monotonic()
            if current is not None:  # a job just submitted, or not done: wait before asking again
                if remaining <= 0:
                    raise WaitTimeout(
                        f"DNS job {job_id} was not done after {timeout:g}s (last status: {current.status})",
                        last=current,
                    )
                clock.sleep(min(interval, remaining))
            try:
                current = self.get_job(job_id)
            except RateLimited as exc:
                wait = exc.retry_after if exc.retry_after is not None else interval
                if clock.monotonic() + wait > deadline:
                    raise WaitTimeout(
                        f"DNS job {job_id}: the status API is rate limited for {wait:g}s more, past the "
                        f"{timeout:g}s timeout",
                        last=current,
                    ) from exc
                clock.sleep(wait)
                continue
            polled = True
        if current.status == "ERROR":
            raise self._job_error(current)
        return current

    def _job_error(self, job: DnsJob) -> Exception:
        code, message, kind = parse.job_failure(job)
        cls = error_class_for(code)
        return cls(
            method=(job.verb or "").upper(),
            url=redact_url(job.request_url or ""),
            status=code,
            message=message,
            details=job.error,
            error_type=kind,
        )

    def _submit(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Any = None,
        wait: bool,
        result: Callable[[DnsJob], T],
        timeout: float = 120.0,
    ) -> T | DnsJob:
        """Send a change, then (``wait``) finish its job and return ``result(job)``; a 413 rate limit
        on the change itself is sat out (the service did nothing) within ``timeout``."""
        check_bool(wait, "wait")
        deadline = clock.monotonic() + timeout
        while True:
            try:
                answer = self.api.json(method, path, json=json, params=params)
                break
            except RateLimited as exc:
                delay = exc.retry_after if exc.retry_after is not None else MIN_POLL_INTERVAL
                if clock.monotonic() + delay > deadline:
                    raise
                clock.sleep(delay)
        job = self.jobs.resource.one(answer, self.api, method, path)
        if not wait:
            return job
        return result(self.wait_for_job(job, timeout=max(deadline - clock.monotonic(), MIN_POLL_INTERVAL)))

    def _response_item(self, job: DnsJob, parser: Callable[[dict[str, Any]], T], what: str) -> T:
        where = self.api.url(f"status/{job.id}")
        if job.response is None:
            raise self.api.malformed(f"a COMPLETED job without its response ({what})", "GET", where)
        try:
            return parser(dict(job.response))
        except (KeyError, TypeError, ValueError) as exc:
            raise self.api.malformed(f"{what} the SDK cannot read ({exc})", "GET", where) from None

    def _zones_of(self, job: DnsJob) -> list[Zone]:
        zones = self.zones.resource.many(job.response, self.api, "GET", f"status/{job.id}")
        if not zones:
            raise self.api.malformed("a COMPLETED job that made no zone", "GET", self.api.url(f"status/{job.id}"))
        return zones

    def _records_of(self, job: DnsJob) -> list[Record]:
        records = self.records.resource.many(job.response, self.api, "GET", f"status/{job.id}")
        if not records:
            raise self.api.malformed("a COMPLETED job that made no record", "GET", self.api.url(f"status/{job.id}"))
        return records


def _finished(job: DnsJob, polled: bool) -> bool:
    """Done, with the details the caller needs: an answer to a change has none until it is polled."""
    if job.status == "ERROR":
        return True
    return job.status == "COMPLETED" and (polled or job.response is not None or job.request is not None)


def _same(job: DnsJob) -> DnsJob:
    return job
