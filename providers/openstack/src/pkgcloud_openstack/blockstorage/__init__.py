"""OpenStack Block Storage (Cinder): ``pkgcloud.blockstorage.create_client(provider="openstack", ...)``.

``client`` holds :class:`CinderBlockStorage`; ``bodies`` builds and checks request bodies; ``parse``
turns Cinder's JSON into models; ``features`` says which microversion each feature needs.
"""

from pkgcloud_openstack.blockstorage.client import CinderBlockStorage

__all__ = ["CinderBlockStorage"]
