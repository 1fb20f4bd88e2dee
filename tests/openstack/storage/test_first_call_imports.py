"""What the first object call loads: only what a HEAD needs (see bench/first_call.py for its cost).

Each check runs in a fresh interpreter, since the test process has loaded everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

CLIENT = """
import sys, json
import pkgcloud
client = pkgcloud.storage.create_client(provider="openstack", auth_url="http://keystone.invalid/v3",
                                        username="u", password="p", tenant_name="t", domain_name="Default")
"""


def loaded_after(code: str) -> list[str]:
    """The pkgcloud and attrs modules loaded once ``code`` ran in a fresh interpreter."""
    script = textwrap.dedent(code) + (
        "\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith(('pkgcloud', 'attr')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_an_object_answer_creates_only_the_object_model() -> None:
    loaded = loaded_after(
        CLIENT
        + """
from pkgcloud_openstack.storage import parse
obj = parse.object_from_headers("c", "o", {"Content-Length": "100", "ETag": "d41d8cd98f00b204e9800998ecf8427e"})
assert obj.size == 100 and type(obj).__name__ == "StorageObject", obj
created = vars(sys.modules["pkgcloud.models.storage"])
assert "Container" not in created and "AccountInfo" not in created, "container models are created on first use"
"""
    )
    assert "pkgcloud.models.storage" in loaded
    assert "pkgcloud.models._storage_containers" not in loaded, "container models are created on first use"
    assert "pkgcloud.models._storage_bulk" not in loaded, "bulk results are created on first use"
    lazy = ("transfer", "uploads", "downloads", "large", "bulk", "tempurl")
    assert not [m for m in loaded if m.rpartition(".")[2] in lazy], "the operations import what they use"
    assert "pkgcloud.paging" not in loaded and "pkgcloud.waiter" not in loaded
    assert "pkgcloud.models.status" not in loaded, "the status enum is created by the models that use it"
    assert "attr" in loaded and "attrs" not in loaded, "the models use attrs' attr namespace (no alias modules)"


def test_the_other_storage_models_are_served_by_the_storage_models_module() -> None:
    loaded = loaded_after(
        """
import sys, json
import pkgcloud.models
from pkgcloud.models.storage import AccountInfo, BulkDeleteResult, Container, ExtractArchiveResult, StorageObject
from pkgcloud.models import storage
assert pkgcloud.models.Container is Container is storage.Container
assert pkgcloud.models.BulkDeleteResult is BulkDeleteResult
assert {"AccountInfo", "Container", "ExtractArchiveResult", "StorageObject"} <= set(dir(storage))
assert repr(Container(name="c")).startswith("Container(name='c'"), repr(Container(name="c"))
assert ExtractArchiveResult().ok and AccountInfo().container_count == 0
try:
    storage.Nothing
except AttributeError as exc:
    assert "Nothing" in str(exc)
else:
    raise AssertionError("an unknown name must raise AttributeError")
"""
    )
    assert {"pkgcloud.models._storage_containers", "pkgcloud.models._storage_bulk"} <= set(loaded)


def test_status_is_still_served_by_the_base_models_module() -> None:
    loaded = loaded_after(
        """
import sys, json
from pkgcloud.models.base import Status
from pkgcloud.models.status import Status as Same
import pkgcloud.models
assert Status is Same is pkgcloud.models.Status and Status.RUNNING == "RUNNING" and str(Status.ERROR) == "ERROR"
"""
    )
    assert "pkgcloud.models.status" in loaded


def test_iter_objects_default_chunk_is_the_transfer_chunk() -> None:
    import inspect

    from pkgcloud_openstack.storage import SwiftStorage, transfer

    default = inspect.signature(SwiftStorage.iter_object).parameters["chunk_size"].default
    assert default == transfer.CHUNK, "the literal in the signature must follow transfer.CHUNK"
