"""Bulk deletes that outlive their token, on real sockets: a scripted Swift bulk middleware.

Swift's bulk middleware runs before the token check: the request is answered 200 whatever the token,
and each object's delete is authenticated on its own, so a token that expires during a long request
shows up as ``401 Unauthorized`` entries inside that answer (and Swift stops trying after
``max_failed_deletes`` of them). The SDK used to send 10,000 names in one request and only renewed on
an HTTP 401, so those were reported as failures.
"""

from __future__ import annotations

import json
import threading
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from pkgcloud import clock
from tests.harness.server import Reply, Seen
from tests.openstack.storage.conftest import INFO, SWIFT, Swift


class ScriptedBulk:
    """Swift's bulk delete: ``seconds_per_delete`` of fake time each, 401 once the token has expired."""

    def __init__(
        self,
        swift: Swift,
        fake_clock: clock.FakeClock,
        names: list[str],
        *,
        seconds_per_delete: float,
        max_failed_deletes: int = 1000,
    ) -> None:
        self.swift = swift
        self.clock = fake_clock
        self.objects = set(names)
        self.seconds_per_delete = seconds_per_delete
        self.max_failed_deletes = max_failed_deletes
        self.refused = 0  # 401s answered inside bodies
        self.batches: list[tuple[str, list[str]]] = []  # (token, names) per request
        self.revoke_after: int | None = None  # revoke the token after this many deletes (once)
        self.refuse_all = False  # every delete refused, whatever the token
        self.lock = threading.Lock()
        swift.server.route("POST", SWIFT + "?bulk-delete", self.bulk)  # not token-checked, as in Swift
        swift.route("GET", "/c", self.listing)
        swift.route("DELETE", "/c", self.delete_container)
        swift.server.route("GET", INFO, Reply(200, {"bulk_delete": {"max_deletes_per_request": 10000}}))

    def bulk(self, seen: Seen) -> Reply:
        token = seen.headers.get("X-Auth-Token", "")
        paths = [unquote(line) for line in seen.body.decode().split("\n") if line]
        names = [p.split("/", 2)[2] for p in paths]
        self.batches.append((token, names))
        deleted = not_found = 0
        errors: list[list[str]] = []
        body = ""
        for path, name in zip(paths, names, strict=True):
            if self.revoke_after is not None and deleted >= self.revoke_after:
                self.swift.keystone.revoke(token)
                self.revoke_after = None
            if self.refuse_all or not self.swift.keystone.accepts(token):
                errors.append([quote(path), "401 Unauthorized"])
                self.refused += 1
            else:
                with self.lock:
                    if name in self.objects:
                        self.objects.discard(name)
                        deleted += 1
                    else:
                        not_found += 1
            self.clock.advance(self.seconds_per_delete)
            if len(errors) >= self.max_failed_deletes:
                body = "Max delete failures exceeded"
                break
        status = "400 Bad Request" if errors else "200 OK"
        answer = {
            "Number Deleted": deleted,
            "Number Not Found": not_found,
            "Errors": errors,
            "Response Status": status,
            "Response Body": body,
        }
        return Reply(200, "  \n" + json.dumps(answer), {"Content-Type": "application/json"})

    def listing(self, seen: Seen) -> Reply:
        query = parse_qs(urlsplit(seen.path).query)
        marker = query.get("marker", [""])[0]
        limit = int(query.get("limit", ["10000"])[0])
        with self.lock:
            page = sorted(n for n in self.objects if n > marker)[:limit]
        return Reply(200, [{"name": n, "bytes": 1, "hash": "0" * 32} for n in page])

    def delete_container(self, _seen: Seen) -> Reply:
        return Reply(409, "not empty") if self.objects else Reply(204)


NAMES = [f"obj-{i:05d}" for i in range(20_000)]


def test_a_bulk_delete_of_more_objects_than_one_token_lives_for_deletes_them_all(
    swift: Swift, fake_clock: clock.FakeClock
) -> None:
    # 60 s tokens, 100 deletes a second: one token lasts for 6,000 deletes at most, a 10,000-name
    # request outlives it
    swift.keystone.lifetime = 60.0
    swift_bulk = ScriptedBulk(swift, fake_clock, NAMES, seconds_per_delete=0.01)
    client = swift.client()
    result = client.bulk_delete("c", NAMES)
    assert (result.deleted, result.not_found, result.errors) == (20_000, 0, [])
    assert swift_bulk.objects == set()
    assert swift_bulk.refused == 0  # every request was sized to end before its token
    sent = [n for _, names in swift_bulk.batches for n in names]
    assert sorted(sent) == NAMES  # each name once
    assert all(len(names) <= 0.5 * 60 * 100 for _, names in swift_bulk.batches)
    assert swift.keystone.token_requests >= 20_000 / 6_000


def test_delete_container_with_short_tokens_empties_and_deletes_it(swift: Swift, fake_clock: clock.FakeClock) -> None:
    swift.keystone.lifetime = 6.0
    swift_bulk = ScriptedBulk(swift, fake_clock, NAMES[:3000], seconds_per_delete=0.01)
    swift.client().delete_container("c", delete_objects=True)
    assert swift_bulk.objects == set()
    assert len(swift.seen("DELETE", "/c")) == 1
    assert swift_bulk.refused == 0


def test_401s_inside_a_bulk_answer_renew_the_token_and_resend_only_the_refused_names(
    swift: Swift, fake_clock: clock.FakeClock
) -> None:
    names = NAMES[:500]
    swift_bulk = ScriptedBulk(swift, fake_clock, names, seconds_per_delete=0.001)
    swift_bulk.revoke_after = 200  # the token stops being accepted during the first request
    result = swift.client().bulk_delete("c", names)
    assert (result.deleted, result.not_found, result.errors) == (500, 0, [])
    (first_token, first), (second_token, second) = swift_bulk.batches
    assert first == names
    assert second == names[200:]  # only those refused
    assert second_token != first_token
    assert swift.keystone.token_requests == 2


def test_a_bulk_request_swift_gave_up_on_is_sent_again_with_a_new_token(
    swift: Swift, fake_clock: clock.FakeClock
) -> None:
    names = NAMES[:500]
    swift_bulk = ScriptedBulk(swift, fake_clock, names, seconds_per_delete=0.001, max_failed_deletes=50)
    swift_bulk.revoke_after = 200  # 50 refused, then Swift stops: the last 250 are never tried
    result = swift.client().bulk_delete("c", names)
    assert (result.deleted, result.not_found, result.errors) == (500, 0, [])
    assert swift_bulk.objects == set()
    # the refused first, then the rest: Swift's answer does not say which of them it deleted
    resent = swift_bulk.batches[1][1]
    assert resent[:50] == names[200:250] and sorted(resent) == names


def test_names_refused_with_a_new_token_too_are_reported_not_sent_forever(
    swift: Swift, fake_clock: clock.FakeClock
) -> None:
    names = NAMES[:10]
    swift_bulk = ScriptedBulk(swift, fake_clock, names, seconds_per_delete=0.001)
    swift_bulk.refuse_all = True
    result = swift.client().bulk_delete("c", names)
    assert result.deleted == 0
    assert result.errors == [(n, "401 Unauthorized") for n in names]
    assert len(swift_bulk.batches) == 2  # sent once more, with a new token
    assert swift.keystone.token_requests == 2


def test_bulk_error_paths_come_back_decoded(swift: Swift, fake_clock: clock.FakeClock) -> None:
    names = ["a b/ü", "100%"]
    swift_bulk = ScriptedBulk(swift, fake_clock, names, seconds_per_delete=0.001)
    swift_bulk.refuse_all = True
    result = swift.client().bulk_delete("c", names)
    assert [name for name, _ in result.errors] == names


@pytest.mark.parametrize("lifetime", [6.0, 3600.0])
def test_long_tokens_keep_full_requests(swift: Swift, fake_clock: clock.FakeClock, lifetime: float) -> None:
    swift.keystone.lifetime = lifetime
    swift_bulk = ScriptedBulk(swift, fake_clock, NAMES, seconds_per_delete=0.0001)
    swift.client().bulk_delete("c", NAMES)
    sizes = [len(names) for _, names in swift_bulk.batches]
    if lifetime == 3600.0:
        assert sizes == [10_000, 10_000]  # nothing changes where tokens outlast requests
    else:
        assert sum(sizes) == 20_000 and swift_bulk.refused == 0


def test_a_large_object_delete_whose_segments_were_refused_for_the_token_is_sent_again(swift: Swift) -> None:
    head = {"Content-Length": "10", "ETag": '"' + "a" * 32 + '"', "X-Static-Large-Object": "True"}
    swift.route("HEAD", "/c/big", Reply(200, b"", head))
    answers = [
        {"Number Deleted": 2, "Number Not Found": 0, "Errors": [["/c_segments/s3", "401 Unauthorized"]]},
        {"Number Deleted": 2, "Number Not Found": 2, "Errors": []},  # s3 and the manifest; s1, s2 gone
    ]
    tokens: list[str] = []

    def delete(seen: Seen) -> Reply:
        assert "multipart-manifest=delete" in seen.path
        tokens.append(seen.headers["X-Auth-Token"])
        return Reply(200, {"Response Status": "200 OK", "Response Body": "", **answers[len(tokens) - 1]})

    swift.route("DELETE", "/c/big", delete)
    swift.client().delete_object("c", "big")
    assert len(tokens) == 2 and tokens[0] != tokens[1]
    assert swift.keystone.token_requests == 2
