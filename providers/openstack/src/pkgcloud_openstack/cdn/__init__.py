"""OpenStack CDN (Poppy): ``pkgcloud.cdn.create_client(provider="openstack", ...)``.

``client`` holds :class:`PoppyCdn`; ``bodies`` builds and checks service bodies and patches;
``parse`` turns Poppy's JSON into models. Rackspace CDN (``rax:cdn``) is the same client.
"""

from pkgcloud_openstack.cdn.client import PoppyCdn

__all__ = ["PoppyCdn"]
