"""pkgcloud's dev cloud: real OpenStack services on 127.0.0.1.

Run ``python3 -m devcloud --help`` from the repository root.  The driver uses
only the standard library; the services run from venvs under the state dir.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
