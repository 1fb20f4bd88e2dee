import hashlib
from pathlib import Path

from pkgcloud import models
from pkgcloud.errors import NotFound, ValidationError
from pkgcloud.storage import StorageClient

_STORES = {}


class MemoryStorage(StorageClient):
    def __init__(self, context):
        super().__init__(context)
        self._store = _STORES.setdefault(self.options["namespace"], {})

    def create_container(self, container, **_):
        self._store.setdefault(container, {})
        return models.Container(name=container, count=0, bytes=0)

    def list_containers(self, **_):
        for name in sorted(self._store):
            objects = self._store[name]
            yield models.Container(name=name, count=len(objects), bytes=sum(len(v) for v in objects.values()))

    def upload(self, container, name, source, **_):
        if not isinstance(source, bytes):
            raise ValidationError("this example provider only takes bytes")
        if container not in self._store:
            raise NotFound(method="PUT", url=f"memory:///{container}/{name}", status=404, message="no such container")
        self._store[container][name] = source
        return self.get_object(container, name)

    def get_object(self, container, name):
        data = self._store.get(container, {}).get(name)
        if data is None:
            raise NotFound(method="HEAD", url=f"memory:///{container}/{name}", status=404, message="no such object")
        etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
        return models.StorageObject(container=container, name=name, size=len(data), etag=etag)

    def list_objects(self, container, **_):
        for name in sorted(self._store.get(container, {})):
            yield self.get_object(container, name)

    def download(self, container, name, destination, **_):
        Path(destination).write_bytes(self._store[container][name])
        return self.get_object(container, name)
