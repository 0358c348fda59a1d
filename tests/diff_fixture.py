"""A small service model with every kind of shape a diff rule reads, for the rule tests.

Shapes are shared the way real models share them: `Name`, `Mode` and `Limit` are reached
from a request and from a response, `NotFound` is an error."""

from __future__ import annotations

import copy
from typing import Any

_BASE: dict[str, Any] = {
    "version": "2.0",
    "metadata": {
        "apiVersion": "2024-01-01", "endpointPrefix": "thing", "jsonVersion": "1.1",
        "protocol": "json", "protocols": ["json"], "serviceFullName": "Thing Service",
        "serviceId": "Thing", "signatureVersion": "v4", "targetPrefix": "Thing_20240101",
        "uid": "thing-2024-01-01",
    },
    "documentation": "<p>The thing service.</p>",
    "operations": {
        "GetThing": {
            "name": "GetThing", "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "GetThingRequest"}, "output": {"shape": "GetThingResponse"},
            "errors": [{"shape": "NotFound"}], "documentation": "<p>Gets a thing.</p>",
        },
        "ListThings": {
            "name": "ListThings", "http": {"method": "GET", "requestUri": "/things"},
            "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListThingsResponse"},
        },
        "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/ping"}},
    },
    "shapes": {
        "GetThingRequest": {
            "type": "structure", "required": ["Name"],
            "members": {
                "Name": {"shape": "Name"}, "Mode": {"shape": "Mode"},
                "Limit": {"shape": "Limit"}, "Tags": {"shape": "TagList"},
                "Attrs": {"shape": "AttrMap"},
                "Token": {"shape": "String", "location": "header", "locationName": "x-token"},
            },
        },
        "GetThingResponse": {
            "type": "structure", "required": ["Arn"],
            "members": {
                "Arn": {"shape": "Arn"}, "Mode": {"shape": "Mode"}, "Created": {"shape": "Time"},
                "Count": {"shape": "Limit"}, "Body": {"shape": "Blob"},
            },
        },
        "ListThingsRequest": {
            "type": "structure",
            "members": {"MaxResults": {"shape": "Limit", "location": "querystring",
                                       "locationName": "maxResults"}},
        },
        "ListThingsResponse": {"type": "structure", "members": {"Names": {"shape": "NameList"}}},
        "NotFound": {
            "type": "structure", "members": {"Message": {"shape": "String"}},
            "error": {"httpStatusCode": 404, "senderFault": True}, "exception": True,
        },
        "Name": {"type": "string", "min": 1, "max": 64, "pattern": "^[a-z]+$"},
        "Arn": {"type": "string", "pattern": "^arn:.*$"},
        "Mode": {"type": "string", "enum": ["FAST", "SLOW"]},
        "Limit": {"type": "integer", "min": 1, "max": 100},
        "String": {"type": "string"},
        "Time": {"type": "timestamp"},
        "Blob": {"type": "blob"},
        "TagList": {"type": "list", "member": {"shape": "String"}},
        "NameList": {"type": "list", "member": {"shape": "Name"}},
        "AttrMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    },
}


def model() -> dict[str, Any]:
    return copy.deepcopy(_BASE)
