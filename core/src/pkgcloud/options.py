"""Client options: declared once per provider, checked before anything is sent.

Names are snake_case. The camelCase spellings of the Node library's docs (``authUrl``,
``keystoneAuthVersion``, ``tenantId``...) are accepted for every option, and an option may declare
further aliases. Unknown names get a close-match suggestion; wrong types and missing required options
are named. Secret values never appear in a repr or an error.

Values wrong on their face are refused here too, when the client is created: an option declares what
a right value is (``valid=``: :func:`http_url`, :func:`positive`, :func:`non_negative`,
:func:`existing_file`, :func:`existing_path`...), and a wrong one raises
:class:`~pkgcloud.errors.InvalidOption` naming the option as it was given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from pkgcloud.errors import InvalidOption, MissingOption, UnknownOption
from pkgcloud.redact import REDACTED

# what a right value is: the problem with ``value`` ("must be ..."), or None when it is right
Valid = Callable[[Any], "str | None"]


def snake_case(name: str) -> str:
    """``authUrl`` -> ``auth_url``; ``keystoneAuthVersion`` -> ``keystone_auth_version``."""
    if name.islower() or not any(c.isupper() for c in name):
        return name
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i and (name[i - 1].islower() or name[i - 1].isdigit()):
            out.append("_")
        out.append(c.lower())
    return "".join(out)


class Option:
    """One option a provider accepts.

    ``types`` are the accepted Python types (``None`` is always accepted when not required);
    A value given is used as given: 0 and False are values, only None means "not set".
    ``convert`` turns an accepted value into the stored one; ``choices`` limits the values.
    """

    __slots__ = ("aliases", "choices", "convert", "default", "help", "name", "required", "secret", "types", "valid")

    def __init__(
        self,
        name: str,
        types: type | tuple[type, ...] = str,
        *,
        default: Any = None,
        aliases: Iterable[str] = (),
        required: bool = False,
        secret: bool = False,
        help: str = "",
        choices: Iterable[Any] | None = None,
        convert: Callable[[Any], Any] | None = None,
        valid: Valid | None = None,
    ) -> None:
        self.name = name
        self.types = types if isinstance(types, tuple) else (types,)
        self.default = default
        self.aliases = tuple(aliases)
        self.required = required
        self.secret = secret
        self.help = help
        self.choices = tuple(choices) if choices is not None else None
        self.convert = convert
        self.valid = valid

    def __repr__(self) -> str:
        return f"Option({self.name!r})"

    def check(self, value: Any, given_as: str) -> Any:
        if value is None:
            return None
        # bool is an int subclass: do not let True pass as a number
        ok = isinstance(value, self.types) and not (
            isinstance(value, bool) and bool not in self.types and (int in self.types or float in self.types)
        )
        if not ok and float in self.types and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            wanted = " or ".join(t.__name__ for t in self.types)
            shown = "" if self.secret else f" ({value!r})"
            raise InvalidOption(f"option {given_as!r} must be {wanted}, not {type(value).__name__}{shown}")
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            shown = "a secret value" if self.secret else repr(value)
            raise InvalidOption(f"option {given_as!r} must be one of {allowed}, not {shown}")
        if self.valid is not None:
            problem = self.valid(value)
            if problem is not None:
                shown = "(a secret value)" if self.secret else f"= {value!r}"
                raise InvalidOption(f"option {given_as!r} {shown} {problem}")
        return self.convert(value) if self.convert else value


# -- what a right value is (``Option(valid=...)``) --------------------------------------------------


def http_url(value: Any) -> str | None:
    """An ``http://`` or ``https://`` URL with a host."""
    from urllib.parse import urlsplit  # only when a URL option is given: keeps import pkgcloud cheap

    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError as exc:
        return f"is not a valid URL ({exc}): give one such as 'https://keystone.example.com:5000/v3'"
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or "://" not in value:
            return "has no scheme: give the whole URL, such as 'https://keystone.example.com:5000/v3'"
        return f"must be an http:// or https:// URL, not a {parts.scheme}:// one"
    if not host:
        return "has no host: give one such as 'https://keystone.example.com:5000/v3'"
    return None


def positive(value: Any) -> str | None:
    """A number above zero (a timeout, a size)."""
    return None if value > 0 else "must be above zero"


def non_negative(value: Any) -> str | None:
    """Zero or more (a count of retries, a backoff in seconds)."""
    return None if value >= 0 else "must be zero or more"


def existing_file(value: Any) -> str | None:
    """The path of a file that exists (``~`` expanded)."""
    path = os.path.expanduser(value)
    if os.path.isfile(path):
        return None
    return "names a directory, not a file" if os.path.isdir(path) else "names a file that does not exist"


def existing_path(value: Any) -> str | None:
    """The path of a file or a directory that exists (a CA bundle or a directory of CA certificates)."""
    return None if os.path.exists(os.path.expanduser(value)) else "names a file that does not exist"


def ca_verify(value: Any) -> str | None:
    """``verify``: True/False, or the path of a CA bundle (file or directory) that exists."""
    return existing_path(value) if isinstance(value, str) else None


class Options(Mapping[str, Any]):
    """The checked options of one client: a read-only mapping by canonical name, secrets hidden in repr."""

    __slots__ = ("_secret", "_values")

    def __init__(self, values: Mapping[str, Any], secret: Iterable[str] = ()) -> None:
        self._values = dict(values)
        self._secret = frozenset(secret)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        shown = {
            k: (REDACTED if k in self._secret and v is not None else v)
            for k, v in self._values.items()
            if v is not None
        }
        return f"Options({shown!r})"

    def replace(self, **changes: Any) -> Options:
        values = dict(self._values)
        values.update(changes)
        return Options(values, self._secret)

    def is_secret(self, name: str) -> bool:
        return name in self._secret


class OptionSet:
    """The options of a provider: resolves names and aliases, checks types, fills defaults."""

    def __init__(self, options: Iterable[Option]) -> None:
        self.options: dict[str, Option] = {}
        self._names: dict[str, str] = {}
        for opt in options:
            self.options[opt.name] = opt
            self._names[opt.name] = opt.name
            for alias in opt.aliases:
                self._names[alias] = opt.name

    def canonical(self, given: str) -> str | None:
        """The canonical name for ``given`` (itself, an alias, or its snake_case form), or None."""
        name = self._names.get(given)
        if name is None:
            name = self._names.get(snake_case(given))
        return name

    def normalise(self, given: Mapping[str, Any], *, provider: str) -> dict[str, Any]:
        """Map given names to canonical ones; reject unknown names and duplicates. Values unchecked."""
        out: dict[str, Any] = {}
        seen_as: dict[str, str] = {}
        for key, value in given.items():
            name = self.canonical(key)
            if name is None:
                raise UnknownOption(self._unknown_message(key, provider))
            if name in seen_as and out[name] != value:
                raise InvalidOption(f"options {seen_as[name]!r} and {key!r} are the same option with different values")
            seen_as[name] = key
            out[name] = value
        return out

    def check(self, values: Mapping[str, Any], *, provider: str, given_as: Mapping[str, str] | None = None) -> Options:
        """Type-check canonical ``values``, fill defaults, require the required ones."""
        checked: dict[str, Any] = {}
        for name, opt in self.options.items():
            value = values.get(name)
            if value is None:
                value = opt.default
                checked[name] = value
                continue
            checked[name] = opt.check(value, (given_as or {}).get(name, name))
        missing = [name for name, opt in self.options.items() if opt.required and checked.get(name) is None]
        if missing:
            listed = ", ".join(repr(m) for m in missing)
            raise MissingOption(f"provider {provider!r} needs option {listed}")
        extra = set(values) - set(self.options)
        if extra:
            raise UnknownOption(self._unknown_message(sorted(extra)[0], provider))
        return Options(checked, secret=(n for n, o in self.options.items() if o.secret))

    def _unknown_message(self, key: str, provider: str) -> str:
        import difflib  # only on this error path: keeps import pkgcloud cheap

        candidates = list(self._names)
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
        if not close:
            close = difflib.get_close_matches(snake_case(key), candidates, n=1, cutoff=0.6)
        hint = f"; did you mean {self._names[close[0]]!r}?" if close else ""
        return f"unknown option {key!r} for provider {provider!r}{hint}"


def common_options() -> list[Option]:
    """Options every client accepts, whatever the provider: the HTTP layer's."""
    return [
        Option("timeout", (int, float), default=60.0, valid=positive, help="read timeout in seconds"),
        Option("connect_timeout", (int, float), default=10.0, valid=positive, help="connect timeout in seconds"),
        Option(
            "verify",
            (bool, str),
            default=True,
            aliases=("strict_ssl",),
            valid=ca_verify,
            help="verify TLS (or a CA bundle path)",
        ),
        Option(
            "ca_cert", str, aliases=("cacert", "ca_file"), valid=existing_path, help="CA bundle path; implies verify"
        ),
        Option("insecure", bool, default=False, help="disable TLS verification (same as verify=False)"),
        Option("cert", str, valid=existing_file, help="client certificate (PEM) path"),
        Option("key", str, valid=existing_file, help="client certificate key path"),
        Option(
            "retries",
            int,
            default=3,
            valid=non_negative,
            help="retries of idempotent requests (connection errors, cut answers, 429/502/503/504); 0: none",
        ),
        Option(
            "backoff", (int, float), default=0.5, valid=non_negative, help="base of the exponential backoff, in seconds"
        ),
        Option(
            "max_backoff",
            (int, float),
            default=30.0,
            valid=non_negative,
            help="longest single wait between retries, in seconds",
        ),
        Option("pool_size", int, default=10, valid=positive, help="connections kept per host"),
        Option("user_agent", str, help="product token added in front of pkgcloud's User-Agent"),
        Option("share_auth", bool, default=True, help="share one token between clients made from the same credentials"),
    ]
