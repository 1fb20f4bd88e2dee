"""Building cassettes from official API samples, for services that cannot run here.

A built cassette goes through the same scrubber as a recorded one and names its sources in
``metadata.source``. The samples live outside the repository (``../shared/api-samples``, see its
README); builders run where they exist, and their output is committed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vcr.request import Request
from vcr.serialize import serialize
from vcr.serializers import yamlserializer

from tests.harness.cassettes import CASSETTES, Scrubber

# beside the repository (../shared), or where PKGCLOUD_API_SAMPLES says (a git worktree lives elsewhere)
SAMPLES = Path(os.environ.get("PKGCLOUD_API_SAMPLES") or Path(__file__).resolve().parents[3] / "shared" / "api-samples")


def sample(relative: str) -> Any:
    """A sample file (JSON decoded when it is JSON)."""
    path = SAMPLES / relative
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else text


class Interaction:
    def __init__(
        self,
        method: str,
        uri: str,
        *,
        request_body: Any = None,
        request_headers: dict[str, str] | None = None,
        status: int = 200,
        reason: str = "OK",
        response_body: Any = None,
        response_headers: dict[str, str] | None = None,
    ) -> None:
        self.method = method
        self.uri = uri
        self.request_body = request_body
        self.request_headers = request_headers or {}
        self.status = status
        self.reason = reason
        self.response_body = response_body
        self.response_headers = response_headers or {}


def _encode(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()


def write_cassette(name: str, interactions: Iterable[Interaction], sources: Iterable[str]) -> Path:
    scrubber = Scrubber()
    requests = []
    responses = []
    for item in interactions:
        headers = dict(item.request_headers)
        if item.request_body is not None and not isinstance(item.request_body, (bytes, str)):
            headers.setdefault("Content-Type", "application/json")
        request = Request(item.method, item.uri, _encode(item.request_body) or None, headers)
        requests.append(scrubber.request(request))
        body = _encode(item.response_body)
        response_headers = {k: [v] for k, v in item.response_headers.items()}
        if item.response_body is not None and not isinstance(item.response_body, (bytes, str)):
            response_headers.setdefault("Content-Type", ["application/json"])
        response_headers["Content-Length"] = [str(len(body))]
        responses.append(
            scrubber.response(
                {
                    "status": {"code": item.status, "message": item.reason},
                    "headers": response_headers,
                    "body": {"string": body},
                }
            )
        )
    listed = "; ".join(sources)
    metadata = {"source": f"built from official API samples, not recorded: {listed}", "built_by": "tests/builders"}
    path = CASSETTES / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(serialize({"requests": requests, "responses": responses, "metadata": metadata}, yamlserializer))
    return path
