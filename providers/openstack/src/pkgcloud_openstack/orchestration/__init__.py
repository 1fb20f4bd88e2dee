"""OpenStack Orchestration (Heat): ``pkgcloud.orchestration.create_client(provider="openstack", ...)``.

``client`` holds :class:`HeatOrchestration`; ``bodies`` builds and checks request bodies; ``parse``
turns Heat's JSON into models; ``templates`` reads local templates and builds their ``files`` map.
"""

from pkgcloud_openstack.orchestration.client import HeatOrchestration
from pkgcloud_openstack.orchestration.templates import TemplateError, template_files

__all__ = ["HeatOrchestration", "TemplateError", "template_files"]
