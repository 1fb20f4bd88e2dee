"""The OpenStack provider of pkgcloud.

Registered through the ``pkgcloud.providers`` entry point (``pkgcloud_openstack.plugin``); use it
through ``pkgcloud.<service>.create_client(provider="openstack", ...)``.
"""

__version__ = "0.1.0"
