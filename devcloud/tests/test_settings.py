import pytest

from devcloud import settings as S
from devcloud.cli import build_parser


def args(*argv):
    return build_parser().parse_args(["up", *argv])


def test_defaults():
    s = S.resolve(None, {})
    assert s.state_dir == "/tmp/pkgcloud-devcloud"
    assert s.profile == "core"
    assert s.ports == S.DEFAULT_PORTS
    assert s.token_expiration == 3600 and s.authtoken_cache_time == 300
    assert s.auth_url == "http://127.0.0.1:5000/v3"
    assert s.swift_storage == "tmpfs" and s.swift_storage_size == "12g"


def test_env_and_option_precedence():
    env = {
        "PKGCLOUD_DEVCLOUD_DIR": "/tmp/x",
        "TOKEN_EXPIRATION": "10",
        "PKGCLOUD_DEVCLOUD_PORT_KEYSTONE": "5001",
        "AUTHTOKEN_CACHE_TIME": "-1",
    }
    s = S.resolve(None, env)
    assert (s.state_dir, s.token_expiration, s.ports["keystone"], s.authtoken_cache_time) == ("/tmp/x", 10, 5001, -1)
    s = S.resolve(args("--token-expiration", "5", "--port", "keystone=5002", "--state-dir", "/tmp/y"), env)
    assert (s.state_dir, s.token_expiration, s.ports["keystone"]) == ("/tmp/y", 5, 5002)


def test_prefixed_env_wins_over_plain():
    s = S.resolve(None, {"TOKEN_EXPIRATION": "10", "PKGCLOUD_DEVCLOUD_TOKEN_EXPIRATION": "20"})
    assert s.token_expiration == 20


def test_port_offset_and_explicit_port():
    s = S.resolve(args("--port-offset", "100", "--port", "swift=9999"), {})
    assert s.ports["keystone"] == 5100 and s.ports["mariadb"] == 3407 and s.ports["swift"] == 9999


def test_profile_sticky_unless_given():
    assert S.resolve(None, {}, saved_profile="full").profile == "full"
    assert S.resolve(args("--profile", "core"), {}, saved_profile="full").profile == "core"
    assert S.resolve(args("--all"), {}).profile == "full"
    assert S.resolve(None, {"PKGCLOUD_DEVCLOUD_PROFILE": "all"}).profile == "full"


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        (["--port", "keystone"], {}),
        (["--port", "nosuch=1"], {}),
        (["--port", "keystone=70000"], {}),
        (["--port", "keystone=8080"], {}),  # duplicate of swift
        (["--token-expiration", "0"], {}),
        ([], {"TOKEN_EXPIRATION": "soon"}),
        ([], {"PKGCLOUD_DEVCLOUD_SWIFT_STORAGE": "nfs"}),
        ([], {"PKGCLOUD_DEVCLOUD_SWIFT_STORAGE_SIZE": "12"}),
        ([], {"PKGCLOUD_DEVCLOUD_PROFILE": "huge"}),
        (["--all", "--profile", "core"], {}),
    ],
)
def test_invalid(argv, env):
    with pytest.raises(S.SettingsError):
        S.resolve(args(*argv), env)


def test_active_ports():
    core = S.resolve(None, {})
    assert set(core.active_ports()) == set(S.CORE_PORTS)
    full = S.resolve(args("--all"), {})
    assert full.active_ports() == full.ports


def test_json_roundtrip():
    s = S.resolve(args("--all", "--token-expiration", "7", "--port", "nova=18774"), {})
    t = S.Settings.from_json(s.to_json())
    assert t == s


def test_digest_is_stable_and_sensitive():
    assert S.digest("a", {"x": 1, "y": 2}) == S.digest("a", {"y": 2, "x": 1})
    assert S.digest("ab", "c") != S.digest("a", "bc")
