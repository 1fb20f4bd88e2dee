"""Pagination: one generator for the two styles OpenStack services use.

* ``marker``: ask for ``limit`` items after ``marker``; the next marker is the last item's key; a
  page shorter than asked (or empty) is the last one. (Swift, Trove.)
* ``link``: the body carries a ``next`` link (``servers_links``, ``links``, ``next``); its query
  (``marker``, ``limit``...) is applied to the same path, so a link naming another host or a stale
  scheme (services behind proxies) still works. No link means the last page. (Nova, Neutron,
  Cinder, Glance, Heat.)

``limit`` caps the number of items yielded in total; ``page_size`` is what each request asks for
(a callable is asked before each page: a service may learn its real maximum on the way).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from pkgcloud.errors import ValidationError

T = TypeVar("T")


def check_limit(limit: int | None) -> None:
    """A ``limit`` is None or a non-negative int; anything else is the caller's mistake."""
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise ValidationError(f"limit must be a non-negative int (or None for all), not {limit!r}")


def check_page_size(page_size: int | Callable[[], int] | None) -> None:
    """A ``page_size`` is None, a positive int, or a callable giving one (asked before each page)."""
    if page_size is None or callable(page_size):
        return
    if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
        raise ValidationError(f"page_size must be a positive int (or None: the service's default), not {page_size!r}")


def check_listing(limit: int | None, page_size: int | Callable[[], int] | None = None) -> None:
    """Both checks at once, for a listing to call before it sends anything (version discovery included)."""
    check_limit(limit)
    check_page_size(page_size)


def paginate(
    fetch: Callable[[dict[str, Any]], tuple[Sequence[T], dict[str, Any] | None]],
    params: Mapping[str, Any] | None = None,
    *,
    limit: int | None = None,
    page_size: int | Callable[[], int] | None = None,
) -> Iterator[T]:
    """Yield items from successive pages. ``fetch(params)`` returns ``(items, next_params)``."""
    query = {k: v for k, v in (params or {}).items() if v is not None}
    yielded = 0
    seen_params: set[tuple[tuple[str, str], ...]] = set()
    check_limit(limit)
    check_page_size(page_size)
    if limit == 0:
        return
    while True:
        if page_size is not None:
            size = page_size() if callable(page_size) else page_size
            query["limit"] = size if limit is None else min(size, limit - yielded)
        elif limit is not None and "limit" not in query:
            query["limit"] = limit - yielded
        items, following = fetch(dict(query))
        for item in items:
            yield item
            yielded += 1
            if limit is not None and yielded >= limit:
                return
        if not items or following is None:
            return
        key = tuple(sorted((k, str(v)) for k, v in following.items()))
        if key in seen_params:  # a service that repeats its next link would loop forever
            return
        seen_params.add(key)
        query = {**query, **following}


def marker_pages(
    get_page: Callable[[dict[str, Any]], Sequence[T]],
    marker_of: Callable[[T], str],
    *,
    inclusive: bool = False,
) -> Callable[[dict[str, Any]], tuple[Sequence[T], dict[str, Any] | None]]:
    """A ``fetch`` for the marker style: a full page continues after its last item's marker.

    ``get_page`` may lower ``query["limit"]`` when the service made it ask for less (Swift's 412
    "Maximum limit"): a page is full when it holds the limit actually asked. ``inclusive``: the
    service starts a page *with* the marker's item (Rackspace Cloud Load Balancers); it is dropped
    from that page (whose fullness is still judged on what the service sent).
    """

    def fetch(query: dict[str, Any]) -> tuple[Sequence[T], dict[str, Any] | None]:
        items = list(get_page(query))
        asked = query.get("limit")
        full = bool(items) and (asked is None or len(items) >= int(asked))
        following = {"marker": marker_of(items[-1])} if full else None
        marker = query.get("marker")
        if inclusive and marker is not None and items and marker_of(items[0]) == str(marker):
            items = items[1:]
            if not items:  # only the marker itself came back: nothing follows it
                following = None
        return items, following

    return fetch


def next_link_params(body: Mapping[str, Any], collection: str, *, rel: str = "next") -> dict[str, Any] | None:
    """The query of the ``next`` link in a body (``<collection>_links``, ``links`` or ``next``).

    ``rel="previous"`` reads the link back instead (Neutron's ``page_reverse``). A key the link repeats
    (Neutron's ``?name=a&name=b``, an OR filter) comes back as a list, so it is sent repeated again.
    """
    href: str | None = None
    for key in (f"{collection}_links", "links"):
        links = body.get(key)
        if isinstance(links, list):
            for link in links:
                if isinstance(link, Mapping) and link.get("rel") == rel and link.get("href"):
                    href = str(link["href"])
                    break
        if href:
            break
    if href is None and rel == "next" and isinstance(body.get("next"), str):
        href = body["next"]
    if not href:
        return None
    out: dict[str, Any] = {}
    for name, value in parse_qsl(urlsplit(href).query, keep_blank_values=True):
        if name in out:
            before = out[name]
            out[name] = [*before, value] if isinstance(before, list) else [before, value]
        else:
            out[name] = value
    return out
