"""Poppy request bodies, checked before they are sent.

A service body is checked against what Poppy's own schema and functional rules refuse where the SDK
can know it (lengths, counts, enums, types, domain and origin names, uniqueness, IP rules); what
only the server knows (whether a flavor exists, a name already taken, a country code, a ccTLD root
such as ``example.co.uk``) is left to it. The same check runs on the state a patch would produce,
so a patch that would leave the service invalid is refused before it is sent.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from pkgcloud.bodies import fields
from pkgcloud.errors import ValidationError

MAX_ITEMS = 10  # domains and origins
MAX_TTL = 31536000
PORTS = (80, 443)
CERTIFICATES = ("shared", "san", "sni", "custom")
HOST_HEADER_TYPES = ("domain", "origin", "custom")
ACCESS = ("whitelist", "blacklist")
RULE_ENTITIES = ("referrer", "geography", "client_ip")
PATCH_OPS = ("add", "remove", "replace", "move", "copy", "test")
# what a patch may change (the service's own document, as Poppy applies the patch to it)
PATCHABLE = ("name", "domains", "origins", "caching", "restrictions", "flavor_id", "log_delivery")

_DOMAIN = re.compile(r"^((?=[a-z0-9-]{1,63}\.)[a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,63}$")
_SHARED_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]?$")
_IPV4 = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$")


def _refuse(where: str, problem: str) -> ValidationError:
    return ValidationError(f"{where} {problem}")


def _text(value: Any, where: str, low: int, high: int) -> str:
    if not isinstance(value, str):
        raise _refuse(where, f"must be a string, not {value!r}")
    if not low <= len(value) <= high:
        raise _refuse(where, f"must be {low} to {high} characters long, not {len(value)} ({value[:40]!r})")
    return value


def _items(value: Any, where: str, *, low: int = 0, high: int | None = None) -> list[Mapping[str, Any]]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise _refuse(where, f"must be a list, not {type(value).__name__}")
    if len(value) < low:
        raise _refuse(where, f"needs at least {low} item{'s' if low > 1 else ''}")
    if high is not None and len(value) > high:
        raise _refuse(where, f"may have at most {high} items, not {len(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise _refuse(f"{where}[{i}]", f"must be an object, not {type(item).__name__}")
    return list(value)


def _set(item: Mapping[str, Any]) -> dict[str, Any]:
    """The keys set (a key given as None is not set)."""
    return {k: v for k, v in item.items() if v is not None}


def _known(item: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    unknown = sorted(set(item) - set(allowed))
    if unknown:
        raise _refuse(where, f"has an unknown key {unknown[0]!r}; it takes {', '.join(allowed)}")


def is_domain_name(name: str) -> bool:
    """A lower-case ASCII host name with a top-level domain, as Poppy accepts one."""
    return _DOMAIN.match(name) is not None


def is_ipv4(text: str) -> bool:
    if not _IPV4.match(text):
        return False
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def _path(url: str) -> str:
    return url if url.startswith("/") else "/" + url


def _rules(value: Any, where: str, *, required: bool) -> list[Mapping[str, Any]]:
    rules = _items(value if value is not None else [], where, low=1 if required else 0)
    for j, rule in enumerate(rules):
        _text(rule.get("name"), f"{where}[{j}].name", 1, 256)
        _text(rule.get("request_url"), f"{where}[{j}].request_url", 1, 1024)
    return rules


def check_domains(value: Any, where: str = "domains") -> None:
    seen: set[str] = set()
    for i, domain in enumerate(_items(value, where, low=1, high=MAX_ITEMS)):
        at = f"{where}[{i}]"
        item = _set(domain)
        _known(item, ("domain", "protocol", "certificate"), at)
        name = _text(item.get("domain"), f"{at}.domain", 3, 253)
        protocol = item.get("protocol", "http")
        certificate = item.get("certificate")
        if protocol == "http":
            if certificate is not None:
                raise _refuse(at, f"is http: it takes no certificate (give protocol 'https' for {certificate!r})")
        elif protocol == "https":
            if certificate not in CERTIFICATES:
                raise _refuse(
                    f"{at}.certificate", f"must be one of {', '.join(CERTIFICATES)} for https, not {certificate!r}"
                )
        else:
            raise _refuse(f"{at}.protocol", f"must be 'http' or 'https', not {protocol!r}")
        if protocol == "https" and certificate == "shared":
            if not _SHARED_DOMAIN.match(name):
                raise _refuse(
                    f"{at}.domain",
                    f"{name!r} is not valid for a shared certificate: give one label (no dots), lower case",
                )
        else:
            if not is_domain_name(name):
                raise _refuse(f"{at}.domain", f"{name!r} is not a valid domain name (lower-case ASCII, with a TLD)")
            if name.count(".") == 1:
                raise _refuse(
                    f"{at}.domain",
                    f"{name!r} is a root domain: DNS providers rarely allow a CNAME there; add a subdomain "
                    f"(www.{name})",
                )
        if name in seen:
            raise _refuse(f"{at}.domain", f"{name!r} is given twice")
        seen.add(name)


def check_origins(value: Any, where: str = "origins") -> None:
    seen: set[str] = set()
    paths: set[str] = set()
    for i, origin in enumerate(_items(value, where, low=1, high=MAX_ITEMS)):
        at = f"{where}[{i}]"
        item = _set(origin)
        name = _text(item.get("origin"), f"{at}.origin", 3, 253)
        if not (is_domain_name(name) or is_ipv4(name)):
            raise _refuse(
                f"{at}.origin", f"{name!r} must be a host name or an IPv4 address (no scheme, path or spaces)"
            )
        port = item.get("port")
        if port is not None and (isinstance(port, bool) or port not in PORTS):
            raise _refuse(f"{at}.port", f"must be 80 or 443 (a number), not {port!r}")
        ssl = item.get("ssl")
        if ssl is not None and not isinstance(ssl, bool):
            raise _refuse(f"{at}.ssl", f"must be True or False, not {ssl!r}")
        # the first origin defaults to every path; the others say which paths they serve
        for rule in _rules(item.get("rules"), f"{at}.rules", required=i > 0):
            path = _path(rule["request_url"])
            if path in paths:
                raise _refuse(f"{at}.rules", f"repeat the path {path!r} of another origin")
            paths.add(path)
        kind = item.get("hostheadertype")
        if kind is not None and kind not in HOST_HEADER_TYPES:
            raise _refuse(f"{at}.hostheadertype", f"must be one of {', '.join(HOST_HEADER_TYPES)}, not {kind!r}")
        header = item.get("hostheadervalue")
        if kind == "custom":
            _text(header, f"{at}.hostheadervalue", 3, 253)
        if header is not None and not (isinstance(header, str) and is_domain_name(header)):
            raise _refuse(f"{at}.hostheadervalue", f"{header!r} is not a valid host name")
        key = f"{'https' if ssl else 'http'}://{name}"
        if key in seen:
            raise _refuse(f"{at}.origin", f"{key!r} is given twice")
        seen.add(key)


def check_caching(value: Any, where: str = "caching") -> None:
    paths: set[str] = set()
    for i, rule in enumerate(_items(value, where)):
        at = f"{where}[{i}]"
        item = _set(rule)
        _text(item.get("name"), f"{at}.name", 1, 256)
        ttl = item.get("ttl")
        if isinstance(ttl, bool) or not isinstance(ttl, int) or not 0 <= ttl <= MAX_TTL:
            raise _refuse(f"{at}.ttl", f"must be a whole number of seconds from 0 to {MAX_TTL}, not {ttl!r}")
        # the first rule may be the default (every path); the others say which paths they cache
        for each in _rules(item.get("rules"), f"{at}.rules", required=i > 0):
            path = _path(each["request_url"])
            if path in paths:
                raise _refuse(f"{at}.rules", f"repeat the path {path!r} of another caching rule")
            paths.add(path)


def _client_ip(text: Any, where: str) -> None:
    if not isinstance(text, str):
        raise _refuse(where, f"must be an IP address or network, not {text!r}")
    try:
        if "/" in text:
            network = ipaddress.ip_network(text, strict=False)
            if network.prefixlen == 0:
                raise ValueError(text)
        else:
            ipaddress.ip_address(text)
    except ValueError:
        raise _refuse(where, f"{text!r} is not an IPv4 or IPv6 address or network (CIDR)") from None
    if ":" not in text and not is_ipv4(text.split("/")[0]):
        raise _refuse(where, f"{text!r} is not an IPv4 address in dotted decimal")


def check_restrictions(value: Any, where: str = "restrictions") -> None:
    # what each path black- and whitelists: one kind of entity cannot be both on one path
    listed: dict[str, dict[str, set[str]]] = {"blacklist": {}, "whitelist": {}}
    for i, restriction in enumerate(_items(value, where)):
        at = f"{where}[{i}]"
        item = _set(restriction)
        _known(item, ("name", "access", "rules"), at)
        _text(item.get("name"), f"{at}.name", 1, 256)
        access = item.get("access")
        if access is not None and access not in ACCESS:
            raise _refuse(f"{at}.access", f"must be 'whitelist' or 'blacklist', not {access!r}")
        if "rules" not in item:
            raise _refuse(at, "needs its rules")
        for j, rule in enumerate(_items(item["rules"], f"{at}.rules")):
            rat = f"{at}.rules[{j}]"
            given = _set(rule)
            _known(given, ("name", *RULE_ENTITIES, "request_url"), rat)
            entities = [e for e in RULE_ENTITIES if e in given]
            if len(entities) != 1:
                raise _refuse(rat, f"must restrict exactly one of {', '.join(RULE_ENTITIES)}, not {entities or 'none'}")
            if "name" in given or entities[0] == "referrer":
                _text(given.get("name"), f"{rat}.name", 1, 256)
            if entities[0] == "referrer":
                referrer = _text(given["referrer"], f"{rat}.referrer", 3, 1024)
                if not is_domain_name(referrer):
                    raise _refuse(f"{rat}.referrer", f"{referrer!r} is not a valid domain (no scheme or path)")
            elif entities[0] == "client_ip":
                _client_ip(given["client_ip"], f"{rat}.client_ip")
            elif not isinstance(given["geography"], str):
                raise _refuse(f"{rat}.geography", f"must be a country or region name, not {given['geography']!r}")
            if "request_url" in given:
                _text(given["request_url"], f"{rat}.request_url", 1, 1024)
            # Poppy counts a restriction without "access" as a blacklist here
            path = _path(given.get("request_url", "/*"))
            listed[access or "blacklist"].setdefault(path, set()).add(entities[0])
    for path, kinds in listed["whitelist"].items():
        both = sorted(kinds & listed["blacklist"].get(path, set()))
        if both:
            raise _refuse(where, f"cannot blacklist and whitelist {both[0]} on {path!r} at the same time")


def check_service(doc: Mapping[str, Any], what: str = "the service") -> None:
    """Refuse a service document Poppy would refuse for a reason the SDK can know."""
    try:
        _text(doc.get("name"), "name", 3, 256)
        check_domains(doc.get("domains"))
        check_origins(doc.get("origins"))
        _text(doc.get("flavor_id"), "flavor_id", 1, 256)
        if doc.get("caching") is not None:
            check_caching(doc["caching"])
        if doc.get("restrictions") is not None:
            check_restrictions(doc["restrictions"])
        log = doc.get("log_delivery")
        if log is not None and (not isinstance(log, Mapping) or not isinstance(log.get("enabled"), bool)):
            raise _refuse("log_delivery", f"must be {{'enabled': True or False}}, not {log!r}")
        origins = {str(o.get("origin", "")).lower().strip() for o in doc["origins"]}
        domains = {str(d.get("domain", "")).lower().strip() for d in doc["domains"]}
        same = sorted(origins & domains)
        if same:
            raise _refuse("origins", f"cannot be one of the domains served ({same[0]!r})")
    except ValidationError as exc:
        raise ValidationError(f"{what}: {exc}") from None


def log_delivery(value: bool | Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return {"enabled": value}
    if isinstance(value, Mapping):
        return dict(value)
    raise ValidationError(f"log_delivery must be True, False or {{'enabled': ...}}, not {value!r}")


def service_create(
    name: Any,
    domains: Any,
    origins: Any,
    flavor_id: Any,
    caching: Any = None,
    restrictions: Any = None,
    log: bool | Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The body of ``POST /services`` from what the caller set, checked."""
    body = fields(
        name=name,
        domains=_plain(domains),
        origins=_plain(origins),
        flavor_id=flavor_id,
        caching=_plain(caching),
        restrictions=_plain(restrictions),
        log_delivery=log_delivery(log),
    )
    check_service(body, "create_service")
    return body


def _plain(value: Any) -> Any:
    """Lists of mappings as plain JSON-able lists of dicts (a tuple or a mapping type is accepted)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def patchable(service: Any) -> dict[str, Any]:
    """The document a patch applies to: what Poppy lets a patch change, from a model or a mapping
    (what the service reports about itself, such as a domain's ``certificate_status``, is left out)."""
    source = dict(service) if isinstance(service, Mapping) else {k: getattr(service, k, None) for k in PATCHABLE}
    doc: dict[str, Any] = {}
    for key in PATCHABLE:
        value = source.get(key)
        if value is None:
            continue
        doc[key] = _plain(value)
    if isinstance(doc.get("domains"), list):
        doc["domains"] = [
            {k: v for k, v in d.items() if k != "certificate_status"} if isinstance(d, dict) else d
            for d in doc["domains"]
        ]
    return doc


def check_operations(operations: Any) -> list[dict[str, Any]]:
    """JSON-Patch operations as a list of objects with a known ``op`` and a JSON-Pointer ``path``."""
    ops = _items(operations, "operations")
    out = []
    for i, op in enumerate(ops):
        at = f"operations[{i}]"
        kind = op.get("op")
        if kind not in PATCH_OPS:
            raise _refuse(f"{at}.op", f"must be one of {', '.join(PATCH_OPS)}, not {kind!r}")
        path = op.get("path")
        if not isinstance(path, str) or not path.startswith("/"):
            raise _refuse(f"{at}.path", f"must be a JSON Pointer such as '/domains/-', not {path!r}")
        if kind in ("add", "replace", "test") and "value" not in op:
            raise _refuse(at, f"a {kind!r} needs a value")
        if kind in ("move", "copy") and not isinstance(op.get("from"), str):
            raise _refuse(at, f"a {kind!r} needs 'from', a JSON Pointer")
        out.append(_plain(dict(op)))
    return out


def check_service_id(value: str) -> str:
    """Poppy's service ids are UUIDs; anything else it answers with 400."""
    try:
        uuid.UUID(value)
    except ValueError:
        raise ValidationError(f"a CDN service id is a UUID, not {value!r}") from None
    return value
