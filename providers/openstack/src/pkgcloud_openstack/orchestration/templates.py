"""Local templates: read a template and its environment files, and build the ``files`` map Heat needs.

Heat never reads the caller's disk: every ``get_file`` target and every provider template (a resource
``type:`` naming a template file, or an environment's ``resource_registry`` entry) must be sent in
``files``, keyed by the exact string the template uses. This walks the templates as the Heat CLI does,
recursively (a nested template's references are relative to it), and reads nothing from a URL
unless the caller gives ``fetch_url``. Templates are parsed only to be checked and walked: the text
is sent as it was written.

PyYAML is imported when a template is first parsed (``import pkgcloud`` stays cheap).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pkgcloud.errors import ValidationError

# resource types that name a template file, as the Heat CLI recognises them
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".json")
_loader: Any = None


class TemplateError(ValidationError):
    """A template (or environment) that cannot be read or is not YAML/JSON, or a reference in one
    to a file that does not exist. ``template`` and ``reference`` name where."""

    def __init__(self, message: str, *, template: str | None = None, reference: str | None = None) -> None:
        super().__init__(message)
        self.template = template
        self.reference = reference


def _yaml_loader() -> Any:
    """A safe YAML loader that keeps dates as text (``heat_template_version: 2018-08-31``)."""
    global _loader
    if _loader is None:
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        Loader.yaml_implicit_resolvers = {
            key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        _loader = Loader
    return _loader


def parse(text: str, what: str = "the template") -> dict[str, Any]:
    """A template or environment from YAML or JSON text; a :class:`TemplateError` when it is neither
    or is not a mapping."""
    import yaml

    if not isinstance(text, str):
        raise TemplateError(f"{what} must be text, not {type(text).__name__}", template=what)
    try:
        doc = json.loads(text) if text.lstrip().startswith("{") else yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
    except (ValueError, yaml.YAMLError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TemplateError(f"{what} is neither YAML nor JSON: {detail}", template=what) from None
    if doc is None and what.startswith("environment"):
        return {}
    if not isinstance(doc, dict):
        kind = "empty" if doc is None else f"a {type(doc).__name__}"
        raise TemplateError(f"{what} must be a mapping (YAML or JSON), but it is {kind}", template=what)
    return doc


def is_url(reference: str) -> bool:
    return urlsplit(reference).scheme in ("http", "https")


def is_template_reference(value: Any) -> bool:
    return isinstance(value, str) and value.lower().endswith(TEMPLATE_SUFFIXES) and "::" not in value


class Source:
    """Where one template or environment was read from: its text, its parsed form and the directory
    its relative references start from (None: relative references cannot be resolved)."""

    __slots__ = ("base", "doc", "name", "text")

    def __init__(self, name: str, text: str | None, doc: dict[str, Any], base: Path | None) -> None:
        self.name = name
        self.text = text
        self.doc = doc
        self.base = base


def looks_like_path(value: str) -> bool:
    return "\n" not in value and value.strip() == value and value.lower().endswith(TEMPLATE_SUFFIXES)


def load(
    template: Mapping[str, Any] | str | os.PathLike[str], *, base_dir: str | os.PathLike[str] | None = None
) -> Source:
    """The template: a mapping, YAML/JSON text, or the path of a local file (a string naming an
    existing file, or ending in ``.yaml``/``.yml``/``.json``/``.template``, is taken as a path)."""
    base = Path(base_dir).resolve() if base_dir is not None else None
    if isinstance(template, Mapping):
        return Source("the template", None, dict(template), base)
    if isinstance(template, os.PathLike) or (
        isinstance(template, str) and (looks_like_path(template) or _is_file(template))
    ):
        path = Path(os.fspath(template))
        text = _read(path, "the template", str(template))
        return Source(str(template), text, parse(text, f"template {str(template)!r}"), path.resolve().parent)
    if isinstance(template, str):
        if not template.strip():
            raise TemplateError("the template is empty: give a mapping, YAML or JSON text, or a file's path")
        return Source("the template", template, parse(template), base)
    raise TemplateError(f"a template is a mapping, YAML or JSON text, or a file's path, not {type(template).__name__}")


def _is_file(value: str) -> bool:
    if "\n" in value or len(value) > 4096:
        return False
    try:
        return Path(value).is_file()
    except (OSError, ValueError):
        return False


def _read(path: Path, what: str, reference: str, referrer: str | None = None) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        where = f"{referrer} refers to {reference!r}, but " if referrer else ""
        raise TemplateError(
            f"{where}{what} {str(path)!r} does not exist", template=referrer or reference, reference=reference
        ) from None
    except OSError as exc:
        raise TemplateError(f"cannot read {what} {str(path)!r}: {exc.strerror or exc}", template=referrer) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(
            f"{what} {str(path)!r} is not UTF-8 text: Heat's files map holds text only",
            template=referrer,
            reference=reference,
        ) from None


# -- walking ---------------------------------------------------------------------------------------


def _references(doc: Any, *, in_resources: bool = False) -> Iterator[tuple[str, str]]:
    """``("file", ref)`` for each ``get_file``, ``("template", ref)`` for each template type."""
    if isinstance(doc, Mapping):
        for key, value in doc.items():
            if key == "get_file" and isinstance(value, str):
                yield "file", value
            elif key == "type" and is_template_reference(value):
                yield "template", value
            else:
                yield from _references(value)
    elif isinstance(doc, list):
        for item in doc:
            yield from _references(item)


def _registry_references(environment: Mapping[str, Any]) -> Iterator[str]:
    registry = environment.get("resource_registry")
    if not isinstance(registry, Mapping):
        return
    for key, value in registry.items():
        if key == "resources" and isinstance(value, Mapping):
            for mapping in value.values():
                if isinstance(mapping, Mapping):
                    for target in mapping.values():
                        if is_template_reference(target):
                            yield target
        elif is_template_reference(value):
            yield value


class FilesBuilder:
    """Collects the ``files`` map, reading each file once; the same key naming two different files is
    refused (Heat looks files up by the exact string)."""

    def __init__(self, given: Mapping[str, str] | None, fetch_url: Callable[[str], str] | None) -> None:
        self.files: dict[str, str] = {}
        self.given = dict(given or {})
        self.fetch_url = fetch_url
        self._origin: dict[str, str] = {}

    def _resolve(self, reference: str, base: Path | None, referrer: str) -> tuple[str, str | None]:
        """(where it is, its text) — text None when it is left for the caller's ``files``."""
        if is_url(reference):
            if self.fetch_url is None:
                return reference, None
            text = self.fetch_url(reference)
            if not isinstance(text, str):
                raise TemplateError(f"fetch_url({reference!r}) must return text, not {type(text).__name__}")
            return reference, text
        parts = urlsplit(reference)
        if parts.scheme == "file":
            path = Path(unquote(parts.path))
        elif parts.scheme:
            raise TemplateError(
                f"{referrer} refers to {reference!r}: only local paths and http(s) URLs can be resolved",
                template=referrer,
                reference=reference,
            )
        else:
            path = Path(reference)
            if not path.is_absolute():
                if base is None:
                    return reference, None
                path = base / path
        path = path.resolve()
        return str(path), _read(path, "the file", reference, referrer)

    def add(self, reference: str, base: Path | None, referrer: str, *, template: bool) -> None:
        if reference in self.given:
            self.files.setdefault(reference, self.given[reference])
            return
        origin, text = self._resolve(reference, base, referrer)
        if text is None:
            return
        if reference in self._origin:
            if self._origin[reference] != origin:
                raise TemplateError(
                    f"{referrer} refers to {reference!r}, which another template uses for {self._origin[reference]!r}: "
                    "Heat keys files by the exact string, so one name cannot stand for two files (rename one)",
                    template=referrer,
                    reference=reference,
                )
            return
        self._origin[reference] = origin
        self.files[reference] = text
        if template:
            nested_base = None if is_url(origin) else Path(origin).parent
            doc = parse(text, f"template {reference!r}")
            self.walk(Source(reference, text, doc, nested_base))

    def walk(self, source: Source) -> None:
        for kind, reference in _references(source.doc):
            self.add(reference, source.base, source.name, template=kind == "template")

    def walk_environment(self, environment: Mapping[str, Any], base: Path | None, name: str) -> None:
        for reference in _registry_references(environment):
            self.add(reference, base, name, template=True)


def build(
    source: Source,
    *,
    environment: Mapping[str, Any] | None = None,
    environment_files: Sequence[str | os.PathLike[str]] = (),
    files: Mapping[str, str] | None = None,
    fetch_url: Callable[[str], str] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """The ``files`` map of a template and its environments, and the keys of the environment files (in order)."""
    builder = FilesBuilder(files, fetch_url)
    env_keys: list[str] = []
    for env_file in environment_files:
        key = os.fspath(env_file)
        path = Path(key)
        text = _read(path, "the environment file", key)
        doc = parse(text, f"environment file {key!r}")
        builder.files[key] = text
        env_keys.append(key)
        builder.walk_environment(doc, path.resolve().parent, f"environment file {key!r}")
    if environment:
        builder.walk_environment(environment, source.base, "the environment")
    builder.walk(source)
    for key, value in (files or {}).items():
        builder.files.setdefault(key, value)
    return builder.files, env_keys


def template_files(
    template: Mapping[str, Any] | str | os.PathLike[str],
    *,
    base_dir: str | os.PathLike[str] | None = None,
    environment_files: Sequence[str | os.PathLike[str]] = (),
    fetch_url: Callable[[str], str] | None = None,
) -> dict[str, str]:
    """The ``files`` map for a local template (a path; or a mapping or text with ``base_dir``): every
    ``get_file`` target and provider template, recursively, and the environment files with their
    ``resource_registry`` templates. URLs are fetched only through ``fetch_url(url) -> text``."""
    files, _ = build(load(template, base_dir=base_dir), environment_files=environment_files, fetch_url=fetch_url)
    return files


def declared_parameters(doc: Mapping[str, Any]) -> set[str] | None:
    """The parameters a template declares (HOT ``parameters``, CFN ``Parameters``); None if unknown."""
    section = doc.get("parameters", doc.get("Parameters"))
    if section is None:
        return set()
    if not isinstance(section, Mapping):
        return None
    return {str(name) for name in section}
