"""Local templates: the files map the Heat CLI would build, and the refusals before sending."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkgcloud_openstack.orchestration import bodies, templates
from pkgcloud_openstack.orchestration.templates import TemplateError, template_files

HERE = Path(__file__).resolve().parent / "templates"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_test_application_brings_its_script_nested_template_and_the_nested_templates_file():
    files = template_files(HERE / "app" / "stack.yaml")
    assert files == {
        "scripts/hello.sh": "#!/bin/sh\necho hello from pkgcloud\n",
        "nested/label.yaml": (HERE / "app" / "nested" / "label.yaml").read_text(),
        "notes.txt": "nested notes\n",  # as the nested template names it, relative to itself
    }


def test_references_are_keyed_by_the_exact_string_and_followed_recursively(tmp_path):
    root = write(
        tmp_path,
        {
            "main.yaml": "heat_template_version: 2018-08-31\nresources:\n"
            "  a: {type: ./lib/a.yaml}\n"
            "  g: {type: OS::Heat::ResourceGroup, properties: {resource_def: {type: lib/b.template}}}\n"
            "  v: {type: OS::Heat::Value, properties: {value: {get_file: 'data/x.txt'}}}\n",
            "lib/a.yaml": "heat_template_version: 2018-08-31\nresources:\n  c: {type: deeper/c.yml}\n",
            "lib/deeper/c.yml": "heat_template_version: 2018-08-31\nresources:\n"
            "  v: {type: OS::Heat::Value, properties: {value: {get_file: ../../data/x.txt}}}\n",
            "lib/b.template": "heat_template_version: 2018-08-31\n",
            "data/x.txt": "x",
        },
    )
    files = template_files(str(root / "main.yaml"))
    assert sorted(files) == ["../../data/x.txt", "./lib/a.yaml", "data/x.txt", "deeper/c.yml", "lib/b.template"]
    assert files["../../data/x.txt"] == files["data/x.txt"] == "x"


def test_a_missing_file_names_the_template_and_the_reference(tmp_path):
    write(tmp_path, {"t.yaml": "resources:\n  v: {type: OS::Heat::Value, properties: {value: {get_file: gone.sh}}}\n"})
    with pytest.raises(TemplateError) as missing:
        template_files(tmp_path / "t.yaml")
    assert missing.value.reference == "gone.sh" and "t.yaml" in str(missing.value) and "gone.sh" in str(missing.value)


def test_one_name_for_two_different_files_is_refused(tmp_path):
    write(
        tmp_path,
        {
            "t.yaml": "resources:\n  a: {type: one/n.yaml}\n  b: {type: two/n.yaml}\n",
            "one/n.yaml": "resources:\n  v: {type: OS::Heat::Value, properties: {value: {get_file: s.sh}}}\n",
            "two/n.yaml": "resources:\n  v: {type: OS::Heat::Value, properties: {value: {get_file: s.sh}}}\n",
            "one/s.sh": "1",
            "two/s.sh": "2",
        },
    )
    with pytest.raises(TemplateError, match="one name cannot stand for two files"):
        template_files(tmp_path / "t.yaml")


def test_urls_are_fetched_only_when_asked(tmp_path):
    write(tmp_path, {"t.yaml": "resources:\n  r: {type: 'https://example.com/r.yaml'}\n"})
    assert template_files(tmp_path / "t.yaml") == {}
    asked: list[str] = []

    def fetch(url: str) -> str:
        asked.append(url)
        return "heat_template_version: 2018-08-31\n"

    assert template_files(tmp_path / "t.yaml", fetch_url=fetch) == {
        "https://example.com/r.yaml": "heat_template_version: 2018-08-31\n"
    }
    assert asked == ["https://example.com/r.yaml"]


def test_a_mapping_resolves_against_base_dir_or_not_at_all(tmp_path):
    write(tmp_path, {"s.sh": "echo"})
    doc = {"resources": {"v": {"type": "OS::Heat::Value", "properties": {"value": {"get_file": "s.sh"}}}}}
    assert template_files(doc, base_dir=tmp_path) == {"s.sh": "echo"}
    assert template_files(doc) == {}  # no base: the caller's files= must hold it


def test_environment_files_and_their_registry(tmp_path):
    write(
        tmp_path,
        {
            "t.yaml": "resources:\n  x: {type: My::Thing}\n",
            "env/e.yaml": "resource_registry:\n  My::Thing: ../thing.yaml\n"
            "  resources:\n    x:\n      OS::Heat::None: ../other.yaml\n",
            "thing.yaml": "resources: {}\n",
            "other.yaml": "resources: {}\n",
        },
    )
    source = templates.load(tmp_path / "t.yaml")
    env = str(tmp_path / "env" / "e.yaml")
    files, keys = templates.build(source, environment_files=[env])
    assert keys == [env] and sorted(files) == sorted([env, "../thing.yaml", "../other.yaml"])


def test_dates_stay_text_and_the_text_is_sent_as_written(tmp_path):
    write(tmp_path, {"t.yaml": "heat_template_version: 2018-08-31\nparameters: {n: {type: number}}\n"})
    body = bodies.template_part(tmp_path / "t.yaml", parameters={"n": 1})
    assert body["template"] == (tmp_path / "t.yaml").read_text()
    assert templates.load(tmp_path / "t.yaml").doc["heat_template_version"] == "2018-08-31"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("a: [b", "neither YAML nor JSON"),
        ('{"a": ', "neither YAML nor JSON"),
        ("- a\n- b\n", "must be a mapping"),
        ("   ", "is empty"),
    ],
)
def test_text_that_is_not_a_template_is_refused(text, match):
    with pytest.raises(TemplateError, match=match):
        templates.load(text)


def test_a_path_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(TemplateError, match="does not exist"):
        templates.load(str(tmp_path / "nope.yaml"))


def test_cfn_parameters_are_checked_too():
    cfn = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"Size": {"Type": "Number"}}}
    assert bodies.template_part(cfn, parameters={"Size": 1})["parameters"] == {"Size": 1}
    with pytest.raises(Exception, match="does not declare parameter 'size'"):
        bodies.template_part(cfn, parameters={"size": 1})
