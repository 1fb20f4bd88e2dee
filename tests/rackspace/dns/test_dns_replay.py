"""Rackspace Cloud DNS in replay, against cassettes built from captured fixtures (tests/builders/
rackspace_samples.py): every operation, the job engine (RUNNING -> COMPLETED, ERROR, a 413 with a
retry header), paging by offset, and the region-less endpoint."""

from __future__ import annotations

from typing import Any

import pytest

import pkgcloud.dns
from pkgcloud import clock
from pkgcloud.errors import Conflict, NotFound, RequestEntityTooLarge
from pkgcloud.models.dns import DnsJob, Record, Zone
from pkgcloud_rackspace.dns import CloudDNS


def dns(**extra: Any) -> CloudDNS:
    options: dict[str, Any] = {"username": "MOCK-USERNAME", "api_key": "MOCK-API-KEY", "region": "DFW"}
    options.update(extra)
    client = pkgcloud.dns.create_client(provider="rackspace", **options)
    assert isinstance(client, CloudDNS)
    return client


def slept() -> list[float]:
    return list(getattr(clock.get_clock(), "slept", []))


def test_the_region_less_endpoint_is_found_whatever_the_region(cassette: Any) -> None:
    for region in ("DFW", "LON", "SYD"):
        with cassette("rackspace/dns/limits_jobs", built=True, allow_unplayed=True):
            client = dns(region=region, auth_url="https://identity.api.rackspacecloud.com/v2.0")
            assert client.endpoint == "https://dns.api.rackspacecloud.com/v1.0/123456"


def test_zones_are_listed_page_after_page_by_offset(cassette: Any) -> None:
    with cassette("rackspace/dns/zones_list", built=True):
        client = dns()
        zones = list(client.list_zones(page_size=4))
        assert len(zones) == 8
        assert zones[0] == Zone(
            id="3650907",
            name="dev.jclouds-example.com",
            email="jclouds@jclouds-example.com",
            comment="Hello dev subdomain",
            account_id="123123",
            created=zones[0].created,
            updated=zones[0].updated,
        )
        assert zones[0].created is not None and zones[0].created.year == 2013
        (found,) = client.list_zones(name="test.jclouds-example.com")
        assert found.id == "3650908"
        assert list(client.list_zones()) == []


def test_get_zone_with_and_without_records_and_subzones(cassette: Any) -> None:
    with cassette("rackspace/dns/zone_get", built=True):
        client = dns()
        zone = client.get_zone("3650908", records=True, subzones=True)
        assert zone.name == "test.jclouds-example.com" and zone.ttl == 3600
        assert [r.id for r in zone.records] == ["NS-8646158", "NS-8646159"]
        assert zone.record_count == 2
        assert zone.nameservers == ["dns1.stabletransit.com", "dns2.stabletransit.com"]
        empty = client.get_zone(2946063)
        assert empty.records == [] and empty.record_count == 0
        with pytest.raises(NotFound, match="Object not Found"):
            client.get_zone("4444")


def test_create_zones_polls_the_job_from_running_to_completed_and_returns_the_zones(cassette: Any) -> None:
    with cassette("rackspace/dns/zones_create", built=True):
        zones = dns().create_zones(
            [
                {
                    "name": "jclouds-example.com",
                    "email": "jclouds@jclouds-example.com",
                    "ttl": 600000,
                    "comment": "Hello Domain",
                    "subzones": [
                        {"name": "dev.jclouds-example.com", "email": "jclouds@jclouds-example.com",
                         "comment": "Hello dev subdomain"},
                        {"name": "test.jclouds-example.com", "email": "jclouds@jclouds-example.com",
                         "comment": "Hello test subdomain"},
                    ],
                    "records": [
                        {"name": "jclouds-example.com", "type": "MX", "data": "mail.jclouds-example.com",
                         "priority": 11235},
                        {"name": "jclouds-example.com", "type": "A", "data": "10.0.0.1"},
                    ],
                },
                {"name": "xjclouds-example.com", "email": "jclouds@jclouds-example.com", "ttl": 600000,
                 "comment": "Hello Domain"},
            ]
        )  # fmt: skip
        assert isinstance(zones, list)
        assert [z.id for z in zones] == ["3650906", "3650909"]
        assert [z.name for z in zones[0].subzones] == ["dev.jclouds-example.com", "test.jclouds-example.com"]
        assert [(r.type, r.priority) for r in zones[0].records] == [("MX", 11235), ("A", None)]
        # two polls, each at least a second after the previous request
        assert slept() == [1.0, 1.0]


def test_create_zone_sends_an_empty_record_list_and_returns_the_zone(cassette: Any) -> None:
    with cassette("rackspace/dns/zone_create", built=True):
        zone = dns().create_zone("bar.foo1.com", email="test@test.com", records=[])
        assert isinstance(zone, Zone)
        assert (zone.id, zone.name, zone.ttl) == ("2946173", "bar.foo1.com", 3600)


def test_an_error_job_raises_the_typed_error_of_its_code(cassette: Any) -> None:
    with cassette("rackspace/dns/zone_create_conflict", built=True):
        with pytest.raises(Conflict) as info:
            dns().create_zone("bar.foo1.com", email="test@test.com")
        assert info.value.status == 409
        assert info.value.message == "Domain already exists"
        assert info.value.error_type == "Conflict"


def test_wait_false_returns_the_job_and_wait_for_job_finishes_it(cassette: Any) -> None:
    with cassette("rackspace/dns/zone_create_conflict", built=True):
        client = dns()
        job = client.create_zone("bar.foo1.com", email="test@test.com", wait=False)
        assert isinstance(job, DnsJob) and job.status == "RUNNING" and not job.done
        with pytest.raises(Conflict):
            client.wait_for_job(job)


def test_a_413_with_a_retry_header_is_waited_out(cassette: Any) -> None:
    with cassette("rackspace/dns/job_rate_limited", built=True):
        record = dns().create_record("2946173", name="www.foo4.bar.com", type="A", data="127.1.1.1")
        assert isinstance(record, Record)
        assert (record.id, record.data, record.ttl) == ("A-7423317", "127.1.1.1", 3600)
        assert 2.0 in slept()  # the Retry-After


def test_a_413_without_a_retry_header_is_an_absolute_limit_not_retried(cassette: Any) -> None:
    with cassette("rackspace/dns/zone_limit_reached", built=True):
        with pytest.raises(RequestEntityTooLarge, match="Limit of 500 domains"):
            dns().create_zone("bar.foo1.com", email="test@test.com")
        assert slept() == []


def test_update_one_zone_and_several(cassette: Any) -> None:
    with cassette("rackspace/dns/zones_update", built=True):
        client = dns()
        job = client.update_zone(
            "3650908", ttl=600001, email="everett@jclouds-example.com", comment="Hello Domain Update"
        )
        assert job.status == "COMPLETED" and job.verb == "PUT"
        job = client.update_zones(
            [
                {"zone": "3650906", "email": "everett@jclouds-example.com"},
                {"zone": 3650908, "email": "everett@jclouds-example.com"},
            ]
        )
        assert job.status == "COMPLETED"


def test_delete_one_zone_and_several_with_their_subzones(cassette: Any) -> None:
    with cassette("rackspace/dns/zones_delete", built=True):
        client = dns()
        assert client.delete_zone("2946063").status == "COMPLETED"
        job = client.delete_zones(["3650907", "3650906", "3650908", "3650909"], subzones=True)
        assert job.status == "COMPLETED" and job.verb == "DELETE"


def test_import_and_export_bind_9(cassette: Any) -> None:
    contents = (
        "jclouds-example.com.      3600  IN SOA   ns.rackspace.com. jclouds.jclouds-example.com. "
        "1363882703 3600 3600 3600 3600\njclouds-example.com.      600   IN A  50.56.174.152"
    )
    with cassette("rackspace/dns/zone_import_export", built=True):
        client = dns()
        zone = client.import_zone(contents)
        assert isinstance(zone, Zone) and zone.id == "3653942"
        assert [(r.type, r.data, r.ttl) for r in zone.records] == [("A", "50.56.174.152", 600)]
        text = client.export_zone("3651323")
        assert isinstance(text, str)
        assert text.startswith("jclouds-example.com.\t600000\tIN\tSOA\tns.rackspace.com.")
        assert "IN\tMX\t11235 mail.jclouds-example.com." in text


def test_clone_zone(cassette: Any) -> None:
    with cassette("rackspace/dns/zone_clone", built=True):
        (clone,) = dns().clone_zone("2946063", "clone.example.com", subzones=True, records=False)
        assert (clone.id, clone.name) == ("2946999", "clone.example.com")


def test_zone_changes_and_subzones(cassette: Any) -> None:
    import datetime as dt

    with cassette("rackspace/dns/zone_changes_subzones", built=True):
        client = dns()
        changes = client.list_zone_changes("3650908", since=dt.datetime(2013, 3, 22, 3, 39, 31))
        assert changes[0].action == "update" and changes[0].target_type == "Domain"
        assert changes[0].target_id == "3650908"
        assert {"field": "serial_number", "newValue": "1363921456", "originalValue": "1363921455"} in changes[0].details
        subzones = list(client.list_subzones("3650908", page_size=4))
        assert len(subzones) == 8


def test_records_listed_by_offset_filtered_and_read(cassette: Any) -> None:
    with cassette("rackspace/dns/records_read", built=True):
        client = dns()
        records = list(client.list_records("3650908", page_size=4))
        assert len(records) == 8
        assert records[3].type == "MX" and records[3].priority == 11235
        (only,) = client.list_records("3650908", type="A", name="jclouds-example.com", data="10.0.1.0")
        assert only.id == "A-9846146"
        record = client.get_record("3650908", "A-9846146")
        assert (record.name, record.type, record.data, record.ttl) == ("jclouds-example.com", "A", "10.0.1.0", 60000)


def test_create_records_returns_the_records_made(cassette: Any) -> None:
    with cassette("rackspace/dns/records_create", built=True):
        records = dns().create_records(
            "3668461",
            [
                {"name": "jclouds-example.com", "type": "MX", "data": "mail.jclouds-example.com",
                 "comment": "MX Record", "priority": 11235},
                {"name": "jclouds-example.com", "type": "A", "data": "10.0.0.1"},
            ],
        )  # fmt: skip
        assert isinstance(records, list)
        assert [(r.id, r.priority, r.comment) for r in records] == [
            ("MX-4350353", 11235, "MX Record"),
            ("A-9844102", None, None),
        ]


def test_update_and_delete_records_one_and_several(cassette: Any) -> None:
    with cassette("rackspace/dns/records_update_delete", built=True):
        client = dns()
        job = client.update_record(
            "3669444",
            "SRV-21839",
            name="_sip._udp.jclouds-example.com",
            ttl=86401,
            data="1 3444 sip.jclouds-example.com",
            priority=12358,
            comment="Updated Protocol to UDP",
        )
        assert job.status == "COMPLETED"
        changes = [{"record": r, "comment": "Multi-record Update"} for r in ("A-9849792", "NS-8687533")]
        changes += [{"record": r, "comment": "Multi-record Update"} for r in ("NS-8687534", "MX-4352374")]
        assert client.update_records("3670431", changes).status == "COMPLETED"
        assert client.delete_record("3670431", "A-9849792").status == "COMPLETED"
        assert client.delete_records("3670431", ["A-9846146", "MX-9846146"]).status == "COMPLETED"


def test_limits_and_jobs(cassette: Any) -> None:
    with cassette("rackspace/dns/limits_jobs", built=True):
        client = dns()
        limits = client.get_limits()
        assert limits["absolute"] == {"records per domain": 500, "domains": 500}
        jobs = list(client.list_jobs())
        assert [j.status for j in jobs] == ["COMPLETED", "COMPLETED"]
        assert jobs[0].id == "1ada58ab-f413-4d7e-a139-19c96eaea8b2"
