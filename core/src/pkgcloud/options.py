"""Client options: declared once per provider, checked before anything is sent.

Names are snake_case. The camelCase spellings of the Node library's docs (``authUrl``,
``keystoneAuthVersion``, ``tenantId``...) are accepted for every option, and an option may declare
further aliases. Unknown names get a close-match suggestion; wrong types and missing required options
are named. Secret values never appear in a repr or an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from pkgcloud.errors import InvalidOption, MissingOption, UnknownOption
from pkgcloud.redact import REDACTED


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
    ``convert`` turns an accepted value into the stored one; ``choices`` limits the values;
    ``minimum`` is the smallest number accepted (``above=True``: numbers above it only).
    A value given is used as given: 0 and False are values, only None means "not set".
    """

    __slots__ = (
        "above",
        "aliases",
        "choices",
        "convert",
        "default",
        "help",
        "minimum",
        "name",
        "required",
        "secret",
        "types",
    )

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
        minimum: float | None = None,
        above: bool = False,
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
        self.minimum = minimum
        self.above = above

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
        if self.minimum is not None and (value <= self.minimum if self.above else value < self.minimum):
            bound = f"above {self.minimum:g}" if self.above else f"at least {self.minimum:g}"
            raise InvalidOption(f"option {given_as!r} must be {bound}, not {value!r}")
        return self.convert(value) if self.convert else value


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
        Option("timeout", (int, float), default=60.0, minimum=0, above=True, help="read timeout in seconds"),
        Option("connect_timeout", (int, float), default=10.0, minimum=0, above=True, help="connect timeout in seconds"),
        Option("verify", (bool, str), default=True, aliases=("strict_ssl",), help="verify TLS (or a CA bundle path)"),
        Option("ca_cert", str, aliases=("cacert", "ca_file"), help="CA bundle path; implies verify"),
        Option("insecure", bool, default=False, help="disable TLS verification (same as verify=False)"),
        Option("cert", str, help="client certificate (PEM) path"),
        Option("key", str, help="client certificate key path"),
        Option(
            "retries",
            int,
            default=3,
            minimum=0,
            help="retries of idempotent requests (connection errors, cut answers, 429/502/503/504); 0: none",
        ),
        Option("backoff", (int, float), default=0.5, minimum=0, help="base of the exponential backoff, in seconds"),
        Option(
            "max_backoff", (int, float), default=30.0, minimum=0, help="longest single wait between retries, in seconds"
        ),
        Option("pool_size", int, default=10, minimum=1, help="connections kept per host"),
        Option("user_agent", str, help="product token added in front of pkgcloud's User-Agent"),
        Option("share_auth", bool, default=True, help="share one token between clients made from the same credentials"),
    ]
