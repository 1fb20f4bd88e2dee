"""Cloud DNS request bodies, checked before anything is sent.

The limits are the API's (Rackspace Cloud DNS v1.0 developer guide): a TTL of at least 300 seconds,
at most 100 entities per request, comments of at most 160 characters, the record types A, AAAA,
CNAME, MX, NS, SRV and TXT (PTR records belong to reverse DNS), a priority for MX and SRV only.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pkgcloud.bodies import check_int, check_known, check_name, fields, ref_id, require_some
from pkgcloud.errors import ValidationError

MIN_TTL = 300
MAX_ENTITIES = 100
MAX_COMMENT = 160
MAX_PAGE = 100
RECORD_TYPES = ("A", "AAAA", "CNAME", "MX", "NS", "SRV", "TXT")
PRIORITY_TYPES = frozenset({"MX", "SRV"})
CONTENT_TYPES = ("BIND_9",)

ZONE_FIELDS = ("name", "email", "ttl", "comment", "records", "subzones")
ZONE_UPDATE_FIELDS = ("email", "ttl", "comment")
RECORD_FIELDS = ("name", "type", "data", "ttl", "priority", "comment")
RECORD_UPDATE_FIELDS = ("name", "data", "ttl", "priority", "comment")

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_zone_name(name: Any) -> str:
    """A domain name such as ``example.com``: labels of letters, digits and hyphens, no trailing dot."""
    if not isinstance(name, str) or not name:
        raise ValidationError(f"a zone name must be a domain name such as 'example.com', not {name!r}")
    if name.endswith("."):
        raise ValidationError(f"give the zone name without its final dot: {name[:-1]!r}, not {name!r}")
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise ValidationError(
            f"a zone name must be a domain name such as 'example.com' (labels of letters, digits and "
            f"hyphens, at most 63 characters each, 253 in all), not {name!r}"
        )
    return name


def check_email(email: Any, what: str = "email") -> str | None:
    if email is None:
        return None
    if not isinstance(email, str) or not _EMAIL.match(email):
        raise ValidationError(f"{what} must be an email address such as 'hostmaster@example.com', not {email!r}")
    return email


def check_ttl(ttl: Any) -> int | None:
    return check_int(ttl, "ttl (seconds)", minimum=MIN_TTL, maximum=2**31 - 1)


def check_comment(comment: Any) -> str | None:
    if comment is None:
        return None
    if not isinstance(comment, str):
        raise ValidationError(f"comment must be a string, not {comment!r}")
    if len(comment) > MAX_COMMENT:
        raise ValidationError(f"comment is {len(comment)} characters long; the API allows {MAX_COMMENT}")
    return comment


def check_count(items: Sequence[Any], what: str) -> None:
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence):
        raise ValidationError(f"{what} must be a list, not {type(items).__name__}")
    if not items:
        raise ValidationError(f"{what} must not be empty")
    if len(items) > MAX_ENTITIES:
        raise ValidationError(f"{len(items)} {what} in one request; the API takes at most {MAX_ENTITIES}")


def check_paging(page_size: Any, offset: Any) -> None:
    """``page_size`` 1..100; ``offset`` a multiple of the page size (the API answers 400 otherwise)."""
    check_int(page_size, "page_size", minimum=1, maximum=MAX_PAGE)
    check_int(offset, "offset", minimum=0)
    if offset is not None:
        size = page_size or MAX_PAGE
        if offset % size:
            raise ValidationError(
                f"offset must be a multiple of the page size ({size}{'' if page_size else ', the default'}), "
                f"not {offset}"
            )


def _record_type(value: Any) -> str:
    kind = value.upper() if isinstance(value, str) else value
    if kind not in RECORD_TYPES:
        extra = " (PTR records are reverse DNS, not zone records)" if kind == "PTR" else ""
        raise ValidationError(
            f"record type must be one of {', '.join(RECORD_TYPES)}; the API has no type {value!r}{extra}"
        )
    return str(kind)


def _check_data(kind: str | None, value: Any) -> str:
    data = check_name(value, "record data", max_length=4096)
    if kind == "A":
        try:
            ipaddress.IPv4Address(data)
        except ValueError:
            raise ValidationError(f"an A record's data must be an IPv4 address, not {data!r}") from None
    elif kind == "AAAA":
        try:
            ipaddress.IPv6Address(data)
        except ValueError:
            raise ValidationError(f"an AAAA record's data must be an IPv6 address, not {data!r}") from None
    return data


def _check_priority(kind: str | None, value: Any, *, creating: bool) -> int | None:
    priority = check_int(value, "priority", minimum=0, maximum=65535)
    if kind is None:
        return priority
    if kind in PRIORITY_TYPES and priority is None and creating:
        raise ValidationError(f"a {kind} record needs a priority (0-65535)")
    if kind not in PRIORITY_TYPES and priority is not None:
        raise ValidationError(f"priority is for MX and SRV records only, not {kind}")
    return priority


def record_create(spec: Mapping[str, Any]) -> dict[str, Any]:
    """One record to create: ``name``, ``type``, ``data``; ``ttl``, ``priority`` (MX, SRV), ``comment``."""
    if not isinstance(spec, Mapping):
        raise ValidationError(f"a record is a mapping of {', '.join(RECORD_FIELDS)}, not {type(spec).__name__}")
    check_known(spec, RECORD_FIELDS, "a record", kind="field")
    kind = _record_type(spec.get("type"))
    return fields(
        name=check_name(spec.get("name"), "record name"),
        type=kind,
        data=_check_data(kind, spec.get("data")),
        ttl=check_ttl(spec.get("ttl")),
        priority=_check_priority(kind, spec.get("priority"), creating=True),
        comment=check_comment(spec.get("comment")),
    )


def record_update(spec: Mapping[str, Any], kind: str | None = None, *, with_id: Any = None) -> dict[str, Any]:
    """A record's changes (``type`` cannot change); ``kind`` is its type when known (checks ``data``)."""
    if "type" in spec:
        raise ValidationError("a record's type cannot be changed: delete it and create one of the new type")
    check_known(spec, RECORD_UPDATE_FIELDS, "update_record", kind="field")
    require_some({k: spec.get(k) for k in RECORD_UPDATE_FIELDS}, "update_record")
    kind = kind.upper() if isinstance(kind, str) else None
    data = spec.get("data")
    return fields(
        id=ref_id(with_id, "record") if with_id is not None else None,
        name=check_name(spec["name"], "record name") if spec.get("name") is not None else None,
        data=_check_data(kind, data) if data is not None else None,
        ttl=check_ttl(spec.get("ttl")),
        priority=_check_priority(kind, spec.get("priority"), creating=False),
        comment=check_comment(spec.get("comment")),
    )


def zone_create(spec: Mapping[str, Any]) -> dict[str, Any]:
    """One zone to create: ``name``, ``email``; ``ttl``, ``comment``, ``records``, ``subzones``."""
    if not isinstance(spec, Mapping):
        raise ValidationError(f"a zone is a mapping of {', '.join(ZONE_FIELDS)}, not {type(spec).__name__}")
    check_known(spec, ZONE_FIELDS, "a zone", kind="field")
    email = check_email(spec.get("email"))
    if email is None:
        raise ValidationError("a zone needs email, the address of its administrator")
    records = spec.get("records")
    subzones = spec.get("subzones")
    body = fields(
        name=check_zone_name(spec.get("name")),
        emailAddress=email,
        ttl=check_ttl(spec.get("ttl")),
        comment=check_comment(spec.get("comment")),
    )
    if records is not None:
        if records:
            check_count(records, "records")
        body["recordsList"] = {"records": [record_create(r) for r in records]}
    if subzones is not None:
        if subzones:
            check_count(subzones, "subzones")
        body["subdomains"] = {"domains": [zone_create(z) for z in subzones]}
    return body


def zone_update(spec: Mapping[str, Any], *, with_id: Any = None) -> dict[str, Any]:
    check_known(spec, ZONE_UPDATE_FIELDS, "update_zone", kind="field")
    require_some({k: spec.get(k) for k in ZONE_UPDATE_FIELDS}, "update_zone")
    return fields(
        id=zone_id_value(with_id) if with_id is not None else None,
        emailAddress=check_email(spec.get("email")),
        ttl=check_ttl(spec.get("ttl")),
        comment=check_comment(spec.get("comment")),
    )


def zone_id_value(zone: Any) -> int | str:
    """A zone id as the API writes it in bodies: a number."""
    found = ref_id(zone, "zone")
    return int(found) if found.isdigit() else found


def zone_import(contents: Any, content_type: Any) -> dict[str, Any]:
    if not isinstance(contents, str) or not contents.strip():
        raise ValidationError("import_zone needs the zone's text (a BIND 9 zone file), not an empty value")
    if content_type not in CONTENT_TYPES:
        raise ValidationError(f"content_type must be one of {', '.join(CONTENT_TYPES)}, not {content_type!r}")
    return {"domains": [{"contentType": content_type, "contents": contents}]}
