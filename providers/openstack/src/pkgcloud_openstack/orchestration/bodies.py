"""Request bodies for Heat, checked before anything is sent.

A body carries what the caller set (``None`` is not sent; ``False``, ``0``, ``{}``, ``[]`` are). A
template known locally is read and walked here: its ``files`` map is built, the parameters given are
checked against the ones it declares, and the text is sent as written.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pkgcloud.bodies import check_bool, check_int, fields
from pkgcloud.errors import ValidationError
from pkgcloud_openstack.orchestration import templates

# parameters.yaml of the Heat API reference: a stack name starts with a letter
STACK_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9_.-]*$")
MAX_STACK_NAME = 255
MAX_TAG = 80


def check_stack_name(name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise ValidationError(f"a stack name must be a non-empty string, not {name!r}")
    if len(name) > MAX_STACK_NAME:
        raise ValidationError(f"the stack name is {len(name)} characters long; Heat allows {MAX_STACK_NAME}")
    if not STACK_NAME.match(name):
        raise ValidationError(
            f"Heat refuses the stack name {name!r}: a name starts with a letter and holds only letters, "
            "digits, '_', '.' and '-'"
        )
    return name


def check_tags(tags: Any) -> str | None:
    """Heat takes tags as one comma-separated string."""
    if tags is None:
        return None
    if isinstance(tags, str):
        tags = tags.split(",") if tags else []
    if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) for t in tags):
        raise ValidationError(f"tags must be a list of strings, not {tags!r}")
    for tag in tags:
        if not tag or "," in tag or len(tag) > MAX_TAG:
            raise ValidationError(f"a tag is 1 to {MAX_TAG} characters without a comma, not {tag!r}")
    return ",".join(tags)


def _json_safe(value: Any) -> Any:
    """A template mapping as JSON can carry it (a YAML date such as ``2018-08-31`` becomes its text)."""
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def _environment(environment: Any) -> dict[str, Any] | None:
    if environment is None:
        return None
    if isinstance(environment, str):
        return templates.parse(environment, "the environment")
    if isinstance(environment, Mapping):
        return dict(environment)
    raise ValidationError(f"environment must be a mapping or YAML/JSON text, not {type(environment).__name__}")


def _parameters(parameters: Any) -> dict[str, Any] | None:
    if parameters is None:
        return None
    if not isinstance(parameters, Mapping) or not all(isinstance(k, str) for k in parameters):
        raise ValidationError(f"parameters must be a mapping of parameter names to values, not {parameters!r}")
    return dict(parameters)


def template_part(
    template: Any,
    *,
    template_url: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    environment: Any = None,
    environment_files: Sequence[str | os.PathLike[str]] | None = None,
    files: Mapping[str, str] | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    fetch_url: Callable[[str], str] | None = None,
    required: bool = True,
    operation: str = "create_stack",
) -> dict[str, Any]:
    """The template, its files and environment, and the parameters, as Heat takes them."""
    if template is not None and template_url is not None:
        raise ValidationError(f"{operation}: give a template or a template_url, not both")
    if template is None and template_url is None and required:
        raise ValidationError(f"{operation} needs a template (a mapping, YAML/JSON text or a path) or a template_url")
    if template_url is not None and (not isinstance(template_url, str) or not template_url.strip()):
        raise ValidationError(f"template_url must be a URL the service can fetch, not {template_url!r}")
    if files is not None and (
        not isinstance(files, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
    ):
        raise ValidationError("files must map the names the template uses to the files' text")
    if environment_files is not None and (
        isinstance(environment_files, (str, bytes)) or not isinstance(environment_files, Sequence)
    ):
        raise ValidationError("environment_files must be a list of paths (in the order Heat merges them)")
    params = _parameters(parameters)
    env = _environment(environment)
    body: dict[str, Any] = {}
    all_files: dict[str, str] | None = dict(files) if files is not None else None
    env_keys: list[str] = []
    if template is not None:
        source = templates.load(template, base_dir=base_dir)
        built, env_keys = templates.build(
            source, environment=env, environment_files=environment_files or (), files=files, fetch_url=fetch_url
        )
        if built or files is not None:
            all_files = built
        declared = templates.declared_parameters(source.doc)
        if params and declared is not None:
            unknown = sorted(set(params) - declared)
            if unknown:
                known = ", ".join(sorted(declared)) or "none"
                raise ValidationError(
                    f"{operation}: the template does not declare parameter {unknown[0]!r}; it declares {known}"
                )
        body["template"] = source.text if source.text is not None else _json_safe(source.doc)
    elif environment_files:
        built, env_keys = templates.build(
            templates.Source("the environment", None, {}, None),
            environment=env,
            environment_files=environment_files,
            files=files,
            fetch_url=fetch_url,
        )
        all_files = built
    body.update(
        fields(
            template_url=template_url,
            parameters=params,
            environment=env,
            files=all_files,
            environment_files=env_keys or None,
        )
    )
    return body


def stack_options(
    *, timeout_mins: Any = None, disable_rollback: Any = None, tags: Any = None, converge: Any = None
) -> dict[str, Any]:
    return fields(
        timeout_mins=check_int(timeout_mins, "timeout_mins", minimum=0),
        disable_rollback=check_bool(disable_rollback, "disable_rollback"),
        tags=check_tags(tags),
        converge=check_bool(converge, "converge"),
    )


def clear_parameters(names: Any) -> list[str] | None:
    if names is None:
        return None
    if isinstance(names, str) or not isinstance(names, (list, tuple, set, frozenset)):
        raise ValidationError(f"clear_parameters must be a list of parameter names, not {names!r}")
    if not all(isinstance(n, str) and n for n in names):
        raise ValidationError(f"clear_parameters must name parameters (non-empty strings), not {names!r}")
    return list(names)
