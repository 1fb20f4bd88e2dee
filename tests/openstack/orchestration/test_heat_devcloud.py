"""Heat recorded against the dev cloud (Heat 27, convergence engine, keystone mode), replayed offline.

Record with ``python3 -m devcloud record openstack/orchestration`` (or ``PKGCLOUD_DEVCLOUD=... pytest
--record-mode=once``). Stacks are named ``pkgcloud-test-...`` and every test deletes what it made.
The templates (``templates/``) use resources that are real on the dev cloud: RandomString, Value,
TestResource (``fail: true`` for the failure path, ``action_wait_secs`` for a slow update),
Neutron networks and subnets, a Cinder volume and a Nova server on the fake hypervisor, and a
nested template with a ``get_file`` of its own. The ``devcloud`` tests run live only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import pkgcloud
from pkgcloud import clock
from pkgcloud.errors import BadRequest, Conflict, NotFound, ResourceFailed, ValidationError

TEMPLATES = Path(__file__).resolve().parent / "templates"
APP = TEMPLATES / "app"
WAIT = {"timeout": 300, "interval": 1}


def heat(options: dict[str, Any]) -> Any:
    return pkgcloud.orchestration.create_client(provider="openstack", **options)


@contextmanager
def cleanup(client: Any, *stacks: str) -> Iterator[None]:
    """Delete these stacks (by name) whatever the test did."""
    try:
        yield
    finally:
        for name in stacks:
            found = client.find_stack(name)
            if found is not None:
                client.delete_stack(found)
                client.wait_for(found, "DELETED", **WAIT)


def test_stack_lifecycle_from_a_folder(cassette, devcloud_options, monkeypatch):
    monkeypatch.chdir(TEMPLATES)  # the template is named by a relative path, as a user would
    name = "pkgcloud-test-heat-app"
    with cassette("openstack/orchestration/stack_lifecycle"):
        client = heat(devcloud_options("demo"))
        with cleanup(client, name):
            checked = client.validate_template("app/stack.yaml")
            assert set(checked.parameters) == {"length", "greeting"}
            assert checked.description == "pkgcloud test application"

            preview = client.preview_stack(name, "app/stack.yaml", parameters={"length": 12})
            # a nested stack previews as its own resources
            assert {r.name for r in preview.resources} == {"secret", "script", "value", "notes"}

            events: list[Any] = []
            stack = client.create_stack(
                name, "app/stack.yaml", parameters={"length": 12}, tags=["pkgcloud", "test"], timeout_mins=10
            )
            assert stack.name == name and stack.path == f"{name}/{stack.id}"
            done = client.wait_for(stack, on_event=events.append, **WAIT)
            assert done.status == "CREATE_COMPLETE"
            own = [e.status for e in events if e.is_stack_event(stack)]
            assert own[0] == "CREATE_IN_PROGRESS" and own[-1] == "CREATE_COMPLETE"
            assert {e.resource_name for e in events} >= {"secret", "script", "inner", name}

            # one stack, however it is named
            by_name, by_id, by_path = client.get_stack(name), client.get_stack(stack.id), client.get_stack(stack.path)
            assert by_name.id == by_id.id == by_path.id == stack.id
            assert by_id.name == name and by_name.tags == ["pkgcloud", "test"] and by_name.timeout_mins == 10
            assert by_name.parameters == {"length": "12", "greeting": "hello"}  # Heat's OS:: ones left out

            # outputs: the nested template and the get_file script came along in files
            assert len(done.output("secret")) == 12
            assert done.output("script") == "#!/bin/sh\necho hello from pkgcloud\n"
            assert done.output("label") == "hello-" + done.output("secret")
            assert sorted(o.key for o in client.list_outputs(stack)) == ["label", "script", "secret"]
            assert client.get_output(stack, "label").value == done.output("label")
            with pytest.raises(NotFound, match="nosuch"):
                client.get_output(stack, "nosuch")
            assert sorted(client.get_files(stack)) == ["nested/label.yaml", "notes.txt", "scripts/hello.sh"]
            assert client.get_template(stack)["description"] == "pkgcloud test application"
            assert "resource_registry" in client.get_environment(stack)

            # resources, nested ones included; one resource
            top = {r.name for r in client.list_resources(stack)}
            assert top == {"secret", "script", "inner"}
            deep = list(client.list_resources(stack, nested_depth=1))
            nested = [r for r in deep if r.parent_resource == "inner"]
            assert {r.name for r in nested} == {"value", "notes"} and all(r.stack_name != name for r in nested)
            assert client.get_resource(stack, "secret").attributes["value"] == done.output("secret")

            # events: paged by marker, the same as in one page; one resource's events
            all_events = [e.id for e in client.list_events(stack)]
            assert [e.id for e in client.list_events(stack, page_size=3)] == all_events
            assert {e.resource_name for e in client.list_events(stack, resource_name="secret")} == {"secret"}

            # PATCH: keeps the template and the other parameters
            client.patch_stack(name, parameters={"greeting": "hey"})
            patched = client.wait_for(name, **WAIT)
            assert patched.status == "UPDATE_COMPLETE"
            assert patched.parameters == {"length": "12", "greeting": "hey"}
            assert patched.output("label").startswith("hey-")

            # update preview (PATCH), then clear_parameters back to the default
            changes = client.preview_update_stack(stack, parameters={"length": 5})
            assert "secret" in {r.name for r in changes.replaced + changes.updated}
            client.patch_stack(stack, clear_parameters=["greeting"])
            cleared = client.wait_for(stack, **WAIT)
            assert cleared.parameters["greeting"] == "hello" and cleared.parameters["length"] == "12"

            # PUT: a full replace; a parameter not given goes back to its default
            client.update_stack(stack, "app/stack.yaml", parameters={"greeting": "yo"})
            replaced = client.wait_for(stack, **WAIT)
            assert replaced.parameters == {"length": "8", "greeting": "yo"} and len(replaced.output("secret")) == 8

            # actions
            client.check_stack(stack)
            assert client.wait_for(stack, **WAIT).status == "CHECK_COMPLETE"
            client.suspend_stack(stack)
            assert client.wait_for(stack, **WAIT).status == "SUSPEND_COMPLETE"
            client.resume_stack(stack)
            assert client.wait_for(stack, **WAIT).status == "RESUME_COMPLETE"
            with pytest.raises(BadRequest) as refused:
                client.cancel_update(stack)
            assert refused.value.error_type == "NotSupported"

            listed = list(client.list_stacks(name=name))
            assert [s.id for s in listed] == [stack.id] and listed[0].status == "RESUME_COMPLETE"

            deleting: list[Any] = []
            client.delete_stack(stack)
            assert client.wait_for(stack, "DELETED", on_event=deleting.append, **WAIT) == "DELETED"
            # a deleted stack's events may already be gone when the wait ends
            assert next(e.status for e in deleting if e.is_stack_event(stack)) == "DELETE_IN_PROGRESS"
            with pytest.raises(NotFound):
                client.get_stack(stack)  # by name/id Heat still answers DELETE_COMPLETE for a while
            assert client.find_stack(name) is None


def test_environment_files_and_their_registry(cassette, devcloud_options):
    name = "pkgcloud-test-heat-env"
    template = {
        "heat_template_version": "2018-08-31",
        "parameters": {"greeting": {"type": "string", "default": "hello"}},
        "resources": {"label": {"type": "PkgcloudTest::Label", "properties": {"label": {"get_param": "greeting"}}}},
        "outputs": {"label": {"value": {"get_attr": ["label", "label"]}}},
    }
    with cassette("openstack/orchestration/environment_files"):
        client = heat(devcloud_options("demo"))
        with cleanup(client, name):
            stack = client.create_stack(
                name, template, environment_files=[str(APP / "env" / "registry.yaml")], base_dir=APP
            )
            done = client.wait_for(stack, **WAIT)
            assert done.output("label") == "hi"  # the environment file's parameter_defaults
            files = client.get_files(stack)
            assert {"../nested/label.yaml", "notes.txt"} <= set(files)
            first = next(client.list_events(stack))
            assert first.is_stack_event(stack) and first.status == "CREATE_IN_PROGRESS"
            assert client.get_event(stack, name, first.id).status_reason == "Stack CREATE started"
            client.delete_stack(stack)
            client.wait_for(stack, "DELETED", **WAIT)


def test_a_failing_nested_resource_is_named_in_the_failure(cassette, devcloud_options):
    name = "pkgcloud-test-heat-fail"
    with cassette("openstack/orchestration/failure"):
        client = heat(devcloud_options("demo"))
        with cleanup(client, name):
            stack = client.create_stack(name, str(TEMPLATES / "failing.yaml"))
            with pytest.raises(ResourceFailed) as failed:
                client.wait_for(stack, **WAIT)
            message = str(failed.value)
            assert "CREATE_FAILED" in message
            assert "doomed (OS::Heat::TestResource in stack pkgcloud-test-heat-fail-broken-" in message
            assert "pkgcloud says no" in message or "Test Resource failed" in message
            # the deepest failure comes first
            assert message.index("doomed") < message.index("broken (")
            assert failed.value.resource.status == "CREATE_FAILED"
            client.delete_stack(stack)
            client.wait_for(stack, "DELETED", **WAIT)


def test_a_rollback_fails_a_create_wait_but_can_be_awaited(cassette, devcloud_options):
    first, second = "pkgcloud-test-heat-rollback", "pkgcloud-test-heat-rollback-2"
    with cassette("openstack/orchestration/rollback"):
        client = heat(devcloud_options("demo"))
        with cleanup(client, first, second):
            stack = client.create_stack(first, str(TEMPLATES / "failing.yaml"), disable_rollback=False)
            with pytest.raises(ResourceFailed, match=r"CREATE_FAILED|ROLLBACK_COMPLETE"):
                client.wait_for(stack, **WAIT)
            other = client.create_stack(second, str(TEMPLATES / "failing.yaml"), disable_rollback=False)
            rolled = client.wait_for(other, "ROLLBACK_COMPLETE", **WAIT)
            assert rolled.status == "ROLLBACK_COMPLETE" and rolled.disable_rollback is False


def test_cancel_an_update_rolls_it_back(cassette, devcloud_options, recording):
    name = "pkgcloud-test-heat-cancel"
    with cassette("openstack/orchestration/cancel_update"):
        client = heat(devcloud_options("demo"))
        with cleanup(client, name):
            stack = client.create_stack(name, str(TEMPLATES / "slow.yaml"))
            assert client.wait_for(stack, **WAIT).output("value") == "one"
            client.patch_stack(stack, parameters={"value": "two", "update_wait": 60})
            clock.sleep(3)  # let the update start (no sleep in replay)
            client.cancel_update(stack)
            rolled = client.wait_for(stack, **WAIT)
            assert rolled.status == "ROLLBACK_COMPLETE" and rolled.output("value") == "one"


def test_a_network_a_volume_and_a_server(cassette, devcloud_options):
    name = "pkgcloud-test-heat-infra"
    with cassette("openstack/orchestration/infrastructure"):
        client = heat(devcloud_options("demo"))
        with cleanup(client, name):
            stack = client.create_stack(name, str(TEMPLATES / "infra.yaml"), parameters={"cidr": "10.77.1.0/24"})
            done = client.wait_for(stack, **WAIT)
            types = {r.name: r.type for r in client.list_resources(done)}
            assert types == {
                "net": "OS::Neutron::Net",
                "subnet": "OS::Neutron::Subnet",
                "volume": "OS::Cinder::Volume",
                "server": "OS::Nova::Server",
            }
            assert done.output("subnet_cidr") == "10.77.1.0/24" and str(done.output("volume_size")) == "1"
            server = client.get_resource(done, "server")
            assert server.physical_id == done.output("server_id")
            client.delete_stack(done)
            client.wait_for(done, "DELETED", **WAIT)


def test_service_reads_and_refusals(cassette, devcloud_options):
    with cassette("openstack/orchestration/service"):
        client = heat(devcloud_options("demo"))
        versions = {v.version: v for v in client.list_template_versions()}
        assert versions["heat_template_version.2018-08-31"].type == "hot"
        assert "heat_template_version.wallaby" in versions["heat_template_version.2021-04-16"].aliases
        types = {t.name for t in client.list_resource_types()}
        assert {"OS::Heat::RandomString", "OS::Neutron::Net", "OS::Cinder::Volume", "OS::Nova::Server"} <= types
        described = client.list_resource_types(name="OS::Heat::Random.*", with_description=True)
        assert [t.name for t in described] == ["OS::Heat::RandomString"] and described[0].description
        assert set(client.get_build_info()) == {"api", "engine"}
        generated = client.get_resource_type_template("OS::Heat::None")
        assert generated["resources"]["NoneResource"]["type"] == "OS::Heat::None"
        schema = client.get_resource_type("OS::Heat::RandomString")
        assert schema.properties["length"]["default"] == 32 and "value" in schema.attributes

        # Heat's own refusals, typed, with its error type
        with pytest.raises(BadRequest) as invalid:
            client.validate_template({"heat_template_version": "2018-08-31", "resources": {"x": {"type": "OS::Nope"}}})
        assert "OS::Nope" in invalid.value.message
        with pytest.raises(NotFound):
            client.get_stack("pkgcloud-test-heat-no-such-stack")
        assert client.find_stack("pkgcloud-test-heat-no-such-stack") is None

        # and ours, before anything is sent
        with pytest.raises(ValidationError, match="starts with a letter"):
            client.create_stack("1-bad name", {"heat_template_version": "2018-08-31"})
        with pytest.raises(ValidationError, match="does not declare parameter 'lenght'"):
            client.create_stack("pkgcloud-test-heat-x", str(APP / "stack.yaml"), parameters={"lenght": 3})
        with pytest.raises(ValidationError, match="neither YAML nor JSON"):
            client.validate_template("resources: [unclosed")


def test_a_second_stack_of_the_same_name_is_a_conflict(cassette, devcloud_options):
    name = "pkgcloud-test-heat-twice"
    template = {"heat_template_version": "2018-08-31", "resources": {"n": {"type": "OS::Heat::None"}}}
    with cassette("openstack/orchestration/conflict"):
        client = heat(devcloud_options("demo"))
        with cleanup(client, name):
            stack = client.create_stack(name, template)
            with pytest.raises(Conflict) as twice:
                client.create_stack(name, template)
            assert twice.value.error_type == "StackExists"
            client.wait_for(stack, **WAIT)
            client.delete_stack(stack)
            client.wait_for(stack, "DELETED", **WAIT)


@pytest.mark.devcloud("heat", "neutron")
def test_live_stack_with_a_network_and_a_rollback(live_options):
    """Live only: a stack with an OS::Neutron::Net is created, patched and deleted, and a failing one
    rolls back, against whatever Heat the dev cloud runs now."""
    client = heat(live_options("demo"))
    name, failing = "pkgcloud-test-heat-live", "pkgcloud-test-heat-live-fail"
    template = {
        "heat_template_version": "2018-08-31",
        "parameters": {"label": {"type": "string", "default": "a"}},
        "resources": {"net": {"type": "OS::Neutron::Net", "properties": {"name": {"get_param": "label"}}}},
        "outputs": {"name": {"value": {"get_attr": ["net", "name"]}}},
    }
    with cleanup(client, name, failing):
        stack = client.create_stack(name, template, parameters={"label": "pkgcloud-test-heat-live-net"})
        assert client.wait_for(stack, **WAIT).output("name") == "pkgcloud-test-heat-live-net"
        client.patch_stack(stack, parameters={"label": "pkgcloud-test-heat-live-net-2"})
        assert client.wait_for(stack, **WAIT).output("name") == "pkgcloud-test-heat-live-net-2"
        bad = client.create_stack(failing, str(TEMPLATES / "failing.yaml"), disable_rollback=False)
        assert client.wait_for(bad, "ROLLBACK_COMPLETE", **WAIT).status == "ROLLBACK_COMPLETE"
