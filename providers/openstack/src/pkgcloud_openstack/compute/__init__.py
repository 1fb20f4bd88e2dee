"""OpenStack Compute (Nova): ``pkgcloud.compute.create_client(provider="openstack", ...)``.

``client`` holds :class:`NovaCompute`; ``bodies`` builds and checks request bodies; ``parse`` turns
Nova's JSON into models; ``features`` says which microversion each feature needs.
"""

from pkgcloud_openstack.compute.client import NovaCompute

__all__ = ["NovaCompute"]
