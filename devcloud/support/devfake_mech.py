"""ML2 mechanism driver for an agentless dev cloud: binds every port on every
host (vif_type ovs) and marks it ACTIVE, so Nova's fake driver can boot
servers on Neutron networks.  Never use outside a test cloud.

The devcloud driver installs this module into venv-full together with a tiny
dist-info whose entry point registers it as ``devfake`` in
``neutron.ml2.mechanism_drivers``."""

from neutron_lib import constants as const
from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api


class DevFakeMechanismDriver(api.MechanismDriver):
    def initialize(self):
        pass

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(
                segment[api.ID],
                portbindings.VIF_TYPE_OVS,
                {portbindings.CAP_PORT_FILTER: True, portbindings.OVS_HYBRID_PLUG: False},
                status=const.PORT_STATUS_ACTIVE,
            )
            return
