import configparser

from devcloud import configs, services
from devcloud import settings as S
from devcloud.cli import build_parser


def settings(*argv):
    return S.resolve(build_parser().parse_args(["up", *argv]), {})


def parse(text):
    cp = configparser.RawConfigParser(strict=True)
    cp.read_string(text)
    return cp


P = configs.Paths("/state")


def test_keystone_conf_token_expiration_and_cache():
    cp = parse(configs.keystone_conf(settings("--token-expiration", "5"), P))
    assert cp["token"]["expiration"] == "5"
    assert cp["cache"]["memcache_servers"] == "127.0.0.1:11219"
    assert cp["cache"]["enable_retry_client"] == "true"
    assert cp["database"]["connection"] == "sqlite:////state/data/keystone/keystone.db?timeout=30"


def test_swift_proxy_pipeline_and_middlewares():
    s = settings("--authtoken-cache-time", "-1", "--port", "swift=18080")
    cp = parse(configs.swift_proxy_conf(s, P))
    pipeline = cp["pipeline:main"]["pipeline"].split()
    for mw in ("bulk", "tempurl", "slo", "dlo", "copy", "versioned_writes", "authtoken", "keystoneauth", "cache"):
        assert mw in pipeline
        assert f"filter:{mw}" in cp
    assert pipeline.index("authtoken") < pipeline.index("keystoneauth") < pipeline.index("slo")
    assert pipeline[-1] == "proxy-server"
    assert cp["filter:tempurl"]["allowed_digests"].split() == ["sha1", "sha256", "sha512"]
    assert cp["filter:authtoken"]["token_cache_time"] == "-1"
    assert cp["filter:authtoken"]["delay_auth_decision"] == "true"
    assert cp["DEFAULT"]["bind_port"] == "18080"
    assert cp["app:proxy-server"]["object_chunk_size"] == "1048576"
    assert cp["app:proxy-server"]["error_suppression_interval"] == "1"


def test_swift_backends_and_expirer():
    s = settings()
    files = configs.swift_files(s, P)
    assert set(files) == {
        f"/state/etc/swift/{n}"
        for n in (
            "swift.conf",
            "proxy-server.conf",
            "account-server.conf",
            "container-server.conf",
            "object-server.conf",
            "internal-client.conf",
        )
    }
    obj = parse(files["/state/etc/swift/object-server.conf"])
    assert obj["DEFAULT"]["bind_port"] == "6200"
    assert obj["DEFAULT"]["devices"] == "/state/srv/node"
    assert obj["object-expirer"]["dequeue_from_legacy"] == "true"
    assert obj["object-expirer"]["internal_client_conf_path"] == "/state/etc/swift/internal-client.conf"
    parse(files["/state/etc/swift/swift.conf"])


def test_every_full_config_parses_and_uses_our_keystone_port():
    s = settings("--all", "--port", "keystone=15000", "--port", "rabbitmq=15672", "--port", "mariadb=13307")
    for group, files in configs.full_files(s, P).items():
        for path, text in files.items():
            assert path.startswith(f"/state/etc/{group}/")
            if path.endswith((".conf", ".ini")) and group != "rabbitmq":
                cp = parse(text)
                if "keystone_authtoken" in cp:
                    assert cp["keystone_authtoken"]["auth_url"] == "http://127.0.0.1:15000"
                    assert cp["keystone_authtoken"]["password"] == f"devcloud-{cp['keystone_authtoken']['username']}"
    nova = parse(configs.nova_conf(s, P))
    assert nova["DEFAULT"]["transport_url"] == "rabbit://guest:guest@127.0.0.1:15672/"
    assert "127.0.0.1:13307/nova_api" in nova["api_database"]["connection"]
    assert nova["DEFAULT"]["compute_driver"] == "fake.FakeDriverWithoutFakeNodes"
    assert nova["service_user"]["send_service_user_token"] == "true"
    assert "listeners.tcp.default = 127.0.0.1:15672" in configs.rabbitmq_conf(s)


def test_clouds_yaml_has_the_four_clouds():
    text = configs.clouds_yaml(settings("--port", "keystone=5001"))
    for c in ("devcloud-admin", "devcloud-demo", "devcloud-alt_demo", "devcloud-demo_reader"):
        assert f"  {c}:\n" in text
    assert text.count("auth_url: http://127.0.0.1:5001/v3") == 4
    assert text.count("user_domain_name: Default") == 4
    assert text.count("project_domain_name: Default") == 4
    assert text.count("region_name: RegionOne") == 4
    assert text.count("identity_api_version: 3") == 4
    # demo_reader works in project demo
    block = text.split("devcloud-demo_reader:")[1]
    assert "project_name: demo\n" in block


def test_env_file():
    text = configs.env_file(settings(), P, "abc123")
    assert "export OS_AUTH_URL=http://127.0.0.1:5000/v3\n" in text
    assert "export DEVCLOUD_SWIFT_URL=http://127.0.0.1:8080/v1/AUTH_abc123\n" in text
    assert "export OS_CLIENT_CONFIG_FILE=/state/clouds.yaml\n" in text


def test_endpoints_regions():
    core = configs.endpoints(settings())
    assert set(core) == {"identity", "object-store"}
    assert core["object-store"][2] == ["RegionOne", "RegionTwo"]
    full = configs.endpoints(settings("--all"))
    for t in ("image", "placement", "compute", "block-storage", "volumev3", "network", "orchestration", "database"):
        assert full[t][2] == ["RegionOne"]
    assert full["block-storage"][1].endswith("/v3/%(project_id)s")
    assert set(configs.MANAGED_TYPES) == set(full) - {"identity"}


def test_trove_conf_fake_mode_keystone_and_offset_port():
    s = settings("--all", "--port-offset", "2000")
    assert s.ports["trove"] == 10779
    cp = parse(configs.trove_conf(s, P))
    d = cp["DEFAULT"]
    assert (d["bind_host"], d["bind_port"]) == ("127.0.0.1", "10779")
    # one process: the in-memory RPC and the fakes' state are shared by the API and the taskmanager
    assert (d["trove_api_workers"], d["transport_url"]) == ("1", "fake:/")
    for client in ("nova", "cinder", "neutron", "swift", "guest"):
        assert d[f"remote_{client}_client"].startswith("trove.tests.fakes.")
    assert d["remote_glance_client"] == "trove_fakemode.glance_client"
    # the wheel's unchanged pipeline (keystonemiddleware), validating tokens in our Keystone
    assert d["api_paste_config"] == "/state/venv-trove/etc/trove/api-paste.ini"
    ka = cp["keystone_authtoken"]
    assert (ka["auth_url"], ka["username"], ka["password"]) == ("http://127.0.0.1:7000", "trove", "devcloud-trove")
    assert ka["memcached_servers"] == "127.0.0.1:13219"
    assert cp["database"]["connection"] == "sqlite:////state/data/trove/trove.sqlite"
    assert configs.trove_db(P) == "/state/data/trove/trove.sqlite"
    eps = configs.endpoints(s)
    assert eps["database"] == ("trove", "http://127.0.0.1:10779/v1.0/%(project_id)s", ["RegionOne"])
    assert "trove" in configs.FULL_SERVICE_USERS
    assert "database" not in configs.endpoints(settings())  # core has no Trove


def test_trove_group_runs_the_support_launcher_in_its_venv():
    s = settings("--all", "--port", "trove=18779")
    g = services.groups(s, P)["trove"]
    assert [pr.name for pr in g.procs] == ["trove"]
    assert g.procs[0].argv == [
        "/state/venv-trove/bin/python",
        "/state/bin/trove_fakemode.py",
        "--config-file",
        "/state/etc/trove/trove.conf",
    ]
    assert g.venv == "/state/venv-trove" and g.support == ("trove_fakemode.py",)
    assert g.http == (("trove", "http://127.0.0.1:18779/"),)
    assert list(g.files) == ["/state/etc/trove/trove.conf"]
    # a change of the launcher (its patches) restarts Trove
    a = services.group_hash(g, {"trove_fakemode.py": "v1"})
    assert a != services.group_hash(g, {"trove_fakemode.py": "v2"})


def test_trove_is_pinned_in_its_lock():
    import os

    lock = os.path.join(os.path.dirname(configs.__file__), "requirements", "trove.lock")
    with open(lock) as f:
        pins = dict(line.strip().split("==", 1) for line in f if "==" in line)
    assert pins["trove"] == "26.0.0"
    assert "python-memcached" in pins  # keystonemiddleware's memcached_servers needs it
    from devcloud.cloud import TROVE_PACKAGES

    assert "trove==26.0.0" in TROVE_PACKAGES


def test_groups_core_and_full():
    core = services.groups(settings(), P)
    assert list(core) == ["memcached", "keystone", "swift"]
    names = [pr.name for g in core.values() for pr in g.procs]
    assert len(names) == len(set(names)) == 9
    ks = core["keystone"].procs[0]
    assert "--no-control-socket" in ks.argv and "keystone_wsgi:application" in ks.argv
    assert ks.env["OS_KEYSTONE_CONFIG_DIR"] == "/state/etc/keystone"
    full = services.groups(settings("--all"), P)
    assert list(full) == [
        "memcached",
        "keystone",
        "swift",
        "mariadb",
        "rabbitmq",
        "glance",
        "placement",
        "neutron",
        "cinder",
        "nova",
        "heat",
        "trove",
    ]
    every_port = {p for g in full.values() for p in g.ports}
    assert every_port == set(S.DEFAULT_PORTS)


def test_group_hash_changes_with_config_only():
    a = services.groups(settings(), P)
    b = services.groups(settings("--token-expiration", "5"), P)
    sup = {"swiftrun.py": "print(1)", "keystone_wsgi.py": "k"}
    assert services.group_hash(a["keystone"], sup) != services.group_hash(b["keystone"], sup)
    assert services.group_hash(a["swift"], sup) == services.group_hash(b["swift"], sup)
    # a changed support file restarts only the group that runs it
    sup2 = dict(sup, **{"swiftrun.py": "print(2)"})
    assert services.group_hash(a["swift"], sup) != services.group_hash(a["swift"], sup2)
    assert services.group_hash(a["keystone"], sup) == services.group_hash(a["keystone"], sup2)


def test_restart_closure():
    order = [
        "memcached",
        "keystone",
        "swift",
        "mariadb",
        "rabbitmq",
        "glance",
        "placement",
        "neutron",
        "cinder",
        "nova",
        "heat",
    ]
    assert services.restart_closure(["memcached"], order) == ["memcached", "keystone"]
    assert services.restart_closure(["rabbitmq"], order) == ["rabbitmq", "cinder", "nova", "heat"]
    assert services.restart_closure(["mariadb"], order) == ["mariadb", "placement", "cinder", "nova", "heat"]
    assert services.restart_closure(["memcached"], ["memcached", "swift"]) == ["memcached"]
    assert services.restart_closure([], order) == []


def test_list_queues_parsing():
    out = "engine\t1\ncinder-volume\t0\nconductor\t2\ngarbage line here\nreply_x\t1\n"
    q = services.parse_list_queues(out)
    assert q == {"engine": 1, "cinder-volume": 0, "conductor": 2, "reply_x": 1}
    assert services.queues_ready(q, ["engine", "cinder-volume", "compute"]) == ["cinder-volume", "compute"]


def test_cinder_reads_the_resource_filters_that_ship_in_its_venv():
    # without it Cinder looks in /etc/cinder and, finding nothing there, refuses every list filter
    # (name, status, resource_uuid...) from users who are not administrators
    cp = parse(configs.cinder_conf(settings("--all"), P))
    assert cp["DEFAULT"]["resource_query_filters_file"] == "/state/venv-full/etc/cinder/resource_filters.json"
