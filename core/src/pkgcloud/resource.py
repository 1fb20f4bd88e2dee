"""Declarative REST resources: say where a resource lives and how it is wrapped, get its CRUD.

OpenStack services share one shape: ``GET /servers`` lists ``{"servers": [...]}``, ``POST /servers``
creates from ``{"server": {...}}``, ``GET/PUT/DELETE /servers/{id}``, actions on
``POST /servers/{id}/action``. A provider declares each resource once::

    SERVERS = Resource("servers", key="server", parse=server_from_nova, list_path="servers/detail")

and calls ``SERVERS.list(api)``, ``SERVERS.get(api, id)``, ``SERVERS.create(api, body)``... A path
may name parents (``"servers/{server_id}/os-volume_attachments"``), filled from ``parents=``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from pkgcloud.api import ApiSession
from pkgcloud.errors import NotFound
from pkgcloud.paging import check_limit, marker_pages, next_link_params, paginate

M = TypeVar("M")

LINK = "link"
MARKER = "marker"
SINGLE = "single"


class Resource(Generic[M]):
    """One REST resource: its path, body key, model parser and list style."""

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
    ) -> None:
        if paging not in (LINK, MARKER, SINGLE):
            raise ValueError(f"paging must be {LINK!r}, {MARKER!r} or {SINGLE!r}")
        self.path = path
        self.key = key
        self.plural = plural or path.rsplit("/", 1)[-1]
        self.parse = parse
        self.list_path = list_path or path
        self.paging = paging
        self.marker_key = marker_key
        self.update_method = update_method

    def __repr__(self) -> str:
        return f"Resource({self.path!r}, key={self.key!r})"

    # -- paths -----------------------------------------------------------------------------------

    def _fill(self, template: str, parents: Mapping[str, Any] | None) -> str:
        if "{" not in template:
            return template
        quoted = {k: quote(str(v), safe="") for k, v in (parents or {}).items()}
        try:
            return template.format(**quoted)
        except KeyError as exc:
            raise TypeError(f"{self!r} needs parents={{{exc.args[0]!r}: ...}}") from None

    def item_path(self, id: str, parents: Mapping[str, Any] | None = None) -> str:
        return f"{self._fill(self.path, parents)}/{quote(str(id), safe='')}"

    def collection_path(self, parents: Mapping[str, Any] | None = None) -> str:
        return self._fill(self.path, parents)

    # -- parsing ---------------------------------------------------------------------------------

    def one(self, body: Any) -> M:
        """Parse ``{"<key>": {...}}`` (or a bare object) into the model."""
        if isinstance(body, Mapping) and self.key in body and isinstance(body[self.key], Mapping):
            return self.parse(dict(body[self.key]))
        if isinstance(body, Mapping):
            return self.parse(dict(body))
        raise ValueError(f"unexpected {self.key} body: {type(body).__name__}")

    def many(self, body: Any) -> list[M]:
        items = body.get(self.plural, []) if isinstance(body, Mapping) else body
        return [self.parse(dict(item)) for item in items or []]

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
    ) -> Iterator[M]:
        """Every item, page after page, as a generator (``limit`` caps the total)."""
        check_limit(limit)
        path = self._fill(self.list_path if detail else self.path, parents)

        def get_body(query: dict[str, Any]) -> Any:
            return api.get(path, params=query, headers=headers) or {}

        if self.paging == SINGLE:
            items = self.many(get_body({k: v for k, v in (params or {}).items() if v is not None}))
            yield from (items if limit is None else items[:limit])
            return
        if self.paging == MARKER:
            fetch = marker_pages(lambda q: self.many(get_body(q)), self._marker_of)
            yield from paginate(fetch, params, limit=limit, page_size=page_size)
            return

        def fetch_link(query: dict[str, Any]) -> tuple[list[M], dict[str, Any] | None]:
            body = get_body(query)
            return self.many(body), next_link_params(body, self.plural)

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
        return self.one(api.get(self.item_path(id, parents), params=params, headers=headers))

    def create(
        self,
        api: ApiSession,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        wrap: bool = True,
    ) -> M:
        payload = {self.key: dict(body)} if wrap else dict(body)
        return self.one(api.post(self.collection_path(parents), json=payload, headers=headers))

    def update(
        self,
        api: ApiSession,
        id: str,
        body: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> M:
        answer = api.json(self.update_method, self.item_path(id, parents), json={self.key: dict(body)}, headers=headers)
        if answer is None:
            return self.get(api, id, parents=parents, headers=headers)
        return self.one(answer)

    def delete(
        self,
        api: ApiSession,
        id: str,
        *,
        parents: Mapping[str, Any] | None = None,
        ignore_missing: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> bool:
        """Delete; returns False (instead of raising NotFound) when ``ignore_missing`` and it was gone."""
        try:
            api.request("DELETE", self.item_path(id, parents), headers=headers)
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


class Metadata(Resource[dict[str, Any]]):
    """The key/value ``metadata`` under a resource, kept the same way by several OpenStack services
    (Nova servers and images, Cinder volumes and snapshots): GET on the collection reads it all, PUT
    replaces it, POST merges into it, and ``<collection>/<key>`` is one item, ``{"meta": {key: value}}``.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path, key="meta", parse=dict, paging=SINGLE)

    @staticmethod
    def _metadata(body: Any) -> dict[str, Any]:
        return dict((body or {}).get("metadata", {}))

    def read(
        self, api: ApiSession, parents: Mapping[str, Any], *, headers: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        return self._metadata(api.get(self.collection_path(parents), headers=headers))

    def replace(
        self,
        api: ApiSession,
        parents: Mapping[str, Any],
        metadata: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Replace the whole metadata; returns it as the service now has it."""
        return self._write("PUT", api, parents, metadata, headers)

    def merge(
        self,
        api: ApiSession,
        parents: Mapping[str, Any],
        metadata: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Add or change these keys, keeping the others; returns the whole metadata."""
        return self._write("POST", api, parents, metadata, headers)

    def _write(
        self,
        method: str,
        api: ApiSession,
        parents: Mapping[str, Any],
        metadata: Mapping[str, Any],
        headers: Mapping[str, str] | None,
    ) -> dict[str, Any]:
        body = {"metadata": dict(metadata)}
        return self._metadata(api.json(method, self.collection_path(parents), json=body, headers=headers))

    def read_item(
        self, api: ApiSession, parents: Mapping[str, Any], key: str, *, headers: Mapping[str, str] | None = None
    ) -> Any:
        return self.get(api, key, parents=parents, headers=headers)[key]

    def set_item(
        self,
        api: ApiSession,
        parents: Mapping[str, Any],
        key: str,
        value: Any,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        return self.update(api, key, {key: value}, parents=parents, headers=headers)

    def delete_item(
        self, api: ApiSession, parents: Mapping[str, Any], key: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        self.delete(api, key, parents=parents, headers=headers)
