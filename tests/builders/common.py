"""Building cassettes from official API samples, for services that cannot run here.

A built cassette goes through the same scrubber as a recorded one and names its sources in
``metadata.source``. The samples live outside the repository (``../shared/api-samples``, see its
README); builders run where they exist, and their output is committed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

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


STATUS_TEXT = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content"}


class SampleCall(Protocol):
    """One documented exchange: the request and response bodies are sample paths (or None, or a
    literal request), ``version`` the microversion the SDK sends, ``note`` a source beside the files."""

    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def status(self) -> int: ...
    @property
    def request(self) -> str | dict[str, Any] | None: ...
    @property
    def response(self) -> str | None: ...
    @property
    def version(self) -> str | None: ...
    @property
    def query(self) -> dict[str, str] | None: ...
    @property
    def note(self) -> str | None: ...


class SampleApi:
    """The cassettes of one microversioned API built from its samples: where the samples are, the
    URLs, and the headers a microversion puts on the request and the response."""

    def __init__(
        self,
        *,
        samples: str,
        root: str,
        base: str,
        out: str,
        reference: str,
        version_headers: Callable[[str], tuple[dict[str, str], dict[str, str]]],
        version_call: SampleCall,
    ) -> None:
        self.samples = samples
        self.root = root
        self.base = base
        self.out = out
        self.reference = reference
        self.version_headers = version_headers
        self.version_call = version_call

    def sample(self, relpath: str) -> Any:
        return sample(f"{self.samples}/{relpath}")

    def interaction(self, call: SampleCall, token: str) -> tuple[Interaction, list[str]]:
        uri = f"{self.base}/{call.path}" if call.path else self.root
        if call.query:
            uri += "?" + urlencode(call.query)
        sources = [f"{self.samples}/{f}" for f in (call.request, call.response) if isinstance(f, str)]
        if call.note:
            sources.append(call.note)
        request_body = self.sample(call.request) if isinstance(call.request, str) else call.request
        response_body = self.sample(call.response) if call.response else None
        headers = {"Accept": "application/json", "X-Auth-Token": token}
        response_headers: dict[str, str] = {}
        if call.version:
            sent, echoed = self.version_headers(call.version)
            headers.update(sent)
            response_headers = echoed
        made = Interaction(
            call.method,
            uri,
            request_body=request_body,
            request_headers=headers,
            status=call.status,
            reason=STATUS_TEXT.get(call.status, ""),
            response_body=response_body,
            response_headers=response_headers,
        )
        return made, sources

    def build(self, name: str, calls: Iterable[SampleCall], token: str) -> str:
        interactions, sources = [], []
        for call in [self.version_call, *calls]:
            made, used = self.interaction(call, token)
            interactions.append(made)
            sources += [f for f in used if f not in sources]
        sources.append(f"paths and statuses: {self.reference}")
        return str(write_cassette(f"{self.out}/{name}", interactions, sources))

    def main(self, cassettes: Callable[[], Mapping[str, Iterable[SampleCall]]], token: str) -> int:
        if not (SAMPLES / self.samples).is_dir():
            print(f"the API samples are not at {SAMPLES / self.samples}", file=sys.stderr)
            return 1
        for name, calls in cassettes().items():
            print(self.build(name, calls, token))
        return 0
