"""CLI_WITHOUT_SKELETON against AWS CLI v1's own command table, for every botocore service.

AWS CLI v1 (installed, pinned) builds its command tables in this process: the driver's, then
each service command's subcommand table, where the customizations have removed, replaced or
reshaped commands. An operation has no skeleton flag there when its command is missing, is not
a ServiceOperation, or has an `outfile` argument. That set must be exactly the operations
botogen says have no flag (has_skeleton_flag: the model's outfile and event-stream rule plus
CLI_WITHOUT_SKELETON), apart from the entries marked v2-only, which must be plain operations in
v1 (bench/v2_skeletons.py checks them, and the whole table, against v2's command tables).
"""

from __future__ import annotations

import os
from functools import cache
from unittest import mock

import botocore.session
import pytest

from generator.emit import skeletons as sk
from generator.emit.cli_commands import CLI_WITHOUT_SKELETON
from generator.pipeline import load

ENV = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "dummy-secret",
       "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
       "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true"}


@cache
def v1_states() -> dict[tuple[str, str], str]:
    """(service, operation) -> "missing", "replaced by <class>" or "outfile", for every
    botocore operation whose v1 command has no skeleton flag."""
    from awscli.clidriver import ServiceOperation, create_clidriver
    from botocore import xform_name

    states: dict[tuple[str, str], str] = {}
    with mock.patch.dict(os.environ, ENV, clear=True):
        driver = create_clidriver()
        for command in driver._get_command_table().values():
            service = getattr(command, "_service_name", None)
            if not isinstance(service, str):  # a custom top-level command (`s3`, `configure`)
                continue
            table = command._get_command_table()
            for name in driver.session.get_service_model(service).operation_names:
                cmd = table.get(xform_name(name, "-"))
                if cmd is None:
                    states[(service, name)] = "missing"
                elif not isinstance(cmd, ServiceOperation):
                    states[(service, name)] = f"replaced by {type(cmd).__name__}"
                elif "outfile" in cmd.arg_table:
                    states[(service, name)] = "outfile"
    return states


def test_every_entry_has_no_skeleton_flag_in_v1() -> None:
    states = v1_states()
    wrong = {key: states.get(key) for key, why in CLI_WITHOUT_SKELETON.items()
             if (key in states) == why.v2_only}
    assert not wrong, f"not (v2-only: still) without a skeleton flag in v1: {wrong}"


def test_the_entries_are_exactly_what_the_model_rule_misses() -> None:
    """Over every operation of every botocore service: v1 has no flag exactly where
    has_skeleton_flag says so (v2-only entries aside), and no entry of the table is one the
    model rule (outfile, event stream) already covers."""
    states = v1_states()
    wrong, redundant = [], []
    for service in botocore.session.get_session().get_available_services():
        built = load(service)
        for op in built.operations:
            entry = CLI_WITHOUT_SKELETON.get((service, op.name))
            v1_flag = (service, op.name) not in states
            if v1_flag != (sk.has_skeleton_flag(built, op) or bool(entry and entry.v2_only)):
                wrong.append(f"{service} {op.name}: v1 {states.get((service, op.name), 'has it')}")
            by_rule = (sk.streaming_output_member(built, op) is not None
                       or sk.event_stream_output(built, op))
            if entry and by_rule:
                redundant.append(f"{service} {op.name}")
    assert not wrong, f"v1's skeleton flag and has_skeleton_flag disagree: {wrong}"
    assert not redundant, f"listed, though the model rule covers them: {redundant}"


@pytest.mark.parametrize("key", sorted(CLI_WITHOUT_SKELETON))
def test_entries_are_not_claimed_exact(key: tuple[str, str]) -> None:
    service = load(key[0])
    op = next(o for o in service.operations if o.name == key[1])
    assert not sk.has_skeleton_flag(service, op)
    assert not sk.output_skeleton_is_aws_exact(service, op)
