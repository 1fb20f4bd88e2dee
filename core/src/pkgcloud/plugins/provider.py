"""What a provider plugin registers."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pkgcloud.options import Option, Options, OptionSet, common_options

# configure(given, service) -> given: fill options from the user's environment (config files, env vars)
Configure = Callable[[dict[str, Any], str], dict[str, Any]]
# validate(options) -> options: check combinations once types are known
Validate = Callable[[Options], Options]


def import_string(path: str) -> Any:
    """``"package.module:attribute"`` -> the attribute (imported on demand)."""
    module, _, attr = path.partition(":")
    obj: Any = importlib.import_module(module)
    for part in attr.split(".") if attr else ():
        obj = getattr(obj, part)
    return obj


class Provider:
    """A cloud provider: its name, the services it offers and the options it accepts.

    ``services`` maps a service name (``"storage"``, ``"compute"``...) to the client class or to an
    import string ``"module:Class"``, so service code is imported only when a client is made.
    ``configure`` and ``validate`` may also be import strings.
    """

    def __init__(
        self,
        name: str,
        *,
        services: Mapping[str, str | type],
        options: Iterable[Option] = (),
        configure: Configure | str | None = None,
        validate: Validate | str | None = None,
        description: str = "",
    ) -> None:
        self.name = name
        self._services = dict(services)
        self.option_set = OptionSet([*common_options(), *options])
        self._configure = configure
        self._validate = validate
        self.description = description
        self.plugin: str | None = None  # the entry point or plugin name it came from
        self.distribution: str | None = None

    def __repr__(self) -> str:
        return f"<Provider {self.name!r} services={list(self.services)!r}>"

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(sorted(self._services))

    def client_class(self, service: str) -> type:
        target = self._services[service]
        cls = import_string(target) if isinstance(target, str) else target
        self._services[service] = cls
        return cls

    def resolve_options(self, given: Mapping[str, Any], service: str = "") -> Options:
        """Aliases -> canonical names, the provider's configure step, type checks, its validate step."""
        values = self.option_set.normalise(given, provider=self.name)
        given_as = {self.option_set.canonical(k) or k: k for k in given}
        if self._configure is not None:
            configure = self._configure
            if isinstance(configure, str):
                configure = self._configure = import_string(configure)
            assert callable(configure)
            values = configure(values, service)
        options = self.option_set.check(values, provider=self.name, given_as=given_as)
        if self._validate is not None:
            validate = self._validate
            if isinstance(validate, str):
                validate = self._validate = import_string(validate)
            assert callable(validate)
            options = validate(options)
        return options
