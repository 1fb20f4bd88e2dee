"""Heat cassettes built from the official API samples (openstack/heat ``api-ref/source/v1/samples``).

For what the dev cloud cannot show: a 302 whose ``Location`` names Heat's internal address (the
dev cloud's is our own endpoint), an output that could not be resolved (``output_error``), the
documented preview, one event, resource types with their descriptions, and build info with the
documented placeholders. Paths follow the Heat API reference; each cassette names its sample files.

Run where the samples are (``../shared/api-samples``, or ``PKGCLOUD_API_SAMPLES``)::

    PKGCLOUD_API_SAMPLES=/work/shared/api-samples .venv/bin/python -m tests.builders.heat_samples

It rewrites ``cassettes/openstack/orchestration/samples/*.yaml``; the cassettes are committed.
"""

from __future__ import annotations

import re
import sys
from typing import Any
from urllib.parse import urlsplit

from tests.builders.common import SAMPLES, Interaction, sample, write_cassette

HEAT = "openstack-heat/api-ref/source/v1/samples"
HOST = "http://heat.devcloud.test"
OUT = "openstack/orchestration/samples"
TOKEN = "PKGCLOUD-TOKEN-1"


def heat(name: str) -> Any:
    return sample(f"{HEAT}/{name}")


def find_location() -> str:
    """The internal URL the find sample's body names (the sample holds no headers)."""
    found = re.search(r'href="([^"]+)"', heat("stack-find-response.json")["message"])
    assert found, "stack-find-response.json names no URL"
    return found.group(1)


def project() -> str:
    return urlsplit(find_location()).path.split("/")[2]


def base() -> str:
    return f"{HOST}/v1/{project()}"


def call(method: str, path: str, status: int, response: str | None, *, request: Any = None, **more: Any) -> Interaction:
    reasons = {200: "OK", 201: "Created", 302: "Found"}
    return Interaction(
        method,
        f"{base()}/{path}",
        request_body=heat(request) if isinstance(request, str) else request,
        request_headers={"X-Auth-Token": TOKEN, "Accept": "application/json"},
        status=status,
        reason=reasons.get(status, "OK"),
        response_body=heat(response) if response else None,
        **more,
    )


def cassettes() -> dict[str, tuple[list[Interaction], list[str]]]:
    location = find_location()
    name_id = "/".join(urlsplit(location).path.split("/")[-2:])
    event = heat("event-show-response.json")["event"]
    event_path = "/".join(urlsplit(event["links"][0]["href"]).path.split("/")[3:])
    return {
        "find_and_outputs": (
            [
                call("GET", "stacks/s1", 302, "stack-find-response.json", response_headers={"Location": location}),
                call("GET", f"stacks/{name_id}/outputs", 200, "stack-outputs-list-response.json"),
                call("GET", f"stacks/{name_id}/outputs/output_name", 200, "stack-output-show-response.json"),
            ],
            ["stack-find-response.json", "stack-outputs-list-response.json", "stack-output-show-response.json"],
        ),
        "preview_and_create": (
            [
                call("POST", "stacks/preview", 200, "stack-preview-response.json", request="stack-create-request.json"),
                call("POST", "stacks", 201, "stack-create-response.json", request="stack-create-request.json"),
            ],
            ["stack-create-request.json", "stack-preview-response.json", "stack-create-response.json"],
        ),
        "event_and_types": (
            [
                call("GET", event_path, 200, "event-show-response.json"),
                call(
                    "GET",
                    "resource_types?with_description=true",
                    200,
                    "resource-types-list-advanced-response.json",
                ),
                call("GET", "resource_types/OS::Heat::AResourceName", 200, "resource-schema-response.json"),
                call("GET", "build_info", 200, "build-info-response.json"),
            ],
            [
                "event-show-response.json",
                "resource-types-list-advanced-response.json",
                "resource-schema-response.json",
                "build-info-response.json",
            ],
        ),
    }


def main() -> int:
    if not (SAMPLES / HEAT).is_dir():
        print(f"no Heat samples at {SAMPLES / HEAT}", file=sys.stderr)
        return 1
    for name, (interactions, sources) in cassettes().items():
        path = write_cassette(f"{OUT}/{name}", interactions, [f"{HEAT}/{s}" for s in sources])
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
