"""The Rackspace provider of pkgcloud, built on the OpenStack provider.

Rackspace identity is Keystone v2.0 with API-key credentials; its services are OpenStack services
picked out of its catalog by name, plus its own (DNS, load balancers, Cloud Files CDN).
"""

__version__ = "0.1.0"
