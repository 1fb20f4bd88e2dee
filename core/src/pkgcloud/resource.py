"""Declarative REST resources: say where a resource lives and how it is wrapped, get its CRUD.

OpenStack services share one shape: ``GET /servers`` lists ``{"servers": [...]}``, ``POST /servers``
creates from ``{"server": {...}}``, ``GET/PUT/DELETE /servers/{id}``, actions on
``POST /servers/{id}/action``. A provider declares each resource once::

    SERVERS = Resource("servers", key="server", parse=server_from_nova, list_path="servers/detail")

A resource declared on a client class is bound to each client: ``self.servers.get(server)`` takes a
model or an id, sends the client's headers (its microversion for the features named), and parses the
answer; a provider method is then one line where nothing differs. Unbound, ``SERVERS.get(api, id)``
does the same through a given :class:`~pkgcloud.api.ApiSession`. A path may name parents
(``"servers/{server_id}/os-volume_attachments"``), filled from ``parents=`` (models or ids).

Whatever a service answers, a successful answer the parser cannot read (the wrong top-level key, a
list where an object was due, an item without its id) raises
:class:`~pkgcloud.errors.MalformedResponse` naming the service, method and URL: never a ``KeyError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, Protocol, TypeVar, overload
from urllib.parse import quote

from pkgcloud.api import ApiSession
from pkgcloud.bodies import ref_id
from pkgcloud.errors import MalformedResponse, NotFound
from pkgcloud.paging import check_limit, marker_pages, next_link_params, paginate

M = TypeVar("M")

LINK = "link"
MARKER = "marker"
SINGLE = "single"


class Segments(tuple):  # type: ignore[type-arg]
    """A parent that spans several path segments (Heat's ``stacks/{name}/{id}``): each segment is
    quoted on its own and they are joined with ``/``, where a plain parent value is one quoted segment."""

    __slots__ = ()

    def __new__(cls, *segments: str) -> Segments:
        if not segments or not all(isinstance(s, str) and s for s in segments):
            raise ValueError(f"Segments needs non-empty strings, not {segments!r}")
        return super().__new__(cls, segments)

    def __str__(self) -> str:
        return "/".join(self)

    def quoted(self) -> str:
        return "/".join(quote(s, safe="") for s in self)


def _quote_parent(value: Any) -> str:
    return value.quoted() if isinstance(value, Segments) else quote(str(value), safe="")


# what a parser raises when a field it needs is missing or of the wrong shape
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class Service(Protocol):
    """What a client offers the resources bound to it: its session, and the headers for a request
    using some features (its microversion; nothing for a service without microversions)."""

    api: ApiSession

    def request_headers(self, *features: Any) -> dict[str, str]: ...


class Resource(Generic[M]):
    """One REST resource: its path, body key, model parser and list style.

    ``noun`` names it in errors and references (``"volume"``; the body key by default);
    ``metadata`` is the sub-path of its key/value metadata (``"metadata"``), when it has one.
    ``key=""`` declares an API that sends and takes one item unwrapped (Rackspace Cloud DNS's
    ``GET /domains/{id}`` answers the domain itself); ``noun`` is then required.
    ``marker_inclusive``: the service's page after ``marker`` starts *with* the marker's item (Rackspace
    Cloud Load Balancers); that item is not yielded twice.
    """

    def __init__(
        self,
        path: str,
        *,
        key: str,
        parse: Callable[[dict[str, Any]], M],
        plural: str | None = None,
        list_path: str | None = None,
        paging: str = LINK,
        marker_key: str = "id",
        update_method: str = "PUT",
        noun: str | None = None,
        metadata: str | None = None,
        marker_inclusive: bool = False,
    ) -> None:
        if paging not in (LINK, MARKER, SINGLE):
            raise ValueError(f"paging must be {LINK!r}, {MARKER!r} or {SINGLE!r}")
        if not key and not noun:
            raise ValueError("a resource without a body key needs a noun")
        self.path = path
        self.key = key
        self.plural = plural or path.rsplit("/", 1)[-1]
        self.parse = parse
        self.list_path = list_path or path
        self.paging = paging
        self.marker_key = marker_key
        self.marker_inclusive = marker_inclusive
        self.update_method = update_method
        self.noun = noun or key
        self.metadata = Metadata(f"{path}/{{{self.noun}_id}}/{metadata}") if metadata else None

    def __repr__(self) -> str:
        return f"Resource({self.path!r}, key={self.key!r})"

    @overload
    def __get__(self, client: None, owner: type) -> Resource[M]: ...

    @overload
    def __get__(self, client: Service, owner: type) -> Bound[M]: ...

    def __get__(self, client: Service | None, owner: type) -> Resource[M] | Bound[M]:
        if client is None:
            return self
        return Bound(self, client)

    # -- paths -----------------------------------------------------------------------------------

    def _fill(self, template: str, parents: Mapping[str, Any] | None) -> str:
        if "{" not in template:
            return template
        quoted = {k: _quote_parent(v) for k, v in (parents or {}).items()}
        try:
            return template.format(**quoted)
        except KeyError as exc:
            raise TypeError(f"{self!r} needs parents={{{exc.args[0]!r}: ...}}") from None

    def item_path(self, id: str | Segments, parents: Mapping[str, Any] | None = None) -> str:
        return f"{self._fill(self.path, parents)}/{_quote_parent(id)}"

    def collection_path(self, parents: Mapping[str, Any] | None = None) -> str:
        return self._fill(self.path, parents)

    # -- parsing ---------------------------------------------------------------------------------

    def one(self, body: Any, api: ApiSession | None = None, method: str = "", path: str = "") -> M:
        """Parse ``{"<key>": {...}}`` into the model; anything else is a :class:`MalformedResponse`
        (``api``, ``method`` and ``path`` say where the answer came from). A resource declared with
        ``key=""`` reads the object itself."""
        if not self.key:
            return self._parse(body, api, method, path)
        if not isinstance(body, Mapping) or not isinstance(body.get(self.key), Mapping):
            found = _shape(body)
            raise _malformed(api, method, path, f"expected an object {{{self.key!r}: {{...}}}}, got {found}")
        return self._parse(body[self.key], api, method, path)

    def many(self, body: Any, api: ApiSession | None = None, method: str = "", path: str = "") -> list[M]:
        """Parse ``{"<plural>": [...]}`` (or a bare list) into models; see :meth:`one`."""
        items = body.get(self.plural) if isinstance(body, Mapping) else body
        if items is None and isinstance(body, Mapping) and self.plural not in body:
            raise _malformed(api, method, path, f"expected an object {{{self.plural!r}: [...]}}, got {_shape(body)}")
        if not isinstance(items, list):
            raise _malformed(api, method, path, f"expected a list of {self.plural}, got {_shape(items)}")
        return [self._parse(item, api, method, path) for item in items]

    def _parse(self, item: Any, api: ApiSession | None, method: str, path: str) -> M:
        if not isinstance(item, Mapping):
            raise _malformed(api, method, path, f"expected a {self.noun} object, got {_shape(item)}")
        try:
            return self.parse(dict(item))
        except _PARSE_ERRORS as exc:
            detail = f"no {exc.args[0]!r}" if isinstance(exc, KeyError) and exc.args else str(exc)
            raise _malformed(api, method, path, f"a {self.noun} the SDK cannot read ({detail})") from None

    # -- CRUD ------------------------------------------------------------------------------------

    def list(
        self,
        api: ApiSession,
        params: Mapping[str, Any] | None = None,
        *,
        parents: Mapping[str, Any] | None = None,
        limit: int | None = None,
        page_size: int | None = None,
        detail: bool = True,
        headers: Mapping[str, str] | None = None,
        backwards: bool = False,
    ) -> Iterator[M]:
        """Every item, page after page, as a generator (``limit`` caps the total).

        ``backwards`` walks link pages from the end: each page's ``previous`` link is followed and its
        items are yielded last first (Neutron's ``page_reverse=True``, which the caller's params send).
        """
        check_limit(limit)
        path = self._fill(self.list_path if detail else self.path, parents)

        def get_items(query: dict[str, Any]) -> tuple[list[M], Any]:
            body = api.get(path, params=query, headers=headers)
            return self.many(body, api, "GET", path), body

        if self.paging == SINGLE:
            items, _ = get_items({k: v for k, v in (params or {}).items() if v is not None})
            yield from (items if limit is None else items[:limit])
            return
        if self.paging == MARKER:
            fetch = marker_pages(lambda q: get_items(q)[0], self._marker_of, inclusive=self.marker_inclusive)
            yield from paginate(fetch, params, limit=limit, page_size=page_size)
            return

        def fetch_link(query: dict[str, Any]) -> tuple[list[M], dict[str, Any] | None]:
            items, body = get_items(query)
            if backwards:
                return items[::-1], next_link_params(body, self.plural, rel="previous")
            return items, next_link_params(body, self.plural)

        yield from paginate(fetch_link, params, limit=limit, page_size=page_size)

    def _marker_of(self, item: M) -> str:
        raw = getattr(item, "raw", None)
        if isinstance(raw, Mapping) and self.marker_key in raw:
            return str(raw[self.marker_key])
        return str(getattr(item, self.marker_key))

    def get(
        self,
        api: ApiSession,
        id: str,
        *,
        parents: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> M:
        path = self.item_path(id, parents)
        return self.one(api.get(path, params=params, headers=headers), api, "GET", path)

    def read(
        self,
        api: ApiSession,
        *,
        parents: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> M:
        """GET the collection path as one object (a singleton such as ``limits`` or ``quota``)."""
        path = self.collection_path(parents)
        return self.one(api.get(path, params=params, headers=headers), api, "GET", path)

    def create(
        self,
        api: ApiSession,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        wrap: bool = True,
    ) -> M:
        payload = {self.key: dict(body)} if wrap and self.key else dict(body)
        path = self.collection_path(parents)
        return self.one(api.post(path, json=payload, headers=headers), api, "POST", path)

    def update(
        self,
        api: ApiSession,
        id: str,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> M:
        path = self.item_path(id, parents)
        payload = {self.key: dict(body)} if self.key else dict(body)
        answer = api.json(self.update_method, path, json=payload, headers=headers)
        if answer is None:
            return self.get(api, id, parents=parents, headers=headers)
        return self.one(answer, api, self.update_method, path)

    def delete(
        self,
        api: ApiSession,
        id: str,
        *,
        parents: Mapping[str, Any] | None = None,
        ignore_missing: bool = False,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> bool:
        """Delete; returns False (instead of raising NotFound) when ``ignore_missing`` and it was gone."""
        try:
            api.request("DELETE", self.item_path(id, parents), headers=headers, params=params)
        except NotFound:
            if ignore_missing:
                return False
            raise
        return True

    def action(
        self,
        api: ApiSession,
        id: str,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        path: str = "action",
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """POST an action (``{"reboot": {...}}``) to ``<item>/action``; returns the decoded answer."""
        return api.post(f"{self.item_path(id, parents)}/{path}", json=dict(body), headers=headers)


class Metadata:
    """The key/value ``metadata`` under a resource, kept the same way by several OpenStack services
    (Nova servers and images, Cinder volumes and snapshots): GET on the collection reads it all, PUT
    replaces it, POST merges into it, and ``<collection>/<key>`` is one item, ``{"meta": {key: value}}``.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        # one key is ``<path>/<key>`` holding {"meta": {key: value}}
        self.items: Resource[dict[str, Any]] = Resource(
            path, key="meta", parse=dict, paging=SINGLE, noun="metadata key"
        )

    def __repr__(self) -> str:
        return f"Metadata({self.path!r})"

    def collection_path(self, parents: Mapping[str, Any] | None) -> str:
        return self.items.collection_path(parents)

    @staticmethod
    def _metadata(body: Any, api: ApiSession, method: str, path: str) -> dict[str, Any]:
        if not isinstance(body, Mapping) or not isinstance(body.get("metadata"), Mapping):
            raise _malformed(api, method, path, f"expected an object {{'metadata': {{...}}}}, got {_shape(body)}")
        return dict(body["metadata"])

    def read(
        self, api: ApiSession, parents: Mapping[str, Any], *, headers: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        path = self.collection_path(parents)
        return self._metadata(api.get(path, headers=headers), api, "GET", path)

    def write(
        self,
        api: ApiSession,
        parents: Mapping[str, Any],
        metadata: Mapping[str, Any],
        *,
        merge: bool,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Replace the whole metadata (PUT), or with ``merge`` add or change these keys and keep the
        others (POST); returns the whole metadata as the service now has it."""
        method = "POST" if merge else "PUT"
        path = self.collection_path(parents)
        answer = api.json(method, path, json={"metadata": dict(metadata)}, headers=headers)
        return self._metadata(answer, api, method, path)

    def read_item(
        self, api: ApiSession, parents: Mapping[str, Any], key: str, *, headers: Mapping[str, str] | None = None
    ) -> Any:
        item = self.items.get(api, key, parents=parents, headers=headers)
        if key not in item:
            path = self.items.item_path(key, parents)
            raise _malformed(api, "GET", path, f"expected {{'meta': {{{key!r}: ...}}}}, got keys {sorted(item)[:5]}")
        return item[key]

    def set_item(
        self,
        api: ApiSession,
        parents: Mapping[str, Any],
        key: str,
        value: Any,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        return self.items.update(api, key, {key: value}, parents=parents, headers=headers)

    def delete_item(
        self, api: ApiSession, parents: Mapping[str, Any], key: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        self.items.delete(api, key, parents=parents, headers=headers)


class Bound(Generic[M]):
    """A resource bound to a client: takes models or ids, sends the client's headers.

    ``features`` name what a request uses (microversioned services pick the version from them);
    ``parents`` fill the path's placeholders, from models or ids.
    """

    __slots__ = ("client", "resource")

    def __init__(self, resource: Resource[M], client: Service) -> None:
        self.resource = resource
        self.client = client

    def __repr__(self) -> str:
        return f"<Bound {self.resource!r} of {type(self.client).__name__}>"

    def id_of(self, item: Any) -> Any:
        """The id of a model or an id (or :class:`Segments` as given); a typed error naming the resource otherwise."""
        if isinstance(item, Segments):
            return item
        return ref_id(item, self.resource.noun)

    def _parents(self, parents: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if not parents:
            return None
        return {
            name: value if isinstance(value, Segments) else ref_id(value, name.removesuffix("_id"))
            for name, value in parents.items()
        }

    def _headers(self, features: Iterable[Any]) -> dict[str, str]:
        return self.client.request_headers(*features)

    def list(
        self,
        params: Mapping[str, Any] | None = None,
        *,
        parents: Mapping[str, Any] | None = None,
        limit: int | None = None,
        page_size: int | None = None,
        detail: bool = True,
        features: Iterable[Any] = (),
        backwards: bool = False,
    ) -> Iterator[M]:
        return self.resource.list(
            self.client.api,
            params,
            parents=self._parents(parents),
            limit=limit,
            page_size=page_size,
            detail=detail,
            headers=self._headers(features),
            backwards=backwards,
        )

    def get(
        self,
        item: Any,
        *,
        parents: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        features: Iterable[Any] = (),
    ) -> M:
        return self.resource.get(
            self.client.api,
            self.id_of(item),
            parents=self._parents(parents),
            params=params,
            headers=self._headers(features),
        )

    def read(
        self,
        *,
        parents: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        features: Iterable[Any] = (),
    ) -> M:
        """A singleton (``limits``, ``quota``): GET the collection path, parse one object."""
        return self.resource.read(
            self.client.api, parents=self._parents(parents), params=params, headers=self._headers(features)
        )

    def create(
        self,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        wrap: bool = True,
        features: Iterable[Any] = (),
    ) -> M:
        return self.resource.create(
            self.client.api, body, parents=self._parents(parents), wrap=wrap, headers=self._headers(features)
        )

    def update(
        self,
        item: Any,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        features: Iterable[Any] = (),
    ) -> M:
        return self.resource.update(
            self.client.api, self.id_of(item), body, parents=self._parents(parents), headers=self._headers(features)
        )

    def delete(
        self,
        item: Any,
        *,
        parents: Mapping[str, Any] | None = None,
        ignore_missing: bool = False,
        params: Mapping[str, Any] | None = None,
        features: Iterable[Any] = (),
    ) -> bool:
        return self.resource.delete(
            self.client.api,
            self.id_of(item),
            parents=self._parents(parents),
            ignore_missing=ignore_missing,
            params=params,
            headers=self._headers(features),
        )

    def action(
        self,
        item: Any,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        path: str = "action",
        features: Iterable[Any] = (),
    ) -> Any:
        return self.resource.action(
            self.client.api,
            self.id_of(item),
            body,
            parents=self._parents(parents),
            path=path,
            headers=self._headers(features),
        )

    def metadata(self, item: Any, *, features: Iterable[Any] = ()) -> BoundMetadata:
        """The key/value metadata of ``item`` (for a resource declared with ``metadata=``)."""
        if self.resource.metadata is None:
            raise TypeError(f"{self.resource!r} has no metadata")
        return BoundMetadata(
            self.resource.metadata, self.client, {f"{self.resource.noun}_id": self.id_of(item)}, features
        )


class BoundMetadata:
    """The metadata of one item: ``read()``, ``replace(m)``, ``merge(m)``, ``get(key)``, ``set(key, v)``,
    ``delete(key)``; ``replace`` and ``merge`` return the whole metadata as the service now has it,
    ``set`` the one key."""

    __slots__ = ("_features", "client", "collection", "parents")

    def __init__(self, collection: Metadata, client: Service, parents: dict[str, str], features: Iterable[Any]) -> None:
        self.collection = collection
        self.client = client
        self.parents = parents
        self._features = tuple(features)

    def _headers(self) -> dict[str, str]:
        return self.client.request_headers(*self._features)

    def read(self) -> dict[str, Any]:
        return self.collection.read(self.client.api, self.parents, headers=self._headers())

    def replace(self, metadata: Mapping[str, Any]) -> dict[str, Any]:
        return self.collection.write(self.client.api, self.parents, metadata, merge=False, headers=self._headers())

    def merge(self, metadata: Mapping[str, Any]) -> dict[str, Any]:
        return self.collection.write(self.client.api, self.parents, metadata, merge=True, headers=self._headers())

    def get(self, key: str) -> Any:
        return self.collection.read_item(self.client.api, self.parents, key, headers=self._headers())

    def set(self, key: str, value: Any) -> dict[str, Any]:
        return self.collection.set_item(self.client.api, self.parents, key, value, headers=self._headers())

    def delete(self, key: str) -> None:
        self.collection.delete_item(self.client.api, self.parents, key, headers=self._headers())


def _shape(value: Any) -> str:
    """What an answer was, for an error message (never its contents: they may hold secrets)."""
    if value is None:
        return "an empty answer"
    if isinstance(value, Mapping):
        keys = ", ".join(repr(k) for k in list(value)[:5])
        return f"an object with keys {keys}" if keys else "an empty object"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return f"a {type(value).__name__}"


def _malformed(api: ApiSession | None, method: str, path: str, reason: str) -> MalformedResponse:
    if api is None:
        return MalformedResponse(reason, method=method)
    try:
        url = api.url(path)
    except Exception:  # the endpoint is known whenever an answer came; this is only for the message
        url = path
    return api.malformed(reason, method, url)
