"""Names too long for Swift's bulk middleware once URL-encoded are deleted one by one.

The middleware reads the body ``max_object_name_length + max_container_name_length + 2`` bytes at
a time and refuses the whole request ("400 Invalid File Name") when an unfinished line outgrows
twice that: one name of multi-byte UTF-8 used to lose its whole batch. The scripted middleware
below refuses the same way, with the limits this cluster publishes in ``/info``.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

from pkgcloud_openstack.storage import bulk
from tests.harness.server import Reply, Seen
from tests.openstack.storage.conftest import INFO, SWIFT, Swift

MAX_OBJECT, MAX_CONTAINER = 100, 20  # published limits, smaller than Swift's defaults
LIMIT = MAX_OBJECT + MAX_CONTAINER + 2


def scripted(swift: Swift, objects: set[str], refused: set[str]) -> list[list[str]]:
    """A bulk middleware and single DELETEs over ``objects``; ``refused`` names answer 403."""
    batches: list[list[str]] = []

    def bulk_delete(seen: Seen) -> Reply:
        lines = seen.body.decode().split("\n")
        if any(len(line) > LIMIT for line in lines):  # the lower bound of Swift's refusal
            answer = {"Number Deleted": 0, "Errors": [], "Response Status": "400 Bad Request"}
            answer["Response Body"] = "Invalid File Name"
            return Reply(200, json.dumps(answer))
        names = [unquote(line).split("/", 2)[2] for line in lines if line]
        batches.append(names)
        deleted = sum(1 for n in names if n in objects)
        objects.difference_update(names)
        return Reply(200, json.dumps({"Number Deleted": deleted, "Number Not Found": len(names) - deleted}))

    def delete(seen: Seen) -> Reply:
        name = unquote(seen.path.split("?")[0][len(SWIFT + "/c/") :])
        if name in refused:
            return Reply(403, "Forbidden")
        if name not in objects:
            return Reply(404, "Not Found")
        objects.discard(name)
        return Reply(204)

    swift.server.route("POST", SWIFT + "?bulk-delete", bulk_delete)
    swift.route("DELETE", "/c/", delete)
    swift.server.route(
        "GET",
        INFO,
        Reply(
            200,
            {
                "bulk_delete": {"max_deletes_per_request": 1000},
                "swift": {"max_object_name_length": MAX_OBJECT, "max_container_name_length": MAX_CONTAINER},
            },
        ),
    )
    return batches


def test_a_line_at_the_limit_fits_one_byte_more_does_not() -> None:
    at_limit = "x" * (LIMIT - len("/c/"))
    assert bulk.fits("c", at_limit, LIMIT)
    assert not bulk.fits("c", at_limit + "x", LIMIT)
    # what counts is the encoded length: 40 two-byte characters are 80 bytes, 240 encoded
    assert len(("é" * 40).encode()) < MAX_OBJECT
    assert not bulk.fits("c", "é" * 40, LIMIT)
    assert bulk.fits("c", "dir/" * 20, LIMIT)  # slashes are sent as they are


def test_names_over_the_bulk_limit_are_deleted_alone_and_reported_per_object(swift: Swift) -> None:
    short = [f"short-{i}" for i in range(5)]
    long_ok, long_refused = "é" * 40, "😀" * 25  # 80 and 100 bytes: legal, too long for the middleware
    objects = {*short, long_ok, long_refused}
    batches = scripted(swift, objects, refused={long_refused})
    result = swift.client().bulk_delete("c", [*short, long_ok, long_refused, "é" * 45 + "-missing"])
    assert batches == [short]  # the short ones in bulk, in one request that was not refused
    assert (result.deleted, result.not_found) == (6, 1)
    assert [name for name, _ in result.errors] == [long_refused]
    assert result.errors[0][1].startswith("403")
    assert objects == {long_refused}
    singles = sorted(unquote(s.path[len(SWIFT + "/c/") :]) for s in swift.seen("DELETE", "/c/"))
    assert singles == sorted([long_ok, long_refused, "é" * 45 + "-missing"])
