"""gunicorn entry points for the full-profile APIs: ``wsgi_apps:neutron`` etc.

Each of these services parses sys.argv with oslo.config when its WSGI module is
imported, so gunicorn's own flags would make it fail ("unrecognized
arguments").  Only the attribute gunicorn asks for is built (module
__getattr__), so one file serves every service.  Config dirs/files come from
the OS_<SERVICE>_CONFIG_DIR/_FILES environment set by the devcloud driver."""

import os
import sys
import warnings

warnings.filterwarnings("ignore")


def _clean_argv(*extra):
    sys.argv = sys.argv[:1] + list(extra)


def __getattr__(name):
    if name == "neutron":
        _clean_argv()
        from neutron.wsgi.api import application
    elif name == "placement":
        _clean_argv()
        from placement.wsgi.api import application
    elif name == "nova":
        _clean_argv()
        from nova.wsgi.osapi_compute import application
    elif name == "glance":
        _clean_argv()
        from glance.wsgi.api import application
    elif name == "heat":
        _clean_argv("--config-file", os.environ["DEVCLOUD_HEAT_CONFIG"])
        from heat.api.openstack.wsgi import init_application

        application = init_application()
    else:
        raise AttributeError(name)
    globals()[name] = application
    return application
