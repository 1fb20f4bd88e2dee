"""What a provider plugin registers."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.options import Option, Options, OptionSet, common_options

if TYPE_CHECKING:
    from importlib.metadata import Distribution

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
        self._distribution: str | None = None
        self._dist: Distribution | None = None  # its name is read when first asked for

    @property
    def distribution(self) -> str | None:
        """The name of the distribution the provider's plugin came from (None for one registered in
        process). Read from the distribution's metadata when first asked for: parsing it costs more
        than everything else a first ``create_client`` does with the provider."""
        if self._dist is not None:
            self._distribution, self._dist = self._dist.name, None
        return self._distribution

    @distribution.setter
    def distribution(self, name: str | None) -> None:
        self._distribution, self._dist = name, None

    def set_origin(self, plugin: str | None, distribution: str | Distribution | None) -> None:
        """Where the provider came from: the plugin's name, and its distribution or that one's name."""
        self.plugin = plugin
        if distribution is None or isinstance(distribution, str):
            self.distribution = distribution
        else:
            self._distribution, self._dist = None, distribution

    def take_origin(self, other: Provider) -> None:
        """Come from where ``other`` came from (the same provider registered again, in process)."""
        self.plugin, self._distribution, self._dist = other.plugin, other._distribution, other._dist

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
