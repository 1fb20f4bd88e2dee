"""API microversions: discovery, negotiation, and which request needs which version.

OpenStack services that have microversions (Nova, Cinder, Manila...) publish on their versioned root
(``GET /v2.1``) the range they accept: ``version.min_version`` .. ``version.version``. A client asks
for one with ``OpenStack-API-Version: <service> X.Y`` (Nova also reads ``X-OpenStack-Nova-API-Version``).

The rule used here, for every request:

* the *ceiling* is the client's preferred version (the service's default, or the ``microversion``
  option when pinned), lowered to the server's maximum; a pin the server does not accept is an error;
* each feature a request uses is a window ``[added, removed)`` (``personality`` exists below 2.57,
  ``networks: "auto"`` from 2.37...);
* the request is sent at the highest version inside every window, the server's range and the
  ceiling; when there is none, :class:`MicroversionUnsupported` says which feature needs what,
  before anything is sent.

So nothing is ever sent above the ceiling, and a feature Nova removed is still reached by going
down for that one request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pkgcloud.api import ApiSession
from pkgcloud.errors import HttpError, MalformedResponse, UnsupportedOperation
from pkgcloud_openstack.service import is_path_version

# (plain classes and string parsing rather than NamedTuple and re: this module is imported when a
# compute client is made, and those cost more at import than everything else here)


class MicroversionUnsupported(UnsupportedOperation):
    """A feature needs a microversion that the server (or the pinned version) does not allow."""


class Version(tuple[int, int]):
    """A microversion ``major.minor``; compares as the tuple ``(major, minor)``."""

    __slots__ = ()

    def __new__(cls, major: int, minor: int) -> Version:
        return tuple.__new__(cls, (major, minor))

    @property
    def major(self) -> int:
        return self[0]

    @property
    def minor(self) -> int:
        return self[1]

    def __str__(self) -> str:
        return f"{self[0]}.{self[1]}"

    def __repr__(self) -> str:
        return f"Version({self[0]}, {self[1]})"

    @classmethod
    def parse(cls, text: str | Version) -> Version:
        if isinstance(text, Version):
            return text
        major, dot, minor = str(text).strip().partition(".")
        if not (dot and major.isdigit() and minor.isdigit()):
            raise ValueError(f"a microversion looks like '2.79', not {text!r}")
        return cls(int(major), int(minor))


class Feature:
    """What a request uses, and the microversions it exists in: ``added <= v < removed``."""

    __slots__ = ("added", "name", "removed")

    def __init__(self, name: str, added: Version | None = None, removed: Version | None = None) -> None:
        self.name = name
        self.added = added
        self.removed = removed

    def __repr__(self) -> str:
        return f"Feature({self.name!r}, added={self.added}, removed={self.removed})"

    def describe(self) -> str:
        if self.added and self.removed:
            return f"{self.name} (microversions {self.added} to before {self.removed})"
        if self.added:
            return f"{self.name} (microversion {self.added} or later)"
        if self.removed:
            return f"{self.name} (before microversion {self.removed}: removed there)"
        return self.name


def feature(name: str, added: str | None = None, removed: str | None = None) -> Feature:
    return Feature(name, Version.parse(added) if added else None, Version.parse(removed) if removed else None)


def below(version: Version) -> Version:
    """The highest version lower than ``version`` (within its major version)."""
    if version.minor == 0:
        raise ValueError(f"nothing below {version} in its major version")
    return Version(version.major, version.minor - 1)


class ServerRange:
    """What the server accepts; ``maximum`` None means an API without microversions."""

    __slots__ = ("maximum", "minimum")

    def __init__(self, minimum: Version, maximum: Version | None) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerRange) and (self.minimum, self.maximum) == (other.minimum, other.maximum)

    def __hash__(self) -> int:
        return hash((self.minimum, self.maximum))

    def __repr__(self) -> str:
        return f"ServerRange({self.minimum}, {self.maximum})"

    @property
    def versioned(self) -> bool:
        return self.maximum is not None


def versioned_root(endpoint: str) -> str:
    """The versioned root of an endpoint: ``http://h/compute/v2.1/<project>`` -> ``http://h/compute/v2.1``."""
    parts = urlsplit(endpoint)
    segments = parts.path.rstrip("/").split("/")
    for index in range(len(segments) - 1, -1, -1):
        if is_path_version(segments[index]):
            segments = segments[: index + 1]
            break
    return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), "", ""))


def range_from_document(body: Any, base: Version) -> ServerRange:
    """The range in a version document (``{"version": {...}}`` or a ``{"versions": [...]}`` list)."""
    doc: Any = None
    if isinstance(body, dict) and isinstance(body.get("version"), dict):
        doc = body["version"]
    elif isinstance(body, dict) and isinstance(body.get("versions"), list):
        current = [v for v in body["versions"] if isinstance(v, dict) and v.get("status") == "CURRENT"]
        doc = current[0] if current else None
    if not doc or not doc.get("version"):
        return ServerRange(base, None)
    return ServerRange(Version.parse(doc.get("min_version") or str(base)), Version.parse(doc["version"]))


class Negotiator:
    """The microversions of one client: discovers the server's range once, picks one per request.

    ``service`` names the header (``compute``); ``default`` is what the SDK prefers; ``pinned``
    replaces it when the user pinned one. ``base`` is the version of an API without microversions.
    """

    def __init__(
        self,
        api: ApiSession,
        service: str,
        *,
        default: str,
        pinned: str | None = None,
        base: str = "2.1",
        legacy_header: str | None = None,
    ) -> None:
        self.api = api
        self.service = service
        self.default = Version.parse(default)
        self.base = Version.parse(base)
        self.legacy_header = legacy_header
        try:
            self.pinned = Version.parse(pinned) if pinned else None
        except ValueError as exc:
            from pkgcloud.errors import InvalidOption

            raise InvalidOption(f"option 'microversion': {exc}") from None
        self._range: ServerRange | None = None
        self._document: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Negotiator {self.service} default={self.default} pinned={self.pinned}>"

    # -- discovery -------------------------------------------------------------------------------

    def discover(self) -> ServerRange:
        """The server's range (one GET of the versioned root, the first time)."""
        if self._range is None:
            with self._lock:
                if self._range is None:
                    self._range = self._fetch()
        return self._range

    def _fetch(self) -> ServerRange:
        root = versioned_root(self.api.base_url)
        try:
            body = self._root_document(root)
        except HttpError as exc:
            # no version document there (old, proxied or reshaped APIs): an API without microversions
            if exc.status in (400, 403, 404, 405, 406):
                self._document = None
                return ServerRange(self.base, None)
            raise
        except MalformedResponse:  # an answer that is not JSON
            self._document = None
            return ServerRange(self.base, None)
        self._document = body if isinstance(body, dict) else None
        return range_from_document(body, self.base)

    def _root_document(self, root: str) -> Any:
        """GET the versioned root; a redirect (Cinder sends ``/v3`` to ``/v3/``) is followed once, to
        the path it names **on our endpoint's host** (never to the host it names)."""
        response = self.api.request("GET", root)
        if response.status_code in (301, 302, 303, 307, 308):
            path = urlsplit(response.headers.get("Location", "")).path
            response.close()
            if not path:
                return None
            parts = urlsplit(root)
            response = self.api.request("GET", urlunsplit((parts.scheme, parts.netloc, path, "", "")))
            if response.status_code >= 300:
                return None
        return self.api.decode(response, "GET")

    @property
    def document(self) -> dict[str, Any] | None:
        """The version document the server answered with (after :meth:`discover`)."""
        self.discover()
        return self._document

    # -- negotiation -----------------------------------------------------------------------------

    def ceiling(self) -> Version:
        """The highest version this client sends: the pin or the default, within the server's range."""
        found = self.discover()
        if self.pinned is not None:
            if found.maximum is None:
                raise MicroversionUnsupported(
                    f"microversion {self.pinned} was pinned, but this {self.service} API has no microversions"
                )
            if not found.minimum <= self.pinned <= found.maximum:
                raise MicroversionUnsupported(
                    f"microversion {self.pinned} was pinned, but the {self.service} API accepts "
                    f"{found.minimum} to {found.maximum}"
                )
            return self.pinned
        if found.maximum is None:
            return self.base
        return max(min(self.default, found.maximum), found.minimum)

    def choose(self, features: Iterable[Feature] = ()) -> Version:
        """The version for a request using ``features`` (see the module's rule)."""
        wanted = [f for f in features if f.added or f.removed]
        found = self.discover()
        top = self.ceiling()
        low = found.minimum if found.versioned else self.base
        high = top
        for f in wanted:
            if f.added is not None and f.added > low:
                low = f.added
            if f.removed is not None and below(f.removed) < high:
                high = below(f.removed)
        if low <= high:
            return high
        raise MicroversionUnsupported(self._explain(wanted, found, top))

    def _explain(self, wanted: list[Feature], found: ServerRange, top: Version) -> str:
        # name what binds: the feature needing the most, and what caps it (another feature, or the client)
        needs_most = max((f for f in wanted if f.added), key=lambda f: f.added or top, default=None)
        removed_first = min((f for f in wanted if f.removed), key=lambda f: f.removed or top, default=None)
        if needs_most is not None and removed_first is not None and removed_first.removed is not None:
            assert needs_most.added is not None
            if needs_most.added >= removed_first.removed:
                return f"no microversion allows all of: {needs_most.describe()}; {removed_first.describe()}"
        if not found.versioned:
            where = f"this {self.service} API has no microversions (it behaves as {self.base})"
        elif self.pinned is not None:
            where = f"the client is pinned to {self.pinned}"
        elif found.maximum is not None and found.maximum < self.default:
            where = f"the {self.service} API accepts {found.minimum} to {found.maximum}"
        else:
            where = f"this SDK sends at most {top} (pin a higher one with the 'microversion' option)"
        if needs_most is not None:
            return f"{needs_most.describe()} is not available: {where}"
        return f"{removed_first.describe() if removed_first else 'this request'} is not available: {where}"

    def headers(self, features: Iterable[Feature] = ()) -> dict[str, str]:
        """The microversion headers for a request using ``features`` (none for an unversioned API)."""
        version = self.choose(features)
        if not self.discover().versioned:
            return {}
        return self.headers_for(version)

    def headers_for(self, version: Version) -> dict[str, str]:
        headers = {"OpenStack-API-Version": f"{self.service} {version}"}
        if self.legacy_header:
            headers[self.legacy_header] = str(version)
        return headers

    def allows(self, feature: Feature) -> bool:
        """Whether a request using ``feature`` can be sent (with this client's ceiling)."""
        try:
            self.choose([feature])
        except MicroversionUnsupported:
            return False
        return True
