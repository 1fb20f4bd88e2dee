"""OpenStack Database (Trove): ``pkgcloud.database.create_client(provider="openstack", ...)``.

``client`` holds :class:`TroveDatabase`; ``bodies`` builds and checks request bodies; ``parse``
turns Trove's JSON into models.
"""

from pkgcloud_openstack.database.client import TroveDatabase

__all__ = ["TroveDatabase"]
