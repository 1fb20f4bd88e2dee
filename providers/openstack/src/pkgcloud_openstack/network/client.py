"""Neutron: the OpenStack network client.

Every Neutron collection is a :class:`~pkgcloud.resource.Resource` under ``/v2.0`` (added to a catalog
URL without a version, kept where the catalog has it, as Rackspace Cloud Networks' does). Lists page
explicitly (Neutron answers *everything* in one page when no ``limit`` is sent), follow the
``<collection>_links``, and walk backwards for ``page_reverse=True``. ``if_revision=`` on updates and
deletes sends ``If-Match: revision_number=N``; a mismatch is
:class:`~pkgcloud.errors.PreconditionFailed`. Neutron's error type (``SubnetInUse``,
``IpAddressGenerationFailure``...) is on every error as ``error_type``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, overload
from urllib.parse import quote

from attrs import evolve

from pkgcloud.bodies import NULL, check_int, ref, ref_id, require_some
from pkgcloud.errors import Conflict, NotFound, UnsupportedOperation, ValidationError
from pkgcloud.network import NetworkClient, SecurityGroupRuleExists
from pkgcloud.resource import SINGLE, Bound, Resource
from pkgcloud_openstack.network import bodies, parse
from pkgcloud_openstack.service import EndpointVersion, OpenStackClient

if TYPE_CHECKING:
    from pkgcloud.models.network import (
        Extension,
        FloatingIp,
        Network,
        NetworkQuota,
        Port,
        Router,
        RouterInterface,
        SecurityGroup,
        SecurityGroupRule,
        Subnet,
        SubnetPool,
    )
    from pkgcloud.network import (
        FloatingIpRef,
        NetworkRef,
        PortRef,
        RouterRef,
        RuleRef,
        SecurityGroupRef,
        SubnetPoolRef,
        SubnetRef,
    )

M = TypeVar("M")
M_co = TypeVar("M_co", covariant=True)

NETWORKS = Resource("networks", key="network", parse=parse.network)
SUBNETS = Resource("subnets", key="subnet", parse=parse.subnet)
PORTS = Resource("ports", key="port", parse=parse.port)
SECURITY_GROUPS = Resource(
    "security-groups",
    key="security_group",
    plural="security_groups",
    parse=parse.security_group,
    noun="security group",
)
RULES = Resource(
    "security-group-rules",
    key="security_group_rule",
    plural="security_group_rules",
    parse=parse.security_group_rule,
    noun="security group rule",
)
ROUTERS = Resource("routers", key="router", parse=parse.router)
FLOATING_IPS = Resource("floatingips", key="floatingip", parse=parse.floating_ip, noun="floating IP")
SUBNET_POOLS = Resource("subnetpools", key="subnetpool", parse=parse.subnet_pool, noun="subnet pool")
EXTENSIONS = Resource("extensions", key="extension", parse=parse.extension, paging=SINGLE)
QUOTAS = Resource("quotas", key="quota", parse=parse.quota, paging=SINGLE)
QUOTA_DETAILS = Resource("quotas/{project_id}/details", key="quota", parse=parse.quota, paging=SINGLE)
ROUTER_INTERFACE = Resource("routers", key="router_interface", parse=parse.router_interface, noun="router interface")

# what each list asks for per request: Neutron sends every item in one page when no limit is sent
DEFAULT_PAGE_SIZE = 200

# tagged resources: the model's class name (or kind=) -> the collection under /v2.0
TAGGED = {
    "network": "networks",
    "subnet": "subnets",
    "port": "ports",
    "router": "routers",
    "floating_ip": "floatingips",
    "security_group": "security-groups",
    "subnet_pool": "subnetpools",
}
_MODEL_KINDS = {
    "Network": "network",
    "Subnet": "subnet",
    "Port": "port",
    "Router": "router",
    "FloatingIp": "floating_ip",
    "SecurityGroup": "security_group",
    "SubnetPool": "subnet_pool",
}
MAX_TAG = 255
_UUID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")


class IfRevision:
    """What an update or delete sends for ``if_revision=N``: ``If-Match: revision_number=N``."""

    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        self.number = number

    def __repr__(self) -> str:
        return f"IfRevision({self.number})"


def _revision(if_revision: Any) -> tuple[IfRevision, ...]:
    number = check_int(if_revision, "if_revision", minimum=0)
    return () if number is None else (IfRevision(number),)


class ListMethod(Protocol[M_co]):
    """The signature every Neutron ``list_*`` method shares (see :meth:`NeutronNetwork.list_networks`)."""

    def __call__(
        self,
        *,
        limit: int | None = None,
        page_size: int | None = None,
        fields: Iterable[str] | str | None = None,
        sort: Any = None,
        page_reverse: bool | None = None,
        filters: Mapping[str, Any] | None = None,
        **by: Any,
    ) -> Iterator[M_co]: ...


class Listing(Generic[M]):
    """A ``list_*`` method of one collection: every Neutron list takes the same keywords and pages the
    same way, so each collection declares only its resource and docstring."""

    def __init__(self, resource: Resource[M], doc: str) -> None:
        self.resource = resource
        self.name = "list"
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, client: None, owner: type) -> Listing[M]: ...

    @overload
    def __get__(self, client: NeutronNetwork, owner: type) -> ListMethod[M]: ...

    def __get__(self, client: NeutronNetwork | None, owner: type) -> Listing[M] | ListMethod[M]:
        if client is None:
            return self
        resource, name = self.resource, self.name

        def list_items(**options: Any) -> Iterator[M]:
            return client._list(resource, name, **options)

        list_items.__name__ = list_items.__qualname__ = name
        list_items.__doc__ = self.__doc__
        return list_items


class NeutronNetwork(OpenStackClient, NetworkClient):
    """OpenStack Networking (Neutron) v2.0."""

    catalog_type: ClassVar[str] = "network"
    api_version: ClassVar[EndpointVersion | None] = EndpointVersion("v2.0")

    networks = NETWORKS
    subnets = SUBNETS
    ports = PORTS
    security_groups = SECURITY_GROUPS
    security_group_rules = RULES
    routers = ROUTERS
    floating_ips = FLOATING_IPS
    subnet_pools = SUBNET_POOLS
    extensions = EXTENSIONS
    quotas = QUOTAS
    quota_details = QUOTA_DETAILS
    router_interfaces = ROUTER_INTERFACE

    _aliases: frozenset[str] | None = None

    def request_headers(self, *features: Any) -> dict[str, str]:
        """Neutron has no microversions; ``if_revision=`` is the one thing a request may add."""
        headers: dict[str, str] = {}
        for feature in features:
            if isinstance(feature, IfRevision):
                headers["If-Match"] = f"revision_number={feature.number}"
        return headers

    # -- lists -----------------------------------------------------------------------------------

    def _list(
        self,
        resource: Resource[M],
        operation: str,
        *,
        limit: int | None = None,
        page_size: int | None = None,
        fields: Iterable[str] | str | None = None,
        sort: Any = None,
        page_reverse: bool | None = None,
        filters: Mapping[str, Any] | None = None,
        **by: Any,
    ) -> Iterator[M]:
        if filters is not None and not isinstance(filters, Mapping):
            raise ValidationError(f"{operation}: filters= must be a mapping of attribute names to values")
        params = bodies.list_query(
            resource.path, by, raw=filters, fields=fields, sort=sort, page_reverse=page_reverse, operation=operation
        )
        size = check_int(DEFAULT_PAGE_SIZE if page_size is None else page_size, "page_size", minimum=1)
        if limit is not None:
            check_int(limit, "limit", minimum=0)
        if sort is not None and not self.has_extension("sorting"):
            raise UnsupportedOperation(f"{operation}: this Neutron has no 'sorting' extension, so sort= is ignored")
        if page_reverse and not self.has_extension("pagination"):
            raise UnsupportedOperation(f"{operation}: this Neutron has no 'pagination' extension for page_reverse")
        return Bound(resource, self).list(params, limit=limit, page_size=size, backwards=bool(page_reverse))

    # -- networks --------------------------------------------------------------------------------

    list_networks: Listing[Network] = Listing(
        networks,
        "Networks, page after page. Filter by any attribute (``name``, ``external``, ``shared``, ``status``...;"
        " a list is OR); tags with ``tags``/``tags_any``/``not_tags``/``not_tags_any``; ``fields`` projects,"
        ' ``sort="name:desc"``, ``page_reverse=True`` reads from the end; ``filters={...}`` passes other'
        " attributes as Neutron names them.",
    )

    def get_network(self, network: NetworkRef) -> Network:
        return self.networks.get(network)

    def find_network(self, name: str, *, external: bool | None = None) -> Network:
        """The network named ``name`` (NotFound lists the names there are; several is a ValidationError)."""
        found = list(self.list_networks(name=name, external=external))
        if len(found) == 1:
            return found[0]
        if found:
            ids = ", ".join(n.id for n in found)
            raise ValidationError(f"{len(found)} networks are named {name!r} ({ids}): give the one you mean by id")
        names = sorted({n.name for n in self.list_networks(external=external, fields=["name"]) if n.name})
        kind = "external network" if external else "network"
        raise NotFound(
            method="GET",
            url="networks",
            status=404,
            message=f"no {kind} named {name!r}; there are: {', '.join(map(repr, names)) or 'none'}",
        )

    def create_network(self, name: str | None = None, **attributes: Any) -> Network:
        """A network. Keywords: ``admin_state_up``, ``shared``, ``external`` (``router:external``),
        ``port_security_enabled``, ``mtu``, ``dns_domain``, ``availability_zone_hints``,
        ``qos_policy_id``, ``is_default``, ``network_type``/``physical_network``/``segmentation_id``
        (``provider:*``, admin), ``segments``, ``description``, ``project_id``."""
        body = bodies.body(bodies.NETWORK, {"name": name, **attributes}, "create_network")
        return self.networks.create(body)

    def update_network(self, network: NetworkRef, *, if_revision: int | None = None, **attributes: Any) -> Network:
        require_some(attributes, "update_network")
        body = bodies.body(bodies.NETWORK, attributes, "update_network", update=True)
        return self.networks.update(network, body, features=_revision(if_revision))

    def delete_network(
        self, network: NetworkRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        """Delete; a network that still has ports other than its DHCP ones is a
        :class:`~pkgcloud.errors.Conflict` with ``error_type`` ``NetworkInUse``."""
        return self.networks.delete(network, ignore_missing=ignore_missing, features=_revision(if_revision))

    # -- subnets ---------------------------------------------------------------------------------

    list_subnets: Listing[Subnet] = Listing(
        subnets,
        "Subnets (``network=``, ``cidr=``, ``ip_version=``, ``subnetpool=``... as for :meth:`list_networks`).",
    )

    def get_subnet(self, subnet: SubnetRef) -> Subnet:
        return self.subnets.get(subnet)

    def create_subnet(
        self, network: NetworkRef, cidr: str | None = None, *, ip_version: int | None = None, **attributes: Any
    ) -> Subnet:
        """A subnet of ``network``, from ``cidr`` or from a subnet pool (``subnetpool=`` with
        ``prefixlen=`` optionally, or ``use_default_subnetpool=True``). ``ip_version`` follows the cidr
        (or the pool model) when not given. ``gateway_ip=NULL`` means no gateway; ``dns_nameservers``,
        ``host_routes`` (``[{"destination", "nexthop"}]``), ``allocation_pools`` (``[{"start", "end"}]``),
        ``enable_dhcp``, ``ipv6_ra_mode``/``ipv6_address_mode``, ``service_types``, ``segment_id``,
        ``dns_publish_fixed_ip``, ``description``, ``project_id``."""
        network_id = ref_id(network, "network")
        found, version = bodies.check_subnet(
            cidr,
            ip_version,
            attributes.get("gateway_ip"),
            attributes.get("subnetpool", attributes.get("subnetpool_id")),
            attributes.get("use_default_subnetpool"),
        )
        body = bodies.body(bodies.SUBNET, attributes, "create_subnet")
        body = {"network_id": network_id, "ip_version": version, **({"cidr": found} if found else {}), **body}
        return self.subnets.create(body)

    def update_subnet(self, subnet: SubnetRef, *, if_revision: int | None = None, **attributes: Any) -> Subnet:
        require_some(attributes, "update_subnet")
        body = bodies.body(bodies.SUBNET, attributes, "update_subnet", update=True)
        return self.subnets.update(subnet, body, features=_revision(if_revision))

    def delete_subnet(self, subnet: SubnetRef, *, if_revision: int | None = None, ignore_missing: bool = False) -> bool:
        """Delete; a subnet with IP allocations is a Conflict (``SubnetInUse``)."""
        return self.subnets.delete(subnet, ignore_missing=ignore_missing, features=_revision(if_revision))

    # -- ports -----------------------------------------------------------------------------------

    list_ports: Listing[Port] = Listing(
        ports,
        'Ports (``network=``, ``device_id=``, ``device_owner=``, ``status=``, ``fixed_ips=["subnet_id=..."]``...).',
    )

    def get_port(self, port: PortRef) -> Port:
        return self.ports.get(port)

    def create_port(self, network: NetworkRef, **attributes: Any) -> Port:
        """A port on ``network``. Keywords: ``name``, ``admin_state_up``, ``fixed_ips``
        (``[{"subnet_id", "ip_address"}]``), ``security_groups`` (models or ids), ``allowed_address_pairs``
        (``[{"ip_address", "mac_address"}]``), ``port_security_enabled``, ``vnic_type``
        (``binding:vnic_type``), ``host_id``/``binding_profile`` (admin), ``device_id``,
        ``device_owner``, ``mac_address``, ``dns_name``, ``extra_dhcp_opts``, ``qos_policy_id``,
        ``description``, ``project_id``. Its ``status`` stays DOWN until something binds it: do not
        wait on it where no agent runs."""
        body = bodies.body(bodies.PORT, attributes, "create_port")
        return self.ports.create({"network_id": ref_id(network, "network"), **body})

    def update_port(self, port: PortRef, *, if_revision: int | None = None, **attributes: Any) -> Port:
        """Change the fields given (read-only ones such as ``status`` are not taken). To turn port
        security off on a port with security groups, send ``security_groups=[]`` with it (or call
        :meth:`disable_port_security`)."""
        require_some(attributes, "update_port")
        body = bodies.body(bodies.PORT, attributes, "update_port", update=True)
        return self.ports.update(port, body, features=_revision(if_revision))

    def disable_port_security(self, port: PortRef, *, if_revision: int | None = None) -> Port:
        """``port_security_enabled=False`` and ``security_groups=[]`` in one request (Neutron refuses
        the first while the port has groups)."""
        return self.update_port(port, port_security_enabled=False, security_groups=[], if_revision=if_revision)

    def delete_port(self, port: PortRef, *, if_revision: int | None = None, ignore_missing: bool = False) -> bool:
        """Delete; a router's interface port is refused (Conflict): remove the interface instead."""
        return self.ports.delete(port, ignore_missing=ignore_missing, features=_revision(if_revision))

    # -- security groups -------------------------------------------------------------------------

    list_security_groups: Listing[SecurityGroup] = Listing(
        security_groups,
        "Security groups (``name=``, ``project_id=``... as for :meth:`list_networks`).",
    )

    def get_security_group(self, security_group: SecurityGroupRef) -> SecurityGroup:
        return self.security_groups.get(security_group)

    def create_security_group(
        self,
        name: str,
        *,
        description: str | None = None,
        stateful: bool | None = None,
        project_id: str | None = None,
        remove_default_rules: bool = False,
    ) -> SecurityGroup:
        """A security group. Neutron gives it two egress rules (IPv4 and IPv6, anywhere);
        ``remove_default_rules=True`` deletes them and returns the group without them."""
        body = bodies.body(
            bodies.SECURITY_GROUP,
            {"name": name, "description": description, "stateful": stateful, "project_id": project_id},
            "create_security_group",
        )
        bodies.boolean(remove_default_rules, "remove_default_rules")
        group = self.security_groups.create(body)
        if not remove_default_rules or not group.rules:
            return group
        for rule in group.rules:
            self.security_group_rules.delete(rule, ignore_missing=True)
        return self.get_security_group(group)

    def update_security_group(
        self, security_group: SecurityGroupRef, *, if_revision: int | None = None, **attributes: Any
    ) -> SecurityGroup:
        """Change ``name``, ``description`` or ``stateful``."""
        require_some(attributes, "update_security_group")
        body = bodies.body(bodies.SECURITY_GROUP, attributes, "update_security_group", update=True)
        return self.security_groups.update(security_group, body, features=_revision(if_revision))

    def delete_security_group(
        self, security_group: SecurityGroupRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        return self.security_groups.delete(
            security_group, ignore_missing=ignore_missing, features=_revision(if_revision)
        )

    list_security_group_rules: Listing[SecurityGroupRule] = Listing(
        security_group_rules,
        "Rules (``security_group=``, ``direction=``, ``protocol=``...).",
    )

    def get_security_group_rule(self, rule: RuleRef) -> SecurityGroupRule:
        return self.security_group_rules.get(rule)

    def create_security_group_rule(
        self, security_group: SecurityGroupRef, *, direction: str = "ingress", **attributes: Any
    ) -> SecurityGroupRule:
        """A rule: ``direction`` (``ingress``/``egress``), ``ethertype`` (``IPv4``/``IPv6``; follows
        ``remote_ip_prefix`` when not given), ``protocol``, ``port_range_min``/``port_range_max``,
        ``remote_ip_prefix``, ``remote_group``, ``remote_address_group``, ``description``.

        A rule the group already has raises :class:`~pkgcloud.network.SecurityGroupRuleExists` (a
        Conflict) with the existing rule's ``rule_id``.
        """
        body = bodies.body(bodies.RULE, {"direction": direction, **attributes}, "create_security_group_rule")
        bodies.check_port_range(body.get("port_range_min"), body.get("port_range_max"), body.get("protocol"))
        prefix = body.get("remote_ip_prefix")
        if "ethertype" not in body and prefix:
            body["ethertype"] = "IPv6" if ":" in prefix else "IPv4"
        elif prefix and body["ethertype"] != ("IPv6" if ":" in prefix else "IPv4"):
            raise ValidationError(f"remote_ip_prefix {prefix!r} does not match ethertype {body['ethertype']!r}")
        body = {"security_group_id": ref_id(security_group, "security group"), **body}
        try:
            return self.security_group_rules.create(body)
        except Conflict as exc:
            if exc.error_type != "SecurityGroupRuleExists":
                raise
            found = _UUID.search(exc.message or "")
            error = SecurityGroupRuleExists(
                method=exc.method,
                url=exc.url,
                status=exc.status,
                message=exc.message,
                request_id=exc.request_id,
                details=exc.details,
                headers=exc.headers,
                error_type=exc.error_type,
            )
            error.rule_id = found.group(0) if found else None
            raise error from None

    def delete_security_group_rule(
        self, rule: RuleRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        return self.security_group_rules.delete(rule, ignore_missing=ignore_missing, features=_revision(if_revision))

    # -- routers ---------------------------------------------------------------------------------

    list_routers: Listing[Router] = Listing(
        routers,
        "Routers (``name=``, ``status=``, ``admin_state_up=``... as for :meth:`list_networks`).",
    )

    def get_router(self, router: RouterRef) -> Router:
        return self.routers.get(router)

    def create_router(
        self,
        name: str | None = None,
        *,
        external_network: NetworkRef | None = None,
        enable_snat: bool | None = None,
        external_fixed_ips: Iterable[Mapping[str, Any]] | None = None,
        **attributes: Any,
    ) -> Router:
        """A router, with its gateway on ``external_network`` (a model, an id or its name) when given.
        ``enable_snat`` and ``external_fixed_ips`` are admin-only by default policy: they are sent only
        when set. Keywords: ``admin_state_up``, ``distributed``/``ha`` (admin),
        ``availability_zone_hints``, ``flavor_id``, ``description``, ``project_id``."""
        if "routes" in attributes:
            raise ValidationError("create_router: routes are set by update_router, once the router has interfaces")
        body = bodies.body(bodies.ROUTER, {"name": name, **attributes}, "create_router")
        if external_network is None and (enable_snat is not None or external_fixed_ips is not None):
            raise ValidationError("enable_snat and external_fixed_ips need external_network (the gateway's network)")
        if external_network is not None:
            network_id = self._external_network_id(external_network)
            body["external_gateway_info"] = bodies.gateway(network_id, enable_snat, external_fixed_ips)
        return self.routers.create(body)

    def update_router(self, router: RouterRef, *, if_revision: int | None = None, **attributes: Any) -> Router:
        """Change ``name``, ``admin_state_up``, ``description``, ``routes`` (``[{"destination",
        "nexthop"}]``, replacing them all), ``distributed``/``ha`` (admin). The gateway has its own
        methods."""
        require_some(attributes, "update_router")
        body = bodies.body(bodies.ROUTER, attributes, "update_router", update=True)
        return self.routers.update(router, body, features=_revision(if_revision))

    def set_router_gateway(
        self,
        router: RouterRef,
        network: NetworkRef,
        *,
        enable_snat: bool | None = None,
        external_fixed_ips: Iterable[Mapping[str, Any]] | None = None,
    ) -> Router:
        """Set the router's external gateway to ``network`` (a model, an id or its name)."""
        info = bodies.gateway(self._external_network_id(network), enable_snat, external_fixed_ips)
        return self.routers.update(router, {"external_gateway_info": info})

    def clear_router_gateway(self, router: RouterRef) -> Router:
        return self.routers.update(router, {"external_gateway_info": {}})

    def delete_router(self, router: RouterRef, *, if_revision: int | None = None, ignore_missing: bool = False) -> bool:
        """Delete; a router with interfaces is a Conflict (``RouterInUse``): remove them first."""
        return self.routers.delete(router, ignore_missing=ignore_missing, features=_revision(if_revision))

    def add_router_interface(
        self, router: RouterRef, *, subnet: SubnetRef | None = None, port: PortRef | None = None
    ) -> RouterInterface:
        """Attach ``subnet`` (the router takes its gateway IP) or ``port`` (give exactly one)."""
        return self._interface("add_router_interface", router, subnet, port)

    def remove_router_interface(
        self, router: RouterRef, *, subnet: SubnetRef | None = None, port: PortRef | None = None
    ) -> RouterInterface:
        return self._interface("remove_router_interface", router, subnet, port)

    def _interface(self, action: str, router: RouterRef, subnet: Any, port: Any) -> RouterInterface:
        if (subnet is None) == (port is None):
            raise ValidationError(f"{action} takes subnet= or port=, exactly one")
        body = {"subnet_id": ref_id(subnet, "subnet")} if subnet is not None else {"port_id": ref_id(port, "port")}
        path = f"{ROUTERS.item_path(self.routers.id_of(router))}/{action}"
        answer = self.api.put(path, json=body)
        # the answer is the interface itself, not wrapped in a key
        wrapped = {ROUTER_INTERFACE.key: answer} if isinstance(answer, dict) else answer
        return ROUTER_INTERFACE.one(wrapped, self.api, "PUT", path)

    # -- floating IPs ----------------------------------------------------------------------------

    list_floating_ips: Listing[FloatingIp] = Listing(
        floating_ips,
        "Floating IPs (``floating_network=``, ``port=``, ``floating_ip_address=``, ``status=``...).",
    )

    def get_floating_ip(self, floating_ip: FloatingIpRef) -> FloatingIp:
        return self.floating_ips.get(floating_ip)

    def create_floating_ip(self, network: NetworkRef, **attributes: Any) -> FloatingIp:
        """A floating IP on the external ``network`` (a model, an id, or its name: always name the one
        you mean, a cloud may have several). Keywords: ``port`` (associate at once), ``fixed_ip_address``,
        ``floating_ip_address``, ``subnet``, ``dns_name``, ``dns_domain``, ``qos_policy_id``,
        ``description``, ``project_id``. Its status stays DOWN where no L3 agent runs."""
        body = bodies.body(bodies.FLOATING_IP, attributes, "create_floating_ip")
        for key in ("port_id", "fixed_ip_address"):
            if body.get(key, "") is None:
                del body[key]  # null at creation is the same as not set
        return self.floating_ips.create({"floating_network_id": self._external_network_id(network), **body})

    def update_floating_ip(
        self, floating_ip: FloatingIpRef, *, if_revision: int | None = None, **attributes: Any
    ) -> FloatingIp:
        """Change ``port`` (NULL disassociates), ``fixed_ip_address``, ``description``, ``qos_policy_id``."""
        require_some(attributes, "update_floating_ip")
        body = bodies.body(bodies.FLOATING_IP, attributes, "update_floating_ip", update=True)
        return self.floating_ips.update(floating_ip, body, features=_revision(if_revision))

    def associate_floating_ip(
        self, floating_ip: FloatingIpRef, port: PortRef, *, fixed_ip_address: str | None = None
    ) -> FloatingIp:
        """Point the floating IP at ``port`` (at its ``fixed_ip_address`` when it has several). The
        port's subnet needs a router with a gateway on the floating IP's network."""
        return self.update_floating_ip(floating_ip, port=ref_id(port, "port"), fixed_ip_address=fixed_ip_address)

    def disassociate_floating_ip(self, floating_ip: FloatingIpRef) -> FloatingIp:
        return self.update_floating_ip(floating_ip, port=NULL)

    def find_available_floating_ip(self, network: NetworkRef | None = None) -> FloatingIp | None:
        """A floating IP of this project not associated with any port (on ``network`` when given), or None."""
        network_id = self._external_network_id(network) if network is not None else None
        # Neutron cannot filter on a null port_id (port_id= matches an empty string): filtered here
        for fip in self.list_floating_ips(floating_network_id=network_id):
            if fip.port_id is None:
                return fip
        return None

    def delete_floating_ip(
        self, floating_ip: FloatingIpRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        return self.floating_ips.delete(floating_ip, ignore_missing=ignore_missing, features=_revision(if_revision))

    def _external_network_id(self, network: Any) -> str:
        """A network model or id as it is; a name looked up among the external networks."""
        if isinstance(network, str) and network and not _UUID.fullmatch(network):
            return self.find_network(network, external=True).id
        return ref_id(network, "network")

    # -- subnet pools ----------------------------------------------------------------------------

    list_subnet_pools: Listing[SubnetPool] = Listing(
        subnet_pools,
        "Subnet pools (``name=``, ``is_default=``, ``ip_version=``... as for :meth:`list_networks`).",
    )

    def get_subnet_pool(self, subnet_pool: SubnetPoolRef) -> SubnetPool:
        return self.subnet_pools.get(subnet_pool)

    def create_subnet_pool(self, name: str, prefixes: Iterable[str], **attributes: Any) -> SubnetPool:
        """A subnet pool of ``prefixes`` (CIDRs). Keywords: ``default_prefixlen``, ``min_prefixlen``,
        ``max_prefixlen``, ``default_quota``, ``shared``/``is_default`` (admin), ``address_scope_id``,
        ``description``, ``project_id``."""
        body = bodies.body(bodies.SUBNET_POOL, {"name": name, "prefixes": prefixes, **attributes}, "create_subnet_pool")
        return self.subnet_pools.create(body)

    def delete_subnet_pool(
        self, subnet_pool: SubnetPoolRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        return self.subnet_pools.delete(subnet_pool, ignore_missing=ignore_missing, features=_revision(if_revision))

    # -- tags ------------------------------------------------------------------------------------

    def _tags_path(self, resource: Any, kind: str | None, operation: str) -> str:
        if kind is None:
            kind = _MODEL_KINDS.get(type(resource).__name__)
            if kind is None:
                raise ValidationError(
                    f"{operation}: give a network, subnet, port, router, floating IP, security group or subnet "
                    f"pool model, or an id with kind= (one of {', '.join(sorted(TAGGED))})"
                )
        elif kind not in TAGGED:
            raise ValidationError(f"{operation}: kind must be one of {', '.join(sorted(TAGGED))}, not {kind!r}")
        item = ref_id(resource, kind.replace("_", " "))
        return f"{TAGGED[kind]}/{quote(item, safe='')}/tags"

    @staticmethod
    def _tag(tag: Any) -> str:
        if not isinstance(tag, str) or not tag:
            raise ValidationError(f"a tag is a non-empty string, not {tag!r}")
        if len(tag) > MAX_TAG:
            raise ValidationError(f"a tag is at most {MAX_TAG} characters long; {tag[:20]!r}... has {len(tag)}")
        return tag

    def get_tags(self, resource: Any, *, kind: str | None = None) -> list[str]:
        """The tags of ``resource`` (a model; or an id with ``kind="network"``, ``"port"``...)."""
        path = self._tags_path(resource, kind, "get_tags")
        return [str(t) for t in self.api.member("GET", path, "tags", list)]

    def set_tags(self, resource: Any, tags: Iterable[str], *, kind: str | None = None) -> list[str]:
        """Replace every tag of ``resource`` with ``tags``; returns them as Neutron now has them."""
        path = self._tags_path(resource, kind, "set_tags")
        if isinstance(tags, str) or not isinstance(tags, Iterable):
            raise ValidationError("set_tags takes a list of tags (a string would be split into characters)")
        wanted = [self._tag(t) for t in tags]
        return [str(t) for t in self.api.member("PUT", path, "tags", list, json={"tags": wanted})]

    def add_tag(self, resource: Any, tag: str, *, kind: str | None = None) -> None:
        path = self._tags_path(resource, kind, "add_tag")
        self.api.request("PUT", f"{path}/{quote(self._tag(tag), safe='')}")

    def has_tag(self, resource: Any, tag: str, *, kind: str | None = None) -> bool:
        path = self._tags_path(resource, kind, "has_tag")
        try:
            self.api.request("GET", f"{path}/{quote(self._tag(tag), safe='')}")
        except NotFound:
            return False
        return True

    def remove_tag(self, resource: Any, tag: str, *, kind: str | None = None) -> None:
        """Remove one tag (NotFound when the resource does not have it)."""
        path = self._tags_path(resource, kind, "remove_tag")
        self.api.request("DELETE", f"{path}/{quote(self._tag(tag), safe='')}")

    def clear_tags(self, resource: Any, *, kind: str | None = None) -> None:
        self.api.request("DELETE", self._tags_path(resource, kind, "clear_tags"))

    # -- extensions and quotas -------------------------------------------------------------------

    def list_extensions(self) -> list[Extension]:
        found = list(self.extensions.list())
        self._aliases = frozenset(e.alias for e in found)
        return found

    def get_extension(self, alias: str) -> Extension:
        return self.extensions.get(alias)

    def has_extension(self, alias: str) -> bool:
        """Whether the cloud has loaded the extension ``alias`` (the list is read once per client)."""
        if self._aliases is None:
            self.list_extensions()
        assert self._aliases is not None
        return alias in self._aliases

    def get_quotas(self, project: Any = None, *, details: bool = False) -> NetworkQuota:
        """The quotas of ``project`` (the token's own project by default); ``details=True`` adds what
        is ``used`` and ``reserved`` (the ``quota_details`` extension)."""
        bodies.boolean(details, "details")
        project_id = ref(project, "project", required=False) or self.auth_project_id()
        found = self.quota_details.read(parents={"project_id": project_id}) if details else self.quotas.get(project_id)
        return evolve(found, project_id=project_id)

    def auth_project_id(self) -> str:
        project_id = getattr(self.auth, "project_id", None)
        if not project_id:
            raise ValidationError("get_quotas: the token has no project (a token without scope); give project=")
        return str(project_id)
