"""The call: region check, input preparation, botocore, and printing the response.

In the AWS CLI v2 order: the region is needed first (v2 creates its client before anything
else), then string blobs are base64-decoded, idempotency tokens filled in and the input
validated (by the generated validator, botocore's wording), and only then is botocore
imported and the request sent (SigV4, retries, endpoint resolution are botocore's). The
response is printed like the AWS CLI's formatter: ResponseMetadata removed, nothing at all
for an empty response, timestamps as ISO 8601, blobs as base64.
"""

from __future__ import annotations

import importlib
import os
import sys

from . import cli_params as params_
from .cli_params import CliError
from .cli import ConfigurationError, ServiceError, ValidationFailed
from .client import FAILED, report

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from .cli import Command, Service

_NO_REGION = (
    'You must specify a region. You can also configure your region by running "aws configure".'
)


# -- configuration ---------------------------------------------------------------------------


def resolve_region(profile: str | None, region: str | None) -> str:
    """The region botocore would use: --region, AWS_DEFAULT_REGION, then the profile's
    `region` in the config file. Read here, without botocore, so that a missing region is
    reported before the input is validated, as the AWS CLI does."""
    if region:
        return region
    name = profile or _env_first("AWS_DEFAULT_PROFILE", "AWS_PROFILE")
    profiles = _profiles()
    if name is not None and name not in profiles:
        raise CliError(f"The config profile ({name}) could not be found")
    found = os.environ.get("AWS_DEFAULT_REGION") or profiles.get(name or "default", {}).get(
        "region"
    )
    if not found:
        raise ConfigurationError("NoRegion", _NO_REGION)
    return found


def _env_first(*names: str) -> str | None:
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return None


def _profiles() -> dict[str, dict[str, str]]:
    """Profiles of the config file ([profile x], [default]) and the credentials file ([x])."""
    found: dict[str, dict[str, str]] = {}
    for variable, default, prefixed in (
        ("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials", False),
        ("AWS_CONFIG_FILE", "~/.aws/config", True),
    ):
        path = os.path.expanduser(os.path.expandvars(os.environ.get(variable, default)))
        for section, values in _read_ini(path).items():
            name = _profile_name(section) if prefixed else section
            if name is not None:
                found.setdefault(name, {}).update(values)
    return found


def _profile_name(section: str) -> str | None:
    """botocore's reading of a config-file section name: `profile NAME` (shell-quoted)."""
    if section == "default":
        return section
    if not section.startswith("profile"):
        return None
    import shlex

    try:
        parts = shlex.split(section)
    except ValueError:
        return None
    return parts[1] if len(parts) == 2 else None


def _read_ini(path: str) -> dict[str, dict[str, str]]:
    if not os.path.isfile(path):
        return {}
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read(path)
    except configparser.Error:
        raise CliError(f"Unable to parse config file: {path}") from None
    return {section: dict(parser.items(section)) for section in parser.sections()}


# -- the input -------------------------------------------------------------------------------


def prepare(
    service: Service, command: Command, call_params: dict[str, Any], options: argparse.Namespace
) -> None:
    """What happens to the input inside the AWS CLI's client call, before sending."""
    if command.input_shape is not None and options.binary_format != "raw-in-base64-out":
        params_.decode_blobs(call_params, service.shapes[command.input_shape], service.shapes)
    params_.fill_idempotency_tokens(call_params, command)
    issues = service.validators()[command.cli_name](call_params)
    if issues:
        raise ValidationFailed(FAILED + report(issues))


# -- the call --------------------------------------------------------------------------------


def call(
    service: Service,
    command: Command,
    call_params: dict[str, Any],
    options: argparse.Namespace,
    outfile: str | None,
) -> int:
    resolve_region(options.profile, options.region)
    prepare(service, command, call_params, options)
    exceptions = importlib.import_module("botocore.exceptions")
    try:
        response = _send(service, command, call_params, options)
    except exceptions.NoRegionError as exc:
        raise ConfigurationError(
            "NoRegion", f'{exc} You can also configure your region by running "aws configure".'
        ) from None
    except exceptions.NoCredentialsError as exc:
        raise ConfigurationError(
            "NoCredentials", f'{exc}. You can configure credentials by running "aws login".'
        ) from None
    except exceptions.ClientError as exc:
        raise ServiceError(str(exc), _error_details(exc.response)) from None
    except exceptions.ParamValidationError as exc:
        raise ValidationFailed(str(exc)) from None
    response.pop("ResponseMetadata", None)
    if outfile is not None and command.outfile is not None:
        _save_payload(response, command.outfile, outfile)
    print_response(response, options.output or "json")
    return 0


def _send(
    service: Service, command: Command, call_params: dict[str, Any], options: argparse.Namespace
) -> Any:
    session = importlib.import_module("botocore.session").Session(profile=options.profile)
    # The AWS CLI keeps blobs as the base64 text of the wire and prints timestamps as ISO 8601.
    session.get_component("response_parser_factory").set_parser_defaults(
        blob_parser=_identity, timestamp_parser=_iso8601
    )
    client = session.create_client(
        service.service_name,
        region_name=options.region,
        endpoint_url=options.endpoint_url,
        verify=None if options.verify_ssl else False,
    )
    if options.paginate and _paginates(session, service, command, client, call_params):
        pages = client.get_paginator(command.snake_name).paginate(**call_params)
        return pages.build_full_result()
    return getattr(client, command.snake_name)(**call_params)


def _paginates(
    session: Any, service: Service, command: Command, client: Any, call_params: dict[str, Any]
) -> bool:
    """Pageable, and no paging parameter given by hand (which turns paging off)."""
    if not client.can_paginate(command.snake_name):
        return False
    config = session.get_paginator_model(service.service_name).get_paginator(command.name)
    tokens = config.get("input_token", [])
    manual = [tokens] if isinstance(tokens, str) else list(tokens)
    if "limit_key" in config:
        manual.append(config["limit_key"])
    return not any(name in call_params for name in manual)


def _identity(value: Any) -> Any:
    return value


def _iso8601(value: Any) -> str:
    parse = importlib.import_module("botocore.utils").parse_timestamp
    return str(parse(value).isoformat())


def _error_details(response: dict[str, Any]) -> dict[str, Any]:
    """The fields v2 lists under "Additional error details": the error's own beyond Code
    and Message, and the response's modeled top-level fields."""
    error = dict(response.get("Error", {}))
    for key, value in response.items():
        if key not in ("Error", "ResponseMetadata", "Code", "Message") and key not in error:
            error[key] = value
    return {k: v for k, v in error.items() if k not in ("Code", "Message")}


def _save_payload(response: dict[str, Any], member: str, path: str) -> None:
    body = response.pop(member, None)
    if body is None:
        return
    with open(path, "wb") as out:
        if isinstance(body, (bytes, bytearray)):
            out.write(body)
        elif isinstance(body, str):
            out.write(body.encode("utf-8"))
        else:
            for chunk in iter(lambda: body.read(1024 * 1024), b""):
                out.write(chunk)


# -- printing --------------------------------------------------------------------------------


def print_response(response: Any, output: str) -> None:
    """The AWS CLI's formatters: nothing for {}, else JSON (indent 4, non-ASCII kept) or YAML."""
    if response == {}:
        return
    if output == "yaml":
        import yaml

        sys.stdout.write(
            yaml.safe_dump(response, default_flow_style=False, sort_keys=False, allow_unicode=True)
        )
        return
    import json

    sys.stdout.write(json.dumps(response, indent=4, default=_json_default, ensure_ascii=False))
    sys.stdout.write("\n")


def _json_default(value: object) -> str:
    import datetime

    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        import base64

        return base64.b64encode(value).decode("utf-8")
    raise TypeError("Encountered unrecognized type in JSON encoder.")
