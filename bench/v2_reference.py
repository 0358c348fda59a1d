"""Run AWS CLI v2 from its source for many skeletons: one driver, one fork per command (used by
bench/v2_skeletons.py; never imported by botogen or its tests).

Run with v2's own interpreter and checkout on PYTHONPATH (/work/shared/awscli/FACTS.md):
    PYTHONPATH=AWSCLI_SRC V2_PYTHON bench/v2_reference.py [--timeout S] < requests > answers
Each request is a JSON line {"service": CLI name, "commands": [argument lists, `aws` without
its name]}; each answer a JSON line {"answers": [{"rc", "stdout", "stderr"}, ...] in the same
order, "no_flag": {operation: why} for the service's operations whose v2 command has no
skeleton flag (missing, not a ServiceOperation, or with an `outfile` argument), "fakes":
{operation: the fake response v2's ArgumentGenerator makes for `output`, as JSON}}.

The driver is built once. Each service is prepared in a fork of it (its command table built,
its models loaded), and each command runs in a fork of that: every command starts from the
same fresh state, as if `aws` had just started (customizations that register handlers while a
command runs cannot act on the next one), in milliseconds instead of a process start. A command
still running after --timeout seconds is killed (SIGALRM) and answered with rc -1.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

ENV = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "dummy-secret",
       "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
       "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": "", "AWS_EC2_METADATA_DISABLED": "true",
       "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}


def in_fork(work: Callable[[], Any], timeout: int = 0) -> Any:
    """work()'s JSON-able result, computed in a child process; None if the child died."""
    gc.freeze()  # what exists now is the children's to share, never to collect
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        gc.disable()  # a collection would touch, and so copy, every page of the parent's
        os.close(read)
        signal.alarm(timeout)  # default action: the child dies, even inside C code
        code = 1
        try:
            text = json.dumps(work())
            with os.fdopen(write, "w", encoding="utf-8") as pipe:
                pipe.write(text)
            code = 0
        finally:
            os._exit(code)  # no cleanup: the parent's atexit handlers and buffers are its own
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    return json.loads(text) if text and status == 0 else None


def run(driver: Any, args: list[str]) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(list(args))
        except SystemExit as exc:  # argparse
            rc = exc.code if isinstance(exc.code, int) else 255
        except BaseException as exc:  # noqa: BLE001 - reported, never raised in a fork
            rc, _ = 255, err.write(f"{type(exc).__name__}: {exc}")
    return {"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}


def table_facts(driver: Any, command: Any) -> dict[str, Any]:
    """Which operations have no skeleton flag in v2, and v2's fake responses. Run in a fork of
    its own: building every argument table fires customizations a single command never would."""
    from awscli.botocore import xform_name
    from awscli.botocore.utils import ArgumentGenerator
    from awscli.clidriver import ServiceOperation
    from awscli.utils import json_encoder

    model = command.service_model
    table = command._get_command_table()
    no_flag, fakes = {}, {}
    for name in model.operation_names:
        cmd = table.get(xform_name(name, "-"))
        if cmd is None:
            no_flag[name] = "missing"
        elif not isinstance(cmd, ServiceOperation):
            no_flag[name] = f"replaced by {type(cmd).__name__}"
        elif "outfile" in cmd.arg_table:
            no_flag[name] = "outfile"
        shape = model.operation_model(name).output_shape
        fake = ArgumentGenerator(use_member_names=True).generate_skeleton(shape) if shape else {}
        fakes[name] = json.dumps(fake, indent=4, default=json_encoder)
    return {"no_flag": no_flag, "fakes": fakes}


def warm_driver(driver: Any) -> None:
    """Done once, before any fork, so that no child pays for it: import every plugin module
    (importing registers nothing; a plugin is still initialized by the event that needs it,
    as in a fresh `aws`) and fill the data loader's caches that are the same for all."""
    import importlib

    from awscli.handlers_registry import PLUGIN_REGISTRY

    for entries in PLUGIN_REGISTRY.values():
        for module, _ in entries:
            importlib.import_module(module)
    loader = driver.session.get_component("data_loader")
    for kind in _MODEL_KINDS:
        loader.list_available_services(kind)
    for name in ("cli", "partitions", "endpoints", "_retry", "sdk-default-configuration"):
        with contextlib.suppress(Exception):
            loader.load_data(name)


_MODEL_KINDS = ("service-2", "paginators-1", "waiters-2", "endpoint-rule-set-1")


def warm_service(driver: Any, service: str) -> None:
    """The service's models into the loader's cache (what each command would load again)."""
    loader = driver.session.get_component("data_loader")
    for kind in _MODEL_KINDS:
        with contextlib.suppress(Exception):  # a service without waiters, ...
            loader.load_service_model(service, kind)


def serve_service(driver: Any, request: dict[str, Any], timeout: int) -> dict[str, Any]:
    """Runs in the service's fork: prepare, then one fork per command."""
    command = driver._get_command_table().get(request["service"])
    if command is None:
        return {"error": f"no command `{request['service']}`"}
    command._get_command_table()  # loads the model and runs building-command-table
    warm_service(driver, command._service_name)
    facts = in_fork(lambda: table_facts(driver, command), timeout * 10) or {}
    answers = []
    for args in request["commands"]:
        answer = in_fork(lambda args=args: run(driver, args), timeout)
        answers.append(answer or {"rc": -1, "stdout": "",
                                  "stderr": f"killed: no answer within {timeout} s"})
    return {"answers": answers, **facts}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=int, default=60)
    timeout = parser.parse_args().timeout
    os.environ.update(ENV)
    real_out = sys.stdout
    from awscli.clidriver import create_clidriver  # v2's own package (PYTHONPATH)

    driver = create_clidriver()
    driver._get_command_table()
    warm_driver(driver)
    for line in sys.stdin:
        request = json.loads(line)
        result = in_fork(lambda request=request: serve_service(driver, request, timeout))
        real_out.write(json.dumps(result or {"error": "the service's fork died"}) + "\n")
        real_out.flush()


if __name__ == "__main__":
    main()
