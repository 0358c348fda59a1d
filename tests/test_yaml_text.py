"""generator/emit/yaml_text.py: the fast yaml-input writer writes exactly what ruamel dumps,
or declines (None) and leaves the skeleton to ruamel."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from generator.emit import skeletons as sk
from generator.emit import yaml_text
from generator.pipeline import load

TRICKY = ["true", "True", "NULL", "null", "yes", "No", "on", "Off", "y", "n", "~", "1.0", "0x1f",
          "1e3", "-x", "x:y", "x: y", "a#b", "a #b", "_x", "x.y", "x-y", "é", "a b", "&a", "*a",
          "!x", "%x", "@x", "'x'", '"x"', "x" * 99, "x" * 100, "k" * 130, "", "<<", "=",
          ".inf", "2024-01-01", "ipsec.1", "t2.micro", "us-east-1a"]


def ruamel_dump(value: Any) -> str:
    yaml = YAML()
    yaml.representer.add_representer(
        sk._Binary, lambda dumper, _: dumper.represent_scalar(sk._BINARY_TAG, ""))
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


names = st.sampled_from(TRICKY) | st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,12}", fullmatch=True)
comments = st.none() | st.sampled_from(["[REQUIRED]", "[REQUIRED] The name.", "Valid values "
                                        "are: A, B.", " leading space", "a: b # c"]) | st.text(
    st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=20)
scalars = st.sampled_from(["", True, 0, 0.0, sk._TIMESTAMP, 5, -1.5, None, False]) | names \
    | st.builds(sk._Binary)


def mappings(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    def build(items: list[tuple[str, Any, str | None]]) -> CommentedMap:
        result = CommentedMap()
        for key, value, comment in items:
            result[key] = value
            if comment and not comment.isspace():  # as the walker adds them
                result.yaml_add_eol_comment("# " + comment, key)
        return result

    entries = st.lists(st.tuples(names, children, comments), max_size=4,
                       unique_by=lambda e: e[0])
    return st.builds(build, entries) | st.builds(lambda k, v: {k: v}, names, children)


values = st.recursive(scalars, lambda children: mappings(children)
                      | st.lists(children, min_size=1, max_size=2), max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(value=mappings(values))
def test_the_writer_writes_what_ruamel_dumps_or_declines(value: Any) -> None:
    fast = yaml_text.dump(value, sk._Binary)
    if fast is not None:
        assert fast == ruamel_dump(value)


def test_it_declines_what_ruamel_writes_its_own_way() -> None:
    for name in ["true", "NULL", "x: y", "1.0", "é", "k" * 130]:
        assert yaml_text.dump({name: ""}, sk._Binary) is None, name
        assert yaml_text.dump({"a": name}, sk._Binary) is None, name
    twice = {"a": sk._TIMESTAMP, "b": sk._TIMESTAMP}  # ruamel anchors the second
    assert yaml_text.dump(twice, sk._Binary) is None
    assert "&id001" in ruamel_dump(twice)
    assert yaml_text.dump({"a": 5}, sk._Binary) is None
    assert yaml_text.dump({}, sk._Binary) == "{}\n" == ruamel_dump({})


@pytest.mark.parametrize("service_name", ["ecr-public", "dynamodb", "sqs"])
def test_services_skeletons_equal_ruamels(service_name: str) -> None:
    service = load(service_name)
    taken = 0
    for op in service.operations:
        assert sk.yaml_input_skeleton(service, op) == \
            sk.yaml_input_skeleton(service, op, fast=False), op.cli_name
        taken += yaml_text.dump(sk._YamlWalker(service).generate(op.input),
                                sk._Binary) is not None
    assert taken >= 0.7 * len(service.operations)  # the writer is not declining everything
