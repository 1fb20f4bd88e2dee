from pkgcloud.options import Option
from pkgcloud.plugins import Provider, hookimpl


@hookimpl
def register_providers(register):
    register(
        Provider(
            "memory",
            services={"storage": "pkgcloud_memory.storage:MemoryStorage"},
            options=[Option("namespace", str, default="default", help="keeps separate stores apart")],
            description="objects kept in this process's memory",
        )
    )
