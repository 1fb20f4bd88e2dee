"""Heat against cassettes built from the official API samples (tests/builders/heat_samples.py).

Replay matches method, path, query and JSON body: each test calls the SDK with the arguments that
produce the documented request, and checks how the documented answer is read.
"""

from __future__ import annotations

from typing import Any

import pkgcloud

PROJECT = "369166a68a3a49b78b4e138531556e55"
ENDPOINT = f"http://heat.devcloud.test/v1/{PROJECT}"
CASSETTES = "openstack/orchestration/samples"


def heat() -> Any:
    return pkgcloud.orchestration.create_client(
        provider="openstack", token="PKGCLOUD-TOKEN-1", endpoint_override=ENDPOINT
    )


def test_a_name_found_at_an_internal_address_is_read_on_our_endpoint(cassette):
    with cassette(f"{CASSETTES}/find_and_outputs", built=True):
        client = heat()
        # the 302 names 192.168.42.11: only its path is kept, and the next request comes to us
        outputs = client.list_outputs("s1")
        output = client.get_output("s1/da778f26-6d25-4634-9531-d438188e48fd", "output_name")
    assert [(o.key, o.description, o.value) for o in outputs] == [("output name", "output description", None)]
    assert (output.key, output.value, output.error) == ("output_name", "output_value", "error message")


def test_the_documented_preview_and_create(cassette):
    template = {
        "heat_template_version": "2013-05-23",
        "description": "Simple template to test heat commands",
        "parameters": {"flavor": {"default": "m1.tiny", "type": "string"}},
        "resources": {
            "hello_world": {
                "type": "OS::Nova::Server",
                "properties": {
                    "key_name": "heat_key",
                    "flavor": {"get_param": "flavor"},
                    "image": "40be8d1a-3eb9-40de-8abd-43237517384f",
                    "user_data": '#!/bin/bash -xv\necho "hello world" &gt; /root/hello-world.txt\n',
                },
            }
        },
    }
    options = {"parameters": {"flavor": "m1.heat"}, "files": {}, "timeout_mins": 60, "disable_rollback": True}
    with cassette(f"{CASSETTES}/preview_and_create", built=True):
        client = heat()
        preview = client.preview_stack("teststack", template, **options)
        created = client.create_stack("teststack", template, **options)
    assert [(r.name, r.type, r.status) for r in preview.resources] == [
        ("the_sg_res", "OS::Neutron::SecurityGroup", "INIT_COMPLETE"),
        ("hello_world", "OS::Nova::Server", "INIT_COMPLETE"),
    ]
    assert preview.parameters["flavor"] == "m1.small" and "OS::stack_id" not in preview.parameters
    assert (created.id, created.name) == ("3095aefc-09fb-4bc7-b1f0-f21a304e864c", "teststack")


def test_an_event_resource_types_a_schema_and_build_info(cassette):
    with cassette(f"{CASSETTES}/event_and_types", built=True):
        client = heat()
        event = client.get_event("mystack/56789", "random_key_name", "8db23e2e-72b2-47a2-9ed9-b52417f56e50")
        types = client.list_resource_types(with_description=True)
        schema = client.get_resource_type("OS::Heat::AResourceName")
        info = client.get_build_info()
    assert (event.resource_name, event.status, event.resource_type) == (
        "random_key_name",
        "CREATE_IN_PROGRESS",
        "OS::Heat::RandomString",
    )
    assert (event.stack_name, event.stack_id, event.physical_resource_id) == ("mystack", "56789", None)
    assert len(types) == 5 and all(t.description for t in types)
    assert "OS::Heat::AccessPolicy" in {t.name for t in types}
    assert list(schema.properties) == ["a_property"] and list(schema.attributes) == ["an_attribute"]
    assert info == {"api": {"revision": "{api_build_revision}"}, "engine": {"revision": "{engine_build_revision}"}}
