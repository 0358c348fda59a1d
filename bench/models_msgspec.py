"""msgspec model of the BatchCheckLayerAvailability request with the constraints the generated
validator checks: registryId 2..50 characters, repositoryName 2..205 characters matching the
model's pattern (msgspec searches, as the validator does), 1..100 layer digests of at most 1,000
characters each, no unknown keys, no coercion (msgspec.convert is strict by default), an absent
registryId allowed but an explicit None not. msgspec stops at the first error; on valid input it
also builds the Struct.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

REPOSITORY_NAME = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*"

RegistryIdOrAlias = Annotated[str, msgspec.Meta(min_length=2, max_length=50)]
RepositoryName = Annotated[
    str, msgspec.Meta(min_length=2, max_length=205, pattern=REPOSITORY_NAME)
]
BatchedOperationLayerDigest = Annotated[str, msgspec.Meta(max_length=1000)]


class BatchCheckLayerAvailabilityRequest(msgspec.Struct, forbid_unknown_fields=True,
                                         kw_only=True):
    registryId: RegistryIdOrAlias | msgspec.UnsetType = msgspec.UNSET
    repositoryName: RepositoryName
    layerDigests: Annotated[
        list[BatchedOperationLayerDigest], msgspec.Meta(min_length=1, max_length=100)
    ]


def validate(data: object) -> list[str]:
    """The first error as one "message" line; [] when valid."""
    try:
        msgspec.convert(data, BatchCheckLayerAvailabilityRequest)
    except msgspec.ValidationError as exc:
        return [str(exc)]
    return []
