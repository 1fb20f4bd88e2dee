"""OpenStack Networking (Neutron): ``pkgcloud.network.create_client(provider="openstack", ...)``.

``client`` holds :class:`NeutronNetwork`; ``bodies`` builds and checks request bodies and list
queries; ``parse`` turns Neutron's JSON into models.
"""

from pkgcloud_openstack.network.client import NeutronNetwork

__all__ = ["NeutronNetwork"]
