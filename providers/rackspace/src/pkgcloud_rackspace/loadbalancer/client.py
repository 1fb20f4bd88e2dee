"""Rackspace Cloud Load Balancers v1.0.

A load balancer takes one change at a time: while one is applied it is ``PENDING_UPDATE`` (``BUILD``
after its creation) and answers any other with 422 "... is considered immutable". So every change
this client sends to a load balancer goes through :meth:`CloudLoadBalancers._change`:

* changes to one load balancer are serialised inside the client (a lock per load balancer);
* a 422 "has a status of 'PENDING_UPDATE' (or 'BUILD') and is considered immutable" is retried with
  backoff for at most ``immutable_retry_for`` seconds (another client's change is being applied);
  the other 422s (duplicate nodes, a deleted or PENDING_DELETE load balancer) are raised at once;
* a 413 with a retry header (a rate limit) is retried after the wait it names; a 413 without one is
  an absolute limit (:class:`~pkgcloud.errors.RequestEntityTooLarge`) and is raised;
* with ``wait=True`` (the default) the client then waits for ``ACTIVE``. Right after a change the
  service may still show the old ``ACTIVE`` (services-round2 §0.1): ``ACTIVE`` only counts once the
  load balancer was seen in another status, or after ``stale_grace`` seconds. ``ERROR`` and
  ``SUSPENDED`` fail the wait (:class:`~pkgcloud.errors.ResourceFailed`).
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pkgcloud import clock
from pkgcloud.bodies import check_bool, check_int, check_name, query_value, ref_id
from pkgcloud.errors import (
    NotFound,
    RateLimited,
    ResourceFailed,
    UnprocessableEntity,
    ValidationError,
    WaitTimeout,
)
from pkgcloud.http import backoff_delay
from pkgcloud.loadbalancer import LoadBalancerClient
from pkgcloud.paging import check_limit
from pkgcloud.resource import MARKER, SINGLE, Resource
from pkgcloud.values import as_dict, as_dicts, as_str
from pkgcloud.waiter import check_seconds
from pkgcloud_openstack.service import OpenStackClient
from pkgcloud_rackspace.loadbalancer import bodies, parse

if TYPE_CHECKING:
    from pkgcloud.loadbalancer import LoadBalancerRef, NodeRef
    from pkgcloud.models.loadbalancer import (
        AccessRule,
        ConnectionThrottle,
        HealthMonitor,
        LoadBalancer,
        Node,
        Protocol,
        SslTermination,
        VirtualIp,
    )

T = TypeVar("T")

LOAD_BALANCERS = Resource(
    "loadbalancers",
    key="loadBalancer",
    plural="loadBalancers",
    parse=parse.load_balancer,
    paging=MARKER,
    marker_inclusive=True,
    noun="load balancer",
)
NODES = Resource("loadbalancers/{load_balancer_id}/nodes", key="node", parse=parse.node, paging=SINGLE)
VIRTUAL_IPS = Resource(
    "loadbalancers/{load_balancer_id}/virtualips",
    key="",
    plural="virtualIps",
    parse=parse.virtual_ip,
    paging=SINGLE,
    noun="virtual IP",
)
PROTOCOLS = Resource("loadbalancers/protocols", key="protocol", parse=parse.protocol, paging=SINGLE)
BILLABLE = Resource(
    "loadbalancers/billable", key="loadBalancer", plural="loadBalancers", parse=parse.load_balancer, paging=SINGLE
)

# the 422s that mean "another change is being applied": retried; any other 422 is not
IMMUTABLE = re.compile(r"has a status of '(PENDING_UPDATE|BUILD)' and is considered immutable", re.IGNORECASE)
STATUSES = frozenset({"ACTIVE", "BUILD", "PENDING_UPDATE", "PENDING_DELETE", "DELETED", "ERROR", "SUSPENDED"})


class CloudLoadBalancers(OpenStackClient, LoadBalancerClient):
    """Rackspace Cloud Load Balancers (catalog type ``rax:load-balancer``, name ``cloudLoadBalancers``)."""

    catalog_type: ClassVar[str] = "rax:load-balancer"
    ready_status: ClassVar[str] = "ACTIVE"
    error_statuses: ClassVar[tuple[str, ...]] = ("ERROR", "SUSPENDED")
    statuses: ClassVar[frozenset[str]] = STATUSES
    # how long a change refused as "considered immutable" is retried, and its backoff
    immutable_retry_for: ClassVar[float] = 120.0
    immutable_backoff: ClassVar[float] = 1.0
    immutable_max_backoff: ClassVar[float] = 10.0
    # polling after a change: the docs advise 5-10 s; the first seconds are polled each second
    poll_interval: ClassVar[float] = 5.0
    stale_grace: ClassVar[float] = 3.0

    load_balancers = LOAD_BALANCERS
    nodes = NODES
    virtual_ips = VIRTUAL_IPS
    protocols = PROTOCOLS
    billable = BILLABLE

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    # -- the change policy -----------------------------------------------------------------------

    def _lock_for(self, lb_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(lb_id, threading.Lock())

    def _lb_id(self, load_balancer: LoadBalancerRef) -> str:
        return ref_id(load_balancer, "load balancer")

    def _path(self, load_balancer: LoadBalancerRef, *tail: str) -> str:
        return "/".join([self.load_balancers.resource.item_path(self._lb_id(load_balancer)), *tail])

    def _change(
        self,
        load_balancer: LoadBalancerRef,
        send: Callable[[], T],
        *,
        wait: bool,
        wait_timeout: float,
        gone: bool = False,
    ) -> tuple[T, LoadBalancer | None]:
        """Send one change (serialised per load balancer, retried while it is immutable), then wait."""
        check_bool(wait, "wait")
        if wait:
            check_seconds(wait_timeout, "wait_timeout")
        lb_id = self._lb_id(load_balancer)
        with self._lock_for(lb_id):
            result = self._send_retrying(send)
            if not wait:
                return result, None
            if gone:
                self._wait_gone(lb_id, wait_timeout)
                return result, None
            return result, self.wait_for_change(lb_id, timeout=wait_timeout)

    def _send_retrying(self, send: Callable[[], T]) -> T:
        deadline = clock.monotonic() + self.immutable_retry_for
        attempt = 0
        while True:
            try:
                return send()
            except UnprocessableEntity as exc:
                if not IMMUTABLE.search(exc.message or ""):
                    raise  # duplicate nodes, a deleted load balancer...: retrying cannot help
                attempt += 1
                delay = backoff_delay(attempt, self.immutable_backoff, self.immutable_max_backoff)
                if clock.monotonic() + delay > deadline:
                    raise
            except RateLimited as exc:
                attempt += 1
                found = exc.retry_after
                delay = found if found is not None else backoff_delay(attempt, 1.0, self.immutable_max_backoff)
                if clock.monotonic() + delay > deadline:
                    raise
            clock.sleep(delay)

    def wait_for_change(
        self,
        load_balancer: LoadBalancerRef,
        *,
        timeout: float = 600.0,
        interval: float | None = None,
        changed: bool = False,
    ) -> LoadBalancer:
        """Wait until a load balancer that was just changed is ``ACTIVE`` again (see the module's
        note on the stale ``ACTIVE``); ``changed=True`` when its new status was already seen."""
        timeout = check_seconds(timeout, "timeout")
        step = check_seconds(interval, "interval") if interval is not None else self.poll_interval
        lb_id = self._lb_id(load_balancer)
        start = clock.monotonic()
        deadline = start + timeout
        while True:
            current = self.get_load_balancer(lb_id)
            status = (current.status or "").upper()
            if status in self.error_statuses:
                raise ResourceFailed(
                    f"load balancer {lb_id} reached {status} while a change was applied",
                    resource=current,
                    fault=f"status {status}",
                )
            now = clock.monotonic()
            if status == "ACTIVE":
                if changed or now - start >= self.stale_grace:
                    return current
            else:
                changed = True
            remaining = deadline - now
            if remaining <= 0:
                raise WaitTimeout(
                    f"load balancer {lb_id} was not ACTIVE after {timeout:g}s (last status: {status or 'unknown'})",
                    last=current,
                )
            clock.sleep(min(step if changed else 1.0, remaining))

    def _wait_gone(self, lb_id: str, timeout: float) -> None:
        deadline = clock.monotonic() + timeout
        while True:
            try:
                current = self.get_load_balancer(lb_id)
            except NotFound:
                return
            status = (current.status or "").upper()
            if status == "DELETED":
                return
            if status in self.error_statuses:
                raise ResourceFailed(
                    f"load balancer {lb_id} reached {status} while being deleted",
                    resource=current,
                    fault=f"status {status}",
                )
            remaining = deadline - clock.monotonic()
            if remaining <= 0:
                raise WaitTimeout(f"load balancer {lb_id} was not deleted after {timeout:g}s", last=current)
            clock.sleep(min(self.poll_interval, remaining))

    def refresh(self, resource: Any) -> Any:
        return self.get_load_balancer(resource)

    # -- load balancers --------------------------------------------------------------------------

    def list_load_balancers(
        self,
        *,
        limit: int | None = None,
        page_size: int | None = None,
        status: str | None = None,
        changes_since: Any = None,
        node_address: str | None = None,
        **filters: Any,
    ) -> Iterator[LoadBalancer]:
        """Load balancers, page after page (``page_size`` 2-100: each page after the first starts with
        the previous one's last item, which is not yielded twice). ``status="DELETED"`` lists deleted
        ones; ``changes_since`` (datetime or ISO 8601); ``node_address`` those with that node."""
        if filters:
            raise ValidationError(
                f"list_load_balancers got an unknown filter {sorted(filters)[0]!r}; it takes status, "
                "changes_since, node_address, limit, page_size"
            )
        check_limit(limit)
        size = check_int(page_size, "page_size", minimum=2, maximum=bodies.MAX_PAGE) or bodies.MAX_PAGE
        params = {
            "status": bodies.one_of(status, sorted(STATUSES), "status"),
            "changes-since": query_value(changes_since) if changes_since is not None else None,
            "nodeaddress": check_name(node_address, "node_address") if node_address is not None else None,
        }
        items = self.load_balancers.list(params, page_size=size)
        return itertools.islice(items, limit) if limit is not None else items

    def get_load_balancer(self, load_balancer: LoadBalancerRef) -> LoadBalancer:
        return self.load_balancers.get(load_balancer)

    def create_load_balancer(
        self,
        name: str,
        *,
        protocol: str,
        port: int,
        nodes: Sequence[Mapping[str, Any]] | None = None,
        virtual_ips: Sequence[Any] = ("PUBLIC",),
        algorithm: str | None = None,
        timeout: int | None = None,
        half_closed: bool | None = None,
        https_redirect: bool | None = None,
        metadata: Mapping[str, str] | None = None,
        health_monitor: Mapping[str, Any] | None = None,
        session_persistence: str | None = None,
        connection_logging: bool | None = None,
        content_caching: bool | None = None,
        connection_throttle: Mapping[str, Any] | None = None,
        access_list: Sequence[Mapping[str, Any]] | None = None,
        wait: bool = True,
        wait_timeout: float = 600.0,
        **attributes: Any,
    ) -> LoadBalancer:
        """Create a load balancer; returns it ACTIVE (or as created, ``BUILD``, with ``wait=False``).

        ``virtual_ips``: ``"PUBLIC"``, ``"SERVICENET"``, ``{"type": ..., "ip_version": "IPV6"}`` or
        ``{"id": n}`` to share another balancer's; ``nodes``: mappings of ``address``, ``port``,
        ``condition``, ``type``, ``weight`` (at most 25); ``timeout`` 30-120 s; ``health_monitor`` as
        :meth:`set_health_monitor` takes it; ``connection_throttle`` likewise."""
        if attributes:
            raise ValidationError(f"create_load_balancer got an unknown option {sorted(attributes)[0]!r}")
        body = bodies.load_balancer_create(
            name,
            protocol=protocol,
            port=port,
            virtual_ips=virtual_ips,
            nodes_=nodes,
            algorithm=algorithm,
            timeout=timeout,
            half_closed=half_closed,
            https_redirect=https_redirect,
            metadata_=metadata,
            health_monitor_=health_monitor,
            session_persistence=session_persistence,
            connection_logging=connection_logging,
            content_caching=content_caching,
            connection_throttle_=connection_throttle,
            access_list=access_list,
        )
        check_bool(wait, "wait")
        created = self._send_retrying(lambda: self.load_balancers.create(body))
        if not wait:
            return created
        return self.wait_for_change(created, timeout=wait_timeout, changed=(created.status or "") != "ACTIVE")

    def update_load_balancer(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0, **changes: Any
    ) -> LoadBalancer | None:
        """Change ``name``, ``algorithm``, ``protocol``, ``port``, ``timeout``, ``half_closed`` or
        ``https_redirect``; returns the load balancer once ACTIVE again (None with ``wait=False``)."""
        body = {"loadBalancer": bodies.load_balancer_update(changes)}
        path = self._path(load_balancer)
        return self._change(
            load_balancer, lambda: self.api.request("PUT", path, json=body), wait=wait, wait_timeout=wait_timeout
        )[1]

    def delete_load_balancer(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> None:
        """Delete a load balancer; with ``wait``, until it is gone (404) or DELETED."""
        path = self._path(load_balancer)
        self._change(
            load_balancer,
            lambda: self.api.request("DELETE", path),
            wait=wait,
            wait_timeout=wait_timeout,
            gone=True,
        )

    # -- nodes -----------------------------------------------------------------------------------

    def _parents(self, load_balancer: LoadBalancerRef) -> dict[str, Any]:
        return {"load_balancer_id": self._lb_id(load_balancer)}

    def list_nodes(self, load_balancer: LoadBalancerRef) -> list[Node]:
        return list(self.nodes.list(parents=self._parents(load_balancer)))

    def get_node(self, load_balancer: LoadBalancerRef, node: NodeRef) -> Node:
        return self.nodes.get(node, parents=self._parents(load_balancer))

    def add_nodes(
        self,
        load_balancer: LoadBalancerRef,
        nodes: Sequence[Mapping[str, Any]],
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> list[Node]:
        """Add nodes in one request (at most 25; one request rather than several, which would each
        wait for the last). Returns the nodes as the service made them."""
        body = {"nodes": bodies.nodes(nodes)}
        path = self.nodes.resource.collection_path(self._parents(load_balancer))

        def send() -> list[Node]:
            return self.nodes.resource.many(self.api.post(path, json=body), self.api, "POST", path)

        return self._change(load_balancer, send, wait=wait, wait_timeout=wait_timeout)[0]

    def update_node(
        self,
        load_balancer: LoadBalancerRef,
        node: NodeRef,
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
        **changes: Any,
    ) -> LoadBalancer | None:
        """Change a node's ``condition`` (ENABLED, DISABLED, DRAINING), ``type`` (PRIMARY, SECONDARY)
        or ``weight`` (1-100); its address and port cannot change."""
        body = {"node": bodies.node_update(changes)}
        path = self.nodes.resource.item_path(self.nodes.id_of(node), self._parents(load_balancer))
        return self._change(
            load_balancer, lambda: self.api.request("PUT", path, json=body), wait=wait, wait_timeout=wait_timeout
        )[1]

    def remove_node(
        self, load_balancer: LoadBalancerRef, node: NodeRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        path = self.nodes.resource.item_path(self.nodes.id_of(node), self._parents(load_balancer))
        return self._change(
            load_balancer, lambda: self.api.request("DELETE", path), wait=wait, wait_timeout=wait_timeout
        )[1]

    def remove_nodes(
        self,
        load_balancer: LoadBalancerRef,
        nodes: Sequence[NodeRef],
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> LoadBalancer | None:
        """Remove nodes, 10 per request (the API's bulk limit), one request after the other."""
        bodies.check_ids(nodes, "nodes")
        ids = [self.nodes.id_of(n) for n in nodes]
        path = self.nodes.resource.collection_path(self._parents(load_balancer))
        last: LoadBalancer | None = None
        for start in range(0, len(ids), bodies.MAX_BULK_DELETE):
            chunk = [("id", i) for i in ids[start : start + bodies.MAX_BULK_DELETE]]

            def send(chunk: list[tuple[str, str]] = chunk) -> Any:
                return self.api.request("DELETE", path, params=chunk)

            last = self._change(load_balancer, send, wait=wait, wait_timeout=wait_timeout)[1]
        return last

    def list_node_events(self, load_balancer: LoadBalancerRef) -> list[dict[str, Any]]:
        """The health monitor's events on the nodes, as the service gives them."""
        return as_dicts(self.api.member("GET", self._path(load_balancer, "nodes", "events"), "nodeServiceEvents", list))

    # -- virtual IPs -----------------------------------------------------------------------------

    def list_virtual_ips(self, load_balancer: LoadBalancerRef) -> list[VirtualIp]:
        return list(self.virtual_ips.list(parents=self._parents(load_balancer)))

    def add_virtual_ip(
        self,
        load_balancer: LoadBalancerRef,
        *,
        type: str = "PUBLIC",
        ip_version: str = "IPV6",
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> VirtualIp:
        """Add a virtual IP (the API adds IPv6 ones to an existing load balancer)."""
        body = bodies.virtual_ip({"type": type, "ip_version": ip_version})
        resource = self.virtual_ips.resource
        path = resource.collection_path(self._parents(load_balancer))

        def send() -> VirtualIp:
            return resource.one(self.api.post(path, json=body), self.api, "POST", path)

        return self._change(load_balancer, send, wait=wait, wait_timeout=wait_timeout)[0]

    def remove_virtual_ip(
        self, load_balancer: LoadBalancerRef, virtual_ip: Any, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        path = self.virtual_ips.resource.item_path(self.virtual_ips.id_of(virtual_ip), self._parents(load_balancer))
        return self._change(
            load_balancer, lambda: self.api.request("DELETE", path), wait=wait, wait_timeout=wait_timeout
        )[1]

    # -- settings: one object under the load balancer, read, replaced and removed ---------------

    def _read(self, load_balancer: LoadBalancerRef, tail: str, key: str, kind: type = dict) -> Any:
        return self.api.member("GET", self._path(load_balancer, tail), key, kind)

    def _put(
        self, load_balancer: LoadBalancerRef, tail: str, body: Mapping[str, Any], wait: bool, wait_timeout: float
    ) -> LoadBalancer | None:
        path = self._path(load_balancer, tail)
        return self._change(
            load_balancer, lambda: self.api.request("PUT", path, json=dict(body)), wait=wait, wait_timeout=wait_timeout
        )[1]

    def _remove(
        self, load_balancer: LoadBalancerRef, tail: str, wait: bool, wait_timeout: float, params: Any = None
    ) -> LoadBalancer | None:
        path = self._path(load_balancer, tail)
        return self._change(
            load_balancer,
            lambda: self.api.request("DELETE", path, params=params),
            wait=wait,
            wait_timeout=wait_timeout,
        )[1]

    def get_health_monitor(self, load_balancer: LoadBalancerRef) -> HealthMonitor | None:
        """The health monitor (None when there is none)."""
        found = self._read(load_balancer, "healthmonitor", "healthMonitor")
        return parse.health_monitor(found) if found else None

    def set_health_monitor(
        self,
        load_balancer: LoadBalancerRef,
        type: str,
        *,
        delay: int,
        timeout: int,
        attempts_before_deactivation: int,
        path: str | None = None,
        status_regex: str | None = None,
        body_regex: str | None = None,
        host_header: str | None = None,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> LoadBalancer | None:
        """CONNECT, HTTP or HTTPS (these two need ``path`` and ``status_regex``); ``delay`` 1-3600 s,
        ``timeout`` 1-300 s, ``attempts_before_deactivation`` 1-10."""
        body = bodies.health_monitor(
            type,
            delay=delay,
            timeout=timeout,
            attempts_before_deactivation=attempts_before_deactivation,
            path=path,
            status_regex=status_regex,
            body_regex=body_regex,
            host_header=host_header,
        )
        return self._put(load_balancer, "healthmonitor", {"healthMonitor": body}, wait, wait_timeout)

    def remove_health_monitor(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        return self._remove(load_balancer, "healthmonitor", wait, wait_timeout)

    def get_session_persistence(self, load_balancer: LoadBalancerRef) -> str | None:
        """HTTP_COOKIE, SOURCE_IP, or None."""
        return as_str(self._read(load_balancer, "sessionpersistence", "sessionPersistence").get("persistenceType"))

    def set_session_persistence(
        self, load_balancer: LoadBalancerRef, type: str, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        kind = bodies.one_of(type, bodies.PERSISTENCE_TYPES, "session persistence type")
        if kind is None:
            raise ValidationError("session persistence needs a type: HTTP_COOKIE or SOURCE_IP")
        body = {"sessionPersistence": {"persistenceType": kind}}
        return self._put(load_balancer, "sessionpersistence", body, wait, wait_timeout)

    def remove_session_persistence(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        return self._remove(load_balancer, "sessionpersistence", wait, wait_timeout)

    def get_connection_logging(self, load_balancer: LoadBalancerRef) -> bool | None:
        from pkgcloud.values import as_bool

        return as_bool(self._read(load_balancer, "connectionlogging", "connectionLogging").get("enabled"))

    def set_connection_logging(
        self, load_balancer: LoadBalancerRef, enabled: bool, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        if check_bool(enabled, "enabled") is None:
            raise ValidationError("enabled must be True or False, not None")
        body = {"connectionLogging": {"enabled": enabled}}
        return self._put(load_balancer, "connectionlogging", body, wait, wait_timeout)

    def get_connection_throttle(self, load_balancer: LoadBalancerRef) -> ConnectionThrottle | None:
        found = self._read(load_balancer, "connectionthrottle", "connectionThrottle")
        return parse.connection_throttle(found) if found else None

    def set_connection_throttle(
        self,
        load_balancer: LoadBalancerRef,
        *,
        max_connections: int | None = None,
        min_connections: int | None = None,
        max_connection_rate: int | None = None,
        rate_interval: int | None = None,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> LoadBalancer | None:
        body = bodies.connection_throttle(
            max_connections=max_connections,
            min_connections=min_connections,
            max_connection_rate=max_connection_rate,
            rate_interval=rate_interval,
        )
        return self._put(load_balancer, "connectionthrottle", {"connectionThrottle": body}, wait, wait_timeout)

    def remove_connection_throttle(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        return self._remove(load_balancer, "connectionthrottle", wait, wait_timeout)

    def get_content_caching(self, load_balancer: LoadBalancerRef) -> bool | None:
        from pkgcloud.values import as_bool

        return as_bool(self._read(load_balancer, "contentcaching", "contentCaching").get("enabled"))

    def set_content_caching(
        self, load_balancer: LoadBalancerRef, enabled: bool, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        if check_bool(enabled, "enabled") is None:
            raise ValidationError("enabled must be True or False, not None")
        return self._put(load_balancer, "contentcaching", {"contentCaching": {"enabled": enabled}}, wait, wait_timeout)

    def get_access_list(self, load_balancer: LoadBalancerRef) -> list[AccessRule]:
        return [parse.access_rule(r) for r in as_dicts(self._read(load_balancer, "accesslist", "accessList", list))]

    def add_access_rules(
        self,
        load_balancer: LoadBalancerRef,
        rules: Sequence[Mapping[str, Any]],
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> LoadBalancer | None:
        """Add ``{"address": ip-or-cidr, "type": "ALLOW"|"DENY"}`` entries (at most 100 a request)."""
        body = {"accessList": bodies.access_rules(rules)}
        path = self._path(load_balancer, "accesslist")
        return self._change(
            load_balancer, lambda: self.api.request("POST", path, json=body), wait=wait, wait_timeout=wait_timeout
        )[1]

    def remove_access_rule(
        self, load_balancer: LoadBalancerRef, rule: Any, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        return self._remove(load_balancer, f"accesslist/{ref_id(rule, 'access rule')}", wait, wait_timeout)

    def remove_access_rules(
        self, load_balancer: LoadBalancerRef, rules: Sequence[Any], *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        """Remove several access rules in one request (models or ids)."""
        bodies.check_ids(rules, "rules")
        params = [("id", ref_id(rule, "access rule")) for rule in rules]
        return self._remove(load_balancer, "accesslist", wait, wait_timeout, params=params)

    def clear_access_list(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        return self._remove(load_balancer, "accesslist", wait, wait_timeout)

    def get_ssl_termination(self, load_balancer: LoadBalancerRef) -> SslTermination | None:
        found = self._read(load_balancer, "ssltermination", "sslTermination")
        return parse.ssl_termination(found) if found else None

    def set_ssl_termination(
        self,
        load_balancer: LoadBalancerRef,
        *,
        certificate: str,
        private_key: str,
        intermediate_certificate: str | None = None,
        enabled: bool | None = None,
        secure_port: int | None = None,
        secure_traffic_only: bool | None = None,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> LoadBalancer | None:
        """Terminate SSL on the load balancer (PEM texts; the private key is sent, never kept or logged)."""
        body = bodies.ssl_termination(
            certificate=certificate,
            private_key=private_key,
            intermediate_certificate=intermediate_certificate,
            enabled=enabled,
            secure_port=secure_port,
            secure_traffic_only=secure_traffic_only,
        )
        return self._put(load_balancer, "ssltermination", {"sslTermination": body}, wait, wait_timeout)

    def remove_ssl_termination(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        return self._remove(load_balancer, "ssltermination", wait, wait_timeout)

    def get_error_page(self, load_balancer: LoadBalancerRef) -> str | None:
        """The HTML page shown when no node answers (the service's default when none was set)."""
        return as_str(self._read(load_balancer, "errorpage", "errorpage").get("content"))

    def set_error_page(
        self, load_balancer: LoadBalancerRef, content: str, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        page = check_name(content, "error page content", max_length=65536)
        return self._put(load_balancer, "errorpage", {"errorpage": {"content": page}}, wait, wait_timeout)

    def remove_error_page(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        return self._remove(load_balancer, "errorpage", wait, wait_timeout)

    # -- metadata --------------------------------------------------------------------------------

    def get_metadata(self, load_balancer: LoadBalancerRef) -> dict[str, str]:
        return parse.metadata(self._read(load_balancer, "metadata", "metadata", list))

    def add_metadata(
        self,
        load_balancer: LoadBalancerRef,
        metadata: Mapping[str, str],
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> dict[str, str]:
        """Add keys (each key once: the service refuses a key it has); returns the whole metadata."""
        items = bodies.metadata(metadata)
        if not items:
            raise ValidationError("add_metadata needs at least one key")
        path = self._path(load_balancer, "metadata")

        def send() -> dict[str, str]:
            return parse.metadata(self.api.member("POST", path, "metadata", list, json={"metadata": items}))

        return self._change(load_balancer, send, wait=wait, wait_timeout=wait_timeout)[0]

    def delete_metadata(
        self, load_balancer: LoadBalancerRef, keys: Sequence[str], *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        """Delete these keys (the API deletes by item id: the metadata is read first)."""
        if isinstance(keys, str) or not keys:
            raise ValidationError("keys must be a non-empty list of metadata keys")
        items = as_dicts(self._read(load_balancer, "metadata", "metadata", list))
        by_key = {as_str(i.get("key")): as_str(i.get("id")) for i in items}
        missing = [k for k in keys if not by_key.get(k)]
        if missing:
            there = ", ".join(sorted(k for k in by_key if k)) or "none"
            raise NotFound(
                method="GET",
                url=self._path(load_balancer, "metadata"),
                status=404,
                message=f"no metadata key {missing[0]!r}; there are: {there}",
            )
        params = [("id", by_key[k]) for k in keys]
        return self._remove(load_balancer, "metadata", wait, wait_timeout, params=params)

    # -- usage and statistics --------------------------------------------------------------------

    @staticmethod
    def _period(start: Any, end: Any) -> dict[str, Any] | None:
        params = {"startTime": query_value(start) if start is not None else None}
        params["endTime"] = query_value(end) if end is not None else None
        return {k: v for k, v in params.items() if v is not None} or None

    def get_stats(self, load_balancer: LoadBalancerRef) -> dict[str, Any]:
        """Connection statistics (``connectTimeOut``, ``connectError``, ``maxConn``...), as given."""
        return as_dict(self.api.get(self._path(load_balancer, "stats")))

    def get_usage(self, load_balancer: LoadBalancerRef, *, start: Any = None, end: Any = None) -> dict[str, Any]:
        """Usage records of a load balancer between ``start`` and ``end`` (the service's default: 24 h)."""
        return as_dict(self.api.get(self._path(load_balancer, "usage"), params=self._period(start, end)))

    def get_current_usage(self, load_balancer: LoadBalancerRef) -> dict[str, Any]:
        return as_dict(self.api.get(self._path(load_balancer, "usage", "current")))

    def get_account_usage(self, *, start: Any = None, end: Any = None) -> dict[str, Any]:
        """The account's usage (``accountUsage``, ``loadBalancerUsages``) between ``start`` and ``end``."""
        return as_dict(self.api.get("loadbalancers/usage", params=self._period(start, end)))

    def list_billable_load_balancers(self, *, start: Any, end: Any) -> list[LoadBalancer]:
        """The load balancers billed between ``start`` and ``end``."""
        if start is None or end is None:
            raise ValidationError("list_billable_load_balancers needs start and end (datetimes or ISO 8601)")
        return list(self.billable.list(self._period(start, end)))

    # -- what the service offers -----------------------------------------------------------------

    def list_protocols(self) -> list[Protocol]:
        return list(self.protocols.list())

    def list_algorithms(self) -> list[str]:
        names = (
            as_str(a.get("name"))
            for a in as_dicts(self.api.member("GET", "loadbalancers/algorithms", "algorithms", list))
        )
        return [n for n in names if n]

    def get_limits(self) -> dict[str, int | None]:
        """The account's absolute limits (``NODE_LIMIT``, ``LOADBALANCER_LIMIT``, ``BATCH_DELETE_LIMIT``...)."""
        from pkgcloud.values import as_int

        items = as_dicts(self.api.member("GET", "loadbalancers/absolutelimits", "absolute", list))
        return {str(i["name"]): as_int(i.get("value")) for i in items if as_str(i.get("name"))}

    def list_allowed_domains(self) -> list[str]:
        """The domain names that nodes may be given as addresses."""
        items = as_dicts(self.api.member("GET", "loadbalancers/alloweddomains", "allowedDomains", list))
        names = (as_str(as_dict(i.get("allowedDomain")).get("name")) for i in items)
        return [n for n in names if n]
