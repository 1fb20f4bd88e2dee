"""Settings of the dev cloud: defaults, environment variables and CLI options.

Everything here is pure (no I/O besides reading the mapping it is given), so it
is unit-tested directly.  Precedence: command-line option > environment > default.
The profile is the one exception: when neither an option nor the environment
names one, the profile of the previous ``up`` (saved in the state dir) is kept,
so a plain ``up`` never tears down a running full cloud.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os

HOST = "127.0.0.1"
DEFAULT_STATE_DIR = "/tmp/pkgcloud-devcloud"
ENV_PREFIX = "PKGCLOUD_DEVCLOUD_"

PROFILES = ("core", "full")

# name -> default port.  Every port can be changed with --port NAME=N or
# PKGCLOUD_DEVCLOUD_PORT_<NAME>=N, and all of them shifted with --port-offset.
DEFAULT_PORTS = {
    "keystone": 5000,
    "swift": 8080,  # swift proxy
    "swift_object": 6200,
    "swift_container": 6201,
    "swift_account": 6202,
    "memcached": 11219,
    # full profile
    "glance": 9292,
    "placement": 8778,
    "nova": 8774,
    "cinder": 8776,
    "neutron": 9696,
    "heat": 8004,
    "trove": 8779,  # Trove API in fake mode (taskmanager and fakes in the same process)
    "rabbitmq": 5672,
    "rabbitmq_dist": 25672,
    "epmd": 4369,
    "mariadb": 3307,
}

CORE_PORTS = ("keystone", "swift", "swift_object", "swift_container", "swift_account", "memcached")

REGIONS = ("RegionOne", "RegionTwo")  # object-store is in both, the rest in RegionOne

# Non-secret, obviously-dev passwords (they are scrubbed from cassettes anyway).
ADMIN_PASSWORD = "devcloud-admin"
DEMO_PASSWORD = "devcloud-demo"
DB_USER = "devcloud"
DB_PASSWORD = "devcloud-db"


def service_password(user: str) -> str:
    """Password of a service user (swift, nova, ...) in Keystone."""
    return f"devcloud-{user}"


class SettingsError(ValueError):
    pass


@dataclasses.dataclass
class Settings:
    state_dir: str = DEFAULT_STATE_DIR
    profile: str = "core"
    ports: dict = dataclasses.field(default_factory=lambda: dict(DEFAULT_PORTS))
    token_expiration: int = 3600
    authtoken_cache_time: int = 300
    swift_storage: str = "tmpfs"  # tmpfs | dir
    swift_storage_size: str = "12g"
    swift_chunk: int = 1048576
    keystone_workers: int = 2
    proxy_workers: int = 2

    @property
    def host(self) -> str:
        return HOST

    @property
    def full(self) -> bool:
        return self.profile == "full"

    @property
    def auth_url(self) -> str:
        return f"http://{HOST}:{self.ports['keystone']}/v3"

    def active_ports(self) -> dict:
        """The ports the active profile listens on."""
        if self.full:
            return dict(self.ports)
        return {k: v for k, v in self.ports.items() if k in CORE_PORTS}

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Settings:
        fields = {f.name for f in dataclasses.fields(cls)}
        s = cls(**{k: v for k, v in data.items() if k in fields})
        ports = dict(DEFAULT_PORTS)
        ports.update({k: int(v) for k, v in (data.get("ports") or {}).items()})
        s.ports = ports
        return s


def _int(name: str, value, minimum=None) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        raise SettingsError(f"{name}: not an integer: {value!r}") from None
    if minimum is not None and n < minimum:
        raise SettingsError(f"{name}: must be >= {minimum}, got {n}")
    return n


def _port(name: str, value) -> int:
    n = _int(name, value)
    if not 1 <= n <= 65535:
        raise SettingsError(f"{name}: port out of range: {n}")
    return n


def parse_port_assignments(items) -> dict:
    """['keystone=5001', 'swift=8081'] -> {'keystone': 5001, 'swift': 8081}."""
    out = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep:
            raise SettingsError(f"--port expects NAME=PORT, got {item!r}")
        if name not in DEFAULT_PORTS:
            raise SettingsError(f"unknown port name {name!r}; known: {', '.join(sorted(DEFAULT_PORTS))}")
        out[name] = _port(f"--port {name}", value)
    return out


def state_dir_from(env, option=None) -> str:
    d = option or env.get(ENV_PREFIX + "DIR") or DEFAULT_STATE_DIR
    return os.path.abspath(d)


def resolve(args=None, env=None, saved_profile=None) -> Settings:
    """Build Settings from CLI args (an argparse namespace or None), an
    environment mapping and the profile of the previous run."""
    env = os.environ if env is None else env
    a = (lambda name: getattr(args, name, None)) if args is not None else (lambda name: None)

    def pick(opt, *env_names, default=None):
        if opt is not None:
            return opt
        for n in env_names:
            if env.get(n, "") != "":
                return env[n]
        return default

    s = Settings()
    s.state_dir = state_dir_from(env, a("state_dir"))

    profile = a("profile")
    if a("all"):
        if profile not in (None, "full"):
            raise SettingsError("--all conflicts with --profile " + str(profile))
        profile = "full"
    profile = pick(profile, ENV_PREFIX + "PROFILE", default=saved_profile or "core")
    profile = str(profile).strip().lower()
    if profile == "all":
        profile = "full"
    if profile not in PROFILES:
        raise SettingsError(f"unknown profile {profile!r} (core or full)")
    s.profile = profile

    offset = _int("port offset", pick(a("port_offset"), ENV_PREFIX + "PORT_OFFSET", default=0))
    ports = {}
    for name, default in DEFAULT_PORTS.items():
        v = env.get(f"{ENV_PREFIX}PORT_{name.upper()}", "")
        ports[name] = _port(f"{ENV_PREFIX}PORT_{name.upper()}", v) if v else default + offset
    ports.update(parse_port_assignments(a("port")))
    for name, value in ports.items():
        _port(name, value)
    dupes = {p for p in ports.values() if list(ports.values()).count(p) > 1}
    if dupes:
        raise SettingsError(f"the same port is used twice: {sorted(dupes)}")
    s.ports = ports

    s.token_expiration = _int(
        "token expiration",
        pick(a("token_expiration"), ENV_PREFIX + "TOKEN_EXPIRATION", "TOKEN_EXPIRATION", default=3600),
        minimum=1,
    )
    s.authtoken_cache_time = _int(
        "authtoken cache time",
        pick(a("authtoken_cache_time"), ENV_PREFIX + "AUTHTOKEN_CACHE_TIME", "AUTHTOKEN_CACHE_TIME", default=300),
        minimum=-1,
    )
    storage = str(pick(a("swift_storage"), ENV_PREFIX + "SWIFT_STORAGE", default="tmpfs")).lower()
    if storage not in ("tmpfs", "dir"):
        raise SettingsError(f"swift storage must be tmpfs or dir, got {storage!r}")
    s.swift_storage = storage
    size = str(pick(a("swift_storage_size"), ENV_PREFIX + "SWIFT_STORAGE_SIZE", default="12g")).lower()
    if not size[:-1].isdigit() or size[-1] not in "kmg":
        raise SettingsError(f"swift storage size like 12g or 512m, got {size!r}")
    s.swift_storage_size = size
    s.swift_chunk = _int(
        "swift chunk", pick(a("swift_chunk"), ENV_PREFIX + "SWIFT_CHUNK", default=1048576), minimum=4096
    )
    s.keystone_workers = _int("keystone workers", pick(None, ENV_PREFIX + "KEYSTONE_WORKERS", default=2), minimum=1)
    s.proxy_workers = _int("proxy workers", pick(None, ENV_PREFIX + "PROXY_WORKERS", default=2), minimum=1)
    return s


def digest(*parts) -> str:
    """Stable short hash of strings / JSON-able values (used for change detection)."""
    h = hashlib.sha256()
    for p in parts:
        if not isinstance(p, (str, bytes)):
            p = json.dumps(p, sort_keys=True)
        if isinstance(p, str):
            p = p.encode()
        h.update(len(p).to_bytes(8, "big"))
        h.update(p)
    return h.hexdigest()[:16]
