"""Config file generation: pure functions from Settings + Paths to file texts.

Nothing here touches the disk, so every generated file can be unit-tested.
"""

from __future__ import annotations

from .settings import ADMIN_PASSWORD, DB_PASSWORD, DB_USER, DEMO_PASSWORD, HOST, Settings, service_password


class Paths:
    """Where everything lives under the one state dir."""

    def __init__(self, root: str):
        self.root = root
        self.venv = f"{root}/venv"  # keystone + swift (core lock)
        self.venv_full = f"{root}/venv-full"  # glance, placement, nova, cinder, neutron, heat (full lock)
        self.venv_trove = f"{root}/venv-trove"  # trove 26.0.0 in fake mode (trove lock)
        self.tools = f"{root}/tools"  # uv
        self.etc = f"{root}/etc"
        self.bin = f"{root}/bin"
        self.log = f"{root}/log"
        self.run = f"{root}/run"
        self.data = f"{root}/data"
        self.srv = f"{root}/srv"  # swift devices (tmpfs mount point)
        self.pids = f"{root}/run/pids"
        self.clouds_yaml = f"{root}/clouds.yaml"
        self.env_file = f"{root}/devcloud.env"
        self.json_file = f"{root}/devcloud.json"
        self.mysql_socket = f"{root}/run/mysqld.sock"

    def etc_of(self, group: str) -> str:
        return f"{self.etc}/{group}"

    def data_of(self, group: str) -> str:
        return f"{self.data}/{group}"


def ini(sections) -> str:
    """[(section, [(key, value) | comment-str, ...]), ...] -> ini text."""
    out = []
    for name, items in sections:
        out.append(f"[{name}]")
        for item in items:
            if isinstance(item, str):
                out.append(item)
            else:
                k, v = item
                out.append(f"{k} = {v}")
        out.append("")
    return "\n".join(out)


def keystone_url(s: Settings) -> str:
    return f"http://{HOST}:{s.ports['keystone']}"


def db_url(s: Settings, name: str) -> str:
    return f"mysql+pymysql://{DB_USER}:{DB_PASSWORD}@{HOST}:{s.ports['mariadb']}/{name}?charset=utf8"


def rabbit_url(s: Settings) -> str:
    return f"rabbit://guest:guest@{HOST}:{s.ports['rabbitmq']}/"


def memcache_servers(s: Settings) -> str:
    return f"{HOST}:{s.ports['memcached']}"


def authtoken_items(s: Settings, user: str, extra=()):
    ks = keystone_url(s)
    return [
        ("www_authenticate_uri", ks),
        ("auth_url", ks),
        ("auth_type", "password"),
        ("project_domain_name", "Default"),
        ("user_domain_name", "Default"),
        ("project_name", "service"),
        ("username", user),
        ("password", service_password(user)),
        *extra,
    ]


def service_auth_items(s: Settings, user: str, extra=()):
    """Credentials a service uses to call another service (nova -> neutron ...)."""
    return [
        ("auth_type", "password"),
        ("auth_url", keystone_url(s)),
        ("project_domain_name", "Default"),
        ("user_domain_name", "Default"),
        ("project_name", "service"),
        ("username", user),
        ("password", service_password(user)),
        ("region_name", "RegionOne"),
        *extra,
    ]


POLICY_ITEMS = [("enforce_scope", "false"), ("enforce_new_defaults", "false")]


# ---------------------------------------------------------------- keystone
def keystone_conf(s: Settings, p: Paths) -> str:
    d = p.data_of("keystone")
    return ini(
        [
            ("DEFAULT", [("debug", "false")]),
            ("database", [("connection", f"sqlite:///{d}/keystone.db?timeout=30")]),
            ("token", [("provider", "fernet"), ("expiration", s.token_expiration)]),
            ("fernet_tokens", [("key_repository", f"{d}/fernet-keys"), ("max_active_keys", 3)]),
            ("fernet_receipts", [("key_repository", f"{d}/fernet-keys")]),
            ("credential", [("key_repository", f"{d}/credential-keys")]),
            (
                "identity",
                [
                    "# bcrypt cost 4 instead of 12: ~0.25 s less per password auth (dev only!)",
                    ("password_hash_rounds", 4),
                ],
            ),
            (
                "cache",
                [
                    ("enabled", "true"),
                    ("backend", "dogpile.cache.pymemcache"),
                    ("memcache_servers", memcache_servers(s)),
                    "# reconnect instead of 500 (MemcacheUnexpectedCloseError) if memcached restarts",
                    ("enable_retry_client", "true"),
                    ("retry_attempts", 2),
                    ("retry_delay", 0.1),
                    ("socket_timeout", 1.0),
                ],
            ),
        ]
    )


# ---------------------------------------------------------------- swift
SWIFT_CONF = """[swift-hash]
swift_hash_path_prefix = devcloud-prefix
swift_hash_path_suffix = devcloud-suffix

[storage-policy:0]
name = Policy-0
default = yes

[swift-constraints]
"""

PROXY_PIPELINE = (
    "catch_errors gatekeeper healthcheck proxy-logging cache listing_formats "
    "container_sync bulk tempurl formpost ratelimit authtoken keystoneauth staticweb "
    "copy container-quotas account-quotas slo dlo versioned_writes symlink "
    "proxy-logging proxy-server"
)


def swift_backend_conf(s: Settings, p: Paths, kind: str) -> str:
    port = s.ports[{"account": "swift_account", "container": "swift_container", "object": "swift_object"}[kind]]
    app = [("use", f"egg:swift#{kind}")]
    if kind == "object":
        app += [("network_chunk_size", s.swift_chunk), ("disk_chunk_size", s.swift_chunk)]
    sections = [
        (
            "DEFAULT",
            [
                ("devices", f"{p.srv}/node"),
                ("mount_check", "false"),
                ("disable_fallocate", "true"),
                ("bind_ip", HOST),
                ("bind_port", port),
                ("workers", 1),
                ("user", "root"),
                ("swift_dir", p.etc_of("swift")),
                ("log_level", "INFO"),
                ("recon_cache_path", f"{p.data}/swift-recon"),
            ],
        ),
        ("pipeline:main", [("pipeline", f"healthcheck recon {kind}-server")]),
        (f"app:{kind}-server", app),
        ("filter:healthcheck", [("use", "egg:swift#healthcheck")]),
        ("filter:recon", [("use", "egg:swift#recon")]),
        (f"{kind}-replicator", []),
        (f"{kind}-auditor", []),
    ]
    if kind == "account":
        sections.append(("account-reaper", []))
    if kind == "container":
        sections += [
            # pushes object counts/bytes into the account listing; every pass forks workers, so a short
            # interval keeps a core busy on an idle cloud
            ("container-updater", [("interval", 30)]),
            ("container-sync", []),
            ("container-sharder", []),
        ]
    if kind == "object":
        sections += [
            ("object-reconstructor", []),
            ("object-updater", [("interval", 30)]),
            (
                "object-expirer",
                [
                    "# X-Delete-At/-After: objects 404 at once; this daemon cleans the listings",
                    ("internal_client_conf_path", f"{p.etc_of('swift')}/internal-client.conf"),
                    ("dequeue_from_legacy", "true"),
                    ("interval", 30),
                ],
            ),
        ]
    return ini(sections)


def swift_internal_client_conf(s: Settings, p: Paths) -> str:
    return ini(
        [
            ("DEFAULT", [("swift_dir", p.etc_of("swift")), ("user", "root")]),
            ("pipeline:main", [("pipeline", "catch_errors proxy-logging cache symlink proxy-server")]),
            ("app:proxy-server", [("use", "egg:swift#proxy"), ("account_autocreate", "true")]),
            ("filter:symlink", [("use", "egg:swift#symlink")]),
            ("filter:cache", [("use", "egg:swift#memcache"), ("memcache_servers", memcache_servers(s))]),
            ("filter:proxy-logging", [("use", "egg:swift#proxy_logging")]),
            ("filter:catch_errors", [("use", "egg:swift#catch_errors")]),
        ]
    )


def swift_proxy_conf(s: Settings, p: Paths) -> str:
    simple = [
        "catch_errors",
        "gatekeeper",
        "healthcheck",
        "listing_formats",
        "container_sync",
        "bulk",
        "formpost",
        "ratelimit",
        "staticweb",
        "copy",
        "slo",
        "dlo",
        "symlink",
    ]
    # Swift serves an SLO's segments after the 10th at one a second by default: tests read many
    settings = {"slo": [("rate_limit_after_segment", "10000")]}
    filters = [(f"filter:{n}", [("use", f"egg:swift#{n}"), *settings.get(n, [])]) for n in simple]
    return ini(
        [
            (
                "DEFAULT",
                [
                    ("bind_ip", HOST),
                    ("bind_port", s.ports["swift"]),
                    ("workers", s.proxy_workers),
                    ("user", "root"),
                    ("swift_dir", p.etc_of("swift")),
                    ("log_level", "INFO"),
                ],
            ),
            ("pipeline:main", [("pipeline", PROXY_PIPELINE)]),
            (
                "app:proxy-server",
                [
                    ("use", "egg:swift#proxy"),
                    ("account_autocreate", "true"),
                    ("allow_account_management", "true"),
                    ("object_chunk_size", s.swift_chunk),
                    ("client_chunk_size", s.swift_chunk),
                    "# 1 node / 1 replica: one 507 would otherwise error-limit the only",
                    "# object server for 60 s and every request would 503",
                    ("error_suppression_interval", 1),
                ],
            ),
            (
                "filter:authtoken",
                [
                    ("paste.filter_factory", "keystonemiddleware.auth_token:filter_factory"),
                    *authtoken_items(s, "swift"),
                    "# anonymous requests (tempurl, formpost, public ACLs) must reach keystoneauth",
                    ("delay_auth_decision", "true"),
                    ("include_service_catalog", "false"),
                    "# validated tokens are cached this long (shared by all workers through",
                    "# memcached); -1 = ask Keystone on every request (revocation tests)",
                    ("token_cache_time", s.authtoken_cache_time),
                    ("memcached_servers", memcache_servers(s)),
                ],
            ),
            (
                "filter:keystoneauth",
                [
                    ("use", "egg:swift#keystoneauth"),
                    ("operator_roles", "admin, swiftoperator, member"),
                    ("reseller_admin_role", "ResellerAdmin"),
                ],
            ),
            ("filter:proxy-logging", [("use", "egg:swift#proxy_logging")]),
            ("filter:cache", [("use", "egg:swift#memcache"), ("memcache_servers", memcache_servers(s))]),
            ("filter:tempurl", [("use", "egg:swift#tempurl"), ("allowed_digests", "sha1 sha256 sha512")]),
            ("filter:container-quotas", [("use", "egg:swift#container_quotas")]),
            ("filter:account-quotas", [("use", "egg:swift#account_quotas")]),
            (
                "filter:versioned_writes",
                [
                    ("use", "egg:swift#versioned_writes"),
                    ("allow_versioned_writes", "true"),
                    ("allow_object_versioning", "true"),
                ],
            ),
            *filters,
        ]
    )


def swift_files(s: Settings, p: Paths) -> dict:
    e = p.etc_of("swift")
    return {
        f"{e}/swift.conf": SWIFT_CONF,
        f"{e}/proxy-server.conf": swift_proxy_conf(s, p),
        f"{e}/account-server.conf": swift_backend_conf(s, p, "account"),
        f"{e}/container-server.conf": swift_backend_conf(s, p, "container"),
        f"{e}/object-server.conf": swift_backend_conf(s, p, "object"),
        f"{e}/internal-client.conf": swift_internal_client_conf(s, p),
    }


# ---------------------------------------------------------------- rabbitmq
def rabbitmq_conf(s: Settings) -> str:
    return (
        f"listeners.tcp.default = {HOST}:{s.ports['rabbitmq']}\n"
        "loopback_users.guest = true\n"
        f"distribution.listener.interface = {HOST}\n"
        f"distribution.listener.port_range.min = {s.ports['rabbitmq_dist']}\n"
        f"distribution.listener.port_range.max = {s.ports['rabbitmq_dist']}\n"
    )


def rabbitmq_env(s: Settings, p: Paths) -> dict:
    d = p.data_of("rabbitmq")
    e = p.etc_of("rabbitmq")
    return {
        "HOME": d,
        "RABBITMQ_NODENAME": "rabbit@localhost",
        "RABBITMQ_NODE_IP_ADDRESS": HOST,
        "RABBITMQ_NODE_PORT": str(s.ports["rabbitmq"]),
        "RABBITMQ_DIST_PORT": str(s.ports["rabbitmq_dist"]),
        "ERL_EPMD_ADDRESS": HOST,
        "ERL_EPMD_PORT": str(s.ports["epmd"]),
        "RABBITMQ_MNESIA_BASE": f"{d}/mnesia",
        "RABBITMQ_LOG_BASE": f"{p.log}/rabbitmq",
        "RABBITMQ_LOGS": "-",
        "RABBITMQ_CONFIG_FILE": f"{e}/rabbitmq",
        "RABBITMQ_ENABLED_PLUGINS_FILE": f"{e}/enabled_plugins",
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
    }


# ---------------------------------------------------------------- full-profile services
def glance_conf(s: Settings, p: Paths) -> str:
    d = p.data_of("glance")
    return ini(
        [
            (
                "DEFAULT",
                [
                    ("bind_host", HOST),
                    ("bind_port", s.ports["glance"]),
                    ("workers", 1),
                    ("enabled_backends", "file:file"),
                    ("debug", "false"),
                ],
            ),
            ("glance_store", [("default_backend", "file")]),
            ("file", [("filesystem_store_datadir", f"{d}/images")]),
            ("os_glance_staging_store", [("filesystem_store_datadir", f"{d}/staging")]),
            ("os_glance_tasks_store", [("filesystem_store_datadir", f"{d}/tasks")]),
            ("database", [("connection", f"sqlite:///{d}/glance.sqlite")]),
            (
                "paste_deploy",
                [("flavor", "keystone"), ("config_file", f"{p.venv_full}/etc/glance/glance-api-paste.ini")],
            ),
            ("oslo_concurrency", [("lock_path", f"{d}/lock")]),
            ("oslo_policy", POLICY_ITEMS),
            ("keystone_authtoken", authtoken_items(s, "glance", [("service_token_roles_required", "true")])),
        ]
    )


def placement_conf(s: Settings, p: Paths) -> str:
    return ini(
        [
            ("DEFAULT", [("debug", "false")]),
            ("api", [("auth_strategy", "keystone")]),
            ("placement_database", [("connection", db_url(s, "placement"))]),
            ("oslo_policy", POLICY_ITEMS),
            ("keystone_authtoken", authtoken_items(s, "placement", [("service_token_roles_required", "true")])),
        ]
    )


def nova_conf(s: Settings, p: Paths) -> str:
    d = p.data_of("nova")
    return ini(
        [
            (
                "DEFAULT",
                [
                    ("transport_url", rabbit_url(s)),
                    ("compute_driver", "fake.FakeDriverWithoutFakeNodes"),
                    ("host", "devcloud"),
                    ("my_ip", HOST),
                    ("state_path", f"{d}/state"),
                    ("instances_path", f"{d}/instances"),
                    ("debug", "false"),
                    ("vif_plugging_is_fatal", "false"),
                    ("vif_plugging_timeout", 0),
                    "# periodic tasks (the scheduler's discover_hosts) start at once instead",
                    "# of after a random delay of up to 60 s",
                    ("periodic_fuzzy_delay", 0),
                    ("graceful_shutdown_timeout", 5),
                ],
            ),
            ("api", [("auth_strategy", "keystone")]),
            ("wsgi", [("api_paste_config", f"{p.venv_full}/etc/nova/api-paste.ini")]),
            ("api_database", [("connection", db_url(s, "nova_api"))]),
            ("database", [("connection", db_url(s, "nova_cell1"))]),
            ("conductor", [("workers", 1)]),
            ("scheduler", [("workers", 1), ("discover_hosts_in_cells_interval", 2)]),
            ("oslo_concurrency", [("lock_path", f"{d}/lock")]),
            ("oslo_messaging_notifications", [("driver", "noop")]),
            ("notifications", [("notification_format", "unversioned")]),
            ("vnc", [("enabled", "false")]),
            ("oslo_policy", POLICY_ITEMS),
            ("keystone_authtoken", authtoken_items(s, "nova", [("service_token_roles_required", "true")])),
            ("placement", service_auth_items(s, "placement")),
            ("neutron", service_auth_items(s, "neutron")),
            ("glance", [("region_name", "RegionOne")]),
            ("cinder", [("os_region_name", "RegionOne"), ("catalog_info", "volumev3::publicURL")]),
            ("service_user", [("send_service_user_token", "true"), *service_auth_items(s, "nova")]),
        ]
    )


def cinder_conf(s: Settings, p: Paths) -> str:
    d = p.data_of("cinder")
    return ini(
        [
            (
                "DEFAULT",
                [
                    ("auth_strategy", "keystone"),
                    ("api_paste_config", f"{p.venv_full}/etc/cinder/api-paste.ini"),
                    "# the list filters users may send (without it, every filter is refused to non-admins)",
                    ("resource_query_filters_file", f"{p.venv_full}/etc/cinder/resource_filters.json"),
                    ("transport_url", rabbit_url(s)),
                    ("state_path", f"{d}/state"),
                    ("my_ip", HOST),
                    ("host", "devcloud"),
                    ("osapi_volume_listen", HOST),
                    ("osapi_volume_listen_port", s.ports["cinder"]),
                    ("osapi_volume_workers", 1),
                    ("enabled_backends", "fake"),
                    ("default_volume_type", "__DEFAULT__"),
                    ("backup_driver", ""),
                    ("periodic_fuzzy_delay", 0),
                    ("graceful_shutdown_timeout", 5),
                    ("debug", "false"),
                ],
            ),
            ("database", [("connection", db_url(s, "cinder"))]),
            (
                "fake",
                [
                    "# ships in the cinder wheel (needs fixtures, oslotest, ddt); no LVM/iSCSI",
                    ("volume_driver", "cinder.tests.fake_driver.FakeLoggingVolumeDriver"),
                    ("volume_backend_name", "fake"),
                ],
            ),
            ("oslo_concurrency", [("lock_path", f"{d}/lock")]),
            ("oslo_messaging_notifications", [("driver", "noop")]),
            ("coordination", [("backend_url", f"file://{d}/lock")]),
            ("oslo_policy", POLICY_ITEMS),
            ("keystone_authtoken", authtoken_items(s, "cinder", [("service_token_roles_required", "true")])),
            ("nova", [*service_auth_items(s, "nova"), ("interface", "public")]),
        ]
    )


def neutron_conf(s: Settings, p: Paths) -> str:
    d = p.data_of("neutron")
    return ini(
        [
            (
                "DEFAULT",
                [
                    ("core_plugin", "ml2"),
                    ("service_plugins", "router,qos,trunk,segments"),
                    ("auth_strategy", "keystone"),
                    ("api_paste_config", f"{p.venv_full}/etc/neutron/api-paste.ini"),
                    ("state_path", f"{d}/state"),
                    "# no agents and no RPC: only the API process runs",
                    ("transport_url", "fake:/"),
                    ("rpc_workers", 0),
                    ("rpc_state_report_workers", 0),
                    ("allow_overlapping_ips", "true"),
                    ("dhcp_agent_notification", "false"),
                    ("notify_nova_on_port_status_changes", "false"),
                    ("notify_nova_on_port_data_changes", "false"),
                    ("debug", "false"),
                ],
            ),
            ("database", [("connection", f"sqlite:///{d}/neutron.sqlite")]),
            ("oslo_concurrency", [("lock_path", f"{d}/lock")]),
            ("oslo_messaging_notifications", [("driver", "noop")]),
            ("oslo_policy", POLICY_ITEMS),
            ("keystone_authtoken", authtoken_items(s, "neutron", [("service_token_roles_required", "true")])),
            ("nova", service_auth_items(s, "nova")),
        ]
    )


ML2_CONF = ini(
    [
        (
            "ml2",
            [
                ("type_drivers", "flat,vlan,vxlan"),
                ("tenant_network_types", "vxlan"),
                "# openvswitch first: the trunk plugin refuses to load without a trunk-capable driver;",
                "# devfake binds every port (no agents here) so Nova can boot on Neutron networks",
                ("mechanism_drivers", "openvswitch,devfake"),
                ("extension_drivers", "port_security,qos"),
            ],
        ),
        ("ml2_type_flat", [("flat_networks", "public")]),
        ("ml2_type_vlan", [("network_vlan_ranges", "physnet1:100:200")]),
        ("ml2_type_vxlan", [("vni_ranges", "1:1000")]),
    ]
)


def heat_conf(s: Settings, p: Paths) -> str:
    d = p.data_of("heat")
    ks = keystone_url(s)
    return ini(
        [
            (
                "DEFAULT",
                [
                    ("transport_url", rabbit_url(s)),
                    ("num_engine_workers", 1),
                    ("convergence_engine", "true"),
                    ("heat_metadata_server_url", f"http://{HOST}:8000"),
                    ("heat_waitcondition_server_url", f"http://{HOST}:8000/v1/waitcondition"),
                    ("stack_user_domain_name", "heat"),
                    ("stack_domain_admin", "heat_domain_admin"),
                    ("stack_domain_admin_password", service_password("heat_domain_admin")),
                    ("region_name_for_services", "RegionOne"),
                    ("graceful_shutdown_timeout", 5),
                    ("debug", "false"),
                ],
            ),
            ("paste_deploy", [("api_paste_config", f"{p.venv_full}/etc/heat/api-paste.ini")]),
            ("database", [("connection", db_url(s, "heat"))]),
            ("oslo_concurrency", [("lock_path", f"{d}/lock")]),
            ("oslo_messaging_notifications", [("driver", "noop")]),
            ("oslo_policy", POLICY_ITEMS),
            ("keystone_authtoken", authtoken_items(s, "heat", [("service_token_roles_required", "true")])),
            (
                "trustee",
                [
                    ("auth_type", "password"),
                    ("auth_url", ks),
                    ("user_domain_name", "Default"),
                    ("username", "heat"),
                    ("password", service_password("heat")),
                ],
            ),
            ("clients_keystone", [("auth_uri", ks)]),
            ("ec2authtoken", [("auth_uri", f"{ks}/v3")]),
        ]
    )


TROVE_LOG_LEVELS = (
    "routes.middleware=ERROR,trove.common.auth=WARN,amqp=WARN,oslo_messaging=INFO,stevedore=WARN,urllib3=WARN"
)


def trove_db(p: Paths) -> str:
    """Trove's SQLite file: a new one on every start (the fakes keep their state in memory)."""
    return f"{p.data_of('trove')}/trove.sqlite"


def trove_conf(s: Settings, p: Paths) -> str:
    """Trove 26 in fake mode: the real API (stock paste pipeline, keystonemiddleware against our
    Keystone) and taskmanager, with the fakes of Trove's wheel in place of Nova, Cinder, Neutron,
    Swift and the guest agent, and support/trove_fakemode.py's Glance stand-in."""
    fakes = "trove.tests.fakes"
    return ini(
        [
            (
                "DEFAULT",
                [
                    ("bind_host", HOST),
                    ("bind_port", s.ports["trove"]),
                    "# API, taskmanager and the fakes share one process: fake:/ RPC, in-memory state",
                    ("trove_api_workers", 1),
                    ("transport_url", "fake:/"),
                    ("api_paste_config", f"{p.venv_trove}/etc/trove/api-paste.ini"),
                    ("remote_nova_client", f"{fakes}.nova.fake_create_nova_client"),
                    ("remote_cinder_client", f"{fakes}.nova.fake_create_cinder_client"),
                    ("remote_neutron_client", f"{fakes}.neutron.fake_create_neutron_client"),
                    ("remote_swift_client", f"{fakes}.swift.fake_create_swift_client"),
                    ("remote_guest_client", f"{fakes}.guestagent.fake_create_guest_client"),
                    ("remote_glance_client", "trove_fakemode.glance_client"),
                    "# the taskmanager's backup step wants a Swift URL; the fake guest never calls it",
                    ("swift_url", f"http://{HOST}:{s.ports['swift']}/v1/AUTH_"),
                    ("report_interval", 0),
                    ("trove_dns_support", "false"),
                    ("os_region_name", "RegionOne"),
                    ("trove_volume_support", "true"),
                    ("device_path", "/dev/vdb"),
                    ("max_accepted_volume_size", 25),
                    ("max_instances_per_tenant", 55),
                    ("max_volumes_per_tenant", 100),
                    ("max_backups_per_tenant", 5),
                    ("volume_time_out", 30),
                    ("http_get_rate", 500),
                    ("http_post_rate", 500),
                    ("http_put_rate", 500),
                    ("http_delete_rate", 500),
                    ("default_datastore", "mysql"),
                    ("ignore_users", "os_admin, root"),
                    ("ignore_dbs", "lost+found, mysql, information_schema"),
                    ("agent_heartbeat_time", 10),
                    ("agent_call_low_timeout", 5),
                    ("agent_call_high_timeout", 150),
                    ("server_delete_time_out", 10),
                    ("resize_time_out", 120),
                    ("revert_time_out", 120),
                    ("control_exchange", "trove"),
                    "# seconds between the taskmanager's usage polls (create is ~4 s shorter than with 5)",
                    ("usage_sleep_time", 1),
                    ("log_file", f"{p.log}/trove.log"),
                    ("use_stderr", "false"),
                    ("debug", "true"),
                    ("default_log_levels", TROVE_LOG_LEVELS),
                ],
            ),
            ("database", [("connection", f"sqlite:///{trove_db(p)}")]),
            ("mysql", [("root_on_create", "false"), ("volume_support", "true"), ("device_path", "/dev/vdb")]),
            ("oslo_concurrency", [("lock_path", f"{p.data_of('trove')}/lock")]),
            ("oslo_messaging_notifications", [("driver", "noop")]),
            (
                "keystone_authtoken",
                authtoken_items(s, "trove", [("memcached_servers", memcache_servers(s))]),
            ),
            ("service_credentials", service_auth_items(s, "trove")),
        ]
    )


def full_files(s: Settings, p: Paths) -> dict:
    """{group: {path: text}} for the full-profile services."""
    return {
        "rabbitmq": {
            f"{p.etc_of('rabbitmq')}/rabbitmq.conf": rabbitmq_conf(s),
            f"{p.etc_of('rabbitmq')}/enabled_plugins": "[].\n",
        },
        "glance": {f"{p.etc_of('glance')}/glance-api.conf": glance_conf(s, p)},
        "placement": {f"{p.etc_of('placement')}/placement.conf": placement_conf(s, p)},
        "neutron": {
            f"{p.etc_of('neutron')}/neutron.conf": neutron_conf(s, p),
            f"{p.etc_of('neutron')}/ml2_conf.ini": ML2_CONF,
        },
        "cinder": {f"{p.etc_of('cinder')}/cinder.conf": cinder_conf(s, p)},
        "nova": {f"{p.etc_of('nova')}/nova.conf": nova_conf(s, p)},
        "heat": {f"{p.etc_of('heat')}/heat.conf": heat_conf(s, p)},
        "trove": {f"{p.etc_of('trove')}/trove.conf": trove_conf(s, p)},
    }


def core_files(s: Settings, p: Paths) -> dict:
    return {
        "keystone": {f"{p.etc_of('keystone')}/keystone.conf": keystone_conf(s, p)},
        "swift": swift_files(s, p),
    }


# ---------------------------------------------------------------- client-side outputs
USERS = (
    # cloud suffix, user, project, role(s) on that project
    ("admin", "admin", "admin"),
    ("demo", "demo", "demo"),
    ("alt_demo", "alt_demo", "alt_demo"),
    ("demo_reader", "demo_reader", "demo"),
)


def password_of(user: str) -> str:
    return ADMIN_PASSWORD if user == "admin" else DEMO_PASSWORD


def clouds_yaml(s: Settings) -> str:
    lines = ["# written by `python3 -m devcloud up`; dev-only passwords", "clouds:"]
    for suffix, user, project in USERS:
        lines += [
            f"  devcloud-{suffix}:",
            "    auth:",
            f"      auth_url: {s.auth_url}",
            f"      username: {user}",
            f"      password: {password_of(user)}",
            f"      project_name: {project}",
            "      user_domain_name: Default",
            "      project_domain_name: Default",
            "    region_name: RegionOne",
            "    identity_api_version: 3",
            "    interface: public",
        ]
    return "\n".join(lines) + "\n"


def env_file(s: Settings, p: Paths, demo_project_id: str = "") -> str:
    swift = f"http://{HOST}:{s.ports['swift']}/v1/AUTH_{demo_project_id}"
    lines = [
        "# written by `python3 -m devcloud up`; source it for the demo user",
        f"export OS_AUTH_URL={s.auth_url}",
        "export OS_IDENTITY_API_VERSION=3",
        "export OS_REGION_NAME=RegionOne",
        "export OS_INTERFACE=public",
        "export OS_USERNAME=demo",
        f"export OS_PASSWORD={password_of('demo')}",
        "export OS_PROJECT_NAME=demo",
        "export OS_USER_DOMAIN_NAME=Default",
        "export OS_PROJECT_DOMAIN_NAME=Default",
        f"export OS_CLIENT_CONFIG_FILE={p.clouds_yaml}",
        f"export DEVCLOUD_DIR={p.root}",
        f"export DEVCLOUD_PROFILE={s.profile}",
        f"export DEVCLOUD_JSON={p.json_file}",
        "export DEVCLOUD_ADMIN_USER=admin",
        f"export DEVCLOUD_ADMIN_PASSWORD={ADMIN_PASSWORD}",
        f"export DEVCLOUD_DEMO_PASSWORD={password_of('demo')}",
        f"export DEVCLOUD_SWIFT_URL={swift}",
        f"export DEVCLOUD_TOKEN_EXPIRATION={s.token_expiration}",
        f"export DEVCLOUD_AUTHTOKEN_CACHE_TIME={s.authtoken_cache_time}",
    ]
    return "\n".join(lines) + "\n"


def endpoints(s: Settings) -> dict:
    """Catalog entries we register: {type: (service name, url, [regions])}.
    (`%(project_id)s` is substituted by Keystone per token.)"""
    h = HOST
    eps = {
        "identity": ("keystone", f"http://{h}:{s.ports['keystone']}/v3", ["RegionOne"]),
        "object-store": ("swift", f"http://{h}:{s.ports['swift']}/v1/AUTH_%(project_id)s", ["RegionOne", "RegionTwo"]),
    }
    if s.full:
        eps.update(
            {
                "image": ("glance", f"http://{h}:{s.ports['glance']}", ["RegionOne"]),
                "placement": ("placement", f"http://{h}:{s.ports['placement']}", ["RegionOne"]),
                "compute": ("nova", f"http://{h}:{s.ports['nova']}/v2.1", ["RegionOne"]),
                "block-storage": ("cinder", f"http://{h}:{s.ports['cinder']}/v3/%(project_id)s", ["RegionOne"]),
                "volumev3": ("cinderv3", f"http://{h}:{s.ports['cinder']}/v3/%(project_id)s", ["RegionOne"]),
                "network": ("neutron", f"http://{h}:{s.ports['neutron']}", ["RegionOne"]),
                "orchestration": ("heat", f"http://{h}:{s.ports['heat']}/v1/%(project_id)s", ["RegionOne"]),
                "database": ("trove", f"http://{h}:{s.ports['trove']}/v1.0/%(project_id)s", ["RegionOne"]),
            }
        )
    return eps


MANAGED_TYPES = (
    "object-store",
    "image",
    "placement",
    "compute",
    "block-storage",
    "volumev3",
    "network",
    "orchestration",
    "database",
)

FULL_SERVICE_USERS = ("glance", "placement", "nova", "cinder", "neutron", "heat", "trove")
